"""What the URL walk needs to fill a staff URL: for each URL keyword argument named after a
model, a way to make such an object in a given team. A new room adds its kwargs here; the walk
fails for a kwarg it cannot fill, so no staff URL can be forgotten."""

from collections.abc import Callable

from meedoen.meetings.tests.factories import (
    ChecklistItemFactory,
    MaterialFactory,
    MeetingFactory,
    OutreachActionFactory,
    ProgrammeItemFactory,
    ScenarioFactory,
    TeamChecklistItemFactory,
    VenueFactory,
)
from meedoen.messaging.tests.factories import ContactFactory, MessageFactory
from meedoen.plans.tests.factories import (
    MappingNoteFactory,
    MappingSessionFactory,
    ParticipationPlanFactory,
    PlannedMomentFactory,
    StakeholderFactory,
    TeamMethodFactory,
)
from meedoen.printing.tests.factories import PrintRunFactory
from meedoen.registrations.tests.factories import KeyFigureFactory, RegistrationFactory
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
    "meeting_id": lambda team: MeetingFactory(team=team).pk,
    "venue_id": lambda team: VenueFactory(team=team).pk,
    "checklist_item_id": lambda team: ChecklistItemFactory(meeting__team=team).pk,
    "team_checklist_item_id": lambda team: TeamChecklistItemFactory(team=team).pk,
    "scenario_id": lambda team: ScenarioFactory(meeting__team=team).pk,
    "programme_item_id": lambda team: ProgrammeItemFactory(meeting__team=team).pk,
    "outreach_action_id": lambda team: OutreachActionFactory(meeting__team=team).pk,
    "material_id": lambda team: MaterialFactory(meeting__team=team).pk,
    "registration_id": lambda team: RegistrationFactory(meeting__team=team).pk,
    "key_figure_id": lambda team: KeyFigureFactory(team=team).pk,
    "print_run_id": lambda team: PrintRunFactory(meeting__team=team).pk,
    "message_id": lambda team: MessageFactory(team=team).pk,
    "contact_id": lambda team: ContactFactory(team=team).pk,
}

# URL arguments that are not objects: a valid value, the same for every team.
PLAIN_VALUES: dict[str, str] = {
    "rung": "consult",
    "message_kind": "reminder",
    "message_language": "nl",
}
