"""Every change to users, teams, memberships, invitations and the audit log."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from meedoen.teams.errors import AlreadyMember, InvitationInvalid, LastCoordinator
from meedoen.teams.models import (
    AuditLogEntry,
    Invitation,
    Membership,
    Role,
    Team,
    User,
    WorkerHeartbeat,
)
from meedoen.teams.permissions import require_coordinator
from meedoen.teams.selectors import invitation_open_by_token, token_hash

# ---------------------------------------------------------------------------------------------
# Audit log


def audit_log_record(
    *,
    team: Team | None,
    actor: User | None,
    action: str,
    subject: str = "",
    subject_label: str = "",
    details: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> AuditLogEntry:
    """Write one row of the audit log. Call it inside the service's transaction."""
    return AuditLogEntry.objects.create(
        team=team,
        actor=actor,
        action=action,
        subject=subject,
        subject_label=subject_label[:300],
        details=details or {},
        created_at=now or timezone.now(),
    )


def audit_log_record_action(
    *,
    actor: Membership,
    action: str,
    obj: object,
    label: str,
    now: datetime | None = None,
    **details: Any,
) -> AuditLogEntry:
    """Record that a team member did something to an object of their team."""
    return audit_log_record(
        team=actor.team,
        actor=actor.user,
        action=action,
        subject=f"{type(obj).__name__.lower()}:{getattr(obj, 'pk', '')}",
        subject_label=label,
        details=details,
        now=now,
    )


# ---------------------------------------------------------------------------------------------
# Teams


def team_create(
    *,
    actor: User,
    name: str,
    slug: str,
    municipality: str,
    neighbourhoods: list[str] | None = None,
    form_of_address: str = Team.FormOfAddress.FORMAL,
    now: datetime | None = None,
) -> Team:
    """Create a team with `actor` as its first coordinator."""
    now = now or timezone.now()
    team = Team(
        name=name.strip(),
        slug=slug,
        municipality=municipality.strip(),
        neighbourhoods=[n.strip() for n in (neighbourhoods or []) if n.strip()],
        form_of_address=form_of_address,
        created_at=now,
    )
    with transaction.atomic():
        team.full_clean()
        team.save()
        Membership.objects.create(team=team, user=actor, role=Role.COORDINATOR, created_at=now)
        audit_log_record(
            team=team,
            actor=actor,
            action="team.created",
            subject=f"team:{team.pk}",
            subject_label=team.name,
            now=now,
        )
    return team


TEAM_SETTINGS_FIELDS = (
    "name",
    "municipality",
    "neighbourhoods",
    "form_of_address",
    "theme_class",
    "theme_stylesheet_url",
)


def team_update(*, actor: Membership, now: datetime | None = None, **changes: Any) -> Team:
    """Change the team's settings (coordinators only)."""
    require_coordinator(actor)
    unknown = set(changes) - set(TEAM_SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"team_update does not change {sorted(unknown)}")
    team = actor.team
    changed = [field for field, value in changes.items() if getattr(team, field) != value]
    for field in changed:
        setattr(team, field, changes[field])
    if not changed:
        return team
    with transaction.atomic():
        team.full_clean()
        team.save(update_fields=changed)
        audit_log_record(
            team=team,
            actor=actor.user,
            action="team.updated",
            subject=f"team:{team.pk}",
            subject_label=team.name,
            details={"fields": changed},
            now=now,
        )
    return team


# ---------------------------------------------------------------------------------------------
# Invitations


def invitation_create(
    *,
    actor: Membership,
    email: str,
    role: str,
    now: datetime | None = None,
) -> tuple[Invitation, str]:
    """Invite someone by email; returns the invitation and the token for the link.

    An earlier open invitation for the same address is replaced, so only the newest link works.
    """
    require_coordinator(actor)
    now = now or timezone.now()
    email = User.objects.normalize_email(email).strip().lower()
    team = actor.team
    if Membership.objects.filter(team=team, user__email__iexact=email).exists():
        raise AlreadyMember(_("%(email)s is already a member of this team.") % {"email": email})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        team=team,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=actor.user,
        created_at=now,
        expires_at=now + timedelta(days=settings.MEEDOEN_INVITATION_DAYS),
    )
    with transaction.atomic():
        Invitation.objects.filter(
            team=team, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation.full_clean()
        invitation.save()
        audit_log_record(
            team=team,
            actor=actor.user,
            action="invitation.created",
            subject=f"invitation:{invitation.pk}",
            subject_label=email,
            details={"role": role},
            now=now,
        )
        language = translation.get_language() or settings.LANGUAGE_CODE
        transaction.on_commit(
            lambda: _invitation_send(invitation=invitation, token=token, language=language)
        )
    return invitation, token


def _invitation_send(*, invitation: Invitation, token: str, language: str) -> None:
    link = settings.MEEDOEN_BASE_URL + reverse("teams:invitation_accept", args=[token])
    with translation.override(language):
        context = {
            "invitation": invitation,
            "team": invitation.team,
            "inviter": invitation.invited_by,
            "link": link,
            "days": settings.MEEDOEN_INVITATION_DAYS,
        }
        subject = _("You are invited to join %(team)s in Meedoen") % {"team": invitation.team.name}
        body = render_to_string("teams/email/invitation.txt", context)
        html = render_to_string("teams/email/invitation.html", context)
    send_mail(subject, body, None, [invitation.email], html_message=html)


def invitation_revoke(
    *, actor: Membership, invitation: Invitation, now: datetime | None = None
) -> Invitation:
    require_coordinator(actor)
    if invitation.team_id != actor.team_id:
        raise PermissionDenied
    now = now or timezone.now()
    if invitation.accepted_at or invitation.revoked_at:
        return invitation
    with transaction.atomic():
        invitation.revoked_at = now
        invitation.save(update_fields=["revoked_at"])
        audit_log_record(
            team=invitation.team,
            actor=actor.user,
            action="invitation.revoked",
            subject=f"invitation:{invitation.pk}",
            subject_label=invitation.email,
            now=now,
        )
    return invitation


def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    now: datetime | None = None,
) -> Membership:
    """Accept an invitation: as the logged-in `user`, or by creating an account with a name and
    password for the invited address."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = invitation_open_by_token(token=token, now=now, lock=True)
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvitationInvalid(
                    _("There is already an account for %(email)s. Log in to accept.")
                    % {"email": invitation.email}
                )
            user = User(email=invitation.email, full_name=full_name.strip(), date_joined=now)
            validate_password(password, user)
            user.set_password(password)
            user.full_clean()
            user.save()
        elif user.email.lower() != invitation.email.lower():
            raise InvitationInvalid(
                _("This invitation is for %(email)s, but you are logged in as %(you)s.")
                % {"email": invitation.email, "you": user.email}
            )
        if Membership.objects.filter(team=invitation.team, user=user).exists():
            raise AlreadyMember(_("You are already a member of this team."))
        membership = Membership.objects.create(
            team=invitation.team, user=user, role=invitation.role, created_at=now
        )
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
        audit_log_record(
            team=invitation.team,
            actor=user,
            action="invitation.accepted",
            subject=f"membership:{membership.pk}",
            subject_label=str(user),
            now=now,
        )
    return membership


def invitations_purge_expired(*, now: datetime | None = None) -> int:
    """Delete invitations that ended more than 30 days ago (they hold an email address)."""
    cutoff = (now or timezone.now()) - timedelta(days=30)
    deleted, _details = Invitation.objects.filter(expires_at__lt=cutoff).delete()
    return deleted


# ---------------------------------------------------------------------------------------------
# Memberships


def membership_create(
    *, actor: User | None, team: Team, user: User, role: str, now: datetime | None = None
) -> Membership:
    """Add an existing user to a team directly (platform admins and the demo; team
    coordinators invite by email instead)."""
    now = now or timezone.now()
    if Membership.objects.filter(team=team, user=user).exists():
        raise AlreadyMember(
            _("%(email)s is already a member of this team.") % {"email": user.email}
        )
    membership = Membership(team=team, user=user, role=role, created_at=now)
    with transaction.atomic():
        membership.full_clean()
        membership.save()
        audit_log_record(
            team=team,
            actor=actor,
            action="membership.created",
            subject=f"membership:{membership.pk}",
            subject_label=str(user),
            details={"role": role},
            now=now,
        )
    return membership


def _coordinators_left_without(membership: Membership) -> int:
    return (
        Membership.objects.filter(team=membership.team_id, role=Role.COORDINATOR)
        .exclude(pk=membership.pk)
        .count()
    )


def membership_change_role(
    *, actor: Membership, membership: Membership, role: str, now: datetime | None = None
) -> Membership:
    require_coordinator(actor)
    if membership.team_id != actor.team_id:
        raise PermissionDenied
    if role not in Role.values:
        raise ValueError(role)
    if membership.role == role:
        return membership
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=membership.team_id)
        if membership.role == Role.COORDINATOR and _coordinators_left_without(membership) == 0:
            raise LastCoordinator(
                _("A team needs at least one coordinator. Make someone else coordinator first.")
            )
        old_role = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_log_record(
            team=membership.team,
            actor=actor.user,
            action="membership.role_changed",
            subject=f"membership:{membership.pk}",
            subject_label=str(membership.user),
            details={"from": old_role, "to": role},
            now=now,
        )
    return membership


def membership_remove(
    *, actor: Membership, membership: Membership, now: datetime | None = None
) -> None:
    """Remove someone from the team (their account stays; they may be in other teams)."""
    require_coordinator(actor)
    if membership.team_id != actor.team_id:
        raise PermissionDenied
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=membership.team_id)
        if membership.role == Role.COORDINATOR and _coordinators_left_without(membership) == 0:
            raise LastCoordinator(
                _("A team needs at least one coordinator. Make someone else coordinator first.")
            )
        label = str(membership.user)
        subject = f"membership:{membership.pk}"
        membership.delete()
        audit_log_record(
            team=actor.team,
            actor=actor.user,
            action="membership.removed",
            subject=subject,
            subject_label=label,
            now=now,
        )


# ---------------------------------------------------------------------------------------------
# Users


def user_update_profile(*, user: User, full_name: str) -> User:
    user.full_name = full_name.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name"])
    return user


# ---------------------------------------------------------------------------------------------
# Worker upkeep

TASK_RESULTS_KEPT = timedelta(days=14)


def task_results_prune(*, now: datetime | None = None) -> int:
    """Delete finished background-task results older than two weeks (only clutter by then)."""
    cutoff = (now or timezone.now()) - TASK_RESULTS_KEPT
    deleted, _details = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted


def worker_heartbeat_record(*, name: str = "worker", now: datetime | None = None) -> None:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": now or timezone.now()})
