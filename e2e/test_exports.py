"""Attendance and exports in the browser: the coordinator opens the demo's past meeting from the
dashboard panel, reads the no-show rate per channel, downloads the Excel file and reads it back;
axe on the dashboard and on the export page, also at 360 px wide."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAST = "Kennismaken met de wijk"
# The Dutch texts this test reads (the demo: 25 confirmed, 6 did not come).
NL = {
    "panel": "Aanwezigheid van recente bijeenkomsten",
    "link": "Aanwezigheid en exports",
    "heading": f"Aanwezigheid en exports voor “{PAST}”",
    "rate": "Percentage niet gekomen: 24% (6 van de 25 bevestigde aanmeldingen kwamen niet)",
    "per_channel": "Per manier van aanmelden",
    "walk_ins": "Binnenlopers",
    "excel": "Downloaden als Excel (.xlsx)",
    "sheets": ["Aanmeldingen", "Aanwezigheid"],
}


def test_coordinator_reads_the_no_show_rate_and_downloads(page, demo):
    past = Meeting.objects.get(title=PAST)
    login(page, "coordinator@example.org", DEMO_PASSWORD)
    page.wait_for_url("**/t/wijkteam-noord/")
    panel = page.get_by_role("region", name=NL["panel"])
    assert "24%" in panel.inner_text()
    assert_accessible(page)

    panel.get_by_role("link", name=PAST).click()
    page.wait_for_url(f"**/t/wijkteam-noord/bijeenkomsten/{past.pk}/export/")
    assert page.get_by_role("heading", level=1).inner_text() == NL["heading"]
    assert page.get_by_text(NL["rate"]).is_visible()
    figures = page.locator("#attendance-figures")
    walk_ins = figures.locator(
        ".utrecht-data-list__item", has=page.get_by_text(NL["walk_ins"], exact=True)
    )
    assert walk_ins.locator("dd").inner_text() == "4"
    per_channel = page.get_by_role("table", name=NL["per_channel"])
    assert per_channel.get_by_role("row").count() == 6  # header + five channels
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name=NL["excel"]).click()
    download = info.value
    assert download.suggested_filename == f"aanmeldingen-{past.code}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames == NL["sheets"]
    names = [row[0].value for row in workbook[NL["sheets"][0]].iter_rows(min_row=2)]
    assert "Zoë Öztürk" in names and "Aïcha Haddādī" in names

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.get_by_text(NL["rate"]).is_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_the_meeting_page_links_to_the_export_page(page, demo):
    past = Meeting.objects.get(title=PAST)
    login(page, "viewer@example.org", DEMO_PASSWORD)
    page.wait_for_url("**/t/wijkteam-noord/")
    page.goto(f"/t/wijkteam-noord/bijeenkomsten/{past.pk}/")
    page.get_by_role("link", name=NL["link"]).click()
    page.wait_for_url(f"**/bijeenkomsten/{past.pk}/export/")
    assert page.get_by_text(NL["rate"]).is_visible()
