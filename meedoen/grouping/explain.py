"""Sentences that explain a division: the mix of each table, why each person sits where they
sit (from the solver's `PersonFacts`), and the quality of the whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meedoen.grouping.services import Person, Quality
from meedoen.grouping.solver import PersonFacts


def table_mix(people: Sequence[Person], mix_keys: Sequence[str], labels: dict[str, str]) -> str:
    """For example "3 residents, 2 professionals; 4 streets"."""
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
    size = len(people)
    head = ngettext("%(n)d person", "%(n)d people", size) % {"n": size}
    return "; ".join([head, *[p for p in parts if p]])


def person_why(facts: PersonFacts, people: Sequence[Person], mix_names: dict[str, str]) -> str:
    """One line: the rules that placed this person, or how mixed their table is."""
    if facts.facilitator:
        return _("Leads the conversation at this table.")
    reasons: list[str] = []
    if facts.fixed_group:
        reasons.append(_("locked at this table"))
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


def quality_line(quality: Quality) -> str:
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
    return " ".join(parts)
