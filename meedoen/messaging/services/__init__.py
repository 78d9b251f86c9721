"""Every change in the messaging room. Rooms call these; outbox.py holds the outbox itself
(enqueue, cancel, reschedule, unsubscribe), staff.py what staff do with messages."""

from meedoen.messaging.services.outbox import (
    Recipient,
    message_enqueue,
    messages_cancel,
    messages_reschedule,
    recipient_is_unsubscribed,
    unsubscribe_record,
)

__all__ = [
    "Recipient",
    "message_enqueue",
    "messages_cancel",
    "messages_reschedule",
    "recipient_is_unsubscribed",
    "unsubscribe_record",
]
