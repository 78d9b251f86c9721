"""Exports re-read the way a team opens them: the CSV with the csv module (semicolons, BOM), the
XLSX with openpyxl, the .ics with icalendar. Formula-like input never becomes a formula; Dutch
characters survive; the calendar shows the meeting's wall-clock time in Europe/Amsterdam."""

import csv
import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from openpyxl import load_workbook

from conftest import client_for as _client_for
from meedoen.meetings import services as meeting_services
from meedoen.meetings.tests.factories import VenueFactory
from meedoen.registrations import exports, services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HOSTILE = {
    "name": '=HYPERLINK("http://x","y")',
    "phone": "+31 6 1234",
    "dietary": "@SUM(A1)\x1b",
    "needs_other": "\t=1+1",
    "organisation": "\r=2",
    "street": "-1+2",
    "answers": {"Wat wil je bespreken?": "=2+2"},
}
QUESTION = "Wat wil je bespreken?"


def client_for(membership):
    client = _client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


@pytest.fixture
def meeting(world):
    """An evening meeting two months ahead, at 19:30 local time."""
    start = timezone.localtime(timezone.now() + timedelta(days=60), AMSTERDAM).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    venue = VenueFactory(
        team=world.team,
        name="Buurthuis De Brug",
        address="Brugstraat 12",
        postcode="1234 AB",
        city="Rivierstad",
        parking="Parkeerplein achter het buurthuis.",
        step_free=True,
        hearing_loop=False,
    )
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtavond Oude Haven",
        purpose="x",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=30,
        venue=venue,
    )
    services.registration_settings_update(
        actor=world.member,
        meeting=meeting,
        published=True,
        ask_street=True,
        ask_organisation=True,
        custom_questions=[{"label": QUESTION, "kind": "text"}],
    )
    return meeting


@pytest.fixture
def people(world, meeting):
    """Two ordinary registrations with Dutch characters and one full of formula-like text."""
    zoe = services.registration_admit(
        meeting=meeting,
        channel="online",
        name="Zoë Özdemir-Ngô",
        email="zoe@example.org",
        privacy_consent=True,
        companions=["Łukasz"],
        comes_as="resident",
    )
    lukasz = services.registration_admit(
        meeting=meeting, channel="paper", actor=world.member, name="Łukasz Ḥaddādī"
    )
    hostile = services.registration_admit(
        meeting=meeting, channel="phone", actor=world.member, **HOSTILE
    )
    services.check_in_record(actor=world.member, registration=zoe.registration)
    services.walk_in_add(actor=world.member, meeting=meeting, first_name="=cmd|' /C calc'!A0")
    return zoe, lukasz, hostile


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\x07=1", "'=1"),  # a control character a spreadsheet cannot hold is dropped first
        ("Zo\x0bë", "Zoë"),
        ("Zoë", "Zoë"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
    ],
)
def test_cell_safe(value, safe):
    assert exports.cell_safe(value) == safe


def test_csv_is_semicolon_separated_utf8_with_bom_and_safe(meeting, people):
    rows = csv_rows(exports.registrations_csv(meeting))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Name", "Status", "Channel"]
    assert {"Street or neighbourhood", "Organisation", "Present"} <= set(header)
    assert "Age group" not in header  # not asked on this form
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    assert len(by_name) == 3

    zoe = by_name["Zoë Özdemir-Ngô"]
    assert zoe["Coming along"] == "Łukasz"
    assert zoe["Places"] == "2"
    assert zoe["Present"] == "yes"
    assert zoe["Email address"] == "zoe@example.org"
    assert by_name["Łukasz Ḥaddādī"]["Present"] == "no"

    hostile = by_name["'" + HOSTILE["name"]]
    assert hostile["Phone number"] == "'+31 6 1234"
    assert hostile["Dietary wishes"] == "'@SUM(A1)"
    assert hostile["Needs"] == "'\t=1+1"
    assert hostile["Organisation"] == "'\r=2"
    assert hostile["Street or neighbourhood"] == "'-1+2"
    assert hostile[QUESTION] == "'=2+2"  # the team's own question is a column too
    # No cell anywhere starts with a formula character.
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t")]


def test_csv_registered_at_is_local_time(meeting, people):
    rows = csv_rows(exports.registrations_csv(meeting))
    at = dict(zip(rows[0], rows[1], strict=True))["Registered at"]
    created = timezone.localtime(people[0].registration.created_at, AMSTERDAM)
    assert at == created.strftime("%Y-%m-%d %H:%M")


def test_headers_follow_the_active_language(meeting, people):
    with translation.override("nl"):
        rows = csv_rows(exports.registrations_csv(meeting))
        workbook = load_workbook(io.BytesIO(exports.registrations_xlsx(meeting)))
    assert rows[0][0] == "Naam"
    assert workbook.sheetnames[0] == "Aanmeldingen"


def test_xlsx_has_both_sheets_no_formulas_and_dutch_characters(meeting, people):
    workbook = load_workbook(io.BytesIO(exports.registrations_xlsx(meeting)))
    assert workbook.sheetnames == ["Registrations", "Attendance"]
    sheet = workbook["Registrations"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    names = [row[0] for row in rows[1:]]
    assert names == ["Zoë Özdemir-Ngô", "Łukasz Ḥaddādī", "'" + HOSTILE["name"]]
    header = rows[0]
    hostile = dict(zip(header, rows[3], strict=True))
    assert hostile["Phone number"] == "'+31 6 1234"
    assert hostile["Dietary wishes"] == "'@SUM(A1)"
    assert hostile["Organisation"] == "'\r=2"

    attendance = workbook["Attendance"]
    values = [[c.value for c in row] for row in attendance.iter_rows()]
    counts = {row[0]: row[1] for row in values if row and row[0]}
    assert counts["Expected (places)"] == 4  # Zoë + Łukasz (her companion), Łukasz, hostile
    assert counts["Present (places)"] == 2
    assert counts["Walk-ins"] == 1
    assert counts["Still to come"] == 2
    assert counts["Present in total"] == 3
    assert "'=cmd|' /C calc'!A0" in [row[0] for row in values]

    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_ics_parses_with_local_start_location_and_manage_link(meeting, people):
    registration = people[0].registration
    manage = "https://meedoen.example/b/x/aanmelding/secret-token/"
    content = exports.registration_ics(registration, manage_url=manage)
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "PUBLISH"
    event = calendar.walk("VEVENT")[0]
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Amsterdam"
    local = timezone.localtime(meeting.starts_at, AMSTERDAM)
    assert (start.dt.hour, start.dt.minute) == (19, 30)
    assert start.dt.replace(tzinfo=None) == local.replace(tzinfo=None)
    assert start.dt == meeting.starts_at  # the same moment
    assert b"DTSTART;TZID=Europe/Amsterdam:" + local.strftime("%Y%m%dT%H%M%S").encode() in content
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["LOCATION"]) == "Buurthuis De Brug, Brugstraat 12, 1234 AB Rivierstad"
    description = str(event["DESCRIPTION"])
    assert manage in description
    assert "Brugstraat 12" in description
    assert "19:30" in description
    assert "Parkeerplein achter het buurthuis." in description
    assert "What is there: step-free entrance" in description
    assert "hearing loop" in description.split("What is not there:")[1]
    assert registration.checkin_code in description
    assert str(event["STATUS"]) == "CONFIRMED"


# ---------------------------------------------------------------------------------------------
# Views


def export_url(name, world, meeting):
    return reverse(
        f"exports:{name}", kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk}
    )


def figures_on(html: str) -> dict[str, str]:
    block = html.split('id="attendance-figures"')[1].split("</dl>")[0]
    return dict(re.findall(r"<dt[^>]*>([^<]+)</dt><dd[^>]*>([^<]+)</dd>", block))


def test_export_page_shows_the_figures_before_the_meeting(world, meeting, people):
    response = client_for(world.viewer).get(export_url("meeting_export", world, meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert figures_on(html) == {
        "Expected": "4 places",
        "Present": "2 places",
        "Walk-ins": "1",
        "Still to come": "2 places",
        "Present in total": "3 people, walk-ins included",
    }
    assert "After the meeting you see here" in html
    assert export_url("registrations_csv", world, meeting) in html
    assert export_url("registrations_xlsx", world, meeting) in html


def test_meeting_page_links_to_the_export_page(world, meeting):
    page = client_for(world.viewer).get(
        reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk},
        )
    )
    assert export_url("meeting_export", world, meeting) in page.content.decode()


@pytest.mark.parametrize(
    ("name", "content_type", "extension"),
    [
        ("registrations_csv", "text/csv; charset=utf-8", "csv"),
        (
            "registrations_xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
    ],
)
def test_a_viewer_downloads(world, meeting, people, name, content_type, extension):
    response = client_for(world.viewer).get(export_url(name, world, meeting))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="registrations-{meeting.code}.{extension}"'
    assert disposition.isascii()
    if extension == "csv":
        assert "Zoë Özdemir-Ngô" in response.content.decode("utf-8-sig")
    else:
        assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Registrations"


def test_downloads_are_reads_only(world, meeting):
    response = client_for(world.member).post(export_url("registrations_csv", world, meeting))
    assert response.status_code == 405


def test_another_teams_meeting_is_404(world, other_world, meeting):
    for name in ("meeting_export", "registrations_csv", "registrations_xlsx"):
        response = client_for(other_world.coordinator).get(
            reverse(
                f"exports:{name}",
                kwargs={"team_slug": other_world.team.slug, "meeting_id": meeting.pk},
            )
        )
        assert response.status_code == 404


def test_public_ics_by_token(client, meeting, people):
    zoe = people[0]
    url = reverse(
        "public:registration_calendar",
        kwargs={"code": meeting.code, "token": zoe.manage_token},
    )
    assert url.endswith(f"/aanmelding/{zoe.manage_token}/agenda.ics")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.code}.ics"'
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    manage = reverse(
        "public:registration", kwargs={"code": meeting.code, "token": zoe.manage_token}
    )
    assert manage in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(manage)


def test_public_ics_404s_for_a_wrong_token_or_code(client, world, meeting, people):
    zoe = people[0]
    wrong_token = reverse(
        "public:registration_calendar", kwargs={"code": meeting.code, "token": "not-the-token"}
    )
    assert client.get(wrong_token).status_code == 404
    other = meeting_services.meeting_create(
        actor=world.member,
        title="Andere avond",
        purpose="x",
        starts_at=meeting.starts_at + timedelta(days=1),
        ends_at=meeting.ends_at + timedelta(days=1),
    )
    wrong_code = reverse(
        "public:registration_calendar", kwargs={"code": other.code, "token": zoe.manage_token}
    )
    assert client.get(wrong_code).status_code == 404
