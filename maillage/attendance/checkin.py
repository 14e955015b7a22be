"""Self check-in: a participant signs for the current half-day with the session code and their email.

The failures have French messages meant for the participant. Failed attempts are counted per IP
address in the cache: a whole room shares one address behind the venue's Wi-Fi, so only failures
count, and the limit is generous.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from maillage.attendance.marking import SLOT_OF, set_attendance, slot_label, slot_window
from maillage.attendance.models import Attendance
from maillage.participation.models import Registration
from maillage.programme.models import Session

OPENS_BEFORE = datetime.timedelta(minutes=30)
MAX_FAILURES = 20
FAILURE_WINDOW = 10 * 60  # seconds


class SelfCheckinError(Exception):
    def __init__(self, message: str, code: str):
        self.message, self.code = message, code
        super().__init__(message)


@dataclass
class SelfCheckinResult:
    registration: Registration
    slot: str
    already: bool

    @property
    def slot_label(self) -> str:
        return slot_label(self.slot)

    @property
    def half_day(self) -> str:
        """« du matin », « de l'après-midi »."""
        return SLOT_OF.get(self.slot, self.slot)


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).upper()


def find_session(code: str) -> Session:
    code = normalise_code(code)
    session = Session.objects.select_related("action").filter(checkin_code=code).first() if code else None
    if session is None:
        raise SelfCheckinError(
            "Ce code de séance est inconnu. Vérifiez le code affiché dans la salle.", "unknown_code"
        )
    if session.status == Session.Status.CANCELLED:
        raise SelfCheckinError("Cette séance a été annulée : l'émargement est fermé.", "cancelled")
    return session


def opening_hours(session) -> tuple[datetime.datetime, datetime.datetime]:
    return session.starts_at - OPENS_BEFORE, session.ends_at


def current_slot(session, now: datetime.datetime) -> str | None:
    """The half-day being signed at `now`, or None outside the session's hours (with the margin)."""
    opens, closes = opening_hours(session)
    if session.date != timezone.localdate(now) or not (opens <= now <= closes):
        return None
    slots = session.half_day_slots
    for slot in slots:
        start, end = slot_window(session, slot)
        if start - OPENS_BEFORE <= now <= end:
            return slot
    # Between two half-days (lunch), the next one is being signed.
    upcoming = [slot for slot in slots if slot_window(session, slot)[0] > now]
    return upcoming[0] if upcoming else slots[-1]


def self_check_in(code: str, email: str, now: datetime.datetime | None = None) -> SelfCheckinResult:
    now = now or timezone.now()
    session = find_session(code)
    email = (email or "").strip()
    if not email:
        raise SelfCheckinError("Indiquez l'adresse électronique utilisée pour vous inscrire.", "no_email")
    registration = (
        Registration.objects.select_related("person", "session")
        .filter(session=session, person__email__iexact=email)
        .filter(Q(status=Registration.Status.CONFIRMED))
        .first()
    )
    if registration is None:
        raise SelfCheckinError(
            "Aucune inscription confirmée à cette séance ne correspond à cette adresse. "
            "Adressez-vous à l'équipe à l'accueil, qui vous ajoutera à la feuille d'émargement.",
            "not_registered",
        )
    slot = current_slot(session, now)
    if slot is None:
        opens, closes = opening_hours(session)
        opens, closes = timezone.localtime(opens), timezone.localtime(closes)
        raise SelfCheckinError(
            f"L'émargement de cette séance est ouvert le {session.date:%d/%m/%Y} "
            f"de {opens:%H:%M} à {closes:%H:%M}.",
            "outside_hours",
        )
    existing = Attendance.objects.filter(registration=registration, slot=slot).first()
    if existing is not None and existing.present:
        return SelfCheckinResult(registration, slot, already=True)
    set_attendance(registration, slot, True, source=Attendance.Source.SELF)
    return SelfCheckinResult(registration, slot, already=False)


def _failure_key(ip: str) -> str:
    return f"attendance:self-checkin:failures:{ip}"


def is_rate_limited(ip: str) -> bool:
    return (cache.get(_failure_key(ip)) or 0) >= MAX_FAILURES


def record_failure(ip: str) -> None:
    key = _failure_key(ip)
    if cache.add(key, 1, FAILURE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, FAILURE_WINDOW)


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"
