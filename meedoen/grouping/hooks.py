"""What the grouping room puts into the shared frames."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.grouping.models import GroupDivision
from meedoen.meetings.models import Meeting
from meedoen.meetings.sections import MeetingSection, meeting_section_register
from meedoen.teams.audit import audit_action_register
from meedoen.teams.models import Membership


def _meeting_section(actor: Membership, meeting: Meeting) -> dict[str, Any]:
    division = GroupDivision.objects.filter(meeting=meeting).first()
    rounds = sorted(set(division.assignments.values_list("round", flat=True))) if division else []
    return {"division": division, "round_count": len(rounds)}


meeting_section_register(
    MeetingSection(
        "grouping.meeting",
        _("Table division"),
        "grouping/sections/meeting.html",
        _meeting_section,
        order=30,
    )
)

for action, sentence in {
    "grouping.settings": _("changed the table division settings of %(label)s"),
    "grouping.solved": _("made the table division of %(label)s"),
    "grouping.moved": _("moved someone to another table at %(label)s"),
    "grouping.locked": _("locked someone at their table at %(label)s"),
    "grouping.unlocked": _("unlocked someone at %(label)s"),
    "grouping.walk_in": _("placed the walk-in %(label)s at a table"),
    "grouping.rules": _("changed who sits apart or at a fixed table at %(label)s"),
}.items():
    audit_action_register(action, sentence)
