"""What the printing room puts into the shared frames: a section on the meeting page, its
audit sentences, and the periodic purge of old print runs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from meedoen.meetings.models import Meeting
from meedoen.meetings.sections import MeetingSection, meeting_section_register
from meedoen.printing.services import print_runs_purge
from meedoen.teams.audit import audit_action_register
from meedoen.teams.models import Membership
from meedoen.teams.periodic import periodic_job_register


def _meeting_section(actor: Membership, meeting: Meeting) -> dict[str, Any]:
    return {}


meeting_section_register(
    MeetingSection(
        "printing.meeting",
        _("Printing"),
        "printing/sections/meeting.html",
        _meeting_section,
        order=40,
    )
)

for action, sentence in {
    "printing.badges": _("printed the name badges of %(label)s"),
    "printing.letters": _("printed invitation letters for %(label)s"),
    "printing.run": _("started a large print run for %(label)s"),
}.items():
    audit_action_register(action, sentence)

periodic_job_register("printing.runs_purge", lambda now: print_runs_purge(now=now))
