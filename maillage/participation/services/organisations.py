"""Staff resolve the organisations people typed in the form to organisations of the directory."""

from django.db import transaction

from maillage.network.models import Organisation, Position
from maillage.participation.models import Registration


@transaction.atomic
def resolve_organisation(
    registration: Registration, organisation: Organisation | None = None, *, create_kind: str = ""
) -> Organisation:
    """Link the registration (and the person's other registrations with the same declared name) to
    `organisation`, or to a new directory organisation named as declared; the person gets an active
    position there when they have none."""
    declared = registration.organisation_name.strip()
    if organisation is None:
        if not declared:
            raise ValueError("Aucune organisation déclarée à créer.")
        organisation = Organisation.objects.create(name=declared, kind=create_kind or Organisation.Kind.OTHER)
    same = Registration.objects.filter(person=registration.person, organisation__isnull=True)
    same.filter(organisation_name__iexact=declared).update(organisation=organisation)
    Registration.objects.filter(pk=registration.pk).update(organisation=organisation)
    person = registration.person
    if not person.positions.filter(organisation=organisation, is_active=True).exists():
        Position.objects.create(
            person=person,
            organisation=organisation,
            function=registration.function or Position.Function.OTHER,
        )
    return organisation
