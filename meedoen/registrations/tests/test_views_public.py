"""The resident pages: the public meeting page and its form, the key-figure link, and the
personal manage page. Run in English (the language cookie) so messages match the source."""

import inspect
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meedoen.meetings import services as meeting_services
from meedoen.meetings.tests.factories import VenueFactory
from meedoen.registrations import selectors, services, texts
from meedoen.registrations.models import Registration
from meedoen.registrations.views_public import RATE_LIMIT
from meedoen.teams.addressing import AddressedText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    client = Client()
    client.cookies["meedoen_language"] = "en"
    return client


@pytest.fixture
def venue(world):
    return VenueFactory(
        team=world.team,
        name="Buurthuis De Linde",
        step_free=True,
        hearing_loop=False,
        lift=None,
        public_transport="Bus 12, halte Lindeplein",
    )


def _meeting(world, venue=None, capacity=10, published=True, **fields):
    starts = timezone.now() + timedelta(days=20)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtavond Noord",
        purpose="Wat mist er in de wijk?",
        expectations="We maken een verslag.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=capacity,
        venue=venue,
        social_moment="coffee",
        **fields,
    )
    services.registration_settings_update(
        actor=world.member,
        meeting=meeting,
        published=published,
        ask_street=True,
        custom_questions=[{"label": "Favourite spot", "kind": "text"}],
    )
    return meeting


@pytest.fixture
def meeting(world, venue):
    return _meeting(world, venue)


def url(meeting, name="meeting", **kwargs):
    return reverse(f"public:{name}", kwargs={"code": meeting.code, **kwargs})


def form_data(**overrides):
    data = {
        "name": "Zoë Özdemir-Ngô",
        "email": "zoe@example.org",
        "phone": "",
        "comes_as": "resident",
        "needs": ["wheelchair"],
        "privacy_consent": "on",
        "companions": "Ali",
        "question_0": "het park",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(client, meeting, path=None, **overrides):
    return client.post(path or url(meeting), form_data(**overrides))


def manage_path(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


# ---------------------------------------------------------------------------------------------
# The public page


def test_the_page_tells_what_when_where_and_accessibility(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Buurtavond Noord",
        "Wat mist er in de wijk?",
        "We maken een verslag.",
        "Buurthuis De Linde",
        "Bus 12, halte Lindeplein",
        "coffee and tea",
        "What is there:",
        "Step-free entrance",
        "What is not there:",
        "Hearing loop",
        "We do not know this yet:",
        "Lift (or everything on the ground floor)",
        'name="website"',
        "Street or neighbourhood",
        "Favourite spot",
    ]:
        assert text in html, text
    assert response["Cache-Control"].startswith("max-age=0")


def test_unpublished_and_unknown_codes_are_404(client, world):
    hidden = _meeting(world, published=False)
    assert client.get(url(hidden)).status_code == 404
    assert client.get("/b/bestaat-niet/").status_code == 404


def test_register_then_the_manage_page_shows_the_checkin_code(client, meeting):
    response = register(client, meeting)
    path = manage_path(response)
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.name == "Zoë Özdemir-Ngô"
    assert registration.channel == "online" and registration.key_figure is None
    assert registration.companions == ["Ali"] and registration.needs == ["wheelchair"]
    assert registration.answers == {"Favourite spot": "het park"}
    page = client.get(path)
    html = page.content.decode()
    assert registration.checkin_code in html
    assert "You are registered." in html
    assert '<meta name="robots" content="noindex">' in html
    assert page["Referrer-Policy"] == "same-origin"
    visible = re.sub(r"<[^>]*>", " ", html)
    assert path.split("/")[-2] not in visible  # the token is never shown as a code
    # The banner is shown once.
    assert "You are registered." not in client.get(path).content.decode()


def test_a_full_meeting_puts_people_on_the_waiting_list_with_their_position(client, world):
    meeting = _meeting(world, capacity=2)
    manage_path(register(client, meeting, email="a@example.org"))  # 2 places: full
    path = manage_path(register(client, meeting, email="b@example.org", companions=""))
    registration = Registration.objects.get(email="b@example.org")
    assert registration.status == "waiting"
    assert "You are on the waiting list: number 1." in client.get(path).content.decode()


def test_the_same_email_twice_is_recognised_kindly(client, meeting):
    manage_path(register(client, meeting))
    response = register(client, meeting, email="ZOE@example.org", name="Zoë again")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are already registered" in html
    assert "Zoë again" not in html
    assert Registration.objects.count() == 1


def test_email_or_phone_is_needed(client, meeting):
    response = register(client, meeting, email="", phone="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fill in your email address or your phone number" in html
    assert "md-error-summary" in html
    assert 'value="Zoë Özdemir-Ngô"' in html  # nothing typed is lost
    assert not Registration.objects.exists()
    manage_path(register(client, meeting, email="", phone="06 12345678"))


def test_privacy_consent_is_required(client, meeting):
    response = register(client, meeting, privacy_consent=None)
    assert response.status_code == 400
    assert "Tick this box to continue." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_honeypot_pretends_and_stores_nothing(client, meeting):
    response = register(client, meeting, website="http://spam.example")
    assert response.status_code == 200
    assert "We have received your registration." in response.content.decode()
    assert not Registration.objects.exists()


def test_the_rate_limit_answers_429(client, meeting):
    for _ in range(RATE_LIMIT):
        assert register(client, meeting, email="").status_code == 400
    response = register(client, meeting)
    assert response.status_code == 429 and response["Retry-After"] == "600"
    assert "Please wait ten minutes" in response.content.decode()
    assert not Registration.objects.exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.7")
    manage_path(register(other, meeting))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("cancelled", "This meeting has been cancelled."),
        ("past", "This meeting has already started or taken place."),
        ("not_yet", "You can register from"),
        ("closed", "Registration for this meeting has closed."),
    ],
)
def test_no_registration_when_not_open(client, world, meeting, change, message):
    now = timezone.now()
    if change == "cancelled":
        meeting_services.meeting_cancel(actor=world.member, meeting=meeting, reason="Ziek")
    elif change == "past":
        meeting.starts_at, meeting.ends_at = now - timedelta(hours=1), now + timedelta(hours=1)
        meeting.save(update_fields=["starts_at", "ends_at"])
    elif change == "not_yet":
        meeting.registration_opens_at = now + timedelta(days=2)
        meeting.save(update_fields=["registration_opens_at"])
    else:
        meeting.registration_closes_at = now - timedelta(minutes=1)
        meeting.save(update_fields=["registration_closes_at"])
    page = client.get(url(meeting))
    assert message in page.content.decode()
    assert 'name="privacy_consent"' not in page.content.decode()
    response = register(client, meeting)
    assert response.status_code == 409
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_a_key_figure_link_attributes_the_registration(client, world, meeting):
    figure = services.key_figure_create(actor=world.member, name="Aïcha")
    invite = selectors.key_figure_invite(meeting=meeting, key_figure=figure)
    path = url(meeting, "meeting_via", token=invite.token)
    page = client.get(path)
    assert "Aïcha invites you to this meeting." in page.content.decode()
    assert f'action="{path}"' in page.content.decode()
    manage_path(register(client, meeting, path=path))
    registration = Registration.objects.get()
    assert (registration.channel, registration.key_figure) == ("key_figure", figure)
    assert client.get(url(meeting, "meeting_via", token="verkeerd")).status_code == 404


# ---------------------------------------------------------------------------------------------
# The manage page


def _change(**overrides):
    data = {
        "email": "zoe@example.org",
        "phone": "",
        "needs": ["hearing_loop"],
        "companions": "Ali",
        "dietary": "vegetarisch",
        "follow_up": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_manage_page_changes_needs_and_shows_all_data(client, meeting):
    path = manage_path(register(client, meeting))
    response = client.post(path, _change())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.needs == ["hearing_loop"] and registration.dietary == "vegetarisch"
    assert registration.follow_up is True
    html = client.get(path).content.decode()
    assert "Your changes have been saved." in html
    for text in ["zoe@example.org", "Ali", "vegetarisch", "Favourite spot", "het park"]:
        assert text in html, text


def test_more_companions_than_room_is_a_clear_message(client, world):
    meeting = _meeting(world, capacity=2)
    path = manage_path(register(client, meeting))
    response = client.post(path, _change(companions="Ali\nBo"))
    assert response.status_code == 400
    assert "There is no room for more people." in response.content.decode()
    assert Registration.objects.get().companions == ["Ali"]


def test_cancel_asks_first_and_promotes_a_waiting_person(client, world):
    meeting = _meeting(world, capacity=2)
    path = manage_path(register(client, meeting))
    manage_path(register(client, meeting, email="b@example.org", companions=""))
    cancel = path + "afmelden/"
    assert "Do you really want to cancel?" in client.get(cancel).content.decode()
    assert Registration.objects.get(email="zoe@example.org").status == "confirmed"
    assert client.post(cancel)["Location"] == path
    assert Registration.objects.get(email="zoe@example.org").status == "cancelled"
    assert Registration.objects.get(email="b@example.org").status == "confirmed"
    html = client.get(path).content.decode()
    assert "Your registration has been cancelled." in html
    assert 'name="needs"' not in html  # nothing left to change
    assert client.post(path, _change(companions=""))["Location"] == path
    assert Registration.objects.get(email="zoe@example.org").companions == ["Ali"]


def test_delete_removes_everything(client, meeting):
    path = manage_path(register(client, meeting))
    delete = path + "verwijderen/"
    assert "Delete all your data?" in client.get(delete).content.decode()
    done = client.post(delete, follow=True)
    assert "All your data for this meeting has been deleted." in done.content.decode()
    assert not Registration.objects.exists()
    assert client.get(path).status_code == 404


def test_unknown_tokens_and_other_meetings_are_404(client, world, meeting):
    path = manage_path(register(client, meeting))
    token = path.split("/")[-2]
    assert client.get(url(meeting, "registration", token="onbekend")).status_code == 404
    other = _meeting(world)
    assert client.get(url(other, "registration", token=token)).status_code == 404
    assert client.post(url(other, "registration_delete", token=token)).status_code == 404
    assert Registration.objects.exists()


# ---------------------------------------------------------------------------------------------
# Language and form of address


def test_dutch_by_default_english_by_cookie(meeting):
    dutch = Client().get(url(meeting))
    assert dutch["Content-Language"] == "nl" and '<html lang="nl"' in dutch.content.decode()
    english = Client()
    english.cookies["meedoen_language"] = "en"
    response = english.get(url(meeting))
    assert response["Content-Language"] == "en" and '<html lang="en"' in response.content.decode()
    assert "Accessibility of the building" in response.content.decode()


@pytest.mark.parametrize(("form_of_address", "shown"), [("u", "FORMAL-U"), ("je", "INFORMAL-JE")])
def test_the_team_form_of_address_is_used(
    client, world, meeting, monkeypatch, form_of_address, shown
):
    monkeypatch.setitem(
        texts.TEXTS, "INTRO_REGISTER", AddressedText(formal="FORMAL-U", informal="INFORMAL-JE")
    )
    world.team.form_of_address = form_of_address
    world.team.save(update_fields=["form_of_address"])
    html = client.get(url(meeting)).content.decode()
    assert shown in html
    assert ({"FORMAL-U", "INFORMAL-JE"} - {shown}).pop() not in html


def test_every_resident_text_has_a_u_and_a_je_form():
    """Both contexts are literal in each call, so xgettext extracts both forms."""
    source = inspect.getsource(texts)
    assert source.count('"address: formal (u)"') == len(texts.TEXTS) > 30
    assert source.count('"address: informal (je)"') == len(texts.TEXTS)


def test_the_confirmation_shows_a_qr_code_of_the_checkin_code_only(client, world, meeting):
    """The QR holds the short check-in code, never the personal link."""
    import re

    admission = services.registration_admit(
        meeting=meeting, channel="online", name="Zoë", privacy_consent=True
    )
    page = client.get(f"/b/{meeting.code}/aanmelding/{admission.manage_token}/").content.decode()
    assert re.search(r'<div class="md-qr" role="img" aria-label="[^"]+">\s*<svg', page)
    import segno

    expected = segno.make(admission.registration.checkin_code, error="m", micro=False)
    assert expected.svg_inline(scale=6, border=2, dark="#000", light="#fff", omitsize=False) in page


def test_the_manage_page_offers_the_meeting_for_the_calendar(client, world, meeting):
    admission = services.registration_admit(
        meeting=meeting, channel="online", name="Kees", privacy_consent=True
    )
    base = f"/b/{meeting.code}/aanmelding/{admission.manage_token}/"
    assert f'href="{base}agenda.ics"' in client.get(base).content.decode()
    calendar = client.get(base + "agenda.ics")
    assert calendar.status_code == 200 and calendar["Content-Type"].startswith("text/calendar")
