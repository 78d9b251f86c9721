"""The plain-language (B1) check: a reading score, sentence lengths and rare words of a text.

Pure Python over pyphen (syllables) and wordfreq (word frequency); no Django, no downloads.
The score is Flesch-Douma for Dutch and Flesch for English, computed here in a few lines:

    Dutch:   206.835 - 0.93  * words/sentences - 77   * syllables/words
    English: 206.835 - 1.015 * words/sentences - 84.6 * syllables/words

How a text is counted (decisions, so the numbers are explainable):

- A word is a run of letters (any script, so é, ë and ĳ count), with apostrophes inside
  ("zo'n", "auto's") and the Dutch "'s", "'t", "'n". Its syllables are pyphen's hyphenation
  positions + 1, looked up in its NFKC form (so "ĳ" is "ij").
- A hyphenated compound ("buurt-app", "e-mail") is one word; its syllables are the sum over its
  parts, because pyphen does not split at a hyphen it did not put there itself.
- Numbers, times, amounts and dates ("19.30", "3,50", "2026", "2e", "90-jarige") and web or
  e-mail addresses are not words: the formulas were made for words, and how long a number
  sounds differs per language. They never end a sentence. Neither are the placeholders of
  message templates ("{name}", "{meeting}"): what fills them in is not known yet.
- Known abbreviations ("bijv.", "o.a.", "d.w.z.", "dhr.", "e.g.") are counted as what a reader
  says ("bijvoorbeeld", "onder andere", ...), do not end a sentence, and are never "rare".
  An unknown dotted abbreviation ("n.a.v.") is one word with one syllable per letter.
- A sentence ends at ".", "!" or "?" followed by a space or the end of the line, at an ellipsis
  followed by a capital, and at every line break (a bullet or a line without end punctuation is
  its own sentence). A single capital letter with a dot is an initial ("J. de Vries").
- Rare words: Zipf frequency below 3.0 in the language, lower-case, sorted, unique. A word
  with a capital that does not start its sentence is taken for a name and skipped.
- The verdict "suitable for B1" needs a score of at least 65 and at most 15 words per sentence
  on average. It is an aid for the writer, not a judge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pyphen
import wordfreq

B1_MIN_SCORE = 65.0
B1_MAX_AVERAGE_SENTENCE_LENGTH = 15.0
LONG_SENTENCE_WORDS = 15
RARE_ZIPF = 3.0

SUPPORTED_LANGUAGES = ("nl", "en")
_PYPHEN_LANGUAGE = {"nl": "nl_NL", "en": "en_US"}
# (sentence-length weight, syllables-per-word weight) after 206.835
_WEIGHTS = {"nl": (0.93, 77.0), "en": (1.015, 84.6)}

# What a reader says for an abbreviation. Lower-case keys, with their dots.
_ABBREVIATIONS: dict[str, dict[str, str]] = {
    "nl": {
        "bijv.": "bijvoorbeeld",
        "bv.": "bijvoorbeeld",
        "o.a.": "onder andere",
        "d.w.z.": "dat wil zeggen",
        "dhr.": "meneer",
        "mevr.": "mevrouw",
        "mw.": "mevrouw",
        "nr.": "nummer",
        "ca.": "circa",
        "enz.": "enzovoort",
        "etc.": "etcetera",
        "e.d.": "en dergelijke",
        "evt.": "eventueel",
        "i.p.v.": "in plaats van",
        "m.b.t.": "met betrekking tot",
        "t.a.v.": "ter attentie van",
        "z.s.m.": "zo snel mogelijk",
        "a.s.": "aanstaande",
        "incl.": "inclusief",
        "excl.": "exclusief",
        "tel.": "telefoon",
        "blz.": "bladzijde",
        "max.": "maximaal",
        "min.": "minimaal",
        "resp.": "respectievelijk",
        "zgn.": "zogenaamd",
        "vnl.": "voornamelijk",
        "jl.": "jongstleden",
        "o.l.v.": "onder leiding van",
        "m.u.v.": "met uitzondering van",
    },
    "en": {
        "e.g.": "for example",
        "i.e.": "that is",
        "etc.": "et cetera",
        "mr.": "mister",
        "mrs.": "missus",
        "ms.": "miz",
        "dr.": "doctor",
        "no.": "number",
        "approx.": "approximately",
        "incl.": "including",
        "vs.": "versus",
        "tel.": "telephone",
        "st.": "street",
    },
}
# Abbreviations that often close a sentence: a capital after them starts a new one.
_MAY_END_SENTENCE = frozenset({"enz.", "etc.", "e.d."})

_LETTER = r"[^\W\d_]"
# An address in running text ends before the punctuation that follows it.
_NO_TRAILING_PUNCTUATION = r"(?<![.,;:!?…)\]'\"»”’])"
# An email address or a bare domain starts only where a run of the characters it is made of
# starts (a domain: not inside a word, nor right after "word."), and those runs are taken
# possessively: otherwise a long run without "@" or a domain ending ("____…", "----…",
# "a.a.a.…") is tried from every position and back, which is quadratic.
_TOKEN = re.compile(
    rf"""
    (?P<placeholder>\{{[\w.]+\}})
    |(?P<address>(?:https?://|www\.)\S+{_NO_TRAILING_PUNCTUATION}
        |(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+
        |(?<![\w-])(?<![\w-]\.)(?:[\w-]++\.)+(?:nl|be|eu|com|org|net|info|nu)\b(?:/\S*{_NO_TRAILING_PUNCTUATION})?)
    |(?P<number>\d+(?:[.,:]\d+)*(?:-?{_LETTER}+)?)
    |(?P<dotted>(?:{_LETTER}{{1,3}}\.){{2,}})
    |(?P<word>['’][stn](?!{_LETTER})|{_LETTER}+(?:['’-]{_LETTER}+)*)
    |(?P<end>[.!?…]+)
    """,
    re.VERBOSE,
)
_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: its words and where it sits in the text (character offsets)."""

    text: str
    words: int
    start: int
    end: int


@dataclass(frozen=True)
class ReadabilityReport:
    language: str
    words: int
    sentences: int
    syllables: int
    score: float | None
    average_sentence_length: float | None
    long_sentences: tuple[Sentence, ...]
    rare_words: tuple[str, ...]
    suitable_for_b1: bool

    @property
    def has_text(self) -> bool:
        """False when there is nothing to score (no words at all)."""
        return self.words > 0


class UnsupportedLanguage(ValueError):
    """The check knows Dutch and English only."""


def language_code(code: str | None) -> str:
    """'nl', 'nl-NL', 'en_GB' → 'nl' or 'en'; anything else raises UnsupportedLanguage."""
    base = re.split(r"[-_]", (code or "").strip().lower(), maxsplit=1)[0]
    if base not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguage(code)
    return base


@cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_PYPHEN_LANGUAGE[language])


def _normal(word: str) -> str:
    """The form to look a word up in: NFKC ("ĳ" → "ij") and a straight apostrophe."""
    return unicodedata.normalize("NFKC", word).replace("’", "'")


def _syllables(word: str, language: str) -> int:
    dic = _hyphenator(language)
    parts = [p for p in _normal(word).split("-") if p]
    return sum(len(dic.positions(part)) + 1 for part in parts)


@dataclass
class _Draft:
    start: int
    end: int
    words: int = 0
    syllables: int = 0


def readability_check(text: str, *, language: str) -> ReadabilityReport:
    """Score `text` in `language` ('nl' or 'en', also 'nl-NL' and the like)."""
    language = language_code(language)
    sentences: list[_Draft] = []
    rare: set[str] = set()
    for line in _LINE.finditer(text):
        sentences += _line_sentences(line.group(), line.start(), language, rare)
    return _report(text, language, [s for s in sentences if s.words], rare)


def _line_sentences(line: str, offset: int, language: str, rare: set[str]) -> list[_Draft]:
    """The sentences of one line (`offset`: where the line starts in the text); the line's
    rare words are added to `rare`."""
    abbreviations = _ABBREVIATIONS[language]
    sentences: list[_Draft] = []
    draft: _Draft | None = None
    tokens = list(_TOKEN.finditer(line))
    for index, token in enumerate(tokens):
        kind, value, end = token.lastgroup, token.group(), offset + token.end()
        if kind == "end":
            if draft is not None:
                draft.end = end
                previous = tokens[index - 1] if index else None
                if _ends_sentence(line, token, previous, abbreviations):
                    sentences.append(draft)
                    draft = None
            continue
        if draft is None:
            draft = _Draft(start=offset + token.start(), end=end)
        draft.end = end
        if kind == "word":
            followed_by_dot = line[token.end() : token.end() + 1] == "."
            spoken = abbreviations.get(value.lower() + ".") if followed_by_dot else None
            if spoken is not None:
                _count_spoken(draft, spoken, language)
                continue
            if _is_rare(value, language, first_in_sentence=draft.words == 0):
                rare.add(value.lower())
            draft.words += 1
            draft.syllables += _syllables(value, language)
        elif kind == "dotted":
            spoken = abbreviations.get(value.lower())
            if spoken is not None:
                _count_spoken(draft, spoken, language)
            else:  # an unknown abbreviation, spelled out letter by letter
                draft.words += 1
                draft.syllables += sum(ch.isalpha() for ch in value)
        # numbers, addresses and placeholders are part of the sentence, but not words
    if draft is not None:
        sentences.append(draft)
    return sentences


def _count_spoken(draft: _Draft, spoken: str, language: str) -> None:
    for word in spoken.split():
        draft.words += 1
        draft.syllables += _syllables(word, language)


def _ends_sentence(
    line: str,
    token: re.Match[str],
    previous: re.Match[str] | None,
    abbreviations: dict[str, str],
) -> bool:
    """Whether end punctuation closes the sentence (see the module docstring)."""
    after = line[token.end() :]
    if after[:1].isalnum():
        return False  # "meedoen.nl", "3.5": punctuation inside something
    next_char = after.lstrip(" \t\"'”’)»]")[:1]
    punctuation = token.group()
    if previous is not None and previous.end() == token.start() and punctuation == ".":
        before = previous.group()
        if previous.lastgroup == "word" and len(before) == 1 and before.isupper():
            return False  # an initial: "J. de Vries"
        if previous.lastgroup == "word" and (before.lower() + ".") in abbreviations:
            return (before.lower() + ".") in _MAY_END_SENTENCE and next_char.isupper()
    if punctuation != "." and set(punctuation) <= {".", "…"}:
        return not next_char or next_char.isupper()  # an ellipsis
    return True


def _is_rare(word: str, language: str, *, first_in_sentence: bool) -> bool:
    if len(word) < 2:
        return False
    if not first_in_sentence and word[0].isupper() and not word.isupper():
        return False  # a name, most likely
    normal = _normal(word.lower())
    parts = [p for p in normal.split("-") if len(p) > 1] or [normal]
    return any(wordfreq.zipf_frequency(part, language) < RARE_ZIPF for part in parts)


def _report(text: str, language: str, drafts: list[_Draft], rare: set[str]) -> ReadabilityReport:
    words = sum(d.words for d in drafts)
    syllables = sum(d.syllables for d in drafts)
    if not words:
        return ReadabilityReport(
            language=language,
            words=0,
            sentences=0,
            syllables=0,
            score=None,
            average_sentence_length=None,
            long_sentences=(),
            rare_words=(),
            suitable_for_b1=False,
        )
    average = words / len(drafts)
    sentence_weight, syllable_weight = _WEIGHTS[language]
    score = 206.835 - sentence_weight * average - syllable_weight * (syllables / words)
    long_sentences = tuple(
        Sentence(text=text[d.start : d.end], words=d.words, start=d.start, end=d.end)
        for d in drafts
        if d.words > LONG_SENTENCE_WORDS
    )
    return ReadabilityReport(
        language=language,
        words=words,
        sentences=len(drafts),
        syllables=syllables,
        score=score,
        average_sentence_length=average,
        long_sentences=long_sentences,
        rare_words=tuple(sorted(rare)),
        suitable_for_b1=score >= B1_MIN_SCORE and average <= B1_MAX_AVERAGE_SENTENCE_LENGTH,
    )


@dataclass(frozen=True)
class Segment:
    """A piece of the text for the preview; `long` pieces are the long sentences."""

    text: str
    long: bool


def text_segments(text: str, report: ReadabilityReport) -> list[Segment]:
    """The whole text cut into pieces, so the long sentences can be marked in a preview."""
    segments: list[Segment] = []
    position = 0
    for sentence in report.long_sentences:
        if sentence.start > position:
            segments.append(Segment(text=text[position : sentence.start], long=False))
        segments.append(Segment(text=text[sentence.start : sentence.end], long=True))
        position = sentence.end
    if position < len(text):
        segments.append(Segment(text=text[position:], long=False))
    return segments
