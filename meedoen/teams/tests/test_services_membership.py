import pytest
from django.core.exceptions import PermissionDenied

from meedoen.teams import services
from meedoen.teams.errors import AlreadyMember, LastCoordinator
from meedoen.teams.models import AuditLogEntry, Membership, Role
from meedoen.teams.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_change_role_logs_from_and_to(world):
    services.membership_change_role(
        actor=world.coordinator, membership=world.member, role=Role.VIEWER
    )
    world.member.refresh_from_db()
    assert world.member.role == Role.VIEWER
    entry = AuditLogEntry.objects.get(action="membership.role_changed")
    assert entry.details == {"from": "member", "to": "viewer"}


def test_the_last_coordinator_cannot_step_down_or_be_removed(world):
    with pytest.raises(LastCoordinator):
        services.membership_change_role(
            actor=world.coordinator, membership=world.coordinator, role=Role.MEMBER
        )
    with pytest.raises(LastCoordinator):
        services.membership_remove(actor=world.coordinator, membership=world.coordinator)
    world.coordinator.refresh_from_db()
    assert world.coordinator.role == Role.COORDINATOR


def test_a_coordinator_can_leave_when_another_remains(world):
    services.membership_change_role(
        actor=world.coordinator, membership=world.member, role=Role.COORDINATOR
    )
    services.membership_remove(actor=world.coordinator, membership=world.coordinator)
    assert not Membership.objects.filter(pk=world.coordinator.pk).exists()


def test_remove_keeps_the_account(world):
    user = world.member.user
    services.membership_remove(actor=world.coordinator, membership=world.member)
    user.refresh_from_db()
    assert user.is_active
    assert AuditLogEntry.objects.get(action="membership.removed").subject_label == str(user)


def test_members_cannot_manage_members(world):
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            actor=world.member, membership=world.viewer, role=Role.MEMBER
        )
    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=world.member, membership=world.viewer)


def test_another_teams_membership_is_out_of_reach(world, other_world):
    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=world.coordinator, membership=other_world.member)
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            actor=world.coordinator, membership=other_world.member, role=Role.VIEWER
        )


def test_membership_create_twice_is_refused(world):
    user = UserFactory()
    services.membership_create(actor=None, team=world.team, user=user, role=Role.MEMBER)
    with pytest.raises(AlreadyMember):
        services.membership_create(actor=None, team=world.team, user=user, role=Role.MEMBER)


def test_an_invalid_role_is_refused(world):
    with pytest.raises(ValueError):
        services.membership_change_role(
            actor=world.coordinator, membership=world.member, role="boss"
        )
