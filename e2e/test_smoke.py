"""A person logs in, switches to English and back, opens the dashboard and the team page;
axe finds nothing on any of them. Everything by keyboard where a person would."""

import pytest

from e2e.conftest import DEMO_PASSWORD as PASSWORD
from e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_language_dashboard_members(page, demo):
    page.goto("/")
    assert page.url.endswith("/inloggen/?next=/")
    assert_accessible(page)

    login(page, "coordinator@example.org", PASSWORD)
    page.wait_for_url("**/t/wijkteam-noord/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijkteam Noord"
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Your team").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"

    page.get_by_role("navigation", name="Teammenu").get_by_role("link", name="Team").click()
    page.wait_for_url("**/t/wijkteam-noord/leden/")
    assert page.get_by_role("cell", name="member@example.org").is_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_keyboard_only_login_and_skip_link(page, demo):
    page.goto("/wachtwoord-vergeten/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto("/inloggen/")  # the email field has autofocus
    page.keyboard.type("member@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/t/wijkteam-noord/")


def test_wrong_login_shows_an_error_summary(page, demo):
    page.goto("/inloggen/")
    page.get_by_label("E-mailadres").fill("coordinator@example.org")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)


def test_invite_and_accept_in_the_browser(page, demo, browser, live_server):
    from django.core import mail

    login(page, "coordinator@example.org", PASSWORD)
    page.goto("/t/wijkteam-noord/leden/")
    page.get_by_label("E-mailadres").fill("nieuw@example.org")
    page.get_by_label("Rol").select_option("viewer")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_text("nieuw@example.org").first.is_visible()
    assert_accessible(page)

    # A mistaken invitation is withdrawn in place (htmx), without leaving the page.
    page.get_by_label("E-mailadres").fill("vergissing@example.org")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_role("button", name="Intrekken vergissing@example.org").click()
    page.get_by_text("De uitnodiging van vergissing@example.org is ingetrokken").wait_for()
    assert page.url.endswith("/t/wijkteam-noord/leden/")
    assert page.get_by_text("nieuw@example.org").first.is_visible()
    assert_accessible(page)
    invitation_mail = next(m for m in mail.outbox if m.to == ["nieuw@example.org"])
    link = next(line for line in invitation_mail.body.splitlines() if "/uitnodiging/" in line)
    path = link[link.index("/uitnodiging/") :]

    guest = browser.new_context(base_url=live_server.url).new_page()
    guest.goto(path)
    assert_accessible(guest)
    guest.get_by_label("Je naam").fill("Zoë Özdemir-Ngô")
    guest.get_by_label("Kies een wachtwoord").fill("Wijk-en-Buurt-2026")
    guest.get_by_label("Nog een keer hetzelfde wachtwoord").fill("Wijk-en-Buurt-2026")
    guest.get_by_role("button", name="Account aanmaken").click()
    guest.wait_for_url("**/t/wijkteam-noord/")
    assert guest.get_by_text("Welkom").is_visible()
