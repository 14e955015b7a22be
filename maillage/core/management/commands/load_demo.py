from django.core.management.base import BaseCommand

from maillage.core.demo import load_demo


class Command(BaseCommand):
    help = "Charge le centre de ressources fictif des Hauts-de-France (organisations, personnes). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2020)

    def handle(self, *args, **options):
        summary = load_demo(seed=options["seed"])
        for line in summary:
            self.stdout.write(line)
