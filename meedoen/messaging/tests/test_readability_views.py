"""The live plain-language check over HTTP: the partial, its escaping, who may use it, and the
widget on the meeting and venue forms."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from conftest import client_for
from meedoen.meetings.forms import MeetingForm
from meedoen.meetings.tests.factories import MeetingFactory, VenueFactory
from meedoen.messaging.views_readability import MAX_CHECK_LENGTH
from meedoen.messaging.widgets import ReadabilityTextarea, with_readability_check

pytestmark = pytest.mark.django_db

LONG = (
    "Omdat de gemeente samen met de woningcorporatie en het wijkteam in het voorjaar wil "
    "beginnen met het opknappen van het plein willen wij graag met alle bewoners praten."
)
PLAIN = "Wij willen weten wat u van het plein vindt. Kom op dinsdag naar het buurthuis."


def english_client(membership):
    """A client whose pages are in English (the source language, for matching texts)."""
    client = client_for(membership)
    client.cookies["meedoen_language"] = "en"
    return client


def language(response) -> str:
    return re.search(r'data-language="(\w+)"', response.content.decode()).group(1)


def check_url(team) -> str:
    return reverse("messaging:readability_check", kwargs={"team_slug": team.slug})


def verdict(response) -> str:
    match = re.search(r'data-verdict="([\w-]+)"', response.content.decode())
    assert match, response.content.decode()
    return match.group(1)


def test_a_member_gets_the_report_as_a_partial(world):
    response = english_client(world.member).post(
        check_url(world.team), {"text": PLAIN + " " + LONG, "readability_language": "nl"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert verdict(response) == "b1"  # two short sentences and one long: 14 words on average
    assert "Reading score (Flesch-Douma)" in html
    assert html.count("<mark") == 1
    assert re.search(r"<mark[^>]*>.*Omdat de gemeente.*praten\.</mark>", html, re.S)
    assert '<li class="utrecht-unordered-list__item">wijkteam</li>' in html


def test_a_dense_text_is_not_b1(world):
    response = client_for(world.coordinator).post(check_url(world.team), {"text": LONG})
    assert verdict(response) == "not-b1"


def test_an_empty_text_says_there_is_nothing_to_score(world):
    response = english_client(world.member).post(check_url(world.team), {"text": "  "})
    assert response.status_code == 200
    assert verdict(response) == "empty"
    assert "Write your text" in response.content.decode()
    assert verdict(client_for(world.member).post(check_url(world.team), {})) == "empty"


def test_the_text_is_escaped(world):
    text = "<script>alert(1)</script>\n" + LONG.replace("plein", '<img src=x onerror="alert(2)">')
    response = client_for(world.member).post(check_url(world.team), {"text": text})
    html = response.content.decode()
    assert html.count("<mark") == 1
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html


def test_the_text_comes_from_the_named_field_and_the_language_from_another(world):
    response = english_client(world.member).post(
        check_url(world.team),
        {
            "readability_field": "body",
            "readability_language_field": "language",
            "language": "en",
            "body": "Come to the community centre. We talk about the playground.",
        },
    )
    html = response.content.decode()
    assert "Reading score (Flesch)" in html
    assert "Checked as English" in html
    assert language(response) == "en"
    assert verdict(response) == "b1"


def test_a_fixed_language_wins_and_the_page_language_is_the_default(world):
    member = client_for(world.member)
    fixed = member.post(check_url(world.team), {"text": PLAIN, "readability_language": "en"})
    assert language(fixed) == "en"
    assert language(member.post(check_url(world.team), {"text": PLAIN})) == "nl"
    english_page = english_client(world.member).post(check_url(world.team), {"text": PLAIN})
    assert language(english_page) == "en"


def test_the_longest_checked_field_fits_and_more_does_not(world):
    """A template body of 5000 characters is checked, also with line breaks sent as CRLF
    (the browser counts them once); a longer text is not."""
    assert MAX_CHECK_LENGTH == 5000
    client = client_for(world.member)
    lines = ("Kom ook." + " " * 91 + "\r\n") * 50  # 50 lines of 99 + CRLF
    assert len(lines.replace("\r\n", "\n")) == 5000
    assert verdict(client.post(check_url(world.team), {"text": lines})) != "problem"
    too_long = client.post(check_url(world.team), {"text": "Kom ook. " * 600})
    assert verdict(too_long) == "problem"


@pytest.mark.parametrize(
    "data",
    [
        {"text": PLAIN, "readability_language": "tr"},
        {"text": PLAIN, "readability_language_field": "language", "language": "<b>"},
        {"text": "a" * (MAX_CHECK_LENGTH + 1)},
    ],
    ids=["unsupported-language", "bad-language", "too-long"],
)
def test_bad_input_gets_a_message_not_an_error(world, data):
    response = client_for(world.member).post(check_url(world.team), data)
    assert response.status_code == 200
    assert verdict(response) == "problem"
    assert "<b>" not in response.content.decode()


def test_the_verdict_goes_out_of_band_into_the_live_region(world):
    response = english_client(world.member).post(
        check_url(world.team), {"text": PLAIN, "readability_id": "id_purpose-readability"}
    )
    html = response.content.decode()
    assert re.search(
        r'<div id="id_purpose-readability-verdict" hx-swap-oob="innerHTML">Reading score \d+: '
        r"suitable for B1",
        html,
    )


def test_a_strange_result_id_is_left_out(world):
    response = client_for(world.member).post(
        check_url(world.team), {"text": PLAIN, "readability_id": 'x" onclick="alert(1)'}
    )
    html = response.content.decode()
    assert "hx-swap-oob" not in html
    assert "onclick" not in html


def test_anonymous_visitors_are_sent_to_login(world, client):
    response = client.post(check_url(world.team), {"text": PLAIN})
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_another_team_is_404(world, other_world):
    response = client_for(world.coordinator).post(check_url(other_world.team), {"text": PLAIN})
    assert response.status_code == 404


def test_viewers_write_no_texts_and_get_403(world):
    response = client_for(world.viewer).post(check_url(world.team), {"text": PLAIN})
    assert response.status_code == 403


def test_the_check_needs_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member.user)
    assert client.post(check_url(world.team), {"text": PLAIN}).status_code == 403


def test_only_post(world):
    assert client_for(world.member).get(check_url(world.team)).status_code == 405


# ---------------------------------------------------------------------------------------------
# The widget and where it is attached


def test_the_widget_adds_htmx_the_live_region_and_keeps_the_description():
    form = MeetingForm(venues=[], plans=[], stakeholders=[])
    html = str(form["purpose"].as_widget(attrs={"aria-describedby": "id_purpose-description"}))
    textarea = re.search(r"<textarea[^>]*>", html).group()
    assert 'hx-trigger="input changed delay:600ms, load"' in textarea
    assert 'hx-target="#id_purpose-readability"' in textarea
    assert 'aria-describedby="id_purpose-description id_purpose-readability-verdict"' in textarea
    assert 'rows="3"' in textarea
    assert "required" in textarea
    values = json.loads(re.search(r'hx-vals="([^"]*)"', textarea).group(1).replace("&quot;", '"'))
    assert values == {
        "readability_field": "purpose",
        "readability_language": "",
        "readability_language_field": "",
        "readability_id": "id_purpose-readability",
    }
    assert 'id="id_purpose-readability-verdict" aria-live="polite"' in html
    assert 'id="id_purpose-readability"' in html


def test_the_widget_passes_a_fixed_language_or_the_language_field():
    from django import forms

    class TemplateForm(forms.Form):
        language = forms.ChoiceField(choices=[("nl", "nl"), ("en", "en")])
        body = forms.CharField(widget=ReadabilityTextarea(language_field="language"))
        summary = with_readability_check(forms.CharField(), language="en")

    form = TemplateForm(prefix="t")
    body = str(form["body"])
    assert "&quot;readability_field&quot;: &quot;t-body&quot;" in body
    assert "&quot;readability_language_field&quot;: &quot;language&quot;" in body
    assert "&quot;readability_language&quot;: &quot;en&quot;" in str(form["summary"])


def test_the_meeting_form_page_loads_the_check_with_the_teams_address(world):
    meeting = MeetingFactory(team=world.team)
    response = client_for(world.member).get(
        reverse(
            "meetings:meeting_update",
            kwargs={"team_slug": world.team.slug, "meeting_id": meeting.pk},
        )
    )
    html = response.content.decode()
    assert f'data-readability-url="{check_url(world.team)}"' in html
    assert 'id="id_purpose-readability-verdict"' in html
    assert 'id="id_expectations-readability-verdict"' in html


def test_the_venue_directions_are_checked_too(world):
    venue = VenueFactory(team=world.team)
    response = client_for(world.member).get(
        reverse(
            "meetings:venue_update", kwargs={"team_slug": world.team.slug, "venue_id": venue.pk}
        )
    )
    html = response.content.decode()
    assert f'data-readability-url="{check_url(world.team)}"' in html
    assert 'id="id_public_transport-readability-verdict"' in html
    assert 'id="id_parking-readability-verdict"' in html
    assert 'id="id_notes-readability-verdict"' not in html
