"""The door page: live counts, search by name (typos, accents) or check-in code, one tap to
check a party in, undo, walk-ins, and the htmx fragments. Other-team 404s: the URL walk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for as _client_for
from meedoen.meetings import services as meeting_services
from meedoen.registrations import selectors, services
from meedoen.registrations.models import CheckIn, WalkIn
from meedoen.registrations.views_door import DEVICE_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def client_for(membership):
    client = _client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def url(name, meeting, **kwargs):
    return reverse(
        f"door:{name}", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk, **kwargs}
    )


@pytest.fixture
def meeting(world):
    starts = timezone.now() + timedelta(days=7)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtavond",
        purpose="Samen praten",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=5,
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    return meeting


def admit(meeting, name, **fields):
    return services.registration_admit(
        meeting=meeting, channel="online", name=name, privacy_consent=True, **fields
    ).registration


@pytest.fixture
def zoe(meeting):
    return admit(meeting, "Zoë Özdemir-Ngô", companions=["Ayla"], brings_helper=True)


def present(meeting):
    return selectors.present_registration_ids(meeting=meeting)


def counts_of(html):
    """The four numbers of the counts block, by their data-count name."""
    import re

    return {name: int(value) for name, value in re.findall(r'data-count="(\w+)">(\d+)</dd>', html)}


def test_page_renders_with_counts_and_sets_a_device_cookie(world, meeting, zoe):
    admit(meeting, "Jan Jansen")
    response = client_for(world.member).get(url("door", meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert counts_of(html) == {"expected": 4, "present": 0, "walk_ins": 0, "still_to_come": 4}
    assert 'hx-trigger="every 5s"' in html
    device = response.cookies[DEVICE_COOKIE].value
    assert device.startswith("door-") and len(device) == 9
    assert f"This device: {device}" in html
    # The meeting page links to the door.
    section = client_for(world.viewer).get(
        reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk},
        )
    )
    assert url("door", meeting) in section.content.decode()


def test_search_by_name_with_a_typo_and_without_accents(world, meeting, zoe):
    admit(meeting, "Jan Jansen")
    client = client_for(world.member)
    for query in ("Zoe Ozdemir", "ozdemir", "ZOË", "Zoe Ozdemri Ngo"):
        html = client.get(url("door", meeting), {"q": query}).content.decode()
        assert "Zoë Özdemir-Ngô" in html, query
        assert "Jan Jansen" not in html, query
    html = client.get(url("door", meeting), {"q": "Jan Jasnen"}).content.decode()
    assert "Jan Jansen" in html and "Zoë Özdemir-Ngô" not in html
    html = client.get(url("door", meeting), {"q": "Zoe Ozdemir"}).content.decode()
    assert "Ayla" in html  # the party: companions and the helper
    assert "a helper or interpreter" in html
    assert "Check in all 3" in html
    nobody = client.get(url("door", meeting), {"q": "Xavier"}).content.decode()
    assert "No one found" in nobody


def test_search_by_code(world, meeting, zoe):
    admit(meeting, "Jan Jansen")
    html = (
        client_for(world.member)
        .get(url("door", meeting), {"q": f" {zoe.checkin_code.lower()} "})
        .content.decode()
    )
    assert "1 person found" in html
    assert "Zoë Özdemir-Ngô" in html
    assert url("check_in", meeting, registration_id=zoe.pk) in html


def test_check_in_makes_the_party_present(world, meeting, zoe):
    client = client_for(world.member)
    client.get(url("door", meeting))  # the door page gives this device its label
    device = client.cookies[DEVICE_COOKIE].value
    response = client.post(
        url("check_in", meeting, registration_id=zoe.pk), {"q": "zoe"}, follow=True
    )
    assert response.redirect_chain[-1][0] == url("door", meeting) + "?q=zoe"
    html = response.content.decode()
    assert "Zoë Özdemir-Ngô is present, with their party (3 people)." in html
    assert counts_of(html)["present"] == 3
    assert present(meeting) == {zoe.pk}
    event = CheckIn.objects.get()
    assert (event.action, event.by, event.device) == ("in", world.member.user, device)
    assert "Undo" in html


def test_double_check_in_is_one_person_and_two_log_rows(world, meeting, zoe):
    client = client_for(world.member)
    for _ in range(2):
        client.post(url("check_in", meeting, registration_id=zoe.pk))
    assert present(meeting) == {zoe.pk}
    assert CheckIn.objects.filter(registration=zoe, action="in").count() == 2
    assert selectors.attendance(meeting=meeting).present_places == 3


def test_undo_makes_them_not_present(world, meeting, zoe):
    client = client_for(world.member)
    client.post(url("check_in", meeting, registration_id=zoe.pk))
    response = client.post(
        url("check_in", meeting, registration_id=zoe.pk), {"undo": "on"}, follow=True
    )
    assert "Check-in of Zoë Özdemir-Ngô undone." in response.content.decode()
    assert present(meeting) == set()
    assert list(CheckIn.objects.values_list("action", flat=True)) == ["in", "undo"]


def test_walk_in_added_also_when_the_meeting_is_full(world, meeting):
    admit(meeting, "Vol Huis", companions=["A", "B", "C", "D"])
    assert services.places_taken(meeting) == meeting.capacity
    client = client_for(world.member)
    response = client.post(
        url("walk_in_add", meeting),
        {
            "first_name": "  Mo ",
            "comes_as": "volunteer",
            "contact": "06 1234 5678",
            "follow_up": "on",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Walk-in Mo added." in html
    assert counts_of(html)["walk_ins"] == 1
    walk_in = WalkIn.objects.get()
    assert (walk_in.first_name, walk_in.comes_as, walk_in.contact, walk_in.follow_up) == (
        "Mo",
        "volunteer",
        "06 1234 5678",
        True,
    )
    assert walk_in.by == world.member.user


def test_walk_in_without_a_name_or_with_follow_up_but_no_contact_is_refused(world, meeting):
    client = client_for(world.member)
    response = client.post(url("walk_in_add", meeting), {"first_name": "", "comes_as": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    response = client.post(url("walk_in_add", meeting), {"first_name": "Mo", "follow_up": "on"})
    assert response.status_code == 400
    assert "Fill in an email address or phone number" in response.content.decode()
    response = client.post(url("walk_in_add", meeting), {"first_name": "Mo", "comes_as": "king"})
    assert response.status_code == 400
    assert not WalkIn.objects.exists()


def test_cancelled_registration_cannot_be_checked_in(world, meeting, zoe):
    services.registration_cancel(registration=zoe)
    client = client_for(world.member)
    response = client.post(url("check_in", meeting, registration_id=zoe.pk), follow=True)
    assert "This registration was cancelled." in response.content.decode()
    assert not CheckIn.objects.exists()
    # Nor is a cancelled registration found at the door.
    html = client.get(url("door", meeting), {"q": zoe.checkin_code}).content.decode()
    assert "No one found" in html


def test_viewer_sees_counts_and_search_but_cannot_post(world, meeting, zoe):
    client = client_for(world.viewer)
    html = client.get(url("door", meeting), {"q": "zoe"}).content.decode()
    assert "Zoë Özdemir-Ngô" in html
    assert url("check_in", meeting, registration_id=zoe.pk) not in html
    assert url("walk_in_add", meeting) not in html
    assert client.post(url("check_in", meeting, registration_id=zoe.pk)).status_code == 403
    assert client.post(url("walk_in_add", meeting), {"first_name": "Mo"}).status_code == 403
    assert not CheckIn.objects.exists()
    assert not WalkIn.objects.exists()


def test_a_registration_of_another_meeting_is_404(world, meeting):
    other = meeting_services.meeting_create(
        actor=world.member,
        title="Andere avond",
        purpose="x",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )
    services.registration_settings_update(actor=world.member, meeting=other, published=True)
    elsewhere = admit(other, "Elders")
    response = client_for(world.member).post(url("check_in", meeting, registration_id=elsewhere.pk))
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_get_on_the_post_urls_goes_back_to_the_door(world, meeting, zoe):
    client = client_for(world.member)
    for path in (url("check_in", meeting, registration_id=zoe.pk), url("walk_in_add", meeting)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == url("door", meeting)
    assert not CheckIn.objects.exists()


# ---------------------------------------------------------------------------------------------
# htmx: only the fragments that change


def htmx(target):
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target}


def test_htmx_poll_returns_only_the_counts(world, meeting, zoe):
    services.check_in_record(actor=world.member, registration=zoe)
    response = client_for(world.viewer).get(url("door", meeting), **htmx("door-counts"))
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="door-counts"')
    assert counts_of(html) == {"expected": 3, "present": 3, "walk_ins": 0, "still_to_come": 0}
    assert "<html" not in html and "door-search" not in html and "walk-in" not in html


def test_htmx_search_returns_only_the_results(world, meeting, zoe):
    response = client_for(world.member).get(
        url("door", meeting), {"q": "zoe ozdemir"}, **htmx("door-results")
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="door-results"')
    assert "Zoë Özdemir-Ngô" in html
    assert "<html" not in html and "door-counts" not in html


def test_htmx_check_in_returns_results_counts_and_message(world, meeting, zoe):
    response = client_for(world.member).post(
        url("check_in", meeting, registration_id=zoe.pk), {"q": "zoe"}, **htmx("door-results")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="door-results"')
    assert '<dl id="door-counts-list" class="md-door-counts__list" hx-swap-oob="true">' in html
    assert 'id="door-message"' in html and "is present, with their party" in html
    assert counts_of(html)["present"] == 3
    assert "<html" not in html


def test_htmx_walk_in_returns_a_fresh_form_or_its_errors(world, meeting):
    client = client_for(world.member)
    response = client.post(url("walk_in_add", meeting), {"first_name": "Mo"}, **htmx("walk-in"))
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="walk-in"')
    assert "Walk-in Mo added." in html and counts_of(html)["walk_ins"] == 1
    invalid = client.post(url("walk_in_add", meeting), {"first_name": ""}, **htmx("walk-in"))
    assert invalid.status_code == 200  # htmx swaps only successful answers
    assert "There is a problem" in invalid.content.decode()
    assert WalkIn.objects.count() == 1


def test_another_teams_meeting_is_404(world, other_world):
    starts = timezone.now() + timedelta(days=7)
    theirs = meeting_services.meeting_create(
        actor=other_world.member,
        title="Zuid",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    path = reverse("door:door", kwargs={"team_slug": world.team.slug, "meeting_id": theirs.pk})
    assert client_for(world.member).get(path).status_code == 404


def test_search_forgives_a_typo_in_one_part_of_a_hyphenated_name(world):
    from datetime import timedelta

    from django.utils import timezone

    from meedoen.meetings import services as meeting_services
    from meedoen.registrations import selectors, services

    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="x",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    zoe = services.registration_admit(
        meeting=meeting, channel="online", name="Zoë Özdemir-Ngô", privacy_consent=True
    ).registration
    services.registration_admit(meeting=meeting, channel="online", name="Jan", privacy_consent=True)
    for query in ("Zoe Ozdemri", "ozdemir ngo", "NGO", "zoë"):
        assert selectors.door_search(actor=world.member, meeting=meeting, query=query) == [zoe], (
            query
        )
