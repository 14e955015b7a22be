"""The demo years' content: actions, sessions and attendance counts that reproduce a real CRPV's 2020 report.

Each action: (title, ANCT type, theme slugs, half-days voted, final status, cause slug, postponed to,
sessions). Each session: `s(month, day, hours, format, attendees, status, cause)`.
"""

import datetime

from maillage.programme.models import Action, Session

T = Action.AnctType
ONSITE, REMOTE, HYBRID = Session.Format.ONSITE, Session.Format.REMOTE, Session.Format.HYBRID
HELD, CANCELLED = Session.Status.HELD, Session.Status.CANCELLED
AM, PM, DAY = ((9, 30), (12, 30)), ((14, 0), (17, 0)), ((9, 30), (16, 30))


def s(month, day, hours, fmt, attendees=0, status=HELD, cause=None):
    return {
        "date": (month, day),
        "hours": hours,
        "format": fmt,
        "attendees": attendees,
        "status": status,
        "cause": cause,
    }


# (title, type, themes, voted half-days, final status, cause, postponed_to, sessions)
YEAR_2020 = [
    (
        "Cycle de qualification : évaluer son contrat de ville",
        T.CYCLE,
        ["evaluation-des-contrats-de-ville"],
        8,
        "realisee",
        None,
        None,
        [
            s(1, 21, DAY, ONSITE, 30),
            s(2, 18, DAY, ONSITE, 28),
            s(6, 9, AM, REMOTE, 26),
            s(6, 23, AM, REMOTE, 27),
            s(9, 22, DAY, REMOTE, 25),
        ],
    ),
    (
        "Cycle de qualification : emploi et développement économique",
        T.CYCLE,
        ["emploi-et-developpement-economique"],
        8,
        "annulee",
        "vacance-de-poste",
        None,
        [],
    ),
    (
        "Rencontres régionales des chefs de projet",
        T.NETWORK,
        ["gouvernance-et-participation-citoyenne"],
        6,
        "realisee",
        None,
        None,
        [
            s(2, 6, DAY, ONSITE, 48),
            s(3, 26, DAY, ONSITE, status=CANCELLED, cause="crise-sanitaire"),
            s(10, 8, DAY, REMOTE, 55),
        ],
    ),
    (
        "Groupe de travail : participation des habitants et conseils citoyens",
        T.WORKING_GROUP,
        ["gouvernance-et-participation-citoyenne"],
        6,
        "realisee",
        None,
        None,
        [
            s(1, 14, AM, ONSITE, 18),
            s(2, 11, AM, ONSITE, 16),
            s(4, 7, AM, REMOTE, 20),
            s(5, 12, AM, REMOTE, 19),
            s(10, 13, AM, REMOTE, 17),
            s(11, 17, AM, REMOTE, 18),
        ],
    ),
    (
        "Journée régionale de la politique de la ville",
        T.INFORMATION,
        ["cohesion-sociale-culture-et-sport"],
        2,
        "reportee",
        "crise-sanitaire",
        None,
        [],
    ),
    (
        "Formation : agir contre les discriminations",
        T.TRAINING,
        ["lutte-contre-les-discriminations"],
        6,
        "reportee",
        "crise-sanitaire",
        datetime.date(2021, 3, 16),
        [],
    ),
    (
        "Webinaires de l'actualité de la politique de la ville",
        T.INFORMATION,
        ["renouvellement-urbain-et-cadre-de-vie"],
        4,
        "realisee",
        None,
        None,
        [
            s(4, 2, AM, REMOTE, 62),
            s(5, 28, AM, REMOTE, 75),
            s(9, 10, AM, REMOTE, 58),
            s(12, 3, AM, REMOTE, 70),
        ],
    ),
    (
        "Accompagnement de l'évaluation d'un contrat de ville",
        T.SUPPORT,
        ["evaluation-des-contrats-de-ville"],
        6,
        "realisee",
        None,
        None,
        [
            s(1, 30, PM, ONSITE, 12),
            s(2, 27, PM, ONSITE, 10),
            s(9, 29, PM, ONSITE, 11),
            s(11, 24, PM, REMOTE, status=CANCELLED, cause="vacance-de-poste"),
            s(12, 8, PM, REMOTE, status=CANCELLED, cause="vacance-de-poste"),
            s(12, 15, PM, REMOTE, status=CANCELLED, cause="vacance-de-poste"),
        ],
    ),
    (
        "Groupe de travail : égalité entre les femmes et les hommes",
        T.WORKING_GROUP,
        ["egalite-entre-les-femmes-et-les-hommes"],
        2,
        "annulee",
        "vacance-de-poste",
        None,
        [],
    ),
    (
        "Cycle : gestion urbaine de proximité et renouvellement urbain",
        T.CYCLE,
        ["renouvellement-urbain-et-cadre-de-vie"],
        6,
        "realisee",
        None,
        None,
        [
            s(2, 25, DAY, ONSITE, 24),
            s(7, 2, DAY, REMOTE, 22),
            s(11, 19, DAY, REMOTE, status=CANCELLED, cause="retrait-dun-partenaire"),
        ],
    ),
    (
        "Temps d'information : les fonds européens dans les quartiers",
        T.INFORMATION,
        ["emploi-et-developpement-economique"],
        4,
        "realisee",
        None,
        None,
        [
            s(3, 5, AM, ONSITE, 35),
            s(4, 9, AM, REMOTE, status=CANCELLED, cause="crise-sanitaire"),
            s(6, 16, AM, REMOTE, 28),
            s(11, 26, AM, REMOTE, 26),
        ],
    ),
]

# 2019: everything on-site; 50 half-days realized of 54 planned.
YEAR_2019 = [
    (
        "Cycle de qualification : les fondamentaux de la politique de la ville",
        T.CYCLE,
        ["gouvernance-et-participation-citoyenne"],
        8,
        8,
        None,
    ),
    (
        "Rencontres régionales des chefs de projet",
        T.NETWORK,
        ["gouvernance-et-participation-citoyenne"],
        6,
        6,
        None,
    ),
    (
        "Groupe de travail : participation des habitants",
        T.WORKING_GROUP,
        ["gouvernance-et-participation-citoyenne"],
        6,
        6,
        None,
    ),
    (
        "Journée régionale de la politique de la ville",
        T.INFORMATION,
        ["cohesion-sociale-culture-et-sport"],
        2,
        2,
        None,
    ),
    (
        "Formation : valeurs de la République et laïcité",
        T.TRAINING,
        ["valeurs-de-la-republique-et-laicite"],
        8,
        8,
        None,
    ),
    ("Groupe de travail : réussite éducative", T.WORKING_GROUP, ["education"], 6, 6, None),
    (
        "Accompagnement d'un territoire : diagnostic partagé",
        T.SUPPORT,
        ["evaluation-des-contrats-de-ville"],
        6,
        6,
        None,
    ),
    (
        "Cycle : gestion urbaine de proximité",
        T.CYCLE,
        ["renouvellement-urbain-et-cadre-de-vie"],
        6,
        4,
        "retrait-dun-partenaire",
    ),
    (
        "Temps d'information : santé dans les quartiers",
        T.INFORMATION,
        ["sante"],
        6,
        4,
        "inscriptions-insuffisantes",
    ),
]


UPCOMING = [
    (
        "Cycle de qualification : Quartiers 2030, premiers bilans",
        T.CYCLE,
        ["evaluation-des-contrats-de-ville"],
        [(21, DAY, HYBRID), (49, AM, REMOTE), (77, DAY, ONSITE)],
    ),
    (
        "Webinaire : la participation des habitants aux engagements Quartiers 2030",
        T.INFORMATION,
        ["gouvernance-et-participation-citoyenne"],
        [(9, AM, REMOTE)],
    ),
    (
        "Rencontre régionale des délégués du préfet et des chefs de projet",
        T.NETWORK,
        ["gouvernance-et-participation-citoyenne"],
        [(16, DAY, ONSITE)],
    ),
    (
        "Groupe de travail : santé mentale dans les quartiers",
        T.WORKING_GROUP,
        ["sante"],
        [(30, PM, ONSITE), (58, PM, REMOTE)],
    ),
]
