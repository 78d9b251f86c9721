"""A print run that is too large to make while the person waits: the worker makes it and
keeps the PDF for a few days (it holds personal data), the print page shows its progress."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.meetings.models import Meeting
from meedoen.teams.models import Membership, Team


class DocumentKind(models.TextChoices):
    BADGES = "badges", _("name badges")
    TABLE_LISTS = "tables", _("table lists")
    WALL_LIST = "wall", _("wall list")
    SIGN_IN = "signin", _("sign-in sheet")
    POSTER = "poster", _("poster or flyer")
    TIP_CARDS = "tipcards", _("tip cards")
    LETTERS = "letters", _("invitation letters")


class PrintRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for its turn")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="print_runs")
    kind = models.CharField(_("what"), max_length=10, choices=DocumentKind.choices)
    # The choices of the print form; addresses for letters are removed once the PDF is made.
    options = models.JSONField(default=dict, blank=True)
    items = models.PositiveIntegerField(_("number"), default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(null=True, blank=True)
    filename = models.CharField(max_length=120, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # When the worker last showed progress: a run that stays silent has lost its worker.
    progress_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.meeting}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
