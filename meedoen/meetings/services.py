"""Every change to meetings, venues, checklists, roles, scenarios, the programme and its run
sheet, outreach, materials, tips and calendar feeds. Actors are team memberships."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.meetings.catalogue import (
    DEFAULT_CHECKLIST,
    DEFAULT_MATERIALS,
    DEFAULT_SCENARIOS,
    ROLES,
)
from meedoen.meetings.codes import meeting_code_for
from meedoen.meetings.errors import MeetingCancelled, MeetingNotReady, RunSheetState
from meedoen.meetings.messages import meeting_cancelled_tell, meeting_moved_tell
from meedoen.meetings.models import (
    CalendarFeed,
    ChecklistItem,
    ChecklistStatus,
    Material,
    Meeting,
    MeetingRole,
    OutreachAction,
    ProgrammeItem,
    Scenario,
    TeamChecklistItem,
    TeamTip,
    TipDismissal,
    Venue,
)
from meedoen.meetings.selectors import meeting_readiness
from meedoen.plans.models import Method, Stakeholder
from meedoen.teams.models import Membership, Team, User
from meedoen.teams.permissions import require_editor, require_own_team
from meedoen.teams.services import audit_log_record, audit_log_record_action


def _require_open_meeting(actor: Membership, meeting: Meeting) -> None:
    require_own_team(actor, meeting.team_id)
    if meeting.is_cancelled:
        raise MeetingCancelled(_("This meeting is cancelled; it can no longer be changed."))


def _check_members(actor: Membership, users: Iterable[User | None]) -> None:
    """People assigned to things must be members of the actor's team."""
    ids = {u.pk for u in users if u is not None}
    if ids and Membership.objects.filter(team=actor.team_id, user__in=ids).count() != len(ids):
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------
# Venues

VENUE_FIELDS = tuple(
    f.name
    for f in Venue._meta.get_fields()
    if f.concrete and f.name not in ("id", "team", "created_at")
)


def venue_create(*, actor: Membership, now: datetime | None = None, **fields: Any) -> Venue:
    require_editor(actor)
    _check_members(actor, [fields.get("visited_by")])
    venue = Venue(team=actor.team, created_at=now or timezone.now(), **fields)
    with transaction.atomic():
        venue.full_clean()
        venue.save()
        audit_log_record_action(
            actor=actor, action="venue.created", obj=venue, label=venue.name, now=now
        )
    return venue


def venue_update(
    *, actor: Membership, venue: Venue, now: datetime | None = None, **fields: Any
) -> Venue:
    require_own_team(actor, venue.team_id)
    _check_members(actor, [fields.get("visited_by")])
    changed = [f for f, v in fields.items() if getattr(venue, f) != v]
    if not changed:
        return venue
    for field in changed:
        setattr(venue, field, fields[field])
    with transaction.atomic():
        venue.full_clean()
        venue.save(update_fields=changed)
        audit_log_record_action(
            actor=actor,
            action="venue.updated",
            obj=venue,
            label=venue.name,
            now=now,
            fields=changed,
        )
    return venue


# ---------------------------------------------------------------------------------------------
# The team's checklist template


def team_checklist_template(*, team: Team) -> list[TeamChecklistItem]:
    """The team's template, made from the default catalogue the first time it is needed."""
    with transaction.atomic():
        items = list(TeamChecklistItem.objects.filter(team=team))
        if not items:
            TeamChecklistItem.objects.bulk_create(
                TeamChecklistItem(
                    team=team,
                    key=item.key,
                    phase=item.phase,
                    due_days=item.due_days,
                    optional=item.optional,
                    order=index,
                )
                for index, item in enumerate(DEFAULT_CHECKLIST)
            )
            items = list(TeamChecklistItem.objects.filter(team=team))
    return items


TEMPLATE_FIELDS = ("phase", "title", "help", "due_days", "optional", "active")


def team_checklist_item_save(
    *,
    actor: Membership,
    item: TeamChecklistItem | None = None,
    now: datetime | None = None,
    **fields: Any,
) -> TeamChecklistItem:
    """Change an item of the team's template, or add one (item=None). New meetings use it."""
    require_editor(actor)
    unknown = set(fields) - set(TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"team_checklist_item_save does not take {sorted(unknown)}")
    if item is None:
        team_checklist_template(team=actor.team)
        last = TeamChecklistItem.objects.filter(team=actor.team).aggregate(m=Max("order"))["m"]
        item = TeamChecklistItem(team=actor.team, order=(last or 0) + 1)
    elif item.team_id != actor.team_id:
        raise PermissionDenied
    for field, value in fields.items():
        setattr(item, field, value)
    with transaction.atomic():
        item.full_clean()
        item.save()
        audit_log_record_action(
            actor=actor, action="checklist_template.saved", obj=item, label=item.label, now=now
        )
    return item


# ---------------------------------------------------------------------------------------------
# Meetings

MEETING_FIELDS = (
    "title",
    "purpose",
    "expectations",
    "plan",
    "rungs",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "languages",
    "target_groups",
    "social_moment",
    "grouping",
    "venue",
    "team_present_at",
)


def _check_links(
    actor: Membership, fields: dict[str, Any], stakeholders: Iterable[Stakeholder]
) -> None:
    plan = fields.get("plan")
    venue = fields.get("venue")
    if plan is not None and plan.team_id != actor.team_id:
        raise PermissionDenied
    if venue is not None and venue.team_id != actor.team_id:
        raise PermissionDenied
    for stakeholder in stakeholders:
        if plan is None or stakeholder.plan_id != plan.pk:
            raise ValidationError(
                {"stakeholders": _("Choose stakeholders from the meeting's own plan.")}
            )


def meeting_create(
    *,
    actor: Membership,
    stakeholders: Iterable[Stakeholder] = (),
    now: datetime | None = None,
    **fields: Any,
) -> Meeting:
    """Plan a meeting: its checklist comes from the team's template, its scenarios and
    materials from the suggestions, all of which the team then edits."""
    require_editor(actor)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_create does not take {sorted(unknown)}")
    now = now or timezone.now()
    chosen = list(stakeholders)
    _check_links(actor, fields, chosen)
    meeting = Meeting(team=actor.team, created_by=actor.user, created_at=now, **fields)
    with transaction.atomic():
        meeting.code = meeting_code_for(
            actor.team.slug, meeting.date, lambda code: Meeting.objects.filter(code=code).exists()
        )
        meeting.full_clean()
        meeting.save()
        meeting.stakeholders.set(chosen)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(
                meeting=meeting,
                key=t.key,
                phase=t.phase,
                title=t.title,
                help=t.help,
                due_days=t.due_days,
                optional=t.optional,
                order=t.order,
            )
            for t in team_checklist_template(team=actor.team)
            if t.active
        )
        Scenario.objects.bulk_create(
            Scenario(meeting=meeting, key=s.key, order=i) for i, s in enumerate(DEFAULT_SCENARIOS)
        )
        Material.objects.bulk_create(
            Material(meeting=meeting, key=m.key) for m in DEFAULT_MATERIALS
        )
        audit_log_record_action(
            actor=actor, action="meeting.created", obj=meeting, label=meeting.title, now=now
        )
    return meeting


def meeting_update(
    *,
    actor: Membership,
    meeting: Meeting,
    stakeholders: Iterable[Stakeholder] | None = None,
    now: datetime | None = None,
    **fields: Any,
) -> Meeting:
    """Change a meeting. Moving it (another start or end) raises its schedule version, so
    the checklist's due dates follow and later rooms can tell registrants once."""
    _require_open_meeting(actor, meeting)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"meeting_update does not take {sorted(unknown)}")
    chosen = list(stakeholders) if stakeholders is not None else None
    _check_links(actor, {"plan": fields.get("plan", meeting.plan), **fields}, chosen or [])
    changed = [f for f, v in fields.items() if getattr(meeting, f) != v]
    moved = any(f in changed for f in ("starts_at", "ends_at"))
    for field in changed:
        setattr(meeting, field, fields[field])
    if moved:
        meeting.schedule_version += 1
        changed.append("schedule_version")
    with transaction.atomic():
        meeting.full_clean()
        if changed:
            meeting.save(update_fields=changed)
        if chosen is not None:
            meeting.stakeholders.set(chosen)
        if moved:
            audit_log_record_action(
                actor=actor,
                action="meeting.moved",
                obj=meeting,
                label=meeting.title,
                now=now,
                starts_at=meeting.starts_at.isoformat(),
            )
            # Rooms above tell the people concerned (once per schedule version).
            meeting_moved_tell(meeting, now=now or timezone.now())
        elif changed:
            audit_log_record_action(
                actor=actor,
                action="meeting.updated",
                obj=meeting,
                label=meeting.title,
                now=now,
                fields=changed,
            )
    return meeting


def meeting_cancel(
    *, actor: Membership, meeting: Meeting, reason: str, now: datetime | None = None
) -> Meeting:
    _require_open_meeting(actor, meeting)
    now = now or timezone.now()
    with transaction.atomic():
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancelled_at = now
        meeting.cancel_reason = reason.strip()
        meeting.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        audit_log_record_action(
            actor=actor, action="meeting.cancelled", obj=meeting, label=meeting.title, now=now
        )
        meeting_cancelled_tell(meeting, now=now)
    return meeting


def meeting_mark_ready(
    *, actor: Membership, meeting: Meeting, now: datetime | None = None
) -> Meeting:
    """Mark the meeting ready to take place; refused while something still blocks it."""
    _require_open_meeting(actor, meeting)
    blockers = meeting_readiness(meeting=meeting).blockers
    if blockers:
        raise MeetingNotReady(_("Not ready yet: %(list)s.") % {"list": "; ".join(blockers)})
    now = now or timezone.now()
    with transaction.atomic():
        meeting.ready_at = now
        meeting.save(update_fields=["ready_at"])
        audit_log_record_action(
            actor=actor, action="meeting.ready", obj=meeting, label=meeting.title, now=now
        )
    return meeting


# ---------------------------------------------------------------------------------------------
# Checklist


def checklist_item_update(
    *,
    actor: Membership,
    item: ChecklistItem,
    status: str | None = None,
    owner: User | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> ChecklistItem:
    _require_open_meeting(actor, item.meeting)
    _check_members(actor, [owner])
    now = now or timezone.now()
    changed = []
    if status is not None and status != item.status:
        if status not in ChecklistStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        item.status = status
        item.done_at = now if status == ChecklistStatus.DONE else None
        item.done_by = actor.user if status == ChecklistStatus.DONE else None
        changed += ["status", "done_at", "done_by"]
    if owner != item.owner:
        item.owner = owner
        changed.append("owner")
    if note is not None and note != item.note:
        item.note = note.strip()
        changed.append("note")
    if not changed:
        return item
    with transaction.atomic():
        item.full_clean()
        item.save(update_fields=changed)
        if "status" in changed:
            audit_log_record_action(
                actor=actor,
                action="checklist.status",
                obj=item.meeting,
                label=item.label,
                now=now,
                status=item.status,
            )
    return item


def checklist_item_create(
    *,
    actor: Membership,
    meeting: Meeting,
    phase: str,
    title: str,
    due_days: int,
    now: datetime | None = None,
) -> ChecklistItem:
    """A task of this meeting only (the team's template stays as it is)."""
    _require_open_meeting(actor, meeting)
    last = meeting.checklist.aggregate(m=Max("order"))["m"] or 0
    item = ChecklistItem(
        meeting=meeting, phase=phase, title=title.strip(), due_days=due_days, order=last + 1
    )
    with transaction.atomic():
        item.full_clean()
        item.save()
        audit_log_record_action(
            actor=actor, action="checklist.added", obj=meeting, label=item.label, now=now
        )
    return item


def checklist_tick(
    *,
    meeting: Meeting,
    key: str,
    evidence_url: str = "",
    by: User | None = None,
    now: datetime | None = None,
) -> ChecklistItem | None:
    """Other rooms call this when they did what a checklist item asks (sent the invitations,
    made the groups, printed the badges, …). Returns None when the meeting has no such item."""
    now = now or timezone.now()
    with transaction.atomic():
        item = meeting.checklist.select_for_update().filter(key=key).first()
        if item is None or item.status == ChecklistStatus.DONE:
            return item
        item.status = ChecklistStatus.DONE
        item.done_at = now
        item.done_by = by
        item.evidence_url = evidence_url[:300]
        item.save(update_fields=["status", "done_at", "done_by", "evidence_url"])
        audit_log_record(
            team=meeting.team,
            actor=by,
            action="checklist.ticked",
            subject=f"meeting:{meeting.pk}",
            subject_label=item.label,
            now=now,
            details={"key": key, "evidence": item.evidence_url},
        )
    return item


# ---------------------------------------------------------------------------------------------
# Roles, scenarios


def role_assign(
    *,
    actor: Membership,
    meeting: Meeting,
    role: str,
    user: User | None = None,
    name: str = "",
    now: datetime | None = None,
) -> MeetingRole | None:
    """Give a role to a team member or someone else; neither clears the role."""
    _require_open_meeting(actor, meeting)
    if role not in {r.key for r in ROLES}:
        raise ValidationError({"role": _("Unknown role.")})
    _check_members(actor, [user])
    name = name.strip()
    with transaction.atomic():
        if user is None and not name:
            meeting.roles.filter(role=role).delete()
            return None
        assignment, _created = MeetingRole.objects.update_or_create(
            meeting=meeting, role=role, defaults={"user": user, "name": "" if user else name}
        )
        assignment.full_clean()
        audit_log_record_action(
            actor=actor,
            action="meeting.role",
            obj=meeting,
            label=assignment.person,
            now=now,
        )
    return assignment


def scenario_save(
    *,
    actor: Membership,
    meeting: Meeting,
    scenario: Scenario | None = None,
    risk: str,
    response: str,
    owner: User | None = None,
) -> Scenario:
    _require_open_meeting(actor, meeting)
    _check_members(actor, [owner])
    if scenario is None:
        last = meeting.scenarios.aggregate(m=Max("order"))["m"] or 0
        scenario = Scenario(meeting=meeting, order=last + 1)
    elif scenario.meeting_id != meeting.pk:
        raise PermissionDenied
    scenario.risk, scenario.response, scenario.owner = risk.strip(), response.strip(), owner
    scenario.full_clean()
    scenario.save()
    return scenario


def scenario_delete(*, actor: Membership, scenario: Scenario) -> None:
    _require_open_meeting(actor, scenario.meeting)
    scenario.delete()


# ---------------------------------------------------------------------------------------------
# Programme and run sheet

PROGRAMME_FIELDS = ("title", "kind", "duration_minutes", "method", "led_by", "materials")


def programme_item_save(
    *,
    actor: Membership,
    meeting: Meeting,
    item: ProgrammeItem | None = None,
    **fields: Any,
) -> ProgrammeItem:
    _require_open_meeting(actor, meeting)
    unknown = set(fields) - set(PROGRAMME_FIELDS)
    if unknown:
        raise TypeError(f"programme_item_save does not take {sorted(unknown)}")
    method: Method | None = fields.get("method")
    if method is not None and method.team_id not in (None, actor.team_id):
        raise PermissionDenied
    if item is None:
        last = meeting.programme.aggregate(m=Max("order"))["m"] or 0
        item = ProgrammeItem(meeting=meeting, order=last + 1)
    elif item.meeting_id != meeting.pk:
        raise PermissionDenied
    for field, value in fields.items():
        setattr(item, field, value)
    if not 1 <= item.duration_minutes <= 24 * 60:
        raise ValidationError(
            {"duration_minutes": _("Give a duration between 1 and 1440 minutes.")}
        )
    item.full_clean()
    item.save()
    return item


def programme_item_move(*, actor: Membership, item: ProgrammeItem, up: bool) -> None:
    """Swap an item with its neighbour above or below."""
    _require_open_meeting(actor, item.meeting)
    items = list(item.meeting.programme.all())
    index = items.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    with transaction.atomic():
        for order, each in enumerate(items):
            if each.order != order:
                each.order = order
                each.save(update_fields=["order"])


def programme_item_delete(*, actor: Membership, item: ProgrammeItem) -> None:
    _require_open_meeting(actor, item.meeting)
    with transaction.atomic():
        if item.meeting.run_item_id == item.pk:
            raise RunSheetState(_("This item is running now; move on first."))
        item.delete()


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def run_sheet_start(*, actor: Membership, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """Start the programme's first item now (the timekeeper's "start")."""
    _require_open_meeting(actor, meeting)
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        first = meeting.programme.first()
        if first is None:
            raise RunSheetState(_("Add programme items first."))
        meeting.run_item = first
        meeting.run_item_started_at = now
        meeting.run_started_at = now
        meeting.run_finished_at = None
        meeting.save(
            update_fields=["run_item", "run_item_started_at", "run_started_at", "run_finished_at"]
        )
    return meeting


def run_sheet_step(
    *, actor: Membership, meeting: Meeting, forward: bool = True, now: datetime | None = None
) -> Meeting:
    """Move the run sheet to the next item (or back one). After the last item it finishes."""
    _require_open_meeting(actor, meeting)
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.run_item_id is None:
            raise RunSheetState(_("The run sheet has not started."))
        items = list(meeting.programme.all())
        index = next(i for i, each in enumerate(items) if each.pk == meeting.run_item_id)
        target = index + 1 if forward else max(0, index - 1)
        if target >= len(items):
            meeting.run_item = None
            meeting.run_item_started_at = None
            meeting.run_finished_at = now
        else:
            meeting.run_item = items[target]
            meeting.run_item_started_at = now
        meeting.save(update_fields=["run_item", "run_item_started_at", "run_finished_at"])
    return meeting


# ---------------------------------------------------------------------------------------------
# Outreach and materials

OUTREACH_FIELDS = ("kind", "description", "planned_on", "owner", "status", "how_it_went")


def outreach_action_save(
    *,
    actor: Membership,
    meeting: Meeting,
    action: OutreachAction | None = None,
    **fields: Any,
) -> OutreachAction:
    _require_open_meeting(actor, meeting)
    _check_members(actor, [fields.get("owner")])
    unknown = set(fields) - set(OUTREACH_FIELDS)
    if unknown:
        raise TypeError(f"outreach_action_save does not take {sorted(unknown)}")
    if action is None:
        action = OutreachAction(meeting=meeting)
    elif action.meeting_id != meeting.pk:
        raise PermissionDenied
    for field, value in fields.items():
        setattr(action, field, value)
    action.full_clean()
    action.save()
    return action


def outreach_action_delete(*, actor: Membership, action: OutreachAction) -> None:
    _require_open_meeting(actor, action.meeting)
    action.delete()


def material_save(
    *,
    actor: Membership,
    meeting: Meeting,
    material: Material | None = None,
    name: str,
    status: str,
    note: str = "",
) -> Material:
    _require_open_meeting(actor, meeting)
    if material is None:
        material = Material(meeting=meeting)
    elif material.meeting_id != meeting.pk:
        raise PermissionDenied
    material.name, material.status, material.note = name.strip(), status, note.strip()
    material.full_clean()
    material.save()
    return material


# ---------------------------------------------------------------------------------------------
# Tips


def tip_dismiss(*, user: User, tip_key: str) -> None:
    TipDismissal.objects.get_or_create(user=user, tip_key=tip_key[:80])


def tips_restore(*, user: User) -> int:
    deleted, _details = TipDismissal.objects.filter(user=user).delete()
    return deleted


def team_tip_create(
    *, actor: Membership, phase: str, topic: str, text: str, now: datetime | None = None
) -> TeamTip:
    require_editor(actor)
    tip = TeamTip(
        team=actor.team,
        phase=phase,
        topic=topic,
        text=text.strip(),
        created_by=actor.user,
        created_at=now or timezone.now(),
    )
    tip.full_clean()
    tip.save()
    return tip


# ---------------------------------------------------------------------------------------------
# Staff calendar


def calendar_feed_renew(*, actor: Membership) -> CalendarFeed:
    """A new private calendar address for this person and team (the old one stops working)."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.update_or_create(
            team=actor.team,
            user=actor.user,
            defaults={"token": secrets.token_urlsafe(32), "created_at": timezone.now()},
        )
    return feed
