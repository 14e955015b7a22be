"""Centres (volets) of a structure, the theme thesaurus, and the yearly programme voted by the Assembly."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


class Centre(models.Model):
    """A centre (volet) hosted by the structure, with its own team and programme."""

    name = models.CharField("nom", max_length=200)
    short_name = models.CharField("nom court", max_length=50)
    slug = models.SlugField("identifiant", unique=True)
    description = models.TextField("présentation", blank=True)
    region = models.ForeignKey(
        "territory.Region",
        verbose_name="région couverte",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="centres",
        help_text="Sert au contexte territorial du bilan (contrats de ville, QPV, projets NPNRU de la région).",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="équipe", blank=True, related_name="centres"
    )
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "centre (volet)"
        verbose_name_plural = "centres (volets)"
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Theme(models.Model):
    """The managed thesaurus of themes, shared by actions and resources."""

    name = models.CharField("nom", max_length=150, unique=True)
    slug = models.SlugField("identifiant", max_length=150, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="thème parent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_cross_cutting = models.BooleanField("priorité transversale", default=False)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "thème"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:150]
        super().save(*args, **kwargs)


class Programme(models.Model):
    """The programme of actions of one centre for one year: draft, voted by the Assembly, then revised."""

    class Status(models.TextChoices):
        DRAFT = "brouillon", "en préparation"
        VOTED = "vote", "voté par l'assemblée générale"
        REVISED = "revise", "révisé en cours d'année"

    centre = models.ForeignKey(
        Centre, verbose_name="centre", on_delete=models.PROTECT, related_name="programmes"
    )
    year = models.PositiveSmallIntegerField("année")
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.DRAFT)
    voted_on = models.DateField("voté le", null=True, blank=True)
    deliberation_ref = models.CharField("référence de la délibération", max_length=100, blank=True)
    introduction = models.TextField("présentation", blank=True)

    class Meta:
        verbose_name = "programme d'actions"
        verbose_name_plural = "programmes d'actions"
        ordering = ["-year", "centre__name"]
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="unique_programme_year")]

    def __str__(self):
        return f"Programme {self.year} — {self.centre}"

    def get_absolute_url(self):
        return reverse("programme:programme", args=[self.pk])

    @property
    def is_voted(self) -> bool:
        return self.status != self.Status.DRAFT

    @transaction.atomic
    def vote(self, voted_on, deliberation_ref: str) -> None:
        """Record the Assembly's vote; the planned half-days of every action are frozen as voted."""
        if self.is_voted:
            raise ValueError("Ce programme a déjà été voté.")
        self.status, self.voted_on, self.deliberation_ref = self.Status.VOTED, voted_on, deliberation_ref
        self.save(update_fields=["status", "voted_on", "deliberation_ref"])
        for action in self.actions.all():
            action.voted_half_days = action.planned_half_days
            action.save(update_fields=["voted_half_days"])

    @transaction.atomic
    def revise(self, summary: str, reason: str, user=None) -> "ProgrammeRevision":
        if not self.is_voted:
            raise ValueError("Seul un programme voté peut être révisé ; un brouillon se modifie directement.")
        self.status = self.Status.REVISED
        self.save(update_fields=["status"])
        return self.revisions.create(summary=summary, reason=reason, created_by=user)


class ProgrammeRevision(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name="programme", on_delete=models.CASCADE, related_name="revisions"
    )
    created_at = models.DateTimeField("révisé le", default=timezone.now)
    summary = models.TextField("ce qui change")
    reason = models.TextField("pourquoi")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "révision du programme"
        verbose_name_plural = "révisions du programme"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.programme} — révision du {self.created_at:%d/%m/%Y}"
