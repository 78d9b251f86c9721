"""Staff pages of a meeting's messages, under /t/<team_slug>/: counts and list, a test to
myself, what to bring, a save-the-date or invitation to a chosen audience, and the call list.
They live here, above meetings and messaging, because they need both; the team's texts,
settings and contacts are messaging's own pages."""

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

from meedoen.meetings.selectors import meeting_for_actor
from meedoen.messaging import selectors as messaging_selectors
from meedoen.messaging.models import Message, MessageKind
from meedoen.registrations import services_messages as services
from meedoen.registrations.forms_messages import (
    AudienceForm,
    CallOutcomeForm,
    PracticalNoteForm,
    TestSendForm,
)
from meedoen.registrations.selectors import first_registration_id
from meedoen.teams.access import actor_of, post_data, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_errors_apply, redirect_with_message
from meedoen.teams.models import Membership

LIST_LIMIT = 300


def _url(actor: Membership, name: str, **kwargs: Any) -> str:
    return reverse(f"registration_messages:{name}", kwargs={"team_slug": actor.team.slug, **kwargs})


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
        messaging_selectors.messages_for_meeting(actor=actor, meeting_id=meeting.pk, status=status)[
            : LIST_LIMIT + 1
        ]
    )
    note = messaging_selectors.practical_note_of(actor=actor, meeting_id=meeting.pk)
    return render(
        request,
        "registrations/messages/message_list.html",
        {
            "meeting": meeting,
            "counts": messaging_selectors.message_counts(
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
                registration_id=first_registration_id(actor=actor, meeting=meeting),
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
                    {
                        "confirming": True,
                        "count": len(recipients),
                        "kind_label": messaging_selectors.message_kind_label(kind),
                    }
                )
                status = 200
            except (DomainError, ValidationError) as error:
                form_errors_apply(form, error)
    return render(request, "registrations/messages/message_send.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# The call list


@team_view()
def call_list(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_for_actor(actor=actor, meeting_id=meeting_id)
    now = timezone.now()
    return render(
        request,
        "registrations/messages/call_list.html",
        {
            "meeting": meeting,
            "calls": list(
                messaging_selectors.calls_to_make(
                    actor=actor, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=now
                ).order_by("due_at", "recipient_name")
            ),
            "later": list(
                messaging_selectors.calls_later(
                    actor=actor, meeting_id=meeting.pk, meeting_ends_at=meeting.ends_at, now=now
                ).order_by("due_at", "recipient_name")
            ),
            "noted": list(
                messaging_selectors.calls_noted(actor=actor, meeting_id=meeting.pk)[:100]
            ),
            "outcomes": Message.CallOutcome.choices,
            "now": now,
        },
    )


@team_view()
def call_note(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = actor_of(request)
    message = messaging_selectors.message_for_actor(actor=actor, message_id=message_id)
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
