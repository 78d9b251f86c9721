"""Sentences that explain a division: the mix of each table, why each person sits where they
sit (from the solver's `PersonFacts`), and the quality of the whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meedoen.grouping.build import Person, Quality
from meedoen.grouping.solver import PersonFacts


def table_mix(
    people: Sequence[Person],
    mix_keys: Sequence[str],
    labels: dict[str, str],
    question_labels: dict[str, str] | None = None,
) -> str:
    """For example "3 residents, 2 professionals; 4 streets". `labels` names the "I come as"
    values, `question_labels` the mixed answers by key."""
    question_labels = question_labels or {}
    parts: list[str] = []
    if "comes_as" in mix_keys:
        k = list(mix_keys).index("comes_as")
        counts = Counter(str(p.values[k]) for p in people if p.values[k] is not None)
        parts.append(
            ", ".join(
                f"{count} {labels.get(value, value)}" for value, count in counts.most_common()
            )
        )
    for name in mix_keys:
        if name == "comes_as":
            continue
        k = list(mix_keys).index(name)
        distinct = len({p.values[k] for p in people if p.values[k] is not None})
        if name == "street":
            parts.append(ngettext("%(n)d street", "%(n)d streets", distinct) % {"n": distinct})
        elif name == "age_band":
            parts.append(
                ngettext("%(n)d age group", "%(n)d age groups", distinct) % {"n": distinct}
            )
        elif name == "languages":
            parts.append(ngettext("%(n)d language", "%(n)d languages", distinct) % {"n": distinct})
        elif name == "heard_via":
            parts.append(
                ngettext("%(n)d way of hearing", "%(n)d ways of hearing", distinct)
                % {"n": distinct}
            )
        else:
            parts.append(
                ngettext(
                    "%(n)d answer to “%(question)s”", "%(n)d answers to “%(question)s”", distinct
                )
                % {"n": distinct, "question": question_labels.get(name, name)}
            )
    size = len(people)
    head = ngettext("%(n)d person", "%(n)d people", size) % {"n": size}
    return "; ".join([head, *[p for p in parts if p]])


def person_why(
    facts: PersonFacts,
    people: Sequence[Person],
    mix_names: dict[str, str],
    fixed_by_rule: bool = False,
) -> str:
    """One line: the rules that placed this person, or how mixed their table is."""
    if facts.facilitator:
        return _("Leads the conversation at this table.")
    reasons: list[str] = []
    if fixed_by_rule:
        reasons.append(_("must sit at this table (a rule of the division)"))
    elif facts.fixed_group:
        reasons.append(_("locked at this table"))
    if facts.kept_apart_from:
        names = ", ".join(people[i].label for i in facts.kept_apart_from[:3])
        reasons.append(_("kept apart from %(names)s") % {"names": names})
    if facts.needs_accessible:
        reasons.append(_("needs a wheelchair-accessible table"))
    if facts.party:
        names = ", ".join(people[i].label for i in facts.party[:3])
        reasons.append(_("sits with their party (%(names)s)") % {"names": names})
    if facts.language and facts.language_company:
        reasons.append(
            _("is not the only %(language)s speaker here") % {"language": facts.language}
        )
    elif facts.language and facts.facilitator_speaks_language:
        reasons.append(_("the facilitator speaks %(language)s") % {"language": facts.language})
    if facts.met_before_at_group:
        reasons.append(
            ngettext(
                "meets %(n)d person again from an earlier round",
                "meets %(n)d people again from an earlier round",
                len(facts.met_before_at_group),
            )
            % {"n": len(facts.met_before_at_group)}
        )
    unique = [mix_names.get(name, name) for name, same in facts.same_value_at_group if same == 0]
    if unique:
        reasons.append(_("brings a different %(what)s") % {"what": ", ".join(unique)})
    if not reasons:
        return _("Placed here to keep the tables evenly mixed.")
    text = "; ".join(reasons)
    return text[0].upper() + text[1:] + "."


def quality_line(quality: Quality, balance_label: str = "") -> str:
    """The gap to the best possible mix, and the gain over a random division."""
    parts: list[str] = []
    if quality.bound_gap is not None:
        if quality.bound_gap <= 0:
            parts.append(_("As mixed as possible."))
        else:
            parts.append(
                _("%(gap)s pairs at a table share an answer more than the best possible.")
                % {"gap": f"{quality.bound_gap:g}"}
            )
    if quality.random_objective > 0:
        gain = round(100 * (quality.objective / quality.random_objective - 1))
        parts.append(
            _("Mix score %(score)s; a random division scores %(random)s (%(gain)+d%%).")
            % {
                "score": f"{quality.objective:g}",
                "random": f"{quality.random_objective:.1f}",
                "gain": gain,
            }
        )
    else:
        parts.append(_("Mix score %(score)s.") % {"score": f"{quality.objective:g}"})
    if balance_label and quality.balance_spread > 0:
        parts.append(
            _(
                "The average %(answer)s of a table differs at most %(spread)s standard "
                "deviations from the average of everyone."
            )
            % {"answer": balance_label, "spread": f"{quality.balance_spread:.2f}"}
        )
    return " ".join(parts)
