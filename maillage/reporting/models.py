"""The report's narrative, the General Assembly that adopts it, and the frozen versions of the report.

A report covers one year and one centre (volet) or, with `centre` empty, the whole structure.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from maillage.network.models import GovernanceMembership, Person
from maillage.programme.models import Centre, Programme

WHOLE = "ensemble"  # the URL segment of the whole structure's report


def scope_slug(centre) -> str:
    return centre.slug if centre else WHOLE


def scope_label(centre) -> str:
    return str(centre) if centre else "ensemble de la structure"


def _unique_per_scope(name: str, *fields: str) -> list[models.UniqueConstraint]:
    """Unique per (year, centre), also when centre is empty (NULLs are distinct in SQL)."""
    return [
        models.UniqueConstraint(
            fields=["year", "centre", *fields], condition=Q(centre__isnull=False), name=f"{name}_centre"
        ),
        models.UniqueConstraint(
            fields=["year", *fields], condition=Q(centre__isnull=True), name=f"{name}_whole"
        ),
    ]


class ScopedQuerySet(models.QuerySet):
    def for_scope(self, year: int, centre=None):
        return (
            self.filter(year=year, centre=centre) if centre else self.filter(year=year, centre__isnull=True)
        )


class Narrative(models.Model):
    """What staff write for the year: introduction, highlights, staffing changes, outlook."""

    SECTIONS = (
        ("introduction", "Introduction"),
        ("highlights", "Faits marquants"),
        ("staffing", "Mouvements de personnel"),
        ("outlook", "Perspectives"),
    )

    year = models.PositiveSmallIntegerField("année")
    centre = models.ForeignKey(
        Centre, verbose_name="volet", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    introduction = models.TextField("introduction", blank=True)
    highlights = models.TextField("faits marquants", blank=True)
    staffing = models.TextField("mouvements de personnel", blank=True)
    outlook = models.TextField("perspectives", blank=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "texte du bilan"
        verbose_name_plural = "textes du bilan"
        constraints = _unique_per_scope("unique_narrative")

    def __str__(self):
        return f"Textes du bilan {self.year} — {scope_label(self.centre)}"

    def as_dict(self) -> dict[str, str]:
        return {key: getattr(self, key) for key, _ in self.SECTIONS}


class Assembly(models.Model):
    """A General Assembly of the structure (GIP): who was there, quorum, resolutions."""

    class Format(models.TextChoices):
        ONSITE = "presentiel", "en présentiel"
        VIDEO = "visio", "en visioconférence"

    date = models.DateField("date")
    format = models.CharField("format", max_length=10, choices=Format.choices, default=Format.ONSITE)
    place = models.CharField("lieu", max_length=200, blank=True)
    chair = models.ForeignKey(
        Person, verbose_name="présidence de séance", null=True, blank=True, on_delete=models.SET_NULL
    )
    members_present = models.ManyToManyField(
        GovernanceMembership, verbose_name="membres présents ou représentés", blank=True, related_name="+"
    )
    quorum_reached = models.BooleanField("quorum atteint", default=False)
    notes = models.TextField("observations", blank=True)
    created_at = models.DateTimeField("saisie le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "assemblée générale"
        verbose_name_plural = "assemblées générales"
        ordering = ["-date"]

    def __str__(self):
        return f"Assemblée générale du {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("reporting:assembly", args=[self.pk])


class Resolution(models.Model):
    """A deliberation of the Assembly: adopt the bilan of N−1, amend it, or vote the programme of N+1."""

    class Kind(models.TextChoices):
        ADOPT_REPORT = "bilan", "adoption du bilan d'activité"
        AMEND_REPORT = "amendement", "amendement du bilan d'activité"
        VOTE_PROGRAMME = "programme", "vote du programme d'actions"

    assembly = models.ForeignKey(
        Assembly, verbose_name="assemblée", on_delete=models.PROTECT, related_name="resolutions"
    )
    reference = models.CharField("numéro de délibération", max_length=100)
    kind = models.CharField("objet", max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("année du bilan", null=True, blank=True)
    centre = models.ForeignKey(
        Centre, verbose_name="volet", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, verbose_name="programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adopted = models.BooleanField("adoptée", default=True)
    votes_for = models.PositiveSmallIntegerField("pour", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("contre", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField("abstentions", null=True, blank=True)
    text = models.TextField("texte ou motif", blank=True)

    class Meta:
        verbose_name = "délibération"
        ordering = ["assembly", "pk"]

    def __str__(self):
        return f"{self.reference} — {self.get_kind_display()}"


class ReportVersion(models.Model):
    """A frozen report: the figures and texts as adopted, and the PDF the Assembly received."""

    year = models.PositiveSmallIntegerField("année")
    centre = models.ForeignKey(
        Centre, verbose_name="volet", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField("version")
    figures = models.JSONField("indicateurs")
    narrative = models.JSONField("textes", default=dict)
    pdf = models.FileField("PDF", upload_to="bilans/", blank=True)
    resolution = models.ForeignKey(
        Resolution, verbose_name="délibération", null=True, blank=True, on_delete=models.PROTECT
    )
    reason = models.TextField("motif", blank=True)
    created_at = models.DateTimeField("figé le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "version adoptée du bilan"
        verbose_name_plural = "versions adoptées du bilan"
        ordering = ["year", "centre", "number"]
        constraints = _unique_per_scope("unique_report_version", "number")

    def __str__(self):
        return f"Bilan {self.year} — {scope_label(self.centre)} — version {self.number}"
