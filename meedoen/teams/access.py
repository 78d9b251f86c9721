"""The decorator every staff view under /t/<team_slug>/ wears.

It resolves the team from the URL through `membership_for_user` (404 for a non-member),
refuses changes by viewers (403 on every unsafe method), optionally limits the view to
coordinators, and lets the team's own theme stylesheet through the CSP.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from meedoen.teams.models import Membership
from meedoen.teams.selectors import membership_for_user

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_TEAM_SESSION_KEY = "meedoen_last_team"


class TeamRequest(HttpRequest):
    """An HttpRequest on a team page: `membership` is the actor for selectors and services."""

    membership: Membership


TeamView = Callable[..., HttpResponseBase]


def actor_of(request: HttpRequest) -> Membership:
    """The acting membership of a request that passed `team_view`."""
    return request.membership  # type: ignore[attr-defined, no-any-return]


def post_data(request: HttpRequest) -> QueryDict | None:
    """The submitted data for a form, also when it is empty (an empty POST is still a
    submission that must show errors, where `request.POST or None` would not bind the form)."""
    return request.POST if request.method == "POST" else None


def team_view(*, coordinator_only: bool = False) -> Callable[[TeamView], TeamView]:
    def decorator(view: TeamView) -> TeamView:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, team_slug: str, **kwargs: Any) -> HttpResponseBase:
            membership = membership_for_user(user=request.user, team_slug=team_slug)  # type: ignore[arg-type]
            if request.method not in SAFE_METHODS and not membership.can_edit:
                raise PermissionDenied
            if coordinator_only and not membership.is_coordinator:
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]
            request.session[LAST_TEAM_SESSION_KEY] = team_slug
            response = view(request, **kwargs)
            stylesheet = membership.team.theme_stylesheet_url
            if stylesheet:
                parts = urlsplit(stylesheet)
                origin = f"{parts.scheme}://{parts.netloc}"
                response._csp_update = {"style-src": [origin], "font-src": [origin]}  # type: ignore[attr-defined]
            return response

        wrapped.team_view = True  # type: ignore[attr-defined]
        return wrapped

    return decorator


def team_page_or(request: HttpRequest, fallback: str) -> str:
    """The page named in the form's ``next`` field (or the link's ``?next=``) when it is one
    of the actor's team's own pages (a button going back to where it was pressed), else the
    fallback: never another site, never another team."""
    target = request.POST.get("next", "") or request.GET.get("next", "")
    own = f"/t/{actor_of(request).team.slug}/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # "/t/own/../other/" would start with the own prefix and still land elsewhere.
    segments = unquote(urlsplit(target).path).split("/")
    climbs = "." in segments or ".." in segments
    return target if safe and not climbs and target.startswith(own) else fallback
