"""Meetings and the outbox: the provider for messages about a meeting (subject
``meeting:<id>``: save-the-date, invitation, follow-up update), and the listeners that rooms
above register to hear that a meeting moved or was cancelled (registrations then tell the
people who signed up), so `meetings` never imports them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format

from meedoen.meetings.models import Meeting, SocialMoment, Venue
from meedoen.messaging.models import Message, MessageKind
from meedoen.messaging.subjects import MEETING_PREFIX, SubjectContent, subject_provider_register

PREFIX = MEETING_PREFIX
# Not sent once the meeting is cancelled (an invitation still waiting, or retrying).
INVITING_KINDS = (MessageKind.SAVE_THE_DATE, MessageKind.INVITATION)

MeetingListener = Callable[[Meeting, datetime], None]
_MOVED: dict[str, MeetingListener] = {}
_CANCELLED: dict[str, MeetingListener] = {}


def meeting_listeners_register(
    key: str, *, moved: MeetingListener, cancelled: MeetingListener
) -> None:
    _MOVED[key] = moved
    _CANCELLED[key] = cancelled


def meeting_moved_tell(meeting: Meeting, *, now: datetime) -> None:
    for listener in _MOVED.values():
        listener(meeting, now)


def meeting_cancelled_tell(meeting: Meeting, *, now: datetime) -> None:
    for listener in _CANCELLED.values():
        listener(meeting, now)


def meeting_address(venue: Venue) -> str:
    """The venue's address on one line: street, postcode and city."""
    place = " ".join(p for p in (venue.postcode, venue.city) if p)
    return ", ".join(p for p in (venue.address, place) if p)


def venue_values(venue: Venue | None) -> dict[str, str]:
    """The venue in words: name, address, what it offers, parking and the route."""
    if venue is None:
        return {}
    present = [
        str(Venue._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        for name in Venue.ACCESSIBILITY_FIELDS
        if getattr(venue, name) and name != "parking_arranged"
    ]
    return {
        "place": venue.name,
        "address": meeting_address(venue),
        "accessibility": ", ".join(present),
        "parking": venue.parking,
        "route": venue.public_transport,
    }


def meeting_public_url(meeting: Meeting) -> str:
    return str(settings.MEEDOEN_BASE_URL) + reverse("public:meeting", kwargs={"code": meeting.code})


def meeting_times(meeting: Meeting) -> dict[str, str]:
    """When the meeting is, in words, in the active language (Amsterdam time): the day
    ("maandag 21 december 2026"), the start and the end ("19:30")."""
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return {
        "date": date_format(start, "l j F Y"),
        "time": time_format(start, "H:i"),
        "end_time": time_format(end, "H:i"),
    }


def meeting_values(meeting: Meeting) -> dict[str, str]:
    """The meeting in words, in the active language (Amsterdam time)."""
    values = {
        "meeting": meeting.title,
        **meeting_times(meeting),
        "social": (
            str(meeting.get_social_moment_display())
            if meeting.social_moment and meeting.social_moment != SocialMoment.NONE
            else ""
        ),
        "meeting_link": meeting_public_url(meeting),
    }
    values.update(venue_values(meeting.venue))
    return values


def meeting_content(pk: int, message: Message) -> SubjectContent | None:
    meeting = Meeting.objects.filter(pk=pk).select_related("venue").first()
    if meeting is None:
        return None
    if meeting.status == Meeting.Status.CANCELLED and message.kind in INVITING_KINDS:
        return None  # cancelled rather than sent: nobody is invited to a meeting that is off
    return SubjectContent(values=meeting_values(meeting))


subject_provider_register(PREFIX, meeting_content)
