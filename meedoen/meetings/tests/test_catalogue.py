"""The default checklist covers every item of the seed's three checklists, every other piece of
the seed's advice is a tip, and roles, scenarios and programme hints are complete. No database.
"""

from __future__ import annotations

import pytest
from django.utils.functional import Promise

from meedoen.meetings.catalogue import (
    DEFAULT_CHECKLIST,
    DEFAULT_MATERIALS,
    DEFAULT_SCENARIOS,
    DEFAULT_TIPS,
    OUTREACH_KINDS,
    PHASE_NAMES,
    PHASES,
    PROGRAMME_HINTS,
    ROLES,
    SOCIAL_MOMENTS,
    TOPICS,
    checklist_item,
    role_info,
    tips_for,
)

# The seed's three CHECKLIST boxes, item by item as they appear in the seed, held here as our own
# data independent of the catalogue: phase -> {Dutch item text: template key}.
SEED_CHECKLISTS: dict[str, dict[str, str]] = {
    "prepare": {
        "Datum geprikt": "date_set",
        "Locatie zelf bezocht en gecontroleerd op toegankelijkheid": "venue_visited",
        "Locatie bepaald en bevestigd, inclusief eventuele benodigde techniek.": "venue_confirmed",
        "Parkeerplaatsen geregeld": "parking_arranged",
        "Catering geregeld": "catering_arranged",
        "Deelnemers bepaald en uitgenodigd": "invitations_sent",
        "Waar nodig gesprek(ken) gevoerd met inwoners ter voorbereiding": "preparatory_talks_held",
        "Groepsindeling gemaakt": "groups_made",
        "Materialen voor werkvormen geregeld": "work_form_materials_arranged",
        "Drukwerk besteld": "print_ordered",
        "Promotiematerialen geregeld (roll up banner, pennen, enzovoort)": (
            "promotion_materials_arranged"
        ),
        "Programma definitief": "programme_final",
        "(Optioneel) fotograaf geregeld": "photographer_arranged",
    },
    "meeting": {
        "Scenario's besproken: wat kan misgaan en wat doen we als dat gebeurt?": (
            "scenarios_discussed"
        ),
        "Tijdstip aanwezigheid team bepaald": "team_arrival_time_set",
        "Rolverdeling team afgesproken en doorgenomen": "roles_agreed",
        "(Voldoende) promotiemateriaal aanwezig": "promotion_materials_present",
        "Locatie en opstelling gecontroleerd": "venue_setup_checked",
        "Catering gecontroleerd": "catering_checked",
        "Naamkaartjes klaargelegd": "badges_printed",
        "Presentatie, beamer en microfoon gereed én getest": "av_tested",
        "Materialen workshop klaargelegd": "work_form_materials_laid_out",
        "Tipkaarten klaargelegd": "tip_cards_laid_out",
    },
    "afterwards": {
        "Bedankmail en presentatie (optioneel) verstuurd": "thanks_sent",
        "Evaluatie met het team uitgevoerd en geleerde lessen genoteerd voor een volgende "
        "bijeenkomst": "evaluation_done",
        "Publiciteit uitgevoerd (bericht op social media en/of website)": "publicity_done",
    },
}

# Items we add to the seed's checklists; the optional ones are marked.
EXTRA_ITEMS: dict[str, bool] = {
    "registration_open": False,
    "reminders_sent": False,
    "presentation_shared": True,  # the "(optioneel)" presentation of the seed's thank-you item
}

OPTIONAL_KEYS: set[str] = {"photographer_arranged", "presentation_shared"}

# Keys other rooms tick automatically: key -> (phase, due days or None when not fixed).
STABLE_KEYS: dict[str, tuple[str, int | None]] = {
    "invitations_sent": ("prepare", None),
    "reminders_sent": ("prepare", -7),
    "groups_made": ("prepare", None),
    "badges_printed": ("meeting", -1),
    "thanks_sent": ("afterwards", 2),
    "evaluation_done": ("afterwards", 14),
    "publicity_done": ("afterwards", None),
}

SUGGESTED_DUE_DAYS: dict[str, int] = {
    "date_set": -56,
    "venue_visited": -42,
    "venue_confirmed": -35,
    "invitations_sent": -28,
    "catering_arranged": -14,
    "reminders_sent": -7,
    "groups_made": -3,
    "programme_final": -7,
    "badges_printed": -1,
    "venue_setup_checked": 0,
    "catering_checked": 0,
    "av_tested": 0,
    "tip_cards_laid_out": 0,
    "thanks_sent": 2,
    "evaluation_done": 14,
    "publicity_done": 7,
}

# The seed's other advice, per step: the bullets and the TIPS box, as short Dutch phrases ->
# the tip (or, where the advice is a checklist item, the checklist item) that carries it.
SEED_ADVICE: dict[str, dict[str, str]] = {
    "prepare": {
        "Bedenk wie je op welke manier wilt betrekken (samen of apart)": "who_and_how",
        "Bouw aan relaties en netwerk, wees zichtbaar in de wijk": "be_visible",
        "Plan en communiceer de datum": "announce_date",
        "Kies een informele locatie middenin de wijk": "informal_central_venue",
        "Bepaal hoe je uitnodigt en hoe mensen zich aanmelden": "choose_invitation_approach",
        "Aanmeldproces: digitaal formulier en/of persoonlijk": "registration_routes",
        "Nodig persoonlijk uit, vertel de meerwaarde (markt, lunch)": "invite_in_person",
        "Vind sleutelfiguren en vraag ze mensen uit te nodigen": "key_figures_bring_people",
        "Verbind een sociaal moment aan de bijeenkomst": "social_moment",
        "Groepsindeling vooraf voor kruisbestuiving": "mix_groups",
        "Breng de bijeenkomst steeds weer onder de aandacht": "keep_in_view",
        "TIP: verschillende communicatiemiddelen, digitaal en drukwerk, posters": "mix_channels",
        "TIP: informele ontmoeting, lunch of (buurt)borrel": "informal_encounter",
        "TIP: herinnering een week van tevoren": "send_reminder",
        "TIP: ruimte toegankelijk, checklist inclusieve bijeenkomst": "check_accessibility",
    },
    "meeting": {
        "Straal energie en enthousiasme uit": "show_energy",
        "Duidelijke rolverdeling, leid het proces niet de inhoud": "lead_process_not_content",
        "Mix van werkvormen die passen bij de aanwezigen": "mix_work_forms",
        "Ruimte voor 1-op-1 begeleiding": "offer_one_on_one_help",
        "Humor, er valt wat te lachen": "humour",
        "Halverwege en aan het einde: duidelijk, goed, tips?": "check_in_midway_and_end",
        "Vraag wie wil meedoen met het vervolg": "ask_who_joins_next",
        "Ruimte voor informele gesprekken tussen deelnemers": "informal_time",
        "Eindig met samenvatting en vervolgstappen": "close_with_summary",
        "Bedank alle deelnemers": "thank_everyone",
        "TIP: toon en taal afstemmen, samen met sleutelfiguur of sociaal werker": (
            "match_tone_and_language"
        ),
        "TIP: eerlijk over wat inwoners kunnen verwachten": "honest_expectations",
        "TIP: interactieve werkvormen (Liberating Structures)": "interactive_work_forms",
        "TIP: kaartjes en pennen voor tips": "tip_cards_laid_out",
        "TIP: naambadges voor de deelnemers": "badges_printed",
        "TIP: draag zelf een naambadge": "wear_your_badge",
        "TIP: verslag voor publiciteit": "write_report",
    },
    "afterwards": {
        "Bedank nogmaals per mail": "thanks_sent",
        "Nodig nog een keer uit voor feedback, tips en wensen": "invite_feedback",
        "Analisten weten hoe ze opbrengst vertalen naar acties en besluiten": "prepare_analysis",
        "Betrek inwoners bij analyse en vervolgstappen": "involve_residents_in_analysis",
        "Informeer iedereen periodiek over vervolgstappen": "report_back_regularly",
        "Kom afspraken na, blijf betrekken en informeren": "keep_promises",
        "Evalueer met je team, noteer geleerde lessen": "evaluation_done",
        "TIP: stuur een bedankmail": "thanks_sent",
        "TIP: zeggen wat je doet en doen wat je zegt": "keep_promises",
    },
}

EIGHT_RISKS: set[str] = {
    "too_few_people",
    "too_many_people",
    "speaker_absent",
    "chair_absent",
    "technology_fails",
    "heated_discussion",
    "needs_help_joining_in",
    "language_barrier",
}


def _nonempty(text: str | Promise) -> bool:
    return bool(str(text).strip())


# --- Phases and topics -------------------------------------------------------------------------


def test_phases_and_their_names() -> None:
    assert PHASES == ("prepare", "meeting", "afterwards")
    assert set(PHASE_NAMES) == set(PHASES)
    assert all(_nonempty(name) for name in PHASE_NAMES.values())
    assert len(TOPICS) == len(set(TOPICS)) == 12


# --- The checklist template --------------------------------------------------------------------


def test_every_seed_checklist_item_maps_to_exactly_one_template_item_in_its_phase() -> None:
    seed_keys: list[str] = []
    for phase, items in SEED_CHECKLISTS.items():
        for text, key in items.items():
            assert checklist_item(key).phase == phase, text
            seed_keys.append(key)
    assert len(seed_keys) == 13 + 10 + 3
    assert len(seed_keys) == len(set(seed_keys))  # one template item per seed item


def test_template_holds_the_seed_items_plus_only_the_known_extras() -> None:
    keys = {item.key for item in DEFAULT_CHECKLIST}
    seed_keys = {key for items in SEED_CHECKLISTS.values() for key in items.values()}
    assert keys == seed_keys | set(EXTRA_ITEMS)


def test_checklist_keys_are_unique_and_snake_case() -> None:
    keys = [item.key for item in DEFAULT_CHECKLIST]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert key.isidentifier() and key == key.lower(), key


def test_required_stable_keys_have_their_phase_and_due_days() -> None:
    for key, (phase, due_days) in STABLE_KEYS.items():
        item = checklist_item(key)
        assert item.phase == phase, key
        assert not item.optional, key
        if due_days is not None:
            assert item.due_days == due_days, key


def test_suggested_due_days() -> None:
    for key, due_days in SUGGESTED_DUE_DAYS.items():
        assert checklist_item(key).due_days == due_days, key


def test_due_days_fit_the_phase() -> None:
    for item in DEFAULT_CHECKLIST:
        if item.phase == "prepare":
            assert item.due_days < 0, item.key
        elif item.phase == "meeting":
            assert -7 <= item.due_days <= 0, item.key
        else:
            assert item.due_days > 0, item.key


def test_optional_items_are_exactly_the_seeds_optional_ones() -> None:
    assert {item.key for item in DEFAULT_CHECKLIST if item.optional} == OPTIONAL_KEYS
    for phase_items in SEED_CHECKLISTS.values():
        for text, key in phase_items.items():
            if text.startswith("(Optioneel)"):
                assert checklist_item(key).optional, key
    for key, optional in EXTRA_ITEMS.items():
        assert checklist_item(key).optional is optional, key


def test_checklist_items_have_phase_topic_and_texts() -> None:
    for item in DEFAULT_CHECKLIST:
        assert item.phase in PHASES, item.key
        assert item.topic in TOPICS, item.key
        assert _nonempty(item.title), item.key
        assert _nonempty(item.help), item.key


def test_checklist_item_rejects_unknown_keys() -> None:
    for item in DEFAULT_CHECKLIST:
        assert checklist_item(item.key) is item
    with pytest.raises(KeyError):
        checklist_item("invitation_sent")
    with pytest.raises(KeyError):
        checklist_item("")


# --- Tips --------------------------------------------------------------------------------------


def test_every_piece_of_seed_advice_is_a_tip_or_a_checklist_item_in_its_phase() -> None:
    tips = {tip.key: tip for tip in DEFAULT_TIPS}
    checklist_keys = {item.key for item in DEFAULT_CHECKLIST}
    used: set[str] = set()
    for phase, advice in SEED_ADVICE.items():
        for phrase, key in advice.items():
            assert key in tips or key in checklist_keys, phrase
            if key in tips:
                assert tips[key].phase == phase, phrase
                used.add(key)
            else:
                assert checklist_item(key).phase in PHASES, phrase
    # no tip without a piece of seed advice behind it
    assert used == set(tips)


def test_tips_are_unique_and_filled_in() -> None:
    keys = [tip.key for tip in DEFAULT_TIPS]
    assert len(keys) == len(set(keys))
    assert not set(keys) & {item.key for item in DEFAULT_CHECKLIST}
    for tip in DEFAULT_TIPS:
        assert tip.phase in PHASES, tip.key
        assert tip.topic in TOPICS, tip.key
        assert _nonempty(tip.text), tip.key


def test_tips_where_the_issue_expects_them() -> None:
    for phase in PHASES:
        assert tips_for(phase=phase), phase
    for topic in ("venue", "invitations", "programme"):
        assert tips_for(topic=topic), topic
    assert {tip.key for tip in tips_for(topic="venue")} >= {"check_accessibility"}
    assert {tip.key for tip in tips_for(topic="invitations")} >= {"send_reminder"}
    assert {tip.key for tip in tips_for(topic="programme")} >= {"humour", "informal_time"}
    liberating = [tip for tip in DEFAULT_TIPS if "Liberating Structures" in str(tip.text)]
    assert [tip.key for tip in liberating] == ["interactive_work_forms"]


def test_tips_for_filters_and_rejects_unknown_phase_or_topic() -> None:
    assert tips_for() == list(DEFAULT_TIPS)
    both = tips_for(phase="meeting", topic="programme")
    assert both and all(t.phase == "meeting" and t.topic == "programme" for t in both)
    with pytest.raises(KeyError):
        tips_for(phase="during")
    with pytest.raises(KeyError):
        tips_for(topic="location")


# --- Roles -------------------------------------------------------------------------------------


def test_roles() -> None:
    keys = [role.key for role in ROLES]
    assert len(keys) == len(set(keys))
    assert {role.key for role in ROLES if role.required} == {"chair", "timekeeper", "note_taker"}
    assert {role.key for role in ROLES if not role.required} == {
        "host",
        "photographer",
        "one_on_one_support",
        "co_facilitator",
    }
    for role in ROLES:
        assert role_info(role.key) is role
        assert _nonempty(role.name) and _nonempty(role.description), role.key
    with pytest.raises(KeyError):
        role_info("chairman")


# --- Scenarios, outreach, materials, social moments ------------------------------------------


def test_scenarios_cover_the_eight_risks() -> None:
    keys = [scenario.key for scenario in DEFAULT_SCENARIOS]
    assert len(keys) == len(set(keys))
    assert set(keys) >= EIGHT_RISKS
    for scenario in DEFAULT_SCENARIOS:
        assert _nonempty(scenario.risk) and _nonempty(scenario.response), scenario.key


def test_outreach_kinds() -> None:
    keys = [kind.key for kind in OUTREACH_KINDS]
    assert len(keys) == len(set(keys)) == 11
    for kind in OUTREACH_KINDS:
        assert _nonempty(kind.name) and _nonempty(kind.hint), kind.key


def test_materials() -> None:
    keys = [material.key for material in DEFAULT_MATERIALS]
    assert len(keys) == len(set(keys))
    assert {"printed_matter", "promotion_materials", "name_badges", "tip_cards"} <= set(keys)
    for material in DEFAULT_MATERIALS:
        assert material.phase in PHASES, material.key
        assert _nonempty(material.name), material.key


def test_social_moments() -> None:
    assert [key for key, _label in SOCIAL_MOMENTS] == [
        "none",
        "coffee",
        "lunch",
        "drinks",
        "dinner",
    ]
    assert all(_nonempty(label) for _key, label in SOCIAL_MOMENTS)


# --- Programme hints ---------------------------------------------------------------------------


def test_programme_hints_have_exactly_the_listed_keys() -> None:
    assert set(PROGRAMME_HINTS) == {
        "no_informal_time",
        "no_midway_check",
        "no_closing_check",
        "no_summary",
        "one_kind_of_work_form",
        "too_long",
        "too_short",
    }
    assert all(_nonempty(hint) for hint in PROGRAMME_HINTS.values())
