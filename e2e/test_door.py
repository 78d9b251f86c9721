"""The door on a phone (360 px wide): check people in by name, by typed code and by the QR
code of their confirmation; undo a mistake; add a walk-in; axe on the door page. And the same
page without JavaScript."""

import re

import pytest
import segno
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting
from meedoen.registrations import selectors, services
from meedoen.registrations.models import CheckIn, WalkIn
from meedoen.teams.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"
PHONE = {"width": 360, "height": 780}


@pytest.fixture
def people(demo):
    """Three people who registered by phone for the demo's upcoming meeting."""
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    actor = Membership.objects.get(user__email="member@example.org", team=meeting.team)
    return {
        name: services.registration_admit(
            meeting=meeting, channel="phone", actor=actor, name=name, **fields
        ).registration
        for name, fields in [
            ("Zoë Özdemir-Ngô", {"companions": ["Ayla"]}),
            ("Kees Post", {}),
            ("Riet Smits", {}),
        ]
    }


def _present(registration) -> bool:
    return registration.pk in selectors.present_registration_ids(meeting=registration.meeting)


def _door_url(registration) -> str:
    return f"{BASE}/bijeenkomsten/{registration.meeting_id}/deur/"


def _searched(page, action) -> None:
    """Run `action` (Enter in the search box, or a scan) and wait for its results, so that a
    tap lands on them and not on the results of the search before."""
    with page.expect_response(lambda r: "/deur/?q=" in r.url and r.request.method == "GET"):
        action()


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_door_on_a_phone(page, people):
    zoe, kees, riet = people["Zoë Özdemir-Ngô"], people["Kees Post"], people["Riet Smits"]
    page.set_viewport_size(PHONE)
    login(page, "member@example.org", DEMO_PASSWORD)
    page.goto(_door_url(zoe))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deur: Prettig oud worden in Noord")
    expect(page.get_by_role("button", name="QR-code scannen")).to_be_visible()
    present = page.locator('[data-count="present"]')
    before = int(present.inner_text())
    walk_ins = int(page.locator('[data-count="walk_ins"]').inner_text())
    _fits_the_phone(page)
    assert_accessible(page)
    search = page.get_by_label("Naam of code")
    message = page.locator("#door-message")

    # 1. By name, without accents: one tap checks the whole party in.
    search.fill("zoe ozdemir")
    _searched(page, lambda: search.press("Enter"))
    party = page.get_by_role("button", name="Alle 2 aanwezig melden Zoë Özdemir-Ngô")
    party.wait_for()
    assert page.locator("#door-results").get_by_text("Met: Ayla").count() == 1
    _fits_the_phone(page)
    assert_accessible(page)  # with the results on the page
    party.click()
    expect(message).to_contain_text(
        "Zoë Özdemir-Ngô is aanwezig, met het hele gezelschap (2 personen)."
    )
    expect(present).to_have_text(str(before + 2))
    expect(search).to_be_focused()  # ready for the next person
    assert _present(zoe)
    assert CheckIn.objects.get(registration=zoe).device.startswith("deur-")

    # 2. By the typed code, keyboard only: type, Enter, Enter.
    search.fill(kees.checkin_code.lower())
    _searched(page, lambda: search.press("Enter"))
    check_in = page.get_by_role("button", name="Aanwezig melden Kees Post")
    expect(check_in).to_be_focused()
    page.keyboard.press("Enter")
    expect(message).to_contain_text("Kees Post is aanwezig.")
    expect(present).to_have_text(str(before + 3))
    assert _present(kees)

    # 3. By the QR code of the confirmation, decoded in the page and searched like a scan.
    qr = segno.make(riet.checkin_code, error="m", micro=False).png_data_uri(scale=6)
    decoded = page.evaluate(
        """async (uri) => {
            const image = new Image();
            image.alt = "";
            image.src = uri;
            document.body.appendChild(image);
            const code = await window.meedoenDoor.decodeImage(image);
            image.remove();
            return code;
        }""",
        qr,
    )
    assert decoded == riet.checkin_code
    _searched(
        page,
        lambda: page.evaluate("(code) => window.meedoenDoor.submitCode(code)", decoded),
    )
    expect(search).to_have_value(riet.checkin_code)
    page.get_by_role("button", name="Aanwezig melden Riet Smits").click()
    expect(message).to_contain_text("Riet Smits is aanwezig.")
    assert _present(riet)

    # 4. Undo a mistaken check-in.
    search.fill("riet smits")
    _searched(page, lambda: search.press("Enter"))
    page.get_by_role("button", name="Ongedaan maken Riet Smits").click()
    expect(message).to_contain_text("Aanwezig melden van Riet Smits is ongedaan gemaakt.")
    expect(page.get_by_role("button", name="Aanwezig melden Riet Smits")).to_be_visible()
    expect(present).to_have_text(str(before + 3))
    assert not _present(riet)

    # 5. A walk-in, in seconds.
    page.get_by_role("link", name="Niet aangemeld? Voeg een binnenloper toe").click()
    walk_in = page.locator("#walk-in")
    walk_in.get_by_label("Voornaam").fill("Mo")
    walk_in.get_by_label("Komt als").select_option(label="vrijwilliger")
    walk_in.get_by_role("textbox", name=re.compile("^E-mail of telefoon")).fill("06 1234 5678")
    walk_in.get_by_role("checkbox", name=re.compile("^Wil horen hoe het verder gaat")).check()
    walk_in.get_by_role("button", name="Binnenloper toevoegen").click()
    expect(message).to_contain_text("Binnenloper Mo is toegevoegd.")
    expect(page.locator('[data-count="walk_ins"]')).to_have_text(str(walk_ins + 1))
    expect(page.locator("#walk-in").get_by_label("Voornaam")).to_have_value("")
    walk = WalkIn.objects.get(meeting=zoe.meeting, first_name="Mo")
    assert (walk.first_name, walk.comes_as, walk.follow_up) == ("Mo", "volunteer", True)
    _fits_the_phone(page)
    assert_accessible(page)
    assert page.console_errors == [], page.console_errors


def test_door_without_javascript(browser, live_server, people):
    """Plain forms and full page loads: search, check in, and the message after the redirect."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    try:
        kees = people["Kees Post"]
        login(page, "member@example.org", DEMO_PASSWORD)
        page.goto(_door_url(kees))
        expect(page.get_by_role("button", name="QR-code scannen")).to_be_hidden()
        page.get_by_label("Naam of code").fill("kees post")
        page.get_by_role("button", name="Zoeken").click()
        page.get_by_role("button", name="Aanwezig melden Kees Post").click()
        expect(page.get_by_role("status").filter(has_text="Kees Post is aanwezig.")).to_have_count(
            1
        )
        assert re.search(r"/deur/\?q=kees", page.url)
        assert _present(kees)
        page.get_by_role("button", name="Ongedaan maken Kees Post").wait_for()
    finally:
        context.close()
