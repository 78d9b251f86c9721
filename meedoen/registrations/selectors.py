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
from meedoen.plans.matching import name_normalize, names_similar
from meedoen.registrations.models import (
    CheckIn,
    KeyFigure,
    NetworkPlace,
    Registration,
    RegistrationSettings,
    WalkIn,
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


def first_registration_id(*, actor: Membership, meeting: Meeting) -> int | None:
    """Real data for a test message or a preview: the first person still registered."""
    first = (
        registrations_for_meeting(actor=actor, meeting=meeting)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
    return first


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


# ---------------------------------------------------------------------------------------------
# At the door and afterwards


def present_registration_ids(*, meeting: Meeting) -> set[int]:
    """Registrations whose latest door event is a check-in."""
    # Later events overwrite earlier ones: the latest event per registration counts.
    latest = dict(
        CheckIn.objects.filter(meeting=meeting)
        .order_by("at", "id")
        .values_list("registration_id", "action")
    )
    return {pk for pk, action in latest.items() if action == CheckIn.Action.IN}


def door_search(
    *, actor: Membership, meeting: Meeting, query: str, limit: int = 20
) -> list[Registration]:
    """Find registrations at the door by name, tolerant of accents, case and small typos, or
    by the short check-in code."""
    if meeting.team_id != actor.team_id:
        raise Http404
    query = query.strip()
    candidates = list(
        Registration.objects.filter(meeting=meeting).exclude(status=Registration.Status.CANCELLED)
    )
    if not query:
        return []
    code = query.upper().replace(" ", "")
    by_code = [r for r in candidates if r.checkin_code == code]
    if by_code:
        return by_code
    wanted = name_normalize(query)
    wanted_words = wanted.split()
    scored = []
    for registration in candidates:
        name = name_normalize(registration.name)  # hyphens become spaces here
        words = name.split()
        if wanted in name or any(w.startswith(wanted) for w in words):
            scored.append((0, registration.name, registration))
        elif all(any(w.startswith(q) or names_similar(q, w) for w in words) for q in wanted_words):
            scored.append((1, registration.name, registration))
    return [r for _score, _name, r in sorted(scored, key=lambda t: (t[0], t[1]))][:limit]


def registration_by_checkin_code(*, actor: Membership, meeting: Meeting, code: str) -> Registration:
    if meeting.team_id != actor.team_id:
        raise Http404
    return one_or_404(
        Registration.objects.filter(meeting=meeting, checkin_code=code.strip().upper()).exclude(
            status=Registration.Status.CANCELLED
        )
    )


@dataclass
class Attendance:
    expected_places: int
    present_places: int
    walk_ins: int
    present_registrations: set[int]
    no_show_by_channel: dict[str, tuple[int, int]]  # channel: (no-shows, confirmed)
    no_show_by_comes_as: dict[str, tuple[int, int]]

    @property
    def still_to_come(self) -> int:
        return max(0, self.expected_places - self.present_places)

    @property
    def total_present(self) -> int:
        return self.present_places + self.walk_ins

    @property
    def no_shows(self) -> int:
        return sum(missing for missing, _total in self.no_show_by_channel.values())

    @property
    def confirmed(self) -> int:
        return sum(total for _missing, total in self.no_show_by_channel.values())

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.confirmed if self.confirmed else None


def attendance(*, meeting: Meeting) -> Attendance:
    """Who is expected, who came, and — per channel and per "I come as" — who did not."""
    present = present_registration_ids(meeting=meeting)
    confirmed = list(
        Registration.objects.filter(meeting=meeting, status=Registration.Status.CONFIRMED)
    )
    by_channel: dict[str, list[int]] = {}
    by_comes_as: dict[str, list[int]] = {}
    for registration in confirmed:
        missing = 0 if registration.pk in present else 1
        for key, table in (
            (registration.channel, by_channel),
            (registration.comes_as or "?", by_comes_as),
        ):
            counts = table.setdefault(key, [0, 0])
            counts[0] += missing
            counts[1] += 1
    return Attendance(
        expected_places=sum(r.places for r in confirmed),
        present_places=sum(
            r.places
            for r in Registration.objects.filter(meeting=meeting, pk__in=present).exclude(
                status=Registration.Status.CANCELLED
            )
        ),
        walk_ins=WalkIn.objects.filter(meeting=meeting).count(),
        present_registrations=present,
        no_show_by_channel={k: (v[0], v[1]) for k, v in by_channel.items()},
        no_show_by_comes_as={k: (v[0], v[1]) for k, v in by_comes_as.items()},
    )


def walk_ins_of(*, actor: Membership, meeting: Meeting) -> QuerySet[WalkIn]:
    if meeting.team_id != actor.team_id:
        raise Http404
    return WalkIn.objects.filter(meeting=meeting)


def recent_attendance(
    *, actor: Membership, now: datetime | None = None
) -> list[tuple[Meeting, Attendance]]:
    meetings = Meeting.objects.filter(
        team=actor.team_id, ends_at__lte=now or timezone.now(), status=Meeting.Status.PLANNED
    ).order_by("-starts_at")[:3]
    return [(m, attendance(meeting=m)) for m in meetings]
