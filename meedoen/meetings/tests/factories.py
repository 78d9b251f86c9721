from datetime import timedelta

import factory
from django.utils import timezone

from meedoen.meetings.models import (
    ChecklistItem,
    Material,
    Meeting,
    OutreachAction,
    ProgrammeItem,
    Scenario,
    TeamChecklistItem,
    Venue,
)
from meedoen.teams.tests.factories import TeamFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    address = "Marktplein 1"
    city = "Rivierstad"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    team = factory.SubFactory(TeamFactory)
    code = factory.Sequence(lambda n: f"wijk-{n}")
    title = factory.Sequence(lambda n: f"Buurtbijeenkomst {n}")
    purpose = "Samen bepalen wat de buurt nodig heeft."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    meeting = factory.SubFactory(MeetingFactory)
    phase = "prepare"
    title = "Locatie bezocht"
    due_days = -42


class TeamChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamChecklistItem

    team = factory.SubFactory(TeamFactory)
    phase = "prepare"
    title = "Eigen taak"
    due_days = -10


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    meeting = factory.SubFactory(MeetingFactory)
    risk = "De beamer doet het niet"
    response = "Zonder dia's verder."


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    meeting = factory.SubFactory(MeetingFactory)
    title = "Welkom"
    duration_minutes = 15


class OutreachActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachAction

    meeting = factory.SubFactory(MeetingFactory)
    kind = "posters"
    description = "Posters bij de supermarkt"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    meeting = factory.SubFactory(MeetingFactory)
    name = "Naambadges"
