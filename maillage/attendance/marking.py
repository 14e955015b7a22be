"""Attendance per half-day: who is expected, marking present or absent, walk-ins and session counts.

Every way of recording attendance (staff check-in, self check-in, connection logs) goes through
`set_attendance`, so the rules live in one place: one row per registration and half-day, only for the
half-days the session covers.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.attendance.models import Attendance
from maillage.network.models import Organisation, Person
from maillage.participation.models import Registration
from maillage.programme.models.session import HALF_DAY_LABELS, HALF_DAYS

SLOT_BOUNDS = {code: (start, end) for code, start, end in HALF_DAYS}


SLOT_WITH_ARTICLE = {"matin": "le matin", "apres_midi": "l'après-midi"}
SLOT_OF = {"matin": "du matin", "apres_midi": "de l'après-midi"}


def slot_label(slot: str) -> str:
    return HALF_DAY_LABELS.get(slot, slot)


def slot_window(session, slot: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The part of a half-day the session actually runs (aware datetimes).

    A session from 9:30 to 16:30 runs its morning from 9:30 to 12:30 and its afternoon from 13:30 to 16:30.
    When staff forced a half-day the hours do not cover, the whole nominal half-day is used.
    """
    slot_start, slot_end = SLOT_BOUNDS[slot]
    start, end = max(session.start_time, slot_start), min(session.end_time, slot_end)
    if start >= end:
        start, end = slot_start, slot_end
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(session.date, start), tz),
        timezone.make_aware(datetime.datetime.combine(session.date, end), tz),
    )


def slot_hours(session, slot: str) -> float:
    start, end = slot_window(session, slot)
    return round((end - start).total_seconds() / 3600, 2)


def participants(session):
    """Confirmed registrations of a session, sorted by name (the attendance sheet's order)."""
    return (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def organisation_label(registration) -> str:
    if registration.organisation_id:
        return str(registration.organisation)
    return registration.organisation_name


def attendance_map(session) -> dict[int, dict[str, bool]]:
    """{registration id: {slot: present}} for every recorded half-day of the session."""
    result: dict[int, dict[str, bool]] = {}
    rows = Attendance.objects.filter(registration__session=session).values_list(
        "registration_id", "slot", "present"
    )
    for registration_id, slot, present in rows:
        result.setdefault(registration_id, {})[slot] = present
    return result


def set_attendance(registration, slot: str, present: bool | None, *, source: str, user=None):
    """Record `registration` present (True), absent (False) or not yet marked (None) for `slot`."""
    if slot not in registration.session.half_day_slots:
        raise ValueError(f"La séance ne comporte pas de demi-journée « {slot_label(slot)} ».")
    if present is None:
        Attendance.objects.filter(registration=registration, slot=slot).delete()
        return None
    values = {
        "present": present,
        "source": source,
        "recorded_at": timezone.now(),
        "recorded_by": user if user is not None and user.is_authenticated else None,
    }
    try:
        with transaction.atomic():
            attendance, _ = Attendance.objects.update_or_create(
                registration=registration, slot=slot, defaults=values
            )
    except IntegrityError:  # two devices marked the same half-day at the same instant
        attendance = Attendance.objects.get(registration=registration, slot=slot)
        for name, value in values.items():
            setattr(attendance, name, value)
        attendance.save()
    return attendance


@dataclass
class SlotCount:
    slot: str
    label: str
    present: int
    absent: int
    unmarked: int

    @property
    def with_article(self) -> str:
        return SLOT_WITH_ARTICLE.get(self.slot, self.label)


def summary(session) -> dict:
    """Counts for the session panel and the check-in screen."""
    expected = participants(session)
    total = expected.count()
    walk_ins = expected.filter(source=Registration.Source.WALK_IN).count()
    slots = []
    for slot in session.half_day_slots:
        marks = Attendance.objects.filter(registration__in=expected, slot=slot)
        present = marks.filter(present=True).count()
        absent = marks.filter(present=False).count()
        slots.append(SlotCount(slot, slot_label(slot), present, absent, total - present - absent))
    attended = (
        Attendance.objects.filter(registration__in=expected, present=True)
        .values("registration")
        .distinct()
        .count()
    )
    return {"registered": total, "walk_ins": walk_ins, "slots": slots, "attended": attended}


@dataclass
class WalkInResult:
    registration: Registration
    person_created: bool
    registration_created: bool


def match_organisation(name: str):
    name = (name or "").strip()
    if not name:
        return None
    matches = list(Organisation.objects.filter(name__iexact=name)[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def add_walk_in(
    session,
    *,
    first_name: str,
    last_name: str,
    email: str = "",
    organisation_name: str = "",
    slots=(),
    user=None,
    source: str = Attendance.Source.STAFF,
) -> WalkInResult:
    """Someone present without registration: find or create the person (by email), register them
    as a walk-in (confirmed) and mark them present for `slots`.

    A person already registered keeps their registration, confirmed if it was waiting or cancelled.
    """
    email = (email or "").strip().lower()
    person = Person.objects.filter(email=email).first() if email else None
    person_created = person is None
    if person is None:
        person = Person.objects.create(
            first_name=first_name.strip(), last_name=last_name.strip(), email=email
        )
    registration = Registration.objects.select_for_update().filter(session=session, person=person).first()
    registration_created = registration is None
    if registration is None:
        organisation = match_organisation(organisation_name)
        registration = Registration.objects.create(
            session=session,
            person=person,
            organisation=organisation,
            organisation_name="" if organisation else organisation_name.strip(),
            status=Registration.Status.CONFIRMED,
            source=Registration.Source.WALK_IN,
        )
    elif registration.status != Registration.Status.CONFIRMED:
        registration.status = Registration.Status.CONFIRMED
        registration.cancelled_at = None
        registration.save(update_fields=["status", "cancelled_at"])
    registration.session = session
    for slot in slots:
        set_attendance(registration, slot, True, source=source, user=user)
    return WalkInResult(registration, person_created, registration_created)


SLOT_ORDER = {code: index for index, (code, _start, _end) in enumerate(HALF_DAYS)}


def attended_slots(registration) -> list[str]:
    """The half-days `registration` attended, morning first."""
    slots = Attendance.objects.filter(registration=registration, present=True).values_list("slot", flat=True)
    return sorted(slots, key=SLOT_ORDER.get)
