"""What every page needs: the acting membership (on team pages), the user's teams for the
switcher, and the theme class."""

from typing import Any

from django.http import HttpRequest

from meedoen.teams.navigation import nav_links_for
from meedoen.teams.selectors import memberships_of_user


def meedoen(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    teams = []
    if user is not None and user.is_authenticated:
        teams = list(memberships_of_user(user=user))
    team = membership.team if membership else None
    return {
        "membership": membership,
        "team": team,
        "my_memberships": teams,
        "team_theme_class": team.theme_class if team else "",
        "nav_links": nav_links_for(actor=membership, path=request.path) if membership else [],
    }
