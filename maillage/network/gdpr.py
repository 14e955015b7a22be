"""GDPR services: export everything about one person, erase (anonymise) them, flag inactive people.

Anonymisation keeps the person row, their positions and memberships, so that aggregate counts
(people per organisation, per function, per territory) stay the same after an erasure.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from maillage.network.consent import withdraw_all
from maillage.network.models import Person, Representative

ANONYMOUS_FIRST_NAME = "Personne"


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def export_person(person: Person) -> dict:
    """Everything the directory holds about one person, as JSON-ready data (right of access)."""
    positions = person.positions.select_related("organisation").order_by("pk")
    representatives = Representative.objects.filter(person=person).select_related("membership__organisation")
    return {
        "format": "maillage.personne/1",
        "exporte_le": timezone.now().isoformat(),
        "personne": {
            "id": person.pk,
            "prenom": person.first_name,
            "nom": person.last_name,
            "courriel": person.email,
            "telephone": person.phone,
            "actif": person.is_active,
            "notes_internes": person.notes,
            "donnee_fictive": person.is_demo,
            "creee_le": _iso(person.created_at),
            "modifiee_le": _iso(person.updated_at),
            "derniere_activite": _iso(person.last_activity_at),
            "signalee_pour_conservation_le": _iso(person.retention_flagged_at),
            "anonymisee_le": _iso(person.anonymised_at),
        },
        "fonctions": [
            {
                "organisation": str(p.organisation),
                "organisation_id": p.organisation_id,
                "fonction": p.get_function_display(),
                "intitule": p.title,
                "en_poste": p.is_active,
                "depuis_le": _iso(p.started_on),
                "jusqu_au": _iso(p.ended_on),
            }
            for p in positions
        ],
        "consentements": [
            {
                "finalite": c.get_purpose_display(),
                "code_finalite": c.purpose,
                "origine": c.get_source_display(),
                "donne_le": _iso(c.given_at),
                "retire_le": _iso(c.withdrawn_at),
            }
            for c in person.consents.order_by("given_at", "pk")
        ],
        "representations_gip": [
            {
                "organisation": str(r.membership.organisation),
                "college": r.membership.get_college_display(),
                "role": r.get_role_display(),
                "adhesion_du": _iso(r.membership.started_on),
                "adhesion_au": _iso(r.membership.ended_on),
            }
            for r in representatives
        ],
    }


def anonymise_person(person: Person) -> Person:
    """Erase a person's identity for good. Positions, memberships and consent dates are kept."""
    if person.is_anonymised:
        return person
    now = timezone.now()
    with transaction.atomic():
        withdraw_all(person, when=now)
        person.first_name = ANONYMOUS_FIRST_NAME
        person.last_name = f"anonymisée n° {person.pk}"
        person.email = ""
        person.phone = ""
        person.notes = ""
        person.is_active = False
        person.anonymised_at = now
        person.retention_flagged_at = None
        person.save()
        person.positions.update(title="")
    return person


def retention_cutoff(years: int, now=None) -> datetime:
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def inactive_people(years: int, now=None):
    """People, not anonymised, whose last activity (else last change) is older than `years` years."""
    cutoff = retention_cutoff(years, now)
    return (
        Person.objects.not_anonymised()
        .annotate(activity=Coalesce(F("last_activity_at"), F("updated_at"), F("created_at")))
        .filter(activity__lt=cutoff)
    )


def flag_inactive_people(years: int, now=None) -> int:
    """Flag people inactive for `years` years; those already flagged are left as they are (idempotent)."""
    now = now or timezone.now()
    ids = list(
        inactive_people(years, now).filter(retention_flagged_at__isnull=True).values_list("pk", flat=True)
    )
    # A queryset update does not touch `updated_at`, so flagging is not itself an activity.
    return Person.objects.filter(pk__in=ids).update(retention_flagged_at=now)


def confirm_retention(person: Person) -> None:
    """Staff checked the person is still relevant: clear the flag and record an activity."""
    now = timezone.now()
    Person.objects.filter(pk=person.pk).update(retention_flagged_at=None, last_activity_at=now)
    person.retention_flagged_at = None
    person.last_activity_at = now


__all__ = [
    "anonymise_person",
    "confirm_retention",
    "export_person",
    "flag_inactive_people",
    "inactive_people",
    "retention_cutoff",
]
