"""Self check-in with the session code: the rules, the messages, and the rate limit."""

import datetime

import pytest
from django.urls import reverse

from maillage.attendance import checkin
from maillage.attendance.models import Attendance
from maillage.participation.models import Registration
from maillage.programme.models import Session
from tests.attendance.conftest import local
from tests.factories import RegistrationFactory

URL = reverse("attendance:self_checkin")


@pytest.fixture
def at(monkeypatch, session):
    """Freeze `timezone.now()` at a time of the session's day."""

    def freeze(hour, minute=0, day=None):
        moment = local(day or session.date, hour, minute)
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
        return moment

    return freeze


def sign(client, code, email):
    return client.post(URL, {"code": code, "email": email})


@pytest.mark.parametrize(
    ("hour", "minute", "slot"),
    [
        (8, 30, "matin"),
        (9, 0, "matin"),
        (12, 29, "matin"),
        (12, 45, "apres_midi"),
        (13, 30, "apres_midi"),
        (17, 0, "apres_midi"),
    ],
)
def test_current_half_day(session, hour, minute, slot):
    assert checkin.current_slot(session, local(session.date, hour, minute)) == slot


@pytest.mark.parametrize(("hour", "minute"), [(8, 29), (17, 1), (23, 0)])
def test_outside_the_hours_there_is_no_half_day(session, hour, minute):
    assert checkin.current_slot(session, local(session.date, hour, minute)) is None


def test_signs_the_current_half_day(client, session, people, at):
    at(10, 15)
    response = sign(client, session.checkin_code.lower(), " AWA.Diallo@ville.fr ")
    assert response.status_code == 200
    assert "Présence enregistrée" in response.content.decode()
    attendance = Attendance.objects.get(registration=people["Diallo"])
    assert (attendance.slot, attendance.present, attendance.source) == ("matin", True, Attendance.Source.SELF)

    at(14, 0)
    sign(client, session.checkin_code, "awa.diallo@ville.fr")
    assert Attendance.objects.filter(registration=people["Diallo"], present=True).count() == 2


def test_already_signed(client, session, people, at):
    at(10)
    sign(client, session.checkin_code, "awa.diallo@ville.fr")
    response = sign(client, session.checkin_code, "awa.diallo@ville.fr")
    assert "Vous avez déjà émargé" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_signing_overrides_an_absence_marked_earlier(client, session, people, at):
    Attendance.objects.create(registration=people["Zola"], slot="matin", present=False)
    at(11)
    sign(client, session.checkin_code, "emile.zola@bailleur.fr")
    assert Attendance.objects.get(registration=people["Zola"]).present is True


@pytest.mark.parametrize(
    ("code", "email", "message"),
    [
        ("ZZZZZZ", "awa.diallo@ville.fr", "Ce code de séance est inconnu"),
        (None, "personne@ailleurs.fr", "Aucune inscription confirmée"),
        (None, "waiting@ville.fr", "Aucune inscription confirmée"),
    ],
)
def test_failures_have_french_messages(client, session, people, at, code, email, message):
    RegistrationFactory(session=session, person__email="waiting@ville.fr", status=Registration.Status.WAITING)
    at(10)
    response = sign(client, code or session.checkin_code, email)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_outside_the_hours(client, session, people, at):
    at(7, 0)
    body = sign(client, session.checkin_code, "awa.diallo@ville.fr").content.decode()
    assert "ouvert le 12/03/2026 de 08:30 à 17:00" in body
    at(10, 0, day=session.date + datetime.timedelta(days=1))
    body = sign(client, session.checkin_code, "awa.diallo@ville.fr").content.decode()
    assert "ouvert le 12/03/2026" in body
    assert not Attendance.objects.exists()


def test_cancelled_session(client, session, people, at):
    session.status = Session.Status.CANCELLED
    session.save()
    at(10)
    assert "annulée" in sign(client, session.checkin_code, "awa.diallo@ville.fr").content.decode()


def test_invalid_email_is_a_form_error(client, session, people, at):
    at(10)
    response = sign(client, session.checkin_code, "pas-une-adresse")
    assert response.status_code == 200
    assert (
        "fr-input-group--error" in response.content.decode() or "fr-error-text" in response.content.decode()
    )


def test_code_is_prefilled_from_the_qr_link(client, session):
    response = client.get(URL, {"code": session.checkin_code.lower()})
    assert f'value="{session.checkin_code}"' in response.content.decode()


def test_failed_attempts_are_rate_limited_per_address(client, session, people, at):
    at(10)
    for _ in range(checkin.MAX_FAILURES):
        assert sign(client, "ZZZZZZ", "x@y.fr").status_code == 200
    response = sign(client, session.checkin_code, "awa.diallo@ville.fr")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert not Attendance.objects.exists()
    # Another address (another device network) is not affected.
    other = sign(client.__class__(REMOTE_ADDR="10.0.0.2"), session.checkin_code, "awa.diallo@ville.fr")
    assert other.status_code == 200 and Attendance.objects.count() == 1


def test_successes_do_not_count_towards_the_limit(client, session, at):
    at(10)
    for i in range(checkin.MAX_FAILURES + 5):
        RegistrationFactory(session=session, person__email=f"p{i}@salle.fr")
        assert sign(client, session.checkin_code, f"p{i}@salle.fr").status_code == 200
    assert Attendance.objects.filter(present=True).count() == checkin.MAX_FAILURES + 5


def test_code_display_page_has_the_qr_code(staff_client, session):
    body = staff_client.get(reverse("attendance:checkin_code", args=[session.pk])).content.decode()
    assert session.checkin_code in body
    assert "<svg" in body and "/presences/emargement/?code=" in body
