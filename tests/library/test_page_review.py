"""Staff review of page texts: the OCR repairs shown against the raw OCR, corrections by hand."""

import html

import pytest
from django.urls import reverse

from maillage.library.models import Page, ResourceFile
from maillage.library.search.base import SearchQuery, get_backend
from maillage.library.services import page_review
from tests.conftest import assert_staff_only

RAW = "Ia commune a Iancé un proqramme pour Ie quartier"
REPAIRED = "La commune a lancé un programme pour le quartier"


@pytest.fixture
def page(resource_factory):
    resource = resource_factory("Bilan du contrat de ville", body="Première page native.")
    record = ResourceFile.objects.create(
        resource=resource, original_name="scan.pdf", status=ResourceFile.Status.INDEXED, page_count=2
    )
    return Page.objects.create(
        file=record,
        number=2,
        text=REPAIRED,
        raw_text=RAW,
        origin=Page.Origin.OCR,
        confidence=71.0,
        repair_edits=4,
    )


def found(text):
    return [hit.resource_id for hit in get_backend().search(SearchQuery(text=text)).hits]


def test_word_diff_pairs_what_the_ocr_read_with_the_repair():
    segments = page_review.word_diff(RAW, REPAIRED)
    changes = [(s.before, s.after) for s in segments if s.changed]
    assert changes == [("Ia", "La"), ("Iancé", "lancé"), ("proqramme", "programme"), ("Ie", "le")]
    assert " ".join(s.after for s in segments) == REPAIRED


def test_only_staff_see_and_correct_page_texts(client, user_client, staff_client, page):
    assert_staff_only(client, user_client, staff_client, reverse("library:file_text", args=[page.file_id]))
    assert_staff_only(client, user_client, staff_client, reverse("library:page_edit", args=[page.pk]))
    missing = reverse("library:page_edit", args=[page.pk + 1000])
    assert "/connexion/" in client.get(missing)["Location"]  # the permission check comes first
    assert staff_client.get(missing).status_code == 404
    url = reverse("library:page_edit", args=[page.pk])
    data = {"text": "Piraté", "checksum": page_review.checksum(REPAIRED)}
    assert user_client.post(url, data).status_code == 403
    assert client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.text == REPAIRED


def test_text_page_shows_the_repairs(staff_client, page):
    response = staff_client.get(reverse("library:file_text", args=[page.file_id]))
    text = response.content.decode()
    assert '<del class="ocr-raw">proqramme</del><ins class="ocr-fixed">programme</ins>' in text
    assert "4 corrections automatiques" in text and "confiance 71 %" in text


def test_a_correction_is_saved_and_searchable_at_once(staff_client, staff_user, page):
    url = reverse("library:page_edit", args=[page.pk])
    assert page.file.resource_id not in found("Wattrelos")
    form = staff_client.get(url).context["form"]
    data = {"text": REPAIRED + " de Wattrelos", "checksum": form.initial["checksum"]}
    response = staff_client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("?page=1#page-2")
    page.refresh_from_db()
    assert page.text.endswith("de Wattrelos") and page.edited_by == staff_user and page.edited_at
    assert page.raw_text == RAW  # the OCR original is kept
    assert page.file.resource_id in found("Wattrelos")
    # the same form posted again changes nothing and is not an error
    assert staff_client.post(url, data).status_code == 302


def test_a_stale_form_is_refused_in_french_and_nothing_is_overwritten(staff_client, page):
    url = reverse("library:page_edit", args=[page.pk])
    stale = page_review.checksum(page.text)
    Page.objects.filter(pk=page.pk).update(text="Texte corrigé par une collègue.")
    response = staff_client.post(url, {"text": "Ma version", "checksum": stale})
    assert response.status_code == 400
    assert "modifiée depuis l'ouverture du formulaire" in html.unescape(response.content.decode())
    page.refresh_from_db()
    assert page.text == "Texte corrigé par une collègue."


def test_an_empty_text_is_refused(staff_client, page):
    url = reverse("library:page_edit", args=[page.pk])
    response = staff_client.post(url, {"text": "", "checksum": page_review.checksum(page.text)})
    assert response.status_code == 400
    page.refresh_from_db()
    assert page.text == REPAIRED
