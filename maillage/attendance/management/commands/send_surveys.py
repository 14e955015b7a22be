"""Email the satisfaction survey of the sessions that are over. Idempotent: run it hourly or daily."""

from django.core.management.base import BaseCommand, CommandError

from maillage.attendance.surveys import DEFAULT_SINCE_DAYS, send_surveys


class Command(BaseCommand):
    help = "Envoie le questionnaire de satisfaction des séances terminées (une fois par séance)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--depuis",
            dest="since_days",
            type=int,
            default=DEFAULT_SINCE_DAYS,
            help=f"Ne traite que les séances des N derniers jours (défaut : {DEFAULT_SINCE_DAYS}).",
        )

    def handle(self, *args, since_days, **options):
        report = send_surveys(since_days=since_days)
        for failure in report.failures:
            self.stderr.write(f"Échec : {failure}")
        if options["verbosity"]:
            self.stdout.write(
                f"{report.sessions} séance(s) traitée(s), {report.emails} questionnaire(s) envoyé(s)."
            )
        if report.failures:
            raise CommandError(
                f"{len(report.failures)} séance(s) en échec ; elles seront retentées au prochain passage."
            )
