"""Idempotent bulk upsert: the semantics of `update_or_create` for every row, in a few queries.

Rows are compared with what the table holds; only new rows are inserted and only changed rows are
updated, so a second run of the same file changes nothing and reports every row as unchanged.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.db import models

BATCH = 2000


@dataclass
class Counts:
    created: set = field(default_factory=set)
    updated: set = field(default_factory=set)
    seen: set = field(default_factory=set)

    @property
    def unchanged(self) -> int:
        return len(self.seen - self.created - self.updated)

    def merge(self, other: "Counts") -> None:
        self.created |= other.created
        self.updated |= other.updated - self.created
        self.seen |= other.seen

    def as_dict(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated), "unchanged": self.unchanged}


def upsert(
    model: type[models.Model],
    rows: dict[Hashable, dict],
    key: Callable[[models.Model], Hashable],
    queryset: models.QuerySet | None = None,
    progress: Callable[[Iterable], Iterable] = iter,
) -> tuple[Counts, dict[Hashable, int]]:
    """Create or update `rows` (key → field values by attname). Returns the counts and key → pk."""
    existing = {key(obj): obj for obj in (queryset if queryset is not None else model.objects.all())}
    counts = Counts(seen=set(rows))
    to_create, to_update, changed_fields = [], [], set()
    for row_key, values in progress(rows.items()):
        obj = existing.get(row_key)
        if obj is None:
            to_create.append(model(**values))
            counts.created.add(row_key)
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            changed_fields.update(changed)
            to_update.append(obj)
            counts.updated.add(row_key)
    created = model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH)
    pks = {k: obj.pk for k, obj in existing.items()}
    pks.update({key(obj): obj.pk for obj in created})
    return counts, pks


def sync_m2m(
    through: type[models.Model],
    owner_field: str,
    target_field: str,
    wanted: dict[int, set[int]],
    owner_keys: dict[int, Hashable],
    counts: Counts,
) -> None:
    """Make the links of each owner in `wanted` exactly the given set; other owners are left alone."""
    owner_attname, target_attname = f"{owner_field}_id", f"{target_field}_id"
    current: dict[int, set[int]] = {}
    for owner_id, target_id in through.objects.filter(**{f"{owner_attname}__in": list(wanted)}).values_list(
        owner_attname, target_attname
    ):
        current.setdefault(owner_id, set()).add(target_id)
    to_add, to_remove = [], []
    for owner_id, targets in wanted.items():
        have = current.get(owner_id, set())
        if have != targets:
            if owner_keys[owner_id] not in counts.created:
                counts.updated.add(owner_keys[owner_id])
            to_add += [through(**{owner_attname: owner_id, target_attname: t}) for t in targets - have]
            to_remove += [(owner_id, t) for t in have - targets]
    through.objects.bulk_create(to_add, batch_size=BATCH)
    for owner_id in {o for o, _ in to_remove}:
        targets = [t for o, t in to_remove if o == owner_id]
        through.objects.filter(**{owner_attname: owner_id, f"{target_attname}__in": targets}).delete()
