"""Layout as people see it: no sideways scrolling on a phone, the practical facts of a session before its
form, and action buttons that keep their labels."""

import datetime
import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PersonFactory, RepresentativeFactory, SessionFactory, UserFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"
PHONE = {"width": 390, "height": 844}


def sign_in(page, base_url):
    UserFactory(username="agent.mise-en-page", is_staff=True, is_superuser=True)
    page.goto(base_url + reverse("core:login"))
    page.locator("input[name=username]").fill("agent.mise-en-page")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/connexion/"))


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_phone_pages_do_not_scroll_sideways(live_server, referential, page):
    person = PersonFactory(email="gabrielle.albert-de-la-fontaine@services-demo.maillage.example")
    RepresentativeFactory(person=person)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url)
    for url in (reverse("network:governance"), person.get_absolute_url()):
        page.goto(live_server.url + url)
        assert page_width(page) <= PHONE["width"], url


def test_on_a_phone_a_session_shows_its_facts_before_its_form(live_server, referential, page):
    session = SessionFactory(date=datetime.date.today() + datetime.timedelta(days=7), capacity=20)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("participation:public_session", args=[session.pk]))
    assert page_width(page) <= PHONE["width"]
    facts = page.get_by_role("heading", name="En pratique").bounding_box()
    form = page.locator("form:has(input[name=email])").bounding_box()
    title = page.locator("h1").bounding_box()
    assert title["y"] < facts["y"] < form["y"]


def test_icon_buttons_keep_their_labels(live_server, referential, page):
    sign_in(page, live_server.url)
    page.goto(live_server.url + reverse("programme:index"))
    button = page.get_by_role("link", name="Nouveau programme")
    expect(button).to_be_visible()
    assert button.bounding_box()["width"] > 100  # not cut down to a 2.5rem icon
