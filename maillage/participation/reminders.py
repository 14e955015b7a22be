"""Reminders two days before a session, to confirmed participants. Run daily by `send_reminders`."""

import datetime

from django.utils import timezone

from maillage.participation.models import Registration
from maillage.programme.models import Session

DAYS_BEFORE = 2


def due_sessions(today: datetime.date | None = None):
    """Sessions within the next two days whose reminder has not gone yet (a missed day is caught up)."""
    today = today or timezone.localdate()
    return (
        Session.objects.filter(
            date__gt=today,
            date__lte=today + datetime.timedelta(days=DAYS_BEFORE),
            reminder_sent_at__isnull=True,
        )
        .exclude(status=Session.Status.CANCELLED)
        .order_by("date", "start_time")
    )


def claim(session: Session) -> bool:
    """Mark the reminder as sent; False when another run got there first (idempotence)."""
    return bool(
        Session.objects.filter(pk=session.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
    )


def send_for_session(session_id: int) -> int:
    from maillage.participation import emails

    sent = 0
    registrations = (
        Registration.objects.confirmed().filter(session_id=session_id).values_list("pk", flat=True)
    )
    for pk in registrations:
        sent += emails.send("reminder", [pk])
    return sent


def schedule(today: datetime.date | None = None) -> list[Session]:
    """Claim every due session and queue its reminders; returns the sessions claimed."""
    from maillage.participation.tasks import send_session_reminders

    claimed = []
    for session in due_sessions(today):
        if claim(session):
            send_session_reminders.enqueue(session.pk)
            claimed.append(session)
    return claimed
