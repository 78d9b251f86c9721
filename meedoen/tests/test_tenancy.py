"""Every staff URL, walked as a user of another team: always 404. Viewers: 403 on every POST.

The walk reads the URL configuration itself, so a URL added by a later room is covered
without anyone remembering to add it.
"""

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import client_for
from meedoen.tests.tenancy import OBJECT_FACTORIES, PLAIN_VALUES

pytestmark = pytest.mark.django_db

TEAM_PREFIX = "t/<slug:team_slug>/"


@dataclass(frozen=True)
class StaffRoute:
    name: str
    route: str
    view: object


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield StaffRoute(
                name=entry.name or "", route=prefix + str(entry.pattern), view=entry.callback
            )


def staff_routes() -> list[StaffRoute]:
    return [r for r in _walk(get_resolver().url_patterns) if r.route.startswith(TEAM_PREFIX)]


def _fill(route: str, *, team_slug: str, objects_team) -> str:
    """Turn a route like t/<slug:team_slug>/leden/<int:membership_id>/rol/ into a path."""

    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name == "team_slug":
            return team_slug
        if name in PLAIN_VALUES:
            return PLAIN_VALUES[name]
        factory = OBJECT_FACTORIES.get(name)
        if factory is None:
            pytest.fail(
                f"No factory for URL argument {name!r}: add one to meedoen/tests/tenancy.py"
            )
        return str(factory(objects_team))

    return "/" + re.sub(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>", replace, route)


def test_the_walk_finds_the_staff_pages():
    names = {r.name for r in staff_routes()}
    assert {"dashboard", "member_list", "membership_role", "team_settings"} <= names


@pytest.mark.parametrize("route", staff_routes(), ids=lambda r: r.name)
def test_every_staff_view_is_team_scoped(route):
    assert getattr(route.view, "team_view", False), (
        f"{route.name} must be wrapped in @team_view so the team comes from a selector"
    )


def staff_routes_with_objects() -> list[StaffRoute]:
    return [
        r
        for r in staff_routes()
        if any(name in OBJECT_FACTORIES for name in re.findall(r"<(?:\w+:)?(\w+)>", r.route))
    ]


@pytest.mark.parametrize("route", staff_routes_with_objects(), ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_teams_objects_are_404_in_your_own_team(route, method, world, other_world):
    """A coordinator of Noord asks for Zuid's objects under Noord's address."""
    path = _fill(route.route, team_slug=world.team.slug, objects_team=other_world.team)
    response = getattr(client_for(world.coordinator), method)(path)
    assert response.status_code == 404, path


@pytest.mark.parametrize("route", staff_routes(), ids=lambda r: r.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_team_is_404(route, method, world, other_world):
    """A coordinator of Noord asks for Zuid's pages under Zuid's address."""
    path = _fill(route.route, team_slug=other_world.team.slug, objects_team=other_world.team)
    response = getattr(client_for(world.coordinator), method)(path)
    assert response.status_code == 404, path


@pytest.mark.parametrize("route", staff_routes(), ids=lambda r: r.name)
def test_viewers_change_nothing(route, world):
    path = _fill(route.route, team_slug=world.team.slug, objects_team=world.team)
    response = client_for(world.viewer).post(path, {"name": "x", "role": "coordinator"})
    assert response.status_code == 403, path


@pytest.mark.parametrize("route", staff_routes(), ids=lambda r: r.name)
def test_anonymous_visitors_are_sent_to_login(route, world, client):
    path = _fill(route.route, team_slug=world.team.slug, objects_team=world.team)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
