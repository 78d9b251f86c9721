"""Every read of meetings and their parts, scoped to the actor's team (404 otherwise), and
the derived views: readiness per phase, the programme's timeline and hints, the run sheet's
state, what is due, and the tips to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from meedoen.meetings.catalogue import DEFAULT_TIPS, PHASES, PROGRAMME_HINTS, ROLES
from meedoen.meetings.models import (
    CalendarFeed,
    ChecklistItem,
    ChecklistStatus,
    Material,
    Meeting,
    OutreachAction,
    ProgrammeItem,
    Scenario,
    TeamChecklistItem,
    TeamTip,
    TipDismissal,
    Venue,
)
from meedoen.plans.models import ParticipationPlan
from meedoen.teams.models import Membership, User
from meedoen.teams.selectors import one_or_404

# ---------------------------------------------------------------------------------------------
# Lookups


def meetings_for_actor(*, actor: Membership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(team=actor.team_id).select_related("venue", "plan")


def meetings_upcoming(*, actor: Membership, now: datetime | None = None) -> QuerySet[Meeting]:
    return meetings_for_actor(actor=actor).filter(ends_at__gt=now or timezone.now())


def meetings_past(*, actor: Membership, now: datetime | None = None) -> QuerySet[Meeting]:
    return (
        meetings_for_actor(actor=actor)
        .filter(ends_at__lte=now or timezone.now())
        .order_by("-starts_at")
    )


def meeting_for_actor(*, actor: Membership, meeting_id: int) -> Meeting:
    return one_or_404(
        Meeting.objects.filter(team=actor.team_id, pk=meeting_id).select_related(
            "venue", "plan", "team", "run_item"
        )
    )


def meetings_for_plan(*, actor: Membership, plan: ParticipationPlan) -> QuerySet[Meeting]:
    return meetings_for_actor(actor=actor).filter(plan=plan)


def venues_for_actor(*, actor: Membership) -> QuerySet[Venue]:
    return Venue.objects.filter(team=actor.team_id)


def venue_for_actor(*, actor: Membership, venue_id: int) -> Venue:
    return one_or_404(Venue.objects.filter(team=actor.team_id, pk=venue_id))


def checklist_item_for_actor(*, actor: Membership, item_id: int) -> ChecklistItem:
    return one_or_404(
        ChecklistItem.objects.filter(meeting__team=actor.team_id, pk=item_id).select_related(
            "meeting"
        )
    )


def team_checklist_item_for_actor(*, actor: Membership, item_id: int) -> TeamChecklistItem:
    return one_or_404(TeamChecklistItem.objects.filter(team=actor.team_id, pk=item_id))


def scenario_for_actor(*, actor: Membership, scenario_id: int) -> Scenario:
    return one_or_404(
        Scenario.objects.filter(meeting__team=actor.team_id, pk=scenario_id).select_related(
            "meeting"
        )
    )


def programme_item_for_actor(*, actor: Membership, item_id: int) -> ProgrammeItem:
    return one_or_404(
        ProgrammeItem.objects.filter(meeting__team=actor.team_id, pk=item_id).select_related(
            "meeting"
        )
    )


def outreach_action_for_actor(*, actor: Membership, action_id: int) -> OutreachAction:
    return one_or_404(
        OutreachAction.objects.filter(meeting__team=actor.team_id, pk=action_id).select_related(
            "meeting"
        )
    )


def material_for_actor(*, actor: Membership, material_id: int) -> Material:
    return one_or_404(
        Material.objects.filter(meeting__team=actor.team_id, pk=material_id).select_related(
            "meeting"
        )
    )


def calendar_feed_by_token(*, token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(token=token).select_related("team", "user").first()
    if feed is None or not feed.user.memberships.filter(team=feed.team_id).exists():
        raise Http404
    return feed


def calendar_feed_of(*, actor: Membership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(team=actor.team_id, user=actor.user_id).first()


# ---------------------------------------------------------------------------------------------
# Checklist: per phase, what is due


@dataclass
class PhaseProgress:
    phase: str
    items: list[ChecklistItem]

    @property
    def counted(self) -> list[ChecklistItem]:
        return [i for i in self.items if i.status != ChecklistStatus.NOT_APPLICABLE]

    @property
    def done(self) -> int:
        return sum(1 for i in self.counted if i.status == ChecklistStatus.DONE)

    @property
    def percent(self) -> int:
        total = len(self.counted)
        return round(100 * self.done / total) if total else 100


@dataclass
class Readiness:
    phases: list[PhaseProgress]
    blockers: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.blockers


def meeting_checklist(*, meeting: Meeting) -> list[PhaseProgress]:
    items = list(meeting.checklist.select_related("owner", "meeting"))
    return [PhaseProgress(phase, [i for i in items if i.phase == phase]) for phase in PHASES]


def meeting_readiness(*, meeting: Meeting) -> Readiness:
    """Per phase the share done, and what still blocks marking the meeting ready: the
    required roles, a venue, a programme that fits, and the open preparation tasks."""
    phases = meeting_checklist(meeting=meeting)
    assigned = set(meeting.roles.values_list("role", flat=True))
    blockers = [
        _("no %(role)s yet") % {"role": str(role.name).lower()}
        for role in ROLES
        if role.required and role.key not in assigned
    ]
    if meeting.venue_id is None:
        blockers.append(_("no venue chosen"))
    timeline = programme_timeline(meeting=meeting)
    if not timeline.rows:
        blockers.append(_("no programme"))
    elif timeline.overrun_minutes > 0:
        blockers.append(
            _("the programme runs %(minutes)d minutes past the end")
            % {"minutes": timeline.overrun_minutes}
        )
    open_prepare = [i for i in phases[0].items if i.is_open and not i.optional]
    if open_prepare:
        blockers.append(_("%(count)d preparation tasks open") % {"count": len(open_prepare)})
    return Readiness(phases, blockers)


@dataclass(frozen=True)
class DueItem:
    item: ChecklistItem
    overdue: bool


def checklist_due(
    *, actor: Membership, now: datetime | None = None, days: int = 7
) -> list[DueItem]:
    """Open tasks of the team's planned meetings that are overdue or due within `days`."""
    today = timezone.localtime(now or timezone.now()).date()
    horizon = today + timedelta(days=days)
    items = ChecklistItem.objects.filter(
        meeting__team=actor.team_id,
        meeting__status=Meeting.Status.PLANNED,
        status=ChecklistStatus.OPEN,
        meeting__ends_at__gte=(now or timezone.now()) - timedelta(days=60),
    ).select_related("meeting", "owner")
    due = [DueItem(i, i.due_date < today) for i in items if i.due_date <= horizon]
    return sorted(due, key=lambda d: (d.item.due_date, d.item.meeting.starts_at))


# ---------------------------------------------------------------------------------------------
# Programme: times, fit and hints


@dataclass(frozen=True)
class ProgrammeRow:
    item: ProgrammeItem
    starts: datetime
    ends: datetime


@dataclass
class Timeline:
    rows: list[ProgrammeRow]
    total_minutes: int
    meeting_minutes: int
    hints: list[str | Promise]

    @property
    def overrun_minutes(self) -> int:
        return max(0, self.total_minutes - self.meeting_minutes)

    @property
    def spare_minutes(self) -> int:
        return max(0, self.meeting_minutes - self.total_minutes)


def programme_timeline(*, meeting: Meeting) -> Timeline:
    items = list(meeting.programme.select_related("method"))
    rows, clock = [], meeting.starts_at
    for item in items:
        end = clock + timedelta(minutes=item.duration_minutes)
        rows.append(ProgrammeRow(item, clock, end))
        clock = end
    total = sum(i.duration_minutes for i in items)
    return Timeline(rows, total, meeting.duration_minutes, programme_hints(meeting, rows, total))


def programme_hints(meeting: Meeting, rows: list[ProgrammeRow], total: int) -> list[str | Promise]:
    """What the method asks of a programme, said where it is missing."""
    if not rows:
        return []
    hints: list[str | Promise] = []
    kinds = [row.item.kind for row in rows]
    length = meeting.duration_minutes or 1

    def share(row: ProgrammeRow) -> float:
        return (row.starts - meeting.starts_at).total_seconds() / 60 / length

    if ProgrammeItem.Kind.INFORMAL not in kinds:
        hints.append(PROGRAMME_HINTS["no_informal_time"])
    checks = [row for row in rows if row.item.kind == ProgrammeItem.Kind.CHECK]
    if not any(0.25 <= share(row) <= 0.75 for row in checks):
        hints.append(PROGRAMME_HINTS["no_midway_check"])
    if not any(share(row) > 0.6 for row in checks):
        hints.append(PROGRAMME_HINTS["no_closing_check"])
    if ProgrammeItem.Kind.SUMMARY not in kinds:
        hints.append(PROGRAMME_HINTS["no_summary"])
    work_forms = {
        row.item.method_id or row.item.title.strip().lower()
        for row in rows
        if row.item.kind == ProgrammeItem.Kind.WORK_FORM
    }
    if len(work_forms) <= 1:
        hints.append(PROGRAMME_HINTS["one_kind_of_work_form"])
    if total > meeting.duration_minutes:
        hints.append(PROGRAMME_HINTS["too_long"])
    elif total < meeting.duration_minutes - 15:
        hints.append(PROGRAMME_HINTS["too_short"])
    return hints


# ---------------------------------------------------------------------------------------------
# Run sheet


@dataclass
class RunSheet:
    meeting: Meeting
    rows: list[ProgrammeRow]
    current: ProgrammeRow | None
    next: ProgrammeRow | None
    seconds_left: int | None
    overrun_minutes: int
    behind_minutes: int
    finished: bool

    @property
    def started(self) -> bool:
        return self.meeting.run_started_at is not None


def run_sheet(*, meeting: Meeting, now: datetime | None = None) -> RunSheet:
    """The timekeeper's view: the current item with its time left (negative time is overrun),
    the next item, and how far the whole meeting is behind its planned times."""
    now = now or timezone.now()
    rows = programme_timeline(meeting=meeting).rows
    index = next((i for i, r in enumerate(rows) if r.item.pk == meeting.run_item_id), None)
    current = rows[index] if index is not None else None
    following = rows[index + 1] if index is not None and index + 1 < len(rows) else None
    seconds_left, overrun, behind = None, 0, 0
    if current is not None and meeting.run_item_started_at is not None:
        planned = current.item.duration_minutes * 60
        elapsed = (now - meeting.run_item_started_at).total_seconds()
        seconds_left = int(planned - elapsed)
        overrun = max(0, int(-seconds_left // 60)) if seconds_left < 0 else 0
        behind = max(0, int((meeting.run_item_started_at - current.starts).total_seconds() // 60))
    return RunSheet(
        meeting,
        rows,
        current,
        following,
        seconds_left,
        overrun,
        behind,
        finished=meeting.run_finished_at is not None,
    )


# ---------------------------------------------------------------------------------------------
# Tips


@dataclass(frozen=True)
class ShownTip:
    key: str
    text: str
    own: bool


def tips_for_meeting(*, actor: Membership, user: User) -> dict[str, list[ShownTip]]:
    """Tips by topic, without the ones this person dismissed; the team's own tips too."""
    dismissed = set(TipDismissal.objects.filter(user=user).values_list("tip_key", flat=True))
    by_topic: dict[str, list[ShownTip]] = {}

    def add(topic: str, tip: ShownTip) -> None:
        if tip.key not in dismissed:
            by_topic.setdefault(topic, []).append(tip)

    for info in DEFAULT_TIPS:
        add(info.topic, ShownTip(info.key, str(info.text), own=False))
    for own in TeamTip.objects.filter(team=actor.team_id).order_by("created_at"):
        add(own.topic, ShownTip(f"team-{own.pk}", own.text, own=True))
    return by_topic


def tip_keys() -> set[str]:
    return {tip.key for tip in DEFAULT_TIPS}


def meetings_for_team_calendar(*, team_id: int) -> QuerySet[Meeting]:
    """For the private calendar feed: the token already proved access to this team."""
    return (
        Meeting.objects.filter(team=team_id).select_related("venue", "team").order_by("starts_at")
    )
