"""Which spreadsheet column holds which datum of a directory import: the targets, a guess from usual
French and English headers, and the checks of a mapping chosen by staff (see `network.imports`)."""

import re

from maillage.core.text import fold

# target → (label, header synonyms compared after `fold`)
TARGETS = {
    "last_name": ("Nom", ["nom", "nom de famille", "last name", "lastname", "surname", "family name"]),
    "first_name": ("Prénom", ["prenom", "first name", "firstname", "given name"]),
    "email": ("Courriel", ["courriel", "email", "e-mail", "mail", "adresse mail", "adresse electronique"]),
    "phone": ("Téléphone", ["telephone", "tel", "tel.", "portable", "mobile", "phone"]),
    "organisation": ("Organisation", ["organisation", "structure", "organisme", "employeur", "organization"]),
    "organisation_kind": (
        "Type d'organisation",
        ["type", "type d'organisation", "type de structure", "type organisation", "categorie"],
    ),
    "function": ("Fonction", ["fonction", "role", "profil"]),
    "title": ("Intitulé du poste", ["intitule", "intitule du poste", "poste", "titre"]),
    "commune": ("Commune du siège (code INSEE)", ["code insee", "insee", "code commune", "commune"]),
    "consents": ("Consentements", ["consentement", "consentements", "finalites", "abonnements"]),
    "notes": ("Notes internes", ["notes", "note", "commentaire", "commentaires", "remarques"]),
}
# Header words that point to a target when no synonym matches exactly, in priority order.
HINTS = [
    ("prenom", "first_name"),
    ("mail", "email"),
    ("courriel", "email"),
    ("tel", "phone"),
    ("insee", "commune"),
    ("type", "organisation_kind"),
    ("organisation", "organisation"),
    ("structure", "organisation"),
    ("fonction", "function"),
    ("consent", "consents"),
    ("nom", "last_name"),
]


def _header_key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", fold(header).replace("’", "'")).strip(" :")


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Column → target ("" to ignore), from usual French and English headers. Each target used once."""
    mapping, used = {}, set()
    keys = {column: _header_key(column) for column in header}
    for column, key in keys.items():
        target = next((t for t, (_, words) in TARGETS.items() if key in words and t not in used), "")
        mapping[column] = target
        used.add(target)
    for column, key in keys.items():
        if not mapping[column]:
            target = next((t for w, t in HINTS if t not in used and re.search(rf"\b{w}", key)), "")
            mapping[column] = target
            used.add(target)
    return mapping


def mapping_errors(mapping: dict[str, str]) -> list[str]:
    targets = [t for t in mapping.values() if t]
    errors = []
    for target in sorted({t for t in targets if targets.count(t) > 1}):
        errors.append(f"La donnée « {TARGETS[target][0]} » est associée à plusieurs colonnes.")
    if "last_name" not in targets and "organisation" not in targets:
        errors.append("Associez au moins une colonne au nom de la personne ou à l'organisation.")
    if "last_name" not in targets and any(t in targets for t in ("first_name", "email", "phone", "function")):
        errors.append("Des données de personne sont associées : associez aussi une colonne au nom.")
    return errors
