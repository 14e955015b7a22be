"""A staff member signs in, finds a QPV by name (typed without accents or capitals) and opens its page."""

import re

import pytest
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from maillage.core.text import fold
from maillage.territory.models import QPV
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"


def a_qpv_with_a_distinctive_name():
    """A 2024 QPV of Hauts-de-France whose name no other QPV shares, preferably with an accent."""
    unique_names = (
        QPV.objects.values("search_name")
        .annotate(n=Count("id"))
        .filter(n=1)
        .values_list("search_name", flat=True)
    )
    candidates = QPV.objects.filter(
        list_year=2024, department__region__code="32", search_name__in=list(unique_names)
    ).order_by("code")
    accented = [qpv for qpv in candidates if fold(qpv.name) != qpv.name.lower() and len(qpv.name) > 8]
    qpv = (accented or list(candidates))[0]
    return qpv


def test_staff_finds_a_qpv_and_opens_its_page(live_server, referential, page, screenshot_dir):
    UserFactory(username="agent.navigateur", is_staff=True)
    qpv = a_qpv_with_a_distinctive_name()
    qpv_url = reverse("territory:qpv", args=[qpv.code])

    page.goto(live_server.url + reverse("core:login"))
    page.locator("input[name=username]").fill("agent.navigateur")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/connexion/"))

    page.goto(live_server.url + reverse("territory:search"))
    search = page.locator("input[name=q]")
    search.fill(fold(qpv.name))
    search.press("Enter")
    result = page.locator(f'a[href="{qpv_url}"]')
    expect(result).to_be_visible()
    result.click()

    expect(page).to_have_url(live_server.url + qpv_url)
    expect(page.locator("h1")).to_contain_text(qpv.name)
    expect(page.locator("main")).to_contain_text(qpv.code)
    page.screenshot(path=screenshot_dir / f"qpv-{connection.vendor}.png", full_page=True)
