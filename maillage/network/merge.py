"""Duplicate people: find them, and merge two records into one.

Duplicates are the same email (case-insensitive: emails are stored lower-case and unique) or the same
normalised name (`core.text.name_key`). Same name within the same organisation is a strong signal.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Min

from maillage.core.text import name_key
from maillage.network.models import Person, Position, Representative

MERGEABLE_FIELDS = ["first_name", "last_name", "email", "phone", "notes", "is_active"]


@dataclass
class DuplicatePair:
    first: Person
    second: Person
    same_organisation: bool


def person_key(person: Person) -> str:
    return name_key(f"{person.first_name} {person.last_name}")


def duplicate_pairs(queryset=None) -> list[DuplicatePair]:
    """Pairs of people with the same normalised name, strongest (same organisation) first."""
    queryset = (queryset if queryset is not None else Person.objects.all()).not_anonymised()
    groups = defaultdict(list)
    for person in queryset.prefetch_related("positions").order_by("pk"):
        groups[person_key(person)].append(person)
    pairs = []
    for people in groups.values():
        for i, first in enumerate(people):
            first_orgs = {p.organisation_id for p in first.positions.all()}
            for second in people[i + 1 :]:
                shared = bool(first_orgs & {p.organisation_id for p in second.positions.all()})
                pairs.append(DuplicatePair(first, second, shared))
    pairs.sort(key=lambda pair: (not pair.same_organisation, pair.first.last_name, pair.first.first_name))
    return pairs


def duplicates_of(person: Person) -> list[Person]:
    key = person_key(person)
    candidates = (
        Person.objects.not_anonymised().exclude(pk=person.pk).filter(last_name__iexact=person.last_name)
    )
    by_key = [p for p in candidates if person_key(p) == key]
    by_fold = Person.objects.not_anonymised().exclude(pk=person.pk).filter(search_name=person.search_name)
    return list({p.pk: p for p in [*by_key, *by_fold]}.values())


def merge_people(kept: Person, other: Person, choices: dict[str, str] | None = None) -> Person:
    """Merge `other` into `kept`, then delete `other`.

    `choices` maps a field of MERGEABLE_FIELDS to "kept", "other" or, for notes, "both". Positions,
    consents (with their history) and GIP representations move to the kept person; an identical
    position or a second seat in the same membership is not duplicated.
    """
    if kept.pk == other.pk:
        raise ValueError("Impossible de fusionner une personne avec elle-même.")
    if kept.is_anonymised or other.is_anonymised:
        raise ValueError("Une personne anonymisée ne peut pas être fusionnée.")
    choices = choices or {}
    with transaction.atomic():
        kept = Person.objects.select_for_update().get(pk=kept.pk)
        other = Person.objects.select_for_update().get(pk=other.pk)
        for field in MERGEABLE_FIELDS:
            choice = choices.get(field, "kept")
            kept_value, other_value = getattr(kept, field), getattr(other, field)
            if field == "notes" and choice == "both":
                value = "\n\n".join(v for v in [kept_value, other_value] if v)
            elif choice == "other":
                value = other_value
            elif field in ("email", "phone") and not kept_value:
                value = other_value  # never lose a contact detail for an empty one
            else:
                value = kept_value
            setattr(kept, field, value)
        kept.is_demo = kept.is_demo and other.is_demo
        dates = Person.objects.filter(pk__in=[kept.pk, other.pk]).aggregate(
            last=Max("last_activity_at"), first=Min("created_at")
        )
        kept.last_activity_at = dates["last"]
        if other.retention_flagged_at is None:
            kept.retention_flagged_at = None
        _move_positions(kept, other)
        other.consents.update(person=kept)
        _move_representatives(kept, other)
        other.email = ""  # free the unique email before the kept person takes it
        other.save(update_fields=["email"])
        other.delete()
        kept.save()
        Person.objects.filter(pk=kept.pk).update(created_at=dates["first"])
    kept.refresh_from_db()
    return kept


def _move_positions(kept: Person, other: Person) -> None:
    existing = {(p.organisation_id, p.function) for p in kept.positions.all()}
    for position in Position.objects.filter(person=other):
        key = (position.organisation_id, position.function)
        if key in existing:
            position.delete()
        else:
            position.person = kept
            position.save(update_fields=["person"])
            existing.add(key)


def _move_representatives(kept: Person, other: Person) -> None:
    seats = set(Representative.objects.filter(person=kept).values_list("membership_id", flat=True))
    for seat in Representative.objects.filter(person=other):
        if seat.membership_id in seats:
            seat.delete()
        else:
            seat.person = kept
            seat.save(update_fields=["person"])
