"""Forms of the plans room: parse and validate; services make the change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.plans.catalogue import LADDER
from meedoen.plans.models import (
    NAME_MAX,
    Method,
    ParticipationPlan,
    Ring,
    Rung,
    Stakeholder,
    StakeholderKind,
)
from meedoen.teams.fields import text_field

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=NAME_MAX,
        help_text=_("For example: Healthy ageing in Noord."),
    )
    theme = forms.CharField(label=_("Theme"), max_length=NAME_MAX)
    neighbourhoods = forms.MultipleChoiceField(
        label=_("Neighbourhoods"), required=False, widget=forms.CheckboxSelectMultiple
    )
    goal = text_field(
        _("Goal"), required=True, help_text=_("What do you want to achieve with residents?")
    )
    decision_at_stake = text_field(
        _("What is being decided"), help_text=_("Which decision can residents' input influence?")
    )
    room_for_influence = text_field(
        _("Room for influence"),
        help_text=_("Be honest: what can residents change, and what is already fixed?"),
    )
    period_start = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Until"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, neighbourhoods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = list(dict.fromkeys([*neighbourhoods, *self.initial.get("neighbourhoods", [])]))
        self.fields["neighbourhoods"].choices = [(n, n) for n in choices]  # type: ignore[attr-defined]
        if not choices:
            del self.fields["neighbourhoods"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end comes before the start."))
        cleaned.setdefault("neighbourhoods", [])
        return cleaned

    @staticmethod
    def initial_for(plan: ParticipationPlan) -> dict[str, Any]:
        return {field: getattr(plan, field) for field in PlanForm.base_fields}


class StakeholderForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    kind = forms.ChoiceField(label=_("Kind"), choices=StakeholderKind.choices)
    ring = forms.ChoiceField(
        label=_("Interest"), choices=Ring.choices, initial=Ring.MEDIUM, widget=forms.RadioSelect
    )
    contact_person = forms.CharField(
        label=_("Contact person of the organisation"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Only for organisations; never the name of a private resident."),
    )
    contribution = text_field(_("What they can contribute"), rows=2)
    notes = text_field(_("Notes"), rows=2)

    @staticmethod
    def initial_for(stakeholder: Stakeholder) -> dict[str, Any]:
        return {field: getattr(stakeholder, field) for field in StakeholderForm.base_fields}


class RungsForm(forms.Form):
    """Step 2: for each stakeholder, the rung they take part on."""

    def __init__(self, *args: Any, stakeholders: list[Stakeholder], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stakeholders = stakeholders
        choices = [("", _("not chosen yet")), *Rung.choices]
        for stakeholder in stakeholders:
            self.fields[f"rung_{stakeholder.pk}"] = forms.ChoiceField(
                label=stakeholder.name,
                choices=choices,
                required=False,
                initial=stakeholder.rung,
            )

    def changes(self) -> list[tuple[Stakeholder, str]]:
        return [
            (s, self.cleaned_data[f"rung_{s.pk}"])
            for s in self.stakeholders
            if self.cleaned_data[f"rung_{s.pk}"] != s.rung
        ]


class RungPlanForm(forms.Form):
    """Steps 3 and 4 for one rung: methods and what it should yield."""

    methods = forms.MultipleChoiceField(
        label=_("Methods"), required=False, widget=forms.CheckboxSelectMultiple
    )
    expected_yield = text_field(
        _("What should this yield?"),
        help_text=_("For example: ten ideas from residents over 70 about meeting places."),
        rows=4,
    )

    def __init__(self, *args: Any, methods: list[Method], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method_objects = {str(m.pk): m for m in methods}
        self.fields["methods"].choices = [(str(m.pk), m.name) for m in methods]  # type: ignore[attr-defined]

    def chosen_methods(self) -> list[Method]:
        return [self.method_objects[pk] for pk in self.cleaned_data["methods"]]


class MomentForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=200)
    when = forms.CharField(
        label=_("Roughly when"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("For example: March 2027."),
    )
    rung = forms.ChoiceField(label=_("Rung"), choices=[("", "—"), *Rung.choices], required=False)
    method = forms.ChoiceField(label=_("Method"), required=False)
    stakeholders = forms.MultipleChoiceField(
        label=_("For whom"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, methods: list[Method], stakeholders: list[Stakeholder], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.method_objects = {str(m.pk): m for m in methods}
        self.stakeholder_objects = {str(s.pk): s for s in stakeholders}
        self.fields["method"].choices = [("", "—"), *((str(m.pk), m.name) for m in methods)]  # type: ignore[attr-defined]
        self.fields["stakeholders"].choices = [(str(s.pk), s.name) for s in stakeholders]  # type: ignore[attr-defined]
        if not stakeholders:
            del self.fields["stakeholders"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "what": data["what"],
            "when": data["when"],
            "rung": data["rung"],
            "method": self.method_objects.get(data["method"]),
            "stakeholders": [self.stakeholder_objects[pk] for pk in data.get("stakeholders", [])],
        }


class MethodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    rungs = forms.MultipleChoiceField(
        label=_("Rungs"),
        choices=[(r.key, r.name) for r in LADDER],
        widget=forms.CheckboxSelectMultiple,
    )
    description = text_field(_("Description"), required=True)
    group_size = forms.CharField(label=_("Group size"), max_length=NAME_MAX, required=False)
    duration = forms.CharField(label=_("Duration"), max_length=NAME_MAX, required=False)
    preparation = text_field(_("Preparation"), rows=2)
    good_for = text_field(_("Good for"), rows=2)


class MappingOpenForm(forms.Form):
    minutes = forms.DecimalField(
        label=_("Minutes to write"),
        min_value=0.5,
        max_value=30,
        decimal_places=1,
        initial=3,
        help_text=_("Everyone writes privately during this time; then all notes are shown."),
    )


class MappingNoteForm(forms.Form):
    text = forms.CharField(label=_("Stakeholder or resident group"), max_length=NAME_MAX)
    ring = forms.ChoiceField(
        label=_("Interest"), choices=Ring.choices, initial=Ring.MEDIUM, widget=forms.RadioSelect
    )


class MappingPlaceForm(forms.Form):
    ring = forms.ChoiceField(label=_("Interest"), choices=Ring.choices)


class MappingReflectionForm(forms.Form):
    text = forms.CharField(label=_("Your reflection"), max_length=500)


class MappingDecisionForm(forms.Form):
    group_key = forms.CharField(widget=forms.HiddenInput, max_length=NAME_MAX)
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    ring = forms.ChoiceField(label=_("Ring"), choices=Ring.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=StakeholderKind.choices)
