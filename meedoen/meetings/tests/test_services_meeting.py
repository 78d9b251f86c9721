import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meedoen.meetings import selectors, services
from meedoen.meetings.catalogue import DEFAULT_CHECKLIST, DEFAULT_SCENARIOS
from meedoen.meetings.errors import MeetingCancelled, MeetingNotReady, RunSheetState
from meedoen.meetings.models import ChecklistStatus, Meeting, ProgrammeItem, TeamChecklistItem
from meedoen.meetings.tests.factories import VenueFactory
from meedoen.plans import services as plan_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=AMSTERDAM)


def start(days=30, hour=19):
    return datetime(2027, 3, 1, hour, 0, tzinfo=AMSTERDAM) + timedelta(days=days)


@pytest.fixture
def meeting(world):
    return services.meeting_create(
        actor=world.member,
        title="Buurtavond",
        purpose="Wat mist er?",
        starts_at=start(),
        ends_at=start() + timedelta(hours=2),
        now=NOW,
    )


def test_a_new_meeting_gets_the_template_checklist_scenarios_and_a_code(world, meeting):
    keys = set(meeting.checklist.values_list("key", flat=True))
    assert keys == {item.key for item in DEFAULT_CHECKLIST}
    assert meeting.scenarios.count() == len(DEFAULT_SCENARIOS)
    assert meeting.materials.exists()
    assert meeting.code == f"noord-{meeting.date.day}mrt"


def test_codes_stay_unique(world, meeting):
    second = services.meeting_create(
        actor=world.member,
        title="Tweede",
        purpose="x",
        starts_at=meeting.starts_at + timedelta(hours=3),
        ends_at=meeting.ends_at + timedelta(hours=3),
    )
    assert second.code == meeting.code + "-2"


def test_due_dates_follow_the_meeting_when_it_moves(world, meeting):
    reminder = meeting.checklist.get(key="reminders_sent")
    assert reminder.due_date == meeting.date - timedelta(days=7)
    version = meeting.schedule_version
    services.meeting_update(
        actor=world.member,
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(days=14),
        ends_at=meeting.ends_at + timedelta(days=14),
    )
    reminder.refresh_from_db()
    assert reminder.due_date == meeting.date - timedelta(days=7)
    assert meeting.schedule_version == version + 1


def test_end_before_start_is_refused(world):
    with pytest.raises(ValidationError):
        services.meeting_create(
            actor=world.member, title="x", purpose="x", starts_at=start(), ends_at=start()
        )


def test_another_teams_venue_or_plan_cannot_be_used(world, other_world):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=world.member,
            title="x",
            purpose="x",
            starts_at=start(),
            ends_at=start() + timedelta(hours=1),
            venue=VenueFactory(team=other_world.team),
        )


def test_stakeholders_must_come_from_the_meetings_plan(world):
    plan = plan_services.plan_create(actor=world.member, title="P", theme="T", goal="G")
    other = plan_services.plan_create(actor=world.member, title="Q", theme="T", goal="G")
    mine = plan_services.stakeholder_create(actor=world.member, plan=plan, name="Ouderen")
    theirs = plan_services.stakeholder_create(actor=world.member, plan=other, name="Jongeren")
    meeting = services.meeting_create(
        actor=world.member,
        title="x",
        purpose="x",
        starts_at=start(),
        ends_at=start() + timedelta(hours=1),
        plan=plan,
        stakeholders=[mine],
        rungs=["consult"],
    )
    assert list(meeting.stakeholders.all()) == [mine]
    with pytest.raises(ValidationError):
        services.meeting_update(actor=world.member, meeting=meeting, stakeholders=[theirs])


def test_the_team_template_feeds_new_meetings(world):
    template = services.team_checklist_template(team=world.team)
    assert len(template) == len(DEFAULT_CHECKLIST)
    services.team_checklist_item_save(
        actor=world.member, phase="prepare", title="Tolk geregeld", due_days=-10
    )
    photographer = TeamChecklistItem.objects.get(team=world.team, key="photographer_arranged")
    services.team_checklist_item_save(actor=world.member, item=photographer, active=False)
    meeting = services.meeting_create(
        actor=world.member,
        title="x",
        purpose="x",
        starts_at=start(),
        ends_at=start() + timedelta(hours=1),
    )
    titles = set(meeting.checklist.values_list("title", flat=True))
    assert "Tolk geregeld" in titles
    assert not meeting.checklist.filter(key="photographer_arranged").exists()


def test_checklist_status_owner_and_note(world, meeting):
    item = meeting.checklist.get(key="venue_visited")
    services.checklist_item_update(
        actor=world.member,
        item=item,
        status=ChecklistStatus.DONE,
        owner=world.coordinator.user,
        note="Drempel bij de achterdeur",
    )
    item.refresh_from_db()
    assert item.status == "done" and item.done_by == world.member.user and item.done_at
    services.checklist_item_update(actor=world.member, item=item, status=ChecklistStatus.OPEN)
    item.refresh_from_db()
    assert item.done_at is None


def test_owners_must_be_team_members(world, other_world, meeting):
    item = meeting.checklist.first()
    with pytest.raises(PermissionDenied):
        services.checklist_item_update(actor=world.member, item=item, owner=other_world.member.user)


def test_other_rooms_tick_by_key_once(world, meeting):
    item = services.checklist_tick(meeting=meeting, key="badges_printed", evidence_url="/x.pdf")
    assert item.status == ChecklistStatus.DONE and item.evidence_url == "/x.pdf"
    assert services.checklist_tick(meeting=meeting, key="badges_printed").done_at == item.done_at
    assert services.checklist_tick(meeting=meeting, key="no_such_key") is None


def test_readiness_blockers_and_marking_ready(world, meeting):
    readiness = selectors.meeting_readiness(meeting=meeting)
    assert any("chair" in b for b in readiness.blockers)
    assert "no venue chosen" in readiness.blockers
    assert "no programme" in readiness.blockers
    with pytest.raises(MeetingNotReady):
        services.meeting_mark_ready(actor=world.member, meeting=meeting)

    for role in ("chair", "timekeeper", "note_taker"):
        services.role_assign(actor=world.member, meeting=meeting, role=role, user=world.member.user)
    services.meeting_update(
        actor=world.member, meeting=meeting, venue=VenueFactory(team=world.team)
    )
    services.programme_item_save(
        actor=world.member, meeting=meeting, title="Alles", duration_minutes=120
    )
    for item in meeting.checklist.filter(phase="prepare"):
        services.checklist_item_update(actor=world.member, item=item, status=ChecklistStatus.DONE)
    assert selectors.meeting_readiness(meeting=meeting).blockers == []
    assert services.meeting_mark_ready(actor=world.member, meeting=meeting).ready_at
    prepare = selectors.meeting_readiness(meeting=meeting).phases[0]
    assert prepare.percent == 100


def test_programme_total_against_the_meeting(world, meeting):
    for title, kind, minutes in [
        ("Welkom", "welcome", 15),
        ("Wereldcafé", "work_form", 45),
        ("Pauze", "informal", 20),
        ("Check", "check", 10),
        ("Stemmen", "work_form", 20),
        ("Check", "check", 5),
        ("Samenvatting", "summary", 10),
    ]:
        services.programme_item_save(
            actor=world.member, meeting=meeting, title=title, kind=kind, duration_minutes=minutes
        )
    timeline = selectors.programme_timeline(meeting=meeting)
    assert timeline.total_minutes == 125 and timeline.overrun_minutes == 5
    assert timeline.rows[1].starts == meeting.starts_at + timedelta(minutes=15)
    assert [str(h) for h in timeline.hints] == [
        "The programme runs past the meeting's end time; shorten or drop a part."
    ]
    assert (
        "the programme runs 5 minutes past the end"
        in selectors.meeting_readiness(meeting=meeting).blockers
    )


def test_programme_hints_name_what_is_missing(world, meeting):
    services.programme_item_save(
        actor=world.member,
        meeting=meeting,
        title="Presentatie",
        kind="work_form",
        duration_minutes=60,
    )
    codes = {str(h) for h in selectors.programme_timeline(meeting=meeting).hints}
    assert len(codes) == 6  # informal, midway, closing, summary, one kind, too short


def test_programme_order_and_bad_durations(world, meeting):
    a = services.programme_item_save(
        actor=world.member, meeting=meeting, title="A", duration_minutes=5
    )
    b = services.programme_item_save(
        actor=world.member, meeting=meeting, title="B", duration_minutes=5
    )
    services.programme_item_move(actor=world.member, item=b, up=True)
    assert list(meeting.programme.values_list("title", flat=True)) == ["B", "A"]
    with pytest.raises(ValidationError):
        services.programme_item_save(
            actor=world.member, meeting=meeting, item=a, duration_minutes=0
        )


def test_run_sheet_moves_through_the_programme(world, meeting):
    with pytest.raises(RunSheetState):
        services.run_sheet_start(actor=world.member, meeting=meeting)
    first = services.programme_item_save(
        actor=world.member, meeting=meeting, title="Welkom", duration_minutes=10
    )
    second = services.programme_item_save(
        actor=world.member, meeting=meeting, title="Gesprek", duration_minutes=30
    )
    t0 = meeting.starts_at + timedelta(minutes=3)
    services.run_sheet_start(actor=world.member, meeting=meeting, now=t0)
    meeting.refresh_from_db()
    sheet = selectors.run_sheet(meeting=meeting, now=t0 + timedelta(minutes=12))
    assert sheet.current.item == first and sheet.next.item == second
    assert sheet.seconds_left == -120 and sheet.overrun_minutes == 2 and sheet.behind_minutes == 3
    with pytest.raises(RunSheetState):
        services.programme_item_delete(actor=world.member, item=first)
    services.run_sheet_step(actor=world.member, meeting=meeting, now=t0 + timedelta(minutes=12))
    meeting.refresh_from_db()
    assert (
        selectors.run_sheet(meeting=meeting, now=t0 + timedelta(minutes=13)).current.item == second
    )
    services.run_sheet_step(actor=world.member, meeting=meeting, now=t0 + timedelta(minutes=45))
    meeting.refresh_from_db()
    sheet = selectors.run_sheet(meeting=meeting)
    assert sheet.finished and sheet.current is None


def test_cancelled_meetings_are_read_only(world, meeting):
    services.meeting_cancel(actor=world.member, meeting=meeting, reason="Zaal afgebrand")
    assert meeting.status == Meeting.Status.CANCELLED
    with pytest.raises(MeetingCancelled):
        services.meeting_update(actor=world.member, meeting=meeting, title="Toch")


def test_viewers_change_nothing(world, meeting):
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=world.viewer, meeting=meeting, title="x")
    with pytest.raises(PermissionDenied):
        services.programme_item_save(
            actor=world.viewer, meeting=meeting, title="x", duration_minutes=5
        )


def test_roles_and_clearing(world, meeting):
    services.role_assign(
        actor=world.member, meeting=meeting, role="co_facilitator", name="Aïcha (sleutelfiguur)"
    )
    assert meeting.roles.get(role="co_facilitator").person == "Aïcha (sleutelfiguur)"
    services.role_assign(actor=world.member, meeting=meeting, role="co_facilitator")
    assert not meeting.roles.exists()
    with pytest.raises(ValidationError):
        services.role_assign(actor=world.member, meeting=meeting, role="king", name="x")


def test_due_items_for_the_dashboard(world, meeting):
    day_before = meeting.starts_at - timedelta(days=1)
    due = selectors.checklist_due(actor=world.member, now=day_before)
    keys = [d.item.key for d in due]
    assert "badges_printed" in keys and "date_set" in keys
    assert next(d for d in due if d.item.key == "date_set").overdue
    assert not next(d for d in due if d.item.key == "badges_printed").overdue
    assert "thanks_sent" in keys  # due within the week after
    assert "evaluation_done" not in keys


def test_tips_can_be_dismissed_per_person(world):
    tips = selectors.tips_for_meeting(actor=world.member, user=world.member.user)
    first = next(iter(tips.values()))[0]
    services.tip_dismiss(user=world.member.user, tip_key=first.key)
    again = selectors.tips_for_meeting(actor=world.member, user=world.member.user)
    assert first.key not in {t.key for group in again.values() for t in group}
    other = selectors.tips_for_meeting(actor=world.coordinator, user=world.coordinator.user)
    assert first.key in {t.key for group in other.values() for t in group}
    services.team_tip_create(
        actor=world.member, phase="prepare", topic="venue", text="Sleutel bij de buren"
    )
    assert any(
        t.own
        for t in selectors.tips_for_meeting(actor=world.viewer, user=world.viewer.user)["venue"]
    )


def test_calendar_feed(world, meeting, client):
    import icalendar

    feed = services.calendar_feed_renew(actor=world.member)
    response = client.get(f"/agenda/{feed.token}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Buurtavond"
    assert event.decoded("DTSTART") == meeting.starts_at
    assert client.get("/agenda/nonsense.ics").status_code == 404
    old = feed.token
    services.calendar_feed_renew(actor=world.member)
    assert client.get(f"/agenda/{old}.ics").status_code == 404


def test_programme_kinds_exist():
    assert {"informal", "check", "summary"} <= set(ProgrammeItem.Kind.values)


def test_catalogue_texts_follow_the_readers_language(world, meeting):
    """Texts from the catalogue are not frozen in the language of whoever planned the meeting."""
    from django.utils import translation

    item = meeting.checklist.get(key="reminders_sent")
    assert item.title == ""
    with translation.override("nl"):
        assert item.label == "Herinnering verstuurd"
    with translation.override("en"):
        assert item.label == "Reminder sent"
    services.team_checklist_item_save(
        actor=world.member,
        item=TeamChecklistItem.objects.get(team=world.team, key="reminders_sent"),
        title="Herinnering + belrondje",
    )
    later = services.meeting_create(
        actor=world.member,
        title="y",
        purpose="y",
        starts_at=start(days=60),
        ends_at=start(days=60) + timedelta(hours=1),
    )
    with translation.override("en"):
        assert later.checklist.get(key="reminders_sent").label == "Herinnering + belrondje"
