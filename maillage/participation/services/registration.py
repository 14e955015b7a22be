"""Registering, cancelling, approving: seats, waiting list and promotion, under a lock on the session.

Every change of seats happens inside one transaction that first locks the session rows
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite the settings open IMMEDIATE transactions, which take the
database's write lock at BEGIN). Two registrations for the last seat are therefore counted one after the
other: there is no overbooking.

Emails are enqueued as background tasks inside the same transaction: with the database task backend the
task rows commit (or roll back) together with the registrations they announce.
"""

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from maillage.network.consent import record_consent, record_first_consents
from maillage.network.models import Consent
from maillage.participation.models import Registration
from maillage.participation.services.matching import Applicant, find_or_create_person, match_organisation
from maillage.programme.models import Session

Status = Registration.Status


class RegistrationRefused(Exception):
    """A registration that the rules refuse; the message is shown to the person as it is (French)."""


@dataclass
class RegistrationResult:
    registrations: list[Registration] = field(default_factory=list)
    created: bool = True  # False when the same form had already been received (double post)

    @property
    def first(self) -> Registration:
        return self.registrations[0]


def seats_left(session: Session) -> int | None:
    """Seats still free (None: no limit). Pending registrations hold their seat until staff decide.

    Uses the `seats_taken` annotation when the session comes from `agenda.public_sessions()`.
    """
    if session.capacity is None:
        return None
    taken = getattr(session, "seats_taken", None)
    if taken is None:
        taken = session.registrations.holding_a_seat().count()
    return session.seats_left_given(taken)


def sessions_to_register(session: Session) -> list[Session]:
    """A session of a qualification cycle stands for the whole cycle: every upcoming, open session."""
    if not session.action.is_cycle:
        return [session]
    now = timezone.now()
    sessions = [s for s in session.action.sessions.upcoming() if s.registration_is_open(now)]
    return sessions or [session]


def _lock(sessions) -> list[Session]:
    """Lock the session rows, always in the same order (no deadlock between two cycles)."""
    ids = sorted(s.pk for s in sessions)
    return list(
        Session.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("action")
        .order_by("pk")
    )


def _seat_status(session: Session, left: int | None) -> str:
    if left is not None and left <= 0:
        return Status.WAITING
    return Status.PENDING if session.requires_approval else Status.CONFIRMED


def register(
    session: Session,
    applicant: Applicant,
    *,
    source: str = Registration.Source.PUBLIC_FORM,
    submission_key: uuid.UUID | None = None,
    check_open: bool = True,
) -> RegistrationResult:
    """Register `applicant` for `session` (for every session of its cycle when it belongs to one).

    Raises `RegistrationRefused` when registrations are closed or the person is already registered.
    A form received twice (same `submission_key`) returns the first registrations, `created=False`.
    """
    targets = sessions_to_register(session)
    if check_open and not any(s.registration_is_open() for s in targets):
        raise RegistrationRefused("Les inscriptions à cette séance sont closes.")
    try:
        return _register_once(targets, applicant, source, submission_key)
    except IntegrityError:
        # The same new email registered at the same moment elsewhere (for another session): the
        # transaction is rolled back whole, and the second attempt finds that person.
        return _register_once(targets, applicant, source, submission_key)


def _register_once(targets, applicant, source, submission_key) -> RegistrationResult:
    with transaction.atomic():
        locked = _lock(targets)
        if submission_key is not None:
            already = list(
                Registration.objects.filter(submission_key=submission_key).order_by("session__date")
            )
            if already:
                return RegistrationResult(already, created=False)
        person, created = find_or_create_person(applicant, savepoint=False)
        existing = (
            {}
            if created  # a new person has no registration yet
            else {r.session_id: r for r in Registration.objects.filter(person=person, session__in=locked)}
        )
        to_register = [s for s in locked if not (s.pk in existing and existing[s.pk].is_active)]
        if not to_register:
            raise RegistrationRefused(_already_message(locked))
        for s in to_register:
            if existing.get(s.pk) and existing[s.pk].status == Status.REJECTED:
                raise RegistrationRefused(
                    "L'équipe n'a pas retenu votre inscription à cette séance : contactez-la pour en savoir plus."
                )
        organisation = match_organisation(applicant.organisation_name)
        group = uuid.uuid4() if len(locked) > 1 else None
        registrations = []
        for s in to_register:
            # First those already waiting, if seats were freed (capacity raised); then this person.
            left = _left_after_promotions(s)
            registration = existing.get(s.pk) or Registration(session=s, person=person)
            registration.status = _seat_status(s, left)
            registration.source = source
            registration.group = group
            registration.organisation = organisation
            registration.organisation_name = "" if organisation else applicant.organisation_name.strip()
            registration.function = applicant.function
            registration.commune = applicant.commune
            registration.submission_key = submission_key
            registration.created_at = timezone.now()
            registration.cancelled_at = None
            registration.token = uuid.uuid4() if registration.pk else registration.token
            registration.save()
            registrations.append(registration)
        purposes = [purpose for purpose in applicant.consents if purpose in Consent.Purpose.values]
        if created:
            record_first_consents(person, purposes, Consent.Source.FORM)
        else:
            for purpose in purposes:
                record_consent(person, purpose, Consent.Source.FORM)
        _notify_new(registrations)
    return RegistrationResult(registrations)


def _already_message(sessions) -> str:
    if len(sessions) > 1:
        return (
            "Vous êtes déjà inscrit·e à toutes les séances de ce cycle avec cette adresse électronique. "
            "Le courriel de confirmation contient le lien pour annuler."
        )
    return (
        "Vous êtes déjà inscrit·e à cette séance avec cette adresse électronique. "
        "Le courriel de confirmation contient le lien pour annuler ou vous réinscrire."
    )


def _notify_new(registrations: list[Registration]) -> None:
    """One email for the whole registration (a cycle is announced in one message)."""
    from maillage.participation.tasks import send_registration_email

    ids = [r.pk for r in registrations]
    statuses = {r.status for r in registrations}
    if statuses == {Status.WAITING}:
        kind = "waiting"
    elif Status.PENDING in statuses:
        kind = "pending"
    else:
        kind = "confirmation"
    send_registration_email.enqueue(kind, ids)


def _seat_counts(session: Session) -> tuple[int | None, int]:
    """(seats left or None when unlimited, people waiting), in one query."""
    counts = session.registrations.aggregate(
        taken=Count("pk", filter=Q(status__in=Registration.HOLDING_STATUSES)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    return session.seats_left_given(counts["taken"]), counts["waiting"]


def _left_after_promotions(session: Session) -> int | None:
    """Promote waiting people into free seats (see `fill_seats`); returns the seats still left."""
    left, waiting = _seat_counts(session)
    if waiting and (left is None or left > 0):
        promoted = fill_seats(session, left=left)
        left = None if left is None else left - len(promoted)
    return left


def fill_seats(session: Session, left: int | None = None) -> list[Registration]:
    """Promote people from the waiting list, first come first served, while seats are free.

    Call it with the session locked (inside `register`, `cancel`, `reject`, or after raising the capacity).
    Each promoted person is told by email. `left`: the seats left, when the caller has just counted them.
    """
    from maillage.participation.tasks import send_registration_email

    promoted = []
    waiting = session.registrations.waiting()
    if session.capacity is not None:
        left = seats_left(session) if left is None else left
        if left <= 0:
            return promoted
        waiting = waiting[:left]
    for registration in waiting:
        registration.status = Status.PENDING if session.requires_approval else Status.CONFIRMED
        registration.save(update_fields=["status"])
        promoted.append(registration)
        send_registration_email.enqueue("promoted", [registration.pk])
    return promoted


@transaction.atomic
def promote_waiting(session: Session) -> list[Registration]:
    """For staff (or the programme pages) after raising a session's capacity."""
    (locked,) = _lock([session])
    return fill_seats(locked)


def _reload_locked(registration: Registration) -> tuple[Registration, Session]:
    (session,) = _lock([registration.session])
    return Registration.objects.select_related("person").get(pk=registration.pk), session


@transaction.atomic
def cancel(registration: Registration, *, by_staff: bool = False) -> bool:
    """Cancel a registration; the seat goes to the first person waiting. False when already cancelled."""
    from maillage.participation.tasks import send_registration_email

    registration, session = _reload_locked(registration)
    if registration.status in (Status.CANCELLED, Status.REJECTED):
        return False
    freed = registration.holds_seat
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    send_registration_email.enqueue("cancelled_by_staff" if by_staff else "cancelled", [registration.pk])
    if freed:
        fill_seats(session)
    return True


def cancel_group(registration: Registration) -> int:
    """Cancel every still active registration of the same cycle registration."""
    if registration.group is None:
        return int(cancel(registration))
    siblings = Registration.objects.active().filter(group=registration.group, person=registration.person)
    return sum(cancel(r) for r in siblings)


@transaction.atomic
def approve(registration: Registration) -> bool:
    from maillage.participation.tasks import send_registration_email

    registration, _session = _reload_locked(registration)
    if registration.status != Status.PENDING:
        return False
    registration.status = Status.CONFIRMED
    registration.save(update_fields=["status"])
    send_registration_email.enqueue("approved", [registration.pk])
    return True


@transaction.atomic
def reject(registration: Registration) -> bool:
    from maillage.participation.tasks import send_registration_email

    registration, session = _reload_locked(registration)
    if registration.status not in (Status.PENDING, Status.WAITING):
        return False
    freed = registration.holds_seat
    registration.status = Status.REJECTED
    registration.save(update_fields=["status"])
    send_registration_email.enqueue("rejected", [registration.pk])
    if freed:
        fill_seats(session)
    return True
