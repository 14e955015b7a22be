"""The General Assembly's resolutions and what they do: freeze the bilan, amend it, vote a programme."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from maillage.network.models import GovernanceMembership
from maillage.reporting.models import Assembly, ReportVersion, Resolution
from maillage.reporting.services import freeze, latest_version


class ResolutionError(ValueError):
    pass


def current_memberships(on=None):
    day = on or timezone.localdate()
    return (
        GovernanceMembership.objects.filter(started_on__lte=day)
        .exclude(ended_on__lt=day)
        .select_related("organisation")
        .order_by("college", "organisation__name")
    )


def presence_by_college(assembly: Assembly) -> list[dict]:
    """Per college: members at the date of the Assembly, and those present or represented."""
    present = set(assembly.members_present.values_list("pk", flat=True)) if assembly.pk else set()
    colleges = dict(GovernanceMembership.College.choices)
    groups = defaultdict(lambda: {"members": [], "present": 0})
    for membership in current_memberships(assembly.date):
        group = groups[membership.college]
        group["members"].append({"name": str(membership.organisation), "present": membership.pk in present})
        group["present"] += membership.pk in present
    return [{"college": colleges[key], **value} for key, value in groups.items()]


@transaction.atomic
def record_resolution(resolution: Resolution, user=None) -> ReportVersion | None:
    """Save a resolution and apply it: adopting or amending the bilan freezes a version; voting a programme
    calls Programme.vote. A resolution that was not adopted is only recorded."""
    assembly = resolution.assembly
    kind = resolution.kind
    if resolution.adopted and not assembly.quorum_reached:
        raise ResolutionError("Le quorum n’est pas atteint : l’assemblée ne peut pas délibérer valablement.")
    if kind in (Resolution.Kind.ADOPT_REPORT, Resolution.Kind.AMEND_REPORT) and not resolution.year:
        raise ResolutionError("Indiquez l’année du bilan.")
    existing = latest_version(resolution.year, resolution.centre) if resolution.year else None
    if resolution.adopted and kind == Resolution.Kind.ADOPT_REPORT and existing is not None:
        raise ResolutionError(
            f"Le bilan {resolution.year} est déjà adopté (version {existing.number}) : votez un amendement."
        )
    if resolution.adopted and kind == Resolution.Kind.AMEND_REPORT and existing is None:
        raise ResolutionError(
            f"Le bilan {resolution.year} n’a pas encore été adopté : il n’y a rien à amender."
        )
    if kind == Resolution.Kind.VOTE_PROGRAMME:
        if resolution.programme is None:
            raise ResolutionError("Choisissez le programme soumis au vote.")
        if resolution.adopted and resolution.programme.is_voted:
            raise ResolutionError("Ce programme a déjà été voté.")
    resolution.save()
    if not resolution.adopted:
        return None
    if kind == Resolution.Kind.VOTE_PROGRAMME:
        resolution.programme.vote(assembly.date, resolution.reference)
        return None
    return freeze(
        resolution.year, resolution.centre, resolution=resolution, reason=resolution.text, user=user
    )
