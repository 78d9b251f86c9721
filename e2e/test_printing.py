"""Printing as a team member does it: from the meeting page to the print page, a preview of
page 1 of the name badges, then the download, read back; the checklist item is ticked. axe on
every state of the page."""

import io
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import expect

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import ChecklistStatus, Meeting
from meedoen.registrations import services
from meedoen.teams.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/t/wijkteam-noord"


@pytest.fixture
def meeting(demo):
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    actor = Membership.objects.get(user__email="member@example.org", team=meeting.team)
    for name in ("Zoë Özdemir", "Łukasz Nowak", "Ḥaddādī Ngô"):
        services.registration_admit(
            meeting=meeting, channel="phone", actor=actor, name=name, overbook_reason="e2e"
        )
    return meeting


def test_print_badges_from_the_meeting_page(page, live_server, meeting):
    login(page, "member@example.org", DEMO_PASSWORD)
    page.context.add_cookies([{"name": "meedoen_language", "value": "en", "url": live_server.url}])
    page.goto(f"{BASE}/bijeenkomsten/{meeting.pk}/")
    section = page.get_by_role("region", name="Printing")
    section.get_by_role("link", name="Print").click()
    page.wait_for_url(f"**{BASE}/bijeenkomsten/{meeting.pk}/afdrukken/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(meeting.title)
    assert_accessible(page)

    badges = page.get_by_role("region", name="Name badges")
    badges.get_by_label("Paper").select_option("a4-2x5-99x57")
    badges.get_by_role("button", name="Preview page 1").click()
    preview = badges.get_by_role("img", name="Page 1 of the name badges", exact=False)
    expect(preview).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        badges.get_by_role("button", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == f"name-badges-{meeting.code}.pdf"
    reader = pypdf.PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for first_name in ("Zoë", "Łukasz", "Ḥaddādī"):
        assert first_name in text
    item = meeting.checklist.get(key="badges_printed")
    assert item.status == ChecklistStatus.DONE
    assert page.console_errors == []

    # A street that cannot be read: the form comes back with the error and the typed text.
    letters = page.get_by_role("region", name="Invitation letters")
    letters.get_by_label("Streets with house numbers").fill("Lindelaan zonder nummers")
    letters.get_by_role("button", name="Download PDF").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Line 1 is not a street with house numbers")
    expect(page.get_by_label("Streets with house numbers")).to_have_value(
        "Lindelaan zonder nummers"
    )
    assert_accessible(page)
    # The only console message is the form's 400 answer itself.
    assert all("400" in message for message in page.console_errors)
