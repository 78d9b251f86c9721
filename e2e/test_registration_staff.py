"""Registrations, staff side, in the browser: type in a stack of paper forms with the keyboard
only, see them in the list, hand out a key figure's link; axe on every staff page of the room."""

import re

import pytest

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting
from meedoen.registrations.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"
PAPER_FORMS = [
    # (name, [(Tab presses before the value, value), …]) — the name field has the focus.
    ("Fatma Yılmaz", [(1, "fatma@example.org")]),
    ("Henk de Boer", [(2, "06 1234 5678")]),
    ("Riet Smits", []),
]


def _focused_field(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.name")


def test_keyboard_only_entry_of_three_paper_forms(page, demo):
    login(page, "member@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    entry_url = f"{BASE}/bijeenkomsten/{meeting.pk}/aanmeldingen/nieuw/"
    page.goto(entry_url)
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmeldingen invoeren"
    assert_accessible(page)

    # From here on only the keyboard: type, Tab, Enter.
    for name, fields in PAPER_FORMS:
        assert _focused_field(page) == "name"
        page.keyboard.type(name)
        for tabs, value in fields:
            for _ in range(tabs):
                page.keyboard.press("Tab")
            page.keyboard.type(value)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.get_by_role("status").filter(has_text=name).wait_for()
    assert _focused_field(page) == "name"
    assert_accessible(page)  # with the "saved" message on the page

    entered = Registration.objects.filter(meeting=meeting, name__in=[n for n, _ in PAPER_FORMS])
    assert sorted(entered.values_list("name", "channel")) == [
        ("Fatma Yılmaz", "paper"),
        ("Henk de Boer", "paper"),
        ("Riet Smits", "paper"),
    ]
    assert entered.get(name="Fatma Yılmaz").email == "fatma@example.org"
    assert entered.get(name="Henk de Boer").phone == "06 1234 5678"

    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/aanmeldingen/")
    table = page.locator("table")
    for name, _fields in PAPER_FORMS:
        assert table.get_by_role("link", name=name).count() == 1
    assert page.console_errors == []


def test_staff_pages_pass_axe_and_a_key_figure_gets_a_link(page, demo):
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    m = f"{BASE}/bijeenkomsten/{meeting.pk}"

    page.goto(f"{BASE}/netwerk/")
    form = page.locator("form", has=page.get_by_role("button", name="Sleutelfiguur toevoegen"))
    form.get_by_label("Naam", exact=True).fill("Saskia Pinas")
    form.get_by_role("button", name="Sleutelfiguur toevoegen").click()
    page.wait_for_url(re.compile(r"/netwerk/"))
    card = page.locator("article", has=page.get_by_role("heading", name="Saskia Pinas"))
    link = card.locator("code", has_text=f"/b/{meeting.code}/via/")
    assert link.count() == 1
    assert re.search(rf"/b/{re.escape(meeting.code)}/via/[\w-]+/$", link.inner_text())
    assert_accessible(page)

    registration = Registration.objects.filter(meeting=meeting).first()
    if registration is None:  # the demo may not hold registrations yet
        from meedoen.registrations import services
        from meedoen.teams.models import Membership

        actor = Membership.objects.get(user__email="coordinator@example.org", team=meeting.team)
        registration = services.registration_admit(
            meeting=meeting, channel="phone", actor=actor, name="Kees Post", dietary="halal"
        ).registration
    key_figure = registration.meeting.team.key_figures.get(name="Saskia Pinas")
    for path in [
        f"{m}/",
        f"{m}/aanmeldingen/",
        f"{m}/aanmeldingen/?status=confirmed&channel=phone",
        f"{m}/aanmeldingen/nieuw/",
        f"{m}/aanmeldformulier/",
        f"{BASE}/aanmeldingen/{registration.pk}/",
        f"{BASE}/aanmeldingen/{registration.pk}/annuleren/",
        f"{BASE}/netwerk/sleutelfiguren/{key_figure.pk}/",
        f"{BASE}/netwerk/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert page.console_errors == []

    # An invalid settings form (http instead of https) shows its error summary, also axe-clean.
    page.goto(f"{m}/aanmeldformulier/")
    page.locator("#id_privacy_url").fill("http://example.org/privacy")
    page.locator("main form[method=post] button[type=submit]").click()
    page.locator(".md-error-summary").wait_for()
    assert_accessible(page)
