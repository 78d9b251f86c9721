"""The main navigation of a team's pages. Rooms register their own items, like panels."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise

from meedoen.teams.models import Membership


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    order: int = 100
    coordinator_only: bool = False


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


_ITEMS: dict[str, NavItem] = {}


def nav_item_register(item: NavItem) -> None:
    _ITEMS[item.key] = item


def nav_links_for(*, actor: Membership, path: str) -> list[NavLink]:
    links = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key)):
        if item.coordinator_only and not actor.is_coordinator:
            continue
        url = reverse(item.url_name, kwargs={"team_slug": actor.team.slug})
        home = url == reverse("teams:dashboard", kwargs={"team_slug": actor.team.slug})
        current = path == url if home else path.startswith(url)
        links.append(NavLink(label=str(item.label), url=url, current=current))
    return links
