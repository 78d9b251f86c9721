"""Every change to participation plans, stakeholders, rung plans, moments, methods and
mapping sessions. Actors are team memberships; viewers change nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.plans.catalogue import METHODS
from meedoen.plans.errors import (
    MappingSessionState,
    MappingUndecided,
    PlanArchived,
    StakeholderDuplicate,
)
from meedoen.plans.matching import name_normalize, names_similar
from meedoen.plans.models import (
    MappingDecision,
    MappingNote,
    MappingReflection,
    MappingSession,
    Method,
    MethodHidden,
    ParticipationPlan,
    PlannedMoment,
    Ring,
    RungPlan,
    Stakeholder,
    StakeholderKind,
)
from meedoen.plans.selectors import NoteGroup, mapping_note_groups
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_coordinator, require_editor, require_own_team
from meedoen.teams.services import audit_log_record_action


def _require_own_plan(actor: Membership, plan: ParticipationPlan, *, writable: bool = True) -> None:
    require_own_team(actor, plan.team_id)
    if writable and plan.status == ParticipationPlan.Status.ARCHIVED:
        raise PlanArchived(_("This plan is archived. Reopen it to change it."))


def _touch(plan: ParticipationPlan, now: datetime) -> None:
    plan.updated_at = now
    plan.save(update_fields=["updated_at"])


# ---------------------------------------------------------------------------------------------
# Plans

PLAN_FIELDS = (
    "title",
    "theme",
    "neighbourhoods",
    "goal",
    "decision_at_stake",
    "room_for_influence",
    "period_start",
    "period_end",
)


def plan_create(
    *, actor: Membership, now: datetime | None = None, **fields: Any
) -> ParticipationPlan:
    require_editor(actor)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_create does not take {sorted(unknown)}")
    now = now or timezone.now()
    plan = ParticipationPlan(
        team=actor.team, created_by=actor.user, created_at=now, updated_at=now, **fields
    )
    with transaction.atomic():
        plan.full_clean()
        plan.save()
        audit_log_record_action(
            actor=actor, action="plan.created", obj=plan, label=plan.title, now=now
        )
    return plan


def plan_update(
    *, actor: Membership, plan: ParticipationPlan, now: datetime | None = None, **fields: Any
) -> ParticipationPlan:
    _require_own_plan(actor, plan)
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update does not change {sorted(unknown)}")
    now = now or timezone.now()
    changed = [f for f, v in fields.items() if getattr(plan, f) != v]
    for field in changed:
        setattr(plan, field, fields[field])
    if not changed:
        return plan
    plan.updated_at = now
    with transaction.atomic():
        plan.full_clean()
        plan.save(update_fields=[*changed, "updated_at"])
        audit_log_record_action(
            actor=actor, action="plan.updated", obj=plan, label=plan.title, now=now, fields=changed
        )
    return plan


def plan_set_status(
    *, actor: Membership, plan: ParticipationPlan, status: str, now: datetime | None = None
) -> ParticipationPlan:
    """Archive a finished plan (read-only from then on) or reopen it."""
    _require_own_plan(actor, plan, writable=False)
    if status not in ParticipationPlan.Status.values:
        raise ValueError(status)
    if plan.status == status:
        return plan
    now = now or timezone.now()
    with transaction.atomic():
        plan.status = status
        plan.updated_at = now
        plan.save(update_fields=["status", "updated_at"])
        action = "plan.archived" if status == ParticipationPlan.Status.ARCHIVED else "plan.reopened"
        audit_log_record_action(actor=actor, action=action, obj=plan, label=plan.title, now=now)
    return plan


# ---------------------------------------------------------------------------------------------
# Stakeholders

STAKEHOLDER_FIELDS = ("name", "kind", "contact_person", "ring", "rung", "contribution", "notes")


def _similar_stakeholder(
    plan: ParticipationPlan, name: str, *, exclude_id: int | None = None
) -> Stakeholder | None:
    others = plan.stakeholders.all()
    if exclude_id is not None:
        others = others.exclude(pk=exclude_id)
    for stakeholder in others:
        if names_similar(stakeholder.name, name):
            return stakeholder
    return None


def _duplicate_error(existing: Stakeholder) -> StakeholderDuplicate:
    return StakeholderDuplicate(
        _(
            "“%(name)s” is already in this plan (or a name very much like it). "
            "Change that one, or choose a clearly different name."
        )
        % {"name": existing.name},
        existing=existing,
    )


def stakeholder_create(
    *, actor: Membership, plan: ParticipationPlan, now: datetime | None = None, **fields: Any
) -> Stakeholder:
    """Add a stakeholder; a name the plan already has (up to case, accents or a small typo)
    raises StakeholderDuplicate naming the existing one."""
    _require_own_plan(actor, plan)
    unknown = set(fields) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise TypeError(f"stakeholder_create does not take {sorted(unknown)}")
    now = now or timezone.now()
    name = " ".join(str(fields.pop("name", "")).split())
    stakeholder = Stakeholder(
        plan=plan, name=name, normalized_name=name_normalize(name), created_at=now, **fields
    )
    with transaction.atomic():
        # The (nearly) same name gets its own, clearer message below; the database constraint
        # still guards against two people adding the same name at the same moment.
        stakeholder.full_clean(validate_constraints=False)
        existing = _similar_stakeholder(plan, name)
        if existing is not None:
            raise _duplicate_error(existing)
        stakeholder.save()
        _touch(plan, now)
        audit_log_record_action(
            actor=actor,
            action="stakeholder.created",
            obj=stakeholder,
            label=stakeholder.name,
            now=now,
        )
    return stakeholder


def stakeholder_update(
    *, actor: Membership, stakeholder: Stakeholder, now: datetime | None = None, **fields: Any
) -> Stakeholder:
    """Change a stakeholder: rename, place in another ring, choose their rung, …"""
    _require_own_plan(actor, stakeholder.plan)
    unknown = set(fields) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise TypeError(f"stakeholder_update does not change {sorted(unknown)}")
    now = now or timezone.now()
    if "name" in fields:
        fields["name"] = " ".join(str(fields["name"]).split())
    changed = [f for f, v in fields.items() if getattr(stakeholder, f) != v]
    if not changed:
        return stakeholder
    for field in changed:
        setattr(stakeholder, field, fields[field])
    if "name" in changed:
        stakeholder.normalized_name = name_normalize(stakeholder.name)
        changed.append("normalized_name")
    with transaction.atomic():
        stakeholder.full_clean(validate_constraints=False)
        if "name" in changed:
            existing = _similar_stakeholder(
                stakeholder.plan, stakeholder.name, exclude_id=stakeholder.pk
            )
            if existing is not None:
                raise _duplicate_error(existing)
        stakeholder.save(update_fields=changed)
        _touch(stakeholder.plan, now)
        audit_log_record_action(
            actor=actor,
            action="stakeholder.updated",
            obj=stakeholder,
            label=stakeholder.name,
            now=now,
            fields=changed,
        )
    return stakeholder


def stakeholder_delete(
    *, actor: Membership, stakeholder: Stakeholder, now: datetime | None = None
) -> None:
    _require_own_plan(actor, stakeholder.plan)
    now = now or timezone.now()
    with transaction.atomic():
        label = stakeholder.name
        plan = stakeholder.plan
        stakeholder.delete()
        _touch(plan, now)
        audit_log_record_action(
            actor=actor, action="stakeholder.deleted", obj=plan, label=label, now=now
        )


# ---------------------------------------------------------------------------------------------
# Rungs: methods (step 3) and expected yield (step 4)


def rung_plan_set(
    *,
    actor: Membership,
    plan: ParticipationPlan,
    rung: str,
    methods: Iterable[Method],
    expected_yield: str,
    now: datetime | None = None,
) -> RungPlan:
    """Choose the methods for one rung of the plan and say what it should yield."""
    _require_own_plan(actor, plan)
    now = now or timezone.now()
    chosen = list(methods)
    for method in chosen:
        if method.team_id not in (None, actor.team_id):
            raise PermissionDenied
    with transaction.atomic():
        rung_plan, _created = RungPlan.objects.get_or_create(plan=plan, rung=rung)
        rung_plan.expected_yield = expected_yield.strip()
        rung_plan.full_clean()
        rung_plan.save(update_fields=["expected_yield"])
        rung_plan.methods.set(chosen)
        _touch(plan, now)
        audit_log_record_action(
            actor=actor,
            action="plan.rung_set",
            obj=plan,
            label=plan.title,
            now=now,
            rung=rung,
            methods=[m.name for m in chosen],
        )
    return rung_plan


# ---------------------------------------------------------------------------------------------
# Planned moments


def moment_create(
    *,
    actor: Membership,
    plan: ParticipationPlan,
    what: str,
    when: str = "",
    rung: str = "",
    method: Method | None = None,
    stakeholders: Iterable[Stakeholder] = (),
    now: datetime | None = None,
) -> PlannedMoment:
    _require_own_plan(actor, plan)
    now = now or timezone.now()
    chosen = list(stakeholders)
    if any(s.plan_id != plan.pk for s in chosen):
        raise PermissionDenied
    if method is not None and method.team_id not in (None, actor.team_id):
        raise PermissionDenied
    moment = PlannedMoment(
        plan=plan, what=what.strip(), when=when.strip(), rung=rung, method=method, created_at=now
    )
    with transaction.atomic():
        moment.full_clean()
        moment.save()
        moment.stakeholders.set(chosen)
        _touch(plan, now)
        audit_log_record_action(
            actor=actor, action="moment.created", obj=plan, label=moment.what, now=now
        )
    return moment


def moment_delete(*, actor: Membership, moment: PlannedMoment, now: datetime | None = None) -> None:
    _require_own_plan(actor, moment.plan)
    now = now or timezone.now()
    with transaction.atomic():
        plan, label = moment.plan, moment.what
        moment.delete()
        _touch(plan, now)
        audit_log_record_action(
            actor=actor, action="moment.deleted", obj=plan, label=label, now=now
        )


# ---------------------------------------------------------------------------------------------
# Methods catalogue

METHOD_FIELDS = (
    "name",
    "rungs",
    "description",
    "group_size",
    "duration",
    "preparation",
    "good_for",
)


def method_create(*, actor: Membership, now: datetime | None = None, **fields: Any) -> Method:
    """A team's own method, next to the built-in catalogue."""
    require_editor(actor)
    unknown = set(fields) - set(METHOD_FIELDS)
    if unknown:
        raise TypeError(f"method_create does not take {sorted(unknown)}")
    now = now or timezone.now()
    method = Method(team=actor.team, created_at=now, **fields)
    with transaction.atomic():
        method.full_clean()
        if not method.rungs:
            raise ValidationError({"rungs": _("Choose at least one rung.")})
        method.save()
        audit_log_record_action(
            actor=actor, action="method.created", obj=method, label=method.name, now=now
        )
    return method


def method_set_hidden(
    *, actor: Membership, method: Method, hidden: bool, now: datetime | None = None
) -> None:
    """Hide a built-in method the team never uses (or show it again)."""
    require_editor(actor)
    if not method.is_builtin:
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        if hidden:
            MethodHidden.objects.get_or_create(team=actor.team, method=method)
        else:
            MethodHidden.objects.filter(team=actor.team, method=method).delete()
        audit_log_record_action(
            actor=actor,
            action="method.hidden" if hidden else "method.shown",
            obj=method,
            label=method.name,
            now=now,
        )


# ---------------------------------------------------------------------------------------------
# Mapping sessions

MIN_SESSION_SECONDS = 30
MAX_SESSION_SECONDS = 30 * 60
# Notes sent in the last moment of the countdown still count (network and typing).
WRITING_GRACE = timedelta(seconds=3)


def _bump(session: MappingSession, *fields: str) -> None:
    session.version += 1
    session.save(update_fields=[*fields, "version"])


def _session_for_update(session: MappingSession) -> MappingSession:
    return MappingSession.objects.select_for_update().select_related("plan").get(pk=session.pk)


def mapping_session_open(
    *,
    actor: Membership,
    plan: ParticipationPlan,
    duration_seconds: int = 180,
    now: datetime | None = None,
) -> MappingSession:
    """Open a session for the plan (coordinators). An unfinished session is returned as is."""
    require_coordinator(actor)
    _require_own_plan(actor, plan)
    if not MIN_SESSION_SECONDS <= duration_seconds <= MAX_SESSION_SECONDS:
        raise MappingSessionState(_("Choose between half a minute and 30 minutes."))
    now = now or timezone.now()
    with transaction.atomic():
        current = plan.mapping_sessions.exclude(status=MappingSession.Status.CLOSED).first()
        if current is not None:
            return current
        session = MappingSession.objects.create(
            plan=plan, opened_by=actor.user, opened_at=now, duration_seconds=duration_seconds
        )
        audit_log_record_action(
            actor=actor, action="mapping.opened", obj=plan, label=plan.title, now=now
        )
    return session


def mapping_session_start(
    *, actor: Membership, session: MappingSession, now: datetime | None = None
) -> MappingSession:
    """Start the countdown: from now on everyone writes privately."""
    require_coordinator(actor)
    _require_own_plan(actor, session.plan)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(session)
        if session.status != MappingSession.Status.LOBBY:
            raise MappingSessionState(_("The countdown has already started."))
        session.status = MappingSession.Status.WRITING
        session.writing_ends_at = now + timedelta(seconds=session.duration_seconds)
        _bump(session, "status", "writing_ends_at")
    return session


def _require_phase(
    session: MappingSession, phase: str, now: datetime, *, grace: bool = False
) -> None:
    moment = now - WRITING_GRACE if grace else now
    if session.phase(now=moment) != phase:
        messages: dict[str, str] = {
            MappingSession.Status.LOBBY: _("The session has not started yet."),
            MappingSession.Status.WRITING: _("This can only be done while writing."),
            MappingSession.Status.REVEALED: _("This can only be done after the notes are shown."),
            MappingSession.Status.CLOSED: _("This session is closed."),
        }
        raise MappingSessionState(messages.get(phase, phase))


def mapping_note_add(
    *,
    actor: Membership,
    session: MappingSession,
    text: str,
    ring: str = Ring.MEDIUM,
    now: datetime | None = None,
) -> MappingNote:
    _require_own_plan(actor, session.plan)
    now = now or timezone.now()
    note = MappingNote(
        session=session, author=actor.user, text=" ".join(text.split()), ring=ring, created_at=now
    )
    with transaction.atomic():
        session = _session_for_update(session)
        _require_phase(session, MappingSession.Status.WRITING, now, grace=True)
        note.full_clean()
        note.save()
        _bump(session)
    return note


def _require_own_note(actor: Membership, note: MappingNote) -> None:
    """Only the author changes a note, and only in a plan of the actor's team."""
    _require_own_plan(actor, note.session.plan)
    if note.author_id != actor.user_id:
        raise PermissionDenied


def mapping_note_place(
    *, actor: Membership, note: MappingNote, ring: str, now: datetime | None = None
) -> MappingNote:
    """Move one of your own notes to another ring while writing."""
    _require_own_note(actor, note)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(note.session)
        _require_phase(session, MappingSession.Status.WRITING, now, grace=True)
        note.ring = ring
        note.full_clean()
        note.save(update_fields=["ring"])
        _bump(session)
    return note


def mapping_note_delete(
    *, actor: Membership, note: MappingNote, now: datetime | None = None
) -> None:
    _require_own_note(actor, note)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(note.session)
        _require_phase(session, MappingSession.Status.WRITING, now, grace=True)
        note.delete()
        _bump(session)


def mapping_session_reveal(
    *, actor: Membership, session: MappingSession, now: datetime | None = None
) -> MappingSession:
    """Show all notes now (the coordinator may end the writing early)."""
    require_coordinator(actor)
    _require_own_plan(actor, session.plan)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(session)
        if session.status not in (MappingSession.Status.WRITING, MappingSession.Status.REVEALED):
            raise MappingSessionState(_("Start the countdown first."))
        if session.status == MappingSession.Status.WRITING:
            session.status = MappingSession.Status.REVEALED
            session.revealed_at = now
            session.writing_ends_at = min(session.writing_ends_at or now, now)
            _bump(session, "status", "revealed_at", "writing_ends_at")
    return session


def mapping_reflection_add(
    *, actor: Membership, note: MappingNote, text: str, now: datetime | None = None
) -> MappingReflection:
    """Anyone in the team can write a reflection on any note once they are shown."""
    _require_own_plan(actor, note.session.plan)
    now = now or timezone.now()
    reflection = MappingReflection(note=note, author=actor.user, text=text.strip(), created_at=now)
    with transaction.atomic():
        session = _session_for_update(note.session)
        _require_phase(session, MappingSession.Status.REVEALED, now)
        reflection.full_clean()
        reflection.save()
        _bump(session)
    return reflection


def mapping_decide(
    *,
    actor: Membership,
    session: MappingSession,
    group_key: str,
    name: str,
    ring: str,
    kind: str = StakeholderKind.OTHER,
    now: datetime | None = None,
) -> MappingDecision:
    """The coordinator settles one stakeholder: its name, ring and kind."""
    require_coordinator(actor)
    _require_own_plan(actor, session.plan)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(session)
        _require_phase(session, MappingSession.Status.REVEALED, now)
        keys = {group.key for group in mapping_note_groups(session=session)}
        if group_key not in keys:
            raise MappingSessionState(_("That stakeholder is not in this session."))
        decision = MappingDecision.objects.filter(session=session, group_key=group_key).first()
        decision = decision or MappingDecision(session=session, group_key=group_key)
        decision.name = " ".join(name.split())
        decision.ring = ring
        decision.kind = kind
        decision.decided_by = actor.user
        decision.decided_at = now
        decision.full_clean()
        decision.save()
        _bump(session)
    return decision


def _outcome(group: NoteGroup) -> tuple[str, str, str]:
    """(name, ring, kind) for a group: the decision, or what everyone agreed on."""
    if group.decision is not None:
        return group.decision.name, group.decision.ring, group.decision.kind
    spelling = Counter(note.text for note in group.notes).most_common(1)[0][0]
    return spelling, group.notes[0].ring, StakeholderKind.OTHER


def mapping_session_close(
    *, actor: Membership, session: MappingSession, now: datetime | None = None
) -> list[Stakeholder]:
    """Close the session and turn its outcome into the plan's stakeholders: a stakeholder the
    plan already has (up to small differences) moves to the decided ring; new ones are added."""
    require_coordinator(actor)
    _require_own_plan(actor, session.plan)
    now = now or timezone.now()
    with transaction.atomic():
        session = _session_for_update(session)
        if session.status == MappingSession.Status.CLOSED:
            raise MappingSessionState(_("This session was already closed."))
        _require_phase(session, MappingSession.Status.REVEALED, now)
        groups = mapping_note_groups(session=session)
        open_questions = [g.name for g in groups if g.disagreement and g.decision is None]
        if open_questions:
            raise MappingUndecided(
                _("First decide the ring for: %(names)s.") % {"names": ", ".join(open_questions)}
            )
        plan = session.plan
        result = []
        for group in groups:
            name, ring, kind = _outcome(group)
            reflections = [r.text for note in group.notes for r in note.reflections.all()]
            existing = _similar_stakeholder(plan, name)
            if existing is None:
                stakeholder = Stakeholder(
                    plan=plan,
                    name=name,
                    normalized_name=name_normalize(name),
                    ring=ring,
                    kind=kind,
                    notes="\n".join(reflections),
                    created_at=now,
                )
                stakeholder.full_clean()
                stakeholder.save()
            else:
                stakeholder = existing
                stakeholder.ring = ring
                if reflections:
                    stakeholder.notes = "\n".join(filter(None, [stakeholder.notes, *reflections]))
                stakeholder.full_clean()
                stakeholder.save(update_fields=["ring", "notes"])
            result.append(stakeholder)
        session.status = MappingSession.Status.CLOSED
        session.closed_at = now
        _bump(session, "status", "closed_at")
        _touch(plan, now)
        audit_log_record_action(
            actor=actor,
            action="mapping.closed",
            obj=plan,
            label=plan.title,
            now=now,
            stakeholders=len(result),
        )
    return result


def methods_builtin_sync(*, method_model: Any = Method) -> int:
    """Make the built-in methods match the catalogue (by key). Used by data migrations, so it
    takes the historical model class; texts stay in the catalogue and are read at display."""
    for info in METHODS:
        method_model.objects.update_or_create(
            team=None, key=info.key, defaults={"name": info.name, "rungs": list(info.rungs)}
        )
    return len(METHODS)
