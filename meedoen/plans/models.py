"""Participation plans: stakeholders in rings of interest, the rung each takes part on, the
methods and expected yield per rung, planned moments, the methods catalogue, and the team's
collaborative mapping sessions."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.plans.catalogue import RUNG_KEYS, method_info, rung_info
from meedoen.teams.models import Team

NAME_MAX = 120
TEXT_MAX = 4000


class Rung(models.TextChoices):
    """The six rungs of the participation ladder, bottom to top (see catalogue.LADDER)."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    ADVISE = "advise", _("Advise")
    COPRODUCE = "coproduce", _("Co-produce")
    CODECIDE = "codecide", _("(Co-)decide")
    CITIZEN_LED = "citizen_led", _("Residents lead their own initiative")


assert tuple(Rung.values) == RUNG_KEYS  # noqa: S101  (the two lists must never drift apart)


class Ring(models.TextChoices):
    """How much is at stake for a stakeholder: the inner ring is the highest interest."""

    HIGH = "high", _("high interest")
    MEDIUM = "medium", _("medium interest")
    LOW = "low", _("low interest")


class StakeholderKind(models.TextChoices):
    RESIDENT_GROUP = "resident_group", _("residents or resident group")
    ORGANISATION = "organisation", _("organisation")
    PROFESSIONAL = "professional", _("professional")
    POLICY = "policy", _("policy or municipality")
    OTHER = "other", _("other")


class Method(models.Model):
    """A way to involve people. Built-in methods (team is empty, key set) come from the
    catalogue and are shown in the reader's language; teams add their own."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="methods"
    )
    key = models.SlugField(max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    rungs = models.JSONField(_("rungs"), default=list)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    group_size = models.CharField(_("group size"), max_length=NAME_MAX, blank=True)
    duration = models.CharField(_("duration"), max_length=NAME_MAX, blank=True)
    preparation = models.TextField(_("preparation"), max_length=TEXT_MAX, blank=True)
    good_for = models.TextField(_("good for"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(team__isnull=True), name="method_builtin_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_builtin(self) -> bool:
        return self.team_id is None

    def text(self, field: str) -> str:
        """A descriptive field in the reader's language (built-ins come from the catalogue)."""
        if self.is_builtin and self.key:
            try:
                return str(getattr(method_info(self.key), field))
            except KeyError:
                pass
        return str(getattr(self, field))

    @property
    def rung_names(self) -> list[str]:
        return [str(rung_info(key).name) for key in self.rungs if key in RUNG_KEYS]


class MethodHidden(models.Model):
    """A team that never uses a built-in method hides it from its own lists."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="hidden_methods")
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "method"], name="method_hidden_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.team} hides {self.method}"


class ParticipationPlan(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ARCHIVED = "archived", _("archived")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("title"), max_length=NAME_MAX)
    theme = models.CharField(
        _("theme"), max_length=NAME_MAX, help_text=_("For example: healthy ageing, loneliness.")
    )
    neighbourhoods = models.JSONField(_("neighbourhoods"), default=list, blank=True)
    goal = models.TextField(_("goal"), max_length=TEXT_MAX)
    decision_at_stake = models.TextField(
        _("what is being decided"), max_length=TEXT_MAX, blank=True
    )
    room_for_influence = models.TextField(
        _("room for influence"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Be honest: what can residents change, and what is already fixed?"),
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participation plan")
        verbose_name_plural = _("participation plans")
        ordering = ["status", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Stakeholder(models.Model):
    """A group or organisation with a stake. Never a private resident: no personal data here."""

    plan = models.ForeignKey(
        ParticipationPlan, on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    normalized_name = models.CharField(max_length=NAME_MAX)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StakeholderKind.choices, default=StakeholderKind.OTHER
    )
    contact_person = models.CharField(
        _("contact person of the organisation"),
        max_length=NAME_MAX,
        blank=True,
        help_text=_("Only for organisations; never the name of a private resident."),
    )
    ring = models.CharField(_("interest"), max_length=10, choices=Ring.choices, default=Ring.MEDIUM)
    rung = models.CharField(
        _("takes part as"),
        max_length=20,
        choices=Rung.choices,
        blank=True,
        help_text=_("The rung of the ladder this stakeholder takes part on."),
    )
    contribution = models.TextField(_("what they can contribute"), max_length=TEXT_MAX, blank=True)
    notes = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "normalized_name"], name="stakeholder_unique_name_in_plan"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RungPlan(models.Model):
    """Steps 3 and 4 of the plan for one rung: the methods chosen and what it should yield."""

    plan = models.ForeignKey(ParticipationPlan, on_delete=models.CASCADE, related_name="rung_plans")
    rung = models.CharField(max_length=20, choices=Rung.choices)
    methods = models.ManyToManyField(Method, blank=True, related_name="+")
    expected_yield = models.TextField(_("what it should yield"), max_length=TEXT_MAX, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "rung"], name="rung_plan_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_rung_display()}"


class PlannedMoment(models.Model):
    """Something the plan intends to do, roughly when, on which rung and with which method."""

    plan = models.ForeignKey(ParticipationPlan, on_delete=models.CASCADE, related_name="moments")
    what = models.CharField(_("what"), max_length=200)
    when = models.CharField(
        _("roughly when"), max_length=NAME_MAX, blank=True, help_text=_("For example: March 2027.")
    )
    rung = models.CharField(_("rung"), max_length=20, choices=Rung.choices, blank=True)
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("method"),
    )
    stakeholders = models.ManyToManyField(
        Stakeholder, blank=True, related_name="moments", verbose_name=_("for whom")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.what


class MappingSession(models.Model):
    """The team maps stakeholders together: everyone writes notes privately during a
    countdown and places them in a ring; then all notes are revealed, discussed, decided."""

    class Status(models.TextChoices):
        LOBBY = "lobby", _("waiting to start")
        WRITING = "writing", _("writing")
        REVEALED = "revealed", _("discussing")
        CLOSED = "closed", _("closed")

    plan = models.ForeignKey(
        ParticipationPlan, on_delete=models.CASCADE, related_name="mapping_sessions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LOBBY)
    duration_seconds = models.PositiveIntegerField(_("minutes to write"), default=180)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    writing_ends_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=0, help_text="Bumped on every change, for polling."
    )

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.plan} · {self.opened_at:%Y-%m-%d}"

    def phase(self, *, now: datetime | None = None) -> str:
        """The phase as people experience it: writing ends by itself when the time is up."""
        if (
            self.status == self.Status.WRITING
            and self.writing_ends_at is not None
            and (now or timezone.now()) >= self.writing_ends_at
        ):
            return self.Status.REVEALED
        return self.status


class MappingNote(models.Model):
    session = models.ForeignKey(MappingSession, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(_("stakeholder"), max_length=NAME_MAX)
    ring = models.CharField(_("ring"), max_length=10, choices=Ring.choices, default=Ring.MEDIUM)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class MappingReflection(models.Model):
    note = models.ForeignKey(MappingNote, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.CharField(_("reflection"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class MappingDecision(models.Model):
    """The coordinator's decision for one group of notes (the same stakeholder written by
    several people): its name and final ring."""

    session = models.ForeignKey(MappingSession, on_delete=models.CASCADE, related_name="decisions")
    group_key = models.CharField(max_length=NAME_MAX)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    ring = models.CharField(_("ring"), max_length=10, choices=Ring.choices)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StakeholderKind.choices, default=StakeholderKind.OTHER
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "group_key"], name="mapping_decision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.ring}"
