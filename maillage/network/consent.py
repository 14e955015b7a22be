"""The consent register: record, withdraw, and the signed unsubscribe link carried by every email.

Rows are never deleted: a withdrawal dates the active row, a new grant adds a row.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from maillage.network.models import Consent, Person

UNSUBSCRIBE_SALT = "maillage.network.unsubscribe"


def record_consent(person: Person, purpose: str, source: str, given_at=None) -> tuple[Consent, bool]:
    """Grant a consent; returns (consent, created). An already active consent is kept as it is."""
    if person.is_anonymised:
        raise ValueError("Une personne anonymisée ne peut pas donner de consentement.")
    with transaction.atomic():
        active = (
            person.consents.select_for_update().filter(purpose=purpose, withdrawn_at__isnull=True).first()
        )
        if active is not None:
            return active, False
        consent = Consent.objects.create(
            person=person, purpose=purpose, source=source, given_at=given_at or timezone.now()
        )
        return consent, True


def record_first_consents(person: Person, purposes, source: str) -> list[Consent]:
    """Consents of a person created in the same transaction (who has none yet): one INSERT for all."""
    now = timezone.now()
    return Consent.objects.bulk_create(
        Consent(person=person, purpose=purpose, source=source, given_at=now)
        for purpose in dict.fromkeys(purposes)
    )


def withdraw_consent(person: Person, purpose: str, when=None) -> int:
    """Withdraw every active consent of `person` for `purpose`; returns how many rows were withdrawn."""
    return person.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=when or timezone.now()
    )


def withdraw_all(person: Person, when=None) -> int:
    return person.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=when or timezone.now())


def unsubscribe_token(person: Person, purpose: str) -> str:
    """A signed, salted token naming one person and one purpose. It does not expire: emails live long."""
    if purpose not in Consent.Purpose.values:
        raise ValueError(f"Finalité inconnue : {purpose}")
    return signing.dumps({"p": person.pk, "u": purpose}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(person id, purpose) from a token; raises `signing.BadSignature` when it was tampered with."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("p"), int)
        or payload.get("u") not in Consent.Purpose.values
    ):
        raise signing.BadSignature("contenu inattendu")
    return payload["p"], payload["u"]


def unsubscribe_url(person: Person, purpose: str, absolute: bool = True) -> str:
    """The link to put in every email sent for `purpose` (absolute, on `SITE_URL`, unless told otherwise)."""
    path = reverse("network:unsubscribe", args=[unsubscribe_token(person, purpose)])
    return settings.SITE_URL.rstrip("/") + path if absolute else path


def unsubscribe(token: str) -> tuple[Person | None, str, bool]:
    """Withdraw the consent named by a token: (person, purpose, withdrawn now?).

    Raises `signing.BadSignature` on a tampered token. A person deleted or anonymised since the email
    was sent is reported as already unsubscribed.
    """
    person_id, purpose = read_unsubscribe_token(token)
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return None, purpose, False
    return person, purpose, withdraw_consent(person, purpose) > 0
