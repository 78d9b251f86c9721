"""Registrations and the outbox: what each registration is sent and when (confirmation, waiting
list, promotion, reminder, moved, cancelled, thank-you), and the provider that fills those
messages (subject ``registration:<id>``) with the meeting as it is at the moment of sending.

Every message is enqueued inside the same transaction as the change that causes it; the outbox
is idempotent, so a repeated call never makes a second message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedoen.meetings.messages import INVITING_KINDS, meeting_values
from meedoen.meetings.models import ChecklistStatus, Meeting
from meedoen.messaging import selectors as messaging_selectors
from meedoen.messaging.models import Message, MessageKind, MessagingSettings
from meedoen.messaging.services import (
    Recipient,
    message_enqueue,
    messages_cancel,
    messages_forget,
    messages_reschedule,
)
from meedoen.messaging.services.outbox import recipient_identity as outbox_recipient_identity
from meedoen.messaging.subjects import (
    MEETING_PREFIX,
    Attachment,
    SubjectContent,
    subject_key,
    subject_provider_register,
)
from meedoen.messaging.texts import (
    CALENDAR_KINDS,
    CALL_KINDS,
    QR_CONTENT_ID,
    QR_KINDS,
    REGISTRATION_KINDS,
)
from meedoen.registrations.models import STAFF_CHANNELS, Registration
from meedoen.registrations.qr import checkin_qr_png

PREFIX = "registration"
SAMPLE_PREFIX = "registration_sample"  # a test or preview of a meeting nobody registered for
THANKS_KINDS = (MessageKind.THANKS_ATTENDED, MessageKind.THANKS_ABSENT)
THANKS_WINDOW = timedelta(days=14)  # no thank-you for meetings longer ago than this


def _key(registration: Registration) -> str:
    return subject_key(PREFIX, registration.pk)


def meeting_subject_key(meeting: Meeting) -> str:
    """The subject of messages about the meeting itself (save-the-date, invitation)."""
    return subject_key(MEETING_PREFIX, meeting.pk)


def message_subject_key(*, meeting: Meeting, kind: str, registration_id: int | None) -> str:
    """What a test or preview of this kind is about: a real registration when there is one
    (its data, never its personal link), else a sample person; the meeting itself for the
    kinds that are not about a registration."""
    if kind not in REGISTRATION_KINDS:
        return meeting_subject_key(meeting)
    if registration_id:
        return subject_key(PREFIX, registration_id)
    return subject_key(SAMPLE_PREFIX, meeting.pk)


def _language(registration: Registration) -> str:
    """The language the person used: the page's language when they signed up themselves;
    Dutch when staff entered them."""
    if registration.channel in STAFF_CHANNELS:
        return "nl"
    language = (get_language() or "nl")[:2]
    return language if language in ("nl", "en") else "nl"


def _enqueue(
    registration: Registration,
    kind: str,
    *,
    now: datetime,
    due_at: datetime | None = None,
    occurrence: str = "",
    language: str | None = None,
    meeting: Meeting | None = None,
) -> Message | None:
    """One message about this registration. Someone without email gets a call on the call list,
    but only for the kinds worth a call. Pass ``meeting`` (with its team) in loops."""
    if not registration.email and kind not in CALL_KINDS:
        return None
    meeting = meeting or registration.meeting
    return message_enqueue(
        team=meeting.team,
        kind=kind,
        recipient=Recipient(
            name=registration.name,
            email=registration.email,
            phone=registration.phone,
            language=language or _language(registration),
        ),
        subject_key=_key(registration),
        occurrence=occurrence,
        due_at=due_at,
        context={"meeting_id": registration.meeting_id},
        now=now,
    )


def _language_of_messages(registration: Registration) -> str | None:
    """The language of the first message a registration got, so later ones match it."""
    return _languages_of_messages(registration.meeting, [registration]).get(_key(registration))


def _languages_of_messages(
    meeting: Meeting, registrations: Iterable[Registration]
) -> dict[str, str]:
    """The same for many registrations of one meeting, in one query (by subject key)."""
    return messaging_selectors.first_languages(
        team=meeting.team_id, keys=[_key(r) for r in registrations]
    )


def _reminder(
    registration: Registration,
    *,
    now: datetime,
    language: str | None = None,
    meeting: Meeting | None = None,
    settings: MessagingSettings | None = None,
) -> None:
    """Schedule the reminder of a confirmed registration. When its moment has passed already
    (someone signs up in the last week), the confirmation they just got is the reminder."""
    meeting = meeting or registration.meeting
    due = messaging_selectors.reminder_due_at(
        team=meeting.team, starts_at=meeting.starts_at, settings=settings
    )
    if due is None or due <= now:
        return
    _enqueue(
        registration,
        MessageKind.REMINDER,
        now=now,
        due_at=due,
        language=language,
        meeting=meeting,
    )


def registration_messages_admitted(registration: Registration, *, now: datetime) -> None:
    """Just registered: a confirmation (and the reminder) or the waiting-list notice."""
    if registration.status == Registration.Status.CONFIRMED:
        _enqueue(registration, MessageKind.CONFIRMATION, now=now)
        _reminder(registration, now=now)
    elif registration.status == Registration.Status.WAITING:
        _enqueue(registration, MessageKind.WAITING_LIST, now=now)


def registration_messages_promoted(
    meeting: Meeting, registrations: Iterable[Registration], *, now: datetime
) -> None:
    """Places from the waiting list, all of one meeting (with its team loaded)."""
    registrations = list(registrations)
    if not registrations:
        return
    settings = messaging_selectors.messaging_settings_of(team=meeting.team)
    languages = _languages_of_messages(meeting, registrations)
    for registration in registrations:
        language = languages.get(_key(registration))
        _enqueue(registration, MessageKind.PROMOTED, now=now, language=language, meeting=meeting)
        _reminder(registration, now=now, language=language, meeting=meeting, settings=settings)


def recipient_identity(registration: Registration) -> str:
    """What makes the outbox see another recipient (its idempotency key uses the same)."""
    return outbox_recipient_identity(
        email=registration.email, phone=registration.phone, name=registration.name
    )


def registration_messages_contact_changed(registration: Registration, *, now: datetime) -> None:
    """The person changed how to reach them: the reminder still to come goes to the new
    address (or becomes a call)."""
    language = _language_of_messages(registration)
    messages_cancel(
        team=registration.meeting.team_id,
        subject_key=_key(registration),
        kinds=[MessageKind.REMINDER],
        reason=_("They changed their email address or phone number."),
    )
    if registration.status == Registration.Status.CONFIRMED:
        _reminder(registration, now=now, language=language)


def registration_messages_forget(registration: Registration) -> None:
    """Deleted at the person's request: their messages (and so their address) go as well."""
    messages_forget(team=registration.meeting.team_id, subject_key=_key(registration))


def registration_messages_stop(registration: Registration, *, reason: str) -> None:
    """Cancelled or deleted: nothing that is still waiting goes out."""
    messages_cancel(
        team=registration.meeting.team_id, subject_key=_key(registration), reason=reason
    )


def _registered(meeting: Meeting) -> list[Registration]:
    return list(
        Registration.objects.filter(
            meeting=meeting,
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING],
        )
    )


def meeting_messages_moved(meeting: Meeting, *, now: datetime) -> None:
    """The meeting has a new time: one "moved" message per person (once per schedule version)
    and their reminder follows the new date."""
    settings = messaging_selectors.messaging_settings_of(team=meeting.team)
    due = messaging_selectors.reminder_due_at(
        team=meeting.team, starts_at=meeting.starts_at, settings=settings
    )
    registrations = _registered(meeting)
    languages = _languages_of_messages(meeting, registrations)
    for registration in registrations:
        registration.meeting = meeting
        key = _key(registration)
        language = languages.get(key)
        _enqueue(
            registration,
            MessageKind.MOVED,
            now=now,
            occurrence=str(meeting.schedule_version),
            language=language,
            meeting=meeting,
        )
        if registration.status != Registration.Status.CONFIRMED:
            continue
        if due is None or due <= now:
            messages_cancel(
                team=meeting.team_id,
                subject_key=key,
                kinds=[MessageKind.REMINDER],
                reason=_("The meeting moved to within a week: the moved message is the reminder."),
            )
        elif not messages_reschedule(
            team=meeting.team_id, subject_key=key, kind=MessageKind.REMINDER, due_at=due
        ):
            _reminder(registration, now=now, language=language, meeting=meeting, settings=settings)


def meeting_messages_cancelled(meeting: Meeting, *, now: datetime) -> None:
    """The meeting does not take place: what was scheduled stops (also invitations and
    save-the-dates still waiting); everyone who signed up hears it once."""
    reason = _("The meeting was cancelled.")
    messages_cancel(
        team=meeting.team_id,
        subject_key=meeting_subject_key(meeting),
        kinds=INVITING_KINDS,
        reason=reason,
    )
    registrations = _registered(meeting)
    languages = _languages_of_messages(meeting, registrations)
    for registration in registrations:
        registration.meeting = meeting
        key = _key(registration)
        messages_cancel(team=meeting.team_id, subject_key=key, reason=reason)
        _enqueue(
            registration,
            MessageKind.CANCELLED,
            now=now,
            language=languages.get(key),
            meeting=meeting,
        )


# ---------------------------------------------------------------------------------------------
# Periodic: the thank-you after the meeting, and ticking the meeting's checklist


def thanks_enqueue_due(*, now: datetime) -> int:
    """Once a meeting's thank-you moment has come: "thank you for coming" to those who were
    checked in, "we missed you" to confirmed people who were not. When nobody was checked in
    at all, attendance is unknown, and everyone confirmed gets the first (a warm thank-you to
    someone who stayed away does less harm than "we missed you" to someone who came)."""
    from meedoen.registrations.selectors import present_registration_ids

    made = 0
    # Only meetings where someone still waits for their thank-you: once everyone has had it,
    # the meeting costs nothing in the ticks of its remaining two weeks.
    thanked = messaging_selectors.messages_about(
        subject_key=Concat(Value(f"{PREFIX}:"), Cast(OuterRef("pk"), CharField())),
        kinds=THANKS_KINDS,
    )
    unthanked = Registration.objects.filter(
        meeting=OuterRef("pk"), status=Registration.Status.CONFIRMED
    ).exclude(email="")
    meetings = Meeting.objects.filter(
        Exists(unthanked.filter(~Exists(thanked))),
        status=Meeting.Status.PLANNED,
        ends_at__lte=now,
        ends_at__gt=now - THANKS_WINDOW,
    ).select_related("team")
    settings_by_team: dict[int, MessagingSettings] = {}
    for meeting in meetings:
        if meeting.team_id not in settings_by_team:
            settings_by_team[meeting.team_id] = messaging_selectors.messaging_settings_of(
                team=meeting.team
            )
        due = messaging_selectors.thanks_due_at(
            team=meeting.team, ends_at=meeting.ends_at, settings=settings_by_team[meeting.team_id]
        )
        if due > now:
            continue
        confirmed = [
            r
            for r in Registration.objects.filter(
                meeting=meeting, status=Registration.Status.CONFIRMED
            )
            if r.email
        ]
        done = messaging_selectors.subject_keys_with(
            team=meeting.team_id, keys=[_key(r) for r in confirmed], kinds=THANKS_KINDS
        )
        waiting = [r for r in confirmed if _key(r) not in done]
        if not waiting:
            continue
        present = present_registration_ids(meeting=meeting)
        languages = _languages_of_messages(meeting, waiting)
        for registration in waiting:
            registration.meeting = meeting
            came = not present or registration.pk in present
            kind = MessageKind.THANKS_ATTENDED if came else MessageKind.THANKS_ABSENT
            with transaction.atomic():
                sent = _enqueue(
                    registration,
                    kind,
                    now=now,
                    language=languages.get(_key(registration)),
                    meeting=meeting,
                )
            made += sent is not None
    return made


TICKS = {
    "reminders_sent": MessageKind.REMINDER,
    "thanks_sent": MessageKind.THANKS_ATTENDED,
}


def checklist_ticks_due(*, now: datetime) -> int:
    """Tick "reminders sent" and "thanks sent" on a meeting's checklist once they went out."""
    from meedoen.meetings.models import ChecklistItem
    from meedoen.meetings.services import checklist_tick

    ticked = 0
    items = ChecklistItem.objects.filter(
        key__in=list(TICKS),
        status=ChecklistStatus.OPEN,
        meeting__status=Meeting.Status.PLANNED,
        meeting__ends_at__gt=now - THANKS_WINDOW - timedelta(days=7),
        meeting__starts_at__lte=now + timedelta(days=61),  # no reminder is due before then
    ).select_related("meeting__team")
    for item in items:
        meeting = item.meeting
        kinds = THANKS_KINDS if item.key == "thanks_sent" else (TICKS[item.key],)
        if any(
            messaging_selectors.meeting_kind_done(
                team=meeting.team_id, meeting_id=meeting.pk, kind=kind, now=now
            )
            for kind in kinds
        ):
            evidence = reverse(
                "registration_messages:message_list",
                kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk},
            )
            checklist_tick(meeting=meeting, key=item.key, evidence_url=evidence, now=now)
            ticked += 1
    return ticked


# ---------------------------------------------------------------------------------------------
# The provider: values, the .ics and the QR code of one registration


def registration_manage_url(*, code: str, token: str) -> str:
    """The person's personal link to their registration, absolute (for mail and the .ics)."""
    return str(settings.MEEDOEN_BASE_URL) + reverse(
        "public:registration", kwargs={"code": code, "token": token}
    )


def _manage_url_of(registration: Registration) -> str:
    """The personal link rebuilt for a message sent later; empty without a derivable token."""
    from meedoen.registrations.services import registration_manage_token

    token = registration_manage_token(registration)
    if not token:
        return ""
    return registration_manage_url(code=registration.meeting.code, token=token)


def registration_content(pk: int, message: Message) -> SubjectContent | None:
    from meedoen.registrations.exports import registration_ics
    from meedoen.registrations.services import waiting_position

    registration = (
        Registration.objects.filter(pk=pk).select_related("meeting__venue", "meeting__team").first()
    )
    if registration is None:
        return None
    # A reminder that could not go out in time (worker down), or for someone who has cancelled
    # since, is of no use any more: it is cancelled instead of sent.
    useless_reminder = message.kind == MessageKind.REMINDER and (
        registration.meeting.starts_at <= timezone.now()
        or registration.status == Registration.Status.CANCELLED
    )
    if useless_reminder and not (message.context or {}).get("test"):
        return None
    # A test or preview shows a real person's data, but never their personal link (it is the
    # key to their registration): the meeting's public page stands in for it.
    is_test = bool((message.context or {}).get("test"))
    meeting_part = meeting_values(registration.meeting)
    link = meeting_part["meeting_link"] if is_test else ""
    link = link or _manage_url_of(registration)
    position = waiting_position(registration)
    values = {
        **meeting_part,
        "name": registration.name,
        "manage_link": link,
        "position": str(position) if position else "",
        "checkin_code": registration.checkin_code,
    }
    attachments = []
    if message.kind in CALENDAR_KINDS:
        ics = registration_ics(registration, manage_url=link or values["meeting_link"])
        attachments.append(Attachment(f"{registration.meeting.code}.ics", ics, "text/calendar"))
    images = {}
    if message.kind in QR_KINDS:
        images[QR_CONTENT_ID] = checkin_qr_png(registration.checkin_code)
    return SubjectContent(values=values, attachments=attachments, inline_images=images)


def registration_sample_content(meeting_pk: int, message: Message) -> SubjectContent | None:
    """A test message of a meeting without registrations: a sample person with a sample
    check-in code; the links point to the meeting's public page."""
    meeting = Meeting.objects.filter(pk=meeting_pk).select_related("venue").first()
    if meeting is None:
        return None
    values = meeting_values(meeting)
    values.update(
        {
            "name": message.recipient_name,
            "manage_link": values["meeting_link"],
            "position": "3",
            "checkin_code": SAMPLE_CODE,
        }
    )
    images = {QR_CONTENT_ID: checkin_qr_png(SAMPLE_CODE)} if message.kind in QR_KINDS else {}
    return SubjectContent(values=values, inline_images=images)


SAMPLE_CODE = "VBD123"
subject_provider_register(PREFIX, registration_content)
subject_provider_register(SAMPLE_PREFIX, registration_sample_content)
