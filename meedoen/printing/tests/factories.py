import factory

from meedoen.meetings.tests.factories import MeetingFactory
from meedoen.printing.models import DocumentKind, PrintRun
from meedoen.teams.tests.factories import MembershipFactory


class PrintRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrintRun

    meeting = factory.SubFactory(MeetingFactory)
    team = factory.SelfAttribute("meeting.team")
    requested_by = factory.SubFactory(MembershipFactory, team=factory.SelfAttribute("..team"))
    kind = DocumentKind.BADGES
    status = PrintRun.Status.DONE
    progress = 100
    pdf = b"%PDF-1.4 test"
    filename = "naambadges.pdf"
