"""Public agenda: upcoming published sessions, filters, pagination, cycle numbering and the iCalendar feed."""

import datetime
import re

import pytest
from django.urls import reverse

from maillage.participation.services import register
from maillage.programme.models import Action, Session, Theme
from maillage.territory.models import Commune, Department
from tests.participation.conftest import create_action, create_session, make_applicant

pytestmark = pytest.mark.django_db


def session_url(session):
    return reverse("participation:public_session", args=[session.pk])


def test_agenda_lists_upcoming_published_sessions(client):
    upcoming = create_session(title="Séance à venir")
    create_session(title="Séance passée", days=-3)
    create_session(title="Séance non publiée", is_published=False)
    create_session(title="Séance annulée", status=Session.Status.CANCELLED)
    content = client.get(reverse("participation:agenda")).content.decode()
    assert "Séance à venir" in content and session_url(upcoming) in content
    assert "Séance passée" not in content
    assert "Séance non publiée" not in content
    assert "Séance annulée" not in content


def test_agenda_filters(client):
    theme = Theme.objects.create(name="Thème de test : emploi")
    nord = Department.objects.get(code="59")
    roubaix = Commune.objects.get(insee_code="59512", kind=Commune.Kind.CURRENT)
    themed = create_action(title="Action emploi")
    themed.themes.add(theme)
    create_session(themed, title="Séance emploi")
    create_session(title="Séance à Roubaix", commune=roubaix)
    in_nord = create_action(title="Action départementale")
    in_nord.departments.add(nord)
    create_session(in_nord, title="Séance du département", format=Session.Format.REMOTE)
    create_session(title="Séance ailleurs")
    agenda = reverse("participation:agenda")

    def titles(**params):
        content = client.get(agenda, params).content.decode()
        return {
            t
            for t in ["Séance emploi", "Séance à Roubaix", "Séance du département", "Séance ailleurs"]
            if t in content
        }

    assert titles(theme=theme.slug) == {"Séance emploi"}
    assert titles(department="59") == {"Séance à Roubaix", "Séance du département"}
    assert titles(format="distanciel") == {"Séance du département"}
    assert titles(q="ailleurs") == {"Séance ailleurs"}
    assert len(titles()) == 4


def test_agenda_pagination(client):
    action = create_action(title="Groupe de travail mensuel")
    for day in range(1, 13):
        create_session(action, days=day, title=f"Réunion {day:02d}")
    first = client.get(reverse("participation:agenda")).content.decode()
    second = client.get(reverse("participation:agenda"), {"page": 2}).content.decode()
    assert "Réunion 01" in first and "Réunion 11" not in first
    assert "Réunion 11" in second and "Réunion 12" in second
    assert "12 séances à venir" in first


def test_agenda_shows_full_sessions(client):
    session = create_session(capacity=1)
    register(session, make_applicant(1))
    assert "complet — liste d'attente" in client.get(reverse("participation:agenda")).content.decode()


def test_agenda_feed_has_events_and_no_personal_data(client):
    roubaix = Commune.objects.get(insee_code="59512", kind=Commune.Kind.CURRENT)
    session = create_session(
        title="Séance ; avec, virgules", capacity=3, commune=roubaix, start_time=datetime.time(9, 30)
    )
    remote = create_session(format=Session.Format.REMOTE, video_url="https://visio.example/secret")
    register(session, make_applicant(1))
    response = client.get(reverse("participation:agenda_ics"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert f"UID:seance-{session.pk}@crpv.example" in body
    assert f"DTSTART;TZID=Europe/Paris:{session.date:%Y%m%d}T093000" in body
    assert "TZID:Europe/Paris" in body and "BEGIN:VTIMEZONE" in body
    unfolded = body.replace("\r\n ", "")
    assert "Séance \\; avec\\, virgules" in unfolded
    assert "Roubaix" in unfolded
    assert f"URL:https://crpv.example{session_url(remote)}" in unfolded
    assert "camille" not in body.lower() and "@exemple.fr" not in body
    assert "visio.example" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_agenda_cards_number_the_sessions_of_a_cycle(client):
    action = create_action(title="Cycle : la gestion urbaine de proximité", anct_type=Action.AnctType.CYCLE)
    create_session(action, days=-20, title="Ouverture")  # past: still the first of the cycle
    create_session(action, days=5, title="Diagnostic en marchant", status=Session.Status.CANCELLED)
    create_session(action, days=15, title="Le rôle des bailleurs")
    create_session(action, days=15, title="Atelier de l'après-midi", start_time=datetime.time(14, 0))
    create_session(action, days=30, title="Séance non publiée", is_published=False)
    lonely = create_action(title="Cycle d'une séance", anct_type=Action.AnctType.CYCLE)
    create_session(lonely, days=8, title="La seule séance")
    content = client.get(reverse("participation:agenda")).content.decode()
    assert re.search(r"Le rôle des bailleurs</a>\s*</h2>\s*<p[^>]*>\s*[^<]*séance 2 sur 3", content)
    assert re.search(r"Atelier de l&#x27;après-midi</a>\s*</h2>\s*<p[^>]*>\s*[^<]*séance 3 sur 3", content)
    assert "La seule séance" in content and "sur 1" not in content
