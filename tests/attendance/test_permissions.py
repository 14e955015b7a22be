"""Every attendance view: staff-only pages (anonymous → sign-in, non-staff → 403), public pages open."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from maillage.attendance import surveys
from maillage.attendance.models import ConnectionLog, ConnectionLogRow
from tests.attendance.conftest import local
from tests.conftest import assert_staff_only


@pytest.fixture
def log_row(session, staff_user):
    log = ConnectionLog.objects.create(session=session, filename="zoom.csv")
    return ConnectionLogRow.objects.create(
        log=log,
        line=2,
        name="Inconnu",
        email="x@y.fr",
        joined_at=local(session.date, 9),
        left_at=local(session.date, 12),
    )


def staff_get_urls(session, people, log_row):
    registration = people["Diallo"]
    return [
        reverse("attendance:session", args=[session.pk]),
        reverse("attendance:checkin", args=[session.pk]),
        reverse("attendance:checkin_code", args=[session.pk]),
        reverse("attendance:sheet", args=[session.pk]),
        reverse("attendance:certificates_zip", args=[session.pk]),
        reverse("attendance:certificates_pdf", args=[session.pk]),
        reverse("attendance:certificate", args=[registration.pk]),
        reverse("attendance:log_upload", args=[session.pk]),
        reverse("attendance:log", args=[log_row.log.pk]),
        reverse("attendance:session_survey", args=[session.pk]),
        reverse("attendance:session_survey_export", args=[session.pk]) + "?format=csv",
        reverse("attendance:action_survey", args=[session.action.pk]),
        reverse("attendance:action_survey_export", args=[session.action.pk]) + "?format=xlsx",
    ]


def test_staff_pages(client, user_client, staff_user, session, people, log_row):
    staff = Client()
    staff.force_login(staff_user)
    for url in staff_get_urls(session, people, log_row):
        assert_staff_only(Client(), user_client, staff, url)


@pytest.mark.parametrize("name", ["session_survey_send", "checkin"])
def test_staff_posts(user_client, staff_user, session, people, name):
    url = reverse(f"attendance:{name}", args=[session.pk])
    anonymous = Client().post(url, {"registration": people["Diallo"].pk, "slot": "matin", "state": "present"})
    assert anonymous.status_code == 302 and "/connexion/" in anonymous["Location"]
    assert user_client.post(url).status_code == 403
    staff = Client()
    staff.force_login(staff_user)
    response = staff.post(url, {"registration": people["Diallo"].pk, "slot": "matin", "state": "present"})
    assert response.status_code == 302


def test_log_row_resolve_is_staff_only(user_client, staff_user, log_row):
    url = reverse("attendance:log_row_resolve", args=[log_row.pk])
    anonymous = Client().post(url, {"action": "ignore"})
    assert anonymous.status_code == 302 and "/connexion/" in anonymous["Location"]
    assert user_client.post(url, {"action": "ignore"}).status_code == 403
    log_row.refresh_from_db()
    assert not log_row.ignored
    staff = Client()
    staff.force_login(staff_user)
    assert staff.post(url, {"action": "ignore"}).status_code == 302
    log_row.refresh_from_db()
    assert log_row.ignored


def test_unknown_objects_give_404_to_staff_only(staff_client, client):
    url = reverse("attendance:checkin", args=[999999])
    assert client.get(url).status_code == 302  # anonymous users never learn whether it exists
    assert staff_client.get(url).status_code == 404


def test_public_pages_are_open(client, people):
    assert client.get(reverse("attendance:self_checkin")).status_code == 200
    token = surveys.survey_token(people["Diallo"])
    response = client.get(reverse("attendance:survey_answer", args=[token]))
    assert response.status_code == 200
    # No personal data on the public pages.
    assert "Diallo" not in response.content.decode() and "awa.diallo" not in response.content.decode()


def test_public_pages_show_no_personal_data_after_self_checkin(client, session, people, monkeypatch):
    session.date = datetime.date(2026, 3, 12)
    monkeypatch.setattr("django.utils.timezone.now", lambda: local(session.date, 10))
    response = client.post(
        reverse("attendance:self_checkin"), {"code": session.checkin_code, "email": "awa.diallo@ville.fr"}
    )
    body = response.content.decode()
    assert "Présence enregistrée" in body
    assert "Diallo" not in body
