"""Merging two records of the same person."""

import pytest
from django.urls import reverse

from maillage.network.merge import duplicate_pairs, merge_people
from maillage.network.models import Consent, Person, Position, Representative
from tests.factories import (
    ConsentFactory,
    GovernanceMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    org, other_org = OrganisationFactory(), OrganisationFactory()
    first = PersonFactory(
        first_name="Claire", last_name="Durand", email="claire@exemple.fr", phone="", notes="A"
    )
    second = PersonFactory(
        first_name="CLAIRE", last_name="Durand", email="c.durand@exemple.fr", phone="0612", notes="B"
    )
    PositionFactory(person=first, organisation=org)
    PositionFactory(person=second, organisation=org)  # same position: not duplicated
    PositionFactory(person=second, organisation=other_org, function=Position.Function.ELECTED)
    ConsentFactory(person=first, purpose=Consent.Purpose.DIRECTORY)
    ConsentFactory(person=second, purpose=Consent.Purpose.NEWSLETTER, withdrawn_at="2025-01-01T00:00:00Z")
    membership = GovernanceMembershipFactory(organisation=org)
    RepresentativeFactory(membership=membership, person=first)
    RepresentativeFactory(membership=membership, person=second)  # same seat: kept once
    RepresentativeFactory(person=second)
    return first, second


def test_duplicate_pairs(pair):
    first, second = pair
    PersonFactory(first_name="Claire", last_name="Dupont")
    pairs = duplicate_pairs()
    assert len(pairs) == 1
    assert {pairs[0].first, pairs[0].second} == {first, second} and pairs[0].same_organisation


def test_merge_moves_everything(pair):
    first, second = pair
    kept = merge_people(first, second, {"email": "other", "phone": "other", "notes": "both"})
    assert not Person.objects.filter(pk=second.pk).exists()
    assert kept.email == "c.durand@exemple.fr" and kept.phone == "0612" and kept.notes == "A\n\nB"
    assert kept.first_name == "Claire"
    assert kept.positions.count() == 2
    assert kept.consents.count() == 2  # the withdrawn one too: history is kept
    assert kept.has_consent(Consent.Purpose.DIRECTORY) and not kept.has_consent(Consent.Purpose.NEWSLETTER)
    assert Representative.objects.filter(person=kept).count() == 2


def test_merge_keeps_contact_details_when_kept_one_is_empty(pair):
    first, second = pair
    kept = merge_people(first, second)
    assert kept.email == "claire@exemple.fr" and kept.phone == "0612"


def test_merge_refuses_same_person(pair):
    with pytest.raises(ValueError):
        merge_people(pair[0], pair[0])


def test_merge_screen(staff_client, pair):
    first, second = pair
    url = reverse("network:merge", args=[first.pk, second.pk])
    page = staff_client.get(url).content.decode()
    assert "c.durand@exemple.fr" in page and "claire@exemple.fr" in page
    response = staff_client.post(
        url,
        {
            "kept": "second",
            "first_name": "first",
            "last_name": "first",
            "email": "first",
            "phone": "second",
            "is_active": "first",
            "notes": "second",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("network:person", args=[second.pk])
    assert not Person.objects.filter(pk=first.pk).exists()
    kept = Person.objects.get(pk=second.pk)
    assert kept.first_name == "Claire" and kept.email == "claire@exemple.fr" and kept.notes == "B"


def test_duplicates_page_and_person_page_link_to_merge(staff_client, pair):
    first, second = pair
    merge_url = reverse("network:merge", args=[first.pk, second.pk])
    assert merge_url in staff_client.get(reverse("network:duplicates")).content.decode()
    assert merge_url in staff_client.get(first.get_absolute_url()).content.decode()


def test_many_duplicates_are_paginated(staff_client, db):
    for _ in range(12):  # 12 records with one name: 66 pairs
        PersonFactory(first_name="Paul", last_name="Quéméner")
    response = staff_client.get(reverse("network:duplicates"))
    page = response.content.decode()
    assert "66 paires de fiches, page 1 sur 2" in page and page.count("Comparer et fusionner") == 50
    second = staff_client.get(reverse("network:duplicates") + "?page=2").content.decode()
    assert second.count("Comparer et fusionner") == 16
    assert "?page=2" in page  # the DSFR pagination links to the next page
