"""Who was reached: cumulative participations and distinct persons, by kind, function, department, month."""

from django.db.models import Count, Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce, ExtractMonth

from maillage.attendance.models import Attendance
from maillage.network.models import Organisation, Position
from maillage.participation.models import Registration
from maillage.programme.models import Session
from maillage.reporting.indicators.scope import Scope

NOT_SPECIFIED = "non renseigné"
MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def participations(scope: Scope):
    """A participation is one person's presence at one held session (at least one half-day present)."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), present=True)
    return Registration.objects.filter(session__in=scope.held_sessions()).filter(Exists(present))


def _breakdown(queryset, field, labels=None) -> dict[str, dict[str, int]]:
    result = {}
    expression = F(field) if isinstance(field, str) else field
    rows = (
        queryset.values(key=expression)
        .annotate(n=Count("pk"), persons=Count("person", distinct=True))
        .order_by("-n")
    )
    for row in rows:
        key = row["key"]
        label = (labels or {}).get(key, key) if key else NOT_SPECIFIED
        result[label] = {"participations": row["n"], "persons": row["persons"]}
    return result


def participants(scope: Scope) -> dict:
    qs = participations(scope)
    totals = qs.aggregate(participations=Count("pk"), persons=Count("person", distinct=True))
    department = Coalesce("organisation__commune__department__name", "commune__department__name", Value(""))
    per_month = {label: {"présentiel": 0, "distanciel": 0} for label in MONTHS}
    rows = qs.values(month=ExtractMonth("session__date"), fmt=F("session__format")).annotate(n=Count("pk"))
    for row in rows:
        column = "distanciel" if row["fmt"] == Session.Format.REMOTE else "présentiel"
        per_month[MONTHS[row["month"] - 1]][column] += row["n"]
    return {
        "participations": totals["participations"],
        "persons": totals["persons"],
        "by_organisation_kind": _breakdown(qs, "organisation__kind", dict(Organisation.Kind.choices)),
        "by_function": _breakdown(qs, "function", dict(Position.Function.choices)),
        "by_department": _breakdown(qs, department),
        "per_month": per_month,
    }
