"""Every read of registrations, scoped to the actor's team (404 otherwise); the public side
finds a registration only by its manage token and a meeting only by its public code."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from meedoen.meetings.models import Meeting
from meedoen.registrations.models import (
    KeyFigure,
    NetworkPlace,
    Registration,
    RegistrationSettings,
)
from meedoen.registrations.services import places_taken, token_hash, waiting_position
from meedoen.teams.models import Membership
from meedoen.teams.selectors import one_or_404


def meeting_public(*, code: str) -> Meeting:
    """A meeting by its public code; 404 unless its page is published."""
    return one_or_404(
        Meeting.objects.filter(code=code, registration_settings__published=True).select_related(
            "venue", "team", "registration_settings"
        )
    )


def registration_by_token(*, token: str) -> Registration:
    return one_or_404(
        Registration.objects.filter(manage_token_hash=token_hash(token)).select_related(
            "meeting__venue", "meeting__team", "key_figure"
        )
    )


@dataclass(frozen=True)
class KeyFigureInvite:
    """A key figure's personal link for one meeting. The token is derived (an HMAC of meeting
    and key figure with the site's secret), so showing a link never writes to the database."""

    key_figure: KeyFigure
    token: str


def key_figure_invite(*, meeting: Meeting, key_figure: KeyFigure) -> KeyFigureInvite:
    token = salted_hmac(
        "meedoen.registrations.key-figure-invite", f"{meeting.pk}:{key_figure.pk}"
    ).hexdigest()[:20]
    return KeyFigureInvite(key_figure, token)


def key_figure_invite_by_token(*, meeting: Meeting, token: str) -> KeyFigureInvite:
    """The invite behind a link, checked against every key figure of the meeting's team."""
    for figure in KeyFigure.objects.filter(team=meeting.team_id):
        invite = key_figure_invite(meeting=meeting, key_figure=figure)
        if constant_time_compare(invite.token, token):
            return invite
    raise Http404


def registration_settings_of(*, meeting: Meeting) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(meeting=meeting).first()


def registrations_for_meeting(*, actor: Membership, meeting: Meeting) -> QuerySet[Registration]:
    if meeting.team_id != actor.team_id:
        raise Http404
    return Registration.objects.filter(meeting=meeting).select_related("key_figure")


def registration_for_actor(*, actor: Membership, registration_id: int) -> Registration:
    return one_or_404(
        Registration.objects.filter(meeting__team=actor.team_id, pk=registration_id).select_related(
            "meeting", "key_figure"
        )
    )


def key_figures_for_actor(*, actor: Membership) -> QuerySet[KeyFigure]:
    return KeyFigure.objects.filter(team=actor.team_id)


def key_figure_for_actor(*, actor: Membership, key_figure_id: int) -> KeyFigure:
    return one_or_404(KeyFigure.objects.filter(team=actor.team_id, pk=key_figure_id))


def network_places_for_actor(*, actor: Membership) -> QuerySet[NetworkPlace]:
    return NetworkPlace.objects.filter(team=actor.team_id)


@dataclass
class RegistrationSummary:
    capacity: int
    confirmed_places: int
    waiting_places: int
    by_status: Counter[str] = field(default_factory=Counter)
    by_channel: Counter[str] = field(default_factory=Counter)
    by_comes_as: Counter[str] = field(default_factory=Counter)
    needs: Counter[str] = field(default_factory=Counter)
    diets: list[str] = field(default_factory=list)
    photo_refusals: int = 0

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.confirmed_places)


def registration_summary(*, meeting: Meeting) -> RegistrationSummary:
    """Counts for the team: places, per status and channel, and what catering and the venue
    need to know (needs of confirmed people only)."""
    summary = RegistrationSummary(meeting.capacity, places_taken(meeting), 0)
    for r in Registration.objects.filter(meeting=meeting):
        summary.by_status[r.status] += 1
        if r.status == Registration.Status.CANCELLED:
            continue
        summary.by_channel[r.channel] += 1
        if r.status == Registration.Status.WAITING:
            summary.waiting_places += r.places
            continue
        summary.by_comes_as[r.comes_as or "?"] += 1
        for need in r.needs:
            summary.needs[need] += 1
        if r.dietary:
            summary.diets.append(r.dietary)
        if r.photo_consent is False:
            summary.photo_refusals += 1
    return summary


def registration_position(*, registration: Registration) -> int | None:
    return waiting_position(registration)


def upcoming_registration_counts(
    *, actor: Membership, now: datetime | None = None
) -> list[tuple[Meeting, int]]:
    meetings = Meeting.objects.filter(
        team=actor.team_id, ends_at__gt=now or timezone.now(), status=Meeting.Status.PLANNED
    ).order_by("starts_at")[:5]
    return [(m, places_taken(m)) for m in meetings]
