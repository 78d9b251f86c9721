import factory
from django.utils import timezone

from meedoen.messaging.models import Contact, Message, MessageKind
from meedoen.teams.tests.factories import TeamFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    team = factory.SubFactory(TeamFactory)
    kind = MessageKind.REMINDER
    recipient_name = factory.Sequence(lambda n: f"Bewoner {n}")
    recipient_email = factory.Sequence(lambda n: f"bewoner{n}@example.org")
    subject_key = "meeting:1"
    idempotency_key = factory.Sequence(lambda n: f"{n:064d}")
    due_at = factory.LazyFunction(timezone.now)
    context = factory.LazyFunction(lambda: {"meeting_id": 1})


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consent = "Op de markt, 3 juni"
