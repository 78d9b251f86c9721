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
    ApartForm,
    ApartRemoveForm,
    DivisionSettingsForm,
    FixedForm,
    FixedRemoveForm,
    LockForm,
    MoveForm,
    SolveForm,
    SolveRunCancelForm,
    WalkInPlaceForm,
)
from meedoen.grouping.models import GroupDivision, SolveRun
from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.models import Meeting
from meedoen.teams.access import actor_of, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_errors_apply, redirect_with_message
from meedoen.teams.models import Membership

TEMPLATE = "grouping/division.html"


def _url(meeting: Meeting) -> str:
    return reverse(
        "grouping:division", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk}
    )


def _settings_form(
    actor: Membership, division: GroupDivision, data: Any = None
) -> DivisionSettingsForm:
    return DivisionSettingsForm(
        data,
        initial=DivisionSettingsForm.initial_for(division),
        users=selectors.team_users(actor=actor),
        mix=list(selectors.mix_labels(division.meeting).items()),
        balance=list(selectors.balance_labels(division.meeting).items()),
    )


def _run_context(actor: Membership, division: GroupDivision) -> dict[str, Any]:
    run = selectors.solve_run_latest(actor=actor, division=division)
    return {
        "run": run,
        "run_waiting_long": run is not None and selectors.solve_run_waiting_long(run),
    }


def _page(
    request: HttpRequest,
    actor: Membership,
    meeting: Meeting,
    *,
    status: int = 200,
    **forms: Form,
) -> HttpResponse:
    division = selectors.division_of(actor=actor, meeting=meeting)
    rounds = selectors.division_rounds(actor=actor, division=division)
    rules = selectors.division_rules(actor=actor, division=division)
    context = {
        "meeting": meeting,
        "division": division,
        "form": forms.get("form") or _settings_form(actor, division),
        "apart_form": forms.get("apart_form") or ApartForm(people=rules.people, prefix="apart"),
        "fixed_form": forms.get("fixed_form") or FixedForm(people=rules.people, prefix="fixed"),
        "rules": rules,
        "problems": services.division_check(division=division),
        "rounds": rounds,
        "next_round": len(rounds) + 1 if len(rounds) < services.MAX_ROUNDS else None,
        **_run_context(actor, division),
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
    except DomainError as error:
        form_errors_apply(form, error)
        return _page(request, actor, meeting, form=form, status=400)
    return redirect_with_message(
        request, _("The settings of the division were saved."), _url(meeting) + "#check"
    )


def _rule_form(
    request: HttpRequest,
    meeting_id: int,
    form_name: str,
    form_class: type[ApartForm] | type[FixedForm],
    act: Callable[[Membership, GroupDivision, dict[str, Any]], str],
) -> HttpResponse:
    """A rule form: errors go back onto the page with what was chosen; success redirects."""
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if request.method != "POST":
        return redirect(_url(meeting))
    division = selectors.division_of(actor=actor, meeting=meeting)
    rules = selectors.division_rules(actor=actor, division=division)
    form = form_class(request.POST, people=rules.people, prefix=form_name.removesuffix("_form"))
    if form.is_valid():
        try:
            message = act(actor, division, form.cleaned_data)
        except DomainError as error:
            form_errors_apply(form, error)
        else:
            return redirect_with_message(request, message, _url(meeting) + "#rules")
    return _page(request, actor, meeting, status=400, **{form_name: form})


@team_view()
def apart_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, division: GroupDivision, data: dict[str, Any]) -> str:
        services.division_apart_add(actor=actor, division=division, keys=data["people"])
        return _("These people will sit at different tables.")

    return _rule_form(request, meeting_id, "apart_form", ApartForm, act)


@team_view()
def fixed_set(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, division: GroupDivision, data: dict[str, Any]) -> str:
        services.division_fixed_set(
            actor=actor, division=division, key=data["person"], table=data["table"]
        )
        return _("This person will always sit at table %(table)s.") % {"table": data["table"]}

    return _rule_form(request, meeting_id, "fixed_form", FixedForm, act)


def _post_action(
    request: HttpRequest,
    meeting_id: int,
    form_class: type[Form],
    act: Callable[[Membership, Meeting, dict[str, Any]], str],
    anchor: str = "#division",
) -> HttpResponse:
    """A one-button change: say what happened (or why not) and show the page again."""
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
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, message)
    return redirect(_url(meeting) + anchor)


@team_view()
def division_solve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        division = selectors.division_of(actor=actor, meeting=meeting)
        run = services.solve_run_request(actor=actor, division=division, round_=data["round"])
        run.refresh_from_db()
        if run.status == SolveRun.Status.DONE:
            return _("Round %(round)s is divided.") % {"round": data["round"]}
        return _("Searching for the best division of round %(round)s.") % {"round": data["round"]}

    return _post_action(request, meeting_id, SolveForm, act, anchor="#run")


@team_view()
def solve_run(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The progress of the latest search, polled by the page every second (htmx)."""
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if not request.htmx:  # type: ignore[attr-defined]
        return redirect(_url(meeting) + "#run")
    division = selectors.division_of(actor=actor, meeting=meeting)
    context = {"meeting": meeting, "division": division, **_run_context(actor, division)}
    run = context["run"]
    # The search ended since the page was shown: the page shows the new tables (division.js
    # reloads it unless something is being typed; the partial links to them as well).
    context["run_just_finished"] = (
        run is not None and not run.active and bool(request.GET.get("active"))
    )
    return render(request, TEMPLATE + "#run", context)


@team_view()
def solve_run_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        run = selectors.solve_run_for_actor(actor=actor, meeting=meeting, solve_run_id=data["run"])
        run = services.solve_run_cancel(actor=actor, run=run)
        if run.status == SolveRun.Status.CANCELLED:
            return _("The search was cancelled before it started. Nothing changed.")
        if run.status == SolveRun.Status.FAILED:
            return run.message
        return _("The search stops now and keeps the best division found so far.")

    return _post_action(request, meeting_id, SolveRunCancelForm, act, anchor="#run")


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


@team_view()
def apart_remove(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        division = selectors.division_of(actor=actor, meeting=meeting)
        services.division_apart_remove(actor=actor, division=division, keys=data["people"])
        return _("The rule was removed.")

    return _post_action(request, meeting_id, ApartRemoveForm, act, anchor="#rules")


@team_view()
def fixed_remove(request: HttpRequest, meeting_id: int) -> HttpResponse:
    def act(actor: Membership, meeting: Meeting, data: dict[str, Any]) -> str:
        division = selectors.division_of(actor=actor, meeting=meeting)
        services.division_fixed_set(actor=actor, division=division, key=data["person"], table=None)
        return _("The rule was removed.")

    return _post_action(request, meeting_id, FixedRemoveForm, act, anchor="#rules")
