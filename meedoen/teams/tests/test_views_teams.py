import pytest
from django.core import mail
from django.urls import reverse

from conftest import client_for
from meedoen.teams import services
from meedoen.teams.models import Membership, Role, User
from meedoen.teams.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _url(name, team, **kwargs):
    return reverse(f"teams:{name}", kwargs={"team_slug": team.slug, **kwargs})


# --- signing in ------------------------------------------------------------------------------


def test_login_with_email_and_password_goes_to_the_team(world, client):
    response = client.post(
        reverse("teams:login"),
        {"username": world.member.user.email.upper(), "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"] == _url("dashboard", world.team)


def test_wrong_password_gets_a_clear_dutch_message(world, client):
    response = client.post(
        reverse("teams:login"), {"username": world.member.user.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "komen niet overeen" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [{}, {"username": "not-an-email", "password": "x"}, {"username": "a" * 10_000, "password": ""}],
)
def test_malformed_login_input_is_answered_not_crashed(client, data):
    response = client.post(reverse("teams:login"), data)
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_five_failures_lock_the_account_with_a_message(world, client):
    for _attempt in range(5):
        client.post(reverse("teams:login"), {"username": world.member.user.email, "password": "x"})
    response = client.post(
        reverse("teams:login"), {"username": world.member.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "een uur" in response.content.decode()


def test_english_after_switching_language(world, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
    response = client.get(reverse("teams:login"))
    assert response.headers["Content-Language"] == "en"
    assert "Log in to Meedoen" in response.content.decode()


def test_dutch_by_default_whatever_the_browser_says(client):
    response = client.get(reverse("teams:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"


# --- teams and dashboard ---------------------------------------------------------------------


def test_a_user_in_two_teams_chooses(world, other_world):
    user = world.member.user
    Membership.objects.create(team=other_world.team, user=user, role=Role.VIEWER)
    response = client_for(world.member).get(reverse("teams:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.team.name in page and other_world.team.name in page


def test_dashboard_shows_panels(world):
    response = client_for(world.coordinator).get(_url("dashboard", world.team))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jouw team" in page
    assert world.member.user.full_name in page


def test_activity_panel_only_for_coordinators(world):
    services.team_update(actor=world.coordinator, municipality="Nieuwstad")
    coordinator_page = client_for(world.coordinator).get(_url("dashboard", world.team))
    member_page = client_for(world.member).get(_url("dashboard", world.team))
    assert "heeft de instellingen van het team gewijzigd" in coordinator_page.content.decode()
    assert _url("audit_log", world.team) in coordinator_page.content.decode()
    assert _url("audit_log", world.team) not in member_page.content.decode()


# --- members and invitations -----------------------------------------------------------------


def test_invite_happy_path(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.coordinator).post(
            _url("invitation_create", world.team), {"email": "nieuw@example.org", "role": "member"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nieuw@example.org"]


@pytest.mark.parametrize(
    "data", [{"email": "geen-adres", "role": "member"}, {"email": "", "role": "boss"}, {}]
)
def test_invite_invalid_form(world, data):
    response = client_for(world.coordinator).post(_url("invitation_create", world.team), data)
    assert response.status_code == 400
    assert "md-error-summary" in response.content.decode()
    assert not mail.outbox


def test_invite_an_existing_member_is_a_form_error(world):
    response = client_for(world.coordinator).post(
        _url("invitation_create", world.team), {"email": world.member.user.email, "role": "member"}
    )
    assert response.status_code == 400
    assert "al lid" in response.content.decode()


def test_members_cannot_invite(world):
    response = client_for(world.member).post(
        _url("invitation_create", world.team), {"email": "x@example.org", "role": "member"}
    )
    assert response.status_code == 403


def test_accept_page_creates_account_and_signs_in(world, client):
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="nieuw@example.org", role=Role.MEMBER
    )
    url = reverse("teams:invitation_accept", args=[token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "full_name": "Łukasz Ngô",
            "password1": "Wijk-en-Buurt-2026",
            "password2": "Wijk-en-Buurt-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _url("dashboard", world.team)
    assert client.get(response["Location"]).status_code == 200
    assert User.objects.get(email="nieuw@example.org").full_name == "Łukasz Ngô"


def test_accept_page_with_bad_input(world, client):
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email="nieuw@example.org", role=Role.MEMBER
    )
    url = reverse("teams:invitation_accept", args=[token])
    response = client.post(url, {"full_name": "", "password1": "abc", "password2": "abd"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "niet hetzelfde" in page
    assert not User.objects.filter(email="nieuw@example.org").exists()
    response = client.post(
        url, {"full_name": "N", "password1": "12345678901", "password2": "12345678901"}
    )
    assert response.status_code == 400
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_unknown_invitation_link(client):
    response = client.get(reverse("teams:invitation_accept", args=["no-such-token"]))
    assert response.status_code == 410
    assert "niet geldig" in response.content.decode()


def test_existing_account_logs_in_then_accepts(world, other_world):
    user = other_world.member.user
    _invitation, token = services.invitation_create(
        actor=world.coordinator, email=user.email, role=Role.MEMBER
    )
    url = reverse("teams:invitation_accept", args=[token])
    from django.test import Client

    anonymous = Client().get(url)
    assert "Log eerst in" in anonymous.content.decode() or "inloggen" in anonymous.content.decode()
    response = client_for(other_world.member).post(url)
    assert response.status_code == 302
    assert Membership.objects.filter(team=world.team, user=user).exists()


def test_revoke_invitation(world):
    invitation, _token = services.invitation_create(
        actor=world.coordinator, email="x@example.org", role=Role.MEMBER
    )
    response = client_for(world.coordinator).post(
        _url("invitation_revoke", world.team, invitation_id=invitation.pk)
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_change_role_happy_and_invalid(world):
    url = _url("membership_role", world.team, membership_id=world.member.pk)
    client = client_for(world.coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url, {"role": "boss"}).status_code == 400
    assert client.post(url, {"role": "viewer"}).status_code == 302
    world.member.refresh_from_db()
    assert world.member.role == "viewer"


def test_last_coordinator_sees_why(world):
    url = _url("membership_role", world.team, membership_id=world.coordinator.pk)
    response = client_for(world.coordinator).post(url, {"role": "member"})
    assert response.status_code == 400
    assert "minstens één coördinator" in response.content.decode()


def test_remove_member(world):
    url = _url("membership_remove", world.team, membership_id=world.member.pk)
    client = client_for(world.coordinator)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=world.member.pk).exists()


def test_members_page_for_viewer_has_no_management(world):
    response = client_for(world.viewer).get(_url("member_list", world.team))
    assert response.status_code == 200
    assert _url("invitation_create", world.team) not in response.content.decode()


# --- settings, audit log, account ------------------------------------------------------------


def test_settings_happy(world):
    client = client_for(world.coordinator)
    data = {
        "name": "Wijkteam Noord-Oost",
        "municipality": "Rivierstad",
        "neighbourhoods": "Haven\nDok\nHaven",
        "form_of_address": "je",
        "theme_class": "rivierstad-theme",
        "theme_stylesheet_url": "https://huisstijl.rivierstad.example/theme.css",
    }
    assert client.post(_url("team_settings", world.team), data).status_code == 302
    world.team.refresh_from_db()
    assert world.team.neighbourhoods == ["Haven", "Dok"]
    page = client.get(_url("dashboard", world.team))
    assert "https://huisstijl.rivierstad.example" in page.headers["Content-Security-Policy"]
    assert 'class="utrecht-root voorbeeld-theme rivierstad-theme"' in page.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"theme_class": "Bad Class!"},
        {"theme_stylesheet_url": "http://insecure.example/theme.css"},
        {"neighbourhoods": "\n".join(f"Buurt {i}" for i in range(60))},
        {"name": "<script>alert(1)</script>" + "x" * 200},
    ],
)
def test_settings_invalid(world, changes):
    data = {"name": "Noord", "municipality": "R", "neighbourhoods": "", "form_of_address": "u"}
    response = client_for(world.coordinator).post(
        _url("team_settings", world.team), {**data, **changes}
    )
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


def test_settings_for_members_is_forbidden(world):
    assert client_for(world.member).get(_url("team_settings", world.team)).status_code == 403


def test_audit_log_lists_what_happened(world):
    services.membership_change_role(actor=world.coordinator, membership=world.member, role="viewer")
    response = client_for(world.coordinator).get(_url("audit_log", world.team))
    assert response.status_code == 200
    assert f"heeft de rol van {world.member.user} gewijzigd" in response.content.decode()


def test_account_name_change(world):
    client = client_for(world.member)
    assert client.post(reverse("teams:account"), {"full_name": ""}).status_code == 400
    assert client.post(reverse("teams:account"), {"full_name": "Zoë"}).status_code == 302
    world.member.user.refresh_from_db()
    assert world.member.user.full_name == "Zoë"


def test_password_reset_sends_a_link(world, client):
    response = client.post(reverse("teams:password_reset"), {"email": world.member.user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/wachtwoord-herstellen/" in mail.outbox[0].body


def test_unknown_page_is_a_friendly_404(world):
    response = client_for(world.member).get("/t/noord/bestaat-niet/")
    assert response.status_code == 404


def test_user_without_team_gets_an_explanation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("teams:home"))
    assert response.status_code == 200
    assert (
        "nog geen lid" in response.content.decode() or "not a member" in response.content.decode()
    )


def test_revoke_with_htmx_returns_only_the_list(world):
    invitation, _token = services.invitation_create(
        actor=world.coordinator, email="weg@example.org", role=Role.MEMBER
    )
    services.invitation_create(
        actor=world.coordinator, email="blijft@example.org", role=Role.MEMBER
    )
    response = client_for(world.coordinator).post(
        _url("invitation_revoke", world.team, invitation_id=invitation.pk), HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="open-invitations"' in page
    assert "blijft@example.org" in page
    assert "weg@example.org" in page  # only in the confirmation sentence
    assert "ingetrokken" in page
