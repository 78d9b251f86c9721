"""Forms of the registrations room (staff side): parse and validate; services make the change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.forms import ObjectChoiceField
from meedoen.registrations.models import (
    COMES_AS_MAX,
    NAME_MAX,
    Channel,
    HeardVia,
    KeyFigure,
    Need,
    Registration,
    RegistrationSettings,
)
from meedoen.teams.fields import LinesField

STAFF_CHANNEL_CHOICES = [
    (Channel.PAPER.value, Channel.PAPER.label),
    (Channel.PHONE.value, Channel.PHONE.label),
    (Channel.IN_PERSON.value, Channel.IN_PERSON.label),
]
MAX_QUESTIONS = 5
MAX_COMPANIONS = 10


class RegistrationEntryForm(forms.Form):
    """Fast entry of a registration taken on paper, by phone or in person."""

    channel = forms.ChoiceField(
        label=_("Taken"), choices=STAFF_CHANNEL_CHOICES, initial=Channel.PAPER.value
    )
    name = forms.CharField(
        label=_("Name"), max_length=NAME_MAX, widget=forms.TextInput(attrs={"autofocus": True})
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)
    comes_as = forms.ChoiceField(label=_("Comes as"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("Needs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_other = forms.CharField(label=_("Other needs"), max_length=300, required=False)
    dietary = forms.CharField(label=_("Dietary wishes"), max_length=300, required=False)
    companions = LinesField(
        label=_("Coming along"),
        required=False,
        max_lines=MAX_COMPANIONS,
        max_line_length=NAME_MAX,
        help_text=_("First names, one per line. Each person takes a place."),
    )
    heard_via = forms.ChoiceField(
        label=_("Heard about it through"),
        choices=[("", "—"), *HeardVia.choices],
        required=False,
    )
    follow_up = forms.BooleanField(label=_("Wants to hear what happens next"), required=False)
    overbook = forms.BooleanField(
        label=_("Confirm even if the meeting is full (overbook on purpose)"), required=False
    )
    overbook_reason = forms.CharField(
        label=_("Reason for overbooking"),
        max_length=300,
        required=False,
        help_text=_("Required when you overbook. It is logged with your name."),
    )

    def __init__(self, *args: Any, comes_as: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comes_as"].choices = [("", "—"), *comes_as]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("overbook") and not (data.get("overbook_reason") or "").strip():
            self.add_error("overbook_reason", _("Say why you overbook."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = (
            "name", "email", "phone", "comes_as", "needs", "needs_other", "dietary",
            "companions", "heard_via", "follow_up",
        )  # fmt: skip
        return {
            "channel": data["channel"],
            "overbook_reason": data["overbook_reason"].strip() if data["overbook"] else "",
            **{f: data[f] for f in fields},
        }


class RegistrationFilterForm(forms.Form):
    """The plain GET form above the list."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Registration.Status.choices]
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("all")), *Channel.choices]
    )
    comes_as = forms.ChoiceField(label=_("Comes as"), required=False)
    need = forms.ChoiceField(
        label=_("Need"), required=False, choices=[("", _("all")), *Need.choices]
    )
    key_figure = forms.ChoiceField(label=_("Key figure"), required=False)

    def __init__(
        self,
        *args: Any,
        comes_as: list[tuple[str, Any]],
        key_figures: list[KeyFigure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comes_as"].choices = [("", _("all")), *comes_as]  # type: ignore[attr-defined]
        self.fields["key_figure"] = ObjectChoiceField(
            objects=key_figures, empty_label=_("all"), label=_("Key figure"), required=False
        )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class RegistrationSettingsForm(forms.Form):
    published = forms.BooleanField(
        label=_("Public page online"),
        required=False,
        help_text=_("Residents can find the meeting and register."),
    )
    ask_street = forms.BooleanField(label=_("Ask for street or neighbourhood"), required=False)
    ask_age_band = forms.BooleanField(label=_("Ask for age group"), required=False)
    ask_languages = forms.BooleanField(label=_("Ask which languages they speak"), required=False)
    ask_organisation = forms.BooleanField(
        label=_("Ask professionals for their organisation"), required=False
    )
    ask_photo_consent = forms.BooleanField(label=_("Ask consent for photos"), required=False)
    allow_companions = forms.BooleanField(label=_("People may bring someone along"), required=False)
    max_companions = forms.IntegerField(
        label=_("At most this many companions"), min_value=0, max_value=MAX_COMPANIONS
    )
    comes_as = LinesField(
        label=_("Choices for “I come as”"),
        required=False,
        max_lines=12,
        max_line_length=COMES_AS_MAX,
        help_text=_("One per line. Empty: resident, professional, volunteer, informal carer."),
    )
    privacy_url = forms.URLField(
        label=_("Privacy statement"),
        required=False,
        assume_scheme="https",
        help_text=_("The web address of your privacy statement, starting with https://."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_QUESTIONS + 1):
            self.fields[f"q{i}_label"] = forms.CharField(
                label=_("Question %(n)d") % {"n": i}, max_length=200, required=False
            )
            self.fields[f"q{i}_kind"] = forms.ChoiceField(
                label=_("Kind of answer (question %(n)d)") % {"n": i},
                choices=[
                    ("text", _("short text")),
                    ("choice", _("choice")),
                    ("number", _("number")),
                ],
                initial="text",
            )
            self.fields[f"q{i}_choices"] = LinesField(
                label=_("Choices (question %(n)d)") % {"n": i},
                required=False,
                max_lines=12,
                help_text=_("Only for a choice: one per line."),
            )

    @classmethod
    def initial_for(cls, settings: RegistrationSettings) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(settings, name)
            for name in (
                "published", "ask_street", "ask_age_band", "ask_languages", "ask_organisation",
                "ask_photo_consent", "allow_companions", "max_companions", "privacy_url",
            )
        }  # fmt: skip
        initial["comes_as"] = [
            str(item[-1]) if isinstance(item, list | tuple) else str(item)
            for item in settings.comes_as
        ]
        for i, question in enumerate(settings.custom_questions[:MAX_QUESTIONS], start=1):
            initial[f"q{i}_label"] = question.get("label", "")
            initial[f"q{i}_kind"] = question.get("kind", "text")
            initial[f"q{i}_choices"] = question.get("choices", [])
        return initial

    def question_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (i, [self[f"q{i}_label"], self[f"q{i}_kind"], self[f"q{i}_choices"]])
            for i in range(1, MAX_QUESTIONS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if not field.name.startswith("q")]

    def clean_privacy_url(self) -> str:
        url: str = self.cleaned_data["privacy_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("Use a secure address that starts with https://."))
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, MAX_QUESTIONS + 1):
            label = (data.get(f"q{i}_label") or "").strip()
            if (
                label
                and data.get(f"q{i}_kind") == "choice"
                and len(data.get(f"q{i}_choices") or []) < 2
            ):
                self.add_error(f"q{i}_choices", _("Give at least two choices, one per line."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        questions = []
        for i in range(1, MAX_QUESTIONS + 1):
            label = data[f"q{i}_label"].strip()
            if label:
                kind = data[f"q{i}_kind"]
                choices = data[f"q{i}_choices"] if kind == "choice" else []
                questions.append({"label": label, "kind": kind, "choices": choices})
        return {
            **{k: v for k, v in data.items() if not k.startswith("q")},
            "custom_questions": questions,
        }


class KeyFigureForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    connection = forms.CharField(
        label=_("Who they reach"),
        max_length=200,
        required=False,
        help_text=_("For example: the women's group of the mosque, the seniors of the flats."),
    )
    contact = forms.CharField(
        label=_("How to reach them"),
        max_length=200,
        required=False,
        help_text=_("Phone or email, only if they agreed."),
    )


class NetworkPlaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    kind = forms.CharField(
        label=_("Kind of place"),
        max_length=60,
        required=False,
        help_text=_("For example: community centre, market, school, GP practice."),
    )
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


class RegistrationCancelForm(forms.Form):
    """Only a confirmation: the button is the answer."""
