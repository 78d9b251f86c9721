"""Forms of the grouping room."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.grouping.models import GroupDivision
from meedoen.grouping.services import MIX_KEYS
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


def _user_label(user: User) -> str:
    return str(user.full_name or user.email)


class DivisionSettingsForm(forms.Form):
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
        label=_("Time to search, in seconds"), min_value=1, max_value=30, initial=2
    )

    def __init__(self, *args: Any, users: list[User], labels: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        facilitators = self.fields["facilitators"]
        facilitators.queryset = User.objects.filter(pk__in=[u.pk for u in users])  # type: ignore[attr-defined]
        facilitators.label_from_instance = _user_label  # type: ignore[attr-defined]
        for key in reversed(MIX_KEYS):
            self.fields = {
                f"mix_{key}": forms.TypedChoiceField(
                    label=_("Mix by: %(answer)s") % {"answer": labels[key]},
                    choices=WEIGHTS,
                    coerce=int,
                    initial=0,
                    widget=forms.RadioSelect,
                ),
                **self.fields,
            }

    @classmethod
    def initial_for(cls, division: GroupDivision) -> dict[str, Any]:
        initial: dict[str, Any] = {f"mix_{k}": int(w) for k, w in division.mix.items()}
        initial.update(
            table_count=division.table_count,
            table_size=division.table_size,
            accessible_tables=", ".join(str(t) for t in division.accessible_tables),
            facilitators=[u.pk for u in division.facilitators.all()] if division.pk else [],
            minority_languages=", ".join(division.minority_languages),
            time_budget=division.time_budget,
        )
        return initial

    def clean_accessible_tables(self) -> list[int]:
        return _numbers(self.cleaned_data["accessible_tables"] or "")

    def clean_minority_languages(self) -> list[str]:
        text = self.cleaned_data["minority_languages"] or ""
        return [p.strip() for p in text.split(",") if p.strip()]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "mix": {k: data[f"mix_{k}"] for k in MIX_KEYS if data.get(f"mix_{k}")},
            "table_count": data["table_count"],
            "table_size": data["table_size"],
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
