"""The team's meetings as an iCalendar feed (RFC 5545) for staff calendars."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from meedoen.meetings.models import Meeting


def meetings_calendar(meetings: Iterable[Meeting], *, team_name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Meedoen//meetings//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Meedoen · {team_name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    first = last = None
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@meedoen")
        cancelled = f" ({_('cancelled')})" if meeting.is_cancelled else ""
        event.add("summary", meeting.title + cancelled)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("dtstamp", meeting.created_at)
        event.add("sequence", meeting.schedule_version)
        event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
        if meeting.venue:
            event.add(
                "location",
                f"{meeting.venue.name}, {meeting.venue.address} {meeting.venue.city}".strip(),
            )
        link = settings.MEEDOEN_BASE_URL + reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
        )
        event.add("url", link)
        event.add("description", f"{meeting.purpose}\n\n{link}")
        calendar.add_component(event)
        first = min(first, meeting.starts_at) if first else meeting.starts_at
        last = max(last, meeting.ends_at) if last else meeting.ends_at
    if first and last:
        calendar.add_missing_timezones(
            first_date=first.date(), last_date=(last + timedelta(days=1)).date()
        )
    return bytes(calendar.to_ical())
