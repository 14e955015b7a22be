"""Public pages: session and cycle pages, the registration POST, signed links, the cached session page.

The agenda and its feed: test_agenda_views.py."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from maillage.network.models import Consent
from maillage.participation import links
from maillage.participation.models import Registration
from maillage.participation.services import register
from maillage.programme.models import Session, Theme
from tests.participation.conftest import create_action, create_session, form_data, make_applicant

Status = Registration.Status
pytestmark = pytest.mark.django_db


def session_url(session):
    return reverse("participation:public_session", args=[session.pk])


def registration_form(client, url) -> dict:
    """GET the page and read the hidden submission key, as a browser would."""
    response = client.get(url)
    match = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', response.content.decode())
    return {"submission_key": match.group(1)}


# Permissions: every public view answers anonymous visitors -----------------------------------------


def test_public_views_anonymous_ok(client, cycle):
    action, sessions = cycle
    registration = register(sessions[0], make_applicant(1)).first
    key = links.registration_key(registration)
    for url in [
        reverse("participation:agenda"),
        reverse("participation:agenda_ics"),
        session_url(sessions[0]),
        reverse("participation:session_ics", args=[sessions[0].pk]),
        reverse("participation:public_cycle", args=[action.pk]),
        reverse("participation:confirmation", args=[key]),
        reverse("participation:cancel", args=[key]),
    ]:
        assert client.get(url).status_code == 200, url


def test_unpublished_session_is_hidden_from_public_but_not_staff(client, staff_client):
    session = create_session(is_published=False)
    assert client.get(session_url(session)).status_code == 404
    assert staff_client.get(session_url(session)).status_code == 200
    private_action = create_session(action=create_action(is_public=False))
    assert client.get(session_url(private_action)).status_code == 404


# Session page and registration -----------------------------------------------------------------------


def test_session_page_shows_facts_and_form(client):
    session = create_session(capacity=12, start_time=datetime.time(9), end_time=datetime.time(17))
    content = client.get(session_url(session)).content.decode()
    assert "2 demi-journées (matin et après-midi)" in content
    assert "12 places disponibles sur 12" in content
    assert "Maison des associations" in content
    assert 'name="site_web"' in content and 'name="submission_key"' in content
    assert "M'inscrire" in content


def test_remote_session_says_remote_and_hides_link(client):
    session = create_session(format=Session.Format.REMOTE, video_url="https://visio.example/secret")
    content = client.get(session_url(session)).content.decode()
    assert "À distance" in content
    assert "visio.example/secret" not in content


def test_full_and_closed_session_pages(client):
    full = create_session(capacity=1)
    register(full, make_applicant(1))
    assert "Complet — liste d'attente" in client.get(session_url(full)).content.decode()
    closed = create_session(registration_closes_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    content = client.get(session_url(closed)).content.decode()
    assert "Inscriptions closes" in content and 'name="email"' not in content


def test_register_through_the_form(client, session):
    url = session_url(session)
    data = form_data(1, consent_events="on", organisation_name="Ville de Roubaix", commune="59512")
    response = client.post(url, data | registration_form(client, url))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == links.confirmation_path(registration)
    assert registration.status == Status.CONFIRMED and registration.source == "formulaire"
    assert registration.commune.name == "Roubaix"
    assert Consent.objects.filter(
        person=registration.person, purpose="evenements", source="formulaire"
    ).exists()
    assert len(mail.outbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Inscription confirmée" in page
    assert "camille.martin1@exemple.fr" not in page  # no personal data on a page reached by a link


def test_invalid_form_shows_errors(client, session):
    response = client.post(session_url(session), form_data(1, email="pas-une-adresse", commune="Saint-Denis"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse de courriel valide" in content
    assert "précisez le département" in content
    assert not Registration.objects.exists()


def test_duplicate_email_refused_with_message(client, session):
    url = session_url(session)
    client.post(url, form_data(1) | registration_form(client, url))
    response = client.post(
        url, form_data(1, email="Camille.Martin1@exemple.fr") | registration_form(client, url)
    )
    assert response.status_code == 200
    assert (
        "Vous êtes déjà inscrit·e à cette séance avec cette adresse électronique" in response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_double_post_creates_one_registration(client, session):
    url = session_url(session)
    data = form_data(1) | registration_form(client, url)
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_honeypot_writes_nothing(client, session):
    response = client.post(session_url(session), form_data(1, site_web="http://spam.example"))
    assert response.status_code == 200
    assert "Votre demande a bien été reçue" in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_rate_limit_per_address(client, settings):
    settings.MAILLAGE_REGISTRATION_RATE = (3, 600)
    session = create_session(capacity=None)
    url = session_url(session)
    codes = [client.post(url, form_data(n), REMOTE_ADDR="203.0.113.7").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]
    response = client.post(url, form_data(9), REMOTE_ADDR="203.0.113.7")
    assert "Trop d&#x27;inscriptions ont été envoyées" in response.content.decode()
    assert client.post(url, form_data(10), REMOTE_ADDR="198.51.100.1").status_code == 302
    assert Registration.objects.count() == 4


def test_register_for_a_cycle_from_its_page(client, cycle):
    action, sessions = cycle
    url = reverse("participation:public_cycle", args=[action.pk])
    page = client.get(url).content.decode()
    assert "M'inscrire à tout le cycle" in page and "3 séances à venir" in page
    response = client.post(url, form_data(1) | registration_form(client, url))
    assert response.status_code == 302
    assert Registration.objects.filter(person__email="camille.martin1@exemple.fr").count() == 3
    confirmation = client.get(response["Location"]).content.decode()
    assert confirmation.count("fr-badge--success") == 3


def test_session_of_cycle_links_to_cycle(client, cycle):
    action, sessions = cycle
    content = client.get(session_url(sessions[1])).content.decode()
    assert reverse("participation:public_cycle", args=[action.pk]) in content
    assert "L'inscription vaut pour les 3 séances" in content


# Cancellation through the signed link ---------------------------------------------------------------------


def test_cancel_link_cancels_and_promotes(client):
    session = create_session(capacity=1)
    first = register(session, make_applicant(1)).first
    waiting = register(session, make_applicant(2)).first
    url = reverse("participation:cancel", args=[links.registration_key(first)])
    assert "Confirmer l'annulation" in client.get(url).content.decode()
    response = client.post(url)
    assert "Annulation enregistrée" in response.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.CONFIRMED
    assert "Inscription déjà annulée" in client.get(url).content.decode()


def test_cancel_whole_cycle_by_link(client, cycle):
    _action, sessions = cycle
    registration = register(sessions[0], make_applicant(1)).first
    url = reverse("participation:cancel", args=[links.registration_key(registration)])
    assert "Annuler tout le cycle (3 séances)" in client.get(url).content.decode()
    client.post(url, {"scope": "cycle"})
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.CANCELLED}


@pytest.mark.parametrize("view", ["cancel", "confirmation"])
def test_tampered_link_is_refused_in_french(client, session, view):
    registration = register(session, make_applicant(1)).first
    key = links.registration_key(registration)
    tampered = key[:-3] + ("aaa" if not key.endswith("aaa") else "bbb")
    for bad in [tampered, "nimportequoi", links.registration_key(registration).replace(":", "x", 1)]:
        response = client.get(reverse(f"participation:{view}", args=[bad]))
        assert response.status_code == 400
        assert "Ce lien d'inscription n'est pas valide" in response.content.decode()
    client.post(reverse("participation:cancel", args=[tampered]))
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_session_page_and_registration_stay_within_their_query_budget(
    client, session, django_assert_max_num_queries
):
    """The busiest public page and the registration POST (see the `registrations` benchmark)."""
    url = session_url(session)
    client.get(url)  # site settings read once per process
    with django_assert_max_num_queries(2):  # the session with its seats, the themes
        key = registration_form(client, url)
    # Session, lock, form key, person (savepoint, insert), organisation, seats, registration,
    # consents, email task (+ BEGIN/COMMIT on some backends).
    with django_assert_max_num_queries(14):
        response = client.post(url, form_data(1, consent_events="on", consent_newsletter="on") | key)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert {c.purpose for c in Consent.objects.filter(person=registration.person)} == {
        "evenements",
        "lettre",
    }


def test_register_promotes_people_waiting_when_capacity_was_raised(client):
    session = create_session(capacity=1)
    first, waiting = register(session, make_applicant(1)), register(session, make_applicant(2))
    assert waiting.first.status == Status.WAITING
    Session.objects.filter(pk=session.pk).update(capacity=2)  # raised without promoting anyone
    url = session_url(session)
    assert client.post(url, form_data(3) | registration_form(client, url)).status_code == 302
    statuses = dict(Registration.objects.values_list("person__email", "status"))
    assert statuses == {
        first.first.person.email: Status.CONFIRMED,
        waiting.first.person.email: Status.CONFIRMED,  # the freed seat goes to the first waiting
        "camille.martin3@exemple.fr": Status.WAITING,
    }


# The session page served from its cached rendering (maillage.participation.pages) -------------------


def test_cached_session_page_gives_each_visitor_a_working_token_and_key(session):
    from django.test import Client

    url = session_url(session)
    visitors = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    pages = [visitor.get(url).content.decode() for visitor in visitors]
    keys = [re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1) for page in pages]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1) for page in pages]
    assert keys[0] != keys[1] and tokens[0] != tokens[1]
    assert all("maillagehole" not in page for page in pages)
    for n, (visitor, key, token) in enumerate(zip(visitors, keys, tokens, strict=True)):
        data = form_data(n) | {"submission_key": key, "csrfmiddlewaretoken": token}
        assert visitor.post(url, data).status_code == 302
    assert Registration.objects.count() == 2


def test_cached_session_page_shows_live_seats_and_state(client, django_assert_max_num_queries):
    session = create_session(capacity=2)
    url = session_url(session)
    assert "2 places disponibles sur 2" in client.get(url).content.decode()
    register(session, make_applicant(1))
    with django_assert_max_num_queries(1):  # the session and its seats; the rest comes from the cache
        content = client.get(url).content.decode()
    assert "1 place disponible sur 2" in content and "M'inscrire</button>" in content
    register(session, make_applicant(2))
    content = client.get(url).content.decode()
    assert "Complet — liste d'attente" in content and "M'inscrire sur la liste d'attente" in content


def test_cached_session_page_shows_staff_edits_at_once(client, session):
    url = session_url(session)
    assert "Une journée pour échanger" in client.get(url).content.decode()
    session.action.description = "Programme revu : atelier sur la gestion urbaine de proximité."
    session.action.save()
    theme = Theme.objects.create(name="Renouvellement urbain")
    session.action.themes.add(theme)
    content = client.get(url).content.decode()
    assert "Programme revu" in content and "Renouvellement urbain" in content
    Session.objects.get(pk=session.pk).delete()
    assert client.get(url).status_code == 404


def test_cached_session_page_is_still_checked_on_every_request(client, staff_client, session):
    url = session_url(session)
    client.get(url)
    Session.objects.filter(pk=session.pk).update(is_published=False)  # no signal: the cache is not told
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200  # staff preview, rendered afresh
