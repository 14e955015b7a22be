"""Metadata suggested from a document (title, date, author), for the documentalist to confirm. No Django."""

from __future__ import annotations

import re

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
}
_LONG_DATE = re.compile(r"\b(?:(\d{1,2})(?:er)?\s+)?(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")
_PDF_DATE = re.compile(r"^D?:?((?:19|20)\d\d)(\d\d)?(\d\d)?")
_ISO_DATE = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)")
_BAD_TITLES = re.compile(
    r"^(untitled|sans titre|document\d*|microsoft word|diapositive|présentation powerpoint)", re.I
)


def _date(year, month=1, day=1) -> str | None:
    try:
        year, month, day = int(year), int(month or 1), int(day or 1)
    except (TypeError, ValueError):
        return None
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def date_from_metadata(value: str) -> str | None:
    value = value.strip()
    for pattern in (_ISO_DATE, _PDF_DATE):
        match = pattern.match(value)
        if match:
            return _date(*match.groups())
    return None


def date_from_text(text: str) -> str | None:
    match = _LONG_DATE.search(text)
    if match:
        day, month, year = match.groups()
        return _date(year, MONTHS[month.lower()], day or 1)
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = match.groups()
        return _date(year, month, day)
    return None


def title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = " ".join(line.split())
        letters = sum(ch.isalpha() for ch in line)
        if len(line) >= 8 and letters >= 0.6 * len(line) and len(line.split()) >= 2:
            return line[:250]
    return None


def suggest_metadata(metadata: dict[str, str], first_page: str) -> dict[str, str]:
    """Title, date (ISO) and author: from the file's own metadata first, else from its first page."""
    suggestions = {}
    title = (metadata.get("title") or "").strip()
    if title and not _BAD_TITLES.match(title) and len(title) >= 4:
        suggestions["title"] = title[:250]
    elif found := title_from_text(first_page):
        suggestions["title"] = found
    date = date_from_metadata(metadata.get("date", "")) if metadata.get("date") else None
    date = date_from_text(first_page[:3000]) or date
    if date:
        suggestions["date"] = date
    author = (metadata.get("author") or "").strip()
    if author:
        suggestions["author"] = author[:200]
    return suggestions
