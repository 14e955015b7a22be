"""People export: consent first, anonymised never, formulas neutralised."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from maillage.network.gdpr import anonymise_person
from maillage.network.models import Consent
from tests.factories import ConsentFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def people():
    listed = ConsentFactory(person__last_name="Listée", purpose=Consent.Purpose.DIRECTORY).person
    newsletter = ConsentFactory(person__last_name="Abonnée", purpose=Consent.Purpose.NEWSLETTER).person
    withdrawn = ConsentFactory(
        person__last_name="Retirée", purpose=Consent.Purpose.DIRECTORY, withdrawn_at="2025-01-01T00:00:00Z"
    ).person
    PersonFactory(last_name="Sansconsentement")
    erased = ConsentFactory(person__last_name="Effacée", purpose=Consent.Purpose.DIRECTORY).person
    anonymise_person(erased)
    ConsentFactory(person=erased, purpose=Consent.Purpose.DIRECTORY)  # even with a (wrong) new consent row
    return listed, newsletter, withdrawn


def test_export_defaults_to_directory_consent(staff_client, people):
    rows = read_csv(staff_client.get(reverse("network:people_export")))
    assert rows[0][:4] == ["Nom", "Prénom", "Courriel", "Téléphone"]
    assert [r[0] for r in rows[1:]] == ["Listée"]


def test_export_for_another_purpose(staff_client, people):
    rows = read_csv(staff_client.get(reverse("network:people_export") + "?purpose=lettre"))
    assert [r[0] for r in rows[1:]] == ["Abonnée"]


def test_export_respects_list_filters(staff_client):
    org = OrganisationFactory(kind="caf")
    a = ConsentFactory(person__last_name="Alpha").person
    ConsentFactory(person__last_name="Beta")
    PositionFactory(person=a, organisation=org, function="delegue_prefet")
    rows = read_csv(staff_client.get(reverse("network:people_export") + "?function=delegue_prefet"))
    assert [r[0] for r in rows[1:]] == ["Alpha"]
    assert "CAF" not in rows[1][4] and org.name in rows[1][4]


def test_formula_injection_is_neutralised_in_csv_and_xlsx(staff_client):
    evil = '=HYPERLINK("https://pirate.example","Cliquez")'
    ConsentFactory(person__last_name=evil, person__first_name="+33 6 00", person__email="x@exemple.fr")
    rows = read_csv(staff_client.get(reverse("network:people_export") + "?format=csv"))
    assert rows[1][0] == "'" + evil and rows[1][1] == "'+33 6 00"

    response = staff_client.get(reverse("network:people_export") + "?format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'" + evil
    assert sheet["A2"].data_type == "s"


def test_organisation_export(staff_client):
    OrganisationFactory(name="=1+1", acronym="X")
    rows = read_csv(staff_client.get(reverse("network:organisations_export")))
    assert rows[0][0] == "Nom" and rows[1][0] == "'=1+1"
