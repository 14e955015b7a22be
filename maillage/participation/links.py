"""Signed links carried by emails: cancelling a registration, seeing its confirmation page.

The registration's token is already an unguessable UUID; signing it as well means a link that was
altered (a character changed, a token guessed from another) is rejected before any database look-up.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CANCEL_SALT = "maillage.participation.cancel"


def _signer() -> signing.Signer:
    return signing.Signer(salt=CANCEL_SALT)


def registration_key(registration) -> str:
    """`<token>:<signature>`: the same link every time for one registration (no timestamp)."""
    return _signer().sign(registration.token.hex)


def read_registration_key(key: str) -> str:
    """The registration token named by a signed key; raises `signing.BadSignature` when tampered with."""
    value = _signer().unsign(key)
    if len(value) != 32 or any(c not in "0123456789abcdef" for c in value):
        raise signing.BadSignature("contenu inattendu")
    return value


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def cancel_path(registration) -> str:
    return reverse("participation:cancel", args=[registration_key(registration)])


def confirmation_path(registration) -> str:
    return reverse("participation:confirmation", args=[registration_key(registration)])


def cancel_url(registration) -> str:
    return absolute(cancel_path(registration))


def unsubscribe_url(person) -> str:
    """The unsubscribe link for event emails, when the directory offers one."""
    from maillage.network import consent

    build = getattr(consent, "unsubscribe_url", None)
    if build is None or not person.email:
        return ""
    return build(person, "evenements")
