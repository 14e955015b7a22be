"""Demo resources of the fictional centre: news, fiches d'expérience and publications, all published."""

import datetime

from django.utils import timezone

from maillage.library.models import Resource
from maillage.library.services.indexing import reindex
from maillage.programme.models import Theme

K = Resource.Kind
RESOURCES = [
    (
        K.PUBLICATION,
        datetime.date(2019, 6, 14),
        "evaluation-des-contrats-de-ville",
        "Évaluer son contrat de ville : repères méthodologiques",
        "Ce guide rassemble les repères issus du cycle de qualification 2019 : construire des questions "
        "évaluatives partagées, mobiliser les données de l'observatoire des quartiers prioritaires, associer les "
        "conseils citoyens et restituer les résultats aux signataires du contrat de ville.",
    ),
    (
        K.EXPERIENCE,
        datetime.date(2019, 10, 2),
        "gouvernance-et-participation-citoyenne",
        "Un conseil citoyen co-construit la programmation annuelle",
        "Dans une commune du Nord, le conseil citoyen participe au comité de pilotage et à l'instruction des "
        "projets de l'appel à projets du contrat de ville. Les habitants ont proposé trois actions retenues en 2019.",
    ),
    (
        K.REPORT,
        datetime.date(2020, 2, 20),
        "renouvellement-urbain-et-cadre-de-vie",
        "Compte rendu : gestion urbaine de proximité et renouvellement urbain",
        "Compte rendu de la première séance du cycle consacré à la gestion urbaine de proximité dans les quartiers "
        "en renouvellement urbain : diagnostics en marchant, conventions avec les bailleurs sociaux, chantiers.",
    ),
    (
        K.PUBLICATION,
        datetime.date(2020, 7, 1),
        "emploi-et-developpement-economique",
        "Les quartiers prioritaires face à la crise sanitaire : premiers enseignements",
        "Synthèse des échanges à distance avec les chefs de projet et les délégués du préfet pendant le premier "
        "confinement : continuité des services publics, aide alimentaire, décrochage scolaire et emploi des jeunes.",
    ),
    (
        K.DOSSIER,
        datetime.date(2020, 11, 5),
        "lutte-contre-les-discriminations",
        "Dossier thématique : agir contre les discriminations dans l'accès à l'emploi",
        "Ressources, textes de référence et expériences locales pour construire un plan territorial de lutte contre "
        "les discriminations, en lien avec les engagements des signataires des contrats de ville.",
    ),
    (
        K.NEWS,
        None,
        "evaluation-des-contrats-de-ville",
        "Quartiers 2030 : les premiers bilans des engagements à mi-parcours",
        "Le centre de ressources ouvre un cycle de qualification consacré aux premiers bilans des engagements "
        "Quartiers 2030. Inscriptions ouvertes aux chefs de projet, délégués du préfet et partenaires.",
    ),
    (
        K.NEWS,
        None,
        "gouvernance-et-participation-citoyenne",
        "Webinaire : la participation des habitants aux engagements Quartiers 2030",
        "Un webinaire d'une demi-journée pour partager les pratiques de participation des habitants dans la mise "
        "en œuvre des nouveaux contrats de ville des Hauts-de-France.",
    ),
    (
        K.NEWS,
        None,
        "sante",
        "Nouveau groupe de travail sur la santé mentale dans les quartiers",
        "Le groupe de travail réunira professionnels de santé, coordinateurs des ateliers santé ville et "
        "associations autour des besoins en santé mentale des habitants des quartiers prioritaires.",
    ),
]


def load_demo_library() -> list[str]:
    if Resource.objects.filter(publisher__endswith="(fictif)").exists():
        return ["Médiathèque de démonstration déjà présente : rien à faire."]
    themes = {t.slug: t for t in Theme.objects.all()}
    today = timezone.localdate()
    created = []
    for index, (kind, date, theme, title, description) in enumerate(RESOURCES):
        date = date or today - datetime.timedelta(days=3 * (len(RESOURCES) - index))
        resource = Resource.objects.create(
            title=title,
            kind=kind,
            date=date,
            description=description,
            publisher="CRPV Hauts-de-France (fictif)",
            licence=Resource.Licence.ETALAB,
        )
        if theme in themes:
            resource.subjects.add(themes[theme])
        resource.published_at = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))
        resource.publish()
        created.append(resource)
    reindex(created)
    return [f"Démonstration : {len(created)} ressources publiées dans la médiathèque."]
