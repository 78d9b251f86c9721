"""Every read of users, teams, memberships, invitations and the audit log, scoped to the actor.

The actor is a `Membership`: the signed-in user acting within one team. Object selectors take
it and raise Http404 for anything outside that team. This is the one place tenancy is
enforced; views never query models directly.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.teams.errors import InvitationInvalid
from meedoen.teams.models import AuditLogEntry, Invitation, Membership, User, WorkerHeartbeat

ModelT = TypeVar("ModelT", bound=Model)


def one_or_404(queryset: QuerySet[ModelT]) -> ModelT:
    """The one object a scoped queryset finds, or 404: the shape of every object selector."""
    found = queryset.first()
    if found is None:
        raise Http404
    return found


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def membership_for_user(*, user: User, team_slug: str) -> Membership:
    """The user's membership of the team in the URL; 404 when they are not in that team."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("team", "user")
        .filter(user=user, team__slug=team_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    """The teams a user belongs to, for the team switcher."""
    return Membership.objects.filter(user=user).select_related("team").order_by("team__name")


def team_members(*, actor: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(team=actor.team_id)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def membership_for_actor(*, actor: Membership, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_related("user", "team")
        .filter(team=actor.team_id, pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def team_invitations_open(
    *, actor: Membership, now: datetime | None = None
) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        team=actor.team_id,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now or timezone.now(),
    ).select_related("invited_by")


def invitation_for_actor(*, actor: Membership, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(team=actor.team_id, pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_open_by_token(
    *, token: str, now: datetime | None = None, lock: bool = False
) -> Invitation:
    """The open invitation behind a link, or InvitationInvalid saying why it cannot be used."""
    invitations = Invitation.objects.select_related("team", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise InvitationInvalid(
            _(
                "This invitation link is not valid. Check that you copied "
                "the whole link, or ask for a new invitation."
            )
        )
    if invitation.accepted_at:
        raise InvitationInvalid(_("This invitation has already been used. You can log in."))
    if invitation.revoked_at:
        raise InvitationInvalid(
            _(
                "This invitation was withdrawn or replaced by a newer one. "
                "Use the most recent invitation email."
            )
        )
    if invitation.expires_at <= (now or timezone.now()):
        raise InvitationInvalid(
            _("This invitation has expired. Ask the coordinator of the team for a new one.")
        )
    return invitation


def audit_log_for_team(*, actor: Membership) -> QuerySet[AuditLogEntry]:
    return AuditLogEntry.objects.filter(team=actor.team_id).select_related("actor")


def worker_heartbeat_age(*, now: datetime | None = None) -> float | None:
    """Seconds since any worker's last heartbeat, or None when no worker ever ran."""
    latest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if latest is None:
        return None
    return max(0.0, ((now or timezone.now()) - latest).total_seconds())


def user_exists(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()
