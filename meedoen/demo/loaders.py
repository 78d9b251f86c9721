"""Demo data, built through the rooms' own services so it behaves like real use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction

from meedoen.teams import services as team_services
from meedoen.teams.models import Role, Team, User

MUNICIPALITY = "Gemeente Rivierstad"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    description: str


DEMO_LOGINS = [
    DemoLogin("coordinator@example.org", "Fatima el Amrani", "coordinator, Wijkteam Noord"),
    DemoLogin("member@example.org", "Joost de Vries", "team member, Wijkteam Noord"),
    DemoLogin("viewer@example.org", "Anneke Bakker", "viewer, Wijkteam Noord"),
    DemoLogin("zuid@example.org", "Mehmet Yılmaz", "coordinator, Wijkteam Zuid"),
    DemoLogin("admin@example.org", "Platform Beheer", "platform admin (Django admin)"),
]


def _demo_user(email: str, name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email, settings.MEEDOEN_DEMO_PASSWORD, full_name=name)
    return user


def demo_load(*, now: datetime | None = None) -> bool:
    """Load the demo once. Returns False when it was already there."""
    if Team.objects.filter(slug="wijkteam-noord").exists():
        return False
    with transaction.atomic():
        users = {login.email: _demo_user(login.email, login.name) for login in DEMO_LOGINS[:4]}
        _demo_user("admin@example.org", "Platform Beheer", superuser=True)
        noord = team_services.team_create(
            actor=users["coordinator@example.org"],
            name="Wijkteam Noord",
            slug="wijkteam-noord",
            municipality=MUNICIPALITY,
            neighbourhoods=["Vogelbuurt", "Oude Haven", "Park Noord"],
            form_of_address=Team.FormOfAddress.FORMAL,
            now=now,
        )
        team_services.membership_create(
            actor=users["coordinator@example.org"],
            team=noord,
            user=users["member@example.org"],
            role=Role.MEMBER,
            now=now,
        )
        team_services.membership_create(
            actor=users["coordinator@example.org"],
            team=noord,
            user=users["viewer@example.org"],
            role=Role.VIEWER,
            now=now,
        )
        team_services.team_create(
            actor=users["zuid@example.org"],
            name="Wijkteam Zuid",
            slug="wijkteam-zuid",
            municipality=MUNICIPALITY,
            neighbourhoods=["Zuiderpark", "Molenwijk"],
            form_of_address=Team.FormOfAddress.INFORMAL,
            now=now,
        )
    return True
