import pytest
from django.urls import reverse

from maillage.territory.models import QPV, CityContract, Commune, RenewalProject
from tests.conftest import assert_staff_only

pytestmark = pytest.mark.django_db


def territory_urls():
    commune = Commune.objects.get(insee_code="59512", kind=Commune.Kind.CURRENT)  # Roubaix
    qpv = QPV.objects.filter(communes=commune).first()
    contract = CityContract.objects.get(epci=commune.epci)  # the MEL's, matched by name after its new SIREN
    project = RenewalProject.objects.create(name="Projet de test", kind="QIN")
    project.qpvs.add(qpv)
    return [
        reverse("territory:index"),
        reverse("territory:search") + "?q=roubaix",
        reverse("territory:region", args=["32"]),
        reverse("territory:department", args=["59"]),
        reverse("territory:epci", args=[commune.epci.siren]),
        reverse("territory:commune", args=[commune.pk]),
        reverse("territory:qpv", args=[qpv.code]),
        reverse("territory:city_contract", args=[contract.code]),
        reverse("territory:renewal_projects"),
        reverse("territory:renewal_project", args=[project.pk]),
        reverse("territory:renewal_project_create"),
        reverse("territory:renewal_project_update", args=[project.pk]),
        reverse("territory:renewal_project_import"),
    ]


def test_every_territory_page_is_staff_only(client, user_client, staff_client, django_user_model):
    from django.test import Client

    anonymous = Client()
    for url in territory_urls():
        assert_staff_only(anonymous, user_client, staff_client, url)


def test_admin_sees_territory_pages(admin_client):
    for url in territory_urls():
        assert admin_client.get(url).status_code == 200, url


def test_search_ignores_case_and_accents(staff_client):
    response = staff_client.get(reverse("territory:search"), {"q": "epinay"})
    assert "Épinay-sous-Sénart" in response.content.decode()
    response = staff_client.get(reverse("territory:search"), {"q": "ÉPINAY-SOUS-SENART"})
    assert "Épinay-sous-Sénart" in response.content.decode()


def test_search_finds_qpv_by_name_and_code_and_contract(staff_client):
    qpv = QPV.objects.get(code="QP059021")
    body = staff_client.get(reverse("territory:search"), {"q": "rives de l'escaut"}).content.decode()
    assert qpv.get_absolute_url() in body
    body = staff_client.get(reverse("territory:search"), {"q": "qp059021"}).content.decode()
    assert qpv.get_absolute_url() in body
    contract = CityContract.objects.filter(departments__code="59").first()
    body = staff_client.get(reverse("territory:search"), {"q": contract.name.lower()}).content.decode()
    assert contract.get_absolute_url() in body


def test_htmx_search_returns_only_the_results_fragment(staff_client):
    response = staff_client.get(reverse("territory:search"), {"q": "roubaix"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="resultats"' in body and "<html" not in body


def test_qpv_page_shows_communes_and_contracts(staff_client):
    qpv = QPV.objects.get(code="QP059021")
    body = staff_client.get(qpv.get_absolute_url()).content.decode()
    assert "Valenciennes" in body and "QP059021" in body


def test_create_renewal_project_with_unknown_qpv_is_refused(staff_client):
    url = reverse("territory:renewal_project_create")
    response = staff_client.post(url, {"name": "NPNRU Test", "kind": "QIR", "qpv_codes": "QN05901M QN99999Z"})
    assert response.status_code == 200
    assert "Code(s) QPV inconnu(s) : QN99999Z." in response.content.decode()
    assert not RenewalProject.objects.filter(name="NPNRU Test").exists()
    codes = list(QPV.objects.filter(department__code="59", list_year=2024).values_list("code", flat=True)[:2])
    response = staff_client.post(url, {"name": "NPNRU Test", "kind": "QIR", "qpv_codes": ", ".join(codes)})
    project = RenewalProject.objects.get(name="NPNRU Test")
    assert response.status_code == 302
    assert set(project.qpvs.values_list("code", flat=True)) == set(codes)


def test_renewal_import_page_shows_line_errors_and_twice_posted_file_imports_once(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("territory:renewal_project_import")
    bad = SimpleUploadedFile("p.csv", b"nom,interet,qpv\nProjet X,QIN,QN00000Z\n")
    body = staff_client.post(url, {"file": bad}).content.decode()
    assert "Ligne 2 : qpv : code QPV inconnu" in body
    code = QPV.objects.filter(list_year=2024).values_list("code", flat=True).first()
    content = f"nom,interet,qpv\nProjet Y,QIN,{code}\n".encode()
    for _ in range(2):
        response = staff_client.post(url, {"file": SimpleUploadedFile("p.csv", content)})
        assert response.status_code == 302
    assert RenewalProject.objects.filter(name="Projet Y").count() == 1
