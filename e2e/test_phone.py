"""The pages of messages, printing and the table division on a phone (360 px wide): nothing
scrolls sideways, and axe finds nothing."""

import pytest

from e2e.conftest import DEMO_PASSWORD, assert_accessible, login
from meedoen.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/t/wijkteam-noord"
PHONE = {"width": 360, "height": 780}


def test_the_new_staff_pages_fit_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    login(page, "member@example.org", DEMO_PASSWORD)
    meeting = Meeting.objects.get(title="Prettig oud worden in Noord")
    calls = Meeting.objects.get(title="Koffieochtend Oude Haven")
    for path in [
        f"{BASE}/bijeenkomsten/{meeting.pk}/afdrukken/",
        f"{BASE}/bijeenkomsten/{meeting.pk}/indeling/",
        f"{BASE}/bijeenkomsten/{meeting.pk}/berichten/",
        f"{BASE}/bijeenkomsten/{calls.pk}/berichten/bellen/",
        f"{BASE}/berichten/teksten/reminder/nl/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(page)
