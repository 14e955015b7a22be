"""Directory import: upload → mapping → dry run → apply, on good and bad input."""

import html
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from maillage.core.tabular import read_table
from maillage.network.import_mapping import guess_mapping
from maillage.network.imports import ImportRefused, apply_batch, build_plan
from maillage.network.models import Consent, ImportBatch, Organisation, Person, Position
from tests.factories import ConsentFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

HEADER = "Nom;Prénom;Courriel;Téléphone;Organisation;Type;Fonction;Code INSEE;Consentement"
GOOD_ROWS = [
    "Durand;Claire;claire.durand@roubaix.fr;03 20 00 00 01;Ville de Roubaix;commune;chef de projet;59512;oui",
    "Lefebvre;Marc;marc.lefebvre@exemple.fr;;Ville de Roubaix;commune;élu;59512;",
    "Nguyen;Thi;;;Association Horizon;association;bénévole;;annuaire, lettre",
]


def csv_bytes(*rows, header=HEADER, encoding="utf-8", delimiter=";", bom=False):
    text = "\n".join([header, *rows]).replace(";", delimiter) + "\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(header, *rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="contacts.csv"):
    return client.post(reverse("network:import_upload"), {"file": io.BytesIO(data) | _named(name)})


class _named:
    """`BytesIO | _named("x.csv")` gives the upload a file name."""

    def __init__(self, name):
        self.name = name

    def __ror__(self, stream):
        stream.name = self.name
        return stream


def make_batch(data, filename="contacts.csv"):
    table = read_table(data, filename=filename)
    return ImportBatch.objects.create(
        filename=filename, data=data, size=len(data), header=table.header, mapping=guess_mapping(table.header)
    )


def plan_for(data, filename="contacts.csv"):
    table = read_table(data, filename=filename)
    return build_plan(table, guess_mapping(table.header))


# Column mapping ---------------------------------------------------------------------------------


def test_guess_mapping_from_french_and_english_headers():
    header = [
        "NOM",
        "Prénom",
        "E-mail",
        "Tél.",
        "Structure",
        "Type de structure",
        "Fonction",
        "Code INSEE",
        "Divers",
    ]
    assert guess_mapping(header) == {
        "NOM": "last_name",
        "Prénom": "first_name",
        "E-mail": "email",
        "Tél.": "phone",
        "Structure": "organisation",
        "Type de structure": "organisation_kind",
        "Fonction": "function",
        "Code INSEE": "commune",
        "Divers": "",
    }
    assert guess_mapping(["Nom de famille", "Adresse mail", "Nom de la structure"]) == {
        "Nom de famille": "last_name",
        "Adresse mail": "email",
        "Nom de la structure": "organisation",
    }


# The whole flow through the pages -----------------------------------------------------------------


def test_upload_mapping_dry_run_and_apply(staff_client):
    response = upload(staff_client, csv_bytes(*GOOD_ROWS))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "network:import_mapping", args=[batch.pk]
    )
    assert batch.mapping["Courriel"] == "email"

    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    assert "claire.durand@roubaix.fr" in page.content.decode()  # preview of the first lines

    post = {f"col_{i}": batch.mapping[column] for i, column in enumerate(batch.header)}
    response = staff_client.post(reverse("network:import_mapping", args=[batch.pk]), post)
    assert response["Location"] == reverse("network:import_preview", args=[batch.pk])

    preview = staff_client.get(response["Location"])
    content = preview.content.decode()
    assert "Simulation" in content and "Importer 3 lignes" in content
    assert Person.objects.count() == 0 and Organisation.objects.count() == 0  # the dry run wrote nothing

    response = staff_client.post(reverse("network:import_apply", args=[batch.pk]))
    assert response.status_code == 302
    assert Person.objects.count() == 3
    assert Organisation.objects.count() == 2
    roubaix = Organisation.objects.get(name="Ville de Roubaix")
    assert roubaix.kind == Organisation.Kind.COMMUNE and roubaix.commune.insee_code == "59512"
    claire = Person.objects.get(email="claire.durand@roubaix.fr")
    assert claire.positions.get().function == Position.Function.PROJECT_LEAD
    assert claire.has_consent(Consent.Purpose.DIRECTORY)
    assert claire.consents.get().source == Consent.Source.IMPORT
    thi = Person.objects.get(last_name="Nguyen")
    assert set(thi.consents.values_list("purpose", flat=True)) == {"annuaire", "lettre"}
    batch.refresh_from_db()
    assert batch.is_applied and bytes(batch.data) == b""  # the file's personal data is not kept
    assert batch.summary["personnes_creees"] == 3


def test_posting_apply_twice_imports_once(staff_client):
    batch = make_batch(csv_bytes(*GOOD_ROWS))
    url = reverse("network:import_apply", args=[batch.pk])
    staff_client.post(url)
    response = staff_client.post(url, follow=True)
    assert Person.objects.count() == 3
    assert "déjà été importé" in response.content.decode()
    with pytest.raises(ImportRefused):
        apply_batch(batch)
    assert Person.objects.count() == 3


def test_mapping_page_redirects_once_applied(staff_client):
    batch = make_batch(csv_bytes(*GOOD_ROWS))
    apply_batch(batch)
    response = staff_client.get(reverse("network:import_mapping", args=[batch.pk]))
    assert response["Location"] == reverse("network:import_preview", args=[batch.pk])


def test_mapping_must_name_the_person(staff_client):
    batch = make_batch(csv_bytes(*GOOD_ROWS))
    post = {f"col_{i}": "" for i in range(len(batch.header))}
    post["col_1"] = "first_name"
    post["col_2"] = "email"
    response = staff_client.post(reverse("network:import_mapping", args=[batch.pk]), post)
    assert response.status_code == 200
    assert "associez aussi une colonne au nom" in response.content.decode()
    post["col_0"] = post["col_3"] = "last_name"
    response = staff_client.post(reverse("network:import_mapping", args=[batch.pk]), post)
    assert "associée à plusieurs colonnes" in response.content.decode()


# Encodings, separators, BOM, XLSX ---------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"encoding": "utf-8"},
        {"encoding": "latin-1"},
        {"encoding": "cp1252"},
        {"encoding": "utf-8", "bom": True},
        {"encoding": "utf-8", "delimiter": ","},
        {"encoding": "latin-1", "delimiter": ","},
    ],
)
def test_encodings_and_separators_give_the_same_result(options):
    rows = ["Lefèvre;Hélène;helene@exemple.fr;;Ville d'Hénin-Beaumont;commune;élue;62427;"]
    plan = plan_for(csv_bytes(*rows, **options))
    assert not plan.has_errors, plan.rows[0].errors
    row = plan.rows[0]
    assert row.person == "Hélène Lefèvre"
    assert row.fields["email"] == "helene@exemple.fr"
    assert row.position["function"] == Position.Function.ELECTED
    assert plan.new_organisations[next(iter(plan.new_organisations))]["name"] == "Ville d'Hénin-Beaumont"


def test_xlsx_import():
    data = xlsx_bytes(
        ["Nom", "Prénom", "Email", "Organisation"], ["Petit", "Jean", "jean.petit@exemple.fr", "CAF du Nord"]
    )
    batch = make_batch(data, filename="contacts.xlsx")
    apply_batch(batch)
    person = Person.objects.get(email="jean.petit@exemple.fr")
    assert person.positions.get().organisation.name == "CAF du Nord"


# Bad input ------------------------------------------------------------------------------------------


def test_empty_file_is_refused(staff_client):
    response = upload(staff_client, b"")
    assert response.status_code == 200
    assert "Le fichier soumis est vide" in response.content.decode() or "vide" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_header_only_file_is_refused(staff_client):
    response = upload(staff_client, csv_bytes())
    assert "aucune ligne de données" in response.content.decode()
    assert not ImportBatch.objects.exists()


@override_settings(MAILLAGE_IMPORT_MAX_BYTES=100)
def test_file_over_the_size_limit_is_refused(staff_client):
    response = upload(staff_client, csv_bytes(*GOOD_ROWS))
    assert response.status_code == 200
    assert "au-delà de la limite" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_ragged_csv_names_the_line(staff_client):
    response = upload(staff_client, csv_bytes(GOOD_ROWS[0], "Martin;Paul"))
    assert "Ligne 3" in response.content.decode()


def test_corrupt_xlsx_is_refused(staff_client):
    response = upload(staff_client, b"PK\x03\x04 not really a workbook", name="contacts.xlsx")
    assert "illisible" in response.content.decode()


def test_unknown_commune_code_blocks_the_whole_file(staff_client):
    rows = [GOOD_ROWS[0], "Martin;Paul;paul@exemple.fr;;Ville inconnue;commune;agent;99999;"]
    batch = make_batch(csv_bytes(*rows))
    plan = build_plan(read_table(bytes(batch.data)), batch.mapping)
    assert plan.has_errors
    assert plan.rows[1].errors == [
        "Ligne 3, colonne « Code INSEE » : commune « 99999 » inconnue (code INSEE attendu)."
    ]
    preview = staff_client.get(reverse("network:import_preview", args=[batch.pk])).content.decode()
    assert "commune « 99999 » inconnue" in preview and "import est bloqué" in preview
    response = staff_client.post(reverse("network:import_apply", args=[batch.pk]), follow=True)
    assert "rien n'a été importé" in html.unescape(response.content.decode())
    assert not Person.objects.exists() and not Organisation.objects.exists()  # nothing half-applied
    assert not ImportBatch.objects.get().is_applied


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Martin;Paul;pas-un-courriel;;;;;;", "colonne « Courriel » : adresse « pas-un-courriel » invalide."),
        ("Martin;Paul;;;Ville;mairie;agent;;", "colonne « Type » : type d'organisation « mairie » inconnu."),
        (
            "Martin;Paul;;;Ville;commune;astronaute;;",
            "colonne « Fonction » : fonction « astronaute » inconnue.",
        ),
        ("Martin;Paul;;;;;;;sms", "colonne « Consentement » : finalité « sms » inconnue."),
        (";Paul;paul@exemple.fr;;;;;;", "colonne « Nom » : le nom de la personne est vide."),
    ],
)
def test_bad_values_are_reported_by_line_and_column(row, message):
    plan = plan_for(csv_bytes(row))
    assert plan.has_errors
    assert plan.rows[0].errors == [f"Ligne 2, {message}"]


def test_commune_by_unique_name_is_accepted():
    plan = plan_for(csv_bytes("Martin;Paul;;;Mairie;commune;agent;Roubaix;"))
    assert not plan.has_errors
    assert plan.new_organisations["mairie"]["commune"] is not None


# Duplicates ---------------------------------------------------------------------------------------


def test_duplicate_rows_in_the_file_are_not_created_twice():
    rows = [
        "Durand;Claire;claire.durand@roubaix.fr;;Ville de Roubaix;commune;chef de projet;59512;",
        "DURAND;Claire;CLAIRE.Durand@Roubaix.fr;;Ville de Roubaix;commune;chef de projet;59512;",  # same email
        "Nguyen;Thi;;;Association Horizon;association;bénévole;;",
        "Nguyén;THI;;;association horizon;association;bénévole;;",  # same name, same organisation
        "Nguyen;Thi;;;Conseil citoyen Nord;conseil citoyen;habitant;;",  # same name, other organisation
    ]
    batch = make_batch(csv_bytes(*rows))
    plan = build_plan(read_table(bytes(batch.data)), batch.mapping)
    assert [r.action for r in plan.rows] == ["create", "duplicate", "create", "duplicate", "create"]
    assert "même courriel que la ligne 2" in plan.rows[1].messages
    assert "même nom et même organisation que la ligne 4" in plan.rows[3].messages
    apply_batch(batch)
    assert Person.objects.filter(last_name__iexact="durand").count() == 1
    assert Person.objects.filter(search_name="thi nguyen").count() == 2
    assert Position.objects.filter(person__last_name="Durand").count() == 1


def test_existing_people_are_updated_not_duplicated():
    roubaix = OrganisationFactory(name="Ville de Roubaix", kind=Organisation.Kind.COMMUNE)
    claire = PersonFactory(
        first_name="Claire", last_name="Durand", email="claire.durand@roubaix.fr", phone=""
    )
    thi = PersonFactory(first_name="Thi", last_name="Nguyen", email="")
    PositionFactory(person=thi, organisation=roubaix)
    rows = [
        "Durand;Claire;Claire.Durand@ROUBAIX.fr;03 20 00 00 01;ville de roubaix;;chef de projet;;",
        "Nguyen;Thi;;;Ville de Roubaix;;agent;;",
    ]
    plan = plan_for(csv_bytes(*rows))
    assert [r.action for r in plan.rows] == ["update", "update"]
    assert "téléphone ajouté : « 03 20 00 00 01 »" in plan.rows[0].messages
    assert plan.rows[1].person_ref == ("existing", thi.pk)
    assert not plan.new_organisations
    apply_batch(make_batch(csv_bytes(*rows)))
    assert Person.objects.count() == 2 and Organisation.objects.count() == 1
    claire.refresh_from_db()
    assert claire.phone == "03 20 00 00 01"
    assert claire.positions.get().organisation == roubaix


def test_a_withdrawn_consent_is_not_granted_again_by_an_import():
    person = PersonFactory(email="claire@exemple.fr")
    ConsentFactory(person=person, purpose=Consent.Purpose.NEWSLETTER, withdrawn_at="2024-01-01T00:00:00Z")
    rows = ["Durand;Claire;claire@exemple.fr;;;;;;lettre"]
    plan = plan_for(csv_bytes(*rows))
    assert any("ne sera pas réactivé" in m for m in plan.rows[0].messages)
    apply_batch(make_batch(csv_bytes(*rows)))
    assert not person.has_consent(Consent.Purpose.NEWSLETTER)
    assert person.consents.count() == 1


def test_organisation_only_rows():
    data = csv_bytes("Mission locale de Lens;association;62498", header="Organisation;Type;Code INSEE")
    batch = make_batch(data)
    plan = apply_batch(batch)
    assert plan.rows[0].action == "organisation"
    org = Organisation.objects.get()
    assert org.name == "Mission locale de Lens" and org.commune.insee_code == "62498"
    assert not Person.objects.exists()


def test_import_history_page(staff_client):
    apply_batch(make_batch(csv_bytes(*GOOD_ROWS)))
    content = staff_client.get(reverse("network:imports")).content.decode()
    assert "contacts.csv" in content and "3 créée(s)" in content
