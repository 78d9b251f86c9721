"""Attendance figures and downloads for staff, and the .ics a resident adds to their calendar.
Reads only: viewers may see and download everything here."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.models import Meeting
from meedoen.registrations import exports, selectors
from meedoen.registrations.messages import registration_manage_url
from meedoen.registrations.models import Channel, comes_as_choices
from meedoen.teams.access import actor_of, team_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.") or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(meeting: Meeting, extension: str) -> str:
    prefix = slugify(_("registrations")) or "registrations"
    return f"{prefix}-{meeting.code}.{extension}"


def _rate_rows(
    table: dict[str, tuple[int, int]], labels: dict[str, Any]
) -> list[tuple[str, int, int, int | None]]:
    """(label, did not come, confirmed, percentage) per group, largest group first."""
    rows = []
    for key, (missing, total) in table.items():
        label = _("not filled in") if key == "?" else str(labels.get(key, key))
        rows.append((label, missing, total, round(100 * missing / total) if total else None))
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def _meeting_read(view: Callable[[HttpRequest, Meeting], HttpResponse]) -> Callable[..., Any]:
    """The team's meeting from the URL (404 for another team's), then: only reads (405)."""

    @wraps(view)
    def wrapper(request: HttpRequest, meeting_id: int) -> HttpResponse:
        meeting = meeting_selectors.meeting_for_actor(
            actor=actor_of(request), meeting_id=meeting_id
        )
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, meeting)

    return wrapper


@team_view()
@_meeting_read
def meeting_export(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    figures = selectors.attendance(meeting=meeting)
    comes_as = dict(comes_as_choices(selectors.registration_settings_of(meeting=meeting)))
    rate = figures.no_show_rate
    return render(
        request,
        "registrations/exports/meeting_export.html",
        {
            "meeting": meeting,
            "figures": figures,
            "is_past": meeting.is_past(now=timezone.now()),
            "no_show_percentage": None if rate is None else round(100 * rate),
            "by_channel": _rate_rows(figures.no_show_by_channel, dict(Channel.choices)),
            "by_comes_as": _rate_rows(figures.no_show_by_comes_as, comes_as),
        },
    )


@team_view()
@_meeting_read
def registrations_csv(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _download(
        exports.registrations_csv(meeting), "text/csv; charset=utf-8", _filename(meeting, "csv")
    )


@team_view()
@_meeting_read
def registrations_xlsx(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _download(exports.registrations_xlsx(meeting), XLSX, _filename(meeting, "xlsx"))


@never_cache
@require_safe
def registration_calendar(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The person's own .ics, from their manage page. The token is the only key."""
    registration = selectors.registration_by_token(token=token)
    if registration.meeting.code != code:
        raise Http404
    manage_url = registration_manage_url(code=code, token=token)
    response = _download(
        exports.registration_ics(registration, manage_url=manage_url),
        "text/calendar; charset=utf-8",
        f"{registration.meeting.code}.ics",
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response
