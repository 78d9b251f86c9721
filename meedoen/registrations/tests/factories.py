import hashlib

import factory

from meedoen.meetings.tests.factories import MeetingFactory
from meedoen.registrations.models import KeyFigure, NetworkPlace, Registration
from meedoen.registrations.services import manage_token_for_nonce, token_hash
from meedoen.teams.tests.factories import TeamFactory


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Sleutelfiguur {n}")
    connection = "De vrouwengroep van de moskee"


class NetworkPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkPlace

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    kind = "buurthuis"
    address = "Marktplein 1"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    status = Registration.Status.CONFIRMED
    channel = "phone"
    name = factory.Sequence(lambda n: f"Bewoner {n}")
    manage_nonce = ""
    # With a nonce, the hash of the token it derives (as registration_admit stores it).
    manage_token_hash = factory.LazyAttributeSequence(
        lambda o, n: (
            token_hash(manage_token_for_nonce(o.manage_nonce))
            if o.manage_nonce
            else hashlib.sha256(f"token-{n}".encode()).hexdigest()
        )
    )
    checkin_code = factory.Sequence(lambda n: f"C{n:05d}")
