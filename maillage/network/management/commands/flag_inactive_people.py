from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maillage.network.gdpr import flag_inactive_people


class Command(BaseCommand):
    help = (
        "Signale pour revue (RGPD) les personnes sans activité depuis N années "
        "(par défaut MAILLAGE_RETENTION_YEARS). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=None, help="durée sans activité, en années")

    def handle(self, *args, years=None, **options):
        years = settings.MAILLAGE_RETENTION_YEARS if years is None else years
        if years < 1:
            raise CommandError("--years doit être un entier positif.")
        count = flag_inactive_people(years)
        self.stdout.write(f"{count} personne(s) signalée(s) pour revue (sans activité depuis {years} an(s)).")
