"""The messaging staff pages (texts, settings, contacts, resend): happy paths, invalid input,
and other teams (404). A meeting's messages pages are tested with registrations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from meedoen.meetings.tests.factories import MeetingFactory, VenueFactory
from meedoen.messaging.models import Contact, MessageTemplate
from meedoen.messaging.tests.factories import MessageFactory
from meedoen.registrations.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"messaging:{name}", kwargs={"team_slug": world.team.slug, **kwargs})


@pytest.fixture
def meeting(world):
    return MeetingFactory(
        team=world.team,
        title="Buurtavond",
        venue=VenueFactory(team=world.team, name="De Brug"),
        starts_at=timezone.now() + timedelta(days=5),
    )


def test_resend_from_the_list(world, meeting):
    failed = MessageFactory(team=world.team, context={"meeting_id": meeting.pk}, status="failed")
    back = f"/t/{world.team.slug}/bijeenkomsten/{meeting.pk}/berichten/?status=failed"
    response = client_for(world.member).post(
        _url(world, "message_resend", message_id=failed.pk), {"next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back  # back to the list it was sent from, with its filter
    failed.refresh_from_db()
    assert failed.status == "scheduled"
    sent = MessageFactory(team=world.team, context={"meeting_id": meeting.pk}, status="sent")
    client_for(world.member).post(_url(world, "message_resend", message_id=sent.pk))
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_resend_goes_back_only_to_a_page_of_the_own_team(world, other_world):
    texts = _url(world, "template_list")
    for elsewhere in ("", "https://evil.example/t/noord/", "//evil.example/", "/t/zuid/berichten/"):
        failed = MessageFactory(team=world.team, status="failed")
        response = client_for(world.member).post(
            _url(world, "message_resend", message_id=failed.pk), {"next": elsewhere}
        )
        assert response["Location"] == texts, elsewhere


def test_the_text_editor_saves_checks_previews_and_resets(world, meeting, english):
    RegistrationFactory(meeting=meeting, name="Annie de Jong")
    client = client_for(world.member)
    url = _url(world, "template_edit", message_kind="reminder", message_language="nl")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "{manage_link}" in html and "Annie de Jong" in html  # placeholders and preview
    assert "data-readability" in html

    bad = client.post(url, {"subject": "Tot {datum}", "body": "Hallo"})
    assert bad.status_code == 400
    assert "{datum}" in bad.content.decode()
    assert not MessageTemplate.objects.exists()

    preview = client.post(
        _url(world, "template_preview", message_kind="reminder", message_language="nl"),
        {"subject": "Tot {date}", "body": "Beste {name}, tot in {place}.", "meeting": meeting.pk},
    )
    assert preview.status_code == 200
    assert "Beste Annie de Jong, tot in De Brug." in preview.content.decode()

    saved = client.post(url, {"subject": "Tot {date}", "body": "Beste {name}"})
    assert saved.status_code == 302
    assert MessageTemplate.objects.get().subject == "Tot {date}"
    client.post(_url(world, "template_reset", message_kind="reminder", message_language="nl"))
    assert not MessageTemplate.objects.exists()


def test_the_text_list_and_unknown_kinds(world):
    client = client_for(world.viewer)
    assert client.get(_url(world, "template_list")).status_code == 200
    missing = _url(world, "template_edit", message_kind="letter", message_language="nl")
    assert client.get(missing).status_code == 404


def test_settings_for_coordinators(world, english):
    url = _url(world, "settings_edit")
    assert client_for(world.member).get(url).status_code == 403
    client = client_for(world.coordinator)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"reminder_days_before": "x", "reminder_time": "10:00"})
    assert bad.status_code == 400
    good = client.post(
        url,
        {
            "sender_name": "Buurtteam",
            "reply_to": "",
            "reminder_days_before": "3",
            "reminder_time": "09:30",
            "thanks_days_after": "1",
            "thanks_time": "10:00",
        },
    )
    assert good.status_code == 302
    assert world.team.messaging_settings.reminder_days_before == 3


def test_contacts_add_and_remove(world, other_world):
    client = client_for(world.member)
    url = _url(world, "contact_list")
    bad = client.post(url, {"name": "Els", "email": "els@example.org", "consent": ""})
    assert bad.status_code == 400
    added = client.post(
        url, {"name": "Els", "email": "els@example.org", "consent": "Markt", "language": "nl"}
    )
    assert added.status_code == 302
    contact = Contact.objects.get()
    assert "els@example.org" in client.get(url).content.decode()
    delete_url = _url(world, "contact_delete", contact_id=contact.pk)
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url).status_code == 302
    assert not Contact.objects.exists()


def test_another_teams_messages_are_404(world, other_world):
    message = MessageFactory(team=other_world.team, status="failed")
    client = client_for(world.coordinator)
    assert client.post(_url(world, "message_resend", message_id=message.pk)).status_code == 404
    message.refresh_from_db()
    assert message.status == "failed"


def test_without_javascript_the_preview_shows_another_meeting(world, meeting):
    other = MeetingFactory(
        team=world.team, title="Koffieochtend", starts_at=meeting.starts_at - timedelta(days=1)
    )
    url = _url(world, "template_edit", message_kind="invitation", message_language="nl")
    first = client_for(world.viewer).get(url).content.decode()
    chosen = client_for(world.viewer).get(url, {"meeting": other.pk}).content.decode()
    assert "Koffieochtend" in chosen.split('id="preview"')[1]
    assert "Koffieochtend" not in first.split('id="preview"')[1]
    theirs = MeetingFactory(title="Van Zuid")
    refused = client_for(world.viewer).get(url, {"meeting": theirs.pk}).content.decode()
    assert "Van Zuid" not in refused
