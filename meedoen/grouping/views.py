"""Staff pages of the grouping room: settings with a check first, the division per round,
moving and locking people, and placing walk-ins. Every change is a POST that redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from meedoen.grouping import selectors, services
from meedoen.grouping.forms import (
    DivisionSettingsForm,
    LockForm,
    MoveForm,
    SolveForm,
    WalkInPlaceForm,
)
from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.models import Meeting
from meedoen.teams.access import actor_of, team_view
from meedoen.teams.models import Membership

TEMPLATE = "grouping/division.html"


def _url(meeting: Meeting) -> str:
    return reverse(
        "grouping:division", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk}
    )


def _settings_form(actor: Membership, division: Any, data: Any = None) -> DivisionSettingsForm:
    return DivisionSettingsForm(
        data,
        initial=DivisionSettingsForm.initial_for(division),
        users=selectors.team_users(actor=actor),
        labels=selectors.mix_labels(),
    )


def _page(
    request: HttpRequest,
    actor: Membership,
    meeting: Meeting,
    *,
    form: DivisionSettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    division = selectors.division_of(actor=actor, meeting=meeting)
    rounds = selectors.division_rounds(actor=actor, division=division)
    context = {
        "meeting": meeting,
        "division": division,
        "form": form or _settings_form(actor, division),
        "problems": services.division_check(division=division),
        "rounds": rounds,
        "next_round": len(rounds) + 1 if len(rounds) < services.MAX_ROUNDS else None,
    }
    return render(request, TEMPLATE, context, status=status)


@team_view()
def division(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    return _page(request, actor, meeting)


@team_view()
def division_settings(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method != "POST":
        return redirect(_url(meeting))
    division = selectors.division_of(actor=actor, meeting=meeting)
    form = _settings_form(actor, division, request.POST)
    if not form.is_valid():
        return _page(request, actor, meeting, form=form, status=400)
    try:
        services.division_settings_save(actor=actor, division=division, **form.service_kwargs())
    except services.DivisionError as error:
        messages.error(request, error.message)
        return _page(request, actor, meeting, form=form, status=400)
    messages.success(request, _("The settings of the division were saved."))
    return redirect(_url(meeting))


def _post_action(
    request: HttpRequest,
    meeting_id: int,
    form_class: type[Form],
    act: Callable[[Membership, Meeting, dict[str, Any]], str],
) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method != "POST":
        return redirect(_url(meeting))
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Something is missing in what you sent. Please try again."))
        return redirect(_url(meeting))
    try:
        message = act(actor, meeting, form.cleaned_data)
    except services.DivisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect(_url(meeting) + "#division")


@team_view()
def division_solve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        division = selectors.division_of(actor=actor, meeting=meeting)
        services.division_solve(actor=actor, division=division, round_=data["round"])
        return _("Round %(round)s is divided.") % {"round": data["round"]}

    return _post_action(request, meeting_id, SolveForm, act)


@team_view()
def division_move(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        row = selectors.assignment_for_actor(
            actor=actor, meeting=meeting, assignment_id=data["assignment"]
        )
        services.division_move(actor=actor, assignment=row, table=data["table"])
        return _("Moved to table %(table)s.") % {"table": data["table"]}

    return _post_action(request, meeting_id, MoveForm, act)


@team_view()
def division_lock(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        row = selectors.assignment_for_actor(
            actor=actor, meeting=meeting, assignment_id=data["assignment"]
        )
        services.division_lock(actor=actor, assignment=row, locked=data["locked"])
        if data["locked"]:
            return _("Locked at table %(table)s.") % {"table": row.table}
        return _("Unlocked.")

    return _post_action(request, meeting_id, LockForm, act)


@team_view()
def walk_in_place(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        walk_in = selectors.walk_in_for_actor(
            actor=actor, meeting=meeting, walk_in_id=data["walk_in"]
        )
        row = services.walk_in_place(actor=actor, walk_in=walk_in, round_=data["round"])
        return _("%(name)s sits at table %(table)s.") % {
            "name": walk_in.first_name,
            "table": row.table,
        }

    return _post_action(request, meeting_id, WalkInPlaceForm, act)
