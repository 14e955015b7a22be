"""Adoption by the General Assembly: freezing, later data changes, amendment, comparison, programme vote."""

import datetime

import pytest
from django.urls import reverse

from maillage.network.models import GovernanceMembership
from maillage.programme.models import Programme
from maillage.reporting import services
from maillage.reporting.assemblies import ResolutionError, presence_by_college, record_resolution
from maillage.reporting.models import Assembly, Narrative, ReportVersion, Resolution
from tests.factories import ActionFactory, OrganisationFactory, ProgrammeFactory
from tests.reporting.conftest import held_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_pdf(monkeypatch, media_root):
    """The PDF of a frozen version, without WeasyPrint (one test renders the real one)."""
    monkeypatch.setattr(
        "maillage.reporting.pdf.render_pdf", lambda report: b"%PDF-1.7 " + report.title.encode()
    )


@pytest.fixture
def assembly(db):
    return Assembly.objects.create(date=datetime.date(2032, 5, 12), quorum_reached=True)


def adopt(assembly, year=2031, kind=Resolution.Kind.ADOPT_REPORT, **fields):
    resolution = Resolution(assembly=assembly, reference=f"AG-{kind}-{year}", kind=kind, year=year, **fields)
    return record_resolution(resolution)


def test_adopted_report_is_frozen_against_later_changes(small_year, assembly, fake_pdf):
    Narrative.objects.create(year=2031, introduction="Texte adopté.")
    version = adopt(assembly)
    assert version.number == 1 and version.figures["participants"]["participations"] == 2
    with version.pdf.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")
    held_session(small_year, people=3, month=6)
    Narrative.objects.filter(year=2031).update(introduction="Texte réécrit après l’assemblée.")
    report = services.report_for(2031)
    assert report.version == version
    assert report.figures["participants"]["participations"] == 2
    assert "Texte adopté." in report.sections[0].blocks[0][1]
    live = services.report_for(2031, live=True)
    assert live.figures["participants"]["participations"] == 5


def test_amendment_makes_version_2_and_comparison_lists_the_changed_figures(small_year, assembly, fake_pdf):
    adopt(assembly)
    held_session(small_year, people=3, month=6)
    amended = adopt(assembly, kind=Resolution.Kind.AMEND_REPORT, text="Séance de juin oubliée.")
    assert amended.number == 2 and amended.reason == "Séance de juin oubliée."
    assert ReportVersion.objects.filter(year=2031).count() == 2
    assert services.report_for(2031).version == amended
    differences = {d["path"]: d for d in services.compare(*services.versions(2031))}
    assert differences["figures.participants.participations"]["before"] == 2
    assert differences["figures.participants.participations"]["after"] == 5
    assert differences["figures.half_days.realized"]["after"] == 2
    assert "figures.context.qpv" not in differences
    assert differences["figures.participants.participations"]["label"] == "Participants › participations"


def test_compare_page_lists_the_differences(staff_client, small_year, assembly, fake_pdf):
    adopt(assembly)
    held_session(small_year, people=1, month=6)
    adopt(assembly, kind=Resolution.Kind.AMEND_REPORT)
    html = staff_client.get(
        reverse("reporting:compare", args=[2031, "ensemble"]) + "?de=1&a=2"
    ).content.decode()
    assert "Participants › participations" in html
    preview = staff_client.get(reverse("reporting:report", args=[2031, "ensemble"])).content.decode()
    assert "Bilan adopté — version 2" in preview


def test_a_year_is_adopted_once_then_amended(small_year, assembly, fake_pdf):
    with pytest.raises(ResolutionError, match="rien à amender"):
        adopt(assembly, kind=Resolution.Kind.AMEND_REPORT)
    adopt(assembly)
    with pytest.raises(ResolutionError, match="déjà adopté"):
        adopt(assembly)


def test_no_quorum_no_adoption(small_year, fake_pdf):
    assembly = Assembly.objects.create(date=datetime.date(2032, 5, 12), quorum_reached=False)
    with pytest.raises(ResolutionError, match="quorum"):
        adopt(assembly)
    assert not ReportVersion.objects.exists()


def test_rejected_resolution_freezes_nothing(small_year, assembly, fake_pdf):
    assert adopt(assembly, adopted=False) is None
    assert not ReportVersion.objects.exists()


def test_voting_the_programme_through_a_resolution(assembly):
    programme = ProgrammeFactory(year=2033)
    ActionFactory(programme=programme, planned_half_days=6)
    record_resolution(
        Resolution(
            assembly=assembly,
            reference="AG-2032-03",
            kind=Resolution.Kind.VOTE_PROGRAMME,
            programme=programme,
        )
    )
    programme.refresh_from_db()
    assert programme.status == Programme.Status.VOTED and programme.deliberation_ref == "AG-2032-03"
    assert programme.voted_on == assembly.date
    assert programme.actions.get().voted_half_days == 6


def test_recording_an_assembly_and_a_resolution_through_the_pages(staff_client, small_year, fake_pdf):
    state = GovernanceMembership.objects.create(
        organisation=OrganisationFactory(), college="etat", started_on=datetime.date(2020, 1, 1)
    )
    GovernanceMembership.objects.create(
        organisation=OrganisationFactory(), college="region", started_on=datetime.date(2020, 1, 1)
    )
    response = staff_client.post(
        reverse("reporting:assembly_create"),
        {"date": "2032-05-12", "format": "visio", "members_present": [state.pk], "quorum_reached": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assembly = Assembly.objects.get()
    colleges = {c["college"]: c["present"] for c in presence_by_college(assembly)}
    assert colleges == {"État": 1, "Région": 0}
    response = staff_client.post(
        reverse("reporting:resolution_create", args=[assembly.pk]),
        {"reference": "AG-2032-01", "kind": "bilan", "year": 2031, "adopted": "on", "votes_for": 12},
    )
    assert response.status_code == 302
    assert ReportVersion.objects.get().resolution.reference == "AG-2032-01"
    page = staff_client.get(reverse("reporting:assembly", args=[assembly.pk])).content.decode()
    assert "bilan figé, version 1" in page
    again = staff_client.post(
        reverse("reporting:resolution_create", args=[assembly.pk]),
        {"reference": "AG-2032-02", "kind": "bilan", "year": 2031, "adopted": "on"},
    )
    body = again.content.decode()
    assert again.status_code == 200 and "déjà adopté" in body


def test_the_frozen_pdf_is_a_real_pdf_kept_under_media_root(small_year, assembly, media_root):
    version = adopt(assembly)
    path = media_root / version.pdf.name
    assert path.is_file() and path.read_bytes().startswith(b"%PDF")
