"""The evening meeting most message tests build on: planned on 1 March 2027, held on
25 March at 19:30 (Amsterdam time), so the reminder falls on 18 March at 10:00."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from meedoen.meetings import services as meeting_services
from meedoen.meetings.models import Meeting
from meedoen.registrations import services as registration_services

AMS = ZoneInfo("Europe/Amsterdam")
T0 = datetime(2027, 3, 1, 9, 0, tzinfo=AMS)
START = datetime(2027, 3, 25, 19, 30, tzinfo=AMS)


def evening_meeting(world, *, capacity: int = 40, published: bool = False) -> Meeting:
    meeting = meeting_services.meeting_create(
        actor=world.coordinator,
        title="Buurtavond",
        purpose="Kennismaken.",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=capacity,
        now=T0,
    )
    if published:
        registration_services.registration_settings_update(
            actor=world.coordinator, meeting=meeting, published=True, now=T0
        )
    return meeting
