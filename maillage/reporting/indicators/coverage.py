"""Territorial coverage (contrats de ville, QPV, communes reached) and the region's context."""

from django.db.models import Q

from maillage.network.models import Organisation
from maillage.reporting.indicators.participants import participations
from maillage.reporting.indicators.scope import Scope
from maillage.territory.models import QPV, CityContract, Commune, RenewalProject


def _list_year(year: int) -> int:
    return 2024 if year >= 2024 else 2015


def _generation(year: int) -> str:
    return CityContract.Generation.GEN_2024 if year >= 2024 else CityContract.Generation.GEN_2015


def context(scope: Scope) -> dict | None:
    region = scope.centre.region if scope.centre else None
    if region is None:
        from maillage.programme.models import Centre

        region = Centre.objects.filter(region__isnull=False).values_list("region", flat=True).first()
        if region is None:
            return None
        from maillage.territory.models import Region

        region = Region.objects.get(pk=region)
    qpvs = QPV.objects.filter(department__region=region)
    return {
        "region": region.name,
        "region_code": region.code,
        "city_contracts_generation": _generation(scope.year),
        "city_contracts": CityContract.objects.filter(
            departments__region=region, generation=_generation(scope.year)
        )
        .distinct()
        .count(),
        "qpv_list": _list_year(scope.year),
        "qpv": qpvs.filter(list_year=_list_year(scope.year)).count(),
        "qpv_2015": qpvs.filter(list_year=2015).count(),
        "qpv_2024": qpvs.filter(list_year=2024).count(),
        "renewal_projects": RenewalProject.objects.filter(qpvs__in=qpvs).distinct().count(),
    }


def reached_by_participants(scope: Scope) -> tuple[set[int], set[int]]:
    """Organisations and declared communes of the scope's participations, in one query."""
    pairs = participations(scope).values_list("organisation_id", "commune_id").distinct()
    return {o for o, _ in pairs if o}, {c for _, c in pairs if c}


def coverage(scope: Scope, ctx: dict | None, reached: tuple[set[int], set[int]] | None = None) -> dict:
    """Reached through participants' organisations and through actions' territories.

    `reached`: the participants' organisation and commune ids when the caller already has them."""
    organisation_ids, declared_communes = reached if reached is not None else reached_by_participants(scope)
    organisations = Organisation.objects.filter(pk__in=sorted(organisation_ids))
    actions = scope.actions()
    list_year = _list_year(scope.year)
    # Four simple queries then one IN list: an OR of IN subqueries over the whole referential is
    # very slow on PostgreSQL (a sequential scan of every commune per branch).
    commune_ids = set(organisations.values_list("commune", flat=True))
    commune_ids |= set(
        Organisation.communes.through.objects.filter(organisation__in=organisations).values_list(
            "commune_id", flat=True
        )
    )
    commune_ids |= set(actions.values_list("communes", flat=True))
    commune_ids |= declared_communes
    commune_ids.discard(None)
    communes = Commune.objects.filter(pk__in=sorted(commune_ids))
    qpvs = QPV.objects.filter(list_year=list_year).filter(
        Q(organisations__in=organisations) | Q(actions__in=actions) | Q(communes__in=communes)
    )
    contracts = CityContract.objects.filter(generation=_generation(scope.year)).filter(
        Q(organisations__in=organisations) | Q(actions__in=actions) | Q(qpvs__in=qpvs)
    )
    if ctx:
        qpvs = qpvs.filter(department__region__code=ctx["region_code"])
        contracts = contracts.filter(departments__region__code=ctx["region_code"])
        communes = communes.filter(department__region__code=ctx["region_code"])
    result = {
        "qpv_reached": qpvs.distinct().count(),
        "city_contracts_reached": contracts.distinct().count(),
        "communes_reached": communes.distinct().count(),
    }
    if ctx:
        result["qpv_total"] = ctx["qpv"]
        result["city_contracts_total"] = ctx["city_contracts"]
    return result
