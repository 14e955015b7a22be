"""Every view of the directory: anonymous → login page, signed-in non-staff → 403, staff → allowed;
administrator-only views: staff → 403, administrator → allowed. The unsubscribe page is public."""

import pytest
from django.urls import reverse

from maillage.network.consent import unsubscribe_url
from maillage.network.models import Consent, ImportBatch
from tests.conftest import assert_staff_only
from tests.factories import PersonFactory, PositionFactory

STAFF_GET = [
    ("network:organisations", None),
    ("network:organisations_export", None),
    ("network:organisation_create", None),
    ("network:organisation", "organisation"),
    ("network:organisation_update", "organisation"),
    ("network:people", None),
    ("network:people_export", None),
    ("network:person_create", None),
    ("network:duplicates", None),
    ("network:person", "person"),
    ("network:person_update", "person"),
    ("network:person_data", "person"),
    ("network:position_create", "person"),
    ("network:position_update", "position"),
    ("network:governance", None),
    ("network:membership_create", None),
    ("network:membership_update", "membership"),
    ("network:representative_add", "membership"),
    ("network:imports", None),
    ("network:import_upload", None),
    ("network:import_mapping", "batch"),
    ("network:import_preview", "batch"),
]
# POST-only actions: staff gets the redirect that follows a successful action.
STAFF_POST = [
    ("network:person_keep", "person"),
    ("network:consent_record", "person"),
    ("network:consent_withdraw", "consent"),
    ("network:representative_remove", "seat"),
    ("network:import_apply", "batch"),
]


@pytest.fixture
def objects(person, membership):
    batch = ImportBatch.objects.create(
        filename="contacts.csv", data=b"nom,prenom\nMartin,Paul\n", header=["nom", "prenom"]
    )
    batch.mapping = {"nom": "last_name", "prenom": "first_name"}
    batch.save()
    return {
        "organisation": [person.positions.first().organisation_id],
        "person": [person.pk],
        "position": [person.positions.first().pk],
        "membership": [membership.pk],
        "seat": [membership.representative_set.first().pk],
        "consent": [person.pk, Consent.Purpose.DIRECTORY],
        "batch": [batch.pk],
    }


def _url(name, arg, objects):
    return reverse(name, args=objects[arg] if arg else [])


@pytest.mark.parametrize(("name", "arg"), STAFF_GET)
def test_staff_pages(clients, objects, name, arg):
    assert_staff_only(clients["anon"], clients["member"], clients["staff"], _url(name, arg, objects))


@pytest.mark.parametrize(("name", "arg"), STAFF_POST)
def test_staff_actions(clients, objects, name, arg):
    url = _url(name, arg, objects)
    response = clients["anon"].post(url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert clients["member"].post(url).status_code == 403
    assert clients["staff"].post(url).status_code == 302
    assert clients["staff"].get(url).status_code == 405


def test_merge_page(clients, objects):
    first, second = PersonFactory(), PersonFactory()
    url = reverse("network:merge", args=[first.pk, second.pk])
    assert_staff_only(clients["anon"], clients["member"], clients["staff"], url)


@pytest.mark.parametrize("method", ["get", "post"])
def test_erase_is_for_administrators(clients, method):
    position = PositionFactory()
    url = reverse("network:person_erase", args=[position.person.pk])
    response = getattr(clients["anon"], method)(url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert getattr(clients["member"], method)(url).status_code == 403
    assert getattr(clients["staff"], method)(url).status_code == 403
    expected = 200 if method == "get" else 302
    assert getattr(clients["admin"], method)(url).status_code == expected


def test_unsubscribe_is_public(clients, person):
    url = unsubscribe_url(person, Consent.Purpose.DIRECTORY, absolute=False)
    assert clients["anon"].get(url).status_code == 200
    assert clients["member"].get(url).status_code == 200


def test_anonymous_users_never_see_personal_data(clients, person):
    for url in [reverse("network:person", args=[person.pk]), reverse("network:people")]:
        response = clients["anon"].get(url)
        assert response.status_code == 302
        assert person.email not in response.content.decode()
        assert person.last_name not in response.content.decode()


def test_missing_object_is_not_revealed_to_anonymous_users(clients):
    response = clients["anon"].get(reverse("network:position_create", args=[999999]))
    assert response.status_code == 302
    assert clients["staff"].get(reverse("network:position_create", args=[999999])).status_code == 404
