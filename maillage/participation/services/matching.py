"""Who registers: the person (matched by email), their organisation and territory in the directory."""

import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.core.text import fold
from maillage.network.models import Organisation, Person
from maillage.territory.models import Commune


@dataclass
class Applicant:
    """What the public form (or a staff member) says about the person registering."""

    first_name: str
    last_name: str
    email: str
    phone: str = ""
    organisation_name: str = ""
    function: str = ""
    commune: Commune | None = None
    consents: list[str] = field(default_factory=list)

    @property
    def normalised_email(self) -> str:
        return self.email.strip().lower()


def find_or_create_person(applicant: Applicant, *, savepoint: bool = True) -> tuple[Person, bool]:
    """The directory's person with this email (case-insensitive), or a new one; and whether it is new.

    An existing person's name is not overwritten from a public form: anyone can type any email.
    `savepoint=False`: a concurrent creation of the same email raises `IntegrityError` and breaks the
    caller's transaction, which the caller retries whole (one round trip fewer per new person).
    """
    email = applicant.normalised_email
    person = Person.objects.filter(email__iexact=email).first()
    if person is None:
        try:
            with transaction.atomic(savepoint=savepoint):
                person = Person.objects.create(
                    first_name=applicant.first_name.strip(),
                    last_name=applicant.last_name.strip(),
                    email=email,
                    phone=applicant.phone.strip(),
                    last_activity_at=timezone.now(),
                )
                return person, True
        except IntegrityError:
            if not savepoint:
                raise
            # The same email registered at the same moment for another session: use that person.
            person = Person.objects.get(email__iexact=email)
    Person.objects.filter(pk=person.pk).update(last_activity_at=timezone.now())
    return person, False


def match_organisation(name: str) -> Organisation | None:
    """The one directory organisation whose folded name or acronym is exactly `name`, else None.

    Several candidates (homonyms) or none: the declared name is kept for staff to resolve.
    """
    folded = fold(name)
    if not folded:
        return None
    candidates = [
        organisation
        for organisation in Organisation.objects.filter(search_name__contains=folded)
        if folded in (fold(organisation.name), fold(organisation.acronym))
    ]
    return candidates[0] if len(candidates) == 1 else None


def organisation_candidates(name: str, limit: int = 10):
    """Directory organisations that look like a declared name, for staff to pick from."""
    words = [w for w in fold(name).split() if len(w) > 2] or fold(name).split()
    queryset = Organisation.objects.all()
    for word in words[:4]:
        queryset = queryset.filter(search_name__contains=word)
    return queryset.order_by("name")[:limit]


_WITH_DEPARTMENT = re.compile(r"^(?P<name>.+?)\s*\((?P<dep>\d[\dAB]?\d?)\)$")


class CommuneNotFound(ValueError):
    pass


def match_commune(text: str) -> Commune | None:
    """A current commune from what a person typed: INSEE code, postal code, name, or "Name (59)".

    Raises `CommuneNotFound` with a French message when nothing or several communes match.
    """
    text = (text or "").strip()
    if not text:
        return None
    current = Commune.objects.filter(kind=Commune.Kind.CURRENT).select_related("department")
    if re.fullmatch(r"\d[\dAB]\d{3}", text):
        found = list(current.filter(insee_code=text.upper()))
        if not found:
            found = list(current.filter(postal_codes__contains=text))
    else:
        department = ""
        match = _WITH_DEPARTMENT.match(text)
        if match:
            text, department = match["name"], match["dep"]
        found = list(current.filter(search_name=fold(text)))
        if department:
            found = [c for c in found if c.department and c.department.code == department]
    if len(found) == 1:
        return found[0]
    if not found:
        raise CommuneNotFound("Commune introuvable : indiquez son nom, son code postal ou son code INSEE.")
    raise CommuneNotFound(
        "Plusieurs communes portent ce nom ou ce code : précisez le département, par exemple « "
        f"{found[0].name} ({found[0].department.code if found[0].department else '…'}) »."
    )
