"""The official referential, imported once per test database by tests/conftest.py, is right."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from maillage.territory.models import EPCI, QPV, CityContract, Commune, Department, ImportRun, Region

pytestmark = pytest.mark.django_db

HDF_QPV_2015 = {"02": 17, "59": 91, "60": 18, "62": 64, "80": 9}
HDF_QPV_2024 = {"02": 17, "59": 94, "60": 19, "62": 64, "80": 10}


def per_department(list_year):
    return Counter(
        QPV.objects.filter(list_year=list_year, department__region__code="32").values_list(
            "department__code", flat=True
        )
    )


def test_hauts_de_france_qpv_counts_match_sources():
    assert QPV.objects.filter(list_year=2015, department__region__code="32").count() == 199
    assert QPV.objects.filter(list_year=2024, department__region__code="32").count() == 204
    assert per_department(2015) == HDF_QPV_2015
    assert per_department(2024) == HDF_QPV_2024


def test_national_totals_match_sources():
    assert Region.objects.count() == 26
    assert Department.objects.count() == 109
    assert EPCI.objects.count() == 1255
    assert Commune.objects.count() == 37590
    assert Commune.objects.filter(kind=Commune.Kind.CURRENT, department__region__code="32").count() == 3782
    assert QPV.objects.filter(list_year=2015).count() == 1400
    assert QPV.objects.filter(list_year=2024).count() == 1493
    assert CityContract.objects.count() == 433


def test_multi_commune_qpv_and_two_department_contract():
    qpv = QPV.objects.get(code="QP059021")
    assert set(qpv.communes.values_list("insee_code", flat=True)) == {
        "59014",
        "59079",
        "59112",
        "59491",
        "59606",
    }
    assert qpv.epcis.count() == 2
    assert set(CityContract.objects.get(code="CV043").departments.values_list("code", flat=True)) == {
        "13",
        "84",
    }


def test_commune_parent_links():
    delegated = Commune.objects.get(insee_code="01015", kind=Commune.Kind.DELEGATED)
    assert delegated.parent.name == "Arboys en Bugey"
    assert delegated.parent.kind == Commune.Kind.CURRENT


def test_contract_qpv_links_are_derived_from_its_epci():
    contract = CityContract.objects.filter(epci__isnull=False, departments__code="59").first()
    assert contract.qpvs.exists()
    assert set(contract.qpvs.values_list("list_year", flat=True)) == {2015}
    assert all(contract.epci in qpv.epcis.all() for qpv in contract.qpvs.all())


def test_territory_stats_command():
    out = io.StringIO()
    call_command("territory_stats", "--region", "32", stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    assert lines["departments"] == "5"
    assert lines["communes"] == "3782"
    assert lines["qpv_2015"] == "199"
    assert lines["qpv_2024"] == "204"
    assert lines["city_contracts_2015_2023"] == "43"
    assert lines["renewal_projects"] == "0"
    assert int(lines["epci"]) > 80


def test_second_import_changes_nothing():
    out = io.StringIO()
    call_command("import_territory", "--force", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 7
    for line in lines:
        assert " : 0 créés, 0 modifiés," in line, line
    assert "37590 inchangés" in out.getvalue()


def test_unchanged_file_is_skipped_without_force():
    runs = ImportRun.objects.count()
    out = io.StringIO()
    call_command("import_regions", stdout=out)
    assert "déjà importé" in out.getvalue()
    assert ImportRun.objects.count() == runs


def test_contract_epci_matched_by_name_when_siren_changed():
    contract = CityContract.objects.get(code="CV192")
    assert contract.source_epci_siren == "245900410"
    assert contract.epci.name == "Métropole Européenne de Lille"
    assert contract.qpvs.filter(code="QP059021").exists() is False  # Valenciennes is not in the MEL
    assert contract.qpvs.filter(communes__insee_code="59512").exists()  # Roubaix is
