import factory
from django.utils import timezone

from meedoen.plans.matching import name_normalize
from meedoen.plans.models import (
    MappingNote,
    MappingSession,
    Method,
    ParticipationPlan,
    PlannedMoment,
    Ring,
    Stakeholder,
)
from meedoen.teams.tests.factories import TeamFactory


class ParticipationPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationPlan

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Gezond ouder worden {n}")
    theme = "Gezond ouder worden"
    goal = "Samen met ouderen bepalen wat nodig is om langer thuis te wonen."


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    plan = factory.SubFactory(ParticipationPlanFactory)
    name = factory.Sequence(lambda n: f"Organisatie nummer {n}")
    normalized_name = factory.LazyAttribute(lambda o: name_normalize(o.name))
    ring = Ring.MEDIUM


class PlannedMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedMoment

    plan = factory.SubFactory(ParticipationPlanFactory)
    what = "Inloopspreekuur in het buurthuis"


class TeamMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Buurtwandeling {n}")
    rungs = factory.LazyFunction(lambda: ["consult"])
    description = "Samen met bewoners door de buurt lopen."


class MappingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingSession

    plan = factory.SubFactory(ParticipationPlanFactory)
    status = MappingSession.Status.WRITING
    writing_ends_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(minutes=3))


class MappingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MappingNote

    session = factory.SubFactory(MappingSessionFactory)
    text = factory.Sequence(lambda n: f"Notitie {n}")
