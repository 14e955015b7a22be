"""Seeds the registrations benchmark (run inside `manage.py shell`): a programme, 60 upcoming published
sessions over 30 actions with themes, and 5 sessions open for registration. Prints the ids as JSON."""

import datetime
import json

from django.utils import timezone

from maillage.programme.models import Action, Centre, Programme, Session, Theme


def seed() -> None:
    centre = Centre.objects.create(name="Centre de ressources (banc d'essai)", short_name="CRPV", slug="banc")
    programme = Programme.objects.create(centre=centre, year=timezone.localdate().year)
    themes = list(Theme.objects.all()[:6]) or [Theme.objects.create(name="Thème d'essai")]
    kinds = [Action.AnctType.INFORMATION, Action.AnctType.WORKING_GROUP, Action.AnctType.TRAINING]
    today = timezone.localdate()
    sessions = []
    for n in range(30):
        action = Action.objects.create(
            programme=programme,
            title=f"Action d'essai n° {n} : la participation des habitants",
            description="Description d'une action de qualification. " * 5,
            anct_type=kinds[n % len(kinds)],
        )
        action.themes.add(themes[n % len(themes)])
        for k in range(2):
            sessions.append(
                Session.objects.create(
                    action=action,
                    date=today + datetime.timedelta(days=3 + n + 30 * k),
                    start_time=datetime.time(9, 30),
                    end_time=datetime.time(16, 30),
                    format=[Session.Format.ONSITE, Session.Format.REMOTE, Session.Format.HYBRID][n % 3],
                    place_name="Maison des associations",
                    address="12 rue de la République",
                    capacity=40,
                )
            )
    print(json.dumps({"open": [s.pk for s in sessions[:5]], "count": len(sessions)}))


seed()
