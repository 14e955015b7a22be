"""Resources published in the year, by kind — once the library app exists (section hidden otherwise)."""

from django.apps import apps

from maillage.reporting.indicators.scope import Scope


def resources(scope: Scope) -> dict | None:
    if not apps.is_installed("maillage.library"):
        return None
    try:
        from maillage.library.reporting import published_by_kind
    except ImportError:
        return None
    by_kind = published_by_kind(scope.year)
    return {"total": sum(by_kind.values()), "by_kind": by_kind} if by_kind else None
