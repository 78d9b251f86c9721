"""Forms of the door page: one search box (name or check-in code), one tap to check in, and a
short form for walk-ins."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meedoen.registrations.models import NAME_MAX

QUERY_MAX = NAME_MAX


class DoorSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or check-in code"),
        max_length=QUERY_MAX,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "autocapitalize": "off"}
        ),
    )

    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class CheckInForm(forms.Form):
    """The one-tap button: `undo` for a mistaken check-in; `q` brings the search back."""

    undo = forms.BooleanField(required=False)
    q = forms.CharField(max_length=QUERY_MAX, required=False)


class WalkInForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=60)
    comes_as = forms.ChoiceField(label=_("Comes as"), required=False)
    contact = forms.CharField(
        label=_("Email or phone"),
        max_length=200,
        required=False,
        help_text=_("Only if they want to hear from us."),
    )
    follow_up = forms.BooleanField(
        label=_("Wants to hear what happens next (needs email or phone)"), required=False
    )

    def __init__(self, *args: Any, comes_as: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "walk-in-%s")
        super().__init__(*args, **kwargs)
        self.fields["comes_as"].choices = [("", "—"), *comes_as]  # type: ignore[attr-defined]
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("follow_up") and not (data.get("contact") or "").strip():
            self.add_error("contact", _("Fill in an email address or phone number to follow up."))
        return data
