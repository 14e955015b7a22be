"""Two demo years (2019 and 2020) of the fictional centre, entered through the domain models.

Programmes are voted, actions postponed or cancelled with their causes, sessions held or cancelled,
people registered and marked present half-day by half-day. The bilan is then computed from these
records, never typed in. The 2020 year reproduces the figures of a real CRPV activity report:
780 participations, 32 half-days realized of 58 planned (50 in 2019), half of the half-days not
realized due to staff vacancies and most of the rest to the health crisis, remote sessions from March.
"""

import datetime
import random

from django.utils import timezone

from maillage.attendance.models import Answer, Attendance, Questionnaire, SurveyResponse
from maillage.core.demo_data import (
    AM,
    CANCELLED,
    DAY,
    HELD,
    ONSITE,
    REMOTE,
    UPCOMING,
    YEAR_2019,
    YEAR_2020,
    s,
)
from maillage.network.models import Person
from maillage.participation.models import Registration
from maillage.programme.models import Action, Centre, Programme, Session, StatusCause, Theme
from maillage.programme.reference import seed_reference_lists
from maillage.territory.models import Department, Region


class DemoYears:
    def __init__(self, seed: int):
        seed_reference_lists()
        self.rng = random.Random(seed)
        self.people = list(Person.objects.filter(is_demo=True).prefetch_related("positions").order_by("pk"))
        self.causes = {c.slug: c for c in StatusCause.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.departments = list(Department.objects.filter(region__code="32").order_by("code"))
        self.questionnaire = (
            Questionnaire.objects.filter(is_default=True).prefetch_related("questions").first()
        )

    def centre(self) -> Centre:
        centre, _ = Centre.objects.get_or_create(
            slug="crpv-hdf",
            defaults={
                "name": "Centre de ressources politique de la ville des Hauts-de-France (fictif)",
                "short_name": "CRPV Hauts-de-France",
                "region": Region.objects.get(code="32"),
            },
        )
        return centre

    def action(self, programme, title, anct_type, themes, voted):
        action = Action.objects.create(
            programme=programme,
            title=title,
            anct_type=anct_type,
            planned_half_days=voted,
            description=f"{title} — action de démonstration (fictive).",
            target_publics=["chef_projet", "delegue_prefet", "agent"],
        )
        action.themes.set([self.themes[slug] for slug in themes if slug in self.themes])
        action.departments.set(self.rng.sample(self.departments, self.rng.randint(1, 3)))
        return action

    def session(self, action, year, spec, place_index):
        (month, day), (start, end) = spec["date"], spec["hours"]
        fmt = spec["format"]
        return Session.objects.create(
            action=action,
            date=datetime.date(year, month, day),
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
            format=fmt,
            place_name=""
            if fmt == REMOTE
            else ["Maison de l'habitant", "Hôtel de région", "Centre social"][place_index % 3],
            video_url="https://visio.demo.maillage.example/salle" if fmt != ONSITE else "",
            capacity=80,
            status=spec["status"],
            status_cause=self.causes.get(spec["cause"]) if spec["cause"] else None,
        )

    def attend(self, session, count, pool):
        """`count` people present (every half-day of the session), plus a few registered no-shows."""
        chosen = pool[:count] if len(pool) >= count else self.rng.sample(self.people, count)
        no_shows = self.rng.sample([p for p in self.people if p not in chosen], max(1, count // 15))
        for person, present in [(p, True) for p in chosen] + [(p, False) for p in no_shows]:
            position = next((p for p in person.positions.all() if p.is_active), None)
            registration = Registration.objects.create(
                session=session,
                person=person,
                status=Registration.Status.CONFIRMED,
                organisation_id=position.organisation_id if position else None,
                function=position.function if position else "",
                created_at=timezone.make_aware(datetime.datetime.combine(session.date, datetime.time(8)))
                - datetime.timedelta(days=20),
            )
            Attendance.objects.bulk_create(
                Attendance(registration=registration, slot=slot, present=present)
                for slot in session.half_day_slots
            )
            if present and self.questionnaire and self.rng.random() < 0.4:
                self.survey(registration)

    def survey(self, registration):
        response = SurveyResponse.objects.create(registration=registration, questionnaire=self.questionnaire)
        answers = []
        for question in self.questionnaire.questions.all():
            kind = question.kind
            answers.append(
                Answer(
                    response=response,
                    question=question,
                    rating=self.rng.choice([3, 4, 4, 4, 5, 5]) if kind == "note" else None,
                    yes=(self.rng.random() < 0.9) if kind == "oui_non" else None,
                )
            )
        Answer.objects.bulk_create(answers)

    def year_2020(self, centre):
        programme = Programme.objects.create(centre=centre, year=2020)
        specs = []
        for title, anct_type, themes, voted, status, cause, postponed_to, sessions in YEAR_2020:
            specs.append(
                (
                    self.action(programme, title, anct_type, themes, voted),
                    status,
                    cause,
                    postponed_to,
                    sessions,
                )
            )
        programme.vote(datetime.date(2019, 11, 21), "Délibération AG-2019-05 (fictive)")
        for index, (action, status, cause, postponed_to, sessions) in enumerate(specs):
            pool = self.rng.sample(self.people, 40) if action.is_cycle else []
            for spec in sessions:
                session = self.session(action, 2020, spec, index)
                if spec["status"] == HELD:
                    self.attend(
                        session, spec["attendees"], pool or self.rng.sample(self.people, spec["attendees"])
                    )
            action.change_status(
                status,
                cause=self.causes.get(cause),
                postponed_to=postponed_to,
                comment="Confinement et fermeture des lieux d'accueil" if cause == "crise-sanitaire" else "",
            )
        programme.revise(
            "Report de la formation « agir contre les discriminations » en mars 2021 ; passage à distance des "
            "groupes de travail et des cycles.",
            "Crise sanitaire et vacance du poste de chargé de mission emploi.",
        )

    def year_2019(self, centre):
        programme = Programme.objects.create(centre=centre, year=2019)
        rows = [(self.action(programme, *row[:4]), *row[3:]) for row in YEAR_2019]
        programme.vote(datetime.date(2018, 11, 22), "Délibération AG-2018-04 (fictive)")
        for index, (action, _voted, realized, cause) in enumerate(rows):
            pool = self.rng.sample(self.people, 45) if action.is_cycle else []
            remaining, month = realized, 1 + index % 3
            while remaining > 0:
                hours = DAY if remaining >= 2 else AM
                spec = s(month, 5 + index * 2, hours, ONSITE, self.rng.randint(15, 45))
                session = self.session(action, 2019, spec, index)
                self.attend(
                    session, spec["attendees"], pool or self.rng.sample(self.people, spec["attendees"])
                )
                remaining -= session.half_days
                month += 1 + index % 2
            if cause:
                Session.objects.create(
                    action=action,
                    date=datetime.date(2019, 11, 20),
                    start_time=datetime.time(9, 30),
                    end_time=datetime.time(16, 30),
                    status=CANCELLED,
                    status_cause=self.causes[cause],
                    place_name="Hôtel de région",
                )
            action.change_status(Action.Status.REALIZED)


def load_upcoming(demo: DemoYears, centre: Centre) -> None:
    """The current programme, with sessions in the coming weeks open for registration."""
    today = timezone.localdate()
    programme, _ = Programme.objects.get_or_create(centre=centre, year=today.year)
    for index, (title, anct_type, themes, sessions) in enumerate(UPCOMING):
        half_days = sum(2 if hours == DAY else 1 for _, hours, _ in sessions)
        action = demo.action(programme, title, anct_type, themes, half_days)
        action.change_status(Action.Status.SCHEDULED)
        for offset, (start, end), fmt in sessions:
            day = today + datetime.timedelta(days=offset)
            session = Session.objects.create(
                action=action,
                date=day,
                start_time=datetime.time(*start),
                end_time=datetime.time(*end),
                format=fmt,
                place_name="" if fmt == REMOTE else "Maison régionale de la vie associative, Lille",
                video_url="https://visio.demo.maillage.example/salle" if fmt != ONSITE else "",
                capacity=[30, 100, 60, 20][index],
            )
            for person in demo.rng.sample(demo.people, [12, 35, 20, 19][index]):
                Registration.objects.create(
                    session=session, person=person, status=Registration.Status.CONFIRMED
                )


def load_demo_years(seed: int = 2020) -> list[str]:
    demo = DemoYears(seed)
    centre = demo.centre()
    messages = []
    if Programme.objects.filter(centre=centre, year__in=[2019, 2020]).exists():
        messages.append("Années de démonstration 2019 et 2020 déjà présentes : rien à faire.")
    else:
        demo.year_2019(centre)
        demo.year_2020(centre)
        messages.append(
            "Démonstration : programmes 2019 et 2020 du CRPV fictif (actions, séances, inscriptions, présences)."
        )
    if not Session.objects.filter(action__programme__centre=centre).upcoming().exists():
        load_upcoming(demo, centre)
        messages.append("Démonstration : séances à venir ouvertes aux inscriptions.")
    return messages
