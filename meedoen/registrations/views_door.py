"""The door page of a meeting: live counts, find people by name or check-in code (typed or
scanned), check a whole party in with one tap or undo it, and add walk-ins. Works with full
page loads; htmx swaps only the fragments that change."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.models import Meeting
from meedoen.registrations import selectors, services
from meedoen.registrations.errors import RegistrationClosed
from meedoen.registrations.forms_door import CheckInForm, DoorSearchForm, WalkInForm
from meedoen.registrations.models import Registration, comes_as_choices
from meedoen.teams.access import actor_of, team_view
from meedoen.teams.models import Membership

TEMPLATE = "registrations/door/door.html"
DEVICE_COOKIE = "meedoen_door_device"
DEVICE_ALPHABET = services.CHECKIN_ALPHABET
DEVICE_MAX_AGE = 60 * 60 * 24 * 365
_DEVICE_PATTERN = re.compile(r"^[\w-]{1,40}$")
COUNTS_TARGET = "door-counts"


def _door_url(meeting: Meeting, query: str = "") -> str:
    url = reverse("door:door", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk})
    return f"{url}?{urlencode({'q': query})}" if query else url


def _device(request: HttpRequest) -> str:
    """The label of this phone or laptop, kept in a cookie the door page sets."""
    label = request.COOKIES.get(DEVICE_COOKIE, "")
    return label if _DEVICE_PATTERN.match(label) else ""


def _new_device() -> str:
    code = "".join(secrets.choice(DEVICE_ALPHABET) for _ in range(4))
    return _("door-%(code)s") % {"code": code}


def _comes_as(meeting: Meeting) -> list[tuple[str, Any]]:
    return comes_as_choices(selectors.registration_settings_of(meeting=meeting))


def _context(
    request: HttpRequest,
    actor: Membership,
    meeting: Meeting,
    *,
    query: str = "",
    walk_in_form: WalkInForm | None = None,
    message: str = "",
    message_error: bool = False,
) -> dict[str, Any]:
    counts = selectors.attendance(meeting=meeting)
    results = selectors.door_search(actor=actor, meeting=meeting, query=query) if query else []
    present = counts.present_registrations
    return {
        "meeting": meeting,
        "counts": counts,
        "query": query,
        "search_form": DoorSearchForm(initial={"q": query}),
        "rows": [(r, r.pk in present) for r in results],
        "walk_in_form": walk_in_form or WalkInForm(comes_as=_comes_as(meeting)),
        "device": _device(request),
        "door_url": _door_url(meeting),
        "message": message,
        "message_error": message_error,
    }


def _fragments(request: HttpRequest, context: dict[str, Any], *names: str) -> HttpResponse:
    """Fragments of the door page for htmx; the ones after the first are swapped out of band."""
    html = [
        render_to_string(f"{TEMPLATE}#{name}", {**context, "oob": index > 0}, request)
        for index, name in enumerate(names)
    ]
    return HttpResponse("".join(html))


@team_view()
def door(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    query = DoorSearchForm(request.GET).query()
    context = _context(request, actor, meeting, query=query)
    if request.htmx:  # type: ignore[attr-defined]
        target = request.htmx.target  # type: ignore[attr-defined]
        return _fragments(request, context, "counts" if target == COUNTS_TARGET else "results")
    new_device = "" if context["device"] else _new_device()
    response = render(request, TEMPLATE, {**context, "device": context["device"] or new_device})
    if new_device:
        response.set_cookie(
            DEVICE_COOKIE,
            new_device,
            max_age=DEVICE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _registration_at(actor: Membership, meeting: Meeting, registration_id: int) -> Registration:
    registration = selectors.registration_for_actor(actor=actor, registration_id=registration_id)
    if registration.meeting_id != meeting.pk:
        raise Http404
    return registration


@team_view()
def check_in(request: HttpRequest, meeting_id: int, registration_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    registration = _registration_at(actor, meeting, registration_id)
    if request.method != "POST":
        return redirect(_door_url(meeting))
    form = CheckInForm(request.POST)
    form.is_valid()
    undo = bool(form.cleaned_data.get("undo"))
    query = (form.cleaned_data.get("q") or "").strip()
    error = False
    try:
        services.check_in_record(
            actor=actor, registration=registration, device=_device(request), undo=undo
        )
    except RegistrationClosed as closed:
        message, error = str(closed.message), True
    else:
        if undo:
            message = _("Check-in of %(name)s undone.") % {"name": registration.name}
        elif registration.places > 1:
            message = _("%(name)s is present, with their party (%(places)d people).") % {
                "name": registration.name,
                "places": registration.places,
            }
        else:
            message = _("%(name)s is present.") % {"name": registration.name}
    if request.htmx:  # type: ignore[attr-defined]
        context = _context(
            request, actor, meeting, query=query, message=message, message_error=error
        )
        return _fragments(request, context, "results", "counts_list", "message")
    (messages.error if error else messages.success)(request, message)
    return redirect(_door_url(meeting, query))


@team_view()
def walk_in_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method != "POST":
        return redirect(_door_url(meeting))
    form = WalkInForm(request.POST, comes_as=_comes_as(meeting))
    htmx = bool(request.htmx)  # type: ignore[attr-defined]
    if form.is_valid():
        walk_in = services.walk_in_add(actor=actor, meeting=meeting, **form.cleaned_data)
        message = _("Walk-in %(name)s added.") % {"name": walk_in.first_name}
        if not htmx:
            messages.success(request, message)
            return redirect(_door_url(meeting) + "#walk-in")
        context = _context(request, actor, meeting, message=message)
        return _fragments(request, context, "walk_in", "counts_list", "message")
    context = _context(request, actor, meeting, walk_in_form=form)
    if htmx:
        # htmx swaps only successful answers: the form with its errors comes back as a 200.
        return _fragments(request, context, "walk_in")
    return render(request, TEMPLATE, context, status=400)
