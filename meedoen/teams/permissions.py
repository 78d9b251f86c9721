"""Checks every service makes before a change: the actor (a membership) may edit, is a
coordinator, and the object belongs to the actor's team. The URL layer checks the same
(`team_view`); services check again so no other caller can skip it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from meedoen.teams.models import Membership


def require_editor(actor: Membership) -> None:
    if not actor.can_edit:
        raise PermissionDenied(_("Viewers cannot change anything."))


def require_coordinator(actor: Membership) -> None:
    if not actor.is_coordinator:
        raise PermissionDenied(_("Only a coordinator of this team may do this."))


def require_own_team(actor: Membership, team_id: int) -> None:
    """The actor may edit, and the object is of the actor's own team."""
    require_editor(actor)
    if team_id != actor.team_id:
        raise PermissionDenied
