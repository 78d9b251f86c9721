"""Meetings through the three phases: the venue and its accessibility, the checklist (from the
team's template, due dates relative to the meeting), roles, scenarios, the programme and its
run sheet, outreach and materials."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.catalogue import DEFAULT_MATERIALS, DEFAULT_SCENARIOS, checklist_item
from meedoen.plans.models import Method, ParticipationPlan, Stakeholder
from meedoen.teams.models import Team

NAME_MAX = 120
TEXT_MAX = 4000


class Phase(models.TextChoices):
    PREPARE = "prepare", _("Prepare")
    MEETING = "meeting", _("The meeting")
    AFTERWARDS = "afterwards", _("Afterwards")


class Venue(models.Model):
    """A place in the neighbourhood the team meets in; reusable for the team's meetings.

    Accessibility answers are yes / no / not known yet (None)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("name"), max_length=NAME_MAX)
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=NAME_MAX, blank=True)
    why_here = models.TextField(
        _("why this place"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Informal, central, a place residents already know?"),
    )
    public_transport = models.TextField(_("public transport"), max_length=TEXT_MAX, blank=True)
    parking = models.TextField(_("parking"), max_length=TEXT_MAX, blank=True)
    parking_arranged = models.BooleanField(_("parking places arranged"), null=True, blank=True)
    step_free = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    lift = models.BooleanField(_("lift (or everything on the ground floor)"), null=True, blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), null=True, blank=True)
    quiet_room = models.BooleanField(_("quiet room"), null=True, blank=True)
    seating = models.BooleanField(_("enough chairs, also with armrests"), null=True, blank=True)
    projector = models.BooleanField(_("projector"), null=True, blank=True)
    screen = models.BooleanField(_("screen"), null=True, blank=True)
    microphone = models.BooleanField(_("microphone"), null=True, blank=True)
    wifi = models.BooleanField(_("wifi"), null=True, blank=True)
    visited_on = models.DateField(_("visited and checked in person on"), null=True, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("visited by"),
    )
    notes = models.TextField(_("notes"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    ACCESSIBILITY_FIELDS = (
        "step_free",
        "accessible_toilet",
        "lift",
        "hearing_loop",
        "quiet_room",
        "seating",
        "parking_arranged",
    )
    TECHNICAL_FIELDS = ("projector", "screen", "microphone", "wifi")

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SocialMoment(models.TextChoices):
    NONE = "none", _("none")
    COFFEE = "coffee", _("coffee and tea")
    LUNCH = "lunch", _("lunch")
    DRINKS = "drinks", _("neighbourhood drinks")
    DINNER = "dinner", _("a meal together")


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    class Grouping(models.TextChoices):
        TOGETHER = "together", _("bring different groups together")
        SEPARATE = "separate", _("invite groups separately")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="meetings")
    code = models.SlugField(_("short code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=NAME_MAX)
    purpose = models.TextField(
        _("purpose"),
        max_length=TEXT_MAX,
        help_text=_("What do we want to learn or decide together?"),
    )
    expectations = models.TextField(
        _("what residents can expect"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Be clear about what happens with their input, and what it cannot change."),
    )
    plan = models.ForeignKey(
        ParticipationPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("participation plan"),
    )
    stakeholders = models.ManyToManyField(
        Stakeholder, blank=True, related_name="+", verbose_name=_("for whom")
    )
    rungs = models.JSONField(_("rungs"), default=list, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), default=40)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    target_groups = models.TextField(_("target groups"), max_length=TEXT_MAX, blank=True)
    social_moment = models.CharField(
        _("social moment"),
        max_length=10,
        choices=SocialMoment.choices,
        default=SocialMoment.COFFEE,
    )
    grouping = models.CharField(
        _("groups of people"), max_length=10, choices=Grouping.choices, default=Grouping.TOGETHER
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("venue"),
    )
    team_present_at = models.TimeField(_("team present from"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    ready_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(max_length=TEXT_MAX, blank=True)
    schedule_version = models.PositiveIntegerField(
        default=1, help_text="Bumped when the meeting moves, so messages can say so once."
    )
    run_item = models.ForeignKey(
        "ProgrammeItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_item_started_at = models.DateTimeField(null=True, blank=True)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def date(self) -> date:
        return timezone.localtime(self.starts_at).date()

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_past(self, *, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())


class CatalogueText:
    """Texts that come from the catalogue are stored empty and shown in the reader's language;
    a team that rewrites them stores its own words."""

    key: str

    def _catalogue(self, field: str) -> str:
        if self.key:
            try:
                return str(getattr(self._catalogue_entry(), field))
            except KeyError:
                return ""
        return ""

    def _catalogue_entry(self) -> object:
        return checklist_item(self.key)

    def _text(self, own: str, field: str) -> str:
        return own or self._catalogue(field)

    def _require_text(self, own: str, field: str, model_field: str) -> None:
        if not own and not self._catalogue(field):
            raise ValidationError({model_field: _("This field cannot be blank.")})


class ChecklistText(CatalogueText):
    """A checklist task's title and explanation: the team's own words, or the catalogue's."""

    title: str
    help: str

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self._text(self.title, "title")

    @property
    def explanation(self) -> str:
        return self._text(self.help, "help")

    def clean(self) -> None:
        self._require_text(self.title, "title", "title")


class ChecklistStatus(models.TextChoices):
    OPEN = "open", _("to do")
    DONE = "done", _("done")
    NOT_APPLICABLE = "na", _("not applicable")


class TeamChecklistItem(ChecklistText, models.Model):
    """The team's own checklist template; made from the default catalogue on first use."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="checklist_template")
    key = models.SlugField(max_length=60, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    title = models.CharField(_("task"), max_length=200, blank=True)
    help = models.TextField(_("explanation"), max_length=TEXT_MAX, blank=True)
    due_days = models.IntegerField(
        _("due (days from the meeting)"),
        help_text=_("Negative is before the meeting, positive after it."),
    )
    optional = models.BooleanField(_("optional"), default=False)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "key"], condition=~models.Q(key=""), name="team_checklist_key"
            ),
        ]


class ChecklistItem(ChecklistText, models.Model):
    """One task of one meeting. Its due date follows the meeting: only the offset is stored."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="checklist")
    key = models.SlugField(max_length=60, blank=True)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    title = models.CharField(_("task"), max_length=200, blank=True)
    help = models.TextField(_("explanation"), max_length=TEXT_MAX, blank=True)
    due_days = models.IntegerField(_("due (days from the meeting)"))
    optional = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=4, choices=ChecklistStatus.choices, default=ChecklistStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    note = models.TextField(_("note"), max_length=TEXT_MAX, blank=True)
    evidence_url = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "key"], condition=~models.Q(key=""), name="checklist_item_key"
            ),
        ]

    @property
    def due_date(self) -> date:
        return self.meeting.date + timedelta(days=self.due_days)

    @property
    def is_open(self) -> bool:
        return self.status == ChecklistStatus.OPEN


class TeamTip(models.Model):
    """A tip a team wrote itself; shown next to the step it belongs to."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="tips")
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    topic = models.CharField(_("topic"), max_length=20)
    text = models.TextField(_("tip"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.text[:60]


class TipDismissal(models.Model):
    """A person who has read a tip and does not want to see it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissed_tips"
    )
    tip_key = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tip_key"], name="tip_dismissal_unique"),
        ]

    def __str__(self) -> str:
        return self.tip_key


class MeetingRole(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team member"),
    )
    name = models.CharField(
        _("or someone else"),
        max_length=NAME_MAX,
        blank=True,
        help_text=_("For example a key figure or social worker from the neighbourhood."),
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role"], name="meeting_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.person}"

    @property
    def person(self) -> str:
        return str(self.user) if self.user else self.name


class Scenario(CatalogueText, models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="scenarios")
    key = models.SlugField(max_length=60, blank=True)
    risk = models.CharField(_("what could go wrong"), max_length=200, blank=True)
    response = models.TextField(_("what we then do"), max_length=TEXT_MAX, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who acts"),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.risk_text

    def _catalogue_entry(self) -> object:
        return {s.key: s for s in DEFAULT_SCENARIOS}[self.key]

    @property
    def risk_text(self) -> str:
        return self._text(self.risk, "risk")

    @property
    def response_text(self) -> str:
        return self._text(self.response, "response")

    def clean(self) -> None:
        self._require_text(self.risk, "risk", "risk")
        self._require_text(self.response, "response", "response")


class ProgrammeItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("welcome and introduction")
        WORK_FORM = "work_form", _("work form")
        INFORMAL = "informal", _("informal time")
        CHECK = "check", _("check: is it clear, are we doing well, tips?")
        SUMMARY = "summary", _("summary and next steps")
        OTHER = "other", _("other")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="programme")
    title = models.CharField(_("what"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORK_FORM)
    duration_minutes = models.PositiveIntegerField(_("minutes"))
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work form from the catalogue"),
    )
    led_by = models.CharField(_("led by"), max_length=NAME_MAX, blank=True)
    materials = models.TextField(_("materials"), max_length=TEXT_MAX, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class OutreachAction(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        SKIPPED = "skipped", _("skipped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outreach")
    kind = models.CharField(_("kind"), max_length=30)
    description = models.CharField(_("what and where"), max_length=200)
    planned_on = models.DateField(_("when"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    how_it_went = models.TextField(_("how it went"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["planned_on", "id"]

    def __str__(self) -> str:
        return self.description


class Material(CatalogueText, models.Model):
    class Status(models.TextChoices):
        NEEDED = "needed", _("still to arrange")
        ARRANGED = "arranged", _("arranged")
        READY = "ready", _("ready at the venue")
        NOT_NEEDED = "na", _("not needed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="materials")
    key = models.SlugField(max_length=60, blank=True)
    name = models.CharField(_("material"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEEDED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label

    def _catalogue_entry(self) -> object:
        return {m.key: m for m in DEFAULT_MATERIALS}[self.key]

    @property
    def label(self) -> str:
        return self._text(self.name, "name")

    def clean(self) -> None:
        self._require_text(self.name, "name", "name")


class CalendarFeed(models.Model):
    """A private address from which a team member's calendar app reads the team's meetings."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="calendar_feed_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team}"
