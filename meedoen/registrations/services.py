"""Every change to registrations. One service admits every registration — online, by staff,
through a key figure — under a lock on the meeting, and places are always counted from the
registrations themselves, so a meeting never has more confirmed places than seats unless a
staff member overbooks on purpose."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from meedoen.meetings.models import Meeting
from meedoen.registrations import messages as registration_messages
from meedoen.registrations.errors import NoRoom, RegistrationClosed, RegistrationExists
from meedoen.registrations.models import (
    STAFF_CHANNELS,
    CheckIn,
    KeyFigure,
    NetworkPlace,
    Registration,
    RegistrationSettings,
    WalkIn,
)
from meedoen.teams.models import Membership
from meedoen.teams.permissions import require_editor, require_own_team
from meedoen.teams.services import audit_log_record, audit_log_record_action

# The lock on the meeting is what keeps concurrent registrations from overbooking. Tests switch
# it off once (with a pause between counting and writing) to show the double booking it
# prevents; nothing else may touch these two.
ADMISSION_LOCK = True
_after_count: Callable[[], None] = lambda: None  # noqa: E731

CHECKIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud

REGISTRATION_FIELDS = (
    "name",
    "email",
    "phone",
    "comes_as",
    "needs",
    "needs_other",
    "dietary",
    "follow_up",
    "privacy_consent",
    "street",
    "age_band",
    "languages",
    "organisation",
    "photo_consent",
    "companions",
    "brings_helper",
    "answers",
    "heard_via",
)
CHANGEABLE_FIELDS = tuple(f for f in REGISTRATION_FIELDS if f not in ("privacy_consent",))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def manage_token_for_nonce(nonce: str, *, secret: str | None = None) -> str:
    """The personal manage token behind a registration's nonce (HMAC with the secret key)."""
    digest = salted_hmac(
        "meedoen.registrations.manage", "registration-manage:" + nonce, secret=secret
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def registration_manage_token(registration: Registration) -> str:
    """The token of the person's manage link, rebuilt for a message sent later; empty for
    registrations made before tokens became derivable, or under a secret key that is no
    longer in SECRET_KEY or SECRET_KEY_FALLBACKS (the link is looked up by its hash, so only
    the token made at registration works: see docs/deploy.md on rotating the key)."""
    if not registration.manage_nonce:
        return ""
    for secret in (django_settings.SECRET_KEY, *django_settings.SECRET_KEY_FALLBACKS):
        token = manage_token_for_nonce(registration.manage_nonce, secret=secret)
        if token_hash(token) == registration.manage_token_hash:
            return token
    return ""


@dataclass(frozen=True)
class Admission:
    registration: Registration
    manage_token: str
    waiting_position: int | None


def _lock(meeting: Meeting) -> Meeting:
    """Take the meeting's lock: on PostgreSQL a row lock; on SQLite the write transaction
    (transaction_mode IMMEDIATE) already holds the database lock from its first statement."""
    if ADMISSION_LOCK:
        return Meeting.objects.select_for_update().get(pk=meeting.pk)
    return Meeting.objects.get(pk=meeting.pk)


def places_taken(meeting: Meeting) -> int:
    rows = Registration.objects.filter(
        meeting=meeting, status=Registration.Status.CONFIRMED
    ).values_list("companions", "brings_helper")
    return sum(1 + len(companions) + (1 if helper else 0) for companions, helper in rows)


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        meeting=registration.meeting_id,
        status=Registration.Status.WAITING,
        created_at__lt=registration.created_at,
    ).count()
    return ahead + 1


def _check_open(meeting: Meeting, channel: str, now: datetime) -> None:
    if meeting.is_cancelled:
        raise RegistrationClosed(_("This meeting has been cancelled."))
    if meeting.starts_at <= now:
        raise RegistrationClosed(_("This meeting has already started or taken place."))
    if channel in STAFF_CHANNELS:
        return
    published = RegistrationSettings.objects.filter(meeting=meeting, published=True).exists()
    if not published:
        raise RegistrationClosed(_("Registration for this meeting is not open."))
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        raise RegistrationClosed(
            _("Registration opens on %(date)s.")
            % {"date": timezone.localtime(meeting.registration_opens_at).strftime("%d-%m-%Y %H:%M")}
        )
    if meeting.registration_closes_at and now >= meeting.registration_closes_at:
        raise RegistrationClosed(_("Registration for this meeting has closed."))


def _checkin_code(meeting: Meeting) -> str:
    while True:
        code = "".join(secrets.choice(CHECKIN_ALPHABET) for _ in range(6))
        if not Registration.objects.filter(meeting=meeting, checkin_code=code).exists():
            return code


def registration_admit(
    *,
    meeting: Meeting,
    channel: str,
    actor: Membership | None = None,
    key_figure: KeyFigure | None = None,
    overbook_reason: str = "",
    now: datetime | None = None,
    **fields: Any,
) -> Admission:
    """Register someone: confirmed while there are places for their whole party, otherwise on
    the waiting list. Staff (an actor) may enter phone, paper and in-person registrations and
    may overbook on purpose, with a reason."""
    unknown = set(fields) - set(REGISTRATION_FIELDS)
    if unknown:
        raise TypeError(f"registration_admit does not take {sorted(unknown)}")
    now = now or timezone.now()
    if actor is not None:
        require_own_team(actor, meeting.team_id)
    elif channel in STAFF_CHANNELS or overbook_reason:
        raise RegistrationClosed(_("Only team members enter registrations for others."))
    nonce = secrets.token_urlsafe(16)
    token = manage_token_for_nonce(nonce)
    registration = Registration(
        meeting=meeting,
        channel=channel,
        key_figure=key_figure,
        created_by=actor.user if actor else None,
        created_at=now,
        manage_token_hash=token_hash(token),
        manage_nonce=nonce,
        **fields,
    )
    registration.name = " ".join(registration.name.split())
    registration.email = registration.email.strip().lower()
    with transaction.atomic():
        meeting = _lock(meeting)
        _check_open(meeting, channel, now)
        if registration.email:
            existing = (
                Registration.objects.filter(meeting=meeting, email__iexact=registration.email)
                .exclude(status=Registration.Status.CANCELLED)
                .first()
            )
            if existing is not None:
                raise RegistrationExists(
                    _("This email address is already registered for this meeting."),
                    existing=existing,
                )
        free = meeting.capacity - places_taken(meeting)
        _after_count()
        fits = registration.places <= free
        if fits or overbook_reason:
            registration.status = Registration.Status.CONFIRMED
            registration.overbooked_reason = "" if fits else overbook_reason.strip()[:300]
        else:
            registration.status = Registration.Status.WAITING
        registration.checkin_code = _checkin_code(meeting)
        registration.full_clean(exclude=["checkin_code"])
        registration.save()
        if actor is not None:
            audit_log_record_action(
                actor=actor,
                action="registration.overbooked"
                if registration.overbooked_reason
                else "registration.entered",
                obj=registration,
                label=f"{meeting.title} #{registration.pk}",
                now=now,
                channel=channel,
                reason=registration.overbooked_reason,
            )
        registration_messages.registration_messages_admitted(registration, now=now)
    return Admission(registration, token, waiting_position(registration))


def _promote(meeting: Meeting, now: datetime) -> list[Registration]:
    """Fill freed places: the first waiting party that fits, then the next that fits, …;
    a larger party further up keeps its place in the queue. Call under the meeting's lock."""
    free = meeting.capacity - places_taken(meeting)
    promoted = []
    for waiting in Registration.objects.filter(
        meeting=meeting, status=Registration.Status.WAITING
    ).order_by("created_at", "id"):
        if free <= 0:
            break
        waiting.meeting = meeting  # its messages read the meeting and team: no query each
        if waiting.places <= free:
            waiting.status = Registration.Status.CONFIRMED
            waiting.promoted_at = now
            waiting.save(update_fields=["status", "promoted_at"])
            free -= waiting.places
            promoted.append(waiting)
    if promoted:
        audit_log_record(
            team=meeting.team,
            actor=None,
            action="registration.promoted",
            subject=f"meeting:{meeting.pk}",
            subject_label=meeting.title,
            details={"registrations": [r.pk for r in promoted]},
            now=now,
        )
        registration_messages.registration_messages_promoted(meeting, promoted, now=now)
    return promoted


def registration_cancel(
    *, registration: Registration, actor: Membership | None = None, now: datetime | None = None
) -> list[Registration]:
    """Cancel (by the person through their link, or by staff); returns who moved up."""
    now = now or timezone.now()
    if actor is not None:
        require_own_team(actor, registration.meeting.team_id)
    with transaction.atomic():
        meeting = _lock(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration_messages.registration_messages_stop(
            registration, reason=_("The registration was cancelled.")
        )
        if actor is not None:
            audit_log_record_action(
                actor=actor,
                action="registration.cancelled",
                obj=registration,
                label=f"{meeting.title} #{registration.pk}",
                now=now,
            )
        return _promote(meeting, now)


def registration_update(
    *, registration: Registration, now: datetime | None = None, **fields: Any
) -> Registration:
    """The person changes their registration through their link. More companions need room;
    fewer free places for others on the waiting list."""
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise TypeError(f"registration_update does not take {sorted(unknown)}")
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(registration.meeting)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationClosed(_("This registration was cancelled."))
        if meeting.starts_at <= now:
            raise RegistrationClosed(_("This meeting has already started or taken place."))
        before = registration.places
        reach_before = registration_messages.recipient_identity(registration)
        for field, value in fields.items():
            setattr(registration, field, value)
        registration.name = " ".join(registration.name.split())
        registration.email = registration.email.strip().lower()
        grows = registration.places - before
        if registration.status == Registration.Status.CONFIRMED and grows > 0:
            free = meeting.capacity - places_taken(meeting)
            if grows > free:
                raise NoRoom(
                    _("There is no room for more people. Only %(free)d place(s) are left.")
                    % {"free": max(free, 0)}
                )
        registration.full_clean()
        registration.save()
        if registration_messages.recipient_identity(registration) != reach_before:
            registration_messages.registration_messages_contact_changed(registration, now=now)
        if grows < 0:
            _promote(meeting, now)
    return registration


def registration_delete(*, registration: Registration, now: datetime | None = None) -> None:
    """The person deletes everything we hold about them; their places go to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(registration.meeting)
        registration_messages.registration_messages_forget(registration)
        Registration.objects.filter(pk=registration.pk).delete()
        _promote(meeting, now)


# ---------------------------------------------------------------------------------------------
# Settings, network, key-figure links


SETTINGS_FIELDS = (
    "published",
    "ask_street",
    "ask_age_band",
    "ask_languages",
    "ask_organisation",
    "ask_photo_consent",
    "allow_companions",
    "max_companions",
    "comes_as",
    "custom_questions",
    "privacy_url",
)


def registration_settings_for(*, meeting: Meeting) -> RegistrationSettings:
    settings, _created = RegistrationSettings.objects.get_or_create(meeting=meeting)
    return settings


def registration_settings_update(
    *, actor: Membership, meeting: Meeting, now: datetime | None = None, **fields: Any
) -> RegistrationSettings:
    require_own_team(actor, meeting.team_id)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"registration_settings_update does not take {sorted(unknown)}")
    with transaction.atomic():
        settings = registration_settings_for(meeting=meeting)
        for field, value in fields.items():
            setattr(settings, field, value)
        settings.full_clean()
        settings.save()
        audit_log_record_action(
            actor=actor, action="registration.settings", obj=meeting, label=meeting.title, now=now
        )
    return settings


def key_figure_create(
    *,
    actor: Membership,
    name: str,
    connection: str = "",
    contact: str = "",
    now: datetime | None = None,
) -> KeyFigure:
    require_editor(actor)
    figure = KeyFigure(
        team=actor.team,
        name=name.strip(),
        connection=connection.strip(),
        contact=contact.strip(),
        created_at=now or timezone.now(),
    )
    with transaction.atomic():
        figure.full_clean()
        figure.save()
        audit_log_record_action(
            actor=actor, action="network.key_figure", obj=figure, label=figure.name, now=now
        )
    return figure


def network_place_create(
    *, actor: Membership, name: str, kind: str = "", address: str = ""
) -> NetworkPlace:
    require_editor(actor)
    place = NetworkPlace(
        team=actor.team, name=name.strip(), kind=kind.strip(), address=address.strip()
    )
    with transaction.atomic():
        place.full_clean()
        place.save()
        audit_log_record_action(actor=actor, action="network.place", obj=place, label=place.name)
    return place


# ---------------------------------------------------------------------------------------------
# At the door


def check_in_record(
    *,
    actor: Membership,
    registration: Registration,
    device: str = "",
    undo: bool = False,
    now: datetime | None = None,
) -> CheckIn:
    """Note at the door that someone (and their party) came in — or undo a mistake. Events are
    only ever added, so two doors scanning the same person at once do no harm."""
    require_own_team(actor, registration.meeting.team_id)
    if registration.status == Registration.Status.CANCELLED and not undo:
        raise RegistrationClosed(_("This registration was cancelled."))
    event = CheckIn(
        meeting_id=registration.meeting_id,
        registration=registration,
        action=CheckIn.Action.UNDO if undo else CheckIn.Action.IN,
        at=now or timezone.now(),
        by=actor.user,
        device=device[:40],
    )
    event.full_clean()
    event.save()
    return event


def walk_in_add(
    *,
    actor: Membership,
    meeting: Meeting,
    first_name: str,
    comes_as: str = "",
    contact: str = "",
    follow_up: bool = False,
    now: datetime | None = None,
) -> WalkIn:
    """Someone came without registering. Not limited by the registration capacity."""
    require_own_team(actor, meeting.team_id)
    walk_in = WalkIn(
        meeting=meeting,
        first_name=" ".join(first_name.split()),
        comes_as=comes_as,
        contact=contact.strip(),
        follow_up=follow_up and bool(contact.strip()),
        at=now or timezone.now(),
        by=actor.user,
    )
    walk_in.full_clean()
    walk_in.save()
    return walk_in
