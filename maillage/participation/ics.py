"""iCalendar (RFC 5545) for sessions: the attachment of confirmation emails and the public agenda feed.

Written by hand: the format is small, and this keeps control of what goes out. Times are local to
Europe/Paris (with its VTIMEZONE), lines end with CRLF and are folded at 75 octets, text is escaped.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

PRODID = "-//Maillage//Agenda des centres de ressources//FR"
TZID = "Europe/Paris"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """Split a content line into 75-octet pieces (continuations start with a space), never inside a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, 74  # the leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def _local(value) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc(value) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "maillage.localhost"


def location(session, *, private: bool) -> str:
    if session.format == session.Format.REMOTE:
        return "À distance" + (f" — {session.video_url}" if private and session.video_url else "")
    parts = [session.place_name, session.address]
    if session.commune_id:
        parts.append(session.commune.name)
    place = ", ".join(p for p in parts if p)
    if session.format == session.Format.HYBRID:
        place = f"{place} (ou à distance)" if place else "Hybride : sur place ou à distance"
    return place


def event_lines(session, *, private: bool = False, stamp=None) -> list[str]:
    """One VEVENT. `private`: for the registered person's own calendar (adds the video link)."""
    stamp = stamp or timezone.now()
    title = session.title or session.action.title
    if session.title and session.title != session.action.title:
        title = f"{session.action.title} — {session.title}"
    description = [session.action.description.strip()] if session.action.description.strip() else []
    if private and session.video_url:
        description.append(f"Lien de connexion : {session.video_url}")
    page = settings.SITE_URL.rstrip("/") + session.get_public_url()
    description.append(f"Informations : {page}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:seance-{session.pk}@{uid_domain()}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={TZID}:{_local(timezone.make_naive(session.starts_at))}",
        f"DTEND;TZID={TZID}:{_local(timezone.make_naive(session.ends_at))}",
        f"SUMMARY:{escape(title)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"URL:{page}",
        "STATUS:CANCELLED" if session.status == session.Status.CANCELLED else "STATUS:CONFIRMED",
    ]
    place = location(session, private=private)
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(sessions, *, name: str = "", private: bool = False) -> bytes:
    """A VCALENDAR holding one event per session, as bytes ready to send."""
    stamp = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines += [f"X-WR-CALNAME:{escape(name)}", f"X-WR-TIMEZONE:{TZID}"]
    lines += VTIMEZONE
    for session in sessions:
        lines += event_lines(session, private=private, stamp=stamp)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold_line(line) for line in lines) + "\r\n").encode("utf-8")
