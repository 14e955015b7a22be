"""Consent register and the signed unsubscribe link."""

import html

import pytest
from django.core import signing
from django.test import override_settings
from django.urls import reverse

from maillage.network.consent import (
    read_unsubscribe_token,
    record_consent,
    unsubscribe_token,
    unsubscribe_url,
    withdraw_consent,
)
from maillage.network.models import Consent
from tests.factories import ConsentFactory, PersonFactory

pytestmark = pytest.mark.django_db
NEWSLETTER = Consent.Purpose.NEWSLETTER


def text(response):
    return html.unescape(response.content.decode())


@override_settings(SITE_URL="https://crpv.example/")
def test_unsubscribe_url_is_absolute_signed_and_per_purpose():
    person = PersonFactory()
    url = unsubscribe_url(person, NEWSLETTER)
    assert url.startswith("https://crpv.example/reseau/desinscription/")
    token = url.rsplit("/", 2)[-2]
    assert read_unsubscribe_token(token) == (person.pk, NEWSLETTER)
    assert unsubscribe_url(person, Consent.Purpose.EVENTS) != url
    assert unsubscribe_url(PersonFactory(), NEWSLETTER) != url
    with pytest.raises(ValueError):
        unsubscribe_token(person, "inconnue")


def test_token_is_salted():
    person = PersonFactory()
    plain = signing.dumps({"p": person.pk, "u": NEWSLETTER}, compress=True)  # right key, no salt
    with pytest.raises(signing.BadSignature):
        read_unsubscribe_token(plain)


def test_valid_link_asks_then_withdraws(client):
    consent = ConsentFactory(purpose=NEWSLETTER)
    other = ConsentFactory(person=consent.person, purpose=Consent.Purpose.EVENTS)
    url = unsubscribe_url(consent.person, NEWSLETTER, absolute=False)

    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer ma désinscription" in text(page)
    consent.refresh_from_db()
    assert consent.is_active  # a mail scanner following the link withdraws nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "Votre désinscription est enregistrée" in text(done)
    assert "lettre d'information" in text(done)
    consent.refresh_from_db()
    other.refresh_from_db()
    assert consent.withdrawn_at is not None and other.is_active
    assert Consent.objects.filter(pk=consent.pk).exists()  # history kept


def test_already_withdrawn(client):
    consent = ConsentFactory(purpose=NEWSLETTER, withdrawn_at="2025-01-01T00:00:00Z")
    url = unsubscribe_url(consent.person, NEWSLETTER, absolute=False)
    assert "Vous êtes déjà désinscrit" in text(client.get(url))
    response = client.post(url)
    assert response.status_code == 200 and "déjà désinscrit" in text(response)
    consent.refresh_from_db()
    assert consent.withdrawn_at.year == 2025  # the first withdrawal date is kept


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_link(client, method):
    consent = ConsentFactory(purpose=NEWSLETTER)
    token = unsubscribe_token(consent.person, NEWSLETTER)
    for bad in [token[:-2] + ("aa" if not token.endswith("aa") else "bb"), "n-importe-quoi", token + "x"]:
        response = getattr(client, method)(reverse("network:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "Lien de désinscription invalide" in text(response)
    consent.refresh_from_db()
    assert consent.is_active


def test_link_of_a_deleted_person(client):
    person = PersonFactory()
    url = unsubscribe_url(person, NEWSLETTER, absolute=False)
    person.delete()
    assert "déjà désinscrit" in text(client.post(url))


def test_one_click_unsubscribe_needs_no_csrf_token(client):
    from django.test import Client

    consent = ConsentFactory(purpose=NEWSLETTER)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        unsubscribe_url(consent.person, NEWSLETTER, absolute=False), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not consent.person.has_consent(NEWSLETTER)


def test_record_and_withdraw_keep_history():
    person = PersonFactory()
    first, created = record_consent(person, NEWSLETTER, Consent.Source.FORM)
    assert created
    again, created = record_consent(person, NEWSLETTER, Consent.Source.STAFF)
    assert not created and again == first
    assert withdraw_consent(person, NEWSLETTER) == 1
    assert withdraw_consent(person, NEWSLETTER) == 0
    second, created = record_consent(person, NEWSLETTER, Consent.Source.STAFF)
    assert created and second != first
    assert person.consents.count() == 2
    assert person.has_consent(NEWSLETTER)


def test_staff_records_and_withdraws_from_the_person_page(staff_client):
    person = PersonFactory()
    url = reverse("network:consent_record", args=[person.pk])
    response = staff_client.post(
        url, {"purpose": "alertes", "source": "formulaire", "given_on": "2025-03-04"}
    )
    assert response.status_code == 302
    consent = person.consents.get()
    assert consent.source == Consent.Source.FORM and consent.given_at.date().isoformat() == "2025-03-04"
    staff_client.post(url, {"purpose": "alertes", "source": "equipe"})
    assert person.consents.count() == 1
    page = staff_client.get(person.get_absolute_url())
    assert "consentement actif" in text(page)

    staff_client.post(reverse("network:consent_withdraw", args=[person.pk, "alertes"]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    page = text(staff_client.get(person.get_absolute_url()))
    assert "Historique du registre" in page and "Alertes documentaires" in page


def test_bad_consent_form_is_reported(staff_client):
    person = PersonFactory()
    response = staff_client.post(
        reverse("network:consent_record", args=[person.pk]),
        {"purpose": "sms", "source": "equipe"},
        follow=True,
    )
    assert "Consentement non enregistré" in text(response)
    assert not person.consents.exists()
