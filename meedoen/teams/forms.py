"""Forms of the teams room. They only parse and validate input; services make the change."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from meedoen.teams.fields import LinesField
from meedoen.teams.models import Role, Team, User


class LoginForm(AuthenticationForm):
    """Email and password. The field keeps the name `username` for django-axes."""

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _(
            "That email address and password do not match. Check both and try again; "
            "after five wrong attempts the account is locked for an hour."
        ),
        "inactive": _("This account has been switched off. Ask your coordinator."),
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        initial=Role.MEMBER,
        help_text=_(
            "Coordinators manage the team and its settings; team members do the work; "
            "viewers (for example a partner organisation) can only read."
        ),
    )


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            probe = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TeamSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    neighbourhoods = LinesField(
        label=_("Neighbourhoods"),
        required=False,
        help_text=_("One per line."),
    )
    theme_stylesheet_url = forms.URLField(
        label=_("Theme stylesheet"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("Web address (https) of the stylesheet that defines the theme class."),
    )

    class Meta:
        model = Team
        fields = [
            "name",
            "municipality",
            "neighbourhoods",
            "form_of_address",
            "theme_class",
            "theme_stylesheet_url",
        ]
        widgets = {"form_of_address": forms.RadioSelect}

    def clean_theme_stylesheet_url(self) -> str:
        url = str(self.cleaned_data.get("theme_stylesheet_url") or "")
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("Use a secure address that starts with https://."))
        return url


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
