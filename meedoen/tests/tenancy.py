"""What the URL walk needs to fill a staff URL: for each URL keyword argument named after a
model, a way to make such an object in a given team. A new room adds its kwargs here; the walk
fails for a kwarg it cannot fill, so no staff URL can be forgotten."""

from collections.abc import Callable

from meedoen.plans.tests.factories import (
    MappingNoteFactory,
    MappingSessionFactory,
    ParticipationPlanFactory,
    PlannedMomentFactory,
    StakeholderFactory,
    TeamMethodFactory,
)
from meedoen.teams.models import Team
from meedoen.teams.tests.factories import InvitationFactory, MembershipFactory

OBJECT_FACTORIES: dict[str, Callable[[Team], int]] = {
    "membership_id": lambda team: MembershipFactory(team=team).pk,
    "invitation_id": lambda team: InvitationFactory(team=team).pk,
    "participation_plan_id": lambda team: ParticipationPlanFactory(team=team).pk,
    "stakeholder_id": lambda team: StakeholderFactory(plan__team=team).pk,
    "planned_moment_id": lambda team: PlannedMomentFactory(plan__team=team).pk,
    "method_id": lambda team: TeamMethodFactory(team=team).pk,
    "mapping_session_id": lambda team: MappingSessionFactory(plan__team=team).pk,
    "mapping_note_id": lambda team: MappingNoteFactory(session__plan__team=team).pk,
}

# URL arguments that are not objects: a valid value, the same for every team.
PLAIN_VALUES: dict[str, str] = {
    "rung": "consult",
}
