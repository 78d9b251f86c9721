"""Every change the printing room makes: recording that badges or letters were printed (which
ticks the meeting's `badges_printed` checklist item), print runs for the worker, and purging
old runs, which hold personal data."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.meetings.models import Meeting
from meedoen.meetings.services import checklist_tick
from meedoen.printing.build import PERSONAL_KINDS, PERSONAL_OPTIONS, document_prepare
from meedoen.printing.models import DocumentKind, PrintRun
from meedoen.printing.tasks import print_run_generate_task
from meedoen.teams.errors import DomainError
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_own_team
from meedoen.teams.services import audit_log_record_action

logger = logging.getLogger(__name__)

RUN_KEEP_DAYS = 7


def print_page_url(meeting: Meeting) -> str:
    return reverse(
        "printing:print", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk}
    )


def document_print_record(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    items: int,
    now: datetime | None = None,
) -> None:
    """A team member printed something with personal data: say so in the audit log; badges
    also tick the meeting's checklist item "name badges ready"."""
    require_own_team(actor, meeting.team_id)
    if kind not in PERSONAL_KINDS:
        return
    now = now or timezone.now()
    with transaction.atomic():
        audit_log_record_action(
            actor=actor,
            action=f"printing.{kind}",
            obj=meeting,
            label=meeting.title,
            now=now,
            items=items,
        )
        _badges_printed_tick(actor=actor, meeting=meeting, kind=kind, now=now)


def _badges_printed_tick(*, actor: Membership, meeting: Meeting, kind: str, now: datetime) -> None:
    """Printed badges tick the meeting's checklist item "name badges ready"."""
    if kind == DocumentKind.BADGES:
        checklist_tick(
            meeting=meeting,
            key="badges_printed",
            evidence_url=print_page_url(meeting),
            by=actor.user,
            now=now,
        )


def print_run_create(
    *,
    actor: Membership,
    meeting: Meeting,
    kind: str,
    options: dict[str, Any],
    items: int,
    now: datetime | None = None,
) -> PrintRun:
    """Hand a large run to the worker; the print page follows its progress."""
    require_own_team(actor, meeting.team_id)
    if kind not in PERSONAL_KINDS:
        raise DomainError(_("This document is always made straight away."))
    now = now or timezone.now()
    with transaction.atomic():
        run = PrintRun(
            team=meeting.team,
            meeting=meeting,
            kind=kind,
            options=options,
            items=items,
            requested_by=actor,
            created_at=now,
        )
        run.full_clean()
        run.save()
        audit_log_record_action(
            actor=actor,
            action="printing.run",
            obj=meeting,
            label=meeting.title,
            now=now,
            kind=kind,
            items=items,
        )
        transaction.on_commit(lambda: print_run_generate_task.enqueue(print_run_id=run.pk))
    return run


def _progress_saver(run: PrintRun) -> Any:
    last = [0]

    def save(done: int, total: int) -> None:
        percent = min(99, int(100 * done / total)) if total else 99
        if percent >= last[0] + 5:
            last[0] = percent
            PrintRun.objects.filter(pk=run.pk).update(progress=percent, progress_at=timezone.now())

    return save


def print_run_generate(*, print_run_id: int, now: datetime | None = None) -> PrintRun | None:
    """Make the PDF of a queued run (the worker calls this). The addresses of letters are
    removed from the run afterwards, whether it worked or not."""
    with transaction.atomic():
        run = (
            PrintRun.objects.select_for_update()
            .filter(pk=print_run_id, status=PrintRun.Status.QUEUED)
            .first()
        )
        if run is None:
            return None
        run.status = PrintRun.Status.RUNNING
        run.progress_at = timezone.now()
        run.save(update_fields=["status", "progress_at"])
    actor = Membership.objects.select_related("team", "user").get(pk=run.requested_by_id)
    meeting = Meeting.objects.select_related("team", "venue").get(pk=run.meeting_id)
    try:
        prepared = document_prepare(
            actor=actor, meeting=meeting, kind=run.kind, options=run.options
        )
        run.pdf = prepared.render(_progress_saver(run))
        run.filename = prepared.filename
        run.status = PrintRun.Status.DONE
        run.progress = 100
    except DomainError as error:
        run.status = PrintRun.Status.FAILED
        run.error = str(error.message)[:300]
    except Exception:
        logger.exception("print run %s failed", run.pk)
        run.status = PrintRun.Status.FAILED
        run.error = _("Something went wrong while making the PDF. Please try again.")
    run.options = {k: v for k, v in run.options.items() if k not in PERSONAL_OPTIONS}
    run.finished_at = now or timezone.now()
    run.save(
        update_fields=["pdf", "filename", "status", "progress", "error", "options", "finished_at"]
    )
    if run.status == PrintRun.Status.DONE:
        _badges_printed_tick(actor=actor, meeting=meeting, kind=run.kind, now=run.finished_at)
    return run


def print_runs_purge(*, now: datetime | None = None) -> int:
    """Delete runs older than a week: their PDFs hold names and addresses."""
    cutoff = (now or timezone.now()) - timedelta(days=RUN_KEEP_DAYS)
    deleted, _details = PrintRun.objects.filter(created_at__lt=cutoff).delete()
    return deleted
