"""Forms of the messaging staff pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.messaging.composing import placeholders_unknown
from meedoen.messaging.models import Contact, Message, MessageKind, MessagingSettings
from meedoen.messaging.services import Audience
from meedoen.messaging.services.staff import AUDIENCE_KINDS
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
        fields = [
            "sender_name",
            "reply_to",
            "reminder_days_before",
            "reminder_time",
            "thanks_days_after",
            "thanks_time",
        ]
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


class TestSendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of message"), choices=MessageKind.choices)


class PracticalNoteForm(forms.Form):
    bring = forms.CharField(
        label=_("What to bring"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in confirmations and reminders, e.g. “your glasses for reading”."),
    )


STATUS_CHOICES = [
    ("confirmed", _("registered (confirmed)")),
    ("waiting", _("on the waiting list")),
    ("cancelled", _("cancelled their registration")),
]


class AudienceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to send"),
        choices=[(k.value, k.label) for k in MessageKind if k in AUDIENCE_KINDS],
        widget=forms.RadioSelect,
    )
    statuses = forms.MultipleChoiceField(
        label=_("People registered for this meeting"),
        choices=STATUS_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.MultipleChoiceField(
        label=_("By attendance at this meeting"),
        choices=[("attended", _("were there")), ("absent", _("were registered but did not come"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up = forms.BooleanField(
        label=_("The team's follow-up list (people who asked to be kept informed)"),
        required=False,
    )
    contacts = forms.BooleanField(
        label=_("The team's contacts (who agreed to be invited)"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (
            data.get("statuses")
            or data.get("attendance")
            or data.get("follow_up")
            or data.get("contacts")
        ):
            raise forms.ValidationError(_("Choose at least one group of people."))
        return data

    def audience(self) -> Audience:
        data = self.cleaned_data
        return Audience(
            statuses=tuple(data.get("statuses") or ()),
            attended="attended" in (data.get("attendance") or ()),
            absent="absent" in (data.get("attendance") or ()),
            follow_up=bool(data.get("follow_up")),
            contacts=bool(data.get("contacts")),
        )


class CallOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=Message.CallOutcome.choices)
