"""Users, teams (the tenants), memberships with roles, invitations, the audit log and the
worker heartbeat."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A staff person. Email is the login; residents never have a User."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform admin"),
        default=False,
        help_text=_("May open the Django admin (together with superuser status)."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # noqa: RUF012

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


theme_class_validator = RegexValidator(
    r"^[a-z][a-z0-9-]{0,62}$",
    _("Use lowercase letters, digits and hyphens only, starting with a letter."),
)


class Team(models.Model):
    """A wijkteam: the tenant. Everything a team makes belongs to exactly one team."""

    class FormOfAddress(models.TextChoices):
        FORMAL = "u", _("formal (“u”)")
        INFORMAL = "je", _("informal (“je”)")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in web addresses"), max_length=60, unique=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    neighbourhoods = models.JSONField(
        _("neighbourhoods"),
        default=list,
        blank=True,
        help_text=_("The neighbourhoods (wijken and buurten) this team works in."),
    )
    form_of_address = models.CharField(
        _("form of address for residents"),
        max_length=2,
        choices=FormOfAddress.choices,
        default=FormOfAddress.FORMAL,
    )
    theme_class = models.CharField(
        _("theme class"),
        max_length=63,
        blank=True,
        validators=[theme_class_validator],
        help_text=_(
            "CSS class of your municipality's NL Design System theme, for example "
            "“denhaag-theme”. Empty: the open example theme."
        ),
    )
    theme_stylesheet_url = models.URLField(
        _("theme stylesheet"),
        blank=True,
        help_text=_("Web address (https) of the stylesheet that defines the theme class."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="team_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("team member")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    """A user's place in a team, with the role that decides what they may do there."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("member since"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["team", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="membership_unique_team_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.team} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.MEMBER)

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


class Invitation(models.Model):
    """An invitation by email to join a team. Only a hash of the token is stored."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "team",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.team}"

    def is_open(self, *, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > moment


class AuditLogEntry(models.Model):
    """Who did what, when. Written by services; read by coordinators of the team."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=80, help_text="A key from meedoen.teams.audit.")
    subject = models.CharField(max_length=80, blank=True, help_text="e.g. membership:12")
    subject_label = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["team", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class WorkerHeartbeat(models.Model):
    """The last moment a `meedoen worker` (or a `meedoen periodic` tick) was alive."""

    name = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"
