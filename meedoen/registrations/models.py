"""Registrations of residents (never an account): capacity and a waiting list counted from the
registrations themselves, personal manage links, the team's network of key figures and places."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.models import Meeting
from meedoen.teams.models import Team

NAME_MAX = 120
TEXT_MAX = 2000


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PHONE = "phone", _("by phone")
    PAPER = "paper", _("on paper")
    IN_PERSON = "in_person", _("in person")
    KEY_FIGURE = "key_figure", _("through a key figure")


# Channels where a team member enters the registration (their language is not the page's).
STAFF_CHANNELS = (Channel.PHONE, Channel.PAPER, Channel.IN_PERSON)


class HeardVia(models.TextChoices):
    POSTER = "poster", _("a poster")
    FLYER = "flyer", _("a flyer")
    KEY_FIGURE = "key_figure", _("someone I know")
    SOCIAL_MEDIA = "social_media", _("social media")
    NEWSLETTER = "newsletter", _("a newsletter")
    PERSONAL = "personal", _("a personal invitation")
    OTHER = "other", _("otherwise")


class Need(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("I use a wheelchair or walker")
    HEARING_LOOP = "hearing_loop", _("hearing loop")
    INTERPRETER = "interpreter", _("an interpreter")
    READING_HELP = "reading_help", _("help with reading")
    OTHER = "other", _("something else")


class AgeBand(models.TextChoices):
    UNDER_18 = "u18", _("under 18")
    AGE_18_34 = "18-34", _("18 to 34")
    AGE_35_54 = "35-54", _("35 to 54")
    AGE_55_74 = "55-74", _("55 to 74")
    AGE_75_PLUS = "75+", _("75 or older")


DEFAULT_COMES_AS = [
    ("resident", _("resident")),
    ("professional", _("professional")),
    ("volunteer", _("volunteer")),
    ("informal_carer", _("informal carer")),
    ("other", _("otherwise")),
]


COMES_AS_MAX = 40  # Registration.comes_as holds the value itself


def comes_as_choices(settings: RegistrationSettings | None) -> list[tuple[str, Any]]:
    """The team's "I come as" choices for a meeting: plain labels (the label is also the value
    kept on a registration) or [value, label] pairs; without own choices the default list."""
    choices: list[tuple[str, Any]] = []
    for item in settings.comes_as if settings else []:
        if isinstance(item, list | tuple) and len(item) == 2:
            value, label = str(item[0]), str(item[1])
        else:
            value = label = str(item)
        value = value.strip()[:COMES_AS_MAX]
        if value and value not in {c[0] for c in choices}:
            choices.append((value, label))
    return choices or list(DEFAULT_COMES_AS)


class KeyFigure(models.Model):
    """Someone in the neighbourhood others trust, who brings people along (sleutelfiguur)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="key_figures")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    connection = models.CharField(
        _("who they reach"),
        max_length=200,
        blank=True,
        help_text=_("For example: the women's group of the mosque, the seniors of the flats."),
    )
    contact = models.CharField(
        _("how to reach them"),
        max_length=200,
        blank=True,
        help_text=_("Phone or email, only if they agreed."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkPlace(models.Model):
    """A place where the team is visible: community centre, market, school, GP practice."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="network_places")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegistrationSettings(models.Model):
    """What the public form of one meeting asks, beyond the minimum."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="registration_settings"
    )
    published = models.BooleanField(
        _("public page online"),
        default=False,
        help_text=_("Residents can find the meeting and register."),
    )
    ask_street = models.BooleanField(_("ask for street or neighbourhood"), default=False)
    ask_age_band = models.BooleanField(_("ask for age group"), default=False)
    ask_languages = models.BooleanField(_("ask which languages they speak"), default=False)
    ask_organisation = models.BooleanField(
        _("ask professionals for their organisation"), default=False
    )
    ask_photo_consent = models.BooleanField(_("ask consent for photos"), default=False)
    allow_companions = models.BooleanField(_("people may bring someone along"), default=True)
    max_companions = models.PositiveSmallIntegerField(_("at most this many companions"), default=3)
    comes_as = models.JSONField(
        _("choices for “I come as”"),
        default=list,
        blank=True,
        help_text=_("One per line. Empty: resident, professional, volunteer, informal carer."),
    )
    custom_questions = models.JSONField(_("own questions"), default=list, blank=True)
    privacy_url = models.URLField(_("privacy statement"), blank=True)

    def __str__(self) -> str:
        return f"{self.meeting}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    key_figure = models.ForeignKey(
        KeyFigure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("key figure"),
    )
    heard_via = models.CharField(
        _("heard about it through"), max_length=14, choices=HeardVia.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    comes_as = models.CharField(_("comes as"), max_length=40, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_other = models.CharField(_("other needs"), max_length=300, blank=True)
    dietary = models.CharField(_("dietary wishes"), max_length=300, blank=True)
    follow_up = models.BooleanField(_("keep me informed afterwards"), default=False)
    privacy_consent = models.BooleanField(default=False)
    street = models.CharField(_("street or neighbourhood"), max_length=NAME_MAX, blank=True)
    age_band = models.CharField(_("age group"), max_length=5, choices=AgeBand.choices, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    organisation = models.CharField(_("organisation"), max_length=NAME_MAX, blank=True)
    photo_consent = models.BooleanField(_("may be photographed"), null=True, blank=True)
    companions = models.JSONField(_("coming along"), default=list, blank=True)
    brings_helper = models.BooleanField(_("brings a helper or interpreter"), default=False)
    answers = models.JSONField(default=dict, blank=True)
    manage_token_hash = models.CharField(max_length=64, unique=True)
    # The manage token is an HMAC of this nonce with the site's secret: the server can put the
    # link in a reminder a week later, the database alone cannot (empty for older rows).
    manage_nonce = models.CharField(max_length=32, blank=True, default="")
    checkin_code = models.CharField(max_length=8)
    overbooked_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "checkin_code"], name="registration_checkin_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def places(self) -> int:
        """The person, their companions, and a helper who comes along."""
        return 1 + len(self.companions) + (1 if self.brings_helper else 0)

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0]


class CheckIn(models.Model):
    """One event at the door: someone (with their party) came in, or a mistaken check-in was
    undone. Append-only; whether a person is present is derived from their latest event, so
    two doors and double scans cannot disagree."""

    class Action(models.TextChoices):
        IN = "in", _("checked in")
        UNDO = "undo", _("check-in undone")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="check_ins")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="check_ins"
    )
    action = models.CharField(max_length=4, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    device = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["registration", "at"])]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.action} {self.at:%H:%M}"


class WalkIn(models.Model):
    """Someone who came without registering: attendance, not a registration (no capacity)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="walk_ins")
    first_name = models.CharField(_("first name"), max_length=60)
    comes_as = models.CharField(_("comes as"), max_length=40, blank=True)
    contact = models.CharField(_("email or phone"), max_length=200, blank=True)
    follow_up = models.BooleanField(_("keep me informed afterwards"), default=False)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.first_name
