"""Acceptance 5: unsubscribing through the link in a message and through the RFC 8058 one-click
POST, both without an account, and both stop optional mail (and only optional mail)."""

from __future__ import annotations

import email
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from meedoen.messaging.delivery import outbox_deliver_due
from meedoen.messaging.models import Message, MessageKind, Unsubscribe
from meedoen.messaging.services import Recipient, message_enqueue
from meedoen.messaging.tests.outbox_support import PREFIX, due_messages
from meedoen.messaging.tokens import email_hash, unsubscribe_token
from meedoen.teams.models import Team

pytestmark = pytest.mark.django_db

NOW = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
ADDRESS = "bewoner0@example.org"
ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def browser() -> Client:
    """A resident's browser: no login, CSRF checked as in production, English chosen with the
    language switch (so the texts can be matched before the Dutch catalogue has them)."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["meedoen_language"] = "en"
    return client


@pytest.fixture
def link(world, smtp_server) -> str:
    """The unsubscribe address from the List-Unsubscribe header of a real invitation."""
    due_messages(world.team, 1, kind=MessageKind.INVITATION, due_at=NOW)
    outbox_deliver_due(now=NOW)
    parsed = email.message_from_bytes(smtp_server.messages[0].data)
    return parsed["List-Unsubscribe"].strip()[1:-1].removeprefix("http://127.0.0.1:8000")


def _unsubscribed(team) -> bool:
    return Unsubscribe.objects.filter(team=team, email_hash=email_hash(ADDRESS)).exists()


def _enqueue(team, kind: str, subject_id: int) -> Message | None:
    return message_enqueue(
        team=team,
        kind=kind,
        recipient=Recipient(name="Bewoner 0", email=ADDRESS),
        subject_key=f"{PREFIX}:{subject_id}",
        due_at=NOW + timedelta(days=3),
        now=NOW,
    )


def test_opening_the_link_only_asks(world, link, browser):
    response = browser.get(link)
    assert response.status_code == 200
    assert b"Yes, unsubscribe" in response.content
    assert world.team.name.encode() in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert browser.head(link).status_code == 200
    assert not _unsubscribed(world.team)  # link scanners open links: nothing happened


def test_the_button_unsubscribes_without_login_and_stops_optional_mail(
    world, link, browser, smtp_server
):
    later_invitation = _enqueue(world.team, MessageKind.INVITATION, 2)
    reminder = _enqueue(world.team, MessageKind.REMINDER, 2)
    page = browser.get(link)
    response = browser.post(link, {"csrfmiddlewaretoken": page.context["csrf_token"]})
    assert response.status_code == 200
    assert b"You will no longer receive invitations" in response.content
    unsubscribe = Unsubscribe.objects.get(team=world.team)
    assert unsubscribe.via == Unsubscribe.Via.LINK
    assert unsubscribe.email_hash == email_hash(ADDRESS)
    later_invitation.refresh_from_db()
    assert later_invitation.status == Message.Status.CANCELLED
    # New optional mail is not even made; mail about their own registration still goes.
    assert _enqueue(world.team, MessageKind.THANKS_ATTENDED, 3) is None
    before = len(smtp_server.messages)
    report = outbox_deliver_due(now=NOW + timedelta(days=3))
    assert report.sent == 1
    reminder.refresh_from_db()
    assert reminder.status == Message.Status.SENT
    assert len(smtp_server.messages) == before + 1
    # Asking again is harmless and says so.
    again = browser.get(link)
    assert b"You had already unsubscribed" in again.content


def test_the_page_post_without_csrf_token_is_refused(world, link, browser):
    assert browser.post(link, {}).status_code == 403
    assert not _unsubscribed(world.team)


def test_rfc_8058_one_click_post_works_without_page_login_or_csrf(world, link, browser):
    later_invitation = _enqueue(world.team, MessageKind.FOLLOW_UP_UPDATE, 2)
    response = browser.post(link, ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    unsubscribe = Unsubscribe.objects.get(team=world.team)
    assert unsubscribe.via == Unsubscribe.Via.ONE_CLICK
    later_invitation.refresh_from_db()
    assert later_invitation.status == Message.Status.CANCELLED
    # Mail programs may retry: the second POST answers 200 and changes nothing.
    second = browser.post(link, ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert second.status_code == 200
    assert Unsubscribe.objects.filter(team=world.team).count() == 1


def test_unsubscribing_from_one_team_does_not_touch_another(world, other_world, link, browser):
    elsewhere = _enqueue(other_world.team, MessageKind.INVITATION, 5)
    browser.post(link, ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert _unsubscribed(world.team)
    assert not _unsubscribed(other_world.team)
    elsewhere.refresh_from_db()
    assert elsewhere.status == Message.Status.SCHEDULED


@pytest.mark.parametrize(
    "path",
    [
        "/afmelden/not-a-token/",
        "/afmelden/{valid}x/",  # tampered
        "/afmelden/{other_salt}/",  # signed, but not an unsubscribe token
    ],
)
def test_an_invalid_link_gives_a_clear_404_never_500(world, browser, path):
    from django.core import signing

    valid = unsubscribe_token(team_id=world.team.pk, email=ADDRESS)
    other_salt = signing.dumps([world.team.pk, email_hash(ADDRESS)], salt="something else")
    url = path.format(valid=valid, other_salt=other_salt)
    for response in (
        browser.get(url),
        browser.post(url, ONE_CLICK, content_type="application/x-www-form-urlencoded"),
    ):
        assert response.status_code == 404
        assert b"This unsubscribe link is not complete or not valid" in response.content
    assert not Unsubscribe.objects.exists()


def test_a_link_of_a_team_that_no_longer_exists_gives_404(browser):
    team = Team.objects.create(name="Opgeheven", slug="opgeheven", municipality="X")
    url = f"/afmelden/{unsubscribe_token(team_id=team.pk, email=ADDRESS)}/"
    team.delete()
    assert browser.get(url).status_code == 404
    one_click = browser.post(url, ONE_CLICK, content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 404


def test_the_page_speaks_the_message_language_unless_the_person_chose_one(world):
    url = f"/afmelden/{unsubscribe_token(team_id=world.team.pk, email=ADDRESS)}/"
    fresh = Client()
    assert b'<html lang="nl"' in fresh.get(url).content  # Dutch by default
    english = fresh.get(url + "?lang=en")  # the link in an English message
    assert b'<html lang="en"' in english.content
    assert b"Yes, unsubscribe" in english.content
    fresh.cookies["meedoen_language"] = "nl"  # the person switched to Dutch
    assert b'<html lang="nl"' in fresh.get(url + "?lang=en").content


def test_other_methods_are_not_allowed(world, browser):
    url = f"/afmelden/{unsubscribe_token(team_id=world.team.pk, email=ADDRESS)}/"
    assert browser.put(url).status_code == 405
    assert not _unsubscribed(world.team)
