"""The seeded catalogue covers every method of the seed's table on the right rung(s), and the
ladder has all six rungs in order. No database needed."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation
from django.utils.functional import Promise

from meedoen.plans.catalogue import (
    LADDER,
    LADDER_NOTE,
    METHODS,
    REFERENCES,
    REFERENCES_TIP,
    RUNG_KEYS,
    MethodInfo,
    method_info,
    methods_for_rung,
    rung_info,
)

# The seed's table "Participatievormen en methodieken", read column by column (corrected for
# the PDF extraction). Held here as our own data, independent of the catalogue: rung -> Dutch
# method names. A method listed in several columns is one method on several rungs.
SEED_TABLE: dict[str, list[str]] = {
    "inform": [
        "Nieuwsbrief",
        "Updates via social media",
        "Informatieavond in de wijk of regio",
        "Podcast",
        "Webinar",
        "Spontane gesprekken in de wijk",
        "Flyer",
    ],
    "consult": [
        "Interviews",
        "Vragenlijst (online of face-to-face)",
        "Focusgroep",
        "Inloopspreekuur",
        "Brainstorm",
        "Spontane gesprekken in de wijk",
        "Poll op social media",
        "Groeps- of themabijeenkomst",
        "Ideeënbus",
    ],
    "advise": [
        "Klankbord- of spiegelgroep",
        "Inwonerspanel",
        "Adviesgesprekken in de wijk",
        "Spontane gesprekken in de wijk",
        "Georganiseerde denktank",
        "Wereldcafé",
        "Versnellingskamer",
        "Ideeënbus",
    ],
    "coproduce": [
        "Co-creatieworkshop",
        "Versnellingskamer",
        "Ontwerp- of werkatelier",
        "Lusten en lasten",
        "Klankbord- of spiegelgroep",
    ],
    "codecide": [
        "Inwoners aan de bestuurstafel",
    ],
    "citizen_led": [
        "Inwonersinitiatief",
        "Projectleiding door inwoners",
    ],
}

# The stable keys the plans room relies on, per Dutch name.
SEED_KEYS: dict[str, str] = {
    "Nieuwsbrief": "newsletter",
    "Updates via social media": "social-media-updates",
    "Informatieavond in de wijk of regio": "information-evening",
    "Podcast": "podcast",
    "Webinar": "webinar",
    "Spontane gesprekken in de wijk": "spontaneous-conversations",
    "Flyer": "flyer",
    "Interviews": "interviews",
    "Vragenlijst (online of face-to-face)": "questionnaire",
    "Focusgroep": "focus-group",
    "Inloopspreekuur": "walk-in-hour",
    "Brainstorm": "brainstorm",
    "Poll op social media": "social-media-poll",
    "Groeps- of themabijeenkomst": "theme-meeting",
    "Ideeënbus": "idea-box",
    "Klankbord- of spiegelgroep": "sounding-board",
    "Inwonerspanel": "residents-panel",
    "Adviesgesprekken in de wijk": "advice-conversations",
    "Georganiseerde denktank": "think-tank",
    "Wereldcafé": "world-cafe",
    "Versnellingskamer": "acceleration-room",
    "Co-creatieworkshop": "co-creation-workshop",
    "Ontwerp- of werkatelier": "design-studio",
    "Lusten en lasten": "benefits-and-burdens",
    "Inwoners aan de bestuurstafel": "administrators-tables",
    "Inwonersinitiatief": "residents-initiative",
    "Projectleiding door inwoners": "resident-led-project",
}

MULTI_RUNG: dict[str, set[str]] = {
    "spontaneous-conversations": {"inform", "consult", "advise"},
    "idea-box": {"consult", "advise"},
    "acceleration-room": {"advise", "coproduce"},
    "sounding-board": {"advise", "coproduce"},
}


def _expected_rungs() -> dict[str, set[str]]:
    """Method key -> the rungs where the seed's table lists it."""
    expected: dict[str, set[str]] = {}
    for rung, names in SEED_TABLE.items():
        for name in names:
            expected.setdefault(SEED_KEYS[name], set()).add(rung)
    return expected


def _texts(method: MethodInfo) -> list[str | Promise]:
    return [
        method.description,
        method.group_size,
        method.duration,
        method.preparation,
        method.good_for,
    ]


# --- The ladder ------------------------------------------------------------------------------


def test_six_rungs_in_ladder_order() -> None:
    assert RUNG_KEYS == ("inform", "consult", "advise", "coproduce", "codecide", "citizen_led")
    assert tuple(rung.key for rung in LADDER) == RUNG_KEYS
    assert [rung.order for rung in LADDER] == [1, 2, 3, 4, 5, 6]
    assert set(SEED_TABLE) == set(RUNG_KEYS)


def test_every_rung_has_name_summary_and_explanation() -> None:
    for rung in LADDER:
        assert str(rung.name).strip()
        assert str(rung.summary).strip()
        explanation = str(rung.explanation)
        assert explanation.count(". ") >= 1, rung.key  # a few sentences, not a label


def test_rung_info_looks_up_and_rejects_unknown_keys() -> None:
    for rung in LADDER:
        assert rung_info(rung.key) is rung
    with pytest.raises(KeyError):
        rung_info("participate")
    with pytest.raises(KeyError):
        rung_info("")


def test_ladder_note_is_there() -> None:
    assert str(LADDER_NOTE).strip()


# --- The methods catalogue ---------------------------------------------------------------------


def test_catalogue_covers_every_seed_method_on_exactly_the_right_rungs() -> None:
    expected = _expected_rungs()
    assert len(expected) == 27
    for key, rungs in expected.items():
        method = method_info(key)
        assert set(method.rungs) == rungs, key
        assert len(method.rungs) == len(set(method.rungs)), key
    # nothing in the catalogue that the seed's table does not have
    assert {method.key for method in METHODS} == set(expected)


def test_methods_keep_their_dutch_names() -> None:
    for name, key in SEED_KEYS.items():
        assert method_info(key).name == name


def test_methods_on_several_rungs_are_one_method() -> None:
    for key, rungs in MULTI_RUNG.items():
        assert set(method_info(key).rungs) == rungs
        assert sum(1 for method in METHODS if method.key == key) == 1
    assert {m.key for m in METHODS if len(m.rungs) > 1} == set(MULTI_RUNG)


@pytest.mark.parametrize("rung", RUNG_KEYS)
def test_methods_for_rung_matches_the_seed_column(rung: str) -> None:
    keys = [method.key for method in methods_for_rung(rung)]
    assert len(keys) == len(set(keys))
    assert set(keys) == {SEED_KEYS[name] for name in SEED_TABLE[rung]}


def test_methods_for_rung_rejects_unknown_rung() -> None:
    with pytest.raises(KeyError):
        methods_for_rung("decide")


def test_keys_are_unique_slugs_and_rungs_are_known() -> None:
    keys = [method.key for method in METHODS]
    assert len(keys) == len(set(keys))
    names = [method.name for method in METHODS]
    assert len(names) == len(set(names))
    for method in METHODS:
        assert method.key == method.key.lower().strip()
        assert " " not in method.key
        assert method.rungs, method.key
        assert set(method.rungs) <= set(RUNG_KEYS), method.key
        # rungs listed bottom to top
        assert list(method.rungs) == sorted(method.rungs, key=RUNG_KEYS.index), method.key


def test_every_method_has_all_practical_texts() -> None:
    for method in METHODS:
        assert method.name.strip()
        for text in _texts(method):
            assert str(text).strip(), method.key


def test_method_info_rejects_unknown_keys() -> None:
    assert method_info("world-cafe").name == "Wereldcafé"
    with pytest.raises(KeyError):
        method_info("open-space")
    with pytest.raises(KeyError):
        method_info("Wereldcafé")  # names are not keys


def test_catalogue_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        METHODS[0].name = "Iets anders"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        LADDER[0].order = 9  # type: ignore[misc]


def test_texts_render_in_dutch_without_errors() -> None:
    with translation.override("nl"):
        for rung in LADDER:
            assert str(rung.name) and str(rung.explanation)
        for method in METHODS:
            for text in _texts(method):
                assert str(text)
        assert str(LADDER_NOTE) and str(REFERENCES_TIP)


# --- References --------------------------------------------------------------------------------


def test_references_point_to_liberating_structures() -> None:
    assert ("Liberating Structures", "https://www.liberatingstructures.com/") in REFERENCES
    for name, url in REFERENCES:
        assert name.strip()
        assert url.startswith("https://")
    assert "Liberating Structures" in str(REFERENCES_TIP)
