"""Staff pages of registrations: list with filters and needs summary, fast entry, detail and
cancel, the registration form's settings, the network. Other-team 404s: the URL walk."""

import pytest
from django.urls import reverse

from conftest import client_for as _client_for
from meedoen.meetings.tests.factories import MeetingFactory
from meedoen.registrations import selectors, services
from meedoen.registrations.models import Registration, RegistrationSettings
from meedoen.registrations.tests.factories import (
    KeyFigureFactory,
    NetworkPlaceFactory,
    RegistrationFactory,
)
from meedoen.teams.models import AuditLogEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def client_for(membership):
    """A logged-in client that reads the pages in English, the source language."""
    client = _client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def url(name, team, **kwargs):
    return reverse(f"registrations:{name}", kwargs={"team_slug": team.slug, **kwargs})


@pytest.fixture
def meeting(world):
    return MeetingFactory(team=world.team, capacity=3, title="Buurtavond")


def entry(**changes):
    data = {"channel": "paper", "name": "Jan Jansen", "heard_via": "", "comes_as": ""}
    data.update(changes)
    return data


# ---------------------------------------------------------------------------------------------
# Meeting section


def test_meeting_page_shows_the_section(world, meeting):
    RegistrationFactory(meeting=meeting, companions=["Piet"])
    RegistrationFactory(meeting=meeting, status="waiting")
    page = client_for(world.viewer).get(
        reverse(
            "meetings:meeting_detail",
            kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk},
        )
    )
    html = page.content.decode()
    assert "2 of 3 places taken" in html
    assert url("registration_list", world.team, meeting_id=meeting.pk) in html
    assert f"/b/{meeting.code}/" in html
    # A viewer reads; the settings and entry links are for the people who change things.
    assert url("registration_settings", world.team, meeting_id=meeting.pk) not in html
    member_html = client_for(world.member).get(page.wsgi_request.path).content.decode()
    assert url("registration_settings", world.team, meeting_id=meeting.pk) in member_html


# ---------------------------------------------------------------------------------------------
# List


def test_list_filters_narrow_and_counts(world, meeting):
    figure = KeyFigureFactory(team=world.team, name="Aïcha")
    RegistrationFactory(meeting=meeting, name="Ans Paper", channel="paper", needs=["wheelchair"])
    RegistrationFactory(meeting=meeting, name="Bert Phone", channel="phone", comes_as="volunteer")
    RegistrationFactory(meeting=meeting, name="Cor Figure", channel="key_figure", key_figure=figure)
    RegistrationFactory(meeting=meeting, name="Dirk Waiting", status="waiting")
    client = client_for(world.viewer)
    list_url = url("registration_list", world.team, meeting_id=meeting.pk)

    everyone = client.get(list_url).content.decode()
    assert all(n in everyone for n in ("Ans Paper", "Bert Phone", "Cor Figure", "Dirk Waiting"))
    assert "Confirmed: 3" in everyone
    assert "On the waiting list: 1" in everyone

    def names(**params):
        html = client.get(list_url, params).content.decode()
        return {n for n in ("Ans Paper", "Bert Phone", "Cor Figure", "Dirk Waiting") if n in html}

    assert names(status="waiting") == {"Dirk Waiting"}
    assert names(channel="paper") == {"Ans Paper"}
    assert names(need="wheelchair") == {"Ans Paper"}
    assert names(comes_as="volunteer") == {"Bert Phone"}
    assert names(key_figure=str(figure.pk)) == {"Cor Figure"}
    # An unknown value is not a filter that silently shows everything as if filtered.
    assert client.get(list_url, {"status": "nonsense"}).status_code == 200


def test_needs_summary_counts(world, meeting):
    meeting.capacity = 20
    meeting.save()
    RegistrationFactory(meeting=meeting, needs=["wheelchair", "hearing_loop"], dietary="halal")
    RegistrationFactory(meeting=meeting, needs=["wheelchair"], photo_consent=False)
    RegistrationFactory(meeting=meeting, needs=["interpreter"], dietary="vegetarian")
    RegistrationFactory(meeting=meeting, needs=["wheelchair"], status="cancelled")
    response = client_for(world.member).get(
        url("registration_list", world.team, meeting_id=meeting.pk)
    )
    summary = response.context["summary"]
    assert summary.needs["wheelchair"] == 2
    assert summary.needs["hearing_loop"] == 1
    assert summary.needs["interpreter"] == 1
    assert summary.photo_refusals == 1
    assert sorted(summary.diets) == ["halal", "vegetarian"]
    need_counts = dict(response.context["need_counts"])
    assert need_counts["I use a wheelchair or walker"] == 2
    html = response.content.decode()
    assert "halal" in html and "vegetarian" in html


def test_list_has_a_bounded_number_of_queries(world, meeting, django_assert_max_num_queries):
    figure = KeyFigureFactory(team=world.team)
    client = client_for(world.member)
    list_url = url("registration_list", world.team, meeting_id=meeting.pk)
    client.get(list_url)
    for i in range(40):
        RegistrationFactory(meeting=meeting, key_figure=figure if i % 2 else None, status="waiting")
    with django_assert_max_num_queries(14):
        response = client.get(list_url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 40


# ---------------------------------------------------------------------------------------------
# Fast entry


def test_entry_confirms_then_waits_when_full(world, meeting):
    client = client_for(world.member)
    entry_url = url("registration_entry", world.team, meeting_id=meeting.pk)
    page = client.get(entry_url)
    assert page.status_code == 200
    assert "autofocus" in page.content.decode()

    first = client.post(
        entry_url,
        entry(
            name="Ans  de Vries",
            companions="Piet\nKees",
            needs=["wheelchair"],
            channel="phone",
            comes_as="informal_carer",
        ),
        follow=True,
    )
    assert first.redirect_chain[-1][0] == f"{entry_url}?channel=phone"
    assert "Saved: Ans de Vries (confirmed). Next one." in first.content.decode()
    ans = Registration.objects.get(name="Ans de Vries")
    assert (ans.status, ans.channel, ans.companions, ans.places) == (
        "confirmed",
        "phone",
        ["Piet", "Kees"],
        3,
    )
    assert ans.created_by == world.member.user
    # Without the team's own choices, the same value as the public form stores.
    assert ans.comes_as == "informal_carer"
    detail = client.get(url("registration_detail", world.team, registration_id=ans.pk))
    assert "informal carer" in detail.content.decode()
    # The channel stays for the next form in the stack.
    assert first.context["form"]["channel"].value() == "phone"

    second = client.post(entry_url, entry(name="Bert Bakker"), follow=True)
    assert "Saved: Bert Bakker (waiting list, position 1). Next one." in second.content.decode()
    assert Registration.objects.get(name="Bert Bakker").status == "waiting"


def test_entry_overbooks_on_purpose_with_a_reason(world, meeting):
    RegistrationFactory(meeting=meeting, companions=["A", "B"])
    client = client_for(world.member)
    entry_url = url("registration_entry", world.team, meeting_id=meeting.pk)

    without_reason = client.post(entry_url, entry(name="Mevrouw Jansen", overbook="on"))
    assert without_reason.status_code == 400
    assert "md-error-summary" in without_reason.content.decode()
    assert not Registration.objects.filter(name="Mevrouw Jansen").exists()

    response = client.post(
        entry_url,
        entry(name="Mevrouw Jansen", overbook="on", overbook_reason="Buurvrouw van de spreker"),
        follow=True,
    )
    assert "overbooked on purpose" in response.content.decode()
    registration = Registration.objects.get(name="Mevrouw Jansen")
    assert registration.status == "confirmed"
    assert registration.overbooked_reason == "Buurvrouw van de spreker"
    log = AuditLogEntry.objects.get(action="registration.overbooked")
    assert log.actor == world.member.user
    assert log.details["reason"] == "Buurvrouw van de spreker"


def test_entry_duplicate_email_is_a_form_error_and_keeps_the_input(world, meeting):
    client = client_for(world.member)
    entry_url = url("registration_entry", world.team, meeting_id=meeting.pk)
    client.post(entry_url, entry(name="Ans", email="ans@example.org"))
    again = client.post(
        entry_url, entry(name="Ans Tweede", email="ANS@example.org", dietary="geen vis")
    )
    assert again.status_code == 400
    html = again.content.decode()
    assert "md-error-summary" in html
    assert "already registered" in html
    assert again.context["form"].errors["email"]
    assert "geen vis" in html  # nothing typed is lost
    assert Registration.objects.count() == 1


def test_entry_invalid_and_closed(world, meeting):
    client = client_for(world.member)
    entry_url = url("registration_entry", world.team, meeting_id=meeting.pk)
    empty = client.post(entry_url, entry(name=""))
    assert empty.status_code == 400
    assert "md-error-summary" in empty.content.decode()

    meeting.status = meeting.Status.CANCELLED
    meeting.save()
    closed = client.post(entry_url, entry(name="Te laat"))
    assert closed.status_code == 400
    assert "cancelled" in closed.content.decode()
    assert not Registration.objects.exists()


def test_entry_is_not_for_viewers(world, meeting):
    entry_url = url("registration_entry", world.team, meeting_id=meeting.pk)
    assert client_for(world.viewer).post(entry_url, entry()).status_code == 403
    assert client_for(world.viewer).get(entry_url).status_code == 403
    assert not Registration.objects.exists()


# ---------------------------------------------------------------------------------------------
# Detail and cancel


def test_detail_and_cancel_promotes_the_waiting(world, meeting):
    first = services.registration_admit(
        meeting=meeting, channel="phone", actor=world.member, name="Ans", companions=["P", "Q"]
    ).registration
    waiting = services.registration_admit(
        meeting=meeting, channel="paper", actor=world.member, name="Bert", dietary="halal"
    ).registration
    client = client_for(world.member)
    detail = client.get(url("registration_detail", world.team, registration_id=waiting.pk))
    assert "position 1 on the waiting list" in detail.content.decode()
    assert "halal" in detail.content.decode()

    cancel_url = url("registration_cancel", world.team, registration_id=first.pk)
    assert client.get(cancel_url).status_code == 200
    response = client.post(cancel_url, follow=True)
    html = response.content.decode()
    assert "Moved up from the waiting list: Bert." in html
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    promoted = client.get(url("registration_detail", world.team, registration_id=waiting.pk))
    assert "moved up from the waiting list on" in promoted.content.decode()


def test_cancel_is_not_for_viewers(world, meeting):
    registration = RegistrationFactory(meeting=meeting)
    cancel_url = url("registration_cancel", world.team, registration_id=registration.pk)
    assert client_for(world.viewer).post(cancel_url).status_code == 403
    detail = client_for(world.viewer).get(
        url("registration_detail", world.team, registration_id=registration.pk)
    )
    assert detail.status_code == 200
    assert cancel_url not in detail.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


# ---------------------------------------------------------------------------------------------
# Settings


def settings_data(**changes):
    data = {
        "published": "on",
        "ask_street": "on",
        "allow_companions": "on",
        "max_companions": "2",
        "comes_as": "bewoner\nmantelzorger\n\nbewoner",
        "privacy_url": "https://example.org/privacy",
        "q1_label": "Welke straat?",
        "q1_kind": "text",
        "q2_label": "Koffie of thee?",
        "q2_kind": "choice",
        "q2_choices": "koffie\nthee",
        "q3_label": "",
        "q3_kind": "number",
        "q4_kind": "text",
        "q5_kind": "text",
    }
    data.update(changes)
    return data


def test_settings_save_and_publish(world, meeting):
    client = client_for(world.member)
    settings_url = url("registration_settings", world.team, meeting_id=meeting.pk)
    assert client.get(settings_url).status_code == 200
    response = client.post(settings_url, settings_data(), follow=True)
    assert "The public page is online." in response.content.decode()
    saved = RegistrationSettings.objects.get(meeting=meeting)
    assert saved.published and saved.ask_street and not saved.ask_age_band
    assert saved.max_companions == 2
    assert saved.comes_as == ["bewoner", "mantelzorger"]
    assert saved.custom_questions == [
        {"label": "Welke straat?", "kind": "text", "choices": []},
        {"label": "Koffie of thee?", "kind": "choice", "choices": ["koffie", "thee"]},
    ]
    assert AuditLogEntry.objects.filter(action="registration.settings").exists()
    # The saved values come back into the form, and the entry form offers the team's choices.
    again = client.get(settings_url)
    assert "koffie\nthee" in again.content.decode()
    entry_form = client.get(url("registration_entry", world.team, meeting_id=meeting.pk))
    assert ("mantelzorger", "mantelzorger") in entry_form.context["form"].fields["comes_as"].choices

    client.post(settings_url, settings_data(published=""))
    saved.refresh_from_db()
    assert not saved.published


def test_settings_invalid(world, meeting):
    client = client_for(world.member)
    settings_url = url("registration_settings", world.team, meeting_id=meeting.pk)
    response = client.post(
        settings_url,
        settings_data(privacy_url="http://example.org/privacy", q2_choices="alleen koffie"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "md-error-summary" in html
    assert set(response.context["form"].errors) == {"privacy_url", "q2_choices"}
    assert not RegistrationSettings.objects.filter(meeting=meeting, published=True).exists()


def test_settings_not_for_viewers(world, meeting):
    settings_url = url("registration_settings", world.team, meeting_id=meeting.pk)
    assert client_for(world.viewer).post(settings_url, settings_data()).status_code == 403
    assert not RegistrationSettings.objects.filter(published=True).exists()


# ---------------------------------------------------------------------------------------------
# Network


def test_network_lists_adds_and_shows_invite_links(world, meeting):
    figure = KeyFigureFactory(team=world.team, name="Aïcha")
    RegistrationFactory(meeting=meeting, key_figure=figure, channel="key_figure")
    RegistrationFactory(meeting=meeting, key_figure=figure, status="cancelled")
    NetworkPlaceFactory(team=world.team, name="Markt op woensdag")
    client = client_for(world.member)
    page = client.get(url("network", world.team))
    html = page.content.decode()
    invite = selectors.key_figure_invite(meeting=meeting, key_figure=figure)
    assert f"/b/{meeting.code}/via/{invite.token}/" in html
    assert "1 registration through them" in html
    assert "Markt op woensdag" in html
    # Viewers see the same links: showing them writes nothing.
    assert invite.token in client_for(world.viewer).get(url("network", world.team)).content.decode()

    added = client.post(
        url("key_figure_create", world.team),
        {"kf-name": "Henk", "kf-connection": "De biljartclub", "kf-contact": ""},
        follow=True,
    )
    assert "Henk was added." in added.content.decode()
    place = client.post(
        url("network_place_create", world.team),
        {"place-name": "Huisartsenpraktijk", "place-kind": "huisarts", "place-address": ""},
        follow=True,
    )
    assert "Huisartsenpraktijk was added." in place.content.decode()
    assert world.team.key_figures.count() == 2
    assert world.team.network_places.count() == 2

    detail = client.get(url("key_figure_detail", world.team, key_figure_id=figure.pk))
    assert f"/b/{meeting.code}/via/{invite.token}/" in detail.content.decode()


def test_network_invalid_forms(world):
    client = client_for(world.member)
    response = client.post(url("key_figure_create", world.team), {"kf-name": ""})
    assert response.status_code == 400
    assert "md-error-summary" in response.content.decode()
    response = client.post(url("network_place_create", world.team), {"place-name": ""})
    assert response.status_code == 400
    assert "md-error-summary" in response.content.decode()
    assert not world.team.key_figures.exists()
    assert not world.team.network_places.exists()


def test_network_viewers_read_only(world):
    client = client_for(world.viewer)
    page = client.get(url("network", world.team))
    assert page.status_code == 200
    assert url("key_figure_create", world.team) not in page.content.decode()
    assert client.post(url("key_figure_create", world.team), {"kf-name": "X"}).status_code == 403
    assert (
        client.post(url("network_place_create", world.team), {"place-name": "X"}).status_code == 403
    )
    assert not world.team.key_figures.exists()


def test_dashboard_panel_links_to_the_list(world, meeting):
    RegistrationFactory(meeting=meeting)
    html = client_for(world.viewer).get(reverse("teams:dashboard", args=[world.team.slug]))
    assert "1 of 3 places taken" in html.content.decode()
    assert url("registration_list", world.team, meeting_id=meeting.pk) in html.content.decode()
