"""Attendance sheet and certificates: the PDFs' text, the certificates zip."""

import io
import zipfile

import pytest
from django.urls import reverse

from maillage.attendance import documents, marking
from maillage.attendance.models import Attendance
from tests.attendance.conftest import pdf_text
from tests.factories import RegistrationFactory, SessionFactory, UserFactory

STAFF = Attendance.Source.STAFF


@pytest.fixture
def config(db):
    from dsfr.models import DsfrConfig

    DsfrConfig.objects.all().delete()
    return DsfrConfig.objects.create(language="fr", site_title="CRPV Hauts-de-France")


def test_attendance_sheet(staff_client, session, people, config, tmp_path):
    session.action.staff.add(UserFactory(first_name="Claire", last_name="Formatrice"))
    response = staff_client.get(reverse("attendance:sheet", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "CRPV Hauts-de-France" in text
    assert "Feuille d'émargement" in text and "Évaluer le contrat de ville" in text
    assert "Jeudi 12 mars 2026" in text and "09h00 – 17h00" in text
    assert "Signature — matin" in text and "Signature — après-midi" in text
    assert "Contreseing" in text and "Claire Formatrice" in text
    # Sorted by name.
    assert text.index("DIALLO Awa") < text.index("MARTIN Jeanne") < text.index("ZOLA Émile")
    assert "sans inscription" in text


def test_sheet_of_a_morning_only_session_has_one_signature_column(session, people, tmp_path):
    session.end_time = session.start_time.replace(hour=12, minute=30)
    session.save()
    text = pdf_text(documents.attendance_sheet_pdf(session, blank_rows=0), tmp_path)
    assert "Signature — matin" in text and "après-midi" not in text
    assert "sans inscription" not in text


def test_sheet_repeats_its_header_on_every_page(session, tmp_path):
    for i in range(40):
        RegistrationFactory(session=session, person__last_name=f"Participant{i:02d}")
    pdf = documents.attendance_sheet_pdf(session)
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    assert all("Nom et prénom" in page for page in pages[:-1])
    assert "Page 1 / " in text


def test_certificate_lists_the_half_days_attended(staff_client, session, people, config, tmp_path):
    diallo = people["Diallo"]
    marking.set_attendance(diallo, "matin", True, source=STAFF)
    marking.set_attendance(diallo, "apres_midi", False, source=STAFF)
    # A second session of the same cycle, remote, afternoon only.
    second = SessionFactory(
        action=session.action,
        date=session.date.replace(day=26),
        start_time=session.start_time.replace(hour=14),
        end_time=session.end_time.replace(hour=16),
        format="distanciel",
    )
    marking.set_attendance(
        RegistrationFactory(session=second, person=diallo.person), "apres_midi", True, source=STAFF
    )

    response = staff_client.get(reverse("attendance:certificate", args=[diallo.pk]))
    text = pdf_text(response.content, tmp_path)
    assert "Attestation de présence" in text
    assert "Awa DIALLO" in text and "CRPV Hauts-de-France atteste" in text
    assert "12/03/2026" in text and "26/03/2026" in text
    assert "09h00 – 12h30" in text and "14h00 – 16h00" in text
    assert "présentiel" in text and "distanciel" in text
    assert "Total : 2 demi-journées" in text and "5 h 30" in text
    assert "journaux de connexion" in text  # one half-day was remote
    assert "Fait à" in text


def test_certificates_zip_has_one_pdf_per_person_present(staff_client, session, people, tmp_path):
    marking.set_attendance(people["Diallo"], "matin", True, source=STAFF)
    marking.set_attendance(people["Zola"], "apres_midi", True, source=STAFF)
    marking.set_attendance(people["Martin"], "matin", False, source=STAFF)
    response = staff_client.get(reverse("attendance:certificates_zip", args=[session.pk]))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == [
        "attestation-2026-03-12-evaluer-le-contrat-de-ville-diallo-awa.pdf",
        "attestation-2026-03-12-evaluer-le-contrat-de-ville-zola-emile.pdf",
    ]
    text = pdf_text(archive.read(names[1]), tmp_path)
    assert "Émile ZOLA" in text and "après-midi" in text and "matin" not in text


def test_all_certificates_in_one_pdf(staff_client, session, people, tmp_path):
    for name in ("Diallo", "Zola"):
        marking.set_attendance(people[name], "matin", True, source=STAFF)
    text = pdf_text(
        staff_client.get(reverse("attendance:certificates_pdf", args=[session.pk])).content, tmp_path
    )
    assert text.count("Attestation de présence") == 2
