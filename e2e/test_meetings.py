"""Meetings in the browser: plan one, tick tasks, build a programme, run the run sheet through
two items; axe on every meeting page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"


def test_every_meeting_page_passes_axe(page, demo):
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    venue = meeting.venue
    m = f"{BASE}/bijeenkomsten/{meeting.pk}"
    for path in [
        f"{BASE}/bijeenkomsten/",
        f"{BASE}/bijeenkomsten/nieuw/",
        f"{m}/",
        f"{m}/bewerken/",
        f"{m}/annuleren/",
        f"{m}/rollen/",
        f"{m}/taken/nieuw/",
        f"{m}/scenarios/nieuw/",
        f"{m}/scenarios/{meeting.scenarios.first().pk}/",
        f"{m}/programma/",
        f"{BASE}/programma/{meeting.programme.first().pk}/",
        f"{m}/draaiboek/",
        f"{m}/werving/nieuw/",
        f"{m}/werving/{meeting.outreach.first().pk}/",
        f"{m}/materialen/nieuw/",
        f"{m}/materialen/{meeting.materials.first().pk}/",
        f"{BASE}/checklist-sjabloon/",
        f"{BASE}/checklist-sjabloon/nieuw/",
        f"{BASE}/tips/nieuw/",
        f"{BASE}/locaties/",
        f"{BASE}/locaties/nieuw/",
        f"{BASE}/locaties/{venue.pk}/",
        f"{BASE}/agenda/",
        f"{BASE}/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert page.console_errors == []


def test_plan_tick_programme_and_run(page, demo):
    login(page, "member@example.org", DEMO_PASSWORD)
    page.goto(f"{BASE}/bijeenkomsten/nieuw/")
    day = timezone.localdate() + timedelta(days=45)
    page.get_by_label("Titel", exact=True).fill("Samen aan tafel")
    page.get_by_label("Doel", exact=True).fill("Horen wat jonge gezinnen nodig hebben.")
    page.get_by_label("Datum", exact=True).fill(day.isoformat())
    page.get_by_label("Start", exact=True).fill("15:00")
    page.get_by_label("Einde", exact=True).fill("17:00")
    page.get_by_label("Plaatsen", exact=True).fill("30")
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    page.wait_for_url(re.compile(r"/bijeenkomsten/\d+/$"))
    meeting = Meeting.objects.get(title="Samen aan tafel")
    assert_accessible(page)

    # Tick two tasks in place (htmx), and see them stay ticked after a reload.
    for key in ("date_set", "venue_visited"):
        item = meeting.checklist.get(key=key)
        row = page.locator(f"#item-{item.pk}")
        row.get_by_label(re.compile("^Status van")).select_option("done")
        row.get_by_role("button", name=re.compile("^Opslaan")).click()
        page.locator(f"#item-{item.pk}.md-task--done").wait_for()
    page.reload()
    assert page.locator(".md-task--done").count() == 2

    # Build a programme of two items.
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/programma/")
    for title, minutes in [("Welkom met limonade", "10"), ("Tafelgesprekken", "40")]:
        page.get_by_label("Wat", exact=True).fill(title)
        page.get_by_label("Minuten", exact=True).fill(minutes)
        page.get_by_role("button", name="Toevoegen aan het programma").click()
        page.locator("td[data-label=Wat]", has_text=title).wait_for()
    assert_accessible(page)

    # Run the run sheet through two items.
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/draaiboek/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".md-sheet__title").inner_text() == "Welkom met limonade"
    clock = page.locator("[data-run-clock]")
    first = clock.inner_text()
    page.wait_for_timeout(1500)
    assert clock.inner_text() != first  # the countdown ticks
    assert_accessible(page)
    page.get_by_role("button", name="Volgende onderdeel").click()
    page.wait_for_load_state()
    assert page.locator(".md-sheet__title").inner_text() == "Tafelgesprekken"
    page.reload()
    assert page.locator(".md-sheet__title").inner_text() == "Tafelgesprekken"
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_load_state()
    assert page.locator(".md-sheet__title").inner_text() == "Het programma is klaar."


def test_run_sheet_on_a_phone(page, demo):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/draaiboek/")
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("[data-run-clock]").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert_accessible(page)
