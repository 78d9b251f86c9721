"""The demo shows messages: sent confirmations, scheduled reminders and a call list."""

import pytest
from django.utils import timezone

from meedoen.demo.loaders import demo_load
from meedoen.meetings.models import Meeting
from meedoen.messaging import selectors
from meedoen.messaging.models import Message, MessageKind
from meedoen.teams.models import Membership

pytestmark = pytest.mark.django_db


def test_the_demo_has_sent_confirmations_scheduled_reminders_and_a_call_list():
    now = timezone.now()
    demo_load(now=now)
    member = Membership.objects.get(user__email="member@example.org")
    upcoming = Meeting.objects.get(title="Prettig oud worden in Noord")
    coffee = Meeting.objects.get(title="Koffieochtend Oude Haven")
    rows = selectors.messages_of_meeting(team=member.team, meeting_id=upcoming.pk)
    assert rows.filter(kind=MessageKind.CONFIRMATION, status=Message.Status.SENT).count() >= 30
    assert rows.filter(kind=MessageKind.REMINDER, status=Message.Status.SCHEDULED).count() >= 30
    calls = selectors.calls_to_make(
        actor=member, meeting_id=coffee.pk, meeting_ends_at=coffee.ends_at, now=now
    )
    assert sorted(calls.values_list("recipient_name", flat=True)) == [
        "Fatma Demir",
        "Gerrit Kok",
        "Riet van Dam",
    ]
    past = Meeting.objects.get(title="Kennismaken met de wijk")
    assert not selectors.calls_to_make(
        actor=member, meeting_id=past.pk, meeting_ends_at=past.ends_at, now=now
    ).exists()
    assert (
        not coffee.checklist.filter(due_days__lt=-4, status="open")
        .exclude(key="reminders_sent")
        .exists()
    )
