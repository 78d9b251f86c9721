"""Staff views of the registrations room. Thin: parse a form, call one service or selector,
render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from meedoen.meetings import selectors as meeting_selectors
from meedoen.meetings.models import Meeting
from meedoen.registrations import selectors, services
from meedoen.registrations.errors import RegistrationExists
from meedoen.registrations.forms import (
    KeyFigureForm,
    NetworkPlaceForm,
    RegistrationCancelForm,
    RegistrationEntryForm,
    RegistrationFilterForm,
    RegistrationSettingsForm,
)
from meedoen.registrations.models import (
    Channel,
    KeyFigure,
    Need,
    Registration,
    comes_as_choices,
)
from meedoen.teams.access import actor_of, post_data, team_view
from meedoen.teams.formflow import form_page, redirect_with_message
from meedoen.teams.models import Membership

UPCOMING_FOR_INVITES = 5


# ---------------------------------------------------------------------------------------------
# Links to the public side (the public pages are built by the public half of this room)


def public_meeting_url(meeting: Meeting) -> str:
    try:
        return reverse("public:meeting", kwargs={"code": meeting.code})
    except NoReverseMatch:
        return f"/b/{meeting.code}/"


def key_figure_public_url(meeting: Meeting, token: str) -> str:
    for name in ("public:key_figure", "public:meeting_via"):
        try:
            return reverse(name, kwargs={"code": meeting.code, "token": token})
        except NoReverseMatch:
            continue
    return f"/b/{meeting.code}/via/{token}/"


def _url(actor: Membership, name: str, **kwargs: Any) -> str:
    return reverse(f"registrations:{name}", kwargs={"team_slug": actor.team.slug, **kwargs})


def _require_editor(actor: Membership) -> None:
    """Viewers read; the pages that only exist to change something are not theirs."""
    if not actor.can_edit:
        raise PermissionDenied


# ---------------------------------------------------------------------------------------------
# The list


def _labelled(
    registrations: list[Registration], comes_as: list[tuple[str, Any]]
) -> list[Registration]:
    """Give each row the labels to show for its stored values."""
    comes_as_names = dict(comes_as)
    need_names = dict(Need.choices)
    for r in registrations:
        r.comes_as_label = comes_as_names.get(r.comes_as, r.comes_as)  # type: ignore[attr-defined]
        r.need_labels = [need_names.get(n, n) for n in r.needs]  # type: ignore[attr-defined]
    return registrations


def _filtered(registrations: list[Registration], filters: dict[str, Any]) -> list[Registration]:
    """Narrow the meeting's registrations (a few hundred at most) by the GET filters."""
    rows = registrations
    for name in ("status", "channel", "comes_as"):
        if name in filters:
            rows = [r for r in rows if getattr(r, name) == filters[name]]
    if "need" in filters:
        rows = [r for r in rows if filters["need"] in r.needs]
    if "key_figure" in filters:
        rows = [r for r in rows if r.key_figure_id == filters["key_figure"].pk]
    return rows


@team_view()
def registration_list(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    comes_as = comes_as_choices(selectors.registration_settings_of(meeting=meeting))
    form = RegistrationFilterForm(
        request.GET or None,
        comes_as=comes_as,
        key_figures=list(selectors.key_figures_for_actor(actor=actor)),
    )
    everyone = _labelled(
        list(selectors.registrations_for_meeting(actor=actor, meeting=meeting)), comes_as
    )
    filters = form.filters()
    rows = _filtered(everyone, filters)
    summary = selectors.registration_summary(meeting=meeting)
    return render(
        request,
        "registrations/registration_list.html",
        {
            "meeting": meeting,
            "form": form,
            "rows": rows,
            "filtered": bool(filters),
            "total": len(everyone),
            "summary": summary,
            "status_counts": [
                (label, summary.by_status.get(value, 0))
                for value, label in Registration.Status.choices
            ],
            "channel_counts": [
                (label, summary.by_channel.get(value, 0)) for value, label in Channel.choices
            ],
            "need_counts": [(label, summary.needs.get(value, 0)) for value, label in Need.choices],
            "public_url": public_meeting_url(meeting),
        },
    )


# ---------------------------------------------------------------------------------------------
# Fast keyboard entry


def _saved_message(admission: services.Admission) -> str:
    registration = admission.registration
    if registration.status == Registration.Status.WAITING:
        return _("Saved: %(name)s (waiting list, position %(position)d). Next one.") % {
            "name": registration.name,
            "position": admission.waiting_position or 0,
        }
    if registration.overbooked_reason:
        return _("Saved: %(name)s (confirmed, overbooked on purpose). Next one.") % {
            "name": registration.name
        }
    return _("Saved: %(name)s (confirmed). Next one.") % {"name": registration.name}


@team_view()
def registration_entry(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    _require_editor(actor)
    channel = request.GET.get("channel", "")
    form = RegistrationEntryForm(
        post_data(request),
        comes_as=comes_as_choices(selectors.registration_settings_of(meeting=meeting)),
        initial={"channel": channel} if channel in dict(Channel.choices) else None,
    )

    def save(_data: dict[str, Any]) -> services.Admission:
        try:
            return services.registration_admit(
                meeting=meeting, actor=actor, **form.service_kwargs()
            )
        except RegistrationExists as error:
            raise ValidationError({"email": str(error.message)}) from error

    def done(admission: services.Admission) -> HttpResponse:
        url = _url(actor, "registration_entry", meeting_id=meeting.pk)
        return redirect_with_message(
            request, _saved_message(admission), f"{url}?channel={admission.registration.channel}"
        )

    return form_page(
        request,
        form,
        save=save,
        done=done,
        template="registrations/registration_entry.html",
        context={
            "meeting": meeting,
            "summary": selectors.registration_summary(meeting=meeting),
        },
    )


# ---------------------------------------------------------------------------------------------
# One registration


@team_view()
def registration_detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    actor = actor_of(request)
    registration = selectors.registration_for_actor(actor=actor, registration_id=registration_id)
    settings = selectors.registration_settings_of(meeting=registration.meeting)
    _labelled([registration], comes_as_choices(settings))
    return render(
        request,
        "registrations/registration_detail.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "position": selectors.registration_position(registration=registration),
        },
    )


@team_view()
def registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    actor = actor_of(request)
    registration = selectors.registration_for_actor(actor=actor, registration_id=registration_id)
    _require_editor(actor)

    def done(promoted: list[Registration]) -> HttpResponse:
        message = _("The registration of %(name)s is cancelled.") % {"name": registration.name}
        if promoted:
            message += " " + _("Moved up from the waiting list: %(names)s.") % {
                "names": ", ".join(r.name for r in promoted)
            }
        return redirect_with_message(
            request, message, _url(actor, "registration_detail", registration_id=registration.pk)
        )

    return form_page(
        request,
        RegistrationCancelForm(post_data(request)),
        save=lambda _data: services.registration_cancel(registration=registration, actor=actor),
        done=done,
        template="registrations/registration_cancel.html",
        context={"registration": registration, "meeting": registration.meeting},
    )


# ---------------------------------------------------------------------------------------------
# Settings of the public form


@team_view()
def registration_settings(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = actor_of(request)
    meeting = meeting_selectors.meeting_for_actor(actor=actor, meeting_id=meeting_id)
    _require_editor(actor)
    current = services.registration_settings_for(meeting=meeting)
    form = RegistrationSettingsForm(
        post_data(request), initial=RegistrationSettingsForm.initial_for(current)
    )
    return form_page(
        request,
        form,
        save=lambda _data: services.registration_settings_update(
            actor=actor, meeting=meeting, **form.service_kwargs()
        ),
        done=lambda saved: redirect_with_message(
            request,
            _("The registration form was saved. The public page is online.")
            if saved.published
            else _("The registration form was saved. The public page is not online."),
            _url(actor, "registration_settings", meeting_id=meeting.pk),
        ),
        template="registrations/registration_settings.html",
        context={"meeting": meeting, "public_url": public_meeting_url(meeting)},
    )


# ---------------------------------------------------------------------------------------------
# The team's network: key figures and places


def _key_figures_with_counts(actor: Membership) -> list[KeyFigure]:
    return list(
        selectors.key_figures_for_actor(actor=actor).annotate(
            registration_count=Count(
                "registrations",
                filter=~Q(registrations__status=Registration.Status.CANCELLED),
            )
        )
    )


def _invite_rows(
    actor: Membership, figures: list[KeyFigure], meetings: list[Meeting]
) -> dict[int, list[tuple[Meeting, str]]]:
    """Each key figure's personal link per upcoming meeting."""
    rows: dict[int, list[tuple[Meeting, str]]] = {}
    for figure in figures:
        rows[figure.pk] = [
            (
                meeting,
                key_figure_public_url(
                    meeting,
                    selectors.key_figure_invite(meeting=meeting, key_figure=figure).token,
                ),
            )
            for meeting in meetings
        ]
    return rows


def _upcoming(actor: Membership) -> list[Meeting]:
    return [
        m
        for m in meeting_selectors.meetings_upcoming(actor=actor)[: UPCOMING_FOR_INVITES * 2]
        if not m.is_cancelled
    ][:UPCOMING_FOR_INVITES]


def _network_page(
    request: HttpRequest,
    actor: Membership,
    *,
    key_figure_form: KeyFigureForm | None = None,
    place_form: NetworkPlaceForm | None = None,
) -> HttpResponse:
    figures = _key_figures_with_counts(actor)
    meetings = _upcoming(actor)
    invites = _invite_rows(actor, figures, meetings)
    return render(
        request,
        "registrations/network.html",
        {
            "figures": [(figure, invites[figure.pk]) for figure in figures],
            "places": selectors.network_places_for_actor(actor=actor),
            "meetings": meetings,
            "key_figure_form": key_figure_form or KeyFigureForm(prefix="kf"),
            "place_form": place_form or NetworkPlaceForm(prefix="place"),
        },
        status=400 if request.method == "POST" else 200,
    )


@team_view()
def network(request: HttpRequest) -> HttpResponse:
    return _network_page(request, actor_of(request))


@team_view()
def key_figure_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method != "POST":
        return redirect(_url(actor, "network"))
    form = KeyFigureForm(request.POST, prefix="kf")
    if form.is_valid():
        figure = services.key_figure_create(actor=actor, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s was added. Their personal links are ready below.") % {"name": figure.name},
        )
        return redirect(_url(actor, "network") + f"#key-figure-{figure.pk}")
    return _network_page(request, actor, key_figure_form=form)


@team_view()
def network_place_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method != "POST":
        return redirect(_url(actor, "network"))
    form = NetworkPlaceForm(request.POST, prefix="place")
    if form.is_valid():
        place = services.network_place_create(actor=actor, **form.cleaned_data)
        messages.success(request, _("%(name)s was added.") % {"name": place.name})
        return redirect(_url(actor, "network") + "#places")
    return _network_page(request, actor, place_form=form)


@team_view()
def key_figure_detail(request: HttpRequest, key_figure_id: int) -> HttpResponse:
    actor = actor_of(request)
    figure = selectors.key_figure_for_actor(actor=actor, key_figure_id=key_figure_id)
    meetings = _upcoming(actor)
    return render(
        request,
        "registrations/key_figure_detail.html",
        {
            "figure": figure,
            "invites": _invite_rows(actor, [figure], meetings)[figure.pk],
            "registrations": figure.registrations.exclude(
                status=Registration.Status.CANCELLED
            ).select_related("meeting")[:200],
        },
    )
