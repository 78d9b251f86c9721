"""Background work of the messaging room: sending what is due right away, so a confirmation
arrives within seconds instead of at the next periodic tick."""

from __future__ import annotations

from django_tasks import task

from meedoen.messaging.delivery import outbox_deliver_due


@task()
def outbox_flush() -> dict[str, int | str]:
    """Claim and send every message that is due now (enqueued on commit by message_enqueue).
    Safe to run any number of times at once: claims keep each message to one worker."""
    return outbox_deliver_due().as_dict()
