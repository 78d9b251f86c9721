"""Forms of the messaging staff pages: the team's texts, settings and contacts."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.messaging.composing import placeholders_unknown
from meedoen.messaging.models import Contact, MessagingSettings
from meedoen.messaging.services.staff import SETTINGS_FIELDS
from meedoen.messaging.widgets import ReadabilityTextarea

LANGUAGE_CHOICES = [("nl", _("Dutch")), ("en", _("English"))]


class MessageTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=5000,
        widget=ReadabilityTextarea(attrs={"rows": 16}),
        help_text=_("Placeholders such as {name} are filled in for each person."),
    )

    def __init__(self, *args: Any, kind: str, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["body"].widget = ReadabilityTextarea(attrs={"rows": 16}, language=language)

    def _placeholders(self, field: str) -> str:
        text: str = self.cleaned_data[field]
        unknown = placeholders_unknown(text, kind=self.kind)
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholder: %(list)s. Use only the ones listed on this page.")
                % {"list": ", ".join(f"{{{key}}}" for key in unknown)}
            )
        return text

    def clean_subject(self) -> str:
        return self._placeholders("subject")

    def clean_body(self) -> str:
        return self._placeholders("body")


class PreviewMeetingForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Show with the data of"), coerce=int)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["meeting"]).choices = meetings


class MessagingSettingsForm(forms.ModelForm[MessagingSettings]):
    class Meta:
        model = MessagingSettings
        fields = list(SETTINGS_FIELDS)  # what messaging_settings_save takes
        widgets = {
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "thanks_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "reminder_days_before": _("Days before the meeting; the reminder goes out then."),
            "thanks_days_after": _("Days after the meeting; 0 is the same day."),
        }


class ContactForm(forms.ModelForm[Contact]):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="nl")

    class Meta:
        model = Contact
        fields = ["name", "email", "consent", "language"]
