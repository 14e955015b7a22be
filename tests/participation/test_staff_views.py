"""Staff pages: permissions, registration lists, decisions, exports, organisations to resolve."""

import io

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook

from maillage.network.models import Organisation
from maillage.participation.models import Registration
from maillage.participation.services import register
from tests.conftest import assert_staff_only
from tests.factories import OrganisationFactory
from tests.participation.conftest import create_session, make_applicant

Status = Registration.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(session):
    """Two confirmed, one waiting (declared organisation to resolve)."""
    register(session, make_applicant(1))
    register(session, make_applicant(2, organisation_name='=HYPERLINK("http://x")'))
    register(session, make_applicant(3, organisation_name="Régie de quartier du Pile"))
    mail.outbox.clear()
    return session


def test_staff_get_views_permissions(client, user_client, staff_client, registered):
    session = registered
    registration = Registration.objects.filter(organisation_name__startswith="Régie").get()
    for url in [
        reverse("participation:session_registrations", args=[session.pk]),
        reverse("participation:session_export", args=[session.pk, "csv"]),
        reverse("participation:session_export", args=[session.pk, "xlsx"]),
        reverse("participation:staff_register", args=[session.pk]),
        reverse("participation:action_registrations", args=[session.action_id]),
        reverse("participation:action_export", args=[session.action_id, "xlsx"]),
        reverse("participation:to_resolve"),
        reverse("participation:resolve_organisation", args=[registration.pk]),
    ]:
        assert_staff_only(client, user_client, staff_client, url)


def test_staff_post_views_permissions(client, user_client, staff_client, registered):
    registration = Registration.objects.filter(status=Status.WAITING).get()
    for url in [
        reverse("participation:decide", args=[registration.pk, "refuser"]),
        reverse("participation:promote_waiting", args=[registered.pk]),
    ]:
        response = client.post(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"]
        assert user_client.post(url).status_code == 403
        assert staff_client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.REJECTED


def test_missing_objects_do_not_leak_to_anonymous(client, staff_client, db):
    url = reverse("participation:session_registrations", args=[999999])
    assert client.get(url).status_code == 302
    assert staff_client.get(url).status_code == 404
    assert staff_client.get(reverse("participation:session_export", args=[1, "pdf"])).status_code == 404


def test_list_filters_by_status(staff_client, registered):
    url = reverse("participation:session_registrations", args=[registered.pk])
    content = staff_client.get(url, {"status": Status.WAITING}).content.decode()
    assert "Martin3" in content and "Martin1" not in content
    assert "1 inscription" in content
    everyone = staff_client.get(url).content.decode()
    assert all(f"Martin{n}" in everyone for n in (1, 2, 3))
    assert "2 confirmées" in everyone and "1 en attente" in everyone


def test_staff_cancel_promotes(staff_client, registered):
    confirmed = Registration.objects.filter(status=Status.CONFIRMED).first()
    response = staff_client.post(reverse("participation:decide", args=[confirmed.pk, "annuler"]), follow=True)
    assert "la première personne en attente a reçu la place" in response.content.decode()
    assert Registration.objects.get(person__last_name="Martin3").status == Status.CONFIRMED
    assert {m.subject.split(" :")[0] for m in mail.outbox} == {
        "Inscription annulée",
        "Une place s'est libérée",
    }


def test_staff_approve_pending(staff_client):
    session = create_session(capacity=5, requires_approval=True)
    pending = register(session, make_applicant(1)).first
    staff_client.post(reverse("participation:decide", args=[pending.pk, "valider"]))
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Inscription validée")
    assert (
        staff_client.post(reverse("participation:decide", args=[pending.pk, "nimporte"])).status_code == 404
    )


def test_csv_export_is_formula_safe(staff_client, registered):
    response = staff_client.get(reverse("participation:session_export", args=[registered.pk, "csv"]))
    text = response.content.decode("utf-8-sig")
    assert (
        response["Content-Disposition"] == f'attachment; filename="inscriptions-seance-{registered.pk}.csv"'
    )
    lines = text.strip().splitlines()
    assert lines[0].startswith("Séance;Date;Statut;Nom;Prénom;Courriel")
    assert len(lines) == 4
    assert "'=HYPERLINK" in text


def test_xlsx_export_per_action_with_filter(staff_client, registered):
    url = reverse("participation:action_export", args=[registered.action_id, "xlsx"])
    response = staff_client.get(url, {"status": Status.CONFIRMED})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Statut"
    assert len(rows) == 3 and {r[2] for r in rows[1:]} == {"confirmée"}


def test_staff_registers_someone_even_when_closed(staff_client):
    session = create_session(capacity=1, is_published=False)
    url = reverse("participation:staff_register", args=[session.pk])
    response = staff_client.post(url, {"first_name": "Alix", "last_name": "Roy", "email": "alix@exemple.fr"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.source == Registration.Source.STAFF and registration.status == Status.CONFIRMED


def test_resolve_to_existing_organisation(staff_client, registered):
    organisation = OrganisationFactory(name="Régie de quartier du Pile (Roubaix)")
    registration = Registration.objects.get(organisation_name="Régie de quartier du Pile")
    url = reverse("participation:resolve_organisation", args=[registration.pk])
    assert organisation.name in staff_client.get(url).content.decode()
    assert (
        "Régie de quartier du Pile" in staff_client.get(reverse("participation:to_resolve")).content.decode()
    )
    response = staff_client.post(url, {"organisation": organisation.pk})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organisation == organisation
    assert registration.person.positions.filter(organisation=organisation).exists()


def test_resolve_by_creating_organisation(staff_client, registered):
    registration = Registration.objects.get(organisation_name="Régie de quartier du Pile")
    url = reverse("participation:resolve_organisation", args=[registration.pk])
    assert staff_client.post(url, {}).status_code == 200  # neither chosen nor created
    staff_client.post(url, {"create": "on", "kind": "association"})
    created = Organisation.objects.get(name="Régie de quartier du Pile")
    assert created.kind == "association"


def test_session_panel_snippet(registered):
    html = Template('{% include "participation/_session_panel.html" %}').render(
        Context({"session": registered})
    )
    assert "2 confirmées" in html and "1 en attente" in html and "places libres : 0 / 2" in html
    assert reverse("participation:session_registrations", args=[registered.pk]) in html
    assert reverse("participation:session_export", args=[registered.pk, "xlsx"]) in html
