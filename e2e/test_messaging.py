"""Messages in the browser, on the demo: a meeting's messages and its call list, noting calls,
writing a text with the live preview, and sending an invitation after seeing the count. axe
checks every page."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting
from meedoen.messaging.models import Message, MessageKind, MessageTemplate
from meedoen.registrations.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"


def test_the_call_list_of_the_coffee_morning(page, demo):
    login(page, "member@example.org", DEMO_PASSWORD)
    coffee = Meeting.objects.get(title="Koffieochtend Oude Haven")
    page.goto(f"{BASE}/bijeenkomsten/{coffee.pk}/")
    section = page.locator("section", has=page.locator("#section-messagingmeeting"))
    expect(section).to_contain_text(re.compile(r"\b3\b.*(email|e-mail)"))
    assert section.locator(f'a[href$="/{coffee.pk}/berichten/bellen/"]').is_visible()
    assert_accessible(page)

    page.goto(f"{BASE}/bijeenkomsten/{coffee.pk}/berichten/")
    assert page.locator("#message-counts").is_visible()
    assert_accessible(page)

    page.goto(f"{BASE}/bijeenkomsten/{coffee.pk}/berichten/bellen/")
    rows = page.locator("#to-call ~ .utrecht-table-container tbody tr")
    assert rows.count() == 3
    assert page.locator('a[href="tel:0631415926"]').is_visible()
    assert_accessible(page)

    riet = rows.filter(has_text="Riet van Dam")
    riet.locator('button[name="outcome"][value="called"]').click()
    page.wait_for_url(re.compile(r"/bellen/$"))
    fatma = page.locator("#to-call ~ .utrecht-table-container tbody tr").filter(
        has_text="Fatma Demir"
    )
    fatma.locator('button[name="outcome"][value="cancelled"]').click()
    page.wait_for_url(re.compile(r"/bellen/$"))
    assert page.locator("#to-call ~ .utrecht-table-container tbody tr").count() == 1
    assert page.locator("#called").is_visible()
    assert Registration.objects.get(name="Fatma Demir").status == Registration.Status.CANCELLED
    assert_accessible(page)


def test_write_a_text_with_the_live_preview(page, demo):
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    page.goto(f"{BASE}/berichten/teksten/")
    assert_accessible(page)
    page.goto(f"{BASE}/berichten/teksten/reminder/nl/")
    preview = page.locator("#preview")
    assert "Brugstraat 12" in preview.inner_text()
    assert preview.locator("img[src^='data:image/png']").count() == 1  # the check-in QR code
    assert_accessible(page)

    body = page.locator("#id_body")
    body.fill("Beste {name},\n\nWe zien u graag in {place} op {date}.")
    expect(preview).to_contain_text("We zien u graag in Buurthuis De Brug")
    page.locator("#id_subject").fill("Tot {datum}")
    page.locator("#template-form button[type=submit]").click()
    assert page.locator(".md-error-summary").is_visible()
    assert "{datum}" in page.locator(".md-error-summary").inner_text()
    assert_accessible(page)

    page.locator("#id_subject").fill("Tot {date}")
    page.locator("#template-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/teksten/reminder/nl/$"))
    assert MessageTemplate.objects.get().subject == "Tot {date}"


def test_send_an_invitation_to_the_contacts(page, demo):
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/berichten/versturen/")
    assert_accessible(page)
    page.locator("#id_contacts").check()
    page.locator('button[name="preview"]').click()
    assert "2" in page.locator("#audience-count").inner_text()
    assert_accessible(page)
    page.locator('button[name="confirm"]').click()
    page.wait_for_url(re.compile(r"/berichten/$"))
    assert Message.objects.filter(kind=MessageKind.INVITATION).count() == 2
    assert_accessible(page)
