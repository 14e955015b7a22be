from django.core.management.base import BaseCommand, CommandError

from maillage.territory.models import Region
from maillage.territory.stats import region_stats


class Command(BaseCommand):
    help = "Affiche les chiffres du référentiel pour une région, une ligne « nom: valeur » par chiffre."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="code INSEE de la région (32 : Hauts-de-France)")

    def handle(self, *args, **options):
        try:
            region = Region.objects.get(code=options["region"])
        except Region.DoesNotExist as exc:
            raise CommandError(f"Région inconnue : {options['region']}") from exc
        for name, value in region_stats(region).items():
            self.stdout.write(f"{name}: {value}")
