"""Registration rules: seats, waiting list, promotion, approval, duplicates, cycles, consents, matching."""

import uuid

import pytest
from django.core import mail

from maillage.network.models import Consent, Person
from maillage.participation.models import Registration
from maillage.participation.services import (
    RegistrationRefused,
    approve,
    cancel,
    match_commune,
    register,
    reject,
    seats_left,
)
from maillage.participation.services.matching import CommuneNotFound
from maillage.participation.services.organisations import resolve_organisation
from maillage.participation.services.registration import cancel_group, promote_waiting
from tests.factories import OrganisationFactory, PersonFactory
from tests.participation.conftest import create_session, make_applicant

Status = Registration.Status
pytestmark = pytest.mark.django_db


def test_seats_then_waiting_list(session):
    statuses = [register(session, make_applicant(n)).first.status for n in range(4)]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert seats_left(session) == 0
    assert [m.subject.split(" :")[0] for m in mail.outbox] == [
        "Inscription confirmée",
        "Inscription confirmée",
        "Liste d'attente",
        "Liste d'attente",
    ]


def test_unlimited_session_never_waits(db):
    session = create_session(capacity=None)
    assert all(register(session, make_applicant(n)).first.status == Status.CONFIRMED for n in range(5))
    assert seats_left(session) is None


def test_cancel_promotes_first_waiting_and_tells_them(session):
    first = register(session, make_applicant(1)).first
    register(session, make_applicant(2))
    waiting_1 = register(session, make_applicant(3)).first
    waiting_2 = register(session, make_applicant(4)).first
    mail.outbox.clear()

    assert cancel(first) is True

    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert waiting_1.status == Status.CONFIRMED
    assert waiting_2.status == Status.WAITING
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["camille.martin1@exemple.fr"].startswith("Annulation enregistrée")
    assert subjects["camille.martin3@exemple.fr"].startswith("Une place s'est libérée")
    assert "camille.martin4@exemple.fr" not in subjects
    assert cancel(first) is False  # already cancelled: nothing happens twice


def test_cancelling_a_waiting_registration_promotes_nobody(session):
    for n in range(3):
        register(session, make_applicant(n))
    waiting = Registration.objects.get(status=Status.WAITING)
    cancel(waiting)
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 2


def test_approval_holds_a_seat_until_staff_decide(db):
    session = create_session(capacity=1, requires_approval=True)
    pending = register(session, make_applicant(1)).first
    waiting = register(session, make_applicant(2)).first
    assert (pending.status, waiting.status) == (Status.PENDING, Status.WAITING)
    assert mail.outbox[0].subject.startswith("Inscription reçue")

    assert reject(pending) is True
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING  # promoted, still to be approved
    assert approve(waiting) is True
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Inscription validée")
    assert approve(waiting) is False


def test_same_email_twice_is_refused_in_french(session):
    register(session, make_applicant(1))
    with pytest.raises(RegistrationRefused, match="déjà inscrit·e à cette séance"):
        register(session, make_applicant(1, email="CAMILLE.Martin1@Exemple.fr "))
    assert Registration.objects.count() == 1
    assert Person.objects.count() == 1


def test_cancelled_registration_can_be_reactivated(session):
    registration = register(session, make_applicant(1)).first
    old_token = registration.token
    cancel(registration)
    again = register(session, make_applicant(1)).first
    assert again.pk == registration.pk
    assert again.status == Status.CONFIRMED
    assert again.cancelled_at is None
    assert again.token != old_token  # the old cancellation link no longer works


def test_rejected_registration_is_not_reactivated(db):
    session = create_session(capacity=5, requires_approval=True)
    registration = register(session, make_applicant(1)).first
    reject(registration)
    with pytest.raises(RegistrationRefused, match="pas retenu"):
        register(session, make_applicant(1))


def test_same_form_twice_creates_one_registration(session):
    key = uuid.uuid4()
    first = register(session, make_applicant(1), submission_key=key)
    second = register(session, make_applicant(1), submission_key=key)
    assert first.created and not second.created
    assert second.first.pk == first.first.pk
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_closed_registration_is_refused(db):
    session = create_session(is_published=False)
    with pytest.raises(RegistrationRefused, match="closes"):
        register(session, make_applicant(1))


def test_existing_person_matched_by_email_case_insensitive(session):
    person = PersonFactory(first_name="Dominique", last_name="Durand", email="d.durand@ville.fr")
    registration = register(session, make_applicant(first_name="Pirate", email="D.Durand@VILLE.fr")).first
    assert registration.person == person
    person.refresh_from_db()
    assert person.first_name == "Dominique"  # a public form never renames someone
    assert person.last_activity_at is not None


def test_consents_written_to_register(session):
    applicant = make_applicant(1, consents=[Consent.Purpose.EVENTS, Consent.Purpose.NEWSLETTER])
    person = register(session, applicant).first.person
    rows = Consent.objects.filter(person=person)
    assert {c.purpose for c in rows} == {"evenements", "lettre"}
    assert {c.source for c in rows} == {Consent.Source.FORM}
    assert all(c.withdrawn_at is None for c in rows)


def test_no_consent_checked_writes_nothing(session):
    person = register(session, make_applicant(1)).first.person
    assert not Consent.objects.filter(person=person).exists()


def test_organisation_matched_by_folded_name_or_acronym(db):
    organisation = OrganisationFactory(name="Communauté d'agglomération du Douaisis", acronym="CAD")
    session = create_session(capacity=None)
    by_name = register(session, make_applicant(1, organisation_name="communaute d'agglomeration du douaisis"))
    by_acronym = register(session, make_applicant(2, organisation_name="cad"))
    unknown = register(session, make_applicant(3, organisation_name="Association Nouvelle"))
    assert by_name.first.organisation == organisation and by_name.first.organisation_name == ""
    assert by_acronym.first.organisation == organisation
    assert unknown.first.organisation is None
    assert unknown.first.organisation_name == "Association Nouvelle"


def test_homonym_organisations_left_for_staff(db):
    OrganisationFactory(name="Mairie")
    OrganisationFactory(name="Mairie")
    registration = register(create_session(), make_applicant(1, organisation_name="Mairie")).first
    assert registration.organisation is None and registration.organisation_name == "Mairie"


def test_staff_resolve_declared_organisation_creates_position(session):
    registration = register(session, make_applicant(1, organisation_name="Asso du quartier")).first
    organisation = resolve_organisation(registration, create_kind="association")
    registration.refresh_from_db()
    assert registration.organisation == organisation
    assert organisation.name == "Asso du quartier" and organisation.kind == "association"
    assert registration.person.positions.filter(organisation=organisation, function="chef_projet").exists()


def test_cycle_registers_for_all_upcoming_sessions(cycle):
    action, sessions = cycle
    past = create_session(action, days=-5)
    result = register(sessions[1], make_applicant(1))
    assert {r.session for r in result.registrations} == set(sessions)
    assert past not in {r.session for r in result.registrations}
    assert len({r.group for r in result.registrations}) == 1 and result.first.group is not None
    assert len(mail.outbox) == 1  # one message for the whole cycle
    assert "cycle" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][1].count("BEGIN:VEVENT") == 3


def test_cycle_full_session_goes_to_waiting_list_alone(cycle):
    action, sessions = cycle
    register(sessions[0], make_applicant(1))
    result = register(sessions[0], make_applicant(2))
    assert [r.status for r in result.registrations] == [Status.WAITING, Status.WAITING, Status.WAITING]
    cancel(Registration.objects.get(session=sessions[2], person__email="camille.martin1@exemple.fr"))
    assert Registration.objects.get(
        session=sessions[2], person__email="camille.martin2@exemple.fr"
    ).status == (Status.CONFIRMED)


def test_cancel_whole_cycle(cycle):
    _action, sessions = cycle
    result = register(sessions[0], make_applicant(1))
    assert cancel_group(result.first) == 3
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CANCELLED}


def test_cycle_registration_twice_refused(cycle):
    _action, sessions = cycle
    register(sessions[0], make_applicant(1))
    with pytest.raises(RegistrationRefused, match="toutes les séances de ce cycle"):
        register(sessions[2], make_applicant(1))


def test_promote_after_capacity_raised(session):
    for n in range(4):
        register(session, make_applicant(n))
    session.capacity = 3
    session.save()
    promoted = promote_waiting(session)
    assert len(promoted) == 1
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3


def test_match_commune(db):
    assert match_commune("59512").name == "Roubaix"
    assert match_commune("roubaix").insee_code == "59512"
    assert match_commune("Saint-Denis (93)").insee_code == "93066"
    assert match_commune("") is None
    with pytest.raises(CommuneNotFound, match="précisez le département"):
        match_commune("Saint-Denis")
    with pytest.raises(CommuneNotFound, match="introuvable"):
        match_commune("Nulle-Part-sur-Mer")


def test_registration_retried_whole_when_the_new_person_was_created_meanwhile(session, monkeypatch):
    """The race of two first registrations with one email, replayed: the lookup misses the person that
    another transaction has just created, the INSERT fails, and the registration is retried."""
    from maillage.participation.services import matching

    other = register(create_session(), make_applicant(1)).first.person
    real_filter = Person.objects.filter
    misses = []

    def filter_missing_once(*args, **kwargs):
        if "email__iexact" in kwargs and not misses:
            misses.append(kwargs["email__iexact"])
            return Person.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(matching.Person.objects, "filter", filter_missing_once)
    result = register(session, make_applicant(1))
    assert misses == ["camille.martin1@exemple.fr"]
    assert result.first.person == other and result.first.status == Status.CONFIRMED
    assert Person.objects.count() == 1
