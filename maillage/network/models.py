"""The network directory: organisations, people, their positions, GIP governance and consent."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from maillage.core.text import fold
from maillage.territory.models import EPCI, QPV, CityContract, Commune


class OrganisationQuerySet(models.QuerySet):
    def search(self, query: str):
        """Case- and accent-insensitive match on the name or acronym."""
        folded = fold(query)
        return self.filter(search_name__contains=folded) if folded else self

    def in_department(self, code: str):
        """Seated in, or acting on a commune or QPV of, one department."""
        return self.filter(
            Q(commune__department__code=code)
            | Q(communes__department__code=code)
            | Q(qpvs__department__code=code)
            | Q(epcis__communes__department__code=code)
        ).distinct()

    def linked_to(self, *, communes=None, epcis=None, qpvs=None):
        """Organisations linked to a territory: seat commune or intervention communes, EPCI, QPV."""
        condition = Q(pk__in=[])
        if communes is not None:
            condition |= Q(commune__in=communes) | Q(communes__in=communes)
        if epcis is not None:
            condition |= Q(epcis__in=epcis) | Q(commune__epci__in=epcis)
        if qpvs is not None:
            condition |= Q(qpvs__in=qpvs)
        return self.filter(pk__in=self.filter(condition).values("pk"))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMMUNE = "commune", "commune"
        EPCI = "epci", "EPCI"
        DEPARTMENT = "departement", "département"
        REGION = "region", "région"
        STATE = "etat", "service de l'État ou préfecture"
        SOCIAL_LANDLORD = "bailleur", "bailleur social"
        ASSOCIATION = "association", "association"
        CAF = "caf", "CAF"
        FRANCE_TRAVAIL = "france_travail", "France Travail"
        EDUCATION = "education", "éducation"
        HEALTH = "sante", "santé"
        CITIZEN_COUNCIL = "conseil_citoyen", "conseil citoyen"
        OTHER = "autre", "autre"

    name = models.CharField("nom", max_length=255)
    acronym = models.CharField("sigle", max_length=50, blank=True)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    email = models.EmailField("courriel générique", blank=True)
    phone = models.CharField("téléphone du standard", max_length=30, blank=True)
    website = models.URLField("site web", blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune du siège",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    communes = models.ManyToManyField(
        Commune, verbose_name="communes d'intervention", blank=True, related_name="organisations"
    )
    epcis = models.ManyToManyField(
        EPCI, verbose_name="EPCI d'intervention", blank=True, related_name="organisations"
    )
    qpvs = models.ManyToManyField(
        QPV, verbose_name="QPV d'intervention", blank=True, related_name="organisations"
    )
    city_contracts = models.ManyToManyField(
        CityContract,
        through="CityContractRole",
        verbose_name="contrats de ville",
        related_name="organisations",
    )
    is_demo = models.BooleanField("donnée fictive (démonstration)", default=False)
    search_name = models.CharField(max_length=320, editable=False, db_index=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.name} {self.acronym}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("network:organisation", args=[self.pk])


class CityContractRole(models.Model):
    class Role(models.TextChoices):
        PILOT = "pilote", "pilote"
        SIGNATORY = "signataire", "signataire"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, verbose_name="organisation")
    city_contract = models.ForeignKey(CityContract, on_delete=models.CASCADE, verbose_name="contrat de ville")
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.SIGNATORY)

    class Meta:
        verbose_name = "rôle dans un contrat de ville"
        verbose_name_plural = "rôles dans les contrats de ville"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "city_contract", "role"], name="unique_contract_role"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_role_display()} — {self.city_contract}"


class PersonQuerySet(models.QuerySet):
    def search(self, query: str):
        folded = fold(query)
        return (
            self.filter(Q(search_name__contains=folded) | Q(email__icontains=query.strip()))
            if folded
            else self
        )

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def with_consent(self, purpose: str):
        return self.filter(consents__purpose=purpose, consents__withdrawn_at__isnull=True).distinct()

    def to_review(self):
        """Flagged by `flag_inactive_people`: no activity for the retention period."""
        return self.filter(retention_flagged_at__isnull=False, anonymised_at__isnull=True)

    def in_department(self, code: str):
        return self.filter(
            pk__in=Position.objects.filter(is_active=True)
            .filter(
                Q(organisation__commune__department__code=code)
                | Q(organisation__communes__department__code=code)
                | Q(organisation__qpvs__department__code=code)
            )
            .values("person")
        )

    def with_function(self, function: str):
        return self.filter(pk__in=Position.objects.filter(is_active=True, function=function).values("person"))

    def in_organisation_kind(self, kind: str):
        return self.filter(
            pk__in=Position.objects.filter(is_active=True, organisation__kind=kind).values("person")
        )


class Person(models.Model):
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    is_active = models.BooleanField("actif", default=True)
    notes = models.TextField("notes internes", blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Position", verbose_name="organisations", related_name="people"
    )
    is_demo = models.BooleanField("donnée fictive (démonstration)", default=False)
    last_activity_at = models.DateTimeField("dernière activité", null=True, blank=True)
    retention_flagged_at = models.DateTimeField("signalée pour conservation (RGPD)", null=True, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)
    search_name = models.CharField(max_length=220, editable=False, db_index=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "personne"
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="unique_person_email"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.search_name = fold(f"{self.first_name} {self.last_name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("network:person", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def has_consent(self, purpose: str) -> bool:
        return self.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class Position(models.Model):
    """A person's function in an organisation."""

    class Function(models.TextChoices):
        PROJECT_LEAD = "chef_projet", "chef de projet contrat de ville"
        PREFECT_DELEGATE = "delegue_prefet", "délégué du préfet"
        ELECTED = "elu", "élu"
        AGENT = "agent", "agent"
        PROFESSIONAL = "professionnel", "professionnel"
        VOLUNTEER = "benevole", "bénévole"
        RESIDENT = "habitant", "habitant"
        OTHER = "autre", "autre"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name="personne"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="positions", verbose_name="organisation"
    )
    function = models.CharField("fonction", max_length=20, choices=Function.choices, default=Function.AGENT)
    title = models.CharField("intitulé du poste", max_length=200, blank=True)
    is_active = models.BooleanField("en poste", default=True)
    started_on = models.DateField("depuis le", null=True, blank=True)
    ended_on = models.DateField("jusqu'au", null=True, blank=True)

    class Meta:
        verbose_name = "fonction"
        ordering = ["-is_active", "organisation__name"]

    def __str__(self):
        return f"{self.person} — {self.get_function_display()} — {self.organisation}"


class GovernanceMembership(models.Model):
    """Membership of an organisation in the GIP, within a college."""

    class College(models.TextChoices):
        STATE = "etat", "État"
        REGION = "region", "Région"
        DEPARTMENTS = "departements", "Départements"
        EPCI_COMMUNES = "epci_communes", "EPCI et communes"
        OTHER_PARTNERS = "autres", "autres partenaires"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name="organisation"
    )
    college = models.CharField("collège", max_length=20, choices=College.choices)
    started_on = models.DateField("adhésion le")
    ended_on = models.DateField("fin d'adhésion", null=True, blank=True)
    representatives = models.ManyToManyField(
        Person, through="Representative", verbose_name="représentants", related_name="memberships"
    )

    class Meta:
        verbose_name = "membre du GIP"
        verbose_name_plural = "membres du GIP"
        ordering = ["college", "organisation__name"]

    def __str__(self):
        return f"{self.organisation} ({self.get_college_display()})"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)


class Representative(models.Model):
    class Role(models.TextChoices):
        TITULAR = "titulaire", "titulaire"
        SUBSTITUTE = "suppleant", "suppléant"

    membership = models.ForeignKey(GovernanceMembership, on_delete=models.CASCADE, verbose_name="adhésion")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, verbose_name="personne")
    role = models.CharField("rôle", max_length=10, choices=Role.choices, default=Role.TITULAR)

    class Meta:
        verbose_name = "représentant"
        constraints = [models.UniqueConstraint(fields=["membership", "person"], name="unique_representative")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Consent(models.Model):
    """The consent register: one row per person, purpose and grant; withdrawal is dated, never deleted."""

    class Purpose(models.TextChoices):
        EVENTS = "evenements", "communications sur les événements"
        NEWSLETTER = "lettre", "lettre d'information"
        DOC_ALERTS = "alertes", "alertes documentaires"
        DIRECTORY = "annuaire", "mention dans l'annuaire"

    class Source(models.TextChoices):
        FORM = "formulaire", "formulaire"
        IMPORT = "import", "import"
        STAFF = "equipe", "saisie par l'équipe"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name="personne"
    )
    purpose = models.CharField("finalité", max_length=12, choices=Purpose.choices)
    given_at = models.DateTimeField("donné le", default=timezone.now)
    source = models.CharField("origine", max_length=12, choices=Source.choices)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)

    class Meta:
        verbose_name = "consentement"
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.person} — {self.get_purpose_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ImportBatchQuerySet(models.QuerySet):
    def stale(self, days: int = 7):
        """Uploads never applied after `days` days: their personal data is not kept."""
        limit = timezone.now() - timedelta(days=days)
        return self.filter(applied_at__isnull=True, created_at__lt=limit)


class ImportBatch(models.Model):
    """A spreadsheet uploaded for the directory import, kept between the mapping, dry run and apply steps.

    The file's bytes are erased once the import is applied (only the summary stays).
    """

    filename = models.CharField("nom du fichier", max_length=255)
    data = models.BinaryField("contenu du fichier", editable=False)
    size = models.PositiveIntegerField("taille (octets)", default=0)
    header = models.JSONField("colonnes du fichier", default=list)
    mapping = models.JSONField("correspondance des colonnes", default=dict, blank=True)
    summary = models.JSONField("bilan", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("déposé le", auto_now_add=True)
    applied_at = models.DateTimeField("importé le", null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "import de l'annuaire"
        verbose_name_plural = "imports de l'annuaire"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} — {self.created_at:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("network:import_preview", args=[self.pk])

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None
