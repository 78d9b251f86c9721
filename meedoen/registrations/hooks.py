"""What the registrations room puts into the shared frames."""

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.messages import meeting_listeners_register
from meedoen.meetings.models import Meeting
from meedoen.meetings.sections import MeetingSection, meeting_section_register
from meedoen.meetings.selectors import meeting_for_actor, meetings_for_actor
from meedoen.messaging.previews import PreviewSource, PreviewSubject, preview_source_register
from meedoen.messaging.selectors import message_counts
from meedoen.messaging.texts import REGISTRATION_KINDS
from meedoen.registrations import messages as registration_messages
from meedoen.registrations.models import Registration
from meedoen.registrations.selectors import (
    attendance,
    first_registration_id,
    recent_attendance,
    registration_summary,
    upcoming_registration_counts,
)
from meedoen.teams.audit import audit_action_register
from meedoen.teams.dashboard import DashboardPanel, dashboard_panel_register
from meedoen.teams.models import Membership
from meedoen.teams.navigation import NavItem, nav_item_register
from meedoen.teams.periodic import periodic_job_register


def _registrations_panel(actor: Membership, now: datetime) -> dict[str, Any]:
    return {"rows": upcoming_registration_counts(actor=actor, now=now)}


dashboard_panel_register(
    DashboardPanel(
        "registrations.capacity",
        _("Registrations"),
        "registrations/panels/capacity.html",
        _registrations_panel,
        order=15,
    )
)


def _attendance_panel(actor: Membership, now: datetime) -> dict[str, Any]:
    rows = []
    for meeting, figures in recent_attendance(actor=actor, now=now):
        rate = figures.no_show_rate
        rows.append((meeting, figures, None if rate is None else round(100 * rate)))
    return {"rows": rows}


dashboard_panel_register(
    DashboardPanel(
        "registrations.attendance",
        _("Attendance of recent meetings"),
        "registrations/panels/attendance.html",
        _attendance_panel,
        order=16,
    )
)


def _meeting_section(actor: Membership, meeting: Meeting) -> dict[str, Any]:
    from meedoen.registrations.views import public_meeting_url

    summary = registration_summary(meeting=meeting)
    return {
        "summary": summary,
        "status_counts": [
            (label, summary.by_status.get(value, 0)) for value, label in Registration.Status.choices
        ],
        "public_url": public_meeting_url(meeting),
        "attendance": attendance(meeting=meeting),
    }


meeting_section_register(
    MeetingSection(
        "registrations.meeting",
        _("Registrations"),
        "registrations/sections/meeting.html",
        _meeting_section,
        order=20,
    )
)


def _messages_section(actor: Membership, meeting: Meeting) -> dict[str, Any]:
    counts = message_counts(
        actor=actor, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=timezone.now()
    )
    return {"counts": counts}


# The meeting's messages: its section links to the messages pages and the call list, which
# live here because they need both the meeting and its registrations.
meeting_section_register(
    MeetingSection(
        "messaging.meeting",  # the key gives the section's id on the page; kept as it was
        _("Messages"),
        "registrations/messages/section.html",
        _messages_section,
        order=25,
    )
)


def _message_preview_choices(actor: Membership) -> list[tuple[int, str]]:
    meetings = meetings_for_actor(actor=actor).order_by("-starts_at")[:30]
    return [(m.pk, f"{m.title} ({timezone.localtime(m.starts_at):%d-%m-%Y})") for m in meetings]


def _message_preview_subject(actor: Membership, meeting_id: int, kind: str) -> PreviewSubject:
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    registration_id = (
        first_registration_id(actor=actor, meeting=meeting) if kind in REGISTRATION_KINDS else None
    )
    return PreviewSubject(
        subject_key=registration_messages.message_subject_key(
            meeting=meeting, kind=kind, registration_id=registration_id
        ),
        meeting_id=meeting.pk,
        title=meeting.title,
        sample=registration_id is None,
    )


# The message text editor previews a text with a meeting's real data: its first registration,
# or a sample person when nobody registered yet.
preview_source_register(
    PreviewSource(choices=_message_preview_choices, subject=_message_preview_subject)
)

nav_item_register(
    NavItem("registrations.network", _("Network"), "registrations:network", order=130)
)

for action, sentence in {
    "registration.entered": _("entered a registration for %(label)s"),
    "registration.overbooked": _("overbooked on purpose: %(label)s"),
    "registration.cancelled": _("cancelled a registration for %(label)s"),
    "registration.promoted": _("moved people up from the waiting list of %(label)s"),
    "registration.settings": _("changed the registration form of %(label)s"),
    "network.key_figure": _("added the key figure %(label)s to the network"),
    "network.place": _("added the place %(label)s to the network"),
}.items():
    audit_action_register(action, sentence)

# Messages: the provider of ``registration:<id>`` (registered on import), what happens when a
# meeting moves or is cancelled, the thank-you after a meeting and the checklist ticks.
meeting_listeners_register(
    "registrations",
    moved=lambda meeting, now: registration_messages.meeting_messages_moved(meeting, now=now),
    cancelled=lambda meeting, now: registration_messages.meeting_messages_cancelled(
        meeting, now=now
    ),
)
periodic_job_register(
    "registrations.thanks", lambda now: registration_messages.thanks_enqueue_due(now=now)
)
periodic_job_register(
    "registrations.checklist_ticks",
    lambda now: registration_messages.checklist_ticks_due(now=now),
)
