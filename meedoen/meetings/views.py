"""Views of the meetings room. Thin: parse a form, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.meetings import calendar, selectors, services
from meedoen.meetings.catalogue import OUTREACH_KINDS, PHASE_NAMES, ROLES
from meedoen.meetings.forms import (
    TOPIC_NAMES,
    CancelForm,
    ChecklistItemCreateForm,
    ChecklistItemForm,
    MaterialForm,
    MeetingForm,
    OutreachForm,
    ProgrammeItemForm,
    RolesForm,
    ScenarioForm,
    TeamTipForm,
    TemplateItemForm,
    VenueForm,
)
from meedoen.meetings.models import ChecklistStatus, Meeting
from meedoen.meetings.sections import meeting_sections_for
from meedoen.plans import selectors as plan_selectors
from meedoen.teams import selectors as team_selectors
from meedoen.teams.access import actor_of, post_data, team_page_or, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_page, redirect_with_message
from meedoen.teams.models import Membership, User


def _members(actor: Membership) -> list[User]:
    return [m.user for m in team_selectors.team_members(actor=actor)]


def _meeting_url(meeting: Meeting, name: str = "meeting_detail", anchor: str = "") -> str:
    url = reverse(
        f"meetings:{name}", kwargs={"team_slug": meeting.team.slug, "meeting_id": meeting.pk}
    )
    return url + (f"#{anchor}" if anchor else "")


def _post_only(request: HttpRequest) -> HttpResponse | None:
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _attempt(request: HttpRequest, action: Callable[[], object], success: str = "") -> None:
    """Run one service call from a button; its domain error becomes a message."""
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if success:
            messages.success(request, success)


# ---------------------------------------------------------------------------------------------
# Meetings


@team_view()
def meeting_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": selectors.meetings_upcoming(actor=actor),
            "past": selectors.meetings_past(actor=actor)[:20],
        },
    )


def _meeting_form(request: HttpRequest, actor: Membership, meeting: Meeting | None) -> MeetingForm:
    plans = list(plan_selectors.plans_for_actor(actor=actor))
    stakeholders = [
        s
        for plan in plans
        for s in plan_selectors.plan_stakeholders(plan=plan).select_related("plan")
    ]
    return MeetingForm(
        post_data(request),
        initial=MeetingForm.initial_for(meeting) if meeting else None,
        venues=list(selectors.venues_for_actor(actor=actor)),
        plans=plans,
        stakeholders=stakeholders,
        meeting=meeting,
    )


@team_view()
def meeting_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = _meeting_form(request, actor, None)
    return form_page(
        request,
        form,
        save=lambda _data: services.meeting_create(actor=actor, **form.service_kwargs()),
        done=lambda meeting: redirect_with_message(
            request,
            _("The meeting is planned. Its checklist is ready; start with the venue and the date."),
            _meeting_url(meeting),
        ),
        template="meetings/meeting_form.html",
        context={"meeting": None},
    )


@team_view()
def meeting_update(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    form = _meeting_form(request, actor, meeting)
    return form_page(
        request,
        form,
        save=lambda _data: services.meeting_update(
            actor=actor, meeting=meeting, **form.service_kwargs()
        ),
        done=lambda saved: redirect_with_message(
            request, _("The meeting was saved."), _meeting_url(saved)
        ),
        template="meetings/meeting_form.html",
        context={"meeting": meeting},
    )


@team_view()
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    readiness = selectors.meeting_readiness(meeting=meeting)
    tips = selectors.tips_for_meeting(actor=actor, user=request.user)  # type: ignore[arg-type]
    members = _members(actor)
    context = {
        "meeting": meeting,
        "readiness": readiness,
        "phase_names": PHASE_NAMES,
        "tips": tips,
        "topic_names": TOPIC_NAMES,
        "timeline": selectors.programme_timeline(meeting=meeting),
        "roles": _roles_rows(meeting),
        "scenarios": meeting.scenarios.select_related("owner"),
        "outreach": meeting.outreach.select_related("owner"),
        "outreach_kinds": {k.key: k for k in OUTREACH_KINDS},
        "materials": meeting.materials.all(),
        "statuses": ChecklistStatus.choices,
        "members": members,
        "checklist_add_form": ChecklistItemCreateForm(),
        "sections": meeting_sections_for(actor=actor, meeting=meeting),
        "now": timezone.now(),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _roles_rows(meeting: Meeting) -> list[dict[str, Any]]:
    assigned = {r.role: r for r in meeting.roles.select_related("user")}
    return [{"info": role, "assignment": assigned.get(role.key)} for role in ROLES]


@team_view()
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    return form_page(
        request,
        CancelForm(post_data(request)),
        save=lambda data: services.meeting_cancel(
            actor=actor, meeting=meeting, reason=data["reason"]
        ),
        done=lambda saved: redirect_with_message(
            request, _("The meeting is cancelled."), _meeting_url(saved)
        ),
        template="meetings/meeting_cancel.html",
        context={"meeting": meeting},
    )


@team_view()
def meeting_ready(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if response := _post_only(request):
        return response
    _attempt(
        request,
        lambda: services.meeting_mark_ready(actor=actor, meeting=meeting),
        _("The meeting is marked ready."),
    )
    return redirect(_meeting_url(meeting))


# ---------------------------------------------------------------------------------------------
# Checklist


@team_view()
def checklist_item_update(request: HttpRequest, checklist_item_id: int) -> HttpResponse:
    actor = actor_of(request)
    item = selectors.checklist_item_for_actor(actor=actor, item_id=checklist_item_id)
    if response := _post_only(request):
        return response
    form = ChecklistItemForm(request.POST, members=_members(actor))
    if form.is_valid():
        _attempt(
            request,
            lambda: services.checklist_item_update(
                actor=actor,
                item=item,
                status=form.cleaned_data["status"],
                owner=form.cleaned_data["owner"],
                note=form.cleaned_data["note"],
            ),
        )
    else:
        messages.error(request, _("That change could not be saved: choose a status and a person."))
    if request.htmx:  # type: ignore[attr-defined]
        item.refresh_from_db()
        return render(
            request,
            "meetings/_checklist_item.html",
            {
                "item": item,
                "meeting": item.meeting,
                "members": _members(actor),
                "statuses": ChecklistStatus.choices,
                "now": timezone.now(),
            },
        )
    return redirect(_meeting_url(item.meeting, anchor=f"item-{item.pk}"))


@team_view()
def checklist_item_create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    return form_page(
        request,
        ChecklistItemCreateForm(post_data(request)),
        save=lambda data: services.checklist_item_create(actor=actor, meeting=meeting, **data),
        done=lambda item: redirect_with_message(
            request, _("The task was added."), _meeting_url(meeting, anchor=f"item-{item.pk}")
        ),
        template="meetings/simple_form.html",
        context={"meeting": meeting, "heading": _("Add a task to this meeting")},
    )


@team_view()
def checklist_template(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "meetings/checklist_template.html",
        {
            "items": services.team_checklist_template(team=actor.team),
            "phase_names": PHASE_NAMES,
        },
    )


@team_view()
def checklist_template_item(
    request: HttpRequest, team_checklist_item_id: int | None = None
) -> HttpResponse:
    actor = actor_of(request)
    item = (
        selectors.team_checklist_item_for_actor(actor=actor, item_id=team_checklist_item_id)
        if team_checklist_item_id
        else None
    )
    initial = (
        {
            "phase": item.phase,
            "title": item.label,
            "help": item.explanation,
            "due_days": item.due_days,
            "optional": item.optional,
            "active": item.active,
        }
        if item
        else None
    )
    return form_page(
        request,
        TemplateItemForm(post_data(request), initial=initial),
        save=lambda data: services.team_checklist_item_save(actor=actor, item=item, **data),
        done=lambda _saved: redirect_with_message(
            request,
            _("The checklist template was saved. New meetings use it."),
            reverse("meetings:checklist_template", kwargs={"team_slug": actor.team.slug}),
        ),
        template="meetings/simple_form.html",
        context={"heading": _("Checklist template item")},
    )


# ---------------------------------------------------------------------------------------------
# Roles, scenarios


@team_view()
def meeting_roles(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    initial: dict[str, Any] = {"team_present_at": meeting.team_present_at}
    for role in meeting.roles.all():
        initial[f"{role.role}_user"] = str(role.user_id or "")
        initial[f"{role.role}_name"] = role.name
    form = RolesForm(post_data(request), members=_members(actor), initial=initial)

    def save(data: dict[str, Any]) -> Meeting:
        for role, user, name in form.assignments():
            services.role_assign(actor=actor, meeting=meeting, role=role, user=user, name=name)
        return services.meeting_update(
            actor=actor, meeting=meeting, team_present_at=data["team_present_at"]
        )

    return form_page(
        request,
        form,
        save=save,
        done=lambda saved: redirect_with_message(
            request, _("The roles were saved."), _meeting_url(saved, anchor="roles")
        ),
        template="meetings/meeting_roles.html",
        context={"meeting": meeting},
    )


@team_view()
def scenario_form(
    request: HttpRequest, meeting_id: int, scenario_id: int | None = None
) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    scenario = (
        selectors.scenario_for_actor(actor=actor, scenario_id=scenario_id) if scenario_id else None
    )
    if scenario is not None and scenario.meeting_id != meeting.pk:
        raise Http404
    initial = (
        {
            "risk": scenario.risk_text,
            "response": scenario.response_text,
            "owner": str(scenario.owner_id or ""),
        }
        if scenario
        else None
    )
    return form_page(
        request,
        ScenarioForm(post_data(request), members=_members(actor), initial=initial),
        save=lambda data: services.scenario_save(
            actor=actor, meeting=meeting, scenario=scenario, **data
        ),
        done=lambda _saved: redirect_with_message(
            request, _("The scenario was saved."), _meeting_url(meeting, anchor="scenarios")
        ),
        template="meetings/simple_form.html",
        context={"meeting": meeting, "heading": _("What could go wrong, and what we then do")},
    )


@team_view()
def scenario_delete(request: HttpRequest, scenario_id: int) -> HttpResponse:
    actor = actor_of(request)
    scenario = selectors.scenario_for_actor(actor=actor, scenario_id=scenario_id)
    if response := _post_only(request):
        return response
    _attempt(request, lambda: services.scenario_delete(actor=actor, scenario=scenario))
    return redirect(_meeting_url(scenario.meeting, anchor="scenarios"))


# ---------------------------------------------------------------------------------------------
# Programme and run sheet


def _methods(actor: Membership) -> list[Any]:
    return [
        row.method for row in plan_selectors.methods_catalogue(actor=actor, include_hidden=False)
    ]


@team_view()
def programme(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    return form_page(
        request,
        ProgrammeItemForm(post_data(request), methods=_methods(actor)),
        save=lambda data: services.programme_item_save(actor=actor, meeting=meeting, **data),
        done=lambda _item: redirect_with_message(
            request,
            _("Added to the programme."),
            _meeting_url(meeting, "programme", anchor="add"),
        ),
        template="meetings/programme.html",
        context={"meeting": meeting, "timeline": selectors.programme_timeline(meeting=meeting)},
    )


@team_view()
def programme_item_update(request: HttpRequest, programme_item_id: int) -> HttpResponse:
    actor = actor_of(request)
    item = selectors.programme_item_for_actor(actor=actor, item_id=programme_item_id)
    initial = {
        "title": item.title,
        "kind": item.kind,
        "duration_minutes": item.duration_minutes,
        "method": str(item.method_id or ""),
        "led_by": item.led_by,
        "materials": item.materials,
    }
    return form_page(
        request,
        ProgrammeItemForm(post_data(request), methods=_methods(actor), initial=initial),
        save=lambda data: services.programme_item_save(
            actor=actor, meeting=item.meeting, item=item, **data
        ),
        done=lambda _saved: redirect_with_message(
            request, _("The programme was saved."), _meeting_url(item.meeting, "programme")
        ),
        template="meetings/simple_form.html",
        context={"meeting": item.meeting, "heading": _("Programme item")},
    )


@team_view()
def programme_item_action(request: HttpRequest, programme_item_id: int) -> HttpResponse:
    """Move an item up or down, or remove it."""
    actor = actor_of(request)
    item = selectors.programme_item_for_actor(actor=actor, item_id=programme_item_id)
    if response := _post_only(request):
        return response
    action = request.POST.get("action")
    if action in ("up", "down"):
        _attempt(
            request, lambda: services.programme_item_move(actor=actor, item=item, up=action == "up")
        )
    elif action == "delete":
        _attempt(request, lambda: services.programme_item_delete(actor=actor, item=item))
    return redirect(_meeting_url(item.meeting, "programme"))


@team_view()
def run_sheet(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    template = "meetings/run_sheet.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#sheet"
    return render(
        request,
        template,
        {
            "meeting": meeting,
            "sheet": selectors.run_sheet(meeting=meeting),
            "scenarios": meeting.scenarios.select_related("owner"),
        },
    )


@team_view()
def run_sheet_action(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    if response := _post_only(request):
        return response
    action = request.POST.get("action")
    if action == "start":
        _attempt(request, lambda: services.run_sheet_start(actor=actor, meeting=meeting))
    elif action in ("next", "back"):
        _attempt(
            request,
            lambda: services.run_sheet_step(actor=actor, meeting=meeting, forward=action == "next"),
        )
    return redirect(_meeting_url(meeting, "run_sheet"))


# ---------------------------------------------------------------------------------------------
# Outreach, materials, tips


@team_view()
def outreach_form(
    request: HttpRequest, meeting_id: int, outreach_action_id: int | None = None
) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    action = (
        selectors.outreach_action_for_actor(actor=actor, action_id=outreach_action_id)
        if outreach_action_id
        else None
    )
    if action is not None and action.meeting_id != meeting.pk:
        raise Http404
    initial = (
        {
            "kind": action.kind,
            "description": action.description,
            "planned_on": action.planned_on,
            "owner": str(action.owner_id or ""),
            "status": action.status,
            "how_it_went": action.how_it_went,
        }
        if action
        else {"kind": request.GET.get("kind", "")}
    )
    return form_page(
        request,
        OutreachForm(post_data(request), members=_members(actor), initial=initial),
        save=lambda data: services.outreach_action_save(
            actor=actor, meeting=meeting, action=action, **data
        ),
        done=lambda _saved: redirect_with_message(
            request, _("The outreach plan was saved."), _meeting_url(meeting, anchor="outreach")
        ),
        template="meetings/simple_form.html",
        context={"meeting": meeting, "heading": _("Outreach: how people hear about it")},
    )


@team_view()
def material_form(
    request: HttpRequest, meeting_id: int, material_id: int | None = None
) -> HttpResponse:
    actor = actor_of(request)
    meeting = selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    material = (
        selectors.material_for_actor(actor=actor, material_id=material_id) if material_id else None
    )
    if material is not None and material.meeting_id != meeting.pk:
        raise Http404
    initial = (
        {"name": material.label, "status": material.status, "note": material.note}
        if material
        else None
    )
    return form_page(
        request,
        MaterialForm(post_data(request), initial=initial),
        save=lambda data: services.material_save(
            actor=actor, meeting=meeting, material=material, **data
        ),
        done=lambda _saved: redirect_with_message(
            request, _("The materials were saved."), _meeting_url(meeting, anchor="materials")
        ),
        template="meetings/simple_form.html",
        context={"meeting": meeting, "heading": _("Material")},
    )


@team_view()
def tip_dismiss(request: HttpRequest) -> HttpResponse:
    if response := _post_only(request):
        return response
    services.tip_dismiss(user=request.user, tip_key=request.POST.get("tip", ""))  # type: ignore[arg-type]
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse("")
    return redirect(
        team_page_or(
            request,
            reverse("meetings:meeting_list", kwargs={"team_slug": actor_of(request).team.slug}),
        )
    )


@team_view()
def team_tip_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return form_page(
        request,
        TeamTipForm(post_data(request)),
        save=lambda data: services.team_tip_create(actor=actor, **data),
        done=lambda _tip: redirect_with_message(
            request,
            _("Your tip was added; the whole team sees it next to that step."),
            reverse("meetings:meeting_list", kwargs={"team_slug": actor.team.slug}),
        ),
        template="meetings/simple_form.html",
        context={"heading": _("Add a tip for the team")},
    )


# ---------------------------------------------------------------------------------------------
# Venues


@team_view()
def venue_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request, "meetings/venue_list.html", {"venues": selectors.venues_for_actor(actor=actor)}
    )


@team_view()
def venue_form(request: HttpRequest, venue_id: int | None = None) -> HttpResponse:
    actor = actor_of(request)
    venue = selectors.venue_for_actor(actor=actor, venue_id=venue_id) if venue_id else None
    form = VenueForm(post_data(request), instance=venue, members=_members(actor))
    return form_page(
        request,
        form,
        save=lambda _data: (
            services.venue_update(actor=actor, venue=venue, **form.service_kwargs())
            if venue
            else services.venue_create(actor=actor, **form.service_kwargs())
        ),
        done=lambda _saved: redirect_with_message(
            request,
            _("The venue was saved."),
            team_page_or(
                request, reverse("meetings:venue_list", kwargs={"team_slug": actor.team.slug})
            ),
        ),
        template="meetings/venue_form.html",
        context={
            "venue": venue,
            "tips": selectors.tips_for_meeting(
                actor=actor,
                user=request.user,  # type: ignore[arg-type]
            ).get("venue", []),
        },
    )


# ---------------------------------------------------------------------------------------------
# Staff calendar


@team_view()
def calendar_settings(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method == "POST":
        services.calendar_feed_renew(actor=actor)
        messages.success(request, _("Your calendar address is ready. The old one no longer works."))
        return redirect("meetings:calendar_settings", team_slug=actor.team.slug)
    feed = selectors.calendar_feed_of(actor=actor)
    url = (
        request.build_absolute_uri(reverse("meeting_calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(request, "meetings/calendar_settings.html", {"feed_url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private iCalendar feed of a team's meetings (the token is the key)."""
    feed = selectors.calendar_feed_by_token(token=token)
    meetings = selectors.meetings_for_team_calendar(team_id=feed.team_id)
    return HttpResponse(
        calendar.meetings_calendar(meetings, team_name=feed.team.name),
        content_type="text/calendar; charset=utf-8",
    )
