from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meedoen.plans import selectors, services
from meedoen.plans.errors import PlanArchived, StakeholderDuplicate
from meedoen.plans.models import Method, MethodHidden, ParticipationPlan, Ring, Rung, Stakeholder
from meedoen.plans.tests.factories import TeamMethodFactory
from meedoen.teams.models import AuditLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return services.plan_create(
        actor=world.member,
        title="Gezond ouder worden in Noord",
        theme="Gezond ouder worden",
        goal="Langer prettig thuis wonen.",
        room_for_influence="De locatie ligt vast.",
        neighbourhoods=["Vogelbuurt"],
        period_start=date(2027, 1, 1),
        period_end=date(2027, 6, 30),
    )


def _add(world, plan, name, **fields):
    return services.stakeholder_create(actor=world.member, plan=plan, name=name, **fields)


def test_plan_create_and_update_are_logged(world, plan):
    assert plan.team == world.team
    services.plan_update(actor=world.member, plan=plan, goal="Anders")
    actions = list(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"plan.created", "plan.updated"} <= set(actions)


def test_plan_period_must_be_in_order(world):
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=world.member,
            title="T",
            theme="T",
            goal="G",
            period_start=date(2027, 6, 1),
            period_end=date(2027, 1, 1),
        )


def test_viewers_cannot_make_plans(world):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=world.viewer, title="T", theme="T", goal="G")


def test_archived_plans_are_read_only_until_reopened(world, plan):
    services.plan_set_status(actor=world.member, plan=plan, status="archived")
    with pytest.raises(PlanArchived):
        _add(world, plan, "GGD")
    services.plan_set_status(actor=world.member, plan=plan, status="active")
    assert _add(world, plan, "GGD").name == "GGD"


def test_another_teams_plan_is_out_of_reach(world, other_world, plan):
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(actor=other_world.member, plan=plan, name="GGD")


@pytest.mark.parametrize("second", ["ggd", "G.G.D.", " GGD "])
def test_duplicate_stakeholders_are_refused_with_the_existing_one(world, plan, second):
    first = _add(world, plan, "GGD")
    with pytest.raises(StakeholderDuplicate) as caught:
        _add(world, plan, second)
    assert caught.value.existing == first


def test_a_small_typo_is_a_duplicate_too(world, plan):
    _add(world, plan, "Ouderenbond Vogelbuurt")
    with pytest.raises(StakeholderDuplicate):
        _add(world, plan, "Ouderenbond Vogelbuurd")


def test_stakeholder_fields_are_validated(world, plan):
    with pytest.raises(ValidationError):
        _add(world, plan, "")
    with pytest.raises(ValidationError):
        _add(world, plan, "x" * 10_000)
    with pytest.raises(ValidationError):
        _add(world, plan, "Huisarts", ring="centre")


def test_place_in_a_ring_and_choose_a_rung(world, plan):
    stakeholder = _add(world, plan, "Ouderen in de Vogelbuurt", kind="resident_group")
    services.stakeholder_update(actor=world.member, stakeholder=stakeholder, ring=Ring.HIGH)
    services.stakeholder_update(actor=world.member, stakeholder=stakeholder, rung=Rung.ADVISE)
    stakeholder.refresh_from_db()
    assert (stakeholder.ring, stakeholder.rung) == (Ring.HIGH, Rung.ADVISE)


def test_renaming_into_an_existing_name_is_refused(world, plan):
    _add(world, plan, "Wijkverpleging")
    other = _add(world, plan, "Thuiszorg")
    with pytest.raises(StakeholderDuplicate):
        services.stakeholder_update(actor=world.member, stakeholder=other, name="wijkverpleging")


def test_rung_plan_methods_and_yield(world, plan):
    panel = Method.objects.get(key="residents-panel")
    rung_plan = services.rung_plan_set(
        actor=world.member,
        plan=plan,
        rung=Rung.ADVISE,
        methods=[panel],
        expected_yield="Tien adviezen over ontmoetingsplekken.",
    )
    assert list(rung_plan.methods.all()) == [panel]
    services.rung_plan_set(
        actor=world.member, plan=plan, rung=Rung.ADVISE, methods=[], expected_yield=""
    )
    rung_plan.refresh_from_db()
    assert rung_plan.methods.count() == 0


def test_another_teams_own_method_cannot_be_chosen(world, other_world, plan):
    foreign = TeamMethodFactory(team=other_world.team)
    with pytest.raises(PermissionDenied):
        services.rung_plan_set(
            actor=world.member, plan=plan, rung=Rung.CONSULT, methods=[foreign], expected_yield=""
        )


def test_moments_link_stakeholders_of_the_same_plan_only(world, plan):
    ouderen = _add(world, plan, "Ouderen")
    moment = services.moment_create(
        actor=world.member,
        plan=plan,
        what="Inloopspreekuur",
        when="maart 2027",
        rung=Rung.CONSULT,
        stakeholders=[ouderen],
    )
    assert list(moment.stakeholders.all()) == [ouderen]
    other_plan = services.plan_create(actor=world.member, title="B", theme="B", goal="B")
    stranger = _add(world, other_plan, "Jongeren")
    with pytest.raises(PermissionDenied):
        services.moment_create(actor=world.member, plan=plan, what="X", stakeholders=[stranger])
    services.moment_delete(actor=world.member, moment=moment)
    assert not plan.moments.exists()


def test_own_methods_and_hiding_built_ins(world):
    method = services.method_create(
        actor=world.member, name="Buurtwandeling", rungs=["consult"], description="Lopen."
    )
    assert method.team == world.team
    with pytest.raises(ValidationError):
        services.method_create(actor=world.member, name="Leeg", rungs=[], description="x")
    builtin = Method.objects.get(key="podcast")
    services.method_set_hidden(actor=world.member, method=builtin, hidden=True)
    assert MethodHidden.objects.filter(team=world.team, method=builtin).exists()
    visible = {m.key for m in selectors.methods_for_rung(actor=world.member, rung="inform")}
    assert "podcast" not in visible
    services.method_set_hidden(actor=world.member, method=builtin, hidden=False)
    visible = {m.key for m in selectors.methods_for_rung(actor=world.member, rung="inform")}
    assert "podcast" in visible
    with pytest.raises(PermissionDenied):
        services.method_set_hidden(actor=world.member, method=method, hidden=True)


def test_other_teams_methods_are_invisible(world, other_world):
    TeamMethodFactory(team=other_world.team, name="Geheim recept")
    names = {row.method.name for row in selectors.methods_catalogue(actor=world.member)}
    assert "Geheim recept" not in names


def test_coverage_warnings(world, plan):
    codes = {w.code for w in selectors.plan_overview(actor=world.member, plan=plan).warnings}
    assert "no_residents" in codes
    residents = _add(
        world, plan, "Ouderen", kind="resident_group", ring=Ring.HIGH, rung=Rung.INFORM
    )
    codes = {w.code for w in selectors.plan_overview(actor=world.member, plan=plan).warnings}
    assert "residents_only_informed" in codes
    assert "rung_without_method:inform" in codes
    assert f"high_interest_uncovered:{residents.pk}" in codes
    services.rung_plan_set(
        actor=world.member,
        plan=plan,
        rung=Rung.INFORM,
        methods=[Method.objects.get(key="newsletter")],
        expected_yield="",
    )
    codes = {w.code for w in selectors.plan_overview(actor=world.member, plan=plan).warnings}
    assert "rung_without_method:inform" not in codes
    assert f"high_interest_uncovered:{residents.pk}" not in codes


def test_builtin_sync_is_idempotent():
    before = Method.objects.filter(team=None).count()
    assert services.methods_builtin_sync() == before
    assert Method.objects.filter(team=None).count() == before


def test_plan_list_selector_counts(world, plan, django_assert_max_num_queries):
    _add(world, plan, "A-organisatie")
    _add(world, plan, "B-organisatie")
    with django_assert_max_num_queries(1):
        plans = list(selectors.plans_for_actor(actor=world.member))
    assert plans[0].stakeholder_count == 2


def test_updated_at_moves_with_changes(world, plan):
    later = timezone.now() + timedelta(hours=1)
    services.stakeholder_create(actor=world.member, plan=plan, name="Later", now=later)
    plan.refresh_from_db()
    assert plan.updated_at == later
    assert Stakeholder.objects.filter(plan=plan).count() == 1
    assert ParticipationPlan.objects.count() == 1
