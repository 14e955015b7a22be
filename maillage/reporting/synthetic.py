"""A synthetic large year for the benchmark: 2,000 sessions, 20,000 persons, 100,000 attendance records.

Written with bulk_create into a throwaway database (never the development one): see bench/bilan.py.
"""

import datetime
import random

from django.db import transaction

from maillage.attendance.models import Attendance
from maillage.network.models import Organisation, Person
from maillage.participation.models import Registration
from maillage.programme.models import Action, Centre, Programme, Session, Theme
from maillage.territory.models import Region

TYPES = Action.AnctType.values
FORMATS = [Session.Format.ONSITE, Session.Format.REMOTE, Session.Format.HYBRID]


@transaction.atomic
def build(year=2030, sessions=2000, persons=20000, attendances=100000, seed=6) -> dict:
    rng = random.Random(seed)
    region = Region.objects.filter(name="Hauts-de-France").first() or Region.objects.first()
    centre, _ = Centre.objects.get_or_create(
        slug="bench", defaults={"name": "Centre de banc d’essai", "short_name": "Banc", "region": region}
    )
    themes = [Theme.objects.get_or_create(name=f"Thème {i}")[0] for i in range(8)]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Organisation {i}", kind=rng.choice(Organisation.Kind.values))
            for i in range(500)
        ]
    )
    people = Person.objects.bulk_create(
        [Person(first_name=f"Prénom{i}", last_name=f"Nom{i}") for i in range(persons)], batch_size=2000
    )
    for y in (year - 1, year):
        programme = Programme.objects.create(centre=centre, year=y, status=Programme.Status.VOTED)
        actions = Action.objects.bulk_create(
            [
                Action(
                    programme=programme,
                    title=f"Action {i}",
                    anct_type=rng.choice(TYPES),
                    planned_half_days=4,
                    voted_half_days=4,
                )
                for i in range(sessions // 4)
            ]
        )
        for action in actions:
            action.themes.add(rng.choice(themes))
        Session.objects.bulk_create(
            [
                Session(
                    action=actions[i // 4],
                    date=datetime.date(y, 1 + i % 12, 1 + i % 28),
                    format=rng.choice(FORMATS),
                    status=Session.Status.HELD,
                    half_days=1,
                )
                for i in range(sessions)
            ],
            batch_size=1000,
        )
    held = list(Session.objects.filter(action__programme__centre=centre, action__programme__year=year))
    pairs = set()
    while len(pairs) < attendances:
        pairs.add((rng.randrange(len(held)), rng.randrange(persons)))
    registrations = Registration.objects.bulk_create(
        [
            Registration(session=held[s], person=people[p], organisation=rng.choice(organisations))
            for s, p in pairs
        ],
        batch_size=5000,
    )
    Attendance.objects.bulk_create(
        [Attendance(registration=r, slot="matin", present=True) for r in registrations], batch_size=5000
    )
    return {"sessions": len(held), "persons": persons, "attendances": len(registrations)}
