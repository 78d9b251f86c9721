"""A resident registers in the browser (no account), changes and cancels through the personal
link; a key figure's link is attributed. axe checks every page. The texts are the Dutch ones
(Dutch is the default language); NL lists each English source text this test relies on."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import assert_accessible
from meedoen.meetings import services as meeting_services
from meedoen.registrations import selectors, services
from meedoen.registrations.models import Registration
from meedoen.teams.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# English source text → the Dutch the page shows (team "Wijkteam Noord" says "u").
NL = {
    "Name": "Naam",
    "Email address": "E-mailadres",
    "People who come with me": "Mensen die met mij meekomen",
    "I agree that the team keeps my data for this meeting": (
        "Ik vind het goed dat het team mijn gegevens voor deze bijeenkomst bewaart"
    ),
    "Register": "Aanmelden",
    "hearing loop": "ringleiding",
    "Save changes": "Wijzigingen opslaan",
    "Cancel my registration": "Afmelden",
    "Yes, cancel my registration": "Ja, meld mij af",
    # AddressedText, formal ("u"):
    "You are registered. We look forward to seeing you!": "U bent aangemeld. We zien u graag!",
    "Your changes have been saved.": "Uw wijzigingen zijn opgeslagen.",
    "Your registration has been cancelled. Thank you for letting us know.": (
        "U bent afgemeld. Bedankt dat u het laat weten."
    ),
    "%(name)s invites you to this meeting.": "%(name)s nodigt u uit voor deze bijeenkomst.",
}


def nl(english: str) -> str:
    return NL[english]


@pytest.fixture
def meeting(demo):
    actor = Membership.objects.filter(team__slug="wijkteam-noord", role=Role.MEMBER).first()
    venue = meeting_services.venue_create(
        actor=actor,
        name="Buurthuis De Linde",
        address="Lindeplein 3",
        city="Rivierstad",
        step_free=True,
        hearing_loop=False,
        public_transport="Bus 12, halte Lindeplein",
    )
    starts = timezone.now() + timedelta(days=21)
    meeting = meeting_services.meeting_create(
        actor=actor,
        title="Samen de Lindebuurt groener",
        purpose="Waar willen we meer groen?",
        expectations="U hoort binnen een maand wat we met de ideeën doen.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=20,
        venue=venue,
    )
    services.registration_settings_update(
        actor=actor, meeting=meeting, published=True, allow_companions=True, max_companions=2
    )
    meeting.actor = actor
    return meeting


def _fill_form(page, name: str, email: str, companions: str = "") -> None:
    page.get_by_label(nl("Name"), exact=True).fill(name)
    page.get_by_label(re.compile("^" + re.escape(nl("Email address")))).fill(email)
    if companions:
        page.get_by_label(nl("People who come with me")).fill(companions)
    page.get_by_label(nl("I agree that the team keeps my data for this meeting")).check()
    page.get_by_role("button", name=nl("Register"), exact=True).click()


def test_a_resident_registers_changes_and_cancels(page, meeting):
    page.goto(f"/b/{meeting.code}/")
    assert page.locator("h1").inner_text() == "Samen de Lindebuurt groener"
    assert page.get_by_text("Bus 12, halte Lindeplein").is_visible()
    assert_accessible(page)

    # A mistake first: the error summary is accessible too, and nothing typed is lost.
    page.get_by_label(nl("Name"), exact=True).fill("Zoë Özdemir-Ngô")
    page.get_by_role("button", name=nl("Register"), exact=True).click()
    assert page.locator(".md-error-summary").is_visible()
    assert page.get_by_label(nl("Name"), exact=True).input_value() == "Zoë Özdemir-Ngô"
    assert_accessible(page)

    _fill_form(page, "Zoë Özdemir-Ngô", "zoe@example.org", companions="Ali")
    page.wait_for_url(re.compile(r"/aanmelding/[\w-]+/$"))
    assert page.get_by_text(nl("You are registered. We look forward to seeing you!")).is_visible()
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.name, registration.companions) == ("Zoë Özdemir-Ngô", ["Ali"])
    assert registration.status == "confirmed" and registration.channel == "online"
    assert page.locator("[data-checkin-code]").inner_text() == registration.checkin_code
    assert_accessible(page)

    page.get_by_label(nl("hearing loop"), exact=True).check()
    page.get_by_role("button", name=nl("Save changes")).click()
    assert page.get_by_text(nl("Your changes have been saved.")).is_visible()
    registration.refresh_from_db()
    assert registration.needs == ["hearing_loop"]
    assert_accessible(page)

    page.get_by_role("link", name=nl("Cancel my registration"), exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name=nl("Yes, cancel my registration")).click()
    text = nl("Your registration has been cancelled. Thank you for letting us know.")
    assert page.get_by_text(text).is_visible()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert_accessible(page)
    # The one expected 400 is the form with a mistake; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []


def test_a_registration_through_a_key_figure_link_is_attributed(page, meeting):
    figure = services.key_figure_create(actor=meeting.actor, name="Aïcha Bennani")
    invite = selectors.key_figure_invite(meeting=meeting, key_figure=figure)
    page.goto(f"/b/{meeting.code}/via/{invite.token}/")
    invites = nl("%(name)s invites you to this meeting.") % {"name": "Aïcha Bennani"}
    assert page.get_by_text(invites).is_visible()
    assert_accessible(page)
    _fill_form(page, "Kees de Vries", "kees@example.org")
    page.wait_for_url(re.compile(r"/aanmelding/[\w-]+/$"))
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.channel, registration.key_figure) == ("key_figure", figure)
