from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meedoen.meetings import services as meeting_services
from meedoen.registrations import selectors, services
from meedoen.registrations.errors import NoRoom, RegistrationClosed, RegistrationExists
from meedoen.registrations.models import Registration
from meedoen.teams.models import AuditLogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def meeting(world):
    starts = timezone.now() + timedelta(days=20)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtavond",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=4,
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    return meeting


def admit(meeting, name, **fields):
    fields.setdefault("privacy_consent", True)
    return services.registration_admit(meeting=meeting, channel="online", name=name, **fields)


def test_confirmed_while_there_is_room_then_waiting(meeting):
    first = admit(meeting, "Zoë Özdemir-Ngô", email="ZOE@example.org", companions=["Ali"])
    assert first.registration.status == "confirmed" and first.waiting_position is None
    assert first.registration.email == "zoe@example.org"
    assert first.registration.places == 2
    admit(meeting, "Piet", brings_helper=True)  # 2 places: now full
    waiting = admit(meeting, "Kees")
    assert waiting.registration.status == "waiting" and waiting.waiting_position == 1
    assert admit(meeting, "Jan").waiting_position == 2
    assert services.places_taken(meeting) == 4


def test_the_manage_token_finds_the_registration_and_is_not_stored(meeting):
    admission = admit(meeting, "Anna")
    assert admission.manage_token not in admission.registration.manage_token_hash
    assert selectors.registration_by_token(token=admission.manage_token) == admission.registration
    code = admission.registration.checkin_code
    assert len(code) == 6 and code.isalnum() and code not in admission.manage_token


def test_a_link_in_mail_after_rotating_the_secret_key_still_opens_the_registration(
    meeting, settings
):
    """The link is found by the hash of the token made at registration: a message sent after
    the rotation rebuilds that token with the old key from SECRET_KEY_FALLBACKS."""
    old = settings.SECRET_KEY
    admission = admit(meeting, "Annie de Jong", email="annie@example.org")
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 20
    settings.SECRET_KEY_FALLBACKS = [old]
    token = services.registration_manage_token(admission.registration)
    assert token == admission.manage_token
    assert selectors.registration_by_token(token=token) == admission.registration
    # Once the old key is dropped, no link is better than a broken one.
    settings.SECRET_KEY_FALLBACKS = []
    assert services.registration_manage_token(admission.registration) == ""


def test_the_same_email_twice_is_recognised(meeting):
    admit(meeting, "Anna", email="anna@example.org")
    with pytest.raises(RegistrationExists):
        admit(meeting, "Anna B.", email="Anna@Example.org")
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"status": "cancelled"},
        {"starts_at_offset": -1},
        {"closes_offset": -1},
        {"opens_offset": 1},
        {"unpublished": True},
    ],
)
def test_closed_for_registration(world, meeting, change):
    now = timezone.now()
    if change.get("status"):
        meeting_services.meeting_cancel(actor=world.member, meeting=meeting, reason="x")
    if "starts_at_offset" in change:
        now = meeting.starts_at + timedelta(minutes=1)
    if "closes_offset" in change:
        meeting.registration_closes_at = now - timedelta(hours=1)
        meeting.save()
    if "opens_offset" in change:
        meeting.registration_opens_at = now + timedelta(days=1)
        meeting.save()
    if change.get("unpublished"):
        services.registration_settings_update(actor=world.member, meeting=meeting, published=False)
    with pytest.raises(RegistrationClosed):
        services.registration_admit(
            meeting=meeting, channel="online", name="Te laat", privacy_consent=True, now=now
        )


def test_staff_may_enter_after_online_closes_and_may_overbook(world, meeting):
    meeting.registration_closes_at = timezone.now() - timedelta(hours=1)
    meeting.save()
    for name in ["A", "B", "C", "D"]:
        services.registration_admit(meeting=meeting, channel="paper", actor=world.member, name=name)
    over = services.registration_admit(
        meeting=meeting,
        channel="phone",
        actor=world.member,
        name="Wethouder",
        overbook_reason="Opent de avond",
    )
    assert over.registration.status == "confirmed"
    assert over.registration.overbooked_reason == "Opent de avond"
    assert services.places_taken(meeting) == 5
    entry = AuditLogEntry.objects.get(action="registration.overbooked")
    assert entry.actor == world.member.user and entry.details["reason"] == "Opent de avond"


def test_residents_cannot_use_staff_channels_or_overbook(meeting):
    with pytest.raises(RegistrationClosed):
        services.registration_admit(meeting=meeting, channel="paper", name="X")
    with pytest.raises(RegistrationClosed):
        admit(meeting, "X", overbook_reason="ik wil erin")


def test_viewers_and_other_teams_cannot_enter(world, other_world, meeting):
    with pytest.raises(PermissionDenied):
        services.registration_admit(meeting=meeting, channel="paper", actor=world.viewer, name="X")
    with pytest.raises(PermissionDenied):
        services.registration_admit(
            meeting=meeting, channel="paper", actor=other_world.member, name="X"
        )


def test_cancelling_promotes_the_first_waiting_party_that_fits(meeting):
    a = admit(meeting, "A", companions=["a1", "a2"]).registration  # 3 places
    b = admit(meeting, "B").registration  # 1 place: full
    big = admit(meeting, "Big", companions=["x", "y"]).registration  # waiting, 3 places
    small = admit(meeting, "Small").registration  # waiting, 1 place
    promoted = services.registration_cancel(registration=b)
    assert promoted == [small]  # the larger party further up does not fit in 1 place …
    big.refresh_from_db()
    assert big.status == "waiting"
    assert selectors.registration_position(registration=big) == 1  # … and keeps its place
    promoted = services.registration_cancel(registration=a)
    assert [r.name for r in promoted] == ["Big"]
    assert services.places_taken(meeting) == 4
    assert services.registration_cancel(registration=a) == []  # twice is harmless


def test_changing_companions_needs_room_and_frees_places(meeting):
    me = admit(meeting, "Me", companions=["c1"]).registration
    admit(meeting, "Other", companions=["o1"])
    waiting = admit(meeting, "Waiting").registration
    with pytest.raises(NoRoom):
        services.registration_update(registration=me, companions=["c1", "c2"])
    services.registration_update(registration=me, companions=[], needs=["wheelchair"])
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and waiting.promoted_at
    me.refresh_from_db()
    assert me.needs == ["wheelchair"]


def test_bad_values_are_refused(meeting):
    with pytest.raises(ValidationError):
        admit(meeting, "")
    with pytest.raises(ValidationError):
        admit(meeting, "X", email="not-an-email")
    with pytest.raises(ValidationError):
        admit(meeting, "X" * 500)


def test_deleting_removes_everything_and_promotes(meeting):
    me = admit(meeting, "Me", companions=["a", "b", "c"]).registration
    waiting = admit(meeting, "Next").registration
    services.registration_delete(registration=me)
    assert not Registration.objects.filter(pk=me.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_key_figure_links_and_attribution(world, meeting):
    figure = services.key_figure_create(actor=world.member, name="Aïcha", connection="vrouwengroep")
    invite = selectors.key_figure_invite(meeting=meeting, key_figure=figure)
    assert selectors.key_figure_invite(meeting=meeting, key_figure=figure) == invite
    found = selectors.key_figure_invite_by_token(meeting=meeting, token=invite.token)
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.key_figure_invite_by_token(meeting=meeting, token=invite.token[:-1] + "x")
    registration = services.registration_admit(
        meeting=meeting,
        channel="key_figure",
        key_figure=found.key_figure,
        name="Fatma",
        privacy_consent=True,
    ).registration
    assert registration.key_figure == figure


def test_summary_counts_needs_of_confirmed_people(meeting):
    admit(meeting, "A", needs=["wheelchair", "interpreter"], dietary="halal", photo_consent=False)
    admit(meeting, "B", needs=["wheelchair"], companions=["x", "y"])
    admit(meeting, "C", needs=["hearing_loop"])  # waiting: not counted for the venue
    summary = selectors.registration_summary(meeting=meeting)
    assert summary.confirmed_places == 4 and summary.waiting_places == 1 and summary.free == 0
    assert summary.needs["wheelchair"] == 2 and summary.needs["hearing_loop"] == 0
    assert summary.diets == ["halal"] and summary.photo_refusals == 1
    assert summary.by_status["waiting"] == 1 and summary.by_channel["online"] == 3
