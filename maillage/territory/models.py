"""The territorial referential: official geography and the urban-policy lists built on it.

Sources and vintages are stated on each model; the import commands live in `management/commands/`.
"""

from django.db import models
from django.urls import reverse

from maillage.core.text import fold


class NamedQuerySet(models.QuerySet):
    def search(self, query: str):
        """Case- and accent-insensitive match on the name ("epinay" finds "Épinay-sous-Sénart")."""
        folded = fold(query)
        if not folded:
            return self.none()
        condition = models.Q(search_name__contains=folded)
        if any(f.name == "code" for f in self.model._meta.fields):
            condition |= models.Q(code__iexact=query.strip())
        return self.filter(condition)


class SearchableModel(models.Model):
    search_name = models.CharField("nom normalisé", max_length=255, editable=False, db_index=True)

    objects = NamedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)


class Region(models.Model):
    """Region, from INSEE's COG 2026 (via @etalab/decoupage-administratif 6.0.0)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    cog_vintage = models.PositiveSmallIntegerField("millésime COG", default=2026)

    class Meta:
        verbose_name = "région"
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:region", args=[self.code])


class Department(models.Model):
    """Department, from INSEE's COG 2026 (via @etalab/decoupage-administratif 6.0.0)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(
        Region, verbose_name="région", on_delete=models.PROTECT, related_name="departments"
    )
    cog_vintage = models.PositiveSmallIntegerField("millésime COG", default=2026)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("territory:department", args=[self.code])


class EPCI(SearchableModel):
    """EPCI à fiscalité propre, from the DGCL list epcicom2026 (via @etalab/decoupage-administratif 6.0.0)."""

    class Kind(models.TextChoices):
        CC = "CC", "communauté de communes"
        CA = "CA", "communauté d'agglomération"
        CU = "CU", "communauté urbaine"
        METRO = "METRO", "métropole"
        MET69 = "MET69", "Métropole de Lyon"

    siren = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("nature juridique", max_length=5, choices=Kind.choices)
    population = models.PositiveIntegerField("population totale", null=True, blank=True)
    cog_vintage = models.PositiveSmallIntegerField("millésime", default=2026)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:epci", args=[self.siren])


class Commune(SearchableModel):
    """Commune (current, delegated, associated, or municipal arrondissement), from INSEE's COG 2026."""

    class Kind(models.TextChoices):
        CURRENT = "commune-actuelle", "commune"
        DELEGATED = "commune-deleguee", "commune déléguée"
        ASSOCIATED = "commune-associee", "commune associée"
        ARRONDISSEMENT = "arrondissement-municipal", "arrondissement municipal"

    insee_code = models.CharField("code INSEE", max_length=5)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=30, choices=Kind.choices, default=Kind.CURRENT)
    department = models.ForeignKey(
        Department, verbose_name="département", on_delete=models.PROTECT, related_name="communes", null=True
    )
    epci = models.ForeignKey(
        EPCI, verbose_name="EPCI", on_delete=models.SET_NULL, related_name="communes", null=True, blank=True
    )
    parent = models.ForeignKey(
        "self", verbose_name="commune de rattachement", on_delete=models.SET_NULL, null=True, blank=True
    )
    population = models.PositiveIntegerField("population", null=True, blank=True)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True)
    cog_vintage = models.PositiveSmallIntegerField("millésime COG", default=2026)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["insee_code", "kind"], name="unique_commune_code_kind")
        ]

    def __str__(self):
        return f"{self.name} ({self.insee_code})"

    def get_absolute_url(self):
        return reverse("territory:commune", args=[self.pk])


class QPV(SearchableModel):
    """Quartier prioritaire de la politique de la ville.

    List 2015 (codes QPdddnnn): INSEE/ANCT "DEMO_2022" statistics file, 1,400 of the 1,514 QPV.
    List 2024 (codes QNdddnnX): ANCT list as published by anct-carto (1,493 QPV).
    Communes and EPCI links are derived from COG 2026 (see shared/data/SOURCES.md).
    """

    class ListYear(models.IntegerChoices):
        LIST_2015 = 2015, "liste 2015 (2015-2023)"
        LIST_2024 = 2024, "liste 2024 (Quartiers 2030)"

    code = models.CharField("code", max_length=10, unique=True)
    name = models.CharField("nom", max_length=255)
    list_year = models.PositiveSmallIntegerField("liste", choices=ListYear.choices)
    department = models.ForeignKey(
        Department, verbose_name="département", on_delete=models.PROTECT, related_name="qpvs"
    )
    communes = models.ManyToManyField(Commune, verbose_name="communes", related_name="qpvs", blank=True)
    epcis = models.ManyToManyField(EPCI, verbose_name="EPCI", related_name="qpvs", blank=True)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)

    class Meta:
        verbose_name = "QPV"
        verbose_name_plural = "QPV"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("territory:qpv", args=[self.code])


class CityContract(SearchableModel):
    """Contrat de ville. Generation 2015-2023 (codes CVnnn): ANCT "ci-ville" data (434 rows, 433 codes).

    The source has no contrat → QPV link: it is derived here from the 2015 QPVs of the contract's EPCI
    when that EPCI still exists in COG 2026. Staff can complete it. After EPCI mergers, a contract can
    replace earlier ones (`replaces`).
    """

    class Generation(models.TextChoices):
        GEN_2015 = "2015-2023", "2015-2023"
        GEN_2024 = "2024-2030", "2024-2030 (Engagements Quartiers 2030)"

    code = models.CharField("code", max_length=10, unique=True)
    name = models.CharField("nom", max_length=255)
    generation = models.CharField("génération", max_length=9, choices=Generation.choices)
    departments = models.ManyToManyField(
        Department, verbose_name="départements", related_name="city_contracts"
    )
    epci = models.ForeignKey(
        EPCI,
        verbose_name="EPCI",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="city_contracts",
    )
    source_epci_siren = models.CharField("SIREN de l'EPCI signataire (source)", max_length=9, blank=True)
    communes = models.ManyToManyField(
        Commune, verbose_name="communes", related_name="city_contracts", blank=True
    )
    qpvs = models.ManyToManyField(QPV, verbose_name="QPV", related_name="city_contracts", blank=True)
    replaces = models.ManyToManyField(
        "self", verbose_name="remplace", symmetrical=False, related_name="replaced_by", blank=True
    )
    qpv_population = models.PositiveIntegerField("population des QPV", null=True, blank=True)

    class Meta:
        verbose_name = "contrat de ville"
        verbose_name_plural = "contrats de ville"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("territory:city_contract", args=[self.code])


class RenewalProject(SearchableModel):
    """NPNRU urban renewal project (ANRU). No open file exists: entered by staff or imported from CSV."""

    class Kind(models.TextChoices):
        QIN = "QIN", "quartier d'intérêt national (QIN)"
        QIR = "QIR", "quartier d'intérêt régional (QIR)"

    name = models.CharField("nom", max_length=255, unique=True)
    kind = models.CharField("intérêt", max_length=3, choices=Kind.choices)
    qpvs = models.ManyToManyField(QPV, verbose_name="QPV concernés", related_name="renewal_projects")

    class Meta:
        verbose_name = "projet de renouvellement urbain (NPNRU)"
        verbose_name_plural = "projets de renouvellement urbain (NPNRU)"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:renewal_project", args=[self.pk])


class ImportRun(models.Model):
    """One run of an import command: which file, its checksum, and what changed."""

    layout = models.CharField("format", max_length=50)
    source = models.CharField("source", max_length=500)
    checksum = models.CharField("empreinte SHA-256", max_length=64)
    created = models.PositiveIntegerField("créés", default=0)
    updated = models.PositiveIntegerField("modifiés", default=0)
    unchanged = models.PositiveIntegerField("inchangés", default=0)
    finished_at = models.DateTimeField("terminé le", auto_now_add=True)

    class Meta:
        verbose_name = "import de référentiel"
        verbose_name_plural = "imports de référentiel"
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.layout} — {self.finished_at:%d/%m/%Y %H:%M}"
