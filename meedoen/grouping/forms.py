"""Forms of the grouping room."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.grouping.models import GroupDivision
from meedoen.teams.models import User

WEIGHTS = [
    (0, _("do not mix")),
    (1, _("mix")),
    (2, _("mix more")),
    (3, _("mix most")),
]


def _numbers(text: str) -> list[int]:
    out = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise forms.ValidationError(_("Give table numbers separated by commas, like 1, 3."))
        out.append(int(part))
    return out


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 30:
            raise forms.ValidationError(
                _("Give the places per table as numbers from 1 to 30, like 6, 6, 8.")
            )
        out.append(int(part))
    if len(out) > 60:
        raise forms.ValidationError(_("Give at most 60 tables."))
    return out


def _field_name(index: int, key: str) -> str:
    """`mix_comes_as` for the form's own answers, `mix_q3` for the meeting's questions."""
    return f"mix_q{index}" if ":" in key else f"mix_{key}"


def _user_label(user: User) -> str:
    return str(user.full_name or user.email)


class DivisionSettingsForm(forms.Form):
    balance = forms.ChoiceField(
        label=_("Balance the average of"),
        help_text=_("Each table gets about the same average of this answer."),
        required=False,
    )
    table_count = forms.IntegerField(
        label=_("Number of tables"),
        help_text=_("Leave 0 to use the table size below (or one table per facilitator)."),
        min_value=0,
        max_value=60,
        initial=0,
    )
    table_size = forms.IntegerField(
        label=_("People per table (without the facilitator)"),
        min_value=2,
        max_value=30,
        initial=6,
    )
    table_sizes = forms.CharField(
        label=_("Places per table (optional)"),
        help_text=_(
            "Only when tables differ: the places of each table in order, like 6, 6, 8. "
            "This sets the number of tables."
        ),
        required=False,
    )
    accessible_tables = forms.CharField(
        label=_("Wheelchair-accessible tables"),
        help_text=_("Table numbers separated by commas, like 1, 3."),
        required=False,
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators (one per table)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minority_languages = forms.CharField(
        label=_("Languages whose speakers must not sit alone at a table"),
        help_text=_("Separated by commas, like Arabic, Turkish."),
        required=False,
    )
    time_budget = forms.IntegerField(
        label=_("Time to search, in seconds"),
        help_text=_("More time can give a better mix; 2 seconds is usually enough."),
        min_value=1,
        max_value=30,
        initial=2,
    )

    def __init__(
        self,
        *args: Any,
        users: list[User],
        mix: list[tuple[str, str]],
        balance: list[tuple[str, str]],
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        facilitators = self.fields["facilitators"]
        facilitators.queryset = User.objects.filter(pk__in=[u.pk for u in users])  # type: ignore[attr-defined]
        facilitators.label_from_instance = _user_label  # type: ignore[attr-defined]
        self.fields["balance"].choices = [("", _("nothing")), *balance]  # type: ignore[attr-defined]
        self.mix_keys = {_field_name(i, key): key for i, (key, _label) in enumerate(mix)}
        mix_fields = {
            _field_name(i, key): forms.TypedChoiceField(
                label=_("Mix by: %(answer)s") % {"answer": label},
                choices=WEIGHTS,
                coerce=int,
                initial=0,
                widget=forms.RadioSelect,
            )
            for i, (key, label) in enumerate(mix)
        }
        self.fields = {**mix_fields, **self.fields}
        weights = self.initial.pop("mix", {})
        self.initial.update({name: int(weights.get(key, 0)) for name, key in self.mix_keys.items()})

    @classmethod
    def initial_for(cls, division: GroupDivision) -> dict[str, Any]:
        """The saved settings; "mix" (answer key -> weight) becomes the mix fields."""
        return {
            "balance": division.balance,
            "table_count": division.table_count,
            "table_size": division.table_size,
            "table_sizes": ", ".join(str(t) for t in division.table_sizes),
            "accessible_tables": ", ".join(str(t) for t in division.accessible_tables),
            "facilitators": [u.pk for u in division.facilitators.all()] if division.pk else [],
            "minority_languages": ", ".join(division.minority_languages),
            "time_budget": division.time_budget,
            "mix": dict(division.mix),
        }

    def clean_accessible_tables(self) -> list[int]:
        return _numbers(self.cleaned_data["accessible_tables"] or "")

    def clean_table_sizes(self) -> list[int]:
        return _sizes(self.cleaned_data["table_sizes"] or "")

    def clean_minority_languages(self) -> list[str]:
        text = self.cleaned_data["minority_languages"] or ""
        return [p.strip() for p in text.split(",") if p.strip()]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "mix": {key: data[name] for name, key in self.mix_keys.items() if data.get(name)},
            "balance": data["balance"] or "",
            "table_count": data["table_count"],
            "table_size": data["table_size"],
            "table_sizes": data["table_sizes"],
            "accessible_tables": data["accessible_tables"],
            "facilitators": list(data["facilitators"]),
            "minority_languages": data["minority_languages"],
            "time_budget": data["time_budget"],
        }


class SolveForm(forms.Form):
    round = forms.IntegerField(min_value=1, max_value=3)


class MoveForm(forms.Form):
    assignment = forms.IntegerField()
    table = forms.IntegerField(label=_("Move to table"), min_value=1, max_value=60)


class LockForm(forms.Form):
    assignment = forms.IntegerField()
    locked = forms.BooleanField(required=False)


class WalkInPlaceForm(forms.Form):
    walk_in = forms.IntegerField()
    round = forms.IntegerField(min_value=1, max_value=3)


class SolveRunCancelForm(forms.Form):
    run = forms.IntegerField()


class ApartForm(forms.Form):
    people = forms.MultipleChoiceField(
        label=_("Keep these people at different tables"),
        help_text=_("Choose two or more (hold Ctrl or Cmd to choose more than one)."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = people  # type: ignore[attr-defined]

    def clean_people(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["people"]
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two people to keep apart."))
        return chosen


class ApartRemoveForm(forms.Form):
    # The rule's person keys, comma-separated: the rule is named by its content.
    people = forms.CharField(max_length=2000)

    def clean_people(self) -> list[str]:
        return [key.strip() for key in self.cleaned_data["people"].split(",") if key.strip()]


class FixedForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"))
    table = forms.IntegerField(label=_("Always at table"), min_value=1, max_value=60)

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—"), *people]  # type: ignore[attr-defined]


class FixedRemoveForm(forms.Form):
    person = forms.CharField(max_length=20)
