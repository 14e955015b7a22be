"""Registration lists as spreadsheet rows (CSV/XLSX through core.exports, formula-safe)."""

from django.utils import timezone

HEADER = [
    "Séance",
    "Date",
    "Statut",
    "Nom",
    "Prénom",
    "Courriel",
    "Téléphone",
    "Organisation",
    "Organisation déclarée (à rapprocher)",
    "Fonction",
    "Territoire",
    "Origine",
    "Inscription groupée (cycle)",
    "Inscrit le",
    "Annulée le",
]


def _dt(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def rows(registrations):
    for r in registrations:
        yield [
            str(r.session.title or r.session.action.title),
            r.session.date.strftime("%d/%m/%Y"),
            r.get_status_display(),
            r.person.last_name,
            r.person.first_name,
            r.person.email,
            r.person.phone,
            r.organisation.name if r.organisation else "",
            r.organisation_name if not r.organisation else "",
            r.get_function_display(),
            f"{r.commune.name} ({r.commune.insee_code})" if r.commune else "",
            r.get_source_display(),
            "oui" if r.group else "non",
            _dt(r.created_at),
            _dt(r.cancelled_at),
        ]
