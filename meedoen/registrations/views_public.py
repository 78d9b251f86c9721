"""Resident pages under /b/<code>/: the public meeting page with the register form, the
key-figure link, and the personal manage page. No login; the manage token in the URL is the
only key, so those pages are never cached, indexed or sent on as a referrer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from meedoen.meetings.models import Meeting, SocialMoment, Venue
from meedoen.registrations import selectors, services
from meedoen.registrations.errors import NoRoom, RegistrationClosed, RegistrationExists
from meedoen.registrations.forms_public import (
    RegistrationChangeForm,
    RegistrationForm,
)
from meedoen.registrations.models import (
    AgeBand,
    HeardVia,
    Need,
    Registration,
    comes_as_choices,
)
from meedoen.registrations.qr import checkin_qr_svg
from meedoen.registrations.selectors import KeyFigureInvite
from meedoen.registrations.texts import texts_for
from meedoen.teams.formflow import form_errors_apply

RATE_LIMIT = 10  # POSTs per IP per meeting …
RATE_WINDOW = 600  # … in this many seconds
HONEYPOT = "website"
SESSION_JUST_REGISTERED = "registrations.just_registered"


def _private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page whose URL holds the manage token: no referrer to other sites, no index, no
    cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        # Never send the URL to another site. Not "no-referrer": browsers then send
        # `Origin: null` with the page's own POSTs, which Django's CSRF check refuses.
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _base_context(meeting: Meeting) -> dict[str, Any]:
    texts = texts_for(meeting.team.form_of_address)
    return {
        "meeting": meeting,
        "texts": texts,
        "team_theme_class": meeting.team.theme_class,
        "public_team": meeting.team,
    }


def _closed_notice(meeting: Meeting, texts: dict[str, str], now: datetime) -> str:
    """Why registering is not possible now ("" when it is): the same rules as the service."""
    if meeting.is_cancelled:
        return texts["CLOSED_CANCELLED"]
    if meeting.starts_at <= now:
        return texts["CLOSED_PAST"]
    if meeting.registration_opens_at and now < meeting.registration_opens_at:
        when = date_format(timezone.localtime(meeting.registration_opens_at), "j F Y, H:i")
        return texts["CLOSED_NOT_YET"] % {"date": when}
    if meeting.registration_closes_at and now >= meeting.registration_closes_at:
        return texts["CLOSED_DEADLINE"]
    return ""


def venue_accessibility(venue: Venue | None) -> dict[str, list[str]]:
    """The venue's yes/no/unknown facts in three plain lists."""
    found: dict[str, list[str]] = {"present": [], "absent": [], "unknown": []}
    if venue is None:
        return found
    for name in Venue.ACCESSIBILITY_FIELDS:
        value = getattr(venue, name)
        label = str(Venue._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        key = "unknown" if value is None else "present" if value else "absent"
        found[key].append(label)
    return found


def _over_rate_limit(request: HttpRequest, meeting: Meeting) -> bool:
    """Count this POST for the sender's IP; True once there were more than RATE_LIMIT."""
    key = f"registrations:public-post:{meeting.pk}:{request.META.get('REMOTE_ADDR', '')}"
    if cache.add(key, 1, RATE_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


def _manage_url(code: str, token: str, name: str = "registration") -> str:
    return reverse(f"public:{name}", kwargs={"code": code, "token": token})


@never_cache
def meeting_page(request: HttpRequest, code: str) -> HttpResponse:
    return _meeting_page(request, code, invite=None)


@never_cache
def meeting_page_via(request: HttpRequest, code: str, token: str) -> HttpResponse:
    meeting = selectors.meeting_public(code=code)
    invite = selectors.key_figure_invite_by_token(meeting=meeting, token=token)
    return _meeting_page(request, code, invite=invite, meeting=meeting)


def _meeting_page(
    request: HttpRequest,
    code: str,
    *,
    invite: KeyFigureInvite | None,
    meeting: Meeting | None = None,
) -> HttpResponse:
    meeting = meeting or selectors.meeting_public(code=code)
    context = _base_context(meeting)
    texts = context["texts"]
    reg_settings = selectors.registration_settings_of(meeting=meeting)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        reg_settings=reg_settings,
        form_of_address=meeting.team.form_of_address,
    )
    notice = _closed_notice(meeting, texts, timezone.now())
    status = 200
    if request.method == "POST":
        if _over_rate_limit(request, meeting):
            response = render(
                request,
                "registrations/public/notice.html",
                {**context, "heading": _("Please wait a moment"), "text": texts["RATE_LIMITED"]},
                status=429,
            )
            response["Retry-After"] = str(RATE_WINDOW)
            return response
        if request.POST.get(HONEYPOT):
            # A robot filled the field people cannot see: pretend, store nothing.
            return render(request, "registrations/public/received.html", context)
        status = 400
        if form.is_valid() and not notice:
            try:
                admission = services.registration_admit(
                    meeting=meeting,
                    channel="key_figure" if invite else "online",
                    key_figure=invite.key_figure if invite else None,
                    **form.registration_fields(),
                )
            except RegistrationExists:
                return render(request, "registrations/public/exists.html", context)
            except RegistrationClosed as error:
                notice = str(error.message)
            except ValidationError as error:
                form_errors_apply(form, error)
            else:
                request.session[SESSION_JUST_REGISTERED] = admission.registration.pk
                return redirect(_manage_url(code, admission.manage_token))
        if notice:
            status = 409
    context.update(
        {
            "form": form,
            "notice": notice,
            "invite": invite,
            "key_figure_text": (
                texts["KEY_FIGURE_INVITES"] % {"name": invite.key_figure.name} if invite else ""
            ),
            "action": request.path,
            "honeypot": HONEYPOT,
            "venue": meeting.venue,
            "accessibility": venue_accessibility(meeting.venue),
            "social_moment": (
                meeting.get_social_moment_display()
                if meeting.social_moment and meeting.social_moment != SocialMoment.NONE
                else ""
            ),
        }
    )
    return render(request, "registrations/public/meeting.html", context, status=status)


def _registration_of(code: str, token: str) -> Registration:
    registration = selectors.registration_by_token(token=token)
    if registration.meeting.code != code:
        raise Http404
    return registration


def registration_data(registration: Registration) -> list[tuple[str, str]]:
    """Every field we hold about the person, in plain words, in the order of the form."""
    yes, no, empty = _("yes"), _("no"), "—"
    needs = dict(Need.choices)
    comes_as = dict(
        comes_as_choices(selectors.registration_settings_of(meeting=registration.meeting))
    )
    rows = [
        (_("Name"), registration.name),
        (_("Email address"), registration.email or empty),
        (_("Phone number"), registration.phone or empty),
        (_("I come as"), str(comes_as.get(registration.comes_as, registration.comes_as)) or empty),
        (
            _("What I need"),
            ", ".join(str(needs.get(n, n)) for n in registration.needs) or empty,
        ),
        (_("Something else I need"), registration.needs_other or empty),
        (_("Dietary wishes"), registration.dietary or empty),
        (_("People who come with me"), ", ".join(map(str, registration.companions)) or empty),
        (
            _("A helper or interpreter who supports me comes along"),
            yes if registration.brings_helper else no,
        ),
        (_("Street or neighbourhood"), registration.street or empty),
        (_("Age group"), str(dict(AgeBand.choices).get(registration.age_band, "")) or empty),
        (_("Languages I speak"), ", ".join(map(str, registration.languages)) or empty),
        (_("Organisation"), registration.organisation or empty),
        (
            _("Photos of me"),
            empty
            if registration.photo_consent is None
            else yes
            if registration.photo_consent
            else no,
        ),
    ]
    for label, answer in (registration.answers or {}).items():
        rows.append((str(label), str(answer)))
    rows += [
        (
            _("How I heard about it"),
            str(dict(HeardVia.choices).get(registration.heard_via, "")) or empty,
        ),
        (_("Through"), registration.key_figure.name if registration.key_figure else empty),
        (
            _("Keep me informed about what happens with the results"),
            yes if registration.follow_up else no,
        ),
        (_("Agreed to the privacy statement"), yes if registration.privacy_consent else no),
        (
            _("Registered on"),
            date_format(timezone.localtime(registration.created_at), "j F Y, H:i"),
        ),
        (_("Check-in code"), registration.checkin_code),
        (_("Status"), registration.get_status_display()),
    ]
    return rows


@_private
def registration_manage(request: HttpRequest, code: str, token: str) -> HttpResponse:
    registration = _registration_of(code, token)
    meeting = registration.meeting
    context = _base_context(meeting)
    texts = context["texts"]
    reg_settings = selectors.registration_settings_of(meeting=meeting)
    form = RegistrationChangeForm(
        request.POST if request.method == "POST" else None,
        registration=registration,
        reg_settings=reg_settings,
        form_of_address=meeting.team.form_of_address,
    )
    can_change = (
        registration.status != Registration.Status.CANCELLED and meeting.starts_at > timezone.now()
    )
    status = 200
    if request.method == "POST" and not can_change:
        return redirect(request.path)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.registration_update(registration=registration, **form.cleaned_data)
            except (NoRoom, RegistrationClosed, ValidationError) as error:
                form_errors_apply(form, error)
            else:
                messages.success(request, texts["CHANGED"])
                return redirect(request.path)
    banner = ""
    if request.session.pop(SESSION_JUST_REGISTERED, None) == registration.pk:
        banner = "new"
    position = selectors.registration_position(registration=registration)
    context.update(
        {
            "registration": registration,
            "form": form,
            "banner": banner,
            "position": position,
            "waiting_text": texts["WAITING"] % {"position": position or 0},
            "data": registration_data(registration),
            "can_change": can_change,
            "token": token,
            "checkin_qr": checkin_qr_svg(
                registration.checkin_code,
                label=_("QR code with your check-in code %(code)s")
                % {"code": registration.checkin_code},
            ),
        }
    )
    return render(request, "registrations/public/manage.html", context, status=status)


@_private
def registration_cancel(request: HttpRequest, code: str, token: str) -> HttpResponse:
    registration = _registration_of(code, token)
    context = _base_context(registration.meeting)
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        messages.success(request, context["texts"]["CANCELLED"])
        return redirect(_manage_url(code, token))
    return render(
        request,
        "registrations/public/confirm.html",
        {
            **context,
            "registration": registration,
            "token": token,
            "heading": context["texts"]["HEADING_CANCEL"],
            "text": context["texts"]["CANCEL_QUESTION"],
            "button": _("Yes, cancel my registration"),
        },
    )


@_private
def registration_delete(request: HttpRequest, code: str, token: str) -> HttpResponse:
    registration = _registration_of(code, token)
    context = _base_context(registration.meeting)
    if request.method == "POST":
        services.registration_delete(registration=registration)
        return redirect(reverse("public:registration_deleted", kwargs={"code": code}))
    return render(
        request,
        "registrations/public/confirm.html",
        {
            **context,
            "registration": registration,
            "token": token,
            "heading": context["texts"]["HEADING_DELETE"],
            "text": context["texts"]["DELETE_QUESTION"],
            "button": _("Yes, delete everything"),
            "danger": True,
        },
    )


@never_cache
def registration_deleted(request: HttpRequest, code: str) -> HttpResponse:
    meeting = selectors.meeting_public(code=code)
    context = _base_context(meeting)
    return render(
        request,
        "registrations/public/notice.html",
        {
            **context,
            "heading": context["texts"]["HEADING_DELETED"],
            "text": context["texts"]["DELETED"],
            "back": True,
        },
    )
