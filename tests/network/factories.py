"""Factories of the directory that the shared `tests/factories.py` does not have yet."""

import factory
from factory.django import DjangoModelFactory

from maillage.network import models as network
from tests.factories import OrganisationFactory, PersonFactory


class GovernanceMembershipFactory(DjangoModelFactory):
    class Meta:
        model = network.GovernanceMembership

    organisation = factory.SubFactory(OrganisationFactory)
    college = network.GovernanceMembership.College.OTHER_PARTNERS
    started_on = factory.Faker("date_between", start_date="-6y", end_date="-1y")


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = network.Representative

    membership = factory.SubFactory(GovernanceMembershipFactory)
    person = factory.SubFactory(PersonFactory)
    role = network.Representative.Role.TITULAR
