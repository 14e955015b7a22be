"""A person registers on the public session page as the public would; staff then check them in.

Public: the session page, the DSFR form (identity, organisation, consent), the confirmation page.
Staff: sign in at /connexion/, open the check-in screen, search the person, mark the morning present
(htmx), and the Attendance row is there.
"""

import datetime
import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from maillage.attendance.models import Attendance
from maillage.participation.models import Registration
from tests.factories import SessionFactory, UserFactory

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"


def test_public_registration_then_staff_check_in(live_server, referential, page, screenshot_dir):
    session = SessionFactory(
        action__title="Évaluer son contrat de ville",
        action__anct_type="formation",
        date=datetime.date.today() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(16, 30),
        capacity=20,
    )
    UserFactory(username="agent.pointage", is_staff=True)

    # The public registers.
    page.goto(live_server.url + reverse("participation:public_session", args=[session.pk]))
    expect(page.locator("h1")).to_contain_text("Évaluer son contrat de ville")
    form = page.locator("form:has(input[name=email])")
    form.locator("input[name=first_name]").fill("Awa")
    form.locator("input[name=last_name]").fill("Diallo")
    form.locator("input[name=email]").fill("awa.diallo@ville-exemple.fr")
    form.locator("input[name=organisation_name]").fill("Ville de Roubaix")
    consent = form.locator("input[name=consent_events]")
    consent.check(force=True)  # the DSFR checkbox input is styled under its label
    expect(consent).to_be_checked()
    page.screenshot(path=screenshot_dir / "inscription-formulaire.png", full_page=True)
    form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Inscription confirmée")
    page.screenshot(path=screenshot_dir / "inscription-confirmee.png", full_page=True)
    registration = Registration.objects.get(session=session, person__email="awa.diallo@ville-exemple.fr")
    assert registration.status == Registration.Status.CONFIRMED

    # Staff sign in and check the person in.
    checkin_url = reverse("attendance:checkin", args=[session.pk])
    page.goto(live_server.url + checkin_url)
    expect(page).to_have_url(re.compile(r"/connexion/"))
    page.locator("input[name=username]").fill("agent.pointage")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(checkin_url)))

    page.locator("input[name=q]").fill("diallo")
    # The search swaps the list after a short delay: wait for it (htmx pushes the URL), so that no
    # request is still in flight when the test ends and the database is flushed.
    expect(page).to_have_url(re.compile(r"[?&]q=diallo"))
    row = page.locator(f"#inscription-{registration.pk}")
    expect(row).to_contain_text("DIALLO Awa")
    present = row.locator("form:has(input[name=slot][value=matin]) button[value=present]")
    present.click()
    # htmx swaps the row: the morning button is now pressed, and the counts follow.
    pressed = page.locator(
        f"#inscription-{registration.pk} form:has(input[name=slot][value=matin]) button.att-btn--present"
    )
    expect(pressed).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#checkin-counts")).to_contain_text("1 présent · matin")
    page.screenshot(path=screenshot_dir / "pointage.png", full_page=True)

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.slot, attendance.present, attendance.source) == (
        "matin",
        True,
        Attendance.Source.STAFF,
    )
    assert attendance.recorded_by.username == "agent.pointage"
