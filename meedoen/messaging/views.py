"""Staff pages of messaging: a meeting's messages (counts, list, test, resend, sending to an
audience, what to bring), its call list, and the team's texts, settings and contacts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meedoen.meetings.models import Meeting
from meedoen.meetings.selectors import meeting_for_actor, meetings_for_actor
from meedoen.messaging import selectors, services
from meedoen.messaging.composing import message_preview, team_text
from meedoen.messaging.forms import (
    LANGUAGE_CHOICES,
    AudienceForm,
    CallOutcomeForm,
    ContactForm,
    MessageTemplateForm,
    MessagingSettingsForm,
    PracticalNoteForm,
    PreviewMeetingForm,
    TestSendForm,
)
from meedoen.messaging.models import Message, MessageKind
from meedoen.messaging.texts import REGISTRATION_KINDS, placeholders_for
from meedoen.registrations.models import Registration
from meedoen.registrations.selectors import registrations_for_meeting
from meedoen.teams.access import actor_of, post_data, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_errors_apply, form_page, redirect_with_message
from meedoen.teams.models import Membership

LIST_LIMIT = 300


def _url(actor: Membership, name: str, **kwargs: Any) -> str:
    return reverse(f"messaging:{name}", kwargs={"team_slug": actor.team.slug, **kwargs})


def _first_registration_id(actor: Membership, meeting: Meeting) -> int | None:
    """Real data for a test or preview: the first person still registered."""
    first = (
        registrations_for_meeting(actor=actor, meeting=meeting)
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("created_at", "id")
        .first()
    )
    return first.pk if first else None


def _error_message(request: HttpRequest, error: DomainError | ValidationError) -> None:
    text = str(error.message) if isinstance(error, DomainError) else " ".join(error.messages)
    messages.error(request, text)


# ---------------------------------------------------------------------------------------------
# A meeting's messages


@team_view()
def message_list(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    status = request.GET.get("status", "")
    if status not in Message.Status.values:
        status = ""
    rows = list(
        selectors.messages_for_meeting(actor=actor, meeting_id=meeting.pk, status=status)[
            : LIST_LIMIT + 1
        ]
    )
    note = selectors.practical_note_of(actor=actor, meeting_id=meeting.pk)
    return render(
        request,
        "messaging/message_list.html",
        {
            "meeting": meeting,
            "counts": selectors.message_counts(
                actor=actor,
                meeting_id=meeting.pk,
                meeting_ends_at=meeting.ends_at,
                now=timezone.now(),
            ),
            "rows": rows[:LIST_LIMIT],
            "more": len(rows) > LIST_LIMIT,
            "status": status,
            "statuses": [
                (value, label)
                for value, label in Message.Status.choices
                if value != Message.Status.SENDING
            ],
            "test_form": TestSendForm(),
            "bring_form": PracticalNoteForm(initial={"bring": note.bring if note else ""}),
        },
    )


@team_view()
def message_test(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    back = _url(actor, "message_list", meeting_id=meeting.pk)
    form = TestSendForm(post_data(request))
    if request.method != "POST":
        return redirect(back)
    if form.is_valid():
        try:
            services.message_test_send(
                actor=actor,
                meeting=meeting,
                kind=form.cleaned_data["kind"],
                registration_id=_first_registration_id(actor, meeting),
            )
        except (DomainError, ValidationError) as error:
            _error_message(request, error)
        else:
            return redirect_with_message(
                request,
                _("A test is on its way to %(email)s.") % {"email": actor.user.email},
                back,
            )
    return redirect(back)


@team_view()
def message_resend(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = actor_of(request)
    message = selectors.message_for_actor(actor=actor, message_id=message_id)
    meeting_id = (message.context or {}).get("meeting_id")
    back = (
        _url(actor, "message_list", meeting_id=meeting_id)
        if isinstance(meeting_id, int)
        else _url(actor, "template_list")
    )
    if request.method != "POST":
        return redirect(back)
    try:
        services.message_resend(actor=actor, message=message)
    except DomainError as error:
        _error_message(request, error)
        return redirect(back)
    return redirect_with_message(
        request,
        _("The message to %(name)s is being sent again.")
        % {"name": message.recipient_name or message.recipient_email},
        back,
    )


@team_view()
def practical_note(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    back = _url(actor, "message_list", meeting_id=meeting.pk)
    form = PracticalNoteForm(post_data(request))
    if request.method == "POST" and form.is_valid():
        services.practical_note_save(actor=actor, meeting=meeting, bring=form.cleaned_data["bring"])
        return redirect_with_message(request, _("Saved what to bring."), back)
    return redirect(back)


@team_view()
def message_send(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Choose what to send and to whom; the next step shows how many people that is, and only
    a second click sends."""
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    form = AudienceForm(post_data(request), initial={"kind": MessageKind.INVITATION})
    context: dict[str, Any] = {"meeting": meeting, "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            audience = form.audience()
            kind = form.cleaned_data["kind"]
            try:
                if "confirm" in request.POST:
                    count = services.meeting_messages_send(
                        actor=actor, meeting=meeting, kind=kind, audience=audience
                    )
                    text = ngettext(
                        "%(count)d message is on its way.",
                        "%(count)d messages are on their way.",
                        count,
                    ) % {"count": count}
                    if not count:
                        text = _("Everyone in this group already had this message.")
                    return redirect_with_message(
                        request, text, _url(actor, "message_list", meeting_id=meeting.pk)
                    )
                recipients = services.audience_recipients(
                    actor=actor, meeting=meeting, audience=audience
                )
                context.update(
                    {"confirming": True, "count": len(recipients), "kind_label": _kind(kind)}
                )
                status = 200
            except (DomainError, ValidationError) as error:
                form_errors_apply(form, error)
    return render(request, "messaging/message_send.html", context, status=status)


def _kind(kind: str) -> str:
    return selectors.message_kind_label(kind)


# ---------------------------------------------------------------------------------------------
# The call list


@team_view()
def call_list(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    now = timezone.now()
    return render(
        request,
        "messaging/call_list.html",
        {
            "meeting": meeting,
            "calls": list(
                selectors.calls_to_make(
                    actor=actor, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=now
                ).order_by("due_at", "recipient_name")
            ),
            "later": list(
                selectors.calls_later(
                    actor=actor, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=now
                ).order_by("due_at", "recipient_name")
            ),
            "noted": list(selectors.calls_noted(actor=actor, meeting_id=meeting.pk)[:100]),
            "outcomes": Message.CallOutcome.choices,
            "now": now,
        },
    )


@team_view()
def call_note(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = actor_of(request)
    message = selectors.message_for_actor(actor=actor, message_id=message_id)
    meeting_id = (message.context or {}).get("meeting_id")
    if message.channel != Message.Channel.CALL or not isinstance(meeting_id, int):
        raise Http404
    back = _url(actor, "call_list", meeting_id=meeting_id)
    form = CallOutcomeForm(post_data(request))
    if request.method != "POST":
        return redirect(back)
    if form.is_valid():
        try:
            services.call_outcome_note(
                actor=actor, message=message, outcome=form.cleaned_data["outcome"]
            )
        except (DomainError, ValidationError) as error:
            _error_message(request, error)
        else:
            outcome = dict(Message.CallOutcome.choices)[form.cleaned_data["outcome"]]
            return redirect_with_message(
                request,
                _("Noted for %(name)s: %(outcome)s.")
                % {"name": message.recipient_name, "outcome": outcome},
                back,
            )
    return redirect(back)


# ---------------------------------------------------------------------------------------------
# The team's texts


def _kind_language(kind: str, language: str) -> tuple[str, str]:
    if kind not in MessageKind.values or language not in dict(LANGUAGE_CHOICES):
        raise Http404
    return kind, language


@team_view()
def template_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    own = selectors.message_templates_of(actor=actor)
    rows = [
        (kind, [(code, label, own.get((kind.value, code))) for code, label in LANGUAGE_CHOICES])
        for kind in MessageKind
    ]
    return render(request, "messaging/template_list.html", {"rows": rows})


def _preview_meetings(actor: Membership) -> list[tuple[int, str]]:
    meetings = meetings_for_actor(actor=actor).order_by("-starts_at")[:30]
    return [(m.pk, f"{m.title} ({timezone.localtime(m.starts_at):%d-%m-%Y})") for m in meetings]


@team_view()
def template_edit(request: HttpRequest, message_kind: str, message_language: str) -> HttpResponse:
    actor = actor_of(request)
    kind, language = _kind_language(message_kind, message_language)
    own = selectors.message_template_of(actor=actor, kind=kind, language=language)
    subject, body = team_text(team=actor.team, kind=kind, language=language)
    form = MessageTemplateForm(
        post_data(request),
        kind=kind,
        language=language,
        initial={"subject": subject, "body": body},
    )
    meetings = _preview_meetings(actor)
    # Without JavaScript the preview form asks for this page again with ?meeting=<id>.
    chooser = PreviewMeetingForm(request.GET or None, meetings=meetings)
    preview_id = (
        chooser.cleaned_data["meeting"]
        if request.GET and chooser.is_valid()
        else (meetings[0][0] if meetings else None)
    )

    def save(data: dict[str, Any]) -> object:
        return services.message_template_save(
            actor=actor, kind=kind, language=language, subject=data["subject"], body=data["body"]
        )

    def done(_result: object) -> HttpResponse:
        return redirect_with_message(
            request,
            _("Saved the text “%(kind)s”.") % {"kind": _kind(kind)},
            _url(actor, "template_edit", message_kind=kind, message_language=language),
        )

    return form_page(
        request,
        form,
        save=save,
        done=done,
        template="messaging/template_edit.html",
        context={
            "kind": kind,
            "kind_label": _kind(kind),
            "language": language,
            "language_label": dict(LANGUAGE_CHOICES)[language],
            "own": own,
            "placeholders": placeholders_for(kind),
            "preview_form": PreviewMeetingForm(meetings=meetings, initial={"meeting": preview_id})
            if meetings
            else None,
            "preview": _preview(actor, kind, language, subject, body, preview_id)
            if preview_id
            else None,
        },
    )


def _preview(
    actor: Membership, kind: str, language: str, subject: str, body: str, meeting_id: int
) -> dict[str, Any]:
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    registration_id = _first_registration_id(actor, meeting) if kind in REGISTRATION_KINDS else None
    if kind in REGISTRATION_KINDS:
        subject_key = (
            f"registration:{registration_id}"
            if registration_id
            else f"registration_sample:{meeting.pk}"
        )
    else:
        subject_key = f"meeting:{meeting.pk}"
    rendered = message_preview(
        team=actor.team,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        subject_key=subject_key,
        meeting_id=meeting.pk,
        recipient_name=actor.user.get_full_name() or actor.user.email,
    )
    return {"rendered": rendered, "meeting": meeting, "sample": registration_id is None}


@team_view()
def template_preview(
    request: HttpRequest, message_kind: str, message_language: str
) -> HttpResponse:
    """The live preview (htmx): the text as typed, filled with a meeting's real data."""
    actor = actor_of(request)
    kind, language = _kind_language(message_kind, message_language)
    form = MessageTemplateForm(request.POST or None, kind=kind, language=language)
    chooser = PreviewMeetingForm(request.POST or None, meetings=_preview_meetings(actor))
    if request.method != "POST" or not chooser.is_valid():
        return render(request, "messaging/sections/preview.html", {"preview": None}, status=400)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(e) for field in form.errors.values() for e in field]
    preview = _preview(
        actor,
        kind,
        language,
        form.data.get("subject", ""),
        form.data.get("body", ""),
        chooser.cleaned_data["meeting"],
    )
    return render(
        request,
        "messaging/sections/preview.html",
        {"preview": preview, "errors": errors},
    )


@team_view()
def template_reset(request: HttpRequest, message_kind: str, message_language: str) -> HttpResponse:
    actor = actor_of(request)
    kind, language = _kind_language(message_kind, message_language)
    back = _url(actor, "template_edit", message_kind=kind, message_language=language)
    if request.method != "POST":
        return redirect(back)
    services.message_template_reset(actor=actor, kind=kind, language=language)
    return redirect_with_message(request, _("The built-in text is used again."), back)


# ---------------------------------------------------------------------------------------------
# Settings and contacts


@team_view(coordinator_only=True)
def settings_edit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    current = selectors.messaging_settings_of(team=actor.team)
    form = MessagingSettingsForm(post_data(request), instance=current)
    return form_page(
        request,
        form,
        save=lambda data: services.messaging_settings_save(actor=actor, **data),
        done=lambda _result: redirect_with_message(
            request, _("Saved the message settings."), _url(actor, "settings_edit")
        ),
        template="messaging/settings.html",
    )


@team_view()
def contact_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = ContactForm(post_data(request))
    return form_page(
        request,
        form,
        save=lambda data: services.contact_create(actor=actor, **data),
        done=lambda contact: redirect_with_message(
            request,
            _("Added %(name)s to the contacts.") % {"name": contact.name},
            _url(actor, "contact_list"),
        ),
        template="messaging/contact_list.html",
        context={"contacts": list(selectors.contacts_for_actor(actor=actor))},
    )


@team_view()
def contact_delete(request: HttpRequest, contact_id: int) -> HttpResponse:
    actor = actor_of(request)
    contact = selectors.contact_for_actor(actor=actor, contact_id=contact_id)
    if request.method != "POST":
        return render(request, "messaging/contact_delete.html", {"contact": contact})
    services.contact_delete(actor=actor, contact=contact)
    return redirect_with_message(
        request,
        _("Removed %(name)s from the contacts.") % {"name": contact.name},
        _url(actor, "contact_list"),
    )
