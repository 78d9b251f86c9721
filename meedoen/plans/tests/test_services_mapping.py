from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from meedoen.plans import selectors, services
from meedoen.plans.errors import MappingSessionState, MappingUndecided
from meedoen.plans.models import MappingSession, Ring, StakeholderKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
T0 = timezone.now()


def at(seconds: float):
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def plan(world):
    return services.plan_create(actor=world.coordinator, title="Noord", theme="Zorg", goal="Samen")


@pytest.fixture
def session(world, plan):
    session = services.mapping_session_open(actor=world.coordinator, plan=plan, now=at(0))
    return services.mapping_session_start(actor=world.coordinator, session=session, now=at(1))


def _note(membership, session, text, ring, seconds=10):
    return services.mapping_note_add(
        actor=membership, session=session, text=text, ring=ring, now=at(seconds)
    )


def test_only_coordinators_open_and_start(world, plan):
    with pytest.raises(PermissionDenied):
        services.mapping_session_open(actor=world.member, plan=plan)
    session = services.mapping_session_open(actor=world.coordinator, plan=plan, now=at(0))
    assert services.mapping_session_open(actor=world.coordinator, plan=plan) == session
    with pytest.raises(PermissionDenied):
        services.mapping_session_start(actor=world.member, session=session)


def test_duration_is_bounded(world, plan):
    with pytest.raises(MappingSessionState):
        services.mapping_session_open(actor=world.coordinator, plan=plan, duration_seconds=5)


def test_notes_are_private_while_writing(world, session):
    _note(world.coordinator, session, "GGD", Ring.HIGH)
    _note(world.member, session, "Huisarts", Ring.MEDIUM)
    board = selectors.mapping_board(actor=world.member, session=session, now=at(20))
    assert board.status == "writing"
    assert [n.text for n in board.own_notes] == ["Huisarts"]
    assert board.groups == []
    assert sum(board.notes_per_author.values()) == 2
    assert 160 <= board.seconds_left <= 161


def test_writing_ends_by_itself_when_time_is_up(world, session):
    _note(world.member, session, "Huisarts", Ring.MEDIUM)
    assert session.phase(now=at(182)) == MappingSession.Status.REVEALED
    with pytest.raises(MappingSessionState):
        _note(world.member, session, "Te laat", Ring.LOW, seconds=190)
    board = selectors.mapping_board(actor=world.viewer, session=session, now=at(190))
    assert [g.name for g in board.groups] == ["Huisarts"]


def test_a_note_in_the_last_seconds_still_counts(world, session):
    assert _note(world.member, session, "Net op tijd", Ring.LOW, seconds=182.5).pk


def test_only_your_own_notes_move(world, session):
    note = _note(world.member, session, "Huisarts", Ring.MEDIUM)
    services.mapping_note_place(actor=world.member, note=note, ring=Ring.HIGH, now=at(30))
    note.refresh_from_db()
    assert note.ring == Ring.HIGH
    with pytest.raises(PermissionDenied):
        services.mapping_note_place(actor=world.coordinator, note=note, ring=Ring.LOW, now=at(31))
    with pytest.raises(PermissionDenied):
        services.mapping_note_delete(actor=world.coordinator, note=note, now=at(31))
    services.mapping_note_delete(actor=world.member, note=note, now=at(32))
    assert not session.notes.exists()


def test_viewers_do_not_write(world, session):
    with pytest.raises(PermissionDenied):
        _note(world.viewer, session, "GGD", Ring.HIGH)


def test_full_session_groups_disagreements_decides_and_merges(world, plan, session):
    existing = services.stakeholder_create(
        actor=world.member, plan=plan, name="Buurthuis De Ster", ring=Ring.LOW
    )
    _note(world.coordinator, session, "GGD", Ring.HIGH)
    _note(world.member, session, "G.G.D.", Ring.MEDIUM)
    _note(world.member, session, "buurthuis de ster", Ring.HIGH)
    note = _note(world.coordinator, session, "Ouderenbond Noord", Ring.HIGH)
    _note(world.member, session, "Ouderenbond Nord", Ring.HIGH)
    services.mapping_session_reveal(actor=world.coordinator, session=session, now=at(60))

    groups = selectors.mapping_note_groups(session=session)
    assert [g.name for g in groups][0] == "GGD"  # the disagreement comes first
    ggd = groups[0]
    assert ggd.disagreement and ggd.rings == [Ring.HIGH, Ring.MEDIUM] and ggd.authors == 2
    assert len(groups) == 3

    services.mapping_reflection_add(
        actor=world.member, note=note, text="Ook de seniorenraad vragen", now=at(70)
    )
    with pytest.raises(MappingUndecided, match="GGD"):
        services.mapping_session_close(actor=world.coordinator, session=session, now=at(80))
    services.mapping_decide(
        actor=world.coordinator,
        session=session,
        group_key=ggd.key,
        name="GGD regio",
        ring=Ring.MEDIUM,
        kind=StakeholderKind.POLICY,
        now=at(90),
    )
    stakeholders = services.mapping_session_close(
        actor=world.coordinator, session=session, now=at(100)
    )
    names = sorted(s.name for s in stakeholders)
    assert names == ["Buurthuis De Ster", "GGD regio", "Ouderenbond Noord"]
    existing.refresh_from_db()
    assert existing.ring == Ring.HIGH  # merged: the session moved it inward
    ouderenbond = next(s for s in stakeholders if s.name == "Ouderenbond Noord")
    assert "seniorenraad" in ouderenbond.notes
    assert plan.stakeholders.count() == 3

    with pytest.raises(MappingSessionState, match="already closed"):
        services.mapping_session_close(actor=world.coordinator, session=session, now=at(110))


def test_phase_rules(world, plan):
    session = services.mapping_session_open(actor=world.coordinator, plan=plan, now=at(0))
    with pytest.raises(MappingSessionState):
        _note(world.member, session, "Te vroeg", Ring.LOW, seconds=1)
    with pytest.raises(MappingSessionState):
        services.mapping_session_reveal(actor=world.coordinator, session=session, now=at(1))
    services.mapping_session_start(actor=world.coordinator, session=session, now=at(2))
    with pytest.raises(MappingSessionState):
        services.mapping_session_start(actor=world.coordinator, session=session, now=at(3))
    note = _note(world.member, session, "GGD", Ring.LOW, seconds=4)
    with pytest.raises(MappingSessionState):
        services.mapping_reflection_add(actor=world.member, note=note, text="x", now=at(5))
    with pytest.raises(MappingSessionState):
        services.mapping_decide(
            actor=world.coordinator,
            session=session,
            group_key="ggd",
            name="GGD",
            ring=Ring.LOW,
            now=at(6),
        )


def test_a_decision_needs_a_known_group(world, session):
    _note(world.member, session, "GGD", Ring.LOW)
    services.mapping_session_reveal(actor=world.coordinator, session=session, now=at(20))
    with pytest.raises(MappingSessionState):
        services.mapping_decide(
            actor=world.coordinator,
            session=session,
            group_key="nope",
            name="X",
            ring=Ring.LOW,
            now=at(21),
        )


def test_every_change_bumps_the_version_for_pollers(world, session):
    version = session.version
    _note(world.member, session, "GGD", Ring.LOW)
    session.refresh_from_db()
    assert session.version == version + 1
