from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meedoen.teams import selectors, services
from meedoen.teams.errors import AlreadyMember, InvitationInvalid
from meedoen.teams.models import Invitation, Membership, Role, User
from meedoen.teams.tests.factories import InvitationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_invitation_create_sends_one_mail_with_a_working_link(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(
            actor=world.coordinator, email=" New.Person@Example.org ", role=Role.MEMBER
        )
    assert invitation.email == "new.person@example.org"
    assert invitation.token_hash != token
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert f"/uitnodiging/{token}/" in message.body
    assert selectors.invitation_open_by_token(token=token) == invitation


def test_a_new_invitation_replaces_the_open_one(world):
    first, first_token = services.invitation_create(
        actor=world.coordinator, email="a@example.org", role=Role.MEMBER
    )
    services.invitation_create(actor=world.coordinator, email="A@example.org", role=Role.VIEWER)
    with pytest.raises(InvitationInvalid, match="withdrawn or replaced"):
        selectors.invitation_open_by_token(token=first_token)
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_inviting_a_member_says_so(world):
    with pytest.raises(AlreadyMember):
        services.invitation_create(
            actor=world.coordinator, email=world.member.user.email.upper(), role=Role.MEMBER
        )


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_only_coordinators_invite(world, role):
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=getattr(world, role), email="x@example.org", role="member")


def test_accept_creates_account_and_membership(world):
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="nieuw@example.org", role=Role.VIEWER
    )
    membership = services.invitation_accept(
        token=token, full_name="Zoë Özdemir", password="een-lang-wachtwoord-42"
    )
    assert membership.role == Role.VIEWER
    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password("een-lang-wachtwoord-42")
    assert user.full_name == "Zoë Özdemir"
    with pytest.raises(InvitationInvalid, match="already been used"):
        services.invitation_accept(token=token, full_name="X", password="een-lang-wachtwoord-42")


def test_accept_rejects_a_weak_password_and_keeps_the_invitation(world):
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="nieuw@example.org", role=Role.MEMBER
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(token=token, full_name="N", password="12345")
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert selectors.invitation_open_by_token(token=token)


def test_accept_as_existing_user_of_another_team(world, other_world):
    user = other_world.member.user
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email=user.email, role=Role.MEMBER
    )
    with pytest.raises(InvitationInvalid, match="Log in to accept"):
        services.invitation_accept(token=token, full_name="X", password="een-lang-wachtwoord-42")
    membership = services.invitation_accept(token=token, user=user)
    assert membership.team == world.team
    assert Membership.objects.filter(user=user).count() == 2


def test_accept_by_the_wrong_logged_in_user_is_refused(world):
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="right@example.org", role=Role.MEMBER
    )
    with pytest.raises(InvitationInvalid, match="logged in as"):
        services.invitation_accept(token=token, user=UserFactory())


def test_expired_and_unknown_invitations(world):
    now = timezone.now()
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="late@example.org", role=Role.MEMBER, now=now
    )
    with pytest.raises(InvitationInvalid, match="expired"):
        services.invitation_accept(
            token=token,
            full_name="L",
            password="een-lang-wachtwoord-42",
            now=now + timedelta(days=8),
        )
    with pytest.raises(InvitationInvalid, match="not valid"):
        selectors.invitation_open_by_token(token="nonsense")


def test_revoke(world):
    invitation, token = services.invitation_create(
        actor=world.coordinator, email="r@example.org", role=Role.MEMBER
    )
    services.invitation_revoke(actor=world.coordinator, invitation=invitation)
    with pytest.raises(InvitationInvalid):
        selectors.invitation_open_by_token(token=token)


def test_revoke_of_another_teams_invitation_is_refused(world, other_world):
    invitation = InvitationFactory(team=other_world.team)
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=world.coordinator, invitation=invitation)


def test_purge_deletes_only_invitations_ended_long_ago(world):
    now = timezone.now()
    old = InvitationFactory(team=world.team, expires_at=now - timedelta(days=31))
    recent = InvitationFactory(team=world.team, expires_at=now - timedelta(days=2))
    assert services.invitations_purge_expired(now=now) == 1
    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert Invitation.objects.filter(pk=recent.pk).exists()
