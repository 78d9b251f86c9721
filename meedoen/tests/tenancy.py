"""What the URL walk needs to fill a staff URL: for each URL keyword argument named after a
model, a way to make such an object in a given team. A new room adds its kwargs here; the walk
fails for a kwarg it cannot fill, so no staff URL can be forgotten."""

from collections.abc import Callable

from meedoen.teams.models import Team
from meedoen.teams.tests.factories import InvitationFactory, MembershipFactory

OBJECT_FACTORIES: dict[str, Callable[[Team], int]] = {
    "membership_id": lambda team: MembershipFactory(team=team).pk,
    "invitation_id": lambda team: InvitationFactory(team=team).pk,
}
