"""Every read of plans, stakeholders, methods and mapping sessions, scoped to the actor's team
(404 otherwise), plus the derived views: the ring map, the ladder, coverage warnings and the
grouped notes of a mapping session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.plans.catalogue import LADDER, RungInfo
from meedoen.plans.matching import name_normalize, names_group
from meedoen.plans.models import (
    MappingDecision,
    MappingNote,
    MappingSession,
    Method,
    MethodHidden,
    ParticipationPlan,
    PlannedMoment,
    Ring,
    Rung,
    RungPlan,
    Stakeholder,
    StakeholderKind,
)
from meedoen.teams.models import Membership
from meedoen.teams.selectors import one_or_404

# ---------------------------------------------------------------------------------------------
# Plans and their parts


def plans_for_actor(*, actor: Membership) -> QuerySet[ParticipationPlan]:
    return (
        ParticipationPlan.objects.filter(team=actor.team_id)
        .annotate(stakeholder_count=Count("stakeholders", distinct=True))
        .order_by("status", "-updated_at")
    )


def plan_for_actor(*, actor: Membership, plan_id: int) -> ParticipationPlan:
    return one_or_404(
        ParticipationPlan.objects.filter(team=actor.team_id, pk=plan_id).select_related("team")
    )


def stakeholder_for_actor(*, actor: Membership, stakeholder_id: int) -> Stakeholder:
    return one_or_404(
        Stakeholder.objects.filter(plan__team=actor.team_id, pk=stakeholder_id).select_related(
            "plan"
        )
    )


def moment_for_actor(*, actor: Membership, moment_id: int) -> PlannedMoment:
    return one_or_404(
        PlannedMoment.objects.filter(plan__team=actor.team_id, pk=moment_id).select_related("plan")
    )


def plan_stakeholders(*, plan: ParticipationPlan) -> QuerySet[Stakeholder]:
    return plan.stakeholders.order_by("name")


# ---------------------------------------------------------------------------------------------
# Methods


def _methods_visible(actor: Membership) -> QuerySet[Method]:
    return Method.objects.filter(Q(team__isnull=True) | Q(team=actor.team_id))


def method_for_actor(*, actor: Membership, method_id: int) -> Method:
    return one_or_404(_methods_visible(actor).filter(pk=method_id))


@dataclass(frozen=True)
class MethodRow:
    method: Method
    hidden: bool


def methods_catalogue(*, actor: Membership, include_hidden: bool = True) -> list[MethodRow]:
    """The catalogue as this team sees it: built-ins and the team's own methods."""
    hidden = set(
        MethodHidden.objects.filter(team=actor.team_id).values_list("method_id", flat=True)
    )
    rows = [MethodRow(m, m.pk in hidden) for m in _methods_visible(actor).order_by("name")]
    return [r for r in rows if include_hidden or not r.hidden]


def methods_for_rung(*, actor: Membership, rung: str) -> list[Method]:
    return [
        row.method
        for row in methods_catalogue(actor=actor, include_hidden=False)
        if rung in row.method.rungs
    ]


# ---------------------------------------------------------------------------------------------
# The plan overview: ring map, ladder, coverage


@dataclass(frozen=True)
class RungRow:
    info: RungInfo
    stakeholders: list[Stakeholder]
    rung_plan: RungPlan | None

    @property
    def methods(self) -> list[Method]:
        return list(self.rung_plan.methods.all()) if self.rung_plan else []


@dataclass(frozen=True)
class Warning:
    code: str
    message: str | Promise


@dataclass
class PlanOverview:
    plan: ParticipationPlan
    stakeholders: list[Stakeholder]
    by_ring: dict[str, list[Stakeholder]]
    ladder: list[RungRow]
    moments: list[PlannedMoment]
    warnings: list[Warning] = field(default_factory=list)

    @property
    def without_rung(self) -> list[Stakeholder]:
        return [s for s in self.stakeholders if not s.rung]


def plan_overview(*, actor: Membership, plan: ParticipationPlan) -> PlanOverview:
    if plan.team_id != actor.team_id:
        raise Http404
    stakeholders = list(plan.stakeholders.order_by("name").prefetch_related("moments"))
    rung_plans = {
        rp.rung: rp
        for rp in RungPlan.objects.filter(plan=plan).prefetch_related(
            Prefetch("methods", queryset=Method.objects.order_by("name"))
        )
    }
    moments = list(
        plan.moments.select_related("method")
        .prefetch_related("stakeholders")
        .order_by("created_at")
    )
    by_ring = {ring: [s for s in stakeholders if s.ring == ring] for ring in Ring.values}
    ladder = [
        RungRow(info, [s for s in stakeholders if s.rung == info.key], rung_plans.get(info.key))
        for info in LADDER
    ]
    overview = PlanOverview(plan, stakeholders, by_ring, ladder, moments)
    overview.warnings = plan_coverage_warnings(overview)
    return overview


def plan_coverage_warnings(overview: PlanOverview) -> list[Warning]:
    """What a careful colleague would point out before the plan is shared."""
    warnings: list[Warning] = []
    residents = [s for s in overview.stakeholders if s.kind == StakeholderKind.RESIDENT_GROUP]
    if not residents:
        warnings.append(
            Warning("no_residents", _("The plan has no residents or resident group at all."))
        )
    elif all(s.rung in ("", Rung.INFORM) for s in residents):
        warnings.append(
            Warning(
                "residents_only_informed",
                _("Residents are only informed. Could they also be asked, advise or work along?"),
            )
        )
    warnings.extend(
        Warning(
            f"rung_without_method:{row.info.key}",
            _("“%(rung)s” is used, but no method is chosen for it.") % {"rung": row.info.name},
        )
        for row in overview.ladder
        if row.stakeholders and not row.methods
    )
    planned_rungs = {m.rung for m in overview.moments if m.rung}
    covered_rungs = {row.info.key for row in overview.ladder if row.methods} | planned_rungs
    for stakeholder in overview.by_ring[Ring.HIGH]:
        has_moment = any(True for _m in stakeholder.moments.all())
        if not has_moment and stakeholder.rung not in covered_rungs:
            warnings.append(
                Warning(
                    f"high_interest_uncovered:{stakeholder.pk}",
                    _("%(name)s has a high interest, but no method or moment is planned for them.")
                    % {"name": stakeholder.name},
                )
            )
    return warnings


# ---------------------------------------------------------------------------------------------
# Mapping sessions


def mapping_session_for_actor(*, actor: Membership, session_id: int) -> MappingSession:
    return one_or_404(
        MappingSession.objects.filter(plan__team=actor.team_id, pk=session_id).select_related(
            "plan", "opened_by"
        )
    )


def mapping_note_for_actor(*, actor: Membership, note_id: int) -> MappingNote:
    return one_or_404(
        MappingNote.objects.filter(session__plan__team=actor.team_id, pk=note_id).select_related(
            "session__plan"
        )
    )


def mapping_session_current(*, plan: ParticipationPlan) -> MappingSession | None:
    return plan.mapping_sessions.exclude(status=MappingSession.Status.CLOSED).first()


def mapping_sessions_closed(*, plan: ParticipationPlan) -> QuerySet[MappingSession]:
    return plan.mapping_sessions.filter(status=MappingSession.Status.CLOSED)


@dataclass
class NoteGroup:
    """Notes that name the same stakeholder. `key` stays the same while the notes do."""

    key: str
    name: str
    notes: list[MappingNote]
    decision: MappingDecision | None

    @property
    def rings(self) -> list[str]:
        return sorted({n.ring for n in self.notes}, key=Ring.values.index)

    @property
    def disagreement(self) -> bool:
        return len(self.rings) > 1

    @property
    def ring(self) -> str:
        if self.decision is not None:
            return self.decision.ring
        return self.notes[0].ring if not self.disagreement else ""

    @property
    def authors(self) -> int:
        return len({n.author_id for n in self.notes})


def mapping_note_groups(*, session: MappingSession) -> list[NoteGroup]:
    notes = list(
        session.notes.select_related("author")
        .prefetch_related("reflections__author")
        .order_by("created_at", "id")
    )
    decisions = {d.group_key: d for d in session.decisions.all()}
    groups = []
    for members in names_group([n.text for n in notes]):
        group_notes = [notes[i] for i in members]
        key = name_normalize(group_notes[0].text) or f"note-{group_notes[0].pk}"
        decision = decisions.get(key)
        name = decision.name if decision else group_notes[0].text
        groups.append(NoteGroup(key, name, group_notes, decision))
    # Disagreements first: they are what the team should talk about.
    return sorted(
        groups, key=lambda g: (not (g.disagreement and g.decision is None), g.name.lower())
    )


@dataclass
class MappingBoard:
    session: MappingSession
    status: str
    seconds_left: int | None
    own_notes: list[MappingNote]
    notes_per_author: dict[str, int]
    groups: list[NoteGroup]


def mapping_board(
    *, actor: Membership, session: MappingSession, now: datetime | None = None
) -> MappingBoard:
    """What one person sees: while writing only their own notes and how many others wrote;
    after that, every note, grouped, with the disagreements first."""
    now = now or timezone.now()
    status = session.phase(now=now)
    seconds_left = None
    if status == MappingSession.Status.WRITING and session.writing_ends_at:
        seconds_left = max(0, int((session.writing_ends_at - now).total_seconds() + 0.999))
    own = list(session.notes.filter(author=actor.user_id).order_by("created_at", "id"))
    counts: dict[str, int] = {}
    for note in session.notes.select_related("author"):
        author = str(note.author) if note.author else "?"
        counts[author] = counts.get(author, 0) + 1
    groups = (
        []
        if status in (MappingSession.Status.LOBBY, MappingSession.Status.WRITING)
        else (mapping_note_groups(session=session))
    )
    return MappingBoard(session, status, seconds_left, own, counts, groups)
