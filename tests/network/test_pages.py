"""Directory pages: lists and filters, detail pages, forms, governance, linked directory."""

import html
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from maillage.network.directory import linked_directory
from maillage.network.gdpr import anonymise_person
from maillage.network.models import CityContractRole, Organisation, Person, Position
from maillage.territory.models import EPCI, QPV, CityContract, Commune
from tests.factories import (
    GovernanceMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def roubaix():
    return Commune.objects.get(insee_code="59512", kind=Commune.Kind.CURRENT)


def test_organisation_list_filters(staff_client):
    seated = OrganisationFactory(name="Centre social de l'Épeule", kind="association", commune=roubaix())
    OrganisationFactory(name="CAF de l'Aisne", kind="caf", is_demo=True)
    url = reverse("network:organisations")
    assert "Centre social" in text(staff_client.get(url + "?q=epeule"))
    assert "CAF de l" not in text(staff_client.get(url + "?q=epeule"))
    assert "Centre social" not in text(staff_client.get(url + "?kind=caf"))
    page = text(staff_client.get(url + "?department=59"))
    assert seated.name in page and "CAF de l" not in page
    page = text(staff_client.get(url + "?demo=oui"))
    assert "CAF de l" in page and "Donnée fictive" in page and seated.name not in page


def test_organisation_list_paginates(staff_client):
    for i in range(55):
        OrganisationFactory(name=f"Association {i:02d}")
    page = text(staff_client.get(reverse("network:organisations")))
    assert "55</strong> organisations" in page and "Association 49" in page and "Association 50" not in page
    assert "Association 50" in text(staff_client.get(reverse("network:organisations") + "?page=2"))


def test_organisation_create_with_territory_codes(staff_client):
    contract = CityContract.objects.order_by("code").first()
    qpv = QPV.objects.filter(code__startswith="QN059").first()
    epci = EPCI.objects.get(communes__insee_code="59512", communes__kind=Commune.Kind.CURRENT)
    data = {
        "name": "Ville de Roubaix",
        "kind": "commune",
        "seat_commune": "59512",
        "commune_codes": "59512, 59599",
        "epci_sirens": epci.siren,
        "qpv_codes": qpv.code.lower(),
        "pilot_contracts": contract.code,
        "signatory_contracts": "",
    }
    response = staff_client.post(reverse("network:organisation_create"), data)
    org = Organisation.objects.get(name="Ville de Roubaix")
    assert response["Location"] == org.get_absolute_url()
    assert org.commune == roubaix()
    assert set(org.communes.values_list("insee_code", flat=True)) == {"59512", "59599"}
    assert list(org.qpvs.all()) == [qpv] and list(org.epcis.all()) == [epci]
    assert CityContractRole.objects.get(organisation=org).role == CityContractRole.Role.PILOT

    page = text(staff_client.get(org.get_absolute_url()))
    assert "Roubaix" in page and qpv.name in page and contract.name in page and "pilote" in page

    # Edit: the form shows the codes, and a change of role replaces the old one.
    edit = text(staff_client.get(reverse("network:organisation_update", args=[org.pk])))
    assert "59599" in edit and contract.code in edit
    data.update(pilot_contracts="", signatory_contracts=contract.code, commune_codes="")
    staff_client.post(reverse("network:organisation_update", args=[org.pk]), data)
    assert CityContractRole.objects.get(organisation=org).role == CityContractRole.Role.SIGNATORY
    assert not org.communes.exists()


def test_organisation_form_names_unknown_codes(staff_client):
    response = staff_client.post(
        reverse("network:organisation_create"),
        {
            "name": "X",
            "kind": "autre",
            "seat_commune": "99999",
            "qpv_codes": "QP059001 QPXXX",
            "pilot_contracts": "CV999999",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "Code(s) INSEE inconnu(s) : 99999." in page
    assert "QPXXX" in page and "CV999999" in page
    assert not Organisation.objects.exists()


def test_organisation_detail_shows_people_and_membership(staff_client):
    position = PositionFactory(function=Position.Function.PROJECT_LEAD, person__is_demo=True)
    org = position.organisation
    membership = GovernanceMembershipFactory(organisation=org, college="epci_communes")
    RepresentativeFactory(membership=membership, person=position.person)
    erased = PositionFactory(organisation=org)
    anonymise_person(erased.person)
    page = text(staff_client.get(org.get_absolute_url()))
    assert position.person.full_name in page and "chef de projet contrat de ville" in page
    assert "EPCI et communes" in page and "membre actuel" in page
    assert "Donnée fictive" in page
    assert "1 fonction occupée par des personnes anonymisées" in page


def test_person_list_filters(staff_client):
    lead = PositionFactory(
        function=Position.Function.PROJECT_LEAD,
        organisation=OrganisationFactory(kind="epci", commune=roubaix()),
        person__last_name="Chefprojet",
    ).person
    PositionFactory(function=Position.Function.ELECTED, person__last_name="Elue", person__is_active=False)
    erased = PositionFactory(person__last_name="Effacee").person
    anonymise_person(erased)
    url = reverse("network:people")
    assert "Chefprojet" in text(staff_client.get(url)) and "anonymisée n°" not in text(staff_client.get(url))
    for query, present, absent in [
        ("?function=chef_projet", "Chefprojet", "Elue"),
        ("?organisation_kind=epci", "Chefprojet", "Elue"),
        ("?department=59", "Chefprojet", "Elue"),
        ("?active=non", "Elue", "Chefprojet"),
        ("?q=chefproj", "Chefprojet", "Elue"),
        ("?q=" + lead.email.upper(), "Chefprojet", "Elue"),
    ]:
        page = text(staff_client.get(url + query))
        assert present in page and absent not in page, query


def test_person_create_edit_and_positions(staff_client):
    org = OrganisationFactory()
    response = staff_client.post(
        reverse("network:person_create"),
        {"first_name": "Léa", "last_name": "Martin", "email": " Lea.Martin@Exemple.FR ", "is_active": "on"},
    )
    person = Person.objects.get()
    assert response["Location"] == person.get_absolute_url()
    assert person.email == "lea.martin@exemple.fr"

    duplicate = staff_client.post(
        reverse("network:person_create"),
        {"first_name": "L", "last_name": "M", "email": "LEA.martin@exemple.fr"},
    )
    assert "déjà ce courriel" in text(duplicate)

    staff_client.post(
        reverse("network:position_create", args=[person.pk]),
        {"organisation": org.pk, "function": "delegue_prefet", "title": "Déléguée", "is_active": "on"},
    )
    position = person.positions.get()
    assert position.function == Position.Function.PREFECT_DELEGATE
    bad = staff_client.post(
        reverse("network:position_update", args=[position.pk]),
        {"organisation": org.pk, "function": "agent", "started_on": "2025-05-01", "ended_on": "2024-01-01"},
    )
    assert "La date de fin précède la date de début." in text(bad)
    staff_client.post(
        reverse("network:position_update", args=[position.pk]),
        {"organisation": org.pk, "function": "agent", "ended_on": "2025-01-01"},
    )
    position.refresh_from_db()
    assert not position.is_active and position.ended_on == date(2025, 1, 1)

    staff_client.post(
        reverse("network:person_update", args=[person.pk]),
        {"first_name": "Léa", "last_name": "Martin-Dupont", "email": "lea.martin@exemple.fr"},
    )
    person.refresh_from_db()
    assert person.last_name == "Martin-Dupont" and not person.is_active


def test_person_detail_shows_retention_and_gdpr_actions(staff_client, admin_client, person):
    Person.objects.filter(pk=person.pk).update(retention_flagged_at="2025-01-01T00:00:00Z")
    page = text(staff_client.get(person.get_absolute_url()))
    assert "Fiche à revoir" in page and "Exporter toutes ses données" in page
    assert reverse("network:person_erase", args=[person.pk]) not in page  # staff cannot erase
    assert reverse("network:person_erase", args=[person.pk]) in text(
        admin_client.get(person.get_absolute_url())
    )


def test_governance_page(staff_client):
    today = date.today()
    current = GovernanceMembershipFactory(organisation__name="Région Hauts-de-France", college="region")
    RepresentativeFactory(membership=current, person__last_name="Titulaire")
    RepresentativeFactory(membership=current, person__last_name="Suppleante", role="suppleant")
    GovernanceMembershipFactory(
        organisation__name="Ancien membre",
        started_on=today - timedelta(days=900),
        ended_on=today - timedelta(days=10),
    )
    page = text(staff_client.get(reverse("network:governance")))
    assert "Collège « Région »" in page and "Titulaire" in page and "(suppléant)" in page
    assert "Ancien membre" not in page and "1 membre à ce jour" in page
    assert "Ancien membre" in text(staff_client.get(reverse("network:governance") + "?anciens=1"))


def test_membership_and_representatives_forms(staff_client):
    position = PositionFactory()
    response = staff_client.post(
        reverse("network:membership_create"),
        {"organisation": position.organisation.pk, "college": "etat", "started_on": "2024-01-01"},
    )
    assert response.status_code == 302
    membership = position.organisation.memberships.get()
    url = reverse("network:representative_add", args=[membership.pk])
    stranger = PersonFactory()
    assert "Sélectionnez un choix valide" in text(
        staff_client.post(url, {"person": stranger.pk, "role": "titulaire"})
    )
    staff_client.post(url, {"person": position.person.pk, "role": "titulaire"})
    seat = membership.representative_set.get()
    assert "déjà ce membre" in text(
        staff_client.post(url, {"person": position.person.pk, "role": "suppleant"})
    )
    staff_client.post(reverse("network:representative_remove", args=[seat.pk]))
    assert not membership.representative_set.exists()
    bad = staff_client.post(
        reverse("network:membership_update", args=[membership.pk]),
        {
            "organisation": position.organisation.pk,
            "college": "etat",
            "started_on": "2024-01-01",
            "ended_on": "2023-01-01",
        },
    )
    assert "La fin d'adhésion précède l'adhésion." in text(bad)


def test_linked_directory_service_and_snippet():
    commune = roubaix()
    qpv = QPV.objects.filter(communes=commune).first()
    seated = OrganisationFactory(name="Mairie", commune=commune)
    acting = OrganisationFactory(name="Association des quartiers")
    acting.qpvs.add(qpv)
    by_epci = OrganisationFactory(name="Agglo")
    by_epci.epcis.add(commune.epci)
    OrganisationFactory(name="Ailleurs")
    active = PositionFactory(organisation=seated, person__last_name="Enposte")
    PositionFactory(organisation=seated, is_active=False, person__last_name="Partie")
    erased = PositionFactory(organisation=acting).person
    anonymise_person(erased)

    linked = linked_directory(communes=[commune], qpvs=commune.qpvs.all())
    assert set(linked.organisations) == {seated, acting}
    assert list(linked.people) == [active.person]
    assert set(linked_directory(epcis=[commune.epci]).organisations) == {seated, by_epci}
    assert not linked_directory(communes=[])

    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True)
    staff_html = render_to_string(
        "network/_linked_directory.html", {"linked_directory": linked}, request=request
    )
    assert "Mairie" in staff_html and "Enposte" in staff_html and active.person.email in staff_html
    request.user = UserFactory()
    public_html = render_to_string(
        "network/_linked_directory.html", {"linked_directory": linked}, request=request
    )
    assert "Mairie" in public_html and "Enposte" not in public_html and "@" not in public_html
