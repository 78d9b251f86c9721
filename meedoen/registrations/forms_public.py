"""The public registration form and the form to change a registration through the personal
link. Only what is needed; the optional questions the team switched on, each with why we ask."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from meedoen.registrations.models import (
    NAME_MAX,
    AgeBand,
    HeardVia,
    Need,
    Registration,
    RegistrationSettings,
    comes_as_choices,
)
from meedoen.registrations.services import REGISTRATION_FIELDS
from meedoen.registrations.texts import texts_for
from meedoen.teams.fields import LinesField

PHONE_RE = re.compile(r"^\+?[0-9 ()\-.]{6,30}$")
SHORT_MAX = 300
CUSTOM_PREFIX = "question_"


def _contact_fields(texts: dict[str, str]) -> dict[str, forms.Field]:
    return {
        "email": forms.EmailField(
            label=_("Email address"),
            required=False,
            max_length=254,
            help_text=texts["WHY_CONTACT"],
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        ),
        "phone": forms.CharField(
            label=_("Phone number"),
            required=False,
            max_length=30,
            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        ),
    }


def _needs_fields(texts: dict[str, str]) -> dict[str, forms.Field]:
    return {
        "needs": forms.MultipleChoiceField(
            label=texts["LABEL_NEEDS"],
            required=False,
            choices=Need.choices,
            widget=forms.CheckboxSelectMultiple,
            help_text=texts["WHY_NEEDS"],
        ),
        "needs_other": forms.CharField(
            label=_("Something else I need"), required=False, max_length=SHORT_MAX
        ),
        "dietary": forms.CharField(
            label=_("Dietary wishes"),
            required=False,
            max_length=SHORT_MAX,
            help_text=_("For example: vegetarian, halal, no nuts."),
        ),
    }


def _companion_fields(
    texts: dict[str, str], reg_settings: RegistrationSettings | None
) -> dict[str, forms.Field]:
    if reg_settings is None or not reg_settings.allow_companions:
        return {}
    fields: dict[str, forms.Field] = {}
    if reg_settings.max_companions:
        fields["companions"] = LinesField(
            label=_("People who come with me"),
            required=False,
            max_lines=reg_settings.max_companions,
            max_line_length=60,
            help_text=texts["WHY_COMPANIONS"] % {"max": reg_settings.max_companions},
        )
        fields["companions"].widget.attrs["rows"] = min(reg_settings.max_companions, 4)
    fields["brings_helper"] = forms.BooleanField(
        label=_("A helper or interpreter who supports me comes along"),
        required=False,
        help_text=texts["WHY_HELPER"],
    )
    return fields


class _ContactRule(forms.Form):
    """At least one way to reach the person; names without stray spaces."""

    contact_required = ""

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data.get("phone", "").strip()
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(
                _("Fill in a phone number with digits only, for example 06 12345678.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = not data.get("email") and not data.get("phone")
        if missing and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", self.contact_required)
        return data


class RegistrationForm(_ContactRule):
    """Register for a meeting (online or through a key figure's link)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(
        self,
        *args: Any,
        reg_settings: RegistrationSettings | None,
        form_of_address: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        texts = texts_for(form_of_address)
        self.contact_required = texts["CONTACT_REQUIRED"]
        s = reg_settings
        self.custom_questions: list[tuple[str, str]] = []
        self.fields.update(_contact_fields(texts))
        self.fields["comes_as"] = forms.ChoiceField(
            label=_("I come as"),
            required=False,
            choices=comes_as_choices(s),
            widget=forms.RadioSelect,
            help_text=texts["WHY_COMES_AS"],
        )
        self.fields.update(_needs_fields(texts))
        self.fields.update(_companion_fields(texts, s))
        if s is not None and s.ask_street:
            self.fields["street"] = forms.CharField(
                label=_("Street or neighbourhood"),
                required=False,
                max_length=NAME_MAX,
                help_text=texts["WHY_STREET"],
            )
        if s is not None and s.ask_age_band:
            self.fields["age_band"] = forms.ChoiceField(
                label=_("Age group"),
                required=False,
                choices=AgeBand.choices,
                widget=forms.RadioSelect,
                help_text=texts["WHY_AGE"],
            )
        if s is not None and s.ask_languages:
            self.fields["languages"] = forms.CharField(
                label=_("Languages I speak"),
                required=False,
                max_length=SHORT_MAX,
                help_text=texts["WHY_LANGUAGES"],
            )
        if s is not None and s.ask_organisation:
            self.fields["organisation"] = forms.CharField(
                label=_("Organisation"),
                required=False,
                max_length=NAME_MAX,
                help_text=texts["WHY_ORGANISATION"],
            )
        if s is not None and s.ask_photo_consent:
            self.fields["photo_consent"] = forms.TypedChoiceField(
                label=texts["LABEL_PHOTO"],
                required=False,
                choices=[("yes", _("Yes, that is fine")), ("no", _("No, please not"))],
                coerce=lambda value: {"yes": True, "no": False}.get(value),
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=texts["WHY_PHOTO"],
            )
        for index, question in enumerate(s.custom_questions if s is not None else []):
            field = self._custom_field(question)
            if field is not None:
                key = f"{CUSTOM_PREFIX}{index}"
                self.fields[key] = field
                self.custom_questions.append((key, str(question.get("label", ""))[:200]))
        self.fields["heard_via"] = forms.ChoiceField(
            label=texts["LABEL_HEARD"],
            required=False,
            choices=HeardVia.choices,
            widget=forms.RadioSelect,
        )
        self.fields["follow_up"] = forms.BooleanField(
            label=_("Keep me informed about what happens with the results"),
            required=False,
            help_text=texts["WHY_FOLLOW_UP"],
        )
        privacy_help: Any = texts["WHY_PRIVACY"]
        if s is not None and s.privacy_url:
            privacy_help = format_html(
                '{} <a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>',
                texts["WHY_PRIVACY"],
                s.privacy_url,
                _("Read the privacy statement."),
            )
        self.fields["privacy_consent"] = forms.BooleanField(
            label=_("I agree that the team keeps my data for this meeting"),
            help_text=privacy_help,
            error_messages={"required": _("Tick this box to continue.")},
        )

    @staticmethod
    def _custom_field(question: Any) -> forms.Field | None:
        if not isinstance(question, dict) or not str(question.get("label", "")).strip():
            return None
        label = str(question["label"])[:200]
        kind = question.get("kind")
        if kind == "choice":
            choices = [(str(c), str(c)) for c in question.get("choices") or [] if str(c).strip()]
            if not choices:
                return None
            return forms.ChoiceField(
                label=label, required=False, choices=choices, widget=forms.RadioSelect
            )
        if kind == "number":
            return forms.IntegerField(label=label, required=False, min_value=0, max_value=1_000_000)
        return forms.CharField(label=label, required=False, max_length=SHORT_MAX)

    def clean_languages(self) -> list[str]:
        text: str = self.cleaned_data.get("languages", "")
        names = [part.strip() for part in re.split(r"[,\n;]", text) if part.strip()]
        return list(dict.fromkeys(names))[:10]

    def registration_fields(self) -> dict[str, Any]:
        """The cleaned data as `registration_admit` takes it."""
        data = self.cleaned_data
        fields: dict[str, Any] = {key: data[key] for key in REGISTRATION_FIELDS if key in data}
        answers = {
            label: data[key]
            for key, label in self.custom_questions
            if data.get(key) not in (None, "")
        }
        if answers:
            fields["answers"] = answers
        return fields


class RegistrationChangeForm(_ContactRule):
    """Change what can change through the personal link: contact, needs, companions,
    dietary wishes, follow-up."""

    def __init__(
        self,
        *args: Any,
        registration: Registration,
        reg_settings: RegistrationSettings | None,
        form_of_address: str,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "email": registration.email,
                "phone": registration.phone,
                "needs": registration.needs,
                "needs_other": registration.needs_other,
                "dietary": registration.dietary,
                "companions": registration.companions,
                "brings_helper": registration.brings_helper,
                "follow_up": registration.follow_up,
            },
        )
        super().__init__(*args, **kwargs)
        texts = texts_for(form_of_address)
        self.contact_required = texts["CONTACT_REQUIRED"]
        self.fields.update(_contact_fields(texts))
        self.fields.update(_needs_fields(texts))
        self.fields.update(_companion_fields(texts, reg_settings))
        if registration.companions and "companions" not in self.fields:
            # The team switched companions off later: keep who was already coming.
            self.fields["companions"] = LinesField(
                label=_("People who come with me"),
                required=False,
                max_lines=len(registration.companions),
                max_line_length=60,
            )
        self.fields["follow_up"] = forms.BooleanField(
            label=_("Keep me informed about what happens with the results"),
            required=False,
            help_text=texts["WHY_FOLLOW_UP"],
        )
