import pytest
from hypothesis import given
from hypothesis import strategies as st

from meedoen.plans.matching import name_normalize, names_group, names_similar


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("GGD", "G.G.D."),
        ("Buurthuis De Ster", "buurthuis de ster "),
        ("Ouderenbond Noord", "Ouderenbond Nord"),
        ("Huisartsenpraktijk", "Huisartsenpratkijk"),
        ("Café Zoë", "cafe zoe"),
        ("Woningcorporatie Thuis", "Woningcorporatie  Thuis"),
        ("Jongerenwerk", "Jongeren werk"),
    ],
)
def test_the_same_stakeholder_written_differently(a, b):
    assert names_similar(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("GGD", "GGZ"),
        ("Wijkraad Noord", "Wijkraad Zuid"),
        ("Moskee", "Kerk"),
        ("", ""),
    ],
)
def test_different_stakeholders_stay_apart(a, b):
    assert not names_similar(a, b)


def test_normalize():
    assert name_normalize("  Stichting  Ḥaddādī & Zoë!  ") == "stichting haddadi zoe"


def test_groups_are_transitive_and_in_order():
    names = ["Buurthuis De Ster", "GGD", "buurthuis de ster", "G.G.D.", "Wijkraad"]
    assert names_group(names) == [[0, 2], [1, 3], [4]]


@given(st.lists(st.text(max_size=30), max_size=12))
def test_every_name_lands_in_exactly_one_group(names):
    groups = names_group(names)
    assert sorted(i for g in groups for i in g) == list(range(len(names)))


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_symmetric(a, b):
    assert names_similar(a, b) == names_similar(b, a)


@pytest.mark.parametrize(("a", "b"), [("Groep 1", "Groep 2"), ("School A", "School B")])
def test_a_short_differing_word_is_a_different_name(a, b):
    assert not names_similar(a, b)


def test_small_filler_words_do_not_make_a_new_name():
    assert names_similar("Ouderen in de Vogelbuurt", "ouderen vogelbuurt")
    assert names_similar("Buurthuis De Ster", "Buurthuis Ster")
