import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meedoen.teams import services
from meedoen.teams.models import AuditLogEntry, Membership, Role, Team
from meedoen.teams.tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_team_create_makes_actor_coordinator_and_logs_it():
    user = UserFactory()
    team = services.team_create(
        actor=user,
        name=" Wijkteam West ",
        slug="west",
        municipality="Rivierstad",
        neighbourhoods=["Haven", " ", "Dok"],
    )
    assert team.name == "Wijkteam West"
    assert team.neighbourhoods == ["Haven", "Dok"]
    assert Membership.objects.get(team=team, user=user).role == Role.COORDINATOR
    assert AuditLogEntry.objects.get(team=team).action == "team.created"


def test_team_create_refuses_a_name_that_differs_only_in_case():
    TeamFactory(name="Wijkteam West", slug="west")
    with pytest.raises(ValidationError):
        services.team_create(
            actor=UserFactory(), name="wijkteam west", slug="west-2", municipality="X"
        )
    assert Team.objects.count() == 1


def test_team_update_by_coordinator_changes_only_named_fields(world):
    team = services.team_update(
        actor=world.coordinator, form_of_address="je", municipality="Nieuwstad"
    )
    team.refresh_from_db()
    assert (team.form_of_address, team.municipality) == ("je", "Nieuwstad")
    entry = AuditLogEntry.objects.get(action="team.updated")
    assert sorted(entry.details["fields"]) == ["form_of_address", "municipality"]


def test_team_update_without_changes_writes_no_log(world):
    services.team_update(actor=world.coordinator, name=world.team.name)
    assert not AuditLogEntry.objects.filter(action="team.updated").exists()


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_team_update_needs_a_coordinator(world, role):
    with pytest.raises(PermissionDenied):
        services.team_update(actor=getattr(world, role), name="Ander")


def test_team_update_rejects_a_bad_theme_class(world):
    with pytest.raises(ValidationError):
        services.team_update(actor=world.coordinator, theme_class="<script>")


def test_team_update_rejects_unknown_fields(world):
    with pytest.raises(TypeError):
        services.team_update(actor=world.coordinator, slug="elsewhere")
