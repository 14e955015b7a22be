"""Printed proof of attendance: the attendance sheet and the attendance certificates (PDF, zip)."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from maillage.attendance.marking import (
    SLOT_ORDER,
    organisation_label,
    participants,
    slot_hours,
    slot_label,
    slot_window,
)
from maillage.attendance.models import Attendance
from maillage.participation.models import Registration

DEFAULT_BLANK_ROWS = 6
MAX_BLANK_ROWS = 40


def centre_name() -> str:
    """The structure's name as configured in the DSFR settings (header and footer)."""
    from dsfr.models import DsfrConfig

    config = DsfrConfig.objects.first()
    return (config.site_title if config else "") or "Maillage"


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {"centre_name": centre_name(), **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def session_place(session) -> str:
    if session.format == session.Format.REMOTE:
        return "À distance (visioconférence)"
    parts = [session.place_name, session.address, session.commune.name if session.commune_id else ""]
    place = ", ".join(p for p in parts if p)
    if session.format == session.Format.HYBRID:
        place = f"{place} et à distance" if place else "Sur place et à distance"
    return place


def trainers(session) -> str:
    names = [u.get_full_name() or u.get_username() for u in session.action.staff.all()]
    return ", ".join(names)


def sheet_context(session, blank_rows: int = DEFAULT_BLANK_ROWS) -> dict:
    slots = session.half_day_slots
    rows = [
        {"registration": r, "person": r.person, "organisation": organisation_label(r)}
        for r in participants(session)
    ]
    return {
        "session": session,
        "action": session.action,
        "volet": session.action.programme.centre,
        "slots": [{"code": s, "label": slot_label(s)} for s in slots],
        "rows": rows,
        "blank_rows": range(max(0, min(blank_rows, MAX_BLANK_ROWS))),
        "place": session_place(session),
        "trainers": trainers(session),
        "generated_at": timezone.localtime(),
    }


def attendance_sheet_pdf(session, blank_rows: int = DEFAULT_BLANK_ROWS) -> bytes:
    return render_pdf("attendance/pdf/sheet.html", sheet_context(session, blank_rows))


# Certificates --------------------------------------------------------------------------------------


@dataclass
class CertificateLine:
    date: object
    slot: str
    slot_label: str
    title: str
    format_label: str
    hours: float
    remote: bool
    times: str = ""

    @property
    def duration(self) -> str:
        return format_hours(self.hours)


def certificate_lines(registration) -> list[CertificateLine]:
    """Every half-day the person attended in the registration's action (all sessions of a cycle)."""
    attendances = (
        Attendance.objects.filter(
            present=True,
            registration__person=registration.person,
            registration__session__action=registration.session.action,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration__session__action")
        .order_by("registration__session__date", "registration__session__start_time")
    )
    lines = []
    for attendance in attendances:
        session = attendance.registration.session
        if attendance.slot not in session.half_day_slots:
            continue
        lines.append(
            CertificateLine(
                date=session.date,
                slot=attendance.slot,
                slot_label=slot_label(attendance.slot),
                title=session.title or session.action.title,
                format_label=session.get_format_display(),
                hours=slot_hours(session, attendance.slot),
                remote=session.format != session.Format.ONSITE,
                times=slot_times(session, attendance.slot),
            )
        )
    lines.sort(key=lambda line: (line.date, SLOT_ORDER[line.slot]))
    return lines


def slot_times(session, slot: str) -> str:
    start, end = (timezone.localtime(moment) for moment in slot_window(session, slot))
    return f"{start:%H}h{start:%M} – {end:%H}h{end:%M}"


def format_hours(hours: float) -> str:
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    return f"{whole} h {minutes:02d}" if minutes else f"{whole} h"


def certificate_context(registration) -> dict:
    lines = certificate_lines(registration)
    session = registration.session
    total_hours = sum(line.hours for line in lines)
    return {
        "registration": registration,
        "person": registration.person,
        "organisation": organisation_label(registration),
        "action": session.action,
        "volet": session.action.programme.centre,
        "lines": lines,
        "half_days": len(lines),
        "remote": any(line.remote for line in lines),
        "total_hours": format_hours(total_hours),
        "place": session.commune.name if session.commune_id else "",
        "today": timezone.localdate(),
    }


def certificate_filename(registration) -> str:
    person = registration.person
    name = slugify(f"{person.last_name} {person.first_name}") or f"inscription-{registration.pk}"
    return f"attestation-{session_slug(registration.session)}-{name}.pdf"


def session_slug(session) -> str:
    return f"{session.date:%Y-%m-%d}-{slugify(session.action.title)[:40]}".rstrip("-")


def certificate_pdf(registration) -> bytes:
    return render_pdf(
        "attendance/pdf/certificates.html", {"certificates": [certificate_context(registration)]}
    )


def certified_registrations(session):
    """Confirmed registrations of `session` present at least one of its half-days."""
    present = Attendance.objects.filter(registration__session=session, present=True).values("registration")
    return participants(session).filter(pk__in=present)


def certificates_pdf(session) -> bytes:
    """All the certificates of a session in one PDF, one page each, for printing."""
    contexts = [certificate_context(r) for r in certified_registrations(session)]
    return render_pdf("attendance/pdf/certificates.html", {"certificates": contexts})


def certificates_zip(session) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = set()
        for registration in certified_registrations(session):
            name = certificate_filename(registration)
            if name in names:
                name = name.replace(".pdf", f"-{registration.pk}.pdf")
            names.add(name)
            archive.writestr(name, certificate_pdf(registration))
    return buffer.getvalue()
