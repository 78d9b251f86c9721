"""Demo data, built through the rooms' own services so it behaves like real use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meedoen.demo.loaders_grouping import demo_grouping_load
from meedoen.demo.loaders_messaging import demo_messaging_load
from meedoen.meetings import services as meeting_services
from meedoen.meetings.models import ChecklistStatus, Meeting, ProgrammeItem
from meedoen.plans import selectors as plan_selectors
from meedoen.plans import services as plan_services
from meedoen.plans.models import Method, ParticipationPlan, Ring, Rung, StakeholderKind
from meedoen.teams import services as team_services
from meedoen.teams.models import Membership, Role, Team, User

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
        # The built-in methods come with a data migration; a flushed test database lacks them.
        plan_services.methods_builtin_sync()
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
        coordinator = Membership.objects.get(team=noord, user=users["coordinator@example.org"])
        member = Membership.objects.get(team=noord, user=users["member@example.org"])
        plan = _demo_plan(coordinator=coordinator, member=member, now=now or timezone.now())
        _demo_meetings(coordinator=coordinator, member=member, plan=plan, now=now or timezone.now())
        team_services.team_create(
            actor=users["zuid@example.org"],
            name="Wijkteam Zuid",
            slug="wijkteam-zuid",
            municipality=MUNICIPALITY,
            neighbourhoods=["Zuiderpark", "Molenwijk"],
            form_of_address=Team.FormOfAddress.INFORMAL,
            now=now,
        )
        _demo_attendance(coordinator=coordinator, member=member)
        demo_messaging_load(coordinator=coordinator, member=member, now=now or timezone.now())
    return True


# (name, kind, ring, rung, what they can contribute)
DEMO_STAKEHOLDERS = [
    (
        "Ouderen in de Vogelbuurt",
        StakeholderKind.RESIDENT_GROUP,
        Ring.HIGH,
        Rung.ADVISE,
        "Weten als geen ander wat nodig is om prettig thuis te blijven wonen.",
    ),
    (
        "Mantelzorgers",
        StakeholderKind.RESIDENT_GROUP,
        Ring.HIGH,
        Rung.COPRODUCE,
        "Ervaring met zorg thuis en met wat er ontbreekt.",
    ),
    (
        "Bewonerscommissie Oude Haven",
        StakeholderKind.RESIDENT_GROUP,
        Ring.HIGH,
        Rung.CODECIDE,
        "Netwerk in de flats, vertrouwen van buren.",
    ),
    (
        "Moskee Al-Amal",
        StakeholderKind.ORGANISATION,
        Ring.MEDIUM,
        Rung.CONSULT,
        "Bereikt Turkse en Marokkaanse ouderen.",
    ),
    (
        "Huisartsenpraktijk Park Noord",
        StakeholderKind.PROFESSIONAL,
        Ring.HIGH,
        Rung.COPRODUCE,
        "Signaleert eenzaamheid en kwetsbaarheid.",
    ),
    (
        "Wijkverpleging Thuiszorg Rivierstad",
        StakeholderKind.PROFESSIONAL,
        Ring.HIGH,
        Rung.COPRODUCE,
        "Komt achter de voordeur.",
    ),
    (
        "Welzijnsorganisatie De Brug",
        StakeholderKind.ORGANISATION,
        Ring.MEDIUM,
        Rung.COPRODUCE,
        "Buurthuis, vrijwilligers en activiteiten.",
    ),
    (
        "Woningcorporatie Thuis aan de Rivier",
        StakeholderKind.ORGANISATION,
        Ring.MEDIUM,
        Rung.ADVISE,
        "Aanpassingen in woningen, ontmoetingsruimtes in complexen.",
    ),
    (
        "Gemeente Rivierstad, team Wmo",
        StakeholderKind.POLICY,
        Ring.MEDIUM,
        Rung.CODECIDE,
        "Budget en beleid voor ondersteuning thuis.",
    ),
    (
        "GGD Rivierland",
        StakeholderKind.POLICY,
        Ring.LOW,
        Rung.INFORM,
        "Cijfers over gezondheid in de wijk.",
    ),
    (
        "Basisschool De Regenboog",
        StakeholderKind.ORGANISATION,
        Ring.LOW,
        Rung.INFORM,
        "Contact met jonge gezinnen en grootouders.",
    ),
    (
        "Jongeren uit Park Noord",
        StakeholderKind.RESIDENT_GROUP,
        Ring.LOW,
        Rung.CONSULT,
        "Willen helpen met boodschappen en digitale vragen.",
    ),
    (
        "Apotheek Vogelbuurt",
        StakeholderKind.PROFESSIONAL,
        Ring.LOW,
        Rung.INFORM,
        "Ziet mensen die hun medicijnen niet goed gebruiken.",
    ),
    (
        "Seniorenraad",
        StakeholderKind.RESIDENT_GROUP,
        Ring.MEDIUM,
        Rung.ADVISE,
        "Adviseert de gemeente al jaren over ouderenbeleid.",
    ),
    (
        "Winkeliers aan het Marktplein",
        StakeholderKind.OTHER,
        Ring.LOW,
        Rung.INFORM,
        "Zien dagelijks ouderen; plek voor posters en flyers.",
    ),
]

DEMO_RUNG_PLANS = {
    Rung.INFORM: (
        ["newsletter", "flyer"],
        "Iedereen in de wijk weet wat we doen en hoe je kunt meedoen.",
    ),
    Rung.CONSULT: (
        ["walk-in-hour", "spontaneous-conversations"],
        "Een beeld van wat ouderen missen, ook van wie niet naar bijeenkomsten komt.",
    ),
    Rung.ADVISE: (
        ["sounding-board", "world-cafe"],
        "Advies over drie ontmoetingsplekken en hoe je er komt.",
    ),
    Rung.COPRODUCE: (
        ["co-creation-workshop"],
        "Samen ontworpen: een wekelijkse koffieochtend met spreekuur van de wijkverpleging.",
    ),
    Rung.CODECIDE: (
        ["administrators-tables"],
        "Twee bewoners beslissen mee over het wijkbudget voor ontmoeting.",
    ),
}


def _demo_plan(*, coordinator: Membership, member: Membership, now: datetime) -> ParticipationPlan:
    """A realistic plan for Wijkteam Noord, with a mapping session the team held a month ago."""
    month_ago = now - timedelta(days=30)
    plan = plan_services.plan_create(
        actor=coordinator,
        title="Gezond ouder worden in Noord",
        theme="Gezond ouder worden",
        neighbourhoods=["Vogelbuurt", "Oude Haven"],
        goal="Samen met ouderen en hun mantelzorgers bepalen wat nodig is om langer prettig "
        "en gezond thuis te wonen, en daar dit jaar drie dingen van waarmaken.",
        decision_at_stake="Hoe het wijkbudget voor ontmoeting en ondersteuning wordt besteed.",
        room_for_influence="Bewoners bepalen mee waar en hoe het geld wordt ingezet. Het totale "
        "budget en de wettelijke taken van de gemeente liggen vast.",
        period_start=date(now.year, 1, 1),
        period_end=date(now.year, 12, 31),
        now=month_ago,
    )
    # The team mapped the first stakeholders together.
    session = plan_services.mapping_session_open(
        actor=coordinator, plan=plan, duration_seconds=180, now=month_ago
    )
    session = plan_services.mapping_session_start(actor=coordinator, session=session, now=month_ago)
    notes_at = month_ago + timedelta(seconds=40)
    for author, text, ring in [
        (coordinator, "Ouderen in de Vogelbuurt", Ring.HIGH),
        (member, "ouderen vogelbuurt", Ring.HIGH),
        (coordinator, "Mantelzorgers", Ring.HIGH),
        (member, "Mantelzorgers", Ring.MEDIUM),
        (member, "GGD Rivierland", Ring.LOW),
        (coordinator, "Moskee Al-Amal", Ring.MEDIUM),
    ]:
        plan_services.mapping_note_add(
            actor=author, session=session, text=text, ring=ring, now=notes_at
        )
    revealed = month_ago + timedelta(seconds=200)
    groups = {g.name: g for g in plan_selectors.mapping_note_groups(session=session)}
    plan_services.mapping_reflection_add(
        actor=member,
        note=groups["Mantelzorgers"].notes[0],
        text="Veel mantelzorgers zijn zelf ook al ouder.",
        now=revealed,
    )
    plan_services.mapping_decide(
        actor=coordinator,
        session=session,
        group_key=groups["Mantelzorgers"].key,
        name="Mantelzorgers",
        ring=Ring.HIGH,
        kind=StakeholderKind.RESIDENT_GROUP,
        now=revealed,
    )
    plan_services.mapping_session_close(
        actor=coordinator, session=session, now=revealed + timedelta(minutes=20)
    )
    existing = {s.name: s for s in plan.stakeholders.all()}
    for name, kind, ring, rung, contribution in DEMO_STAKEHOLDERS:
        fields: dict[str, Any] = {
            "kind": kind,
            "ring": ring,
            "rung": rung,
            "contribution": contribution,
        }
        if name in existing:
            plan_services.stakeholder_update(actor=member, stakeholder=existing[name], **fields)
        else:
            plan_services.stakeholder_create(actor=member, plan=plan, name=name, **fields)
    methods = {m.key: m for m in Method.objects.filter(team=None)}
    for rung, (keys, expected) in DEMO_RUNG_PLANS.items():
        plan_services.rung_plan_set(
            actor=member,
            plan=plan,
            rung=rung,
            methods=[methods[k] for k in keys],
            expected_yield=expected,
        )
    ouderen = plan.stakeholders.get(name="Ouderen in de Vogelbuurt")
    plan_services.moment_create(
        actor=member,
        plan=plan,
        what="Buurtbijeenkomst ‘Prettig oud worden in Noord’",
        when="over zes weken",
        rung=Rung.ADVISE,
        method=methods["world-cafe"],
        stakeholders=[ouderen],
    )
    plan_services.moment_create(
        actor=member,
        plan=plan,
        what="Inloopspreekuur in buurthuis De Brug",
        when="elke dinsdag",
        rung=Rung.CONSULT,
        method=methods["walk-in-hour"],
    )
    return plan


DEMO_PROGRAMME = [
    ("Inloop met koffie en naambadges", ProgrammeItem.Kind.INFORMAL, 15, ""),
    ("Welkom en waarom we hier zijn", ProgrammeItem.Kind.WELCOME, 10, "Fatima"),
    (
        "Wereldcafé: wat maakt oud worden in Noord prettig?",
        ProgrammeItem.Kind.WORK_FORM,
        40,
        "Joost en tafelgastheren",
    ),
    ("Check: is het duidelijk, doen we het goed?", ProgrammeItem.Kind.CHECK, 5, "Fatima"),
    ("Pauze met hapje", ProgrammeItem.Kind.INFORMAL, 15, ""),
    ("Stemmen met stickers: wat pakken we eerst op?", ProgrammeItem.Kind.WORK_FORM, 25, "Joost"),
    ("Check: tips voor de volgende stappen", ProgrammeItem.Kind.CHECK, 5, "Fatima"),
    ("Samenvatting en wie doet mee met het vervolg", ProgrammeItem.Kind.SUMMARY, 5, "Fatima"),
]


def _demo_meetings(
    *, coordinator: Membership, member: Membership, plan: ParticipationPlan, now: datetime
) -> None:
    """An upcoming meeting half way through its preparation, and one held last month."""
    venue = meeting_services.venue_create(
        actor=member,
        name="Buurthuis De Brug",
        address="Brugstraat 12",
        postcode="1234 AB",
        city="Rivierstad",
        why_here="Midden in de Vogelbuurt; veel ouderen komen er al voor de koffieochtend.",
        public_transport="Bus 4, halte Brugstraat (2 minuten lopen).",
        parking="Parkeerplein achter het buurthuis; twee invalidenplekken bij de ingang.",
        parking_arranged=True,
        step_free=True,
        accessible_toilet=True,
        lift=None,
        hearing_loop=False,
        quiet_room=True,
        seating=True,
        projector=True,
        screen=True,
        microphone=True,
        wifi=True,
        visited_on=(now - timedelta(days=10)).date(),
        visited_by=member.user,
        notes="Ringleiding ontbreekt: vraag de bibliotheek om een mobiele set.",
        now=now - timedelta(days=40),
    )
    ouderen = plan.stakeholders.filter(name__in=["Ouderen in de Vogelbuurt", "Mantelzorgers"])
    upcoming_start = timezone.localtime(now + timedelta(days=21)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    upcoming = meeting_services.meeting_create(
        actor=coordinator,
        title="Prettig oud worden in Noord",
        purpose="Samen met ouderen en "
        "mantelzorgers ontdekken wat nodig is om langer prettig thuis te wonen.",
        expectations="Uw ideeën gaan mee naar het wijkbudget. Over drie ideeën beslissen "
        "bewoners mee; de hoogte van het budget ligt vast.",
        plan=plan,
        stakeholders=ouderen,
        rungs=[Rung.ADVISE],
        starts_at=upcoming_start,
        ends_at=upcoming_start + timedelta(hours=2),
        capacity=60,
        languages=["Nederlands", "Turks"],
        target_groups="Ouderen uit de Vogelbuurt en Oude Haven, mantelzorgers, professionals.",
        social_moment="coffee",
        grouping="together",
        venue=venue,
        team_present_at=(upcoming_start - timedelta(minutes=45)).time(),
        now=now - timedelta(days=30),
    )
    done_keys = {
        "date_set",
        "venue_visited",
        "venue_confirmed",
        "registration_open",
        "print_ordered",
        "invitations_sent",
        "parking_arranged",
        "catering_arranged",
    }
    for item in upcoming.checklist.filter(key__in=done_keys):
        meeting_services.checklist_item_update(
            actor=member, item=item, status=ChecklistStatus.DONE, owner=member.user
        )
    _demo_roles_and_programme(coordinator, member, upcoming)
    _demo_registrations(coordinator=coordinator, member=member, meeting=upcoming, now=now)
    demo_grouping_load(actor=member, meeting=upcoming, now=now)
    for kind, description, days, status in [
        ("market_stand", "Kraam op de zaterdagmarkt met koffie", -14, "done"),
        ("posters", "Supermarkt, huisarts, apotheek en bibliotheek", -18, "done"),
        ("key_figure", "Aïcha nodigt de vrouwengroep van de moskee uit", -10, "planned"),
    ]:
        meeting_services.outreach_action_save(
            actor=member,
            meeting=upcoming,
            kind=kind,
            description=description,
            planned_on=(upcoming_start + timedelta(days=days)).date(),
            owner=member.user,
            status=status,
            how_it_went="Veel reacties; 12 namen genoteerd." if status == "done" else "",
        )

    past_start = timezone.localtime(now - timedelta(days=35)).replace(
        hour=19, minute=0, second=0, microsecond=0
    )
    past = meeting_services.meeting_create(
        actor=coordinator,
        title="Kennismaken met de wijk",
        purpose="Horen wat er speelt in Oude Haven.",
        starts_at=past_start,
        ends_at=past_start + timedelta(hours=2),
        venue=venue,
        plan=plan,
        social_moment="drinks",
        now=past_start - timedelta(days=60),
    )
    _demo_roles_and_programme(coordinator, member, past)
    for item in past.checklist.all():
        meeting_services.checklist_item_update(
            actor=member,
            item=item,
            status=ChecklistStatus.DONE,
            now=past_start + timedelta(days=max(item.due_days, 0)),
        )
    meeting_services.meeting_mark_ready(actor=coordinator, meeting=past, now=past_start)


def _demo_roles_and_programme(
    coordinator: Membership, member: Membership, meeting: Meeting
) -> None:
    for role, user, name in [
        ("chair", coordinator.user, ""),
        ("timekeeper", member.user, ""),
        ("note_taker", None, "Sanne (stagiair welzijn)"),
        ("co_facilitator", None, "Aïcha, sleutelfiguur Vogelbuurt"),
    ]:
        meeting_services.role_assign(
            actor=coordinator, meeting=meeting, role=role, user=user, name=name
        )
    for title, kind, minutes, led_by in DEMO_PROGRAMME:
        meeting_services.programme_item_save(
            actor=member,
            meeting=meeting,
            title=title,
            kind=kind,
            duration_minutes=minutes,
            led_by=led_by,
        )


DEMO_FIRST_NAMES = [
    "Annie",
    "Mohamed",
    "Joke",
    "Fatma",
    "Henk",
    "Siham",
    "Wim",
    "Gerda",
    "Yusuf",
    "Truus",
    "Karim",
    "Ria",
    "Bram",
    "Aïcha",
    "Cor",
    "Nel",
    "Emre",
    "Sanne",
    "Jan",
    "Zoë",
    "Dirk",
    "Leyla",
    "Piet",
    "Marja",
    "Hassan",
    "Els",
    "Kees",
    "Nadia",
    "Bep",
    "Tom",
]
DEMO_LAST_NAMES = [
    "de Jong",
    "El Idrissi",
    "Bakker",
    "Yılmaz",
    "Visser",
    "Ouali",
    "Smit",
    "Meijer",
    "Öztürk",
    "de Boer",
    "Mulder",
    "Ngô",
    "Dekker",
    "Haddādī",
    "van Dijk",
]


def _demo_registrations(
    *, coordinator: Membership, member: Membership, meeting: Meeting, now: datetime
) -> None:
    """About sixty registrations through every channel, two key figures, and a short queue."""
    from meedoen.registrations import services as registration_services

    registration_services.registration_settings_update(
        actor=coordinator,
        meeting=meeting,
        published=True,
        ask_street=True,
        ask_age_band=True,
        ask_photo_consent=True,
        allow_companions=True,
        privacy_url="https://www.rivierstad.example/privacy",
    )
    figures = [
        registration_services.key_figure_create(
            actor=member,
            name="Aïcha Bouzid",
            connection="Vrouwengroep van de moskee",
            contact="06 12345678",
        ),
        registration_services.key_figure_create(
            actor=member,
            name="Henk Willems",
            connection="Bewoners van de seniorenflat",
        ),
    ]
    registration_services.network_place_create(
        actor=member, name="Buurthuis De Brug", kind="buurthuis", address="Brugstraat 12"
    )
    registration_services.network_place_create(actor=member, name="Zaterdagmarkt", kind="markt")
    channels = ["online"] * 30 + ["phone"] * 8 + ["paper"] * 8 + ["in_person"] * 4
    channels += ["key_figure"] * 10
    needs_cycle = [
        [],
        [],
        ["wheelchair"],
        [],
        ["hearing_loop"],
        [],
        ["interpreter"],
        [],
        ["reading_help"],
        [],
    ]
    for number, channel in enumerate(channels):
        first = DEMO_FIRST_NAMES[number % len(DEMO_FIRST_NAMES)]
        last = DEMO_LAST_NAMES[(number * 7) % len(DEMO_LAST_NAMES)]
        fields: dict[str, Any] = {
            "name": f"{first} {last}",
            "comes_as": "professional" if number % 9 == 0 else "resident",
            "needs": needs_cycle[number % len(needs_cycle)],
            "dietary": "halal" if number % 6 == 1 else ("vegetarisch" if number % 11 == 3 else ""),
            "follow_up": number % 3 != 0,
            "street": ["Vogelbuurt", "Oude Haven", "Park Noord"][number % 3],
            "age_band": ["55-74", "75+", "35-54", "18-34"][number % 4],
            "companions": ["Karel"] if number % 10 == 4 else [],
            "heard_via": ["poster", "key_figure", "personal", "flyer", "newsletter"][number % 5],
        }
        if channel in ("online", "key_figure"):
            fields["email"] = f"bewoner{number}@example.org"
            fields["privacy_consent"] = True
        else:
            fields["phone"] = f"06 {10000000 + number * 7919}"
        registration_services.registration_admit(
            meeting=meeting,
            channel=channel,
            actor=member if channel in ("phone", "paper", "in_person") else None,
            key_figure=figures[number % 2] if channel == "key_figure" else None,
            now=now - timedelta(days=20) + timedelta(hours=number * 6),
            **fields,
        )


# (name, channel, comes as, came, companions)
DEMO_PAST_REGISTRATIONS = [
    ("Annie de Jong", "online", "resident", True, []),
    ("Mohamed El Idrissi", "key_figure", "resident", True, ["Samira"]),
    ("Joke Bakker", "paper", "resident", True, []),
    ("Fatma Yılmaz", "key_figure", "resident", False, []),
    ("Henk Visser", "phone", "resident", True, []),
    ("Siham Ouali", "online", "professional", True, []),
    ("Wim Smit", "in_person", "resident", True, ["Gerda"]),
    ("Yusuf Öztürk", "key_figure", "resident", False, []),
    ("Truus de Boer", "paper", "informal_carer", True, []),
    ("Karim Mulder", "online", "volunteer", True, []),
    ("Ria Ngô", "phone", "resident", False, []),
    ("Bram Dekker", "online", "professional", True, []),
    ("Aïcha Haddādī", "key_figure", "resident", True, []),
    ("Cor van Dijk", "paper", "resident", True, []),
    ("Nel de Jong", "phone", "informal_carer", True, []),
    ("Emre Yılmaz", "online", "resident", False, []),
    ("Sanne Meijer", "online", "professional", True, []),
    ("Jan Bakker", "in_person", "resident", True, []),
    ("Zoë Öztürk", "online", "resident", True, []),
    ("Dirk Visser", "paper", "resident", False, []),
    ("Leyla Ouali", "key_figure", "resident", True, []),
    ("Piet Smit", "phone", "resident", True, []),
    ("Marja Meijer", "online", "volunteer", True, []),
    ("Hassan El Idrissi", "online", "resident", False, []),
    ("Els Dekker", "paper", "informal_carer", True, []),
]
DEMO_WALK_INS = [
    ("Ineke", "resident", "ineke@example.org", True),
    ("Abdel", "resident", "", False),
    ("Greet", "informal_carer", "06 23456789", True),
    ("Rachid", "professional", "", False),
]


def _demo_attendance(*, coordinator: Membership, member: Membership) -> None:
    """The past meeting as it went: registrations through every channel, check-ins at the door
    (one mistaken check-in undone), a handful of no-shows, and walk-ins."""
    from meedoen.registrations import services as registration_services
    from meedoen.registrations.models import KeyFigure

    past = Meeting.objects.get(team=coordinator.team, title="Kennismaken met de wijk")
    registration_services.registration_settings_update(
        actor=coordinator, meeting=past, published=True, now=past.starts_at - timedelta(days=30)
    )
    figure = KeyFigure.objects.filter(team=coordinator.team).order_by("pk").first()
    came = []
    for number, (name, channel, comes_as, showed_up, companions) in enumerate(
        DEMO_PAST_REGISTRATIONS
    ):
        fields: dict[str, Any] = {"name": name, "comes_as": comes_as, "companions": companions}
        if channel in ("online", "key_figure"):
            fields["email"] = f"kennismaken{number}@example.org"
            fields["privacy_consent"] = True
        else:
            fields["phone"] = f"06 {20000000 + number * 7919}"
        admission = registration_services.registration_admit(
            meeting=past,
            channel=channel,
            actor=member if channel in ("phone", "paper", "in_person") else None,
            key_figure=figure if channel == "key_figure" else None,
            now=past.starts_at - timedelta(days=21) + timedelta(hours=number * 17),
            **fields,
        )
        if showed_up:
            came.append(admission.registration)
        elif number == 3:
            # Checked in by mistake at the door (a namesake), then undone.
            at = past.starts_at - timedelta(minutes=5)
            registration_services.check_in_record(
                actor=member, registration=admission.registration, device="deur", now=at
            )
            registration_services.check_in_record(
                actor=member,
                registration=admission.registration,
                device="deur",
                undo=True,
                now=at + timedelta(minutes=1),
            )
    for number, registration in enumerate(came):
        registration_services.check_in_record(
            actor=member if number % 2 else coordinator,
            registration=registration,
            device="deur" if number % 2 else "tablet",
            now=past.starts_at - timedelta(minutes=20) + timedelta(minutes=number),
        )
    for number, (first_name, comes_as, contact, follow_up) in enumerate(DEMO_WALK_INS):
        registration_services.walk_in_add(
            actor=member,
            meeting=past,
            first_name=first_name,
            comes_as=comes_as,
            contact=contact,
            follow_up=follow_up,
            now=past.starts_at + timedelta(minutes=5 + number * 7),
        )
