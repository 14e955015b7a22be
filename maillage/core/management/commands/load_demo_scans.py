from django.core.management.base import BaseCommand

from maillage.core.demo_scans import load_demo_scans


class Command(BaseCommand):
    help = "Ajoute à la médiathèque de démonstration un bilan numérisé, lu par OCR et réparé. Idempotent."

    def handle(self, *args, **options):
        for line in load_demo_scans():
            self.stdout.write(line)
