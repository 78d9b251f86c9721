"""A meeting's group division: its settings, and the table of every person per round."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.models import Meeting
from meedoen.registrations.models import Registration, WalkIn


class GroupDivision(models.Model):
    """Settings of a meeting's division and the quality of its last solved round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not divided yet")
        DIVIDED = "divided", _("divided")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="division")
    # answer key -> weight, e.g. {"comes_as": 2, "street": 1, "q:Wat is uw wijk?": 1}
    mix = models.JSONField(_("what must mix"), default=dict, blank=True)
    # a numeric answer whose table averages should be alike: "age_band" or "q:<label>"
    balance = models.CharField(_("answer to balance"), max_length=220, blank=True)
    table_count = models.PositiveSmallIntegerField(_("number of tables"), default=0)
    table_size = models.PositiveSmallIntegerField(_("people per table"), default=6)
    # optional places per table (without the facilitator); when set it fixes the tables
    table_sizes = models.JSONField(_("places per table"), default=list, blank=True)
    accessible_tables = models.JSONField(_("accessible tables"), default=list, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("facilitators")
    )
    minority_languages = models.JSONField(
        _("languages whose speakers must not sit alone"), default=list, blank=True
    )
    # staff rules on top of the data: sets of person keys ("r12", "w3") that must sit apart,
    # and person key -> table number (1-based), for every round
    keep_apart = models.JSONField(_("kept apart"), default=list, blank=True)
    fixed_tables = models.JSONField(_("fixed tables"), default=dict, blank=True)
    time_budget = models.PositiveSmallIntegerField(_("time to search (seconds)"), default=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    objective = models.FloatField(null=True, blank=True)
    bound_gap = models.FloatField(null=True, blank=True)
    random_objective = models.FloatField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.meeting)


class TableAssignment(models.Model):
    """One party (a registration with companions and helper), walk-in or facilitator at one
    table in one round. Locked rows keep their table when the round is solved again."""

    division = models.ForeignKey(
        GroupDivision, on_delete=models.CASCADE, related_name="assignments"
    )
    round = models.PositiveSmallIntegerField(default=1)
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    walk_in = models.ForeignKey(
        WalkIn, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    table = models.PositiveSmallIntegerField(_("table"))
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        ordering = ["round", "table", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        registration__isnull=False, walk_in__isnull=True, facilitator__isnull=True
                    )
                    | models.Q(
                        registration__isnull=True, walk_in__isnull=False, facilitator__isnull=True
                    )
                    | models.Q(
                        registration__isnull=True, walk_in__isnull=True, facilitator__isnull=False
                    )
                ),
                name="grouping_assignment_one_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.table}"

    @property
    def key(self) -> str:
        """Stable person key: r<id>, w<id> or f<user id>."""
        if self.registration_id:
            return f"r{self.registration_id}"
        if self.walk_in_id:
            return f"w{self.walk_in_id}"
        return f"f{self.facilitator_id}"


class SolveRun(models.Model):
    """One request to solve a round in the background: its state, for the progress bar.

    queued -> running -> done, or stopped (cancelled while running: the best division found
    so far is kept), cancelled (before it started: nothing changed), failed (with a message).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("searching")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped early")
        CANCELLED = "cancelled", _("cancelled")
        FAILED = "failed", _("failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    division = models.ForeignKey(GroupDivision, on_delete=models.CASCADE, related_name="runs")
    round = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    budget = models.FloatField(_("time to search (seconds)"), default=2.0)
    progress = models.FloatField(default=0.0)
    cancel_requested = models.BooleanField(default=False)
    message = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(
        "teams.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.division} round {self.round}: {self.status}"

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        return max(0, min(100, round(100 * self.progress)))
