"""Half-days and actions: realized, planned as voted, not realized by cause."""

from collections import defaultdict

from django.db.models import Count, F, Q, Sum

from maillage.programme.models import Action, Session, Theme
from maillage.reporting.indicators.scope import Scope

NOT_SPECIFIED = "non renseigné"


def _labels(choices) -> dict[str, str]:
    return dict(choices)


def half_days(scope: Scope) -> dict:
    held = scope.held_sessions()
    realized = held.aggregate(total=Sum("half_days", default=0))["total"]
    planned = scope.actions().aggregate(total=Sum("voted_half_days", default=0))["total"]
    planned_current = scope.actions().aggregate(total=Sum("planned_half_days", default=0))["total"]
    types = _labels(Action.AnctType.choices)
    formats = _labels(Session.Format.choices)
    by_type = {types[k]: 0 for k in Action.AnctType.values}
    for row in held.values("action__anct_type").annotate(n=Sum("half_days")):
        by_type[types[row["action__anct_type"]]] = row["n"]
    planned_by_type = {types[k]: 0 for k in Action.AnctType.values}
    for row in scope.actions().values("anct_type").annotate(n=Sum("voted_half_days", default=0)):
        planned_by_type[types[row["anct_type"]]] = row["n"]
    by_format = {formats[k]: 0 for k in Session.Format.values}
    for row in held.values("format").annotate(n=Sum("half_days")):
        by_format[formats[row["format"]]] = row["n"]
    by_type_and_format = {
        f"{types[row['action__anct_type']]} / {formats[row['format']]}": row["n"]
        for row in held.values("action__anct_type", "format")
        .annotate(n=Sum("half_days"))
        .order_by("action__anct_type", "format")
    }
    by_theme = dict.fromkeys(Theme.objects.values_list("name", flat=True), 0)
    for row in held.values(theme=F("action__themes__name")).annotate(n=Sum("half_days")):
        by_theme[row["theme"] or NOT_SPECIFIED] = row["n"]
    by_department = defaultdict(int)
    for row in held.values(department=F("action__departments__name")).annotate(n=Sum("half_days")):
        by_department[row["department"] or NOT_SPECIFIED] += row["n"]
    return {
        "realized": realized,
        "planned": planned,
        "planned_current": planned_current,
        "realized_share": round(100 * realized / planned) if planned else None,
        "by_type": by_type,
        "planned_by_type": planned_by_type,
        "by_format": by_format,
        "by_type_and_format": by_type_and_format,
        "by_theme": {k: v for k, v in by_theme.items() if v},
        "by_department": dict(sorted(by_department.items())),
    }


def actions(scope: Scope) -> dict:
    statuses = _labels(Action.Status.choices)
    counts = {statuses[k]: 0 for k in Action.Status.values}
    for row in scope.actions().values("status").annotate(n=Count("pk")):
        counts[statuses[row["status"]]] = row["n"]
    return {"total": sum(counts.values()), "by_status": counts}


def not_realized(scope: Scope) -> dict:
    """Half-days planned in the voted programme and not realized, by cause.

    Per action: voted half-days minus realized half-days (never below zero). The cause is the action's
    (when postponed or cancelled); for an action realized only in part, the cause of its cancelled
    sessions; otherwise « non renseigné ».
    """
    rows = (
        scope.actions()
        .annotate(
            realized=Sum("sessions__half_days", filter=Q(sessions__status=Session.Status.HELD), default=0)
        )
        .values("pk", "voted_half_days", "realized", "status_cause__name")
    )
    cancelled_causes = dict(
        scope.sessions()
        .filter(status=Session.Status.CANCELLED, status_cause__isnull=False)
        .values_list("action_id", "status_cause__name")
    )
    by_cause: dict[str, int] = defaultdict(int)
    for row in rows:
        missing = max(0, (row["voted_half_days"] or 0) - row["realized"])
        if missing:
            cause = row["status_cause__name"] or cancelled_causes.get(row["pk"]) or NOT_SPECIFIED
            by_cause[cause] += missing
    total = sum(by_cause.values())
    ordered = dict(sorted(by_cause.items(), key=lambda item: -item[1]))
    return {
        "total": total,
        "by_cause": ordered,
        "shares": {cause: round(100 * n / total) for cause, n in ordered.items()} if total else {},
    }
