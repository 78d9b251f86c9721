"""The plain-language (B1) check in the browser: while a coordinator types the purpose of a
meeting, the verdict changes live and a long sentence is marked; axe finds nothing."""

import re

import pytest

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"

PLAIN = "Wij willen weten wat u nodig hebt. Kom op dinsdag naar het buurthuis. Er is koffie."
LONG = (
    "Teneinde uitvoering te geven aan de gemeentelijke beleidsvoornemens inzake de "
    "herinrichting van de openbare ruimte organiseert het wijkteam in samenwerking met de "
    "woningcorporatie een informatiebijeenkomst waarbij belanghebbenden de mogelijkheid wordt "
    "geboden hun zienswijzen kenbaar te maken."
)


def test_the_verdict_changes_while_typing_and_long_sentences_are_marked(page, demo):
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/bewerken/")
    result = page.locator("#id_purpose-readability")
    verdict = page.locator("#id_purpose-readability-verdict")
    purpose = page.get_by_label("Doel", exact=True)

    # On load, the demo's purpose (one sentence of 15 words) is checked: not yet B1.
    result.locator('[data-verdict="not-b1"]').wait_for()
    assert page.locator("#id_expectations-readability [data-verdict]").count() == 1
    assert purpose.get_attribute("aria-describedby").split() == [
        "id_purpose-description",
        "id_purpose-readability-verdict",
    ]
    assert verdict.get_attribute("aria-live") == "polite"
    not_b1_text = verdict.inner_text()
    assert "<" not in verdict.inner_html()  # the verdict's text itself, swapped in out of band
    assert page.locator("[id='id_purpose-readability-verdict']").count() == 1
    assert re.search(r"\d", not_b1_text)

    purpose.fill(PLAIN)
    result.locator('[data-verdict="b1"]').wait_for()
    b1_text = verdict.inner_text()
    assert b1_text != not_b1_text
    assert result.locator("mark").count() == 0

    purpose.fill("")
    purpose.press_sequentially(LONG)
    result.locator('[data-verdict="not-b1"]').wait_for()
    assert verdict.inner_text() != b1_text
    marked = result.locator("mark")
    assert marked.count() == 1
    assert LONG in marked.inner_text()
    assert result.get_by_text("zienswijzen", exact=True).is_visible()
    assert_accessible(page)

    # The check is extra: the form saves as before.
    page.get_by_role("button", name="Bijeenkomst opslaan").click()
    page.wait_for_url(re.compile(rf"/bijeenkomsten/{meeting.pk}/$"))
    meeting.refresh_from_db()
    assert meeting.purpose == LONG
    assert page.console_errors == []


def test_the_form_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, "coordinator@example.org", DEMO_PASSWORD)
        meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
        page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/bewerken/")
        page.get_by_label("Doel", exact=True).fill(PLAIN)
        assert page.locator("#id_purpose-readability").inner_text() == ""
        page.get_by_role("button", name="Bijeenkomst opslaan").click()
        page.wait_for_url(re.compile(rf"/bijeenkomsten/{meeting.pk}/$"))
        meeting.refresh_from_db()
        assert meeting.purpose == PLAIN
    finally:
        context.close()
