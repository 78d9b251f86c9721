"""Two doors scan the same person at the same moment: the log gets two rows and the person
is present once — the state is derived from the log, so there is nothing to overwrite."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from meedoen.meetings import services as meeting_services
from meedoen.registrations import selectors, services
from meedoen.registrations.models import CheckIn
from meedoen.registrations.views_door import DEVICE_COOKIE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def registration(world):
    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Twee deuren",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=10,
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    return services.registration_admit(
        meeting=meeting,
        channel="online",
        name="Zoë Özdemir-Ngô",
        companions=["Ayla"],
        privacy_consent=True,
    ).registration


def _at_once(work, count=2):
    """Run `work(i)` in `count` threads released together; each closes its own connection."""
    barrier = threading.Barrier(count)

    def one(index):
        try:
            barrier.wait(timeout=10)
            return work(index)
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def _assert_one_present_two_rows(registration):
    meeting = registration.meeting
    assert selectors.present_registration_ids(meeting=meeting) == {registration.pk}
    assert CheckIn.objects.filter(registration=registration).count() == 2
    assert set(CheckIn.objects.values_list("action", flat=True)) == {"in"}
    counts = selectors.attendance(meeting=meeting)
    assert (counts.present_places, counts.expected_places, counts.still_to_come) == (2, 2, 0)


def test_two_check_ins_of_the_same_person_at_the_same_moment(world, registration):
    members = [world.member, world.coordinator]
    events = _at_once(
        lambda i: services.check_in_record(
            actor=members[i], registration=registration, device=f"deur-{i}"
        )
    )
    assert len({event.pk for event in events}) == 2
    _assert_one_present_two_rows(registration)
    assert set(CheckIn.objects.values_list("device", flat=True)) == {"deur-0", "deur-1"}


def test_two_doors_tap_check_in_at_the_same_moment(world, registration):
    """The same through the door page: two phones, each with its own device label."""
    clients = [client_for(world.member), client_for(world.coordinator)]
    door = reverse(
        "door:door",
        kwargs={"team_slug": world.team.slug, "meeting_id": registration.meeting_id},
    )
    for client in clients:
        client.get(door)
    path = reverse(
        "door:check_in",
        kwargs={
            "team_slug": world.team.slug,
            "meeting_id": registration.meeting_id,
            "registration_id": registration.pk,
        },
    )
    statuses = _at_once(lambda i: clients[i].post(path).status_code)
    assert statuses == [302, 302]
    _assert_one_present_two_rows(registration)
    devices = {client.cookies[DEVICE_COOKIE].value for client in clients}
    assert set(CheckIn.objects.values_list("device", flat=True)) == devices
