"""What the registrations room puts into the shared frames."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.meetings.messages import meeting_listeners_register
from meedoen.meetings.models import Meeting
from meedoen.meetings.sections import MeetingSection, meeting_section_register
from meedoen.registrations import messages as registration_messages
from meedoen.registrations.models import Registration
from meedoen.registrations.selectors import (
    attendance,
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
