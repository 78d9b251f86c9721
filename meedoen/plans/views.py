"""Views of the plans room. Thin: parse a form, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.plans import exports, selectors, services
from meedoen.plans.catalogue import LADDER, LADDER_NOTE, REFERENCES, REFERENCES_TIP, rung_info
from meedoen.plans.forms import (
    MappingDecisionForm,
    MappingNoteForm,
    MappingOpenForm,
    MappingPlaceForm,
    MappingReflectionForm,
    MethodForm,
    MomentForm,
    PlanForm,
    RungPlanForm,
    RungsForm,
    StakeholderForm,
)
from meedoen.plans.models import MappingSession, ParticipationPlan, Ring, Rung, StakeholderKind
from meedoen.plans.ringmap import ring_map
from meedoen.plans.sections import plan_sections_for
from meedoen.teams.access import actor_of, post_data, team_view
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_page, redirect_with_message


def _plan_url(plan: ParticipationPlan, name: str = "plan_detail", **kwargs: Any) -> str:
    return reverse(
        f"plans:{name}",
        kwargs={"team_slug": plan.team.slug, "participation_plan_id": plan.pk, **kwargs},
    )


# ---------------------------------------------------------------------------------------------
# Plans


@team_view()
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": selectors.plans_for_actor(actor=actor),
            "ladder": LADDER,
            "ladder_note": LADDER_NOTE,
        },
    )


@team_view()
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return form_page(
        request,
        PlanForm(post_data(request), neighbourhoods=actor.team.neighbourhoods),
        save=lambda data: services.plan_create(actor=actor, **data),
        done=lambda plan: redirect_with_message(
            request,
            _("The plan was created. Start with step 1: the stakeholders."),
            _plan_url(plan),
        ),
        template="plans/plan_form.html",
        context={"plan": None},
    )


@team_view()
def plan_update(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    form = PlanForm(
        post_data(request),
        initial=PlanForm.initial_for(plan),
        neighbourhoods=actor.team.neighbourhoods,
    )
    return form_page(
        request,
        form,
        save=lambda data: services.plan_update(actor=actor, plan=plan, **data),
        done=lambda plan: redirect_with_message(request, _("The plan was saved."), _plan_url(plan)),
        template="plans/plan_form.html",
        context={"plan": plan},
    )


@team_view()
def plan_status(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    status = request.POST.get("status", "")
    if status not in ParticipationPlan.Status.values:
        messages.error(request, _("Unknown status."))
    else:
        services.plan_set_status(actor=actor, plan=plan, status=status)
        messages.success(
            request,
            _("The plan is archived.") if status == "archived" else _("The plan is active again."),
        )
    return redirect(_plan_url(plan))


@team_view()
def plan_detail(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    overview = selectors.plan_overview(actor=actor, plan=plan)
    context = {
        "plan": plan,
        "overview": overview,
        "ring_map": ring_map(overview.by_ring),
        "stakeholder_form": StakeholderForm(),
        "current_session": selectors.mapping_session_current(plan=plan),
        "sessions_closed": selectors.mapping_sessions_closed(plan=plan),
        "mapping_open_form": MappingOpenForm(),
        "sections": plan_sections_for(actor=actor, plan=plan),
        "rings": Ring,
    }
    return render(request, "plans/plan_detail.html", context)


@team_view()
def plan_print(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    overview = selectors.plan_overview(actor=actor, plan=plan)
    return render(
        request,
        "plans/plan_print.html",
        {
            "plan": plan,
            "overview": overview,
            "ring_map": ring_map(overview.by_ring),
            "ladder_note": LADDER_NOTE,
            "printed_at": timezone.now(),
        },
    )


@team_view()
def plan_export_pdf(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    return _plan_export(request, participation_plan_id, "pdf")


@team_view()
def plan_export_docx(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    return _plan_export(request, participation_plan_id, "docx")


EXPORT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _plan_export(request: HttpRequest, participation_plan_id: int, extension: str) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    overview = selectors.plan_overview(actor=actor, plan=plan)
    content = exports.plan_pdf(overview) if extension == "pdf" else exports.plan_docx(overview)
    response = HttpResponse(content, content_type=EXPORT_TYPES[extension])
    filename = exports.plan_export_filename(plan, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------
# Stakeholders


@team_view()
def stakeholder_create(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    return form_page(
        request,
        StakeholderForm(post_data(request)),
        save=lambda data: services.stakeholder_create(actor=actor, plan=plan, **data),
        done=lambda stakeholder: redirect_with_message(
            request,
            _("%(name)s was added.") % {"name": stakeholder.name},
            _plan_url(plan) + "#stakeholders",
        ),
        template="plans/stakeholder_form.html",
        context={"plan": plan, "stakeholder": None},
    )


@team_view()
def stakeholder_update(request: HttpRequest, stakeholder_id: int) -> HttpResponse:
    actor = actor_of(request)
    stakeholder = selectors.stakeholder_for_actor(actor=actor, stakeholder_id=stakeholder_id)
    return form_page(
        request,
        StakeholderForm(post_data(request), initial=StakeholderForm.initial_for(stakeholder)),
        save=lambda data: services.stakeholder_update(actor=actor, stakeholder=stakeholder, **data),
        done=lambda saved: redirect_with_message(
            request,
            _("%(name)s was saved.") % {"name": saved.name},
            _plan_url(saved.plan) + "#stakeholders",
        ),
        template="plans/stakeholder_form.html",
        context={"plan": stakeholder.plan, "stakeholder": stakeholder},
    )


@team_view()
def stakeholder_delete(request: HttpRequest, stakeholder_id: int) -> HttpResponse:
    actor = actor_of(request)
    stakeholder = selectors.stakeholder_for_actor(actor=actor, stakeholder_id=stakeholder_id)
    plan = stakeholder.plan
    if request.method == "POST":
        try:
            services.stakeholder_delete(actor=actor, stakeholder=stakeholder)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(name)s was removed.") % {"name": stakeholder.name})
        return redirect(_plan_url(plan) + "#stakeholders")
    return render(
        request, "plans/stakeholder_delete.html", {"plan": plan, "stakeholder": stakeholder}
    )


# ---------------------------------------------------------------------------------------------
# Step 2: rung per stakeholder; steps 3 and 4: methods and yield per rung


@team_view()
def plan_rungs(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    form = RungsForm(post_data(request), stakeholders=list(selectors.plan_stakeholders(plan=plan)))

    def save(data: dict[str, Any]) -> None:
        for stakeholder, rung in form.changes():
            services.stakeholder_update(actor=actor, stakeholder=stakeholder, rung=rung)

    return form_page(
        request,
        form,
        save=save,
        done=lambda _result: redirect_with_message(
            request, _("The rungs were saved."), _plan_url(plan) + "#ladder"
        ),
        template="plans/plan_rungs.html",
        context={"plan": plan, "ladder": LADDER, "ladder_note": LADDER_NOTE},
    )


@team_view()
def rung_plan_update(request: HttpRequest, participation_plan_id: int, rung: str) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    if rung not in Rung.values:
        raise Http404
    overview = selectors.plan_overview(actor=actor, plan=plan)
    row = next(r for r in overview.ladder if r.info.key == rung)
    available = selectors.methods_for_rung(actor=actor, rung=rung)
    available += [m for m in row.methods if m not in available]
    form = RungPlanForm(
        post_data(request),
        methods=available,
        initial={
            "methods": [str(m.pk) for m in row.methods],
            "expected_yield": row.rung_plan.expected_yield if row.rung_plan else "",
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: services.rung_plan_set(
            actor=actor,
            plan=plan,
            rung=rung,
            methods=form.chosen_methods(),
            expected_yield=data["expected_yield"],
        ),
        done=lambda _result: redirect_with_message(
            request,
            _("Saved for “%(rung)s”.") % {"rung": row.info.name},
            _plan_url(plan) + "#ladder",
        ),
        template="plans/rung_plan_form.html",
        context={
            "plan": plan,
            "row": row,
            "methods": {str(m.pk): m for m in available},
            "references": REFERENCES,
            "references_tip": REFERENCES_TIP,
        },
    )


# ---------------------------------------------------------------------------------------------
# Planned moments


@team_view()
def moment_create(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    form = MomentForm(
        post_data(request),
        methods=[
            row.method for row in selectors.methods_catalogue(actor=actor, include_hidden=False)
        ],
        stakeholders=list(selectors.plan_stakeholders(plan=plan)),
    )
    return form_page(
        request,
        form,
        save=lambda _data: services.moment_create(actor=actor, plan=plan, **form.service_kwargs()),
        done=lambda _moment: redirect_with_message(
            request, _("The moment was planned."), _plan_url(plan) + "#moments"
        ),
        template="plans/moment_form.html",
        context={"plan": plan},
    )


@team_view()
def moment_delete(request: HttpRequest, planned_moment_id: int) -> HttpResponse:
    actor = actor_of(request)
    moment = selectors.moment_for_actor(actor=actor, moment_id=planned_moment_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.moment_delete(actor=actor, moment=moment)
    except DomainError as error:
        messages.error(request, str(error.message))
    return redirect(_plan_url(moment.plan) + "#moments")


# ---------------------------------------------------------------------------------------------
# Methods catalogue


@team_view()
def method_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rung = request.GET.get("rung", "")
    rows = selectors.methods_catalogue(actor=actor)
    if rung in Rung.values:
        rows = [r for r in rows if rung in r.method.rungs]
    else:
        rung = ""
    return render(
        request,
        "plans/method_list.html",
        {
            "rows": rows,
            "ladder": LADDER,
            "rung": rung,
            "rung_info": rung_info(rung) if rung else None,
            "references": REFERENCES,
            "references_tip": REFERENCES_TIP,
        },
    )


@team_view()
def method_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return form_page(
        request,
        MethodForm(post_data(request)),
        save=lambda data: services.method_create(actor=actor, **data),
        done=lambda method: redirect_with_message(
            request,
            _("%(name)s was added to your methods.") % {"name": method.name},
            reverse("plans:method_list", kwargs={"team_slug": actor.team.slug}),
        ),
        template="plans/method_form.html",
    )


@team_view()
def method_hide(request: HttpRequest, method_id: int) -> HttpResponse:
    actor = actor_of(request)
    method = selectors.method_for_actor(actor=actor, method_id=method_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    hidden = request.POST.get("hidden") == "1"
    services.method_set_hidden(actor=actor, method=method, hidden=hidden)
    return redirect(
        reverse("plans:method_list", kwargs={"team_slug": actor.team.slug}) + f"#method-{method.pk}"
    )


# ---------------------------------------------------------------------------------------------
# Mapping session


def _session_url(session: MappingSession) -> str:
    return reverse(
        "plans:mapping_session_detail",
        kwargs={"team_slug": session.plan.team.slug, "mapping_session_id": session.pk},
    )


def _board(request: HttpRequest, session: MappingSession, **extra: Any) -> dict[str, Any]:
    actor = actor_of(request)
    board = selectors.mapping_board(actor=actor, session=session)
    return {
        "session": session,
        "plan": session.plan,
        "board": board,
        "rings": Ring,
        "note_form": extra.pop("note_form", None) or MappingNoteForm(),
        "reflection_form": MappingReflectionForm(),
        "kinds": StakeholderKind.choices,
        **extra,
    }


def _session_response(request: HttpRequest, session: MappingSession, **extra: Any) -> HttpResponse:
    """htmx gets the board again; without JavaScript the person is sent back to the page."""
    if request.htmx:  # type: ignore[attr-defined]
        session.refresh_from_db()
        return render(
            request, "plans/mapping_session.html#board", _board(request, session, **extra)
        )
    for message in extra.get("errors", []):
        messages.error(request, message)
    return redirect(_session_url(session))


@team_view(coordinator_only=True)
def mapping_session_open(request: HttpRequest, participation_plan_id: int) -> HttpResponse:
    actor = actor_of(request)
    plan = selectors.plan_for_actor(actor=actor, plan_id=participation_plan_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MappingOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose between half a minute and 30 minutes."))
        return redirect(_plan_url(plan) + "#mapping")
    try:
        session = services.mapping_session_open(
            actor=actor,
            plan=plan,
            duration_seconds=int(form.cleaned_data["minutes"] * Decimal(60)),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_plan_url(plan) + "#mapping")
    return redirect(_session_url(session))


@team_view()
def mapping_session_detail(request: HttpRequest, mapping_session_id: int) -> HttpResponse:
    actor = actor_of(request)
    session = selectors.mapping_session_for_actor(actor=actor, session_id=mapping_session_id)
    template = "plans/mapping_session.html"
    if request.htmx:  # type: ignore[attr-defined]
        # Polling: nothing changed since the caller's copy, so there is nothing to swap.
        if request.GET.get("v") == f"{session.version}-{session.phase()}":
            return HttpResponse(status=204)
        template += "#board"
    return render(request, template, _board(request, session))


@team_view(coordinator_only=True)
def mapping_session_step(request: HttpRequest, mapping_session_id: int) -> HttpResponse:
    """The coordinator moves the session on: start, show notes, or close."""
    actor = actor_of(request)
    session = selectors.mapping_session_for_actor(actor=actor, session_id=mapping_session_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    step = request.POST.get("step")
    try:
        if step == "start":
            services.mapping_session_start(actor=actor, session=session)
        elif step == "reveal":
            services.mapping_session_reveal(actor=actor, session=session)
        elif step == "close":
            stakeholders = services.mapping_session_close(actor=actor, session=session)
            messages.success(
                request,
                _("The session is closed; %(count)d stakeholders are in the plan.")
                % {"count": len(stakeholders)},
            )
            return redirect(_plan_url(session.plan) + "#stakeholders")
        else:
            return _session_response(request, session, errors=[_("Unknown step.")])
    except DomainError as error:
        return _session_response(request, session, errors=[str(error.message)])
    return _session_response(request, session)


def _attempt(action: Callable[[], object]) -> list[str]:
    """Run one service call; the messages of a domain or validation error, else nothing."""
    try:
        action()
    except DomainError as error:
        return [str(error.message)]
    except ValidationError as error:
        return [" ".join(error.messages)]
    return []


def _form_errors(form: Any) -> list[str]:
    return [
        f"{form.fields[field].label}: {error}" if field in form.fields else str(error)
        for field, errors in form.errors.items()
        for error in errors
    ]


@team_view()
def mapping_note_create(request: HttpRequest, mapping_session_id: int) -> HttpResponse:
    actor = actor_of(request)
    session = selectors.mapping_session_for_actor(actor=actor, session_id=mapping_session_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MappingNoteForm(request.POST)
    if not form.is_valid():
        return _session_response(request, session, note_form=form, errors=_form_errors(form))
    errors = _attempt(
        lambda: services.mapping_note_add(actor=actor, session=session, **form.cleaned_data)
    )
    note_form = form if errors else MappingNoteForm()
    return _session_response(request, session, note_form=note_form, errors=errors)


@team_view()
def mapping_note_place(request: HttpRequest, mapping_note_id: int) -> HttpResponse:
    """Move one of your notes to another ring, or delete it."""
    actor = actor_of(request)
    note = selectors.mapping_note_for_actor(actor=actor, note_id=mapping_note_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("delete") == "1":
        errors = _attempt(lambda: services.mapping_note_delete(actor=actor, note=note))
        return _session_response(request, note.session, errors=errors)
    form = MappingPlaceForm(request.POST)
    if not form.is_valid():
        return _session_response(request, note.session, errors=_form_errors(form))
    errors = _attempt(
        lambda: services.mapping_note_place(actor=actor, note=note, ring=form.cleaned_data["ring"])
    )
    return _session_response(request, note.session, errors=errors)


@team_view()
def mapping_reflection_create(request: HttpRequest, mapping_note_id: int) -> HttpResponse:
    actor = actor_of(request)
    note = selectors.mapping_note_for_actor(actor=actor, note_id=mapping_note_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MappingReflectionForm(request.POST)
    if not form.is_valid():
        return _session_response(request, note.session, errors=_form_errors(form))
    errors = _attempt(
        lambda: services.mapping_reflection_add(
            actor=actor, note=note, text=form.cleaned_data["text"]
        )
    )
    return _session_response(request, note.session, errors=errors)


@team_view(coordinator_only=True)
def mapping_decision_create(request: HttpRequest, mapping_session_id: int) -> HttpResponse:
    actor = actor_of(request)
    session = selectors.mapping_session_for_actor(actor=actor, session_id=mapping_session_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MappingDecisionForm(request.POST)
    if not form.is_valid():
        return _session_response(request, session, errors=_form_errors(form))
    errors = _attempt(
        lambda: services.mapping_decide(actor=actor, session=session, **form.cleaned_data)
    )
    return _session_response(request, session, errors=errors)
