import json

from django.core.management.base import BaseCommand, CommandError

from maillage.programme.models import Centre
from maillage.reporting.indicators import compute
from maillage.reporting.text import as_text


class Command(BaseCommand):
    help = "Calcule les indicateurs du bilan d'activité d'une année (JSON ou texte)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="année du bilan")
        parser.add_argument("--volet", help="identifiant du centre (volet) ; par défaut toute la structure")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        centre = None
        if options["volet"]:
            try:
                centre = Centre.objects.get(slug=options["volet"])
            except Centre.DoesNotExist as exc:
                known = ", ".join(Centre.objects.values_list("slug", flat=True)) or "aucun"
                raise CommandError(f"Volet inconnu : {options['volet']} (volets : {known})") from exc
        figures = compute(options["year"], centre)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(figures))
