import pytest

from tests.factories import (
    ConsentFactory,
    GovernanceMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RepresentativeFactory,
)


@pytest.fixture
def person(db):
    person = PersonFactory(
        first_name="Amina", last_name="Benali", email="amina.benali@exemple.fr", phone="0320000000"
    )
    PositionFactory(person=person)
    ConsentFactory(person=person)
    return person


@pytest.fixture
def membership(db):
    membership = GovernanceMembershipFactory()
    position = PositionFactory(organisation=membership.organisation)
    RepresentativeFactory(membership=membership, person=position.person)
    return membership


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


# One independent client per role, in one fixture, for the directory's table-driven permission tests.
@pytest.fixture
def clients(db):
    from django.test import Client

    from tests.factories import UserFactory

    anon, member, staff, admin = Client(), Client(), Client(), Client()
    member.force_login(UserFactory())
    staff.force_login(UserFactory(is_staff=True))
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    return {"anon": anon, "member": member, "staff": staff, "admin": admin}
