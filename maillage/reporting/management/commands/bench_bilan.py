import json
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Banc d’essai (base jetable uniquement) : année synthétique, durée de compute() et du PDF complet."

    def add_arguments(self, parser):
        parser.add_argument("--build", action="store_true", help="crée l’année synthétique avant de mesurer")

    def handle(self, *args, **options):
        from maillage.reporting.indicators import compute
        from maillage.reporting.pdf import render_pdf
        from maillage.reporting.sections import build_report

        result = {}
        if options["build"]:
            from maillage.reporting.synthetic import build

            start = time.perf_counter()
            result["built"] = build()
            result["build_seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        figures = compute(2030)
        result["compute_seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        report = build_report(compute(2030), {}, "Centre de banc d’essai")
        pdf = render_pdf(report)
        result["pdf_seconds"] = time.perf_counter() - start
        result["pdf_bytes"] = len(pdf)
        result["participations"] = figures["participants"]["participations"]
        self.stdout.write("BENCH " + json.dumps(result))
