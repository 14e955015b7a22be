"""Counts of the referential for one region (used by `territory_stats` and the region page)."""

from maillage.territory.models import EPCI, QPV, CityContract, Commune, Region, RenewalProject


def region_stats(region: Region) -> dict[str, object]:
    communes = Commune.objects.filter(department__region=region, kind=Commune.Kind.CURRENT)
    qpvs = QPV.objects.filter(department__region=region)
    contracts = CityContract.objects.filter(departments__region=region).distinct()
    stats: dict[str, object] = {
        "region": region.name,
        "departments": region.departments.count(),
        "epci": EPCI.objects.filter(communes__in=communes).distinct().count(),
        "communes": communes.count(),
    }
    for year in QPV.ListYear.values:
        stats[f"qpv_{year}"] = qpvs.filter(list_year=year).count()
    for generation in CityContract.Generation.values:
        stats[f"city_contracts_{generation.replace('-', '_')}"] = contracts.filter(
            generation=generation
        ).count()
    stats["renewal_projects"] = RenewalProject.objects.filter(qpvs__in=qpvs).distinct().count()
    return stats
