"""The managed lists every installation starts with: themes of the national reports, causes of
postponement or cancellation. Seeded by a data migration; `seed_reference_lists()` restores them."""

from django.apps import apps as global_apps
from django.utils.text import slugify

THEMES = [
    ("Éducation", False),
    ("Valeurs de la République et laïcité", False),
    ("Cohésion sociale, culture et sport", False),
    ("Emploi et développement économique", False),
    ("Santé", False),
    ("Renouvellement urbain et cadre de vie", False),
    ("Gouvernance et participation citoyenne", False),
    ("Jeunesse", False),
    ("Lutte contre les discriminations", True),
    ("Égalité entre les femmes et les hommes", True),
    ("Évaluation des contrats de ville", True),
]
CAUSES = [
    "Crise sanitaire",
    "Vacance de poste",
    "Retrait d'un partenaire",
    "Inscriptions insuffisantes",
    "Autre",
]


def seed_reference_lists(apps=global_apps) -> None:
    """Idempotent; `apps` is the migration's historical registry when called from a migration."""
    Theme = apps.get_model("programme", "Theme")
    StatusCause = apps.get_model("programme", "StatusCause")
    for position, (name, cross_cutting) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slugify(name),
            defaults={"name": name, "is_cross_cutting": cross_cutting, "position": position},
        )
    for position, name in enumerate(CAUSES):
        StatusCause.objects.get_or_create(slug=slugify(name), defaults={"name": name, "position": position})
