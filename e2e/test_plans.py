"""Plans in the browser: two team members map stakeholders together in one session, and every
plan page passes axe."""

import re

import pytest

from e2e.conftest import DEMO_PASSWORD as PASSWORD
from e2e.conftest import assert_accessible, login
from meedoen.plans.models import MappingSession, ParticipationPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(demo) -> ParticipationPlan:
    return ParticipationPlan.objects.get(title="Gezond ouder worden in Noord")


def test_every_plan_page_passes_axe(page, plan):
    login(page, "coordinator@example.org", PASSWORD)
    base = f"/t/wijkteam-noord/plannen/{plan.pk}/"
    stakeholder = plan.stakeholders.order_by("name").first()
    for path in [
        "/t/wijkteam-noord/",
        "/t/wijkteam-noord/plannen/",
        "/t/wijkteam-noord/plannen/nieuw/",
        base,
        base + "bewerken/",
        base + "afdrukken/",
        base + "stakeholders/nieuw/",
        base + "treden/",
        base + "treden/advise/",
        base + "momenten/nieuw/",
        f"/t/wijkteam-noord/stakeholders/{stakeholder.pk}/",
        f"/t/wijkteam-noord/stakeholders/{stakeholder.pk}/verwijderen/",
        "/t/wijkteam-noord/methoden/",
        "/t/wijkteam-noord/methoden/nieuw/",
        f"/t/wijkteam-noord/sessies/{plan.mapping_sessions.get().pk}/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    assert page.console_errors == []


def test_plan_shows_the_ring_map_with_a_text_alternative(page, plan):
    login(page, "viewer@example.org", PASSWORD)
    page.goto(f"/t/wijkteam-noord/plannen/{plan.pk}/")
    svg = page.get_by_role("img", name="Stakeholders naar belang")
    assert svg.is_visible()
    assert page.get_by_role("table", name="Stakeholders naar belang").is_visible()
    assert page.get_by_role("cell", name=re.compile("Mantelzorgers")).is_visible()


def test_two_people_map_stakeholders_together(page, plan, browser, live_server):
    """The coordinator and a team member, each in their own browser, run a session: countdown,
    private notes, reveal, a disagreement highlighted, the coordinator decides, stakeholders
    land in the plan."""
    plan.stakeholders.all().delete()
    coordinator = page
    login(coordinator, "coordinator@example.org", PASSWORD)
    coordinator.goto(f"/t/wijkteam-noord/plannen/{plan.pk}/#mapping")
    coordinator.get_by_label("Minuten om te schrijven").fill("1")
    coordinator.get_by_role("button", name="Mappingsessie openen").click()
    coordinator.wait_for_url(re.compile(r"/sessies/\d+/$"))
    session_url = coordinator.url

    member_context = browser.new_context(base_url=live_server.url)
    member = member_context.new_page()
    login(member, "member@example.org", PASSWORD)
    member.goto(session_url)
    assert member.get_by_text("Wachten tot de coördinator start").is_visible()

    coordinator.get_by_role("button", name="Start het aftellen").click()
    countdown = coordinator.locator("[data-countdown-text]")
    countdown.wait_for()
    # The member's page follows within a couple of seconds, without reloading.
    member.locator("[data-countdown-text]").wait_for(timeout=5000)
    first = countdown.inner_text()
    coordinator.wait_for_timeout(1500)
    assert countdown.inner_text() != first  # it really counts down

    def write(person, text, ring_label):
        person.get_by_label("Stakeholder of inwonersgroep").fill(text)
        person.get_by_label(ring_label, exact=True).check()
        person.get_by_role("button", name="Notitie toevoegen").click()
        person.locator(".md-note", has_text=text).wait_for()

    write(coordinator, "GGD", "hoog belang")
    write(coordinator, "Buurthuis De Brug", "gemiddeld belang")
    write(member, "G.G.D.", "laag belang")
    write(member, "Jongerenwerk", "gemiddeld belang")
    # Private: the coordinator does not see the member's notes while writing.
    assert coordinator.locator(".md-note", has_text="Jongerenwerk").count() == 0
    assert_accessible(coordinator)

    # Move a note by keyboard-friendly controls: select a ring and press "Move".
    note = member.locator(".md-note", has_text="Jongerenwerk")
    note.get_by_role("combobox").select_option("high")
    note.get_by_role("button", name=re.compile("^Verplaatsen")).click()
    member.locator(".md-drop--high .md-note", has_text="Jongerenwerk").wait_for()

    # And with the mouse: drag a note into another ring.
    coordinator.locator(".md-note", has_text="Buurthuis De Brug").locator(".md-note__text").drag_to(
        coordinator.locator(".md-drop--low")
    )
    coordinator.locator(".md-drop--low .md-note", has_text="Buurthuis De Brug").wait_for()

    coordinator.get_by_role("button", name="Toon nu alle notities").click()
    discuss = member.locator(".md-group--discuss")
    discuss.wait_for(timeout=5000)
    assert "GGD" in discuss.inner_text() and "G.G.D." in discuss.inner_text()
    assert "om te bespreken" in discuss.inner_text()
    assert_accessible(member)

    member.get_by_label("Je reflectie op GGD").fill("Zit ook in de regiegroep")
    member.get_by_role("button", name="Reflectie toevoegen").first.click()
    coordinator.get_by_text("Zit ook in de regiegroep").wait_for(timeout=5000)

    group = coordinator.locator(".md-group--discuss")
    group.get_by_label("Ring").select_option("medium")
    group.get_by_label("Soort").select_option("policy")
    group.get_by_role("button", name=re.compile("^Besluiten")).click()
    coordinator.get_by_text("besloten: gemiddeld belang").wait_for()

    coordinator.get_by_role("button", name="Sluiten en toevoegen aan het plan").click()
    coordinator.wait_for_url(re.compile(rf"/plannen/{plan.pk}/"))
    names = set(plan.stakeholders.values_list("name", flat=True))
    assert names == {"GGD", "Buurthuis De Brug", "Jongerenwerk"}
    assert plan.stakeholders.get(name="Buurthuis De Brug").ring == "low"
    ggd = plan.stakeholders.get(name="GGD")
    assert (ggd.ring, ggd.kind) == ("medium", "policy")
    assert "regiegroep" in ggd.notes
    assert (
        MappingSession.objects.get(pk=int(session_url.rstrip("/").split("/")[-1])).status
        == "closed"
    )
    member_context.close()
