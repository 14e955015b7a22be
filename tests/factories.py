"""factory_boy factories for every app, with French-looking fake data."""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from maillage.network import models as network


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"agent{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@crpv.example")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password("mot-de-passe-de-test")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = network.Organisation

    name = factory.Sequence(lambda n: f"Association des quartiers n° {n}")
    kind = network.Organisation.Kind.ASSOCIATION

    class Params:
        commune_kind = factory.Trait(
            kind=network.Organisation.Kind.COMMUNE, name=factory.Sequence(lambda n: f"Ville {n}")
        )


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = network.Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = network.Position

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = network.Position.Function.AGENT


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = network.Consent

    person = factory.SubFactory(PersonFactory)
    purpose = network.Consent.Purpose.DIRECTORY
    source = network.Consent.Source.STAFF
