from django.core.management.base import BaseCommand

from maillage.participation import reminders


class Command(BaseCommand):
    help = (
        "Envoie le rappel aux participants confirmés des séances des deux prochains jours "
        "(une seule fois par séance). À lancer chaque jour (cron ou minuteur systemd)."
    )

    def handle(self, *args, **options):
        sessions = reminders.schedule()
        for session in sessions:
            self.stdout.write(f"Rappels programmés : {session}")
        self.stdout.write(self.style.SUCCESS(f"{len(sessions)} séance(s) rappelée(s)."))
