"""The number of SQL queries of the indicators does not grow with the amount of data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maillage.attendance.models import Attendance
from maillage.participation.models import Registration
from maillage.programme.models import Session
from maillage.reporting.indicators import compute
from tests.factories import ActionFactory, PersonFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def add_year(programme, sessions, people):
    persons = [PersonFactory() for _ in range(people)]
    for index in range(sessions):
        action = ActionFactory(programme=programme, planned_half_days=2, voted_half_days=2)
        session = SessionFactory(
            action=action,
            date=datetime.date(programme.year, 1 + index % 12, 10),
            status=Session.Status.HELD,
            end_time=datetime.time(17, 0),
        )
        for person in persons:
            registration = Registration.objects.create(session=session, person=person)
            Attendance.objects.create(registration=registration, slot="matin")


def count_queries(year):
    with CaptureQueriesContext(connection) as captured:
        compute(year)
    return len(captured.captured_queries)


def test_query_count_is_constant():
    small = ProgrammeFactory(year=2041)
    add_year(small, sessions=1, people=1)
    baseline = count_queries(2041)
    big = ProgrammeFactory(year=2042, centre=small.centre)
    add_year(big, sessions=8, people=6)
    figures = compute(2042)
    assert figures["participants"]["participations"] == 48
    assert figures["half_days"]["realized"] == 16
    assert count_queries(2042) == baseline
