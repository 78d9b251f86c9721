"""The PDF and DOCX exports open, contain the whole plan (read back as text), keep names with
markup characters as typed, embed a font that has every glyph, and get a safe file name."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from meedoen.plans import services
from meedoen.plans.exports import plan_docx, plan_export_filename, plan_pdf
from meedoen.plans.models import Method, Ring, Rung, StakeholderKind
from meedoen.plans.selectors import PlanOverview, plan_overview

pytestmark = pytest.mark.django_db

MARKUP_NAME = "Zoë Özdemir-Ngô <b>&amp;</b> Łukasz"
NAMES = [
    MARKUP_NAME,
    "Stichting Ḥaddādī & Zonen",
    "Bewonersgroep De Vlinder",
    "GGD <Regio> Noord",
    "Huisartsenpraktijk Noord",
]
TEAM_METHOD = "Koffie & <taart> bij Łukasz"
INFORM_YIELD = "Iedereen in Noord weet wat er speelt, ook wie geen krant leest."
CONSULT_YIELD = "Vijftig ouderen vertellen wat gezond ouder worden voor hen betekent."


def _text(value: str) -> str:
    """Whitespace folded, so a name wrapped over two lines of a table cell still matches."""
    return " ".join(value.split())


@pytest.fixture
def overview(world) -> PlanOverview:
    actor = world.coordinator
    plan = services.plan_create(
        actor=actor,
        title="Gezond ouder worden in Noord",
        theme="gezond ouder worden",
        neighbourhoods=["Noord", "Oosterpark"],
        goal="Ouderen blijven langer gezond en thuis wonen.\nSamen met hun buren.",
        decision_at_stake="Welke activiteiten de gemeente in 2027 betaalt.",
        room_for_influence="Het budget ligt vast; de keuze van activiteiten niet.",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )
    rings = [Ring.HIGH, Ring.HIGH, Ring.MEDIUM, Ring.LOW, Ring.HIGH]
    kinds = [
        StakeholderKind.RESIDENT_GROUP,
        StakeholderKind.ORGANISATION,
        StakeholderKind.RESIDENT_GROUP,
        StakeholderKind.POLICY,
        StakeholderKind.PROFESSIONAL,
    ]
    # The last one is on a rung without a method: the plan gets coverage warnings.
    rungs = [Rung.CONSULT, Rung.INFORM, Rung.CONSULT, "", Rung.ADVISE]
    stakeholders = [
        services.stakeholder_create(
            actor=actor,
            plan=plan,
            name=name,
            ring=ring,
            kind=kind,
            rung=rung,
            contact_person="Ayşe Yılmaz" if kind == StakeholderKind.ORGANISATION else "",
            contribution="Kent de buurt <goed> & weet wie er alleen is.",
        )
        for name, ring, kind, rung in zip(NAMES, rings, kinds, rungs, strict=True)
    ]
    own = services.method_create(actor=actor, name=TEAM_METHOD, rungs=[Rung.CONSULT])
    newsletter = Method.objects.get(team=None, key="newsletter")
    services.rung_plan_set(
        actor=actor, plan=plan, rung=Rung.INFORM, methods=[newsletter], expected_yield=INFORM_YIELD
    )
    services.rung_plan_set(
        actor=actor, plan=plan, rung=Rung.CONSULT, methods=[own], expected_yield=CONSULT_YIELD
    )
    services.moment_create(
        actor=actor,
        plan=plan,
        what="Buurtlunch in het wijkcentrum",
        when="maart 2027",
        rung=Rung.CONSULT,
        method=own,
        stakeholders=stakeholders[:1],
    )
    return plan_overview(actor=actor, plan=plan)


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, _text("\n".join(page.extract_text() for page in reader.pages))


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return _text("\n".join(parts))


def test_pdf_holds_the_whole_plan(overview: PlanOverview) -> None:
    with translation.override("en"):
        data = plan_pdf(overview)

    assert data.startswith(b"%PDF-")
    reader, text = _pdf_text(data)
    assert len(reader.pages) >= 1
    for name in NAMES:  # escaped for reportlab's markup, so printed exactly as typed
        assert name in text
    assert "Ayşe Yılmaz" in text
    assert "Nieuwsbrief" in text
    assert TEAM_METHOD in text
    assert INFORM_YIELD in text
    assert CONSULT_YIELD in text
    assert "Buurtlunch in het wijkcentrum" in text
    assert "Step 1: the stakeholders" in text
    assert "Page 1" in text
    assert overview.warnings
    for warning in overview.warnings:
        assert _text(str(warning.message)) in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Gezond ouder worden in Noord"


def test_pdf_embeds_the_dejavu_font(overview: PlanOverview) -> None:
    reader = PdfReader(io.BytesIO(plan_pdf(overview)))

    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    base_fonts = {str(font["/BaseFont"]) for font in fonts}
    assert any("DejaVuSans" in name for name in base_fonts), base_fonts
    # Nothing falls back to a standard font (Helvetica) that lacks glyphs and is not embedded.
    assert all("DejaVuSans" in name for name in base_fonts), base_fonts
    assert all("/FontFile2" in font["/FontDescriptor"].get_object() for font in fonts)


def test_docx_holds_the_whole_plan(overview: PlanOverview) -> None:
    with translation.override("en"):
        data = plan_docx(overview)

    document = Document(io.BytesIO(data))
    text = _docx_text(data)
    for name in NAMES:
        assert name in text
    assert "Nieuwsbrief" in text
    assert TEAM_METHOD in text
    assert INFORM_YIELD in text
    assert CONSULT_YIELD in text
    assert "Buurtlunch in het wijkcentrum" in text
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Step 1: the stakeholders" in headings
    assert "Step 4: what each rung should yield" in headings
    assert any(p.style.name == "Heading 2" for p in document.paragraphs)
    assert document.core_properties.title == "Gezond ouder worden in Noord"
    first_table_with_header = document.tables[1]
    assert [c.text for c in first_table_with_header.rows[0].cells][0] == "Name"


def test_exports_say_when_a_plan_is_still_empty(world) -> None:
    plan = services.plan_create(
        actor=world.coordinator, title="Leeg plan", theme="eenzaamheid", goal="Nog uitzoeken."
    )
    overview = plan_overview(actor=world.coordinator, plan=plan)

    with translation.override("en"):
        pdf_text = _pdf_text(plan_pdf(overview))[1]
        docx_text = _docx_text(plan_docx(overview))

    for text in (pdf_text, docx_text):
        assert "No stakeholders yet." in text
        assert "No moments planned yet." in text
        assert "The plan has no residents or resident group at all." in text


def test_very_long_texts_flow_over_pages(world) -> None:
    """A 4,000-character contribution does not fit one table cell on one page: it continues."""
    plan = services.plan_create(
        actor=world.coordinator, title="Lang", theme="wonen", goal="woord " * 600
    )
    services.stakeholder_create(
        actor=world.coordinator, plan=plan, name="Huurdersvereniging", contribution="x" * 3990
    )
    services.rung_plan_set(
        actor=world.coordinator,
        plan=plan,
        rung=Rung.ADVISE,
        methods=[],
        expected_yield="opbrengst " * 390,
    )
    overview = plan_overview(actor=world.coordinator, plan=plan)

    reader, text = _pdf_text(plan_pdf(overview))
    plan_docx(overview)

    assert len(reader.pages) >= 3
    assert "Huurdersvereniging" in text


def test_export_filename_is_safe_ascii(world) -> None:
    plan = services.plan_create(
        actor=world.coordinator,
        title="Gezond ouder worden in Noord",
        theme="gezond ouder worden",
        goal="Gezond blijven.",
    )
    awkward = services.plan_create(
        actor=world.coordinator,
        title='Zoë & Łukasz: <b>"../../etc/passwd"</b> in Ḥaddādī\r\nNoord',
        theme="x",
        goal="x",
    )

    with translation.override("en"):
        assert (
            plan_export_filename(plan, "pdf")
            == "participation-plan-gezond-ouder-worden-in-noord.pdf"
        )
        name = plan_export_filename(awkward, ".DOCX")
    assert re.fullmatch(r"[a-z0-9-]+\.docx", name), name
    assert name.startswith("participation-plan-zoe-")
    with pytest.raises(ValueError):
        plan_export_filename(plan, "pdf/../x")
