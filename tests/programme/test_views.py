import datetime

import pytest
from django.test import Client
from django.urls import reverse

from maillage.programme.models import Action, Programme, Session, StatusCause
from tests.conftest import assert_staff_only
from tests.factories import ActionFactory, CentreFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_every_programme_page_is_staff_only(user_client, staff_client):
    session = SessionFactory()
    action, programme = session.action, session.action.programme
    urls = [
        reverse("programme:index"),
        reverse("programme:programme_create"),
        reverse("programme:calendar"),
        reverse("programme:programme", args=[programme.pk]),
        reverse("programme:programme_update", args=[programme.pk]),
        reverse("programme:programme_vote", args=[programme.pk]),
        reverse("programme:programme_revise", args=[programme.pk]),
        reverse("programme:action_create", args=[programme.pk]),
        reverse("programme:action", args=[action.pk]),
        reverse("programme:action_update", args=[action.pk]),
        reverse("programme:action_status", args=[action.pk]),
        reverse("programme:action_partner", args=[action.pk]),
        reverse("programme:session_create", args=[action.pk]),
        reverse("programme:session", args=[session.pk]),
        reverse("programme:session_update", args=[session.pk]),
    ]
    for url in urls:
        assert_staff_only(Client(), user_client, staff_client, url)


def test_admin_can_open_the_programme(admin_client):
    session = SessionFactory()
    assert (
        admin_client.get(reverse("programme:programme", args=[session.action.programme.pk])).status_code
        == 200
    )


def test_create_programme_then_a_second_for_the_same_year_is_refused(staff_client):
    centre = CentreFactory()
    url = reverse("programme:programme_create")
    response = staff_client.post(url, {"centre": centre.pk, "year": 2031, "introduction": ""})
    assert response.status_code == 302
    response = staff_client.post(url, {"centre": centre.pk, "year": 2031, "introduction": ""})
    assert response.status_code == 200
    assert Programme.objects.filter(centre=centre, year=2031).count() == 1


def test_vote_form(staff_client):
    action = ActionFactory(planned_half_days=3)
    url = reverse("programme:programme_vote", args=[action.programme.pk])
    response = staff_client.post(url, {"voted_on": "2030-11-18", "deliberation_ref": "D-2030-07"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.voted_half_days == 3
    assert action.programme.voted_on == datetime.date(2030, 11, 18)


def test_cancelling_without_cause_is_refused_in_french(staff_client):
    action = ActionFactory()
    url = reverse("programme:action_status", args=[action.pk])
    response = staff_client.post(url, {"status": Action.Status.CANCELLED})
    assert "Indiquez la cause du report ou de l&#x27;annulation." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.PLANNED
    cause = StatusCause.objects.get(slug="inscriptions-insuffisantes")
    response = staff_client.post(
        url, {"status": Action.Status.CANCELLED, "cause": cause.pk, "comment": "3 inscrits"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status_cause == cause and action.status_changes.count() == 1


def test_create_action_and_session(staff_client):
    action = ActionFactory()
    url = reverse("programme:action_create", args=[action.programme.pk])
    response = staff_client.post(
        url,
        {
            "title": "Groupe de travail évaluation",
            "anct_type": "groupe_travail",
            "planned_half_days": 4,
            "target_publics": ["chef_projet"],
            "qpv_codes": "QN05901M",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Action.objects.get(title="Groupe de travail évaluation")
    assert list(created.qpvs.values_list("code", flat=True)) == ["QN05901M"]
    url = reverse("programme:session_create", args=[created.pk])
    response = staff_client.post(
        url,
        {
            "date": "2031-03-12",
            "start_time": "09:00",
            "end_time": "17:00",
            "format": "distanciel",
            "status": "prevue",
            "is_published": "on",
        },
    )
    assert "Indiquez le lien de visioconférence" in response.content.decode()
    response = staff_client.post(
        url,
        {
            "date": "2031-03-12",
            "start_time": "09:00",
            "end_time": "17:00",
            "format": "distanciel",
            "status": "prevue",
            "video_url": "https://visio.example.fr/abc",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    assert Session.objects.get(action=created).half_days == 2


def test_calendar_lists_the_month(staff_client):
    session = SessionFactory(date=datetime.date(2031, 5, 14))
    body = staff_client.get(reverse("programme:calendar"), {"mois": "2031-05"}).content.decode()
    assert session.get_absolute_url() in body
    body = staff_client.get(reverse("programme:calendar"), {"mois": "2031-06"}).content.decode()
    assert session.get_absolute_url() not in body


def test_raising_capacity_promotes_the_waiting_list(staff_client, mailoutbox, settings):
    from maillage.participation.models import Registration
    from tests.factories import PersonFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    session = SessionFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    Registration.objects.create(session=session, person=first, status=Registration.Status.CONFIRMED)
    waiting = Registration.objects.create(session=session, person=second, status=Registration.Status.WAITING)
    data = {
        "title": "",
        "date": session.date.isoformat(),
        "start_time": "09:30",
        "end_time": "12:30",
        "format": "presentiel",
        "place_name": "Salle",
        "capacity": 2,
        "status": "prevue",
        "is_published": "on",
    }
    response = staff_client.post(reverse("programme:session_update", args=[session.pk]), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
