"""Views of the teams room: sign-in, team switching, dashboard, members, invitations, team
settings, audit log, account, health. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from meedoen.teams import selectors, services
from meedoen.teams.access import LAST_TEAM_SESSION_KEY, post_data, team_view
from meedoen.teams.addressing import EXAMPLE_WELCOME
from meedoen.teams.audit import audit_lines
from meedoen.teams.dashboard import dashboard_panels_for
from meedoen.teams.errors import DomainError
from meedoen.teams.formflow import form_page, redirect_with_message
from meedoen.teams.forms import (
    InvitationAcceptForm,
    InvitationForm,
    LoginForm,
    MembershipRoleForm,
    ProfileForm,
    TeamSettingsForm,
)
from meedoen.teams.models import Team

# ---------------------------------------------------------------------------------------------
# Sign-in


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "teams/login.html"
    redirect_authenticated_user = True


def auth_lockout(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes shows after too many failed sign-ins."""
    return render(request, "teams/lockout.html", status=429)


@login_required
def home(request: HttpRequest) -> HttpResponseBase:
    """Send the user to the team they used last, or let them choose."""
    memberships = list(selectors.memberships_of_user(user=request.user))  # type: ignore[arg-type]
    slugs = [m.team.slug for m in memberships]
    last = request.session.get(LAST_TEAM_SESSION_KEY)
    if last in slugs:
        return redirect("teams:dashboard", team_slug=last)
    if len(memberships) == 1:
        return redirect("teams:dashboard", team_slug=slugs[0])
    return render(request, "teams/team_choose.html", {"memberships": memberships})


@login_required
def team_choose(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_of_user(user=request.user)  # type: ignore[arg-type]
    return render(request, "teams/team_choose.html", {"memberships": memberships})


# ---------------------------------------------------------------------------------------------
# Dashboard


@team_view()
def dashboard(request: HttpRequest) -> HttpResponse:
    panels = dashboard_panels_for(actor=request.membership, now=timezone.now())  # type: ignore[attr-defined]
    return render(request, "teams/dashboard.html", {"panels": panels})


# ---------------------------------------------------------------------------------------------
# Members and invitations


def _members_page(
    request: HttpRequest,
    *,
    invitation_form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    context = {
        "members": selectors.team_members(actor=actor),
        "invitations": selectors.team_invitations_open(actor=actor) if actor.is_coordinator else [],
        "invitation_form": invitation_form or InvitationForm(),
        "role_form_class": MembershipRoleForm,
    }
    return render(request, "teams/member_list.html", context, status=status)


@team_view()
def member_list(request: HttpRequest) -> HttpResponse:
    return _members_page(request)


@team_view(coordinator_only=True)
@require_POST
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, invitation_form=form, status=400)
    try:
        invitation, _token = services.invitation_create(
            actor=request.membership,  # type: ignore[attr-defined]
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        )
    except DomainError as error:
        form.add_error("email", str(error.message))
        return _members_page(request, invitation_form=form, status=400)
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
    return redirect("teams:member_list", team_slug=request.membership.team.slug)  # type: ignore[attr-defined]


@team_view(coordinator_only=True)
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    invitation = selectors.invitation_for_actor(actor=actor, invitation_id=invitation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.invitation_revoke(actor=actor, invitation=invitation)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "teams/member_list.html#invitations",
            {
                "invitations": selectors.team_invitations_open(actor=actor),
                "revoked_email": invitation.email,
            },
        )
    messages.success(
        request, _("The invitation of %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("teams:member_list", team_slug=actor.team.slug)


@team_view(coordinator_only=True)
def membership_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    membership = selectors.membership_for_actor(actor=actor, membership_id=membership_id)
    return form_page(
        request,
        MembershipRoleForm(post_data(request), initial={"role": membership.role}),
        save=lambda data: services.membership_change_role(
            actor=actor, membership=membership, role=data["role"]
        ),
        done=lambda changed: redirect_with_message(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": changed.user, "role": changed.get_role_display()},
            reverse("teams:member_list", kwargs={"team_slug": actor.team.slug}),
        ),
        template="teams/membership_role.html",
        context={"member": membership},
    )


@team_view(coordinator_only=True)
def membership_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    membership = selectors.membership_for_actor(actor=actor, membership_id=membership_id)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(actor=actor, membership=membership)
        except DomainError as domain_error:
            error = str(domain_error.message)
        else:
            messages.success(
                request, _("%(name)s was removed from the team.") % {"name": membership.user}
            )
            if membership.user_id == request.user.pk:
                return redirect("teams:home")
            return redirect("teams:member_list", team_slug=actor.team.slug)
    return render(
        request,
        "teams/membership_remove.html",
        {"member": membership, "error": error},
        status=400 if error else 200,
    )


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. A new person chooses a name and password; someone
    with an account signs in first and then accepts."""
    try:
        invitation = selectors.invitation_open_by_token(token=token)
    except DomainError as error:
        return render(
            request, "teams/invitation_invalid.html", {"error": error.message}, status=410
        )
    user = request.user if request.user.is_authenticated else None
    existing_account = user is None and selectors.user_exists(email=invitation.email)
    form = (
        None
        if user or existing_account
        else InvitationAcceptForm(post_data(request), email=invitation.email)
    )
    if request.method == "POST":
        try:
            if user is not None:
                membership = services.invitation_accept(token=token, user=user)
            elif form is not None and form.is_valid():
                membership = services.invitation_accept(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                membership = None
        except DomainError as error:
            messages.error(request, str(error.message))
            membership = None
        if membership is not None:
            messages.success(request, _("Welcome to %(team)s.") % {"team": membership.team.name})
            return redirect("teams:dashboard", team_slug=membership.team.slug)
    context = {
        "invitation": invitation,
        "form": form,
        "existing_account": existing_account,
        "login_url": reverse("teams:login") + "?next=" + request.path,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "teams/invitation_accept.html", context, status=status)


# ---------------------------------------------------------------------------------------------
# Team settings and audit log


@team_view(coordinator_only=True)
def team_settings(request: HttpRequest) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    form = TeamSettingsForm(post_data(request), instance=copy.copy(actor.team))
    examples = {
        form_value: EXAMPLE_WELCOME.for_form(form_value) for form_value in Team.FormOfAddress.values
    }
    return form_page(
        request,
        form,
        save=lambda data: services.team_update(
            actor=actor, **{field: data[field] for field in TeamSettingsForm.Meta.fields}
        ),
        done=lambda team: redirect_with_message(
            request,
            _("The team settings were saved."),
            reverse("teams:team_settings", kwargs={"team_slug": team.slug}),
        ),
        template="teams/team_settings.html",
        context={"address_examples": examples},
    )


@team_view(coordinator_only=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    actor = request.membership  # type: ignore[attr-defined]
    page = Paginator(selectors.audit_log_for_team(actor=actor), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "teams/audit_log.html", {"page": page, "lines": audit_lines(page)})


# ---------------------------------------------------------------------------------------------
# Account


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return form_page(
        request,
        ProfileForm(post_data(request), initial={"full_name": user.full_name}),  # type: ignore[union-attr]
        save=lambda data: services.user_update_profile(
            user=user,  # type: ignore[arg-type]
            full_name=data["full_name"],
        ),
        done=lambda _user: redirect_with_message(
            request, _("Your name was saved."), reverse("teams:account")
        ),
        template="teams/account.html",
    )


# ---------------------------------------------------------------------------------------------
# Operations


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker = selectors.worker_heartbeat_age()
    except DatabaseError:
        return JsonResponse({"database": "error", "worker": None}, status=503)
    return JsonResponse({"database": "ok", "worker": worker})
