"""Connection logs of remote sessions: read the video tool's export, match it, and derive attendance.

A log is read whole before anything is written: one malformed row rejects the file, with every
error and its line number. Rows are matched to the session's confirmed registrations by email
(case-insensitive), then by full name (accents, case, order and punctuation ignored). A half-day
counts when the union of a person's connection intervals covers at least `threshold` of the part
of the half-day the session runs.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from maillage.attendance.marking import participants, set_attendance, slot_window
from maillage.attendance.models import Attendance, ConnectionLog, ConnectionLogRow
from maillage.core.tabular import TabularError, read_table
from maillage.core.text import fold, name_key

# Header variants seen in Zoom, Teams, Webex, BigBlueButton, Livestorm… exports, folded.
COLUMN_ALIASES = {
    "name": [
        "name",
        "nom",
        "full name",
        "nom complet",
        "participant",
        "participants",
        "nom du participant",
        "nom d'utilisateur",
        "user name",
        "username",
        "display name",
        "nom affiche",
        "name (original name)",
        "nom (nom d'origine)",
        "prenom nom",
        "nom prenom",
        "attendee",
    ],
    "first_name": ["prenom", "first name", "firstname", "given name"],
    "last_name": ["nom de famille", "last name", "lastname", "surname", "family name"],
    "email": [
        "email",
        "e-mail",
        "mail",
        "courriel",
        "adresse e-mail",
        "adresse email",
        "adresse electronique",
        "adresse de messagerie",
        "user email",
        "email address",
        "e-mail address",
        "e-mail de l'utilisateur",
        "participant email",
        "upn",
    ],
    "joined_at": [
        "join time",
        "joined",
        "joined at",
        "join",
        "first join",
        "first join time",
        "heure de connexion",
        "connexion",
        "date de connexion",
        "heure d'arrivee",
        "arrivee",
        "premiere connexion",
        "debut",
        "heure de debut",
        "start time",
        "entree",
        "heure d'entree",
    ],
    "left_at": [
        "leave time",
        "left",
        "left at",
        "leave",
        "last leave",
        "last leave time",
        "heure de deconnexion",
        "deconnexion",
        "date de deconnexion",
        "heure de depart",
        "depart",
        "derniere deconnexion",
        "fin",
        "heure de fin",
        "end time",
        "sortie",
        "heure de sortie",
    ],
}
DATETIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%d/%m/%Y, %H:%M:%S",
    "%m/%d/%Y, %I:%M:%S %p",
]
TIME_FORMATS = ["%H:%M:%S", "%H:%M", "%Hh%M", "%H h %M", "%I:%M:%S %p", "%I:%M %p"]
_SUFFIX = re.compile(r"\s*\((?:guest|invite|invitee|externe|external|organisateur|host)\)\s*$")


class ConnectionLogError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ParsedRow:
    line: int
    name: str
    email: str
    joined_at: datetime.datetime
    left_at: datetime.datetime


@dataclass
class ImportReport:
    log: ConnectionLog
    rows: int
    matched: int
    unmatched: int
    marked: dict[str, int] = field(default_factory=dict)


def _header_key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", fold(header).replace("’", "'")).strip(" :")


def map_columns(header: list[str]) -> dict[str, str]:
    """{field: column} for the columns the log has; raises TabularError (line 1) when some are missing."""
    folded = {_header_key(h): h for h in header if h}
    mapping = {}
    for field_name, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in folded:
                mapping[field_name] = folded[alias]
                break
    missing = []
    if "name" not in mapping and not ("first_name" in mapping and "last_name" in mapping):
        if "last_name" in mapping:
            mapping["name"] = mapping.pop("last_name")
        elif "email" not in mapping:
            missing.append("nom ou courriel")
    for field_name, label in (("joined_at", "heure de connexion"), ("left_at", "heure de déconnexion")):
        if field_name not in mapping:
            missing.append(label)
    if missing:
        raise TabularError(
            "colonnes introuvables : " + ", ".join(missing) + " (colonnes lues : " + ", ".join(header) + ")",
            line=1,
        )
    return mapping


def parse_moment(value: str, day: datetime.date) -> datetime.datetime | None:
    """An aware datetime from a cell: full date and time, ISO with offset, or a time on the session's day."""
    value = (value or "").strip().replace("\u202f", " ").replace("\xa0", " ")
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        moment = None
        for fmt in DATETIME_FORMATS:
            try:
                moment = datetime.datetime.strptime(value.upper() if "%p" in fmt else value, fmt)
                break
            except ValueError:
                continue
        if moment is None:
            for fmt in TIME_FORMATS:
                try:
                    moment = datetime.datetime.combine(
                        day, datetime.datetime.strptime(value.upper(), fmt).time()
                    )
                    break
                except ValueError:
                    continue
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def parse_log(data: bytes, session, filename: str = "", max_bytes: int | None = None) -> list[ParsedRow]:
    """Every row of a log, or ConnectionLogError with all the errors found (French, with line numbers)."""
    try:
        table = read_table(data, max_bytes=max_bytes, filename=filename)
        mapping = map_columns(table.header)
    except TabularError as exc:
        raise ConnectionLogError([str(exc)]) from exc
    rows, errors = [], []
    for line, values in table.rows:
        name = values.get(mapping.get("name", ""), "").strip()
        if not name and "first_name" in mapping:
            name = f"{values.get(mapping['first_name'], '')} {values.get(mapping.get('last_name', ''), '')}".strip()
        name = _SUFFIX.sub("", name)
        email = values.get(mapping.get("email", ""), "").strip().lower()
        problems = []
        if not name and not email:
            problems.append("ni nom ni courriel")
        joined = parse_moment(values.get(mapping["joined_at"], ""), session.date)
        left = parse_moment(values.get(mapping["left_at"], ""), session.date)
        if joined is None:
            problems.append(f"heure de connexion illisible « {values.get(mapping['joined_at'], '')} »")
        if left is None:
            problems.append(f"heure de déconnexion illisible « {values.get(mapping['left_at'], '')} »")
        if joined and left:
            if left < joined:
                problems.append("la déconnexion précède la connexion")
            elif timezone.localdate(joined) != session.date:
                problems.append(
                    f"connexion du {timezone.localdate(joined):%d/%m/%Y}, "
                    f"la séance a lieu le {session.date:%d/%m/%Y}"
                )
        if problems:
            errors.append(f"Ligne {line} : " + " ; ".join(problems) + ".")
            continue
        rows.append(ParsedRow(line, name[:255], email[:254], joined, left))
    if not rows and not errors:
        errors.append("Le fichier ne contient aucune ligne de connexion.")
    if errors:
        raise ConnectionLogError(errors)
    return rows


class Matcher:
    """Finds the confirmed registration a log row belongs to: email first, then a unique full name."""

    def __init__(self, session):
        self.by_email, self.by_name = {}, {}
        for registration in participants(session):
            person = registration.person
            if person.email:
                self.by_email[person.email.lower()] = registration
            for key in {
                name_key(f"{person.first_name} {person.last_name}"),
                name_key(f"{person.last_name} {person.first_name}"),
            }:
                self.by_name.setdefault(key, []).append(registration)

    def match(self, name: str, email: str):
        if email and email.lower() in self.by_email:
            return self.by_email[email.lower()]
        candidates = {r.pk: r for r in self.by_name.get(name_key(name), [])} if name else {}
        return next(iter(candidates.values())) if len(candidates) == 1 else None


def covered_seconds(intervals, start: datetime.datetime, end: datetime.datetime) -> float:
    """Seconds of [start, end] covered by the union of `intervals` (overlaps are counted once)."""
    clipped = sorted((max(a, start), min(b, end)) for a, b in intervals if b > start and a < end)
    total, current_start, current_end = 0.0, None, None
    for a, b in clipped:
        if current_end is None or a > current_end:
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = a, b
        else:
            current_end = max(current_end, b)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return total


def slot_shares(session, intervals) -> dict[str, float]:
    """{slot: share of the half-day covered}, between 0 and 1."""
    shares = {}
    for slot in session.half_day_slots:
        start, end = slot_window(session, slot)
        length = (end - start).total_seconds()
        shares[slot] = covered_seconds(intervals, start, end) / length if length else 0.0
    return shares


def apply_log_attendance(session, threshold, registrations=None, user=None) -> dict[str, int]:
    """Recompute attendance from every matched, not ignored row of the session's logs.

    A mark made by staff or by the participant is never overwritten by a log; the log's own marks are.
    Returns {slot: number marked present}.
    """
    rows = ConnectionLogRow.objects.filter(log__session=session, ignored=False, registration__isnull=False)
    if registrations is not None:
        rows = rows.filter(registration__in=registrations)
    intervals: dict[int, list] = {}
    registrations_by_id = {}
    for row in rows.select_related("registration__session"):
        intervals.setdefault(row.registration_id, []).append((row.joined_at, row.left_at))
        registrations_by_id[row.registration_id] = row.registration
    existing = {
        (a.registration_id, a.slot): a for a in Attendance.objects.filter(registration_id__in=intervals)
    }
    marked = dict.fromkeys(session.half_day_slots, 0)
    for registration_id, spans in intervals.items():
        for slot, share in slot_shares(session, spans).items():
            present = share >= float(threshold)
            current = existing.get((registration_id, slot))
            if current is not None and current.source != Attendance.Source.CONNECTION_LOG:
                continue
            set_attendance(
                registrations_by_id[registration_id],
                slot,
                present,
                source=Attendance.Source.CONNECTION_LOG,
                user=user,
            )
            marked[slot] += present
    return marked


@transaction.atomic
def import_log(
    session, data: bytes, *, filename: str, threshold=0.5, user=None, max_bytes=None
) -> ImportReport:
    parsed = parse_log(data, session, filename=filename, max_bytes=max_bytes)
    log = ConnectionLog.objects.create(
        session=session,
        filename=filename[:255],
        threshold=threshold,
        imported_by=user if user is not None and user.is_authenticated else None,
    )
    matcher = Matcher(session)
    objects = [
        ConnectionLogRow(
            log=log,
            line=row.line,
            name=row.name,
            email=row.email,
            joined_at=row.joined_at,
            left_at=row.left_at,
            registration=matcher.match(row.name, row.email),
        )
        for row in parsed
    ]
    ConnectionLogRow.objects.bulk_create(objects)
    marked = apply_log_attendance(session, threshold, user=user)
    matched = sum(1 for o in objects if o.registration is not None)
    return ImportReport(log, len(objects), matched, len(objects) - matched, marked)


def unmatched_groups(log) -> list[dict]:
    """Unmatched, not ignored rows grouped by (email, folded name): one line per person to resolve."""
    groups: dict[tuple[str, str], dict] = {}
    for row in log.rows.filter(registration__isnull=True, ignored=False).order_by("line"):
        key = (row.email, fold(row.name))
        group = groups.setdefault(key, {"name": row.name, "email": row.email, "rows": [], "first": row})
        group["rows"].append(row)
    return list(groups.values())


def same_person_rows(row):
    """The unmatched rows of the same log carrying the same email and name as `row`."""
    siblings = row.log.rows.filter(registration__isnull=True, ignored=False, email=row.email)
    return [r for r in siblings if fold(r.name) == fold(row.name)]


@transaction.atomic
def link_rows(row, registration, user=None) -> int:
    rows = same_person_rows(row)
    ConnectionLogRow.objects.filter(pk__in=[r.pk for r in rows]).update(registration=registration)
    apply_log_attendance(row.log.session, row.log.threshold, registrations=[registration], user=user)
    return len(rows)


@transaction.atomic
def ignore_rows(row) -> int:
    rows = same_person_rows(row)
    return ConnectionLogRow.objects.filter(pk__in=[r.pk for r in rows]).update(ignored=True)


def split_name(full_name: str) -> tuple[str, str]:
    """A best guess of (first name, last name) from a display name: "Awa DIALLO", "DIALLO Awa"."""
    parts = full_name.split()
    if len(parts) < 2:
        return "", full_name
    upper = [p for p in parts if p.isupper() and len(p) > 1]
    if upper and len(upper) < len(parts):
        return " ".join(p for p in parts if p not in upper), " ".join(upper)
    return parts[0], " ".join(parts[1:])
