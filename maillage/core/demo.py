"""A fictional resource centre for Hauts-de-France, built on the real referential.

Every organisation and person created here has `is_demo=True` and is shown with a « Donnée fictive »
badge; the site notice says the instance holds demonstration data. Deterministic for a given seed.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from dsfr.models import DsfrConfig
from faker import Faker
from unidecode import unidecode

from maillage.core.demo_library import load_demo_library
from maillage.core.demo_years import load_demo_years
from maillage.network.models import (
    CityContractRole,
    Consent,
    GovernanceMembership,
    Organisation,
    Person,
    Position,
    Representative,
)
from maillage.territory.models import EPCI, CityContract, Commune, Department, Region

REGION = "32"
Kind = Organisation.Kind
Function = Position.Function
College = GovernanceMembership.College

ASSOCIATIONS = [
    "Association Quartiers Solidaires",
    "Les Ateliers du Lien",
    "Femmes Relais du Hainaut",
    "Maison des Initiatives Citoyennes",
    "Réussir Ensemble",
    "Sport et Citoyenneté Hauts-de-France",
    "L'Escale des Jeunes",
    "Collectif Santé Quartiers",
    "Emploi Passerelle",
    "Les Jardins Partagés du Nord",
]
LANDLORDS = [
    "Logis Nord Habitat",
    "Hainaut Habitat Social",
    "Picardie Logement",
    "Côte d'Opale Habitat",
    "Union régionale des bailleurs (fictive)",
]
FUNCTIONS_BY_KIND = {
    Kind.COMMUNE: [Function.PROJECT_LEAD, Function.ELECTED, Function.AGENT, Function.AGENT],
    Kind.EPCI: [Function.PROJECT_LEAD, Function.AGENT, Function.ELECTED],
    Kind.STATE: [Function.PREFECT_DELEGATE, Function.PREFECT_DELEGATE, Function.AGENT],
    Kind.CITIZEN_COUNCIL: [Function.RESIDENT, Function.RESIDENT, Function.VOLUNTEER],
    Kind.ASSOCIATION: [Function.PROFESSIONAL, Function.VOLUNTEER, Function.PROFESSIONAL],
}
DEMO_NOTICE = "Instance de démonstration : les organisations et les personnes de l'annuaire sont fictives."


def _organisation(name, kind, **links):
    communes, epcis, qpvs = links.pop("communes", []), links.pop("epcis", []), links.pop("qpvs", [])
    org = Organisation.objects.create(name=name, kind=kind, is_demo=True, **links)
    org.communes.set(communes)
    org.epcis.set(epcis)
    org.qpvs.set(qpvs)
    return org


def _build_organisations(rng: random.Random) -> list[Organisation]:
    region = Region.objects.get(code=REGION)
    departments = list(Department.objects.filter(region=region).order_by("code"))
    # Seats: the most populous commune of each department stands in for its chef-lieu.
    seat = {
        dep.pk: Commune.objects.filter(department=dep, kind=Commune.Kind.CURRENT)
        .order_by("-population")
        .first()
        for dep in departments
    }
    lille = Commune.objects.get(insee_code="59350", kind=Commune.Kind.CURRENT)
    orgs = [_organisation("Région Hauts-de-France (fictif)", Kind.REGION, acronym="RHDF", commune=lille)]
    for dep in departments:
        orgs.append(_organisation(f"Département {dep.name} (fictif)", Kind.DEPARTMENT, commune=seat[dep.pk]))
        orgs.append(
            _organisation(
                f"Préfecture {dep.name} — délégués du préfet (fictif)", Kind.STATE, commune=seat[dep.pk]
            )
        )
    for dep in departments[:3]:
        orgs.append(_organisation(f"CAF {dep.name} (fictive)", Kind.CAF, commune=seat[dep.pk]))
    for name, kind, acronym in [
        ("France Travail Hauts-de-France (fictif)", Kind.FRANCE_TRAVAIL, ""),
        ("Académie de Lille — mission politique de la ville (fictif)", Kind.EDUCATION, ""),
        ("Agence régionale de santé (fictive)", Kind.HEALTH, "ARS"),
    ]:
        orgs.append(_organisation(name, kind, acronym=acronym, commune=lille))
    contracts = list(
        CityContract.objects.filter(departments__region=region, epci__isnull=False)
        .select_related("epci")
        .distinct()
    )
    for contract in rng.sample(contracts, min(9, len(contracts))):
        epci_seat = contract.epci.communes.order_by("-population").first()
        org = _organisation(
            f"{contract.epci.name} (fictif)", Kind.EPCI, epcis=[contract.epci], commune=epci_seat
        )
        CityContractRole.objects.create(
            organisation=org, city_contract=contract, role=CityContractRole.Role.PILOT
        )
        orgs.append(org)
    communes = list(
        Commune.objects.filter(department__region=region, kind=Commune.Kind.CURRENT, qpvs__list_year=2024)
        .distinct()
        .order_by("-population")[:40]
    )
    for commune in rng.sample(communes, 16):
        qpvs = list(commune.qpvs.all())
        org = _organisation(
            f"Ville de {commune.name} (fictif)", Kind.COMMUNE, commune=commune, communes=[commune], qpvs=qpvs
        )
        for contract in commune.city_contracts.all()[:1]:
            CityContractRole.objects.create(
                organisation=org, city_contract=contract, role=CityContractRole.Role.SIGNATORY
            )
        orgs.append(org)
        if len([o for o in orgs if o.kind == Kind.CITIZEN_COUNCIL]) < 5 and qpvs:
            qpv = qpvs[0]
            orgs.append(
                _organisation(
                    f"Conseil citoyen {qpv.name} (fictif)", Kind.CITIZEN_COUNCIL, commune=commune, qpvs=[qpv]
                )
            )
    for name in LANDLORDS:
        orgs.append(_organisation(name, Kind.SOCIAL_LANDLORD, commune=rng.choice(communes)))
    for name in ASSOCIATIONS:
        commune = rng.choice(communes)
        orgs.append(_organisation(name, Kind.ASSOCIATION, commune=commune, communes=[commune]))
    return orgs


def _build_people(rng: random.Random, fake: Faker, orgs: list[Organisation], count: int) -> list[Person]:
    people, seen = [], set()
    now = timezone.now()
    while len(people) < count:
        first, last = fake.first_name(), fake.last_name()
        slug = unidecode(f"{first}.{last}").lower().replace(" ", "-").replace("'", "")
        if slug in seen:
            continue
        seen.add(slug)
        person = Person(
            first_name=first,
            last_name=last,
            email=f"{slug}@demo.maillage.example",
            phone=f"06 00 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            is_demo=True,
            is_active=rng.random() > 0.06,
            last_activity_at=now - datetime.timedelta(days=rng.randint(0, 5 * 365)),
        )
        person.save()
        people.append(person)
        primary = orgs[len(people) % len(orgs)]
        functions = FUNCTIONS_BY_KIND.get(primary.kind, [Function.AGENT, Function.PROFESSIONAL])
        Position.objects.create(
            person=person,
            organisation=primary,
            function=rng.choice(functions),
            started_on=datetime.date(rng.randint(2012, 2020), rng.randint(1, 12), 1),
        )
        if rng.random() < 0.12:  # a former position elsewhere
            Position.objects.create(
                person=person,
                organisation=rng.choice(orgs),
                function=Function.AGENT,
                is_active=False,
                started_on=datetime.date(2010, 1, 1),
                ended_on=datetime.date(2016, 12, 31),
            )
        for purpose in Consent.Purpose.values:
            if rng.random() < 0.7:
                Consent.objects.create(
                    person=person,
                    purpose=purpose,
                    source=Consent.Source.IMPORT,
                    given_at=now - datetime.timedelta(days=rng.randint(30, 1500)),
                    withdrawn_at=now - datetime.timedelta(days=rng.randint(1, 29))
                    if rng.random() < 0.05
                    else None,
                )
    return people


def _build_governance(orgs: list[Organisation]) -> None:
    college_of = {
        Kind.STATE: College.STATE,
        Kind.REGION: College.REGION,
        Kind.DEPARTMENT: College.DEPARTMENTS,
        Kind.EPCI: College.EPCI_COMMUNES,
        Kind.COMMUNE: College.EPCI_COMMUNES,
        Kind.SOCIAL_LANDLORD: College.OTHER_PARTNERS,
        Kind.CAF: College.OTHER_PARTNERS,
    }
    members = [o for o in orgs if o.kind in college_of]
    for index, org in enumerate(members[:24]):
        membership = GovernanceMembership.objects.create(
            organisation=org, college=college_of[org.kind], started_on=datetime.date(2017 + index % 3, 1, 1)
        )
        for role, position in zip(
            Representative.Role.values, org.positions.filter(is_active=True).order_by("pk")[:2], strict=False
        ):
            Representative.objects.create(membership=membership, person=position.person, role=role)


def _configure_site() -> None:
    config = DsfrConfig.objects.first() or DsfrConfig(language="fr")
    config.site_title = "Centre de ressources politique de la ville — Hauts-de-France"
    config.site_tagline = (
        "Réseau, ressources et qualification des acteurs de la politique de la ville (démonstration)"
    )
    config.header_brand_html = "République<br>française"
    config.footer_brand_html = "République<br>française"
    config.notice_title = DEMO_NOTICE
    config.save()


@transaction.atomic
def load_demo(seed: int = 2020, people: int = 300) -> list[str]:
    _configure_site()
    if Organisation.objects.filter(is_demo=True).exists():
        return [
            "Annuaire de démonstration déjà présent : rien à faire.",
            *load_demo_years(seed),
            *load_demo_library(),
        ]
    if not Region.objects.filter(code=REGION).exists() or not EPCI.objects.exists():
        raise RuntimeError(
            "Le référentiel territorial doit être importé avant la démonstration (import_territory)."
        )
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    orgs = _build_organisations(rng)
    persons = _build_people(rng, fake, orgs, people)
    _build_governance(orgs)
    return [
        f"Démonstration : {len(orgs)} organisations et {len(persons)} personnes fictives créées.",
        *load_demo_years(seed),
        *load_demo_library(),
    ]
