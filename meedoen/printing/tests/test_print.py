"""The print room against a real database: who gets a badge and at which table, the print
page and its downloads for team members and viewers, the checklist tick, letters that are
not kept, large runs in the worker, previews and the purge of old runs."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from conftest import client_for
from meedoen.grouping import services as grouping_services
from meedoen.grouping.models import TableAssignment
from meedoen.meetings import services as meeting_services
from meedoen.meetings.models import ChecklistStatus
from meedoen.printing import selectors
from meedoen.printing.addresses import (
    AddressError,
    address_csv_parse,
    address_lines_parse,
    street_ranges_parse,
)
from meedoen.printing.models import PrintRun
from meedoen.printing.services import print_runs_purge
from meedoen.printing.tests.factories import PrintRunFactory
from meedoen.printing.tests.pdfs import pages_text, qr_texts
from meedoen.registrations import services as reg_services
from meedoen.registrations.models import Registration
from meedoen.teams.models import AuditLogEntry
from meedoen.teams.periodic import periodic_jobs

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def meeting(world):
    start = timezone.now() + timedelta(days=14)
    venue = meeting_services.venue_create(
        actor=world.member,
        name="Buurthuis De Linde",
        address="Lindelaan 4",
        postcode="1234 AB",
        city="Rivierstad",
        step_free=True,
        hearing_loop=True,
    )
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Samen de Lindelaan groener maken",
        purpose="We willen samen bepalen waar bomen en bankjes komen.",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=60,
        venue=venue,
    )
    reg_services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    return meeting


def admit(meeting, name, **fields):
    fields.setdefault("privacy_consent", True)
    return reg_services.registration_admit(
        meeting=meeting, channel="online", name=name, **fields
    ).registration


@pytest.fixture
def people(meeting):
    return {
        "zoe": admit(meeting, "Zoë Özdemir", comes_as="resident", companions=["Ngô Minh"]),
        "kees": admit(
            meeting,
            "Kees Post",
            comes_as="professional",
            organisation="Woonstichting",
            photo_consent=False,
            brings_helper=True,
        ),
        "lukasz": admit(meeting, "Łukasz Nowak", comes_as="volunteer"),
    }


def english_client(membership):
    client = client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def url(name, meeting, **kwargs):
    return reverse(
        f"printing:{name}",
        kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk, **kwargs},
    )


def badges_data(**overrides):
    data = {
        "kind": "badges",
        "badges-who": "registered",
        "badges-layout": "a4-2x4-99x68",
        "badges-second_line": "organisation",
        "badges-tables": "on",
        "badges-blanks": "0",
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------------------------------------
# Who gets a badge


def test_badges_for_everyone_registered(world, meeting, people):
    admit(meeting, "Anna Weg")
    cancelled = admit(meeting, "Bert Weg")
    reg_services.registration_cancel(registration=cancelled)
    badges = selectors.badges_for_attendees(
        actor=world.member, meeting=meeting, second_line="organisation"
    )
    names = [b.name for b in badges]
    # By name; companions get their own badge; the helper a blank one "with Kees".
    assert names == ["Anna", "Kees", "", "Łukasz", "Zoë", "Ngô"]
    kees, helper = badges[1], badges[2]
    assert kees.second_line == "Woonstichting" and kees.no_photo
    assert helper.no_photo and helper.second_line.endswith("Kees")
    assert not badges[4].no_photo
    assert "Bert" not in names


def test_badges_only_for_people_checked_in_and_walk_ins(world, meeting, people):
    reg_services.check_in_record(actor=world.member, registration=people["zoe"])
    reg_services.check_in_record(actor=world.member, registration=people["kees"])
    reg_services.check_in_record(actor=world.member, registration=people["kees"], undo=True)
    reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Fenna")
    badges = selectors.badges_for_attendees(actor=world.member, meeting=meeting, present_only=True)
    assert sorted(b.name for b in badges) == ["Fenna", "Ngô", "Zoë"]


def test_badges_show_the_table_in_each_round(world, meeting, people):
    division = grouping_services.division_for(meeting=meeting)
    division = grouping_services.division_settings_save(
        actor=world.member, division=division, mix={"comes_as": 1}, table_count=2, time_budget=1
    )
    grouping_services.division_solve(actor=world.member, division=division, max_iterations=50)
    grouping_services.division_solve(
        actor=world.member, division=division, round_=2, max_iterations=50
    )
    rows = {
        (r.registration_id, r.round): r.table
        for r in TableAssignment.objects.filter(division=division)
    }
    zoe = people["zoe"].pk
    expected = f"{rows[(zoe, 1)]} · {rows[(zoe, 2)]}"
    with_tables = selectors.badges_for_attendees(actor=world.member, meeting=meeting)
    for badge in with_tables:
        if badge.name in ("Zoë", "Ngô"):  # Ngô comes with Zoë and sits with her
            assert badge.tables.endswith(expected)
    lists = selectors.table_lists(actor=world.member, meeting=meeting)
    assert {(t.round, t.table) for t in lists} == {(r, t) for r in (1, 2) for t in (1, 2)}
    first = next(t for t in lists if t.round == 1 and t.table == rows[(zoe, 1)])
    assert "Zoë Özdemir" in first.names and "Ngô Minh" in first.names
    rounds, wall = selectors.wall_rows(actor=world.member, meeting=meeting)
    assert rounds == 2
    assert [r.name for r in wall] == ["Kees Post", "Łukasz Nowak", "Ngô Minh", "Zoë Özdemir"]


def _divide(world, meeting, rounds=1, **settings):
    division = grouping_services.division_settings_save(
        actor=world.member,
        division=grouping_services.division_for(meeting=meeting),
        mix={"comes_as": 1},
        time_budget=1,
        **{"table_count": 2, **settings},
    )
    for round_ in range(1, rounds + 1):
        grouping_services.division_solve(
            actor=world.member, division=division, round_=round_, max_iterations=50
        )
    return division


def test_walk_ins_at_a_table_are_on_the_table_list_and_the_wall_list(world, meeting, people):
    _divide(world, meeting)
    fenna = reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Fenna")
    reg_services.walk_in_add(actor=world.member, meeting=meeting, first_name="Without Table")
    row = grouping_services.walk_in_place(actor=world.member, walk_in=fenna, round_=1)
    lists = selectors.table_lists(actor=world.member, meeting=meeting)
    (at_table,) = [t for t in lists if t.table == row.table]
    assert "Fenna" in at_table.names
    assert not any("Without Table" in t.names for t in lists)
    _rounds, wall = selectors.wall_rows(actor=world.member, meeting=meeting)
    assert ("Fenna", [row.table]) in [(r.name, r.tables) for r in wall]
    assert "Without Table" not in [r.name for r in wall]


def test_seating_reads_the_same_tables_as_the_division_page(world, meeting, people):
    division = _divide(world, meeting, rounds=2, table_count=3)
    facilitator = world.member.user
    grouping_services.division_settings_save(
        actor=world.member,
        division=division,
        mix={"comes_as": 1},
        table_count=1,
        facilitators=[facilitator],
        time_budget=1,
    )
    grouping_services.division_solve(actor=world.member, division=division, max_iterations=50)
    placed = selectors.seating(actor=world.member, meeting=meeting)
    from meedoen.grouping import selectors as grouping_selectors

    rounds = grouping_selectors.division_rounds(actor=world.member, division=division)
    assert placed.rounds == len(rounds) == 2
    for index, round_ in enumerate(rounds):
        assert placed.table_numbers[round_.number] == [t.number for t in round_.tables]
        for table in round_.tables:
            for seat in table.seats:
                assert placed.tables_of(seat.assignment.key)[index] == table.number
    assert placed.facilitators[(1, 1)] == [facilitator.full_name or facilitator.email.split("@")[0]]


@pytest.mark.usefixtures("english")
def test_team_badges_carry_their_roles(world, meeting):
    world.member.user.full_name = "Sanne de Vries"
    world.member.user.save()
    meeting_services.role_assign(
        actor=world.member, meeting=meeting, role="chair", user=world.member.user
    )
    meeting_services.role_assign(
        actor=world.member, meeting=meeting, role="timekeeper", user=world.member.user
    )
    meeting_services.role_assign(actor=world.member, meeting=meeting, role="host", name="Aïcha")
    world.coordinator.user.full_name = "Bram Kok"
    world.coordinator.user.save()
    grouping_services.division_settings_save(
        actor=world.member,
        division=grouping_services.division_for(meeting=meeting),
        mix={},
        facilitators=[world.coordinator.user],
    )
    badges = selectors.badges_for_team(actor=world.member, meeting=meeting, surname=True)
    by_name = {b.name: b for b in badges}
    assert [b.name for b in badges] == ["Aïcha", "Bram", "Sanne"]
    assert by_name["Sanne"].second_line == "Chair, Timekeeper"
    assert by_name["Sanne"].surname == "de Vries"
    assert by_name["Aïcha"].second_line == "Host"
    assert by_name["Bram"].second_line == "Table facilitator"


# ---------------------------------------------------------------------------------------------
# The print page and downloads


def test_print_page_for_a_member_and_a_viewer(world, meeting, people):
    page = client_for(world.member).get(url("print", meeting))
    assert page.status_code == 200
    assert b'name="kind" value="letters"' in page.content
    assert b'method="post"' in page.content
    viewer = client_for(world.viewer).get(url("print", meeting))
    assert viewer.status_code == 200
    assert b'name="kind" value="letters"' not in viewer.content
    assert b'method="get"' in viewer.content


def test_meeting_page_links_to_the_print_page(world, meeting):
    detail = reverse(
        "meetings:meeting_detail", kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk}
    )
    response = client_for(world.member).get(detail)
    assert url("print", meeting).encode() in response.content


def test_member_prints_badges_and_ticks_the_checklist(world, meeting, people):
    item = meeting.checklist.get(key="badges_printed")
    assert item.status == ChecklistStatus.OPEN
    response = client_for(world.member).post(url("document", meeting), badges_data())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith(f'-{meeting.code}.pdf"')
    text = pages_text(response.content)
    assert len(text) == 1
    for name in ("Zoë", "Ngô", "Kees", "Łukasz", "Woonstichting"):
        assert name in text[0]
    item.refresh_from_db()
    assert item.status == ChecklistStatus.DONE and item.done_by == world.member.user
    assert item.evidence_url == url("print", meeting)
    assert AuditLogEntry.objects.filter(team=world.team, action="printing.badges").exists()


def test_viewer_downloads_badges_without_ticking(world, meeting, people):
    response = client_for(world.viewer).get(url("document", meeting), badges_data())
    assert response.status_code == 200
    assert "Zoë" in pages_text(response.content)[0]
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.OPEN
    assert client_for(world.viewer).post(url("document", meeting), badges_data()).status_code == 403


def test_page_count_follows_the_layout(world, meeting):
    for index in range(17):
        admit(meeting, f"Bewoner{index:02d} Achternaam")
    client = client_for(world.member)
    eight = client.post(url("document", meeting), badges_data())
    ten = client.post(url("document", meeting), badges_data(**{"badges-layout": "a4-2x5-99x57"}))
    tent = client.post(url("document", meeting), badges_data(**{"badges-layout": "a4-tent"}))
    blank = client.post(
        url("document", meeting), badges_data(**{"badges-who": "blank", "badges-blanks": "25"})
    )
    assert len(pages_text(eight.content)) == 3
    assert len(pages_text(ten.content)) == 2
    assert len(pages_text(tent.content)) == 17
    assert len(pages_text(blank.content)) == 4
    assert "Bewoner00" in pages_text(eight.content)[0]
    assert "Bewoner16" in pages_text(eight.content)[2]


def test_invalid_choices_show_the_form_again(world, meeting, people):
    client = english_client(world.member)
    response = client.post(url("document", meeting), badges_data(**{"badges-layout": "nope"}))
    assert response.status_code == 400
    assert b"badges-errors" in response.content
    assert b"Select a valid choice" in response.content
    response = client.post(url("document", meeting), {"kind": "signin", "signin-blank_rows": "x"})
    assert response.status_code == 400 and b"signin-errors" in response.content
    # Nothing lost: the typed value is still in the form.
    assert b'value="x"' in response.content
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.OPEN


def test_nothing_to_print_is_said_plainly(world, meeting):
    response = english_client(world.member).post(url("document", meeting), badges_data())
    assert response.status_code == 400
    assert b"There is no one to make a badge for" in response.content
    response = english_client(world.member).get(url("document", meeting), {"kind": "tables"})
    assert response.status_code == 400
    assert b"The tables are not divided yet." in response.content


def test_unknown_kind_goes_back_to_the_print_page(world, meeting):
    response = client_for(world.member).get(url("document", meeting), {"kind": "nope"})
    assert response.status_code == 302 and response["Location"] == url("print", meeting)


def test_other_team_gets_404(world, other_world, meeting, people):
    client = client_for(other_world.coordinator)
    other_url = reverse(
        "printing:document",
        kwargs={"team_slug": other_world.team.slug, "meeting_id": meeting.pk},
    )
    assert client.get(other_url, badges_data()).status_code == 404
    assert client.get(url("document", meeting), badges_data()).status_code == 404


def test_poster_qr_code_leads_to_the_public_page(world, meeting, settings):
    settings.MEEDOEN_BASE_URL = "https://meedoen.rivierstad.nl"
    public = f"https://meedoen.rivierstad.nl/b/{meeting.code}/"
    for paper in ("A3", "A6"):
        response = client_for(world.viewer).get(
            url("document", meeting),
            {"kind": "poster", "poster-paper": paper, "poster-language": "en"},
        )
        assert response.status_code == 200
        assert qr_texts(response.content) == [public]
        text = pages_text(response.content)[0]
        assert f"meedoen.rivierstad.nl/b/{meeting.code}" in text
        assert "Sign up, it is free:" in text
        assert "There is coffee and tea." in text
        assert "step-free entrance" in text and "hearing loop" in text


def _png(color=(0, 90, 160), size=(120, 60)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "logo.png"
    return buffer


def test_poster_logo_is_checked(world, meeting):
    client = client_for(world.member)
    data = {"kind": "poster", "poster-paper": "A4", "poster-language": "nl"}
    good = client.post(url("document", meeting), {**data, "poster-logo": _png()})
    assert good.status_code == 200 and good["Content-Type"] == "application/pdf"
    fake = io.BytesIO(b"<svg>not a png</svg>")
    fake.name = "logo.png"
    bad = client.post(url("document", meeting), {**data, "poster-logo": fake})
    assert bad.status_code == 400 and b"poster-errors" in bad.content


def test_sign_in_sheet_and_tip_cards(world, meeting, people):
    client = client_for(world.viewer)
    sheet = client.get(url("document", meeting), {"kind": "signin", "signin-blank_rows": "10"})
    text = pages_text(sheet.content)[0]
    assert "Zoë Özdemir" in text and "Ngô Minh" in text and "Kees Post" in text
    cards = client.get(
        url("document", meeting),
        {
            "kind": "tipcards",
            "tipcards-size": "A7",
            "tipcards-count": "9",
            "tipcards-language": "nl",
        },
    )
    pages = pages_text(cards.content)
    assert len(pages) == 2
    assert f"{meeting.code}-01" in pages[0] and f"{meeting.code}-09" in pages[1]


def test_letters_for_typed_addresses_streets_and_a_file(world, meeting):
    csv_file = io.BytesIO(
        "naam;straat;huisnummer;postcode;plaats\n"
        "Fatma Yılmaz;Eikstraat;2;1234AC;Rivierstad\n".encode()
    )
    csv_file.name = "adressen.csv"
    response = client_for(world.member).post(
        url("document", meeting),
        {
            "kind": "letters",
            "letters-language": "nl",
            "letters-addresses": "Jan de Boer, Lindelaan 7, 1234 AB Rivierstad",
            "letters-streets": "Beukweg 1-5 oneven",
            "letters-file": csv_file,
            "letters-city": "Rivierstad",
            "letters-phone": "020 123 45 67",
        },
    )
    assert response.status_code == 200
    pages = pages_text(response.content)
    assert len(pages) == 5
    assert "Jan de Boer" in pages[0] and "Lindelaan 7" in pages[0]
    assert "Beukweg 3" in pages[2] and "Beukweg 5" in pages[3]
    assert "Fatma Yılmaz" in pages[4] and "1234 AC" in pages[4]
    assert "020 123 45 67" in pages[0]
    # Only for this print: nothing with the addresses is stored.
    assert not PrintRun.objects.exists()
    assert AuditLogEntry.objects.filter(action="printing.letters").count() == 1


def test_letters_with_a_bad_line_keep_what_was_typed(world, meeting):
    response = english_client(world.member).post(
        url("document", meeting),
        {"kind": "letters", "letters-language": "nl", "letters-streets": "Beukweg zonder nummer"},
    )
    assert response.status_code == 400
    assert b"Line 1 is not a street with house numbers" in response.content
    assert b"Beukweg zonder nummer" in response.content


def test_viewers_cannot_make_letters(world, meeting):
    response = client_for(world.viewer).get(
        url("document", meeting), {"kind": "letters", "letters-streets": "Beukweg 1-3"}
    )
    assert response.status_code == 302


# ---------------------------------------------------------------------------------------------
# Previews


def test_preview_of_page_one(world, meeting, people):
    client = client_for(world.viewer)
    png = client.get(url("preview", meeting), badges_data())
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("L")
    assert sum(image.histogram()[:128]) > 200  # not blank
    fragment = client.get(url("preview", meeting), badges_data(), HTTP_HX_REQUEST="true")
    assert b'src="data:image/png;base64,' in fragment.content
    assert b"alt=" in fragment.content
    broken = client.get(
        url("preview", meeting), badges_data(**{"badges-layout": "x"}), HTTP_HX_REQUEST="true"
    )
    assert broken.status_code == 200 and b"<img" not in broken.content
    letter = client_for(world.member).post(
        url("preview", meeting),
        {"kind": "letters", "letters-language": "nl", "letters-streets": "Beukweg 1-400"},
        HTTP_HX_REQUEST="true",
    )
    assert b'src="data:image/png;base64,' in letter.content
    assert not PrintRun.objects.exists()
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.OPEN


def test_the_letter_preview_sends_the_uploaded_file(world, meeting):
    """htmx sends a file only with multipart encoding: the letters' CSV, like the logo."""
    page = client_for(world.member).get(url("print", meeting)).text
    for kind in ("letters", "poster"):
        form = page.split(f'name="kind" value="{kind}"', 1)[1].split("</form>", 1)[0]
        preview = form.split("formaction=", 1)[1].split(">", 1)[0]
        assert 'hx-encoding="multipart/form-data"' in preview, kind


# ---------------------------------------------------------------------------------------------
# Large runs in the worker


def test_large_badge_run_goes_to_the_worker(
    world, meeting, people, settings, django_capture_on_commit_callbacks
):
    settings.MEEDOEN_PRINT_WORKER_FROM = 3
    client = client_for(world.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("document", meeting), badges_data())
    run = PrintRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("run", meeting, print_run_id=run.pk)
    assert run.status == PrintRun.Status.DONE and run.progress == 100 and run.items == 5
    page = client.get(url("run", meeting, print_run_id=run.pk), HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in page.content
    download = client.get(url("run_download", meeting, print_run_id=run.pk))
    assert "Łukasz" in pages_text(download.content)[0]
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.DONE
    # A viewer sees the run but cannot start one.
    assert client_for(world.viewer).get(url("run", meeting, print_run_id=run.pk)).status_code == 200


def test_letter_run_forgets_the_addresses(
    world, meeting, settings, django_capture_on_commit_callbacks
):
    settings.MEEDOEN_PRINT_WORKER_FROM = 3
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.member).post(
            url("document", meeting),
            {"kind": "letters", "letters-language": "en", "letters-streets": "Beukweg 1-10"},
        )
    run = PrintRun.objects.get()
    assert run.status == PrintRun.Status.DONE
    assert "recipients" not in run.options
    pages = pages_text(bytes(run.pdf))
    assert len(pages) == 10
    assert "To the residents of" in pages[0] and "Beukweg 10" in pages[9]


def test_a_waiting_run_polls(world, meeting):
    run = PrintRunFactory(meeting=meeting, status=PrintRun.Status.QUEUED, progress=0, pdf=None)
    client = client_for(world.member)
    page = client.get(url("run", meeting, print_run_id=run.pk), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in page.content
    assert b"<progress" in page.content
    assert client.get(url("run_download", meeting, print_run_id=run.pk)).status_code == 404


@pytest.mark.usefixtures("english")
def test_a_run_whose_worker_stopped_stops_polling_and_says_so(world, meeting):
    now = timezone.now()
    silent = now - selectors.RUN_GRACE - timedelta(seconds=1)
    lost = PrintRunFactory(
        meeting=meeting, status=PrintRun.Status.RUNNING, progress=40, pdf=None, progress_at=silent
    )
    busy = PrintRunFactory(
        meeting=meeting, status=PrintRun.Status.RUNNING, progress=40, pdf=None, progress_at=now
    )
    client = english_client(world.member)
    page = client.get(url("run", meeting, print_run_id=lost.pk), HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in page.content
    assert b"The worker stopped while making the PDF. Please try again." in page.content
    page = client.get(url("run", meeting, print_run_id=busy.pk), HTTP_HX_REQUEST="true")
    assert b'hx-trigger="every 1s"' in page.content


def test_the_worker_reports_progress_as_a_sign_of_life(world, meeting, people):
    from meedoen.printing import services as printing_services

    run = PrintRunFactory(
        meeting=meeting,
        requested_by=world.member,
        status=PrintRun.Status.QUEUED,
        progress=0,
        pdf=None,
        options={},
    )
    printing_services.print_run_generate(print_run_id=run.pk)
    run.refresh_from_db()
    assert run.progress_at is not None  # set when the worker starts, and on every 5 %


def test_old_runs_are_purged(world, meeting):
    old = PrintRunFactory(meeting=meeting, created_at=timezone.now() - timedelta(days=8))
    new = PrintRunFactory(meeting=meeting)
    assert "printing.runs_purge" in periodic_jobs()
    assert print_runs_purge() == 1
    assert list(PrintRun.objects.values_list("pk", flat=True)) == [new.pk]
    assert not PrintRun.objects.filter(pk=old.pk).exists()


def test_a_failed_run_says_why(world, meeting, settings, django_capture_on_commit_callbacks):
    from meedoen.printing.services import print_run_create

    with django_capture_on_commit_callbacks(execute=True):
        run = print_run_create(
            actor=world.member,
            meeting=meeting,
            kind="badges",
            options={"who": "registered", "layout": "a4-2x4-99x68"},
            items=400,
        )
    run.refresh_from_db()
    assert run.status == PrintRun.Status.FAILED and run.error
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.OPEN


# ---------------------------------------------------------------------------------------------
# Addresses


def test_address_lines_with_and_without_names():
    found = address_lines_parse(
        "Fatma Yılmaz, Lindelaan 7, 1234 AB Rivierstad\nEikstraat 12a\nJan Smit\tBeukweg 3",
        city="Rivierstad",
    )
    assert [(r.name, r.street, r.postcode, r.city) for r in found] == [
        ("Fatma Yılmaz", "Lindelaan 7", "1234 AB", "Rivierstad"),
        ("", "Eikstraat 12a", "", "Rivierstad"),
        ("Jan Smit", "Beukweg 3", "", "Rivierstad"),
    ]
    with pytest.raises(AddressError):
        address_lines_parse("alleen een naam")


def test_street_ranges_even_odd_and_all():
    odd = street_ranges_parse("Lindelaan 1-9 oneven")
    even = street_ranges_parse("Eikstraat 2-10 even")
    every = street_ranges_parse("Beukweg 4-6\nDorpsstraat 12")
    assert [r.street for r in odd] == [f"Lindelaan {n}" for n in (1, 3, 5, 7, 9)]
    assert [r.street for r in even] == [f"Eikstraat {n}" for n in (2, 4, 6, 8, 10)]
    assert [r.street for r in every] == ["Beukweg 4", "Beukweg 5", "Beukweg 6", "Dorpsstraat 12"]
    assert [r.street for r in street_ranges_parse("Lindelaan 2-6 oneven")] == [
        "Lindelaan 3",
        "Lindelaan 5",
    ]


def test_address_csv_with_semicolons_or_commas():
    semicolons = address_csv_parse(
        "naam;straat;huisnummer;postcode;plaats\n;Lindelaan;7;1234ab;Rivierstad\n".encode("cp1252")
    )
    commas = address_csv_parse(b"Zo\xc3\xab,Eikstraat,2,,\n", city="Rivierstad")
    assert [(r.name, r.street, r.postcode, r.city) for r in semicolons] == [
        ("", "Lindelaan 7", "1234 AB", "Rivierstad")
    ]
    assert [(r.name, r.street, r.city) for r in commas] == [("Zoë", "Eikstraat 2", "Rivierstad")]
    with pytest.raises(AddressError):
        address_csv_parse(b"Jan;;;;\n")


def test_registrations_on_the_waiting_list_get_no_badge(world, meeting):
    meeting.capacity = 1
    meeting.save()
    admit(meeting, "Eerste Persoon")
    waiting = admit(meeting, "Tweede Persoon")
    assert waiting.status == Registration.Status.WAITING
    names = [b.name for b in selectors.badges_for_attendees(actor=world.member, meeting=meeting)]
    assert names == ["Eerste"]


def test_print_page_queries_do_not_grow_with_registrations(
    world, meeting, people, django_assert_max_num_queries
):
    client = client_for(world.member)
    client.get(url("print", meeting))  # sessions and caches warm
    for index in range(30):
        admit(meeting, f"Bewoner{index:02d} Achternaam", companions=["Iemand Anders"])
    _divide(world, meeting, rounds=2, table_count=3)
    with django_assert_max_num_queries(25):
        assert client.get(url("print", meeting)).status_code == 200


def test_table_documents_read_the_tables_without_solving(
    world, meeting, people, django_assert_max_num_queries
):
    for index in range(30):
        admit(meeting, f"Bewoner{index:02d} Achternaam", companions=["Iemand Anders"])
    _divide(world, meeting, rounds=2, table_count=3)
    with django_assert_max_num_queries(12):
        assert len(selectors.table_lists(actor=world.member, meeting=meeting)) == 6
    with django_assert_max_num_queries(12):
        selectors.badges_for_attendees(actor=world.member, meeting=meeting)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "badges", "badges-who": "blank", "badges-blanks": "-5"},
        {"kind": "tipcards", "tipcards-count": "100000", "tipcards-size": "A6"},
        {"kind": "poster", "poster-paper": "A9", "poster-language": "nl"},
        {"kind": "letters", "letters-language": "nl", "letters-streets": "Lindelaan 1-999999"},
        {"kind": "letters", "letters-language": "nl"},
        {"kind": "letters", "letters-language": "xx", "letters-streets": "Lindelaan 1"},
    ],
)
def test_bad_input_is_a_message_not_an_error(world, meeting, data):
    response = client_for(world.member).post(url("document", meeting), data)
    assert response.status_code == 400
    assert f'id="{data["kind"]}-errors"'.encode() in response.content


def test_a_broken_csv_file_is_a_message(world, meeting):
    upload = io.BytesIO(b"\x00\xff\xfe;;\x00\n\x00")
    upload.name = "adressen.csv"
    response = client_for(world.member).post(
        url("document", meeting),
        {"kind": "letters", "letters-language": "nl", "letters-file": upload},
    )
    assert response.status_code == 400


def test_only_personal_prints_are_recorded_and_only_by_team_members(world, meeting):
    from django.core.exceptions import PermissionDenied

    from meedoen.printing.services import document_print_record, print_run_create

    response = client_for(world.member).post(
        url("document", meeting),
        {
            "kind": "tipcards",
            "tipcards-size": "A6",
            "tipcards-count": "4",
            "tipcards-language": "nl",
        },
    )
    assert response.status_code == 200
    assert not AuditLogEntry.objects.filter(action__startswith="printing.").exists()
    with pytest.raises(PermissionDenied):
        document_print_record(actor=world.viewer, meeting=meeting, kind="badges", items=1)
    with pytest.raises(PermissionDenied):
        print_run_create(actor=world.viewer, meeting=meeting, kind="badges", options={}, items=400)
    assert meeting.checklist.get(key="badges_printed").status == ChecklistStatus.OPEN
