"""Unsubscribing from a link in a message, without an account.

``/afmelden/<token>/``: GET only asks (mail scanners open links, so opening must change
nothing); a POST from the page's button unsubscribes and thanks. Mail programs that follow
RFC 8058 POST ``List-Unsubscribe=One-Click`` to the same address without a page or a CSRF
token: that POST is accepted without one, because all it can do is what the signed token in
the address already allows, and doing it twice changes nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from meedoen.messaging.models import Unsubscribe
from meedoen.messaging.services import unsubscribe_record
from meedoen.messaging.tokens import unsubscribe_token_read
from meedoen.teams.addressing import AddressedText
from meedoen.teams.models import Team

ONE_CLICK_BODY = "One-Click"

ASK = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Do you no longer want invitations, thank-you messages and updates from %(team)s? "
        "Confirm below. Messages about a registration you make yourself (a confirmation, a "
        "reminder) you will still receive.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Do you no longer want invitations, thank-you messages and updates from %(team)s? "
        "Confirm below. Messages about a registration you make yourself (a confirmation, a "
        "reminder) you will still receive.",
    ),
)
DONE = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "Thank you. You will no longer receive invitations, thank-you messages and updates "
        "from %(team)s.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "Thank you. You will no longer receive invitations, thank-you messages and updates "
        "from %(team)s.",
    ),
)
ALREADY = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "You had already unsubscribed. You receive no invitations, thank-you messages or "
        "updates from %(team)s.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "You had already unsubscribed. You receive no invitations, thank-you messages or "
        "updates from %(team)s.",
    ),
)
INVALID = AddressedText(
    formal=pgettext_lazy(
        "address: formal (u)",
        "This unsubscribe link is not complete or not valid. Copy the whole link from the "
        "message, or reply to the message and ask the team to take you off the list.",
    ),
    informal=pgettext_lazy(
        "address: informal (je)",
        "This unsubscribe link is not complete or not valid. Copy the whole link from the "
        "message, or reply to the message and ask the team to take you off the list.",
    ),
)


def _language(request: HttpRequest) -> str:
    """The person's own choice (the language switch) first, else the message's language
    from the link, else Dutch."""
    languages = {code for code, _name in settings.LANGUAGES}
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in languages:
        return chosen
    asked = request.GET.get("lang", "")
    return asked if asked in languages else settings.LANGUAGE_CODE


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    with translation.override(_language(request)):
        response = render(request, f"messaging/public/{template}", context, status=status)
    # The address holds the token: never send it on, never index or cache it.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _team(token: str) -> tuple[Team, str] | None:
    found = unsubscribe_token_read(token)
    if found is None:
        return None
    team_id, email_hash_value = found
    team = Team.objects.filter(pk=team_id).first()
    return (team, email_hash_value) if team is not None else None


def _invalid(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        "unsubscribe_invalid.html",
        {"text": INVALID.for_form(Team.FormOfAddress.FORMAL)},
        status=404,
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = _team(token)
    if found is None:
        return _invalid(request)
    team, email_hash_value = found
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == ONE_CLICK_BODY:
        # RFC 8058: the mail program posts for the person; answer 200 and nothing to follow.
        unsubscribe_record(
            team=team, email_hash_value=email_hash_value, via=Unsubscribe.Via.ONE_CLICK
        )
        with translation.override(_language(request)):
            body = _("You are unsubscribed.")
        return HttpResponse(body, content_type="text/plain; charset=utf-8")
    return _unsubscribe_page(request, team=team, email_hash_value=email_hash_value)


@csrf_protect
def _unsubscribe_page(request: HttpRequest, *, team: Team, email_hash_value: str) -> HttpResponse:
    """The page and its own button's POST, with the usual CSRF check."""
    form = team.form_of_address
    names = {"team": team.name}
    context: dict[str, Any] = {"team_name": team.name, "team_theme_class": team.theme_class}
    if request.method == "POST":
        created = unsubscribe_record(
            team=team, email_hash_value=email_hash_value, via=Unsubscribe.Via.LINK
        )
        text = (DONE if created else ALREADY).for_form(form) % names
        return _page(request, "unsubscribe_done.html", {**context, "text": text})
    already = Unsubscribe.objects.filter(team=team, email_hash=email_hash_value).exists()
    if already:
        return _page(
            request, "unsubscribe_done.html", {**context, "text": ALREADY.for_form(form) % names}
        )
    return _page(request, "unsubscribe.html", {**context, "text": ASK.for_form(form) % names})
