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


# --- participation, attendance (issue 4); the programme factories are below ----------------------


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = "participation.Registration"

    session = factory.SubFactory("tests.factories.SessionFactory")
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = "confirmee"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = "attendance.Attendance"

    registration = factory.SubFactory(RegistrationFactory)
    slot = "matin"
    present = True


# --- programme
import datetime  # noqa: E402

from maillage.programme import models as programme_models  # noqa: E402


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = programme_models.Centre
        django_get_or_create = ["slug"]

    name = "Centre de ressources politique de la ville"
    short_name = "CRPV"
    slug = "crpv"


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = programme_models.Programme

    centre = factory.SubFactory(CentreFactory)
    year = factory.Sequence(lambda n: 2030 + n)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = programme_models.Action

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Cycle de qualification n° {n}")
    anct_type = programme_models.Action.AnctType.CYCLE
    planned_half_days = 4


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = programme_models.Session

    action = factory.SubFactory(ActionFactory)
    date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))
    start_time = datetime.time(9, 30)
    end_time = datetime.time(12, 30)
    place_name = "Maison des associations"
    capacity = 20
