"""Periodic work: rooms register jobs; `meedoen worker` runs a tick every minute and
`meedoen periodic` runs one tick (for cron). Work that must happen at a moment is stored as rows
with a due time, so a job only has to pick up what is due."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from meedoen.teams.services import worker_heartbeat_record

logger = logging.getLogger(__name__)

PeriodicJob = Callable[[datetime], object]
_JOBS: dict[str, PeriodicJob] = {}


@dataclass(frozen=True)
class TickReport:
    ran: dict[str, object]
    failed: dict[str, str]


def periodic_job_register(name: str, job: PeriodicJob) -> None:
    _JOBS[name] = job


def periodic_jobs() -> dict[str, PeriodicJob]:
    return dict(_JOBS)


def periodic_tick(*, now: datetime | None = None, heartbeat: str = "worker") -> TickReport:
    """Run every registered job once. One failing job is logged and does not stop the others."""
    now = now or timezone.now()
    ran: dict[str, object] = {}
    failed: dict[str, str] = {}
    for name, job in sorted(_JOBS.items()):
        try:
            ran[name] = job(now)
        except Exception as error:
            logger.exception("periodic job %s failed", name)
            failed[name] = f"{type(error).__name__}: {error}"
    worker_heartbeat_record(name=heartbeat, now=now)
    return TickReport(ran=ran, failed=failed)
