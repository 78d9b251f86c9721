"""The plain-language (B1) check as a pure function: the scores against the formulas applied
here to pyphen's own counts, long sentences, rare words and how a text is cut up."""

import re

import pyphen
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meedoen.messaging.readability import (
    UnsupportedLanguage,
    language_code,
    readability_check,
    text_segments,
)

# Fixed texts: plain words only (no numbers, hyphens or abbreviations), so the expected counts
# can be made here independently, with a plain regular expression and pyphen.
DUTCH = (
    "Wij willen graag weten wat u van uw buurt vindt. Wat gaat goed? Wat kan beter? "
    "Kom op dinsdag naar het café in het buurthuis, want daar praten we met elkaar over de "
    "speeltuin, de bankjes en het groen! Geïnteresseerde buren zijn ook welkom."
)
ENGLISH = (
    "We want to hear what you think of your street. Come to the community centre on "
    "Tuesday evening, where we talk about the playground, the benches and the trees! "
    "Is there something you would like to change? Neighbours are welcome too."
)
FORTY_WORDS = (
    "Omdat de gemeente samen met de woningcorporatie en het wijkteam in het voorjaar wil "
    "beginnen met het opknappen van het plein achter de school willen wij graag met alle "
    "bewoners van de straat praten over wat zij echt belangrijk vinden."
)
PLAIN_B1 = (
    "Wij willen weten wat u van het plein vindt. Wat gaat goed? Wat kan beter? "
    "Kom op dinsdag naar het buurthuis. We drinken koffie en praten met elkaar. "
    "U hoeft niets voor te bereiden. Neem gerust een buur mee."
)
DENSE_OFFICIAL = (
    "Teneinde uitvoering te geven aan de gemeentelijke beleidsvoornemens inzake de "
    "herinrichting van de openbare ruimte, alsmede ter bevordering van de maatschappelijke "
    "participatie van belanghebbenden, organiseert het wijkteam een informatiebijeenkomst, "
    "waarbij de mogelijkheid wordt geboden tot het inbrengen van zienswijzen omtrent de "
    "voorgenomen herstructureringsmaatregelen. Deelname geschiedt op basis van voorafgaande "
    "aanmelding, conform de daartoe vastgestelde procedurele voorschriften."
)


def _expected(text: str, pyphen_language: str, sentence_weight: float, word_weight: float):
    dic = pyphen.Pyphen(lang=pyphen_language)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    words = re.findall(r"[^\W\d_]+", text)
    syllables = sum(len(dic.positions(word)) + 1 for word in words)
    score = 206.835 - sentence_weight * len(words) / len(sentences)
    score -= word_weight * syllables / len(words)
    return len(words), len(sentences), syllables, score


@pytest.mark.parametrize(
    ("text", "language", "pyphen_language", "sentence_weight", "word_weight"),
    [
        (DUTCH, "nl", "nl_NL", 0.93, 77.0),
        (ENGLISH, "en", "en_US", 1.015, 84.6),
    ],
    ids=["flesch-douma", "flesch"],
)
def test_the_score_is_the_formula_over_pyphens_counts(
    text, language, pyphen_language, sentence_weight, word_weight
):
    words, sentences, syllables, score = _expected(
        text, pyphen_language, sentence_weight, word_weight
    )
    report = readability_check(text, language=language)
    assert (report.words, report.sentences, report.syllables) == (words, sentences, syllables)
    assert report.score == pytest.approx(score)
    assert report.average_sentence_length == pytest.approx(words / sentences)
    assert report.language == language


def test_dutch_and_english_weigh_the_same_text_differently():
    dutch = readability_check(ENGLISH, language="nl")
    english = readability_check(ENGLISH, language="en")
    assert dutch.score != pytest.approx(english.score)


def test_a_sentence_of_forty_words_is_flagged_with_its_place_in_the_text():
    text = "Kom ook. " + FORTY_WORDS + " Dank u wel."
    report = readability_check(text, language="nl")
    assert report.sentences == 3
    [long] = report.long_sentences
    assert long.words == 40
    assert long.text == FORTY_WORDS
    assert text[long.start : long.end] == FORTY_WORDS
    assert not readability_check(FORTY_WORDS, language="nl").suitable_for_b1


def test_fifteen_words_is_not_long_and_sixteen_is():
    fifteen = " ".join(["buren"] * 15) + "."
    sixteen = " ".join(["buren"] * 16) + "."
    assert readability_check(fifteen, language="nl").long_sentences == ()
    assert [s.words for s in readability_check(sixteen, language="nl").long_sentences] == [16]


def test_a_plain_b1_text_passes():
    report = readability_check(PLAIN_B1, language="nl")
    assert report.score >= 65
    assert report.average_sentence_length <= 15
    assert report.long_sentences == ()
    assert report.suitable_for_b1


def test_a_dense_official_text_does_not_pass():
    report = readability_check(DENSE_OFFICIAL, language="nl")
    assert report.score < 65
    assert report.average_sentence_length > 15
    assert [s.words for s in report.long_sentences] == [43]
    assert not report.suitable_for_b1
    assert {"herstructureringsmaatregelen", "zienswijzen"} <= set(report.rare_words)


def test_short_sentences_of_long_words_do_not_pass_on_sentence_length_alone():
    text = "Herstructureringsmaatregelen. Beleidsvoornemens. Informatiebijeenkomsten."
    report = readability_check(text, language="nl")
    assert report.average_sentence_length == 1
    assert report.score < 65
    assert not report.suitable_for_b1


@pytest.mark.parametrize("text", ["", "   ", "\n\n \r\n", "12 34 19.30 3,50", "- 1.\n- 2.", "…?!"])
def test_a_text_without_words_has_nothing_to_score(text):
    report = readability_check(text, language="nl")
    assert not report.has_text
    assert report.score is None
    assert report.average_sentence_length is None
    assert (report.words, report.sentences, report.syllables) == (0, 0, 0)
    assert report.long_sentences == ()
    assert report.rare_words == ()
    assert not report.suitable_for_b1


def _sentences(text: str, language: str = "nl") -> int:
    return readability_check(text, language=language).sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Er is bijv. koffie. Dhr. Jansen komt ook.", 2),
        ("We praten o.a. over het plein, d.w.z. de bankjes. Mevr. De Boer is er.", 2),
        ("Zaal nr. 3 is open. Er komen ca. twintig mensen.", 2),
        ("We beginnen om 19.30 uur. Het eindigt om 21.00 uur.", 2),
        ("Het kost 3.50 euro of 2,75 euro. Dat is alles.", 2),
        ("Wacht… we gaan bijna beginnen. En dan... Nu!", 3),
        ("Kom je ook? Ja! Fijn.", 3),
        ("J. de Vries komt ook.", 1),
        ("Koffie, thee, fruit enz. Alles is gratis.", 2),
        ("Kijk op www.meedoen.nl. Mail naar info@noord.nl of zie meedoen.nl/noord.", 2),
        ("Neem mee:\n- een pen\n- iets te drinken\nTot dan", 4),
        ("Eerste regel\r\nTweede regel\r\n\r\nDerde regel.", 3),
    ],
)
def test_sentences_are_split_where_a_reader_stops(text, sentences):
    assert _sentences(text) == sentences


def test_english_abbreviations_do_not_end_a_sentence():
    assert _sentences("Bring something, e.g. a cake. Mr. Smith is there.", "en") == 2


def test_known_abbreviations_count_as_what_a_reader_says():
    nl = pyphen.Pyphen(lang="nl_NL")
    report = readability_check("Er is bijv. koffie.", language="nl")
    spoken = ["er", "is", "bijvoorbeeld", "koffie"]
    assert report.words == 4
    assert report.syllables == sum(len(nl.positions(w)) + 1 for w in spoken)
    assert readability_check("Dat is d.w.z. fijn.", language="nl").words == 6


def test_numbers_and_addresses_are_not_words():
    report = readability_check("Op 12 maart om 19.30 uur via www.meedoen.nl.", language="nl")
    assert report.words == 5  # op, maart, om, uur, via


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("_" * 20_000, 0),
        ("-" * 20_000, 0),
        ("a." * 10_000, 1),  # the dotted abbreviation and the words around it, not a domain
        ("-." * 10_000, 0),
        ("Kijk op www." + "buurt." * 3_000 + "nl/" + "a/" * 3_000 + " vandaag.", 3),
        ("Mail " + "a." * 5_000 + "x@buurt.nl of bel.", 3),
    ],
    ids=["underscores", "hyphens", "dotted", "dot-hyphen", "long-url", "long-email"],
)
def test_long_runs_without_an_address_or_with_a_long_one_are_handled(text, words):
    """Such runs used to be tried as an email or domain from every position (seconds per
    check); the result is the same, and now it is quick (a figure for the benchmark)."""
    assert readability_check(text, language="nl").words == words


def test_placeholders_of_message_templates_are_not_words():
    report = readability_check("Beste {name},\nOp {date} is {meeting}. Kom ook!", language="nl")
    assert report.words == 5  # beste, op, is, kom, ook
    assert report.sentences == 3
    assert report.rare_words == ()


def test_words_with_apostrophes_diacritics_and_hyphens_are_one_word():
    nl = pyphen.Pyphen(lang="nl_NL")
    report = readability_check("Zo'n auto's, café en ĳs in de buurt-app.", language="nl")
    assert report.words == 8
    parts = ["zo'n", "auto's", "café", "en", "ijs", "in", "de", "buurt", "app"]
    assert report.syllables == sum(len(nl.positions(w)) + 1 for w in parts)


def test_rare_words_are_lower_case_sorted_unique_and_skip_names_and_numbers():
    text = (
        "Zienswijzen zijn welkom. Wij vragen Jansen om zienswijzen over de "
        "herstructureringsmaatregelen en 2026."
    )
    report = readability_check(text, language="nl")
    assert report.rare_words == ("herstructureringsmaatregelen", "zienswijzen")


def test_common_words_are_not_rare():
    assert readability_check(PLAIN_B1, language="nl").rare_words == ()
    assert readability_check(ENGLISH, language="en").rare_words == ()


@pytest.mark.parametrize(("code", "language"), [("nl", "nl"), ("nl-NL", "nl"), ("en_GB", "en")])
def test_language_codes_are_reduced_to_the_language(code, language):
    assert language_code(code) == language
    assert readability_check("Kom ook.", language=code).language == language


@pytest.mark.parametrize("code", ["de", "tr", "", None])
def test_other_languages_are_refused(code):
    with pytest.raises(UnsupportedLanguage):
        language_code(code)


def test_the_segments_are_the_whole_text_with_the_long_sentences_marked():
    text = "Kom ook.\n" + FORTY_WORDS + "\nDank u wel."
    report = readability_check(text, language="nl")
    segments = text_segments(text, report)
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.long] == [FORTY_WORDS]
    assert text_segments("Kom ook.", readability_check("Kom ook.", language="nl")) == [
        type(segments[0])(text="Kom ook.", long=False)
    ]


_PIECES = st.sampled_from(
    ["Kom", "buurt", "zo'n", "e-mail", "ĳs", "é", "19.30", "3,5", "bijv.", "o.a.", "Dhr.",
     "www.x.nl", ".", "...", "…", "!", "?", " ", "  ", "\n", "\r\n", "- ", "•", "<b>", "'", "-"]
)  # fmt: skip


@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join))
def test_any_text_gives_a_consistent_report(text):
    report = readability_check(text, language="nl")
    assert report.words >= report.sentences >= 0
    assert (report.score is None) == (report.words == 0)
    for sentence in report.long_sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.words > 15
    assert "".join(s.text for s in text_segments(text, report)) == text
    assert list(report.rare_words) == sorted(set(report.rare_words))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("form_of_address", ["u", "je"])
def test_every_built_in_message_text_is_plain_language(language, form_of_address):
    """We ask staff to write at B1; our own texts for residents meet the same bar."""
    from django.utils import translation

    from meedoen.messaging.texts import DEFAULT_TEXTS, default_text

    with translation.override(language):
        for kind in DEFAULT_TEXTS:
            _, body = default_text(kind, form_of_address=form_of_address)
            report = readability_check(body, language=language)
            assert report.suitable_for_b1, (kind, report.score, report.average_sentence_length)
            assert not report.long_sentences, (kind, report.long_sentences)
