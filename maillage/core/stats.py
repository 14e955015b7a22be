"""Figures for the staff dashboard."""

from maillage.network.models import Organisation, Person
from maillage.territory.models import QPV, CityContract, Commune, RenewalProject


def dashboard_figures() -> list[tuple[str, int]]:
    return [
        ("Organisations du réseau", Organisation.objects.count()),
        ("Personnes", Person.objects.not_anonymised().count()),
        ("Communes (COG)", Commune.objects.filter(kind=Commune.Kind.CURRENT).count()),
        ("QPV (liste 2024)", QPV.objects.filter(list_year=2024).count()),
        ("Contrats de ville", CityContract.objects.count()),
        ("Projets NPNRU", RenewalProject.objects.count()),
    ]
