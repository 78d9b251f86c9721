"""Many people register at the same moment: the meeting never gets more confirmed places than
seats. A control test switches the lock off and shows the double booking it prevents."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from meedoen.meetings import services as meeting_services
from meedoen.registrations import services
from meedoen.registrations.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 200
PLACES = 50
POOL = 40  # below PostgreSQL's 100 connections (see STACK-NOTES.md)


@pytest.fixture
def meeting(world):
    starts = timezone.now() + timedelta(days=10)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Drukke avond",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=PLACES,
    )
    services.registration_settings_update(actor=world.member, meeting=meeting, published=True)
    return meeting


def _register_all(meeting):
    def one(number):
        try:
            return services.registration_admit(
                meeting=meeting,
                channel="online",
                name=f"Bewoner {number}",
                email=f"bewoner{number}@example.org",
                privacy_consent=True,
            ).registration.status
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=POOL) as pool:
        return list(pool.map(one, range(PEOPLE)))


def test_two_hundred_at_once_for_fifty_places(meeting):
    statuses = _register_all(meeting)
    assert len(statuses) == PEOPLE  # nobody got an error
    assert Registration.objects.filter(status="confirmed").count() == PLACES
    assert Registration.objects.filter(status="waiting").count() == PEOPLE - PLACES
    assert services.places_taken(meeting) == PLACES


def test_control_without_the_lock_the_meeting_is_overbooked(meeting, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip(
            "control race needs PostgreSQL: SQLite lets only one writer in at a time, so even "
            "without the row lock it cannot double-book (the PostgreSQL run in CI shows it)"
        )
    monkeypatch.setattr(services, "ADMISSION_LOCK", False)
    monkeypatch.setattr(services, "_after_count", lambda: time.sleep(0.02))
    _register_all(meeting)
    assert services.places_taken(meeting) > PLACES


def test_two_cancellations_at_once_promote_exactly_the_right_people(meeting):
    for number in range(PLACES + 3):
        services.registration_admit(
            meeting=meeting, channel="online", name=f"B{number}", privacy_consent=True
        )
    confirmed = list(Registration.objects.filter(status="confirmed")[:2])
    waiting = list(Registration.objects.filter(status="waiting").order_by("created_at", "id"))

    def cancel(registration):
        try:
            return services.registration_cancel(registration=registration)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(cancel, confirmed))
    assert services.places_taken(meeting) == PLACES
    promoted = set(
        Registration.objects.filter(promoted_at__isnull=False).values_list("pk", flat=True)
    )
    assert promoted == {waiting[0].pk, waiting[1].pk}
    assert Registration.objects.get(pk=waiting[2].pk).status == "waiting"
