"""Actions of a programme, their partners and the history of their status (postponed, cancelled…)."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from maillage.network.models import Organisation, Position
from maillage.programme.models.programme import Programme, Theme
from maillage.territory.models import EPCI, QPV, CityContract, Commune, Department


class StatusCause(models.Model):
    """Managed list of causes for postponing or cancelling an action (health crisis, staff vacancy…)."""

    name = models.CharField("cause", max_length=120, unique=True)
    slug = models.SlugField("identifiant", unique=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "cause de report ou d'annulation"
        verbose_name_plural = "causes de report ou d'annulation"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Action(models.Model):
    class AnctType(models.TextChoices):
        NETWORK = "animation", "animation de réseau"
        WORKING_GROUP = "groupe_travail", "groupe de travail"
        INFORMATION = "information", "temps d'information"
        CYCLE = "cycle", "cycle de qualification"
        TRAINING = "formation", "formation"
        SUPPORT = "accompagnement", "accompagnement d'un territoire"

    class Status(models.TextChoices):
        PLANNED = "prevue", "prévue"
        SCHEDULED = "programmee", "programmée"
        REALIZED = "realisee", "réalisée"
        POSTPONED = "reportee", "reportée"
        CANCELLED = "annulee", "annulée"

    programme = models.ForeignKey(
        Programme, verbose_name="programme", on_delete=models.PROTECT, related_name="actions"
    )
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True)
    anct_type = models.CharField("type (nomenclature ANCT)", max_length=20, choices=AnctType.choices)
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", blank=True, related_name="actions")
    target_publics = models.JSONField(
        "publics visés", default=list, blank=True, help_text="Fonctions visées (chef de projet, élu…)"
    )
    departments = models.ManyToManyField(
        Department, verbose_name="départements", blank=True, related_name="+"
    )
    epcis = models.ManyToManyField(EPCI, verbose_name="EPCI", blank=True, related_name="+")
    communes = models.ManyToManyField(Commune, verbose_name="communes", blank=True, related_name="+")
    qpvs = models.ManyToManyField(QPV, verbose_name="QPV", blank=True, related_name="actions")
    city_contracts = models.ManyToManyField(
        CityContract, verbose_name="contrats de ville", blank=True, related_name="actions"
    )
    partners = models.ManyToManyField(
        Organisation, through="ActionPartner", verbose_name="partenaires", blank=True, related_name="actions"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="chargés de mission", blank=True, related_name="actions"
    )
    planned_half_days = models.PositiveSmallIntegerField("demi-journées prévues", default=0)
    voted_half_days = models.PositiveSmallIntegerField(
        "demi-journées prévues au programme voté", null=True, blank=True, editable=False
    )
    status = models.CharField("statut", max_length=12, choices=Status.choices, default=Status.PLANNED)
    status_cause = models.ForeignKey(
        StatusCause,
        verbose_name="cause",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    status_comment = models.TextField("commentaire sur le statut", blank=True)
    postponed_to = models.DateField("reportée au", null=True, blank=True)
    is_public = models.BooleanField("visible sur le portail", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "action"
        ordering = ["programme", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:action", args=[self.pk])

    def get_target_publics_display(self) -> list[str]:
        labels = dict(Position.Function.choices)
        return [labels.get(code, code) for code in self.target_publics]

    @property
    def is_cycle(self) -> bool:
        return self.anct_type == self.AnctType.CYCLE

    @property
    def needs_cause(self) -> bool:
        return self.status in (self.Status.POSTPONED, self.Status.CANCELLED)

    @transaction.atomic
    def change_status(self, status, *, cause=None, comment="", postponed_to=None, user=None):
        """Move to `status`, keeping the history. Postponing or cancelling requires a cause."""
        if status not in self.Status.values:
            raise ValueError(f"Statut inconnu : {status}")
        if status in (self.Status.POSTPONED, self.Status.CANCELLED) and cause is None:
            raise ValueError("Indiquez la cause du report ou de l'annulation.")
        change = ActionStatusChange.objects.create(
            action=self,
            from_status=self.status,
            to_status=status,
            cause=cause,
            comment=comment,
            postponed_to=postponed_to if status == self.Status.POSTPONED else None,
            changed_by=user,
        )
        self.status = status
        self.status_cause = cause if status in (self.Status.POSTPONED, self.Status.CANCELLED) else None
        self.status_comment = comment
        self.postponed_to = change.postponed_to
        self.save(update_fields=["status", "status_cause", "status_comment", "postponed_to", "updated_at"])
        return change


class ActionPartner(models.Model):
    class Role(models.TextChoices):
        PARTNER = "partenaire", "partenaire"
        CO_ORGANISER = "co_organisateur", "co-organisateur"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, verbose_name="action")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name="organisation")
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        verbose_name = "partenaire de l'action"
        verbose_name_plural = "partenaires de l'action"
        constraints = [
            models.UniqueConstraint(fields=["action", "organisation"], name="unique_action_partner")
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class ActionStatusChange(models.Model):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="status_changes", verbose_name="action"
    )
    from_status = models.CharField("ancien statut", max_length=12, choices=Action.Status.choices)
    to_status = models.CharField("nouveau statut", max_length=12, choices=Action.Status.choices)
    cause = models.ForeignKey(
        StatusCause, verbose_name="cause", null=True, blank=True, on_delete=models.PROTECT
    )
    comment = models.TextField("commentaire", blank=True)
    postponed_to = models.DateField("reportée au", null=True, blank=True)
    changed_at = models.DateTimeField("le", default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "historique des statuts"
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.action} : {self.get_from_status_display()} → {self.get_to_status_display()}"
