"""Every staff page of the report: anonymous → sign-in, non-staff → 403, staff → 200; and what they show."""

import pytest
from django.urls import reverse

from maillage.reporting.models import Assembly, Narrative
from tests.conftest import assert_staff_only

pytestmark = pytest.mark.django_db


def scope(name, year=2031, volet="ensemble", **kwargs):
    return reverse(f"reporting:{name}", kwargs={"year": year, "volet": volet, **kwargs})


@pytest.fixture
def assembly(db):
    return Assembly.objects.create(date="2032-05-12", quorum_reached=True)


def test_every_view_is_staff_only(client, user_client, staff_client, small_year, assembly):
    urls = [
        reverse("reporting:index"),
        scope("report"),
        scope("report", volet=small_year.centre.slug),
        scope("narrative"),
        scope("pdf"),
        scope("docx"),
        scope("table_export", slug="chiffres-cles", fmt="csv"),
        scope("table_export", slug="chiffres-cles", fmt="xlsx"),
        scope("anct", fmt="csv"),
        scope("anct", fmt="xlsx"),
        reverse("reporting:assemblies"),
        reverse("reporting:assembly_create"),
        reverse("reporting:assembly", args=[assembly.pk]),
        reverse("reporting:assembly_update", args=[assembly.pk]),
        reverse("reporting:resolution_create", args=[assembly.pk]),
    ]
    for url in urls:
        assert_staff_only(client, user_client, staff_client, url)


def test_version_pages_are_staff_only(client, user_client, staff_client, small_year, media_root, monkeypatch):
    monkeypatch.setattr("maillage.reporting.pdf.render_pdf", lambda report: b"%PDF-1.7 test")
    from maillage.reporting.services import freeze

    freeze(2031)
    freeze(2031, reason="correction")
    assert_staff_only(client, user_client, staff_client, scope("version_pdf", number=1))
    assert_staff_only(client, user_client, staff_client, scope("compare"))
    response = client.post(scope("narrative"), {"introduction": "x"})
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert user_client.post(scope("narrative"), {"introduction": "x"}).status_code == 403


def test_unknown_volet_table_or_format_is_404(staff_client, small_year):
    assert staff_client.get(scope("report", volet="inconnu")).status_code == 404
    assert staff_client.get(scope("table_export", slug="inconnu", fmt="csv")).status_code == 404
    assert staff_client.get(scope("anct", fmt="pdf")).status_code == 404


def test_preview_shows_each_figure_with_the_year_before(staff_client, small_year):
    html = staff_client.get(scope("report")).content.decode()
    assert "L’année en chiffres" in html and "<svg" in html
    assert "Document de travail" in html
    assert ">2030<" in html  # the previous year's column


def test_narrative_is_written_stored_and_shown(staff_client, staff_user, small_year):
    response = staff_client.post(
        scope("narrative"),
        {
            "introduction": 'Une année de "transition" : voici le bilan.',
            "highlights": "- Premier cycle\n- Nouveau site",
            "staffing": "",
            "outlook": "Ouvrir un second volet.",
        },
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(year=2031, centre__isnull=True)
    assert narrative.updated_by == staff_user
    html = staff_client.get(scope("report")).content.decode()
    assert "«\u00a0transition\u00a0»" in html and "<li>Premier cycle</li>" in html
    assert "Ouvrir un second volet." in html
    docx = staff_client.get(scope("docx"))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_exports_are_downloads(staff_client, small_year):
    csv = staff_client.get(scope("table_export", slug="chiffres-cles", fmt="csv"))
    assert csv["Content-Disposition"] == 'attachment; filename="bilan-2031-ensemble-chiffres-cles.csv"'
    assert "Demi-journées réalisées;1;0;1;" in csv.content.decode("utf-8-sig")
    anct = staff_client.get(scope("anct", fmt="csv")).content.decode("utf-8-sig")
    assert "participations_cumulees" in anct
    pdf = staff_client.get(scope("pdf"))
    assert pdf.content.startswith(b"%PDF")
