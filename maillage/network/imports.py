"""Import people and organisations from a spreadsheet (CSV or XLSX).

Steps: upload (`ImportBatch`) → column mapping (`import_mapping.guess_mapping`) → dry run (`build_plan`, writes
nothing) → apply (`apply_batch`, one transaction, all or nothing, at most once per batch).

One row is one person, optionally with their organisation and function; a row with an organisation
and no person creates or completes the organisation alone. Duplicates: same email (case-insensitive),
or same normalised name (`core.text.name_key`) within the same organisation, in the file or in the
database; they are reported and never created twice.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from maillage.core.tabular import Table, read_table
from maillage.core.text import fold, name_key
from maillage.network.import_mapping import mapping_errors
from maillage.network.models import Consent, ImportBatch, Organisation, Person, Position
from maillage.territory.models import Commune

YES = {"oui", "o", "x", "1", "yes", "vrai", "true"}


def _choice(value: str, choices) -> str | None:
    """A TextChoices value from its code or label, ignoring case and accents."""
    key = fold(value)
    for code, label in choices:
        if key in (fold(code), fold(label)):
            return code
    return None


FUNCTION_ALIASES = {
    "chef de projet": Position.Function.PROJECT_LEAD,
    "cheffe de projet": Position.Function.PROJECT_LEAD,
    "chef de projet politique de la ville": Position.Function.PROJECT_LEAD,
    "delegue du prefet": Position.Function.PREFECT_DELEGATE,
    "deleguee du prefet": Position.Function.PREFECT_DELEGATE,
    "elue": Position.Function.ELECTED,
    "professionnelle": Position.Function.PROFESSIONAL,
    "benevole": Position.Function.VOLUNTEER,
    "habitante": Position.Function.RESIDENT,
}


@dataclass
class RowPlan:
    line: int
    action: str = "create"  # create, update, duplicate, organisation, error
    person: str = ""
    organisation: str = ""
    person_ref: tuple | None = None  # ("existing", pk) or ("new", line)
    organisation_ref: tuple | None = None  # ("existing", pk) or ("new", key)
    fields: dict = field(default_factory=dict)
    position: dict | None = None
    consents: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    ACTION_LABELS = {
        "create": "création",
        "update": "mise à jour",
        "duplicate": "doublon",
        "organisation": "organisation seule",
        "error": "erreur",
    }

    @property
    def action_label(self) -> str:
        return self.ACTION_LABELS[self.action]


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    new_organisations: dict = field(default_factory=dict)  # key → {"name", "kind", "commune", "line"}
    errors: list[str] = field(default_factory=list)  # file-level errors

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(r.errors for r in self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def summary(self) -> dict:
        return {
            "lignes": len(self.rows),
            "personnes_creees": self.count("create"),
            "personnes_mises_a_jour": self.count("update"),
            "doublons": self.count("duplicate"),
            "organisations_creees": len(self.new_organisations),
            "erreurs": sum(len(r.errors) for r in self.rows) + len(self.errors),
        }


class _Context:
    """Database look-ups done once per plan."""

    def __init__(self, table: Table, mapping: dict[str, str]):
        column = {t: c for c, t in mapping.items() if t}
        values = {t: [row.get(c, "") for _, row in table.rows] for t, c in column.items()}
        self.organisations = {}
        for org in Organisation.objects.all():
            self.organisations.setdefault(name_key(org.name), org)
            if org.acronym:
                self.organisations.setdefault(name_key(org.acronym), org)
        codes = {v.strip() for v in values.get("commune", []) if v.strip()}
        self.communes = {}
        for commune in Commune.objects.filter(insee_code__in=codes).order_by("kind"):
            if commune.insee_code not in self.communes or commune.kind == Commune.Kind.CURRENT:
                self.communes[commune.insee_code] = commune
        names = {fold(c) for c in codes} - set(self.communes)
        self.communes_by_name = {}
        for commune in Commune.objects.filter(search_name__in=names, kind=Commune.Kind.CURRENT):
            self.communes_by_name.setdefault(commune.search_name, []).append(commune)
        emails = {v.strip().lower() for v in values.get("email", []) if v.strip()}
        self.people_by_email = {p.email: p for p in Person.objects.not_anonymised().filter(email__in=emails)}
        self.people_by_name = {}
        positions = Position.objects.filter(person__anonymised_at__isnull=True).select_related("person")
        for position in positions.filter(organisation__in={o.pk for o in self.organisations.values()}):
            person = position.person
            key = (name_key(f"{person.first_name} {person.last_name}"), position.organisation_id)
            self.people_by_name.setdefault(key, person)

    def commune(self, value: str):
        if value in self.communes:
            return self.communes[value]
        matches = self.communes_by_name.get(fold(value), [])
        return matches[0] if len(matches) == 1 else None


def build_plan(table: Table, mapping: dict[str, str]) -> Plan:
    """The dry run: what an import would do, line by line. Writes nothing."""
    plan = Plan(errors=mapping_errors(mapping))
    if plan.errors:
        return plan
    ctx = _Context(table, mapping)
    label = {c: c for c in mapping}
    seen_email, seen_name = {}, {}
    for line, row in table.rows:
        values = {t: row.get(c, "").strip() for c, t in mapping.items() if t}
        column = {t: label[c] for c, t in mapping.items() if t}
        plan.rows.append(_plan_row(plan, ctx, line, values, column, seen_email, seen_name))
    return plan


def _plan_row(plan, ctx, line, values, column, seen_email, seen_name) -> RowPlan:
    rp = RowPlan(line=line)

    def error(target, message):
        rp.errors.append(f"Ligne {line}, colonne « {column[target]} » : {message}")

    email = values.get("email", "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("email", f"adresse « {values['email']} » invalide.")
    function = Position.Function.AGENT
    if values.get("function"):
        function = _choice(values["function"], Position.Function.choices) or FUNCTION_ALIASES.get(
            fold(values["function"])
        )
        if function is None:
            error("function", f"fonction « {values['function']} » inconnue.")
    kind = None
    if values.get("organisation_kind"):
        kind = _choice(values["organisation_kind"], Organisation.Kind.choices)
        if kind is None:
            error("organisation_kind", f"type d'organisation « {values['organisation_kind']} » inconnu.")
    commune = None
    if values.get("commune"):
        commune = ctx.commune(values["commune"])
        if commune is None:
            error("commune", f"commune « {values['commune']} » inconnue (code INSEE attendu).")
    for purpose_text in filter(None, (p.strip() for p in re.split(r"[,;/|]", values.get("consents", "")))):
        if fold(purpose_text) in YES:
            rp.consents.append(Consent.Purpose.DIRECTORY)
        elif fold(purpose_text) in ("non", "n", "0", "no"):
            continue
        elif purpose := _choice(purpose_text, Consent.Purpose.choices):
            rp.consents.append(purpose)
        else:
            error("consents", f"finalité « {purpose_text} » inconnue.")
    for target, limit in (("first_name", 100), ("last_name", 100), ("phone", 30), ("title", 200)):
        if len(values.get(target, "")) > limit:
            error(target, f"valeur trop longue ({len(values[target])} caractères, {limit} au plus).")

    org_name = values.get("organisation", "")
    if org_name:
        rp.organisation = org_name
        key = name_key(org_name)
        existing = ctx.organisations.get(key)
        if existing is not None:
            rp.organisation_ref = ("existing", existing.pk)
            rp.organisation = str(existing)
        else:
            rp.organisation_ref = ("new", key)
            if key not in plan.new_organisations:
                plan.new_organisations[key] = {
                    "name": org_name[:255],
                    "kind": kind or Organisation.Kind.OTHER,
                    "commune": commune.pk if commune else None,
                    "line": line,
                }
                rp.messages.append("nouvelle organisation")

    has_person = any(values.get(t) for t in ("last_name", "first_name", "email", "phone"))
    if not has_person:
        if not org_name:
            error("last_name" if "last_name" in column else "organisation", "ligne sans nom ni organisation.")
        rp.action = "error" if rp.errors else "organisation"
        return rp
    if not values.get("last_name"):
        error("last_name", "le nom de la personne est vide.")
    rp.person = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip() or email
    rp.fields = {t: values[t] for t in ("first_name", "last_name", "phone", "notes") if values.get(t)}
    if email:
        rp.fields["email"] = email
    if rp.organisation_ref:
        rp.position = {"function": function, "title": values.get("title", "")}

    key = name_key(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    org_key = rp.organisation_ref[1] if rp.organisation_ref else None
    name_slot = (key, rp.organisation_ref)
    if email and email in seen_email:
        rp.action, rp.person_ref = "duplicate", seen_email[email][1]
        rp.messages.append(f"même courriel que la ligne {seen_email[email][0]}")
    elif name_slot in seen_name:
        rp.action, rp.person_ref = "duplicate", seen_name[name_slot][1]
        rp.messages.append(f"même nom et même organisation que la ligne {seen_name[name_slot][0]}")
    elif email and email in ctx.people_by_email:
        person = ctx.people_by_email[email]
        rp.action, rp.person_ref = "update", ("existing", person.pk)
        rp.messages.append(f"courriel déjà connu : {person.full_name}")
        rp.messages += _changes(person, rp.fields, rp.consents)
    elif org_key and rp.organisation_ref[0] == "existing" and (key, org_key) in ctx.people_by_name:
        person = ctx.people_by_name[(key, org_key)]
        rp.action, rp.person_ref = "update", ("existing", person.pk)
        rp.messages.append(f"même nom dans la même organisation : {person.full_name}")
        rp.messages += _changes(person, rp.fields, rp.consents)
    else:
        rp.action, rp.person_ref = "create", ("new", line)
    if email:
        seen_email.setdefault(email, (line, rp.person_ref))
    seen_name.setdefault(name_slot, (line, rp.person_ref))
    if rp.errors:
        rp.action = "error"
    return rp


def _changes(person: Person, fields: dict, purposes: list) -> list[str]:
    changes = []
    consents = person.consents.filter(purpose__in=purposes)
    withdrawn = set(consents.values_list("purpose", flat=True)) - set(
        consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True)
    )
    for purpose in sorted(withdrawn):
        label = Consent.Purpose(purpose).label
        changes.append(f"consentement « {label} » retiré par la personne : il ne sera pas réactivé")
    for name, value in fields.items():
        old = getattr(person, name)
        if value and value != old and name != "email":
            verbose = Person._meta.get_field(name).verbose_name
            changes.append(
                f"{verbose} : « {old} » → « {value} »" if old else f"{verbose} ajouté : « {value} »"
            )
    return changes


class ImportRefused(Exception):
    pass


def load_table(batch: ImportBatch) -> Table:
    return read_table(bytes(batch.data), filename=batch.filename)


def apply_batch(batch: ImportBatch) -> Plan:
    """Apply a batch in one transaction. Refused when the plan has errors or the batch was applied."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.is_applied:
            raise ImportRefused("Ce fichier a déjà été importé : rien n'a été fait une seconde fois.")
        plan = build_plan(load_table(batch), batch.mapping)
        if plan.has_errors:
            raise ImportRefused("Le fichier comporte des erreurs : rien n'a été importé.")
        _execute(plan)
        batch.summary = plan.summary()
        batch.applied_at = timezone.now()
        batch.data = b""  # personal data is not kept once imported
        batch.save()
    return plan


def _execute(plan: Plan) -> None:
    organisations = {}
    for key, data in plan.new_organisations.items():
        organisations[("new", key)] = Organisation.objects.create(
            name=data["name"], kind=data["kind"], commune_id=data["commune"]
        )
    people = {}
    for rp in plan.rows:
        org = None
        if rp.organisation_ref:
            org = organisations.get(rp.organisation_ref)
            if org is None:
                org = organisations[rp.organisation_ref] = Organisation.objects.get(pk=rp.organisation_ref[1])
        if rp.person_ref is None:
            continue
        person = people.get(rp.person_ref)
        if person is None and rp.person_ref[0] == "existing":
            person = Person.objects.get(pk=rp.person_ref[1])
        if person is None:
            person = Person(**rp.fields)
        else:
            for name, value in rp.fields.items():
                if rp.action == "duplicate" and getattr(person, name):
                    continue  # a later line of the file only completes the first one
                if name == "notes" and person.notes and value not in person.notes:
                    value = f"{person.notes}\n{value}"
                setattr(person, name, value)
        person.save()
        people[rp.person_ref] = person
        if org is not None and rp.position:
            position, _ = Position.objects.get_or_create(
                person=person, organisation=org, function=rp.position["function"]
            )
            if rp.position["title"] or not position.is_active:
                position.title = rp.position["title"] or position.title
                position.is_active, position.ended_on = True, None
                position.save()
        for purpose in rp.consents:
            if person.consents.filter(purpose=purpose).exists():
                continue  # an active consent stays; a withdrawn one is never re-granted by an import
            Consent.objects.create(person=person, purpose=purpose, source=Consent.Source.IMPORT)
