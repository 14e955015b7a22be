"""The programme at a glance: planned, scheduled and realized half-days, computed live."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from maillage.programme.models import Action, Programme, Session


@dataclass
class ActionLine:
    action: Action
    planned: int
    scheduled: int
    realized: int
    sessions: int


@dataclass
class Overview:
    planned: int = 0
    voted: int | None = None
    scheduled: int = 0
    realized: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    lines: list[ActionLine] = field(default_factory=list)
    unconfirmed_past_sessions: int = 0

    @property
    def realized_share(self) -> int:
        return round(100 * self.realized / self.planned) if self.planned else 0


def programme_overview(programme: Programme) -> Overview:
    """One query for the actions with their session sums, one for the past sessions left unconfirmed."""
    not_cancelled = ~Q(sessions__status=Session.Status.CANCELLED)
    actions = (
        programme.actions.annotate(
            scheduled_half_days=Sum("sessions__half_days", filter=not_cancelled, default=0),
            realized_half_days=Sum(
                "sessions__half_days", filter=Q(sessions__status=Session.Status.HELD), default=0
            ),
            session_count=Count("sessions", filter=not_cancelled),
        )
        .select_related("status_cause")
        .order_by("title")
    )
    overview = Overview(by_status=dict.fromkeys(Action.Status.labels, 0))
    voted = 0
    for action in actions:
        overview.lines.append(
            ActionLine(
                action,
                action.planned_half_days,
                action.scheduled_half_days,
                action.realized_half_days,
                action.session_count,
            )
        )
        overview.planned += action.planned_half_days
        overview.scheduled += action.scheduled_half_days
        overview.realized += action.realized_half_days
        overview.by_status[action.get_status_display()] += 1
        voted += action.voted_half_days or 0
    overview.voted = voted if programme.is_voted else None
    overview.unconfirmed_past_sessions = Session.objects.filter(
        action__programme=programme, status=Session.Status.SCHEDULED, date__lt=timezone.localdate()
    ).count()
    return overview
