"""Forms of a meeting's messages pages: a test to myself, what to bring, the audience of a
save-the-date or invitation, and how a call went."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.messaging.models import Message, MessageKind
from meedoen.registrations.services_messages import AUDIENCE_KINDS, Audience


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
