"""Fixtures of the registration tests: a centre, actions and sessions built with the ORM."""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone

from maillage.participation.services import Applicant
from maillage.programme.models import Action, Centre, Programme, Session

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Emails are sent when enqueued (the database backend would wait for a worker)."""
    settings.TASKS = IMMEDIATE_TASKS
    settings.SITE_URL = "https://crpv.example"
    cache.clear()
    yield
    cache.clear()


def _programme():
    centre, _ = Centre.objects.get_or_create(
        slug="crpv-test", defaults={"name": "Centre de ressources de test", "short_name": "CRPV"}
    )
    programme, _ = Programme.objects.get_or_create(centre=centre, year=timezone.localdate().year)
    return programme


def create_action(**fields) -> Action:
    fields.setdefault("title", f"Journée d'étude n° {next(_counter)} : la participation des habitants")
    fields.setdefault("anct_type", Action.AnctType.INFORMATION)
    fields.setdefault("description", "Une journée pour échanger entre chefs de projet.")
    return Action.objects.create(programme=_programme(), **fields)


def create_session(action=None, days=10, **fields) -> Session:
    fields.setdefault("date", timezone.localdate() + datetime.timedelta(days=days))
    fields.setdefault("start_time", datetime.time(9, 30))
    fields.setdefault("end_time", datetime.time(16, 30))
    fields.setdefault("place_name", "Maison des associations")
    fields.setdefault("address", "12 rue de la République")
    return Session.objects.create(action=action or create_action(), **fields)


def make_applicant(n: int | str = 1, **fields) -> Applicant:
    values = {
        "first_name": "Camille",
        "last_name": f"Martin{n}",
        "email": f"camille.martin{n}@exemple.fr",
        "organisation_name": "",
        "function": "chef_projet",
    }
    values.update(fields)
    return Applicant(**values)


def form_data(n: int | str = 1, **fields) -> dict:
    data = {
        "first_name": "Camille",
        "last_name": f"Martin{n}",
        "email": f"camille.martin{n}@exemple.fr",
        "phone": "",
        "organisation_name": "",
        "function": "chef_projet",
        "commune": "",
        "site_web": "",
    }
    data.update(fields)
    return data


@pytest.fixture
def session(db):
    return create_session(capacity=2)


@pytest.fixture
def cycle(db):
    action = create_action(title="Cycle : évaluer le contrat de ville", anct_type=Action.AnctType.CYCLE)
    sessions = [create_session(action, days=d, capacity=1) for d in (10, 20, 30)]
    return action, sessions
