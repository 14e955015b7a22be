import datetime

import pytest

from maillage.attendance.models import Attendance
from maillage.participation.models import Registration
from maillage.programme.models import Session
from tests.factories import ActionFactory, PersonFactory, ProgrammeFactory, SessionFactory


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def held_session(programme, people=2, month=3, fmt=Session.Format.ONSITE):
    action = ActionFactory(programme=programme, planned_half_days=2, voted_half_days=2)
    session = SessionFactory(
        action=action,
        date=datetime.date(programme.year, month, 10),
        status=Session.Status.HELD,
        format=fmt,
        end_time=datetime.time(12, 0),
    )
    for _ in range(people):
        registration = Registration.objects.create(session=session, person=PersonFactory())
        Attendance.objects.create(registration=registration, slot="matin")
    return session


@pytest.fixture
def small_year(db):
    """A voted programme for 2031 with one held session and two participants."""
    programme = ProgrammeFactory(year=2031)
    held_session(programme)
    return programme
