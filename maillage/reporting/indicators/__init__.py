"""The bilan's indicators, computed from the data. Definitions: docs/indicateurs.md.

`compute(year, centre=None)` returns a JSON-serialisable dict; every figure has its value for the year
before under `previous`, so the report can show the change.
"""

from maillage.reporting.indicators.activity import actions, half_days, not_realized
from maillage.reporting.indicators.coverage import context, coverage
from maillage.reporting.indicators.participants import participant_totals, participants, participation_rows
from maillage.reporting.indicators.resources import resources
from maillage.reporting.indicators.satisfaction import satisfaction
from maillage.reporting.indicators.scope import Scope


def _year(scope: Scope) -> dict:
    ctx = context(scope)
    rows = participation_rows(scope)
    reached = ({row[6] for row in rows if row[6]}, {row[7] for row in rows if row[7]})
    return {
        "half_days": half_days(scope),
        "actions": actions(scope),
        "not_realized": not_realized(scope),
        "participants": participants(scope, rows),
        "coverage": coverage(scope, ctx, reached),
        "satisfaction": satisfaction(scope),
        "resources": resources(scope),
        "context": ctx,
    }


def _previous_year(scope: Scope, ctx: dict | None) -> dict:
    """Only what the report compares with: no breakdowns, causes or satisfaction for the year before."""
    return {
        "half_days": half_days(scope),
        "actions": actions(scope),
        "participants": participant_totals(scope),
        "coverage": coverage(scope, ctx),
        "resources": resources(scope),
    }


def compute(year: int, centre=None) -> dict:
    scope = Scope(year, centre)
    current = _year(scope)
    previous = _previous_year(scope.previous(), context(scope.previous()))
    return {
        "year": year,
        "centre": str(centre) if centre else None,
        "scope": scope.label,
        **current,
        "previous": {
            "half_days": previous["half_days"],
            "actions": previous["actions"],
            "participants": previous["participants"],
            "coverage": previous["coverage"],
            "resources": previous["resources"],
        },
    }


__all__ = ["Scope", "compute"]
