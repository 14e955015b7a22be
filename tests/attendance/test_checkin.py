"""The staff check-in screen: marking half-days (htmx), search, counts, and walk-ins."""

import pytest
from django.urls import reverse

from maillage.attendance import marking
from maillage.attendance.models import Attendance
from maillage.network.models import Person
from maillage.participation.models import Registration
from tests.factories import OrganisationFactory, PersonFactory, RegistrationFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def mark(client, session, registration, slot, state, **extra):
    return client.post(
        reverse("attendance:checkin", args=[session.pk]),
        {"registration": registration.pk, "slot": slot, "state": state},
        **extra,
    )


def test_page_lists_confirmed_registrations_with_one_button_pair_per_half_day(staff_client, session, people):
    RegistrationFactory(session=session, status=Registration.Status.WAITING, person__last_name="Attente")
    response = staff_client.get(reverse("attendance:checkin", args=[session.pk]))
    body = response.content.decode()
    assert "DIALLO" in body and "ZOLA" in body and "MARTIN" in body
    assert "ATTENTE" not in body
    assert body.count('name="state"') == 3 * 2 * 2  # 3 people, 2 half-days, present/absent


def test_htmx_toggle_marks_present_then_absent_then_clears(staff_client, staff_user, session, people):
    diallo = people["Diallo"]
    response = mark(staff_client, session, diallo, "matin", "present", **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="inscription-{diallo.pk}"' in body
    assert 'hx-swap-oob="true"' in body  # the counts are refreshed too
    attendance = Attendance.objects.get(registration=diallo, slot="matin")
    assert attendance.present and attendance.source == Attendance.Source.STAFF
    assert attendance.recorded_by == staff_user
    # The pressed button now clears the mark.
    assert 'value="clear" aria-pressed="true"' in body

    mark(staff_client, session, diallo, "matin", "absent", **HTMX)
    assert Attendance.objects.get(registration=diallo, slot="matin").present is False
    mark(staff_client, session, diallo, "matin", "clear", **HTMX)
    assert not Attendance.objects.filter(registration=diallo).exists()


def test_one_row_per_half_day_and_counts(staff_client, session, people):
    for name in ("Diallo", "Zola"):
        mark(staff_client, session, people[name], "matin", "present", **HTMX)
    mark(staff_client, session, people["Diallo"], "matin", "present", **HTMX)
    mark(staff_client, session, people["Martin"], "apres_midi", "absent", **HTMX)
    assert Attendance.objects.filter(registration__session=session).count() == 3
    summary = marking.summary(session)
    morning, afternoon = summary["slots"]
    assert (morning.present, morning.absent, morning.unmarked) == (2, 0, 1)
    assert (afternoon.present, afternoon.absent, afternoon.unmarked) == (0, 1, 2)
    assert summary["attended"] == 2


def test_without_htmx_the_post_redirects_back(staff_client, session, people):
    response = mark(staff_client, session, people["Zola"], "apres_midi", "present")
    assert response.status_code == 302
    assert response["Location"] == reverse("attendance:checkin", args=[session.pk])
    assert Attendance.objects.filter(registration=people["Zola"], slot="apres_midi", present=True).exists()


def test_a_half_day_the_session_does_not_cover_is_refused(staff_client, session, people):
    session.end_time = session.start_time.replace(hour=12)
    session.save()
    response = mark(staff_client, session, people["Zola"], "apres_midi", "present", **HTMX)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_registration_of_another_session_is_refused(staff_client, session, people):
    other = RegistrationFactory(session__date=session.date)
    assert mark(staff_client, session, other, "matin", "present", **HTMX).status_code == 404


def test_search_returns_the_list_fragment(staff_client, session, people):
    url = reverse("attendance:checkin", args=[session.pk])
    response = staff_client.get(url, {"q": "emile"}, **HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert "ZOLA" in body and "DIALLO" not in body
    full = staff_client.get(url, {"q": "bailleur"}).content.decode()  # by email, on the full page
    assert "<html" in full and "ZOLA" in full and "MARTIN" not in full


def test_walk_in_creates_person_registration_and_attendance(staff_client, session, people):
    organisation = OrganisationFactory(name="Ville de Roubaix")
    response = staff_client.post(
        reverse("attendance:checkin", args=[session.pk]),
        {
            "action": "walk_in",
            "first_name": "Nadia",
            "last_name": "Benali",
            "email": "Nadia.Benali@Roubaix.fr",
            "organisation_name": "ville de roubaix",
            "slots": ["matin", "apres_midi"],
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="nadia.benali@roubaix.fr")
    registration = Registration.objects.get(session=session, person=person)
    assert registration.source == Registration.Source.WALK_IN
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation == organisation
    assert set(
        Attendance.objects.filter(registration=registration, present=True).values_list("slot", flat=True)
    ) == {
        "matin",
        "apres_midi",
    }
    page = staff_client.get(reverse("attendance:checkin", args=[session.pk])).content.decode()
    assert "BENALI" in page and "sur place" in page


def test_walk_in_matches_an_existing_person_by_email(staff_client, session):
    known = PersonFactory(first_name="Luc", last_name="Petit", email="luc.petit@epci.fr")
    staff_client.post(
        reverse("attendance:checkin", args=[session.pk]),
        {
            "action": "walk_in",
            "first_name": "L.",
            "last_name": "Petit",
            "email": "LUC.PETIT@epci.fr",
            "slots": ["matin"],
        },
    )
    assert Person.objects.filter(last_name="Petit").count() == 1
    registration = Registration.objects.get(session=session, person=known)
    assert registration.organisation is None
    assert Attendance.objects.get(registration=registration).slot == "matin"


def test_walk_in_who_was_waiting_is_confirmed(staff_client, session):
    waiting = RegistrationFactory(session=session, status=Registration.Status.WAITING)
    staff_client.post(
        reverse("attendance:checkin", args=[session.pk]),
        {
            "action": "walk_in",
            "first_name": waiting.person.first_name,
            "last_name": waiting.person.last_name,
            "email": waiting.person.email,
            "slots": ["matin"],
        },
    )
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert waiting.source == Registration.Source.PUBLIC_FORM  # not rewritten: they had registered
    assert Registration.objects.filter(session=session).count() == 1


def test_walk_in_without_name_is_refused(staff_client, session):
    response = staff_client.post(
        reverse("attendance:checkin", args=[session.pk]),
        {"action": "walk_in", "first_name": "", "last_name": ""},
    )
    assert response.status_code == 422
    assert not Registration.objects.filter(session=session).exists()


def test_set_attendance_refuses_unknown_slot(session, people):
    with pytest.raises(ValueError):
        marking.set_attendance(people["Diallo"], "soir", True, source=Attendance.Source.STAFF)
