"""No overbooking: 50 people register at the same moment for 10 seats (PostgreSQL, real transactions)."""

import threading

import pytest
from django.db import connection

from maillage.participation.models import Registration
from maillage.participation.services import register
from tests.participation.conftest import create_session, make_applicant

THREADS = 50
SEATS = 10


def run_at_once(calls) -> list[Exception]:
    """Run each `(function, args)` in its own thread, all released together; returns the exceptions."""
    barrier = threading.Barrier(len(calls), timeout=60)
    errors = []

    def worker(function, args):
        try:
            barrier.wait()
            function(*args)
        except Exception as exc:  # collected and reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_for_ten_seats():
    session = create_session(capacity=SEATS)
    errors = run_at_once([(register, (session, make_applicant(n))) for n in range(THREADS)])
    assert not errors, errors
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == SEATS
    assert statuses.count(Registration.Status.WAITING) == THREADS - SEATS
    # The waiting list is in arrival order: every confirmed registration came before every waiting one.
    confirmed_last = max(
        Registration.objects.filter(session=session, status="confirmee").values_list("pk", flat=True)
    )
    waiting_first = min(
        Registration.objects.filter(session=session, status="attente").values_list("pk", flat=True)
    )
    assert confirmed_last < waiting_first


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_same_new_person_registering_for_two_sessions_at_once():
    """Both registrations succeed for one directory person, whichever transaction creates them first."""
    from maillage.network.models import Person

    sessions = [create_session(capacity=SEATS), create_session(capacity=SEATS)]
    people = 10
    errors = run_at_once([(register, (s, make_applicant(n))) for n in range(people) for s in sessions])
    assert not errors, errors
    assert Person.objects.count() == people
    assert Registration.objects.count() == 2 * people
    assert set(Registration.objects.values_list("status", flat=True)) == {Registration.Status.CONFIRMED}
