"""A small scheduler for `make run`: runs the periodic commands at their interval, forever.

In production, cron or systemd timers can call the same commands instead (docs/deploiement.md).
Each command is idempotent, so running one twice does no harm.
"""

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# (command, interval in seconds)
JOBS = [
    ("send_reminders", 15 * 60),
    ("send_surveys", 60 * 60),
    ("flag_inactive_people", 24 * 60 * 60),
]


class Command(BaseCommand):
    help = "Exécute périodiquement les tâches planifiées (rappels, questionnaires, conservation RGPD)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="exécuter chaque tâche une fois puis s'arrêter"
        )

    def handle(self, *args, **options):
        available = get_commands()
        jobs = [(name, interval) for name, interval in JOBS if name in available]
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for name, interval in jobs:
                if now - last_run.get(name, -interval) >= interval:
                    last_run[name] = now
                    try:
                        call_command(name, verbosity=options["verbosity"])
                    except Exception as exc:  # noqa: BLE001 (keep the scheduler alive; the error is logged)
                        self.stderr.write(f"{name} : échec ({exc})")
            if options["once"]:
                return
            time.sleep(30)
