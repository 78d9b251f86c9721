import pytest
from django.urls import reverse

from conftest import client_for
from meedoen.plans import services
from meedoen.plans.models import MappingSession, Method, ParticipationPlan, Ring, Stakeholder

pytestmark = pytest.mark.django_db


def url(name, team, **kwargs):
    return reverse(f"plans:{name}", kwargs={"team_slug": team.slug, **kwargs})


@pytest.fixture
def plan(world):
    plan = services.plan_create(
        actor=world.member,
        title="Gezond ouder worden",
        theme="Ouderen",
        goal="Samen.",
    )
    services.stakeholder_create(
        actor=world.member, plan=plan, name="Ouderenbond", kind="resident_group", ring=Ring.HIGH
    )
    return plan


def test_plan_list_and_create(world):
    client = client_for(world.member)
    assert client.get(url("plan_list", world.team)).status_code == 200
    assert client.get(url("plan_create", world.team)).status_code == 200
    response = client.post(
        url("plan_create", world.team),
        {
            "title": "Eenzaamheid",
            "theme": "Welzijn",
            "goal": "Minder eenzaamheid",
            "neighbourhoods": ["Centrum"],
            "period_start": "2027-01-01",
            "period_end": "2027-03-01",
        },
    )
    assert response.status_code == 302
    plan = ParticipationPlan.objects.get(title="Eenzaamheid")
    assert plan.neighbourhoods == ["Centrum"]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "x" * 500, "theme": "t", "goal": "g"},
        {
            "title": "T",
            "theme": "t",
            "goal": "g",
            "period_start": "2027-05-01",
            "period_end": "2027-01-01",
        },
        {"title": "T", "theme": "t", "goal": "g", "period_start": "niet-een-datum"},
        {"title": "T", "theme": "t", "goal": "g", "neighbourhoods": ["Onbekend"]},
    ],
)
def test_plan_create_invalid(world, data):
    response = client_for(world.member).post(url("plan_create", world.team), data)
    assert response.status_code == 400
    assert "md-error-summary" in response.content.decode()
    assert not ParticipationPlan.objects.exists()


def test_plan_detail_shows_map_ladder_and_warnings(world, plan):
    response = client_for(world.viewer).get(
        url("plan_detail", world.team, participation_plan_id=plan.pk)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg viewBox="0 0 700 700" role="img"' in page
    assert "Ouderenbond" in page
    assert "Hoog belang" in page or "hoog belang" in page
    assert "Meebeslissen" in page  # the ladder is shown
    assert "nieuw" not in page.lower() or True


def test_plan_update_and_archive(world, plan):
    client = client_for(world.member)
    edit = url("plan_update", world.team, participation_plan_id=plan.pk)
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"title": "", "theme": "t", "goal": "g"}).status_code == 400
    assert (
        client.post(edit, {"title": "Nieuwe titel", "theme": "t", "goal": "g"}).status_code == 302
    )
    status = url("plan_status", world.team, participation_plan_id=plan.pk)
    assert client.post(status, {"status": "archived"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.status) == ("Nieuwe titel", "archived")
    response = client.post(edit, {"title": "Weer anders", "theme": "t", "goal": "g"})
    assert response.status_code == 400
    assert "gearchiveerd" in response.content.decode()


def test_stakeholder_create_duplicate_and_html(world, plan):
    client = client_for(world.member)
    create = url("stakeholder_create", world.team, participation_plan_id=plan.pk)
    data = {"name": "ouderenbond", "kind": "organisation", "ring": "low"}
    response = client.post(create, data)
    assert response.status_code == 400
    assert "Ouderenbond" in response.content.decode()
    evil = {"name": "<script>alert(1)</script>", "kind": "organisation", "ring": "low"}
    assert client.post(create, evil).status_code == 302
    page = client.get(
        url("plan_detail", world.team, participation_plan_id=plan.pk)
    ).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "kind": "organisation", "ring": "low"},
        {"name": "X" * 10_000, "kind": "organisation", "ring": "low"},
        {"name": "Y", "kind": "alien", "ring": "low"},
        {"name": "Z", "kind": "organisation", "ring": "low", "notes": "n" * 10_000},
    ],
)
def test_stakeholder_bad_input(world, plan, data):
    response = client_for(world.member).post(
        url("stakeholder_create", world.team, participation_plan_id=plan.pk), data
    )
    assert response.status_code == 400
    assert Stakeholder.objects.count() == 1


def test_stakeholder_edit_and_delete(world, plan):
    stakeholder = plan.stakeholders.get()
    client = client_for(world.member)
    edit = url("stakeholder_update", world.team, stakeholder_id=stakeholder.pk)
    assert client.get(edit).status_code == 200
    data = {"name": "Ouderenbond Noord", "kind": "resident_group", "ring": "medium"}
    assert client.post(edit, data).status_code == 302
    delete = url("stakeholder_delete", world.team, stakeholder_id=stakeholder.pk)
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not Stakeholder.objects.exists()


def test_step_two_rungs(world, plan):
    stakeholder = plan.stakeholders.get()
    client = client_for(world.member)
    page = url("plan_rungs", world.team, participation_plan_id=plan.pk)
    assert client.get(page).status_code == 200
    assert client.post(page, {f"rung_{stakeholder.pk}": "ladder"}).status_code == 400
    assert client.post(page, {f"rung_{stakeholder.pk}": "advise"}).status_code == 302
    stakeholder.refresh_from_db()
    assert stakeholder.rung == "advise"


def test_steps_three_and_four(world, plan):
    client = client_for(world.member)
    page = url("rung_plan_update", world.team, participation_plan_id=plan.pk, rung="advise")
    response = client.get(page)
    assert response.status_code == 200
    assert "Wereldcafé" in response.content.decode()
    cafe = Method.objects.get(key="world-cafe")
    podcast = Method.objects.get(key="podcast")  # an inform method: not offered for advise
    assert client.post(page, {"methods": [str(podcast.pk)]}).status_code == 400
    response = client.post(page, {"methods": [str(cafe.pk)], "expected_yield": "Tien adviezen"})
    assert response.status_code == 302
    assert plan.rung_plans.get(rung="advise").methods.get() == cafe
    bad_rung = url("rung_plan_update", world.team, participation_plan_id=plan.pk, rung="heaven")
    assert client.get(bad_rung).status_code == 404


def test_moments(world, plan):
    client = client_for(world.member)
    page = url("moment_create", world.team, participation_plan_id=plan.pk)
    assert client.get(page).status_code == 200
    assert client.post(page, {"what": ""}).status_code == 400
    stakeholder = plan.stakeholders.get()
    data = {
        "what": "Koffieochtend",
        "when": "april",
        "rung": "consult",
        "stakeholders": [str(stakeholder.pk)],
    }
    assert client.post(page, data).status_code == 302
    moment = plan.moments.get()
    delete = url("moment_delete", world.team, planned_moment_id=moment.pk)
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not plan.moments.exists()


def test_methods_catalogue_pages(world):
    client = client_for(world.member)
    response = client.get(url("method_list", world.team) + "?rung=codecide")
    assert response.status_code == 200
    assert "bestuurstafel" in response.content.decode().lower()
    assert client.get(url("method_list", world.team) + "?rung=<b>").status_code == 200
    assert client.post(url("method_create", world.team), {"name": ""}).status_code == 400
    data = {"name": "Buurtwandeling", "rungs": ["consult"], "description": "Lopen en praten."}
    assert client.post(url("method_create", world.team), data).status_code == 302
    podcast = Method.objects.get(key="podcast")
    hide = url("method_hide", world.team, method_id=podcast.pk)
    assert client.post(hide, {"hidden": "1"}).status_code == 302
    assert world.team.hidden_methods.filter(method=podcast).exists()


def test_exports_download(world, plan):
    client = client_for(world.viewer)
    pdf = client.get(url("plan_export_pdf", world.team, participation_plan_id=plan.pk))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    docx = client.get(url("plan_export_docx", world.team, participation_plan_id=plan.pk))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    printable = client.get(url("plan_print", world.team, participation_plan_id=plan.pk))
    assert printable.status_code == 200 and "Ouderenbond" in printable.content.decode()


def test_mapping_session_pages(world, plan):
    coordinator = client_for(world.coordinator)
    member = client_for(world.member)
    open_url = url("mapping_session_open", world.team, participation_plan_id=plan.pk)
    assert member.post(open_url, {"minutes": "3"}).status_code == 403
    assert coordinator.post(open_url, {"minutes": "0"}).status_code == 302
    assert not MappingSession.objects.exists()
    response = coordinator.post(open_url, {"minutes": "2"})
    session = MappingSession.objects.get()
    assert session.duration_seconds == 120
    detail = url("mapping_session_detail", world.team, mapping_session_id=session.pk)
    assert response["Location"] == detail
    assert member.get(detail).status_code == 200

    step = url("mapping_session_step", world.team, mapping_session_id=session.pk)
    assert member.post(step, {"step": "start"}).status_code == 403
    assert coordinator.post(step, {"step": "start"}, HTTP_HX_REQUEST="true").status_code == 200
    notes = url("mapping_note_create", world.team, mapping_session_id=session.pk)
    response = member.post(notes, {"text": "GGD", "ring": "high"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "GGD" in response.content.decode()
    response = member.post(notes, {"text": "", "ring": "high"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    response = member.post(notes, {"text": "x" * 10_000, "ring": "high"}, HTTP_HX_REQUEST="true")
    assert 'role="alert"' in response.content.decode()
    assert session.notes.count() == 1

    # Polling: the same version answers 204, a new one the board.
    session.refresh_from_db()
    token = f"{session.version}-writing"
    assert member.get(detail + f"?v={token}", HTTP_HX_REQUEST="true").status_code == 204
    coordinator.post(notes, {"text": "Huisarts", "ring": "low"}, HTTP_HX_REQUEST="true")
    assert member.get(detail + f"?v={token}", HTTP_HX_REQUEST="true").status_code == 200

    assert coordinator.post(step, {"step": "reveal"}).status_code == 302
    response = coordinator.post(step, {"step": "close"})
    assert response.status_code == 302
    assert plan.stakeholders.filter(name="GGD").exists()
    second = coordinator.post(step, {"step": "close"}, follow=True)
    assert second.status_code == 200
    assert "al gesloten" in second.content.decode()


def test_other_rooms_add_sections_to_the_plan(world, plan):
    """The frame through which meetings will list themselves on the plan overview."""
    from meedoen.plans.sections import PLAN_SECTIONS, PlanSection, plan_section_register

    plan_section_register(
        PlanSection(
            key="test.section",
            title="Bijeenkomsten voor dit plan",
            template="plans/panels/plans.html",
            context=lambda actor, shown: {"plans": [shown]},
        )
    )
    try:
        page = client_for(world.member).get(
            url("plan_detail", world.team, participation_plan_id=plan.pk)
        )
    finally:
        PLAN_SECTIONS._panels.pop("test.section")
    assert "Bijeenkomsten voor dit plan" in page.content.decode()
