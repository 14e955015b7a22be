"""Small text helpers shared by the apps (no Django imports)."""

import re

from unidecode import unidecode

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(value: str) -> str:
    """Lower-case, accent-free form used to search names ("Épinay" → "epinay")."""
    return _SPACES.sub(" ", unidecode(value or "").lower()).strip()


def name_key(value: str) -> str:
    """A stricter key for duplicate detection: folded, punctuation and spaces removed."""
    return _NON_WORD.sub("", fold(value))
