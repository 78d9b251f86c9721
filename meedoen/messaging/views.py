"""Staff pages of messaging: the team's texts (with a live preview on real data), settings and
contacts, and sending a failed message again. A meeting's messages pages and its call list are
in the registrations room (`views_messages.py`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.messaging import selectors, services
from meedoen.messaging.composing import message_preview, team_text
from meedoen.messaging.forms import (
    LANGUAGE_CHOICES,
    ContactForm,
    MessageTemplateForm,
    MessagingSettingsForm,
    PreviewMeetingForm,
)
from meedoen.messaging.models import MessageKind
from meedoen.messaging.previews import preview_choices, preview_subject
from meedoen.messaging.texts import placeholders_for
from meedoen.teams.access import actor_of, post_data, team_page_or, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_page, redirect_with_message
from meedoen.teams.models import Membership


def _url(actor: Membership, name: str, **kwargs: Any) -> str:
    return reverse(f"messaging:{name}", kwargs={"team_slug": actor.team.slug, **kwargs})


# ---------------------------------------------------------------------------------------------
# A failed message, sent again


@team_view()
def message_resend(request: HttpRequest, message_id: int) -> HttpResponse:
    actor = actor_of(request)
    message = selectors.message_for_actor(actor=actor, message_id=message_id)
    back = team_page_or(request, _url(actor, "template_list"))
    if request.method != "POST":
        return redirect(back)
    try:
        services.message_resend(actor=actor, message=message)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(back)
    return redirect_with_message(
        request,
        _("The message to %(name)s is being sent again.")
        % {"name": message.recipient_name or message.recipient_email},
        back,
    )


def _kind(kind: str) -> str:
    return selectors.message_kind_label(kind)


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
    meetings = preview_choices(actor=actor)
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
    actor: Membership, kind: str, language: str, subject: str, body: str, chosen_id: int
) -> dict[str, Any] | None:
    about = preview_subject(actor=actor, chosen_id=chosen_id, kind=kind)
    if about is None:
        return None
    rendered = message_preview(
        team=actor.team,
        kind=kind,
        language=language,
        subject=subject,
        body=body,
        subject_key=about.subject_key,
        meeting_id=about.meeting_id,
        recipient_name=actor.user.get_full_name() or actor.user.email,
    )
    return {"rendered": rendered, "title": about.title, "sample": about.sample}


@team_view()
def template_preview(
    request: HttpRequest, message_kind: str, message_language: str
) -> HttpResponse:
    """The live preview (htmx): the text as typed, filled with a meeting's real data."""
    actor = actor_of(request)
    kind, language = _kind_language(message_kind, message_language)
    form = MessageTemplateForm(request.POST or None, kind=kind, language=language)
    chooser = PreviewMeetingForm(request.POST or None, meetings=preview_choices(actor=actor))
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
