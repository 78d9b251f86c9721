"""Demo messages: sent confirmations and scheduled reminders for the upcoming meeting, a
coffee morning this week whose phone registrations are on the call list, contacts with their
consent, and what to bring. Built through the services; delivery runs at the moments messages
were due, with the configured (development) mail backend."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from meedoen.meetings import services as meeting_services
from meedoen.meetings.models import ChecklistStatus, Meeting
from meedoen.messaging import services as messaging_services
from meedoen.messaging.delivery import outbox_deliver_due
from meedoen.registrations import services as registration_services
from meedoen.registrations import services_messages as registration_message_services
from meedoen.teams.models import Membership

# (name, channel, email or phone)
COFFEE_REGISTRATIONS = [
    ("Riet van Dam", "phone", "06 31415926"),
    ("Gerrit Kok", "paper", "0570 123456"),
    ("Fatma Demir", "phone", "06 27182818"),
    ("Lies Post", "online", "lies.post@example.org"),
    ("Ahmed Benali", "online", "ahmed.benali@example.org"),
    ("Tineke Mol", "online", "tineke.mol@example.org"),
]


def demo_messaging_load(*, coordinator: Membership, member: Membership, now: datetime) -> None:
    team = coordinator.team
    upcoming = Meeting.objects.get(team=team, title="Prettig oud worden in Noord")
    past = Meeting.objects.get(team=team, title="Kennismaken met de wijk")
    registration_message_services.practical_note_save(
        actor=member,
        meeting=upcoming,
        bring="Uw leesbril, als u die nodig hebt. Koffie en thee staan klaar.",
        now=now - timedelta(days=25),
    )
    for name, email, consent in [
        ("Marieke de Wit", "marieke.dewit@example.org", "Op de zaterdagmarkt, met handtekening"),
        ("Youssef Amrani", "youssef.amrani@example.org", "Bij de koffieochtend in De Brug"),
    ]:
        messaging_services.contact_create(
            actor=member, name=name, email=email, consent=consent, now=now - timedelta(days=40)
        )
    coffee = _coffee_morning(coordinator=coordinator, member=member, now=now)
    # Send what was due, at the moments it was due, as the worker would have done.
    reminder_due = coffee.starts_at - timedelta(days=7)
    moments = [past.starts_at - timedelta(hours=1), reminder_due]
    moments += [now - timedelta(days=days) for days in (15, 10, 5, 0)]
    for moment in sorted(moments):
        outbox_deliver_due(now=min(moment, now), worker="demo")


def _coffee_morning(*, coordinator: Membership, member: Membership, now: datetime) -> Meeting:
    """A small meeting four days ahead: its reminders went out, the calls are still to make."""
    start = timezone.localtime(now + timedelta(days=4)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    upcoming = Meeting.objects.get(team=coordinator.team, title="Prettig oud worden in Noord")
    coffee = meeting_services.meeting_create(
        actor=coordinator,
        title="Koffieochtend Oude Haven",
        purpose="Horen hoe het gaat met de nieuwe bankjes en het speelveld.",
        starts_at=start,
        ends_at=start + timedelta(hours=1, minutes=30),
        capacity=20,
        social_moment="coffee",
        venue=upcoming.venue,
        now=now - timedelta(days=30),
    )
    registration_services.registration_settings_update(
        actor=coordinator, meeting=coffee, published=True, now=now - timedelta(days=30)
    )
    for number, (name, channel, reach) in enumerate(COFFEE_REGISTRATIONS):
        online = channel == "online"
        registration_services.registration_admit(
            meeting=coffee,
            channel=channel,
            actor=None if online else member,
            name=name,
            email=reach if online else "",
            phone="" if online else reach,
            privacy_consent=online,
            follow_up=online,
            now=now - timedelta(days=20) + timedelta(hours=number * 5),
        )
    # The team did its preparation on time; "reminders sent" is ticked by the periodic job.
    for item in coffee.checklist.exclude(key="reminders_sent"):
        if item.due_date < timezone.localdate(now):
            meeting_services.checklist_item_update(
                actor=member, item=item, status=ChecklistStatus.DONE, owner=member.user
            )
    return coffee
