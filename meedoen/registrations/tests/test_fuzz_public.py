"""Random input on the public form: never a server error, never stored unescaped, and invalid
input gets a 400 with the error summary."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from meedoen.meetings import services as meeting_services
from meedoen.registrations import services
from meedoen.registrations.models import Need, Registration

pytestmark = pytest.mark.django_db

NASTY = [
    "Zoë Özdemir-Ngô",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "Robert'); DROP TABLE registrations;--",
    "x" * 100_000,
    "   ",
    "مريم الحسن",
    "李小龙 🎉",
    "\u202eevil",
]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))
maybe = st.one_of(st.none(), text)


@pytest.fixture
def meeting(world):
    starts = timezone.now() + timedelta(days=20)
    meeting = meeting_services.meeting_create(
        actor=world.member,
        title="Buurtavond",
        purpose="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=5,
    )
    services.registration_settings_update(
        actor=world.member,
        meeting=meeting,
        published=True,
        ask_street=True,
        ask_age_band=True,
        ask_languages=True,
        ask_photo_consent=True,
        custom_questions=[
            {"label": "<b>Hoe oud is uw huis?</b>", "kind": "number"},
            {"label": "Kleur", "kind": "choice", "choices": ["rood", "<i>blauw</i>"]},
        ],
    )
    return meeting


form_data_any = st.fixed_dictionaries(
    {},
    optional={
        "name": text,
        "email": st.one_of(st.emails(), text, st.just("")),
        "phone": st.one_of(st.just("06 12345678"), text),
        "comes_as": st.one_of(st.just("resident"), text),
        "needs": st.lists(st.one_of(st.sampled_from(Need.values), text), max_size=4),
        "needs_other": text,
        "dietary": text,
        "privacy_consent": st.sampled_from(["on", "", "off"]),
        "follow_up": st.sampled_from(["on", ""]),
        "companions": text,
        "brings_helper": st.sampled_from(["on", ""]),
        "street": text,
        "age_band": st.one_of(st.just("35-54"), text),
        "languages": text,
        "photo_consent": st.sampled_from(["yes", "no", "maybe", ""]),
        "question_0": st.one_of(st.integers().map(str), text),
        "question_1": st.one_of(st.just("rood"), text),
        "heard_via": st.one_of(st.just("poster"), text),
        "website": st.sampled_from(["", "", "", "spam"]),
    },
)
valid_base = st.fixed_dictionaries(
    {
        "name": st.one_of(st.sampled_from(NASTY[:4] + NASTY[6:]), st.text(min_size=1, max_size=60)),
        "email": st.integers(min_value=0, max_value=10**9).map(lambda n: f"p{n}@example.org"),
        "privacy_consent": st.just("on"),
    }
)


def _merge(base: dict, extra: dict, keep_valid: bool) -> dict:
    data = {**base, **extra} if not keep_valid else {**extra, **base}
    return {k: v for k, v in data.items() if v is not None}


form_data = st.one_of(
    # Mostly valid, so the happy path and the manage page are fuzzed too …
    st.builds(_merge, valid_base, form_data_any, st.just(True)),
    # … and anything at all.
    st.builds(_merge, valid_base, form_data_any, st.just(False)),
    form_data_any,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=form_data)
def test_random_input_never_breaks_the_form(meeting, data):
    cache.clear()  # keep the rate limit out of this test
    client = Client()
    before = set(Registration.objects.values_list("pk", flat=True))
    response = client.post(reverse("public:meeting", kwargs={"code": meeting.code}), data)
    assert response.status_code < 500
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    new = Registration.objects.exclude(pk__in=before)
    if response.status_code == 400:
        assert "md-error-summary" in html
        assert not new.exists()
    if data.get("website"):
        assert not new.exists()
    if response.status_code == 302:
        registration = new.get()
        page = client.get(response["Location"])
        assert page.status_code == 200
        shown = page.content.decode()
        assert escape(registration.name) in shown
        assert "<script>alert" not in shown and "<img src=x" not in shown
        for label, answer in registration.answers.items():
            assert escape(label) in shown and escape(str(answer)) in shown
        event("registered")
    event(f"status {response.status_code}")
