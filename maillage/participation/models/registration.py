"""Registrations of people to sessions, with the waiting list."""

import uuid

from django.db import models
from django.utils import timezone

from maillage.network.models import Organisation, Person, Position
from maillage.programme.models import Session
from maillage.territory.models import Commune


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def holding_a_seat(self):
        """Confirmed registrations and those awaiting approval both hold a seat."""
        return self.filter(status__in=Registration.HOLDING_STATUSES)

    def active(self):
        """Registrations that still count: holding a seat or on the waiting list."""
        return self.filter(status__in=Registration.ACTIVE_STATUSES)

    def with_declared_organisation(self):
        """An organisation was typed in the form but not yet matched to the directory."""
        return self.filter(organisation__isnull=True).exclude(organisation_name="")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "a_valider", "à valider par l'équipe"
        CONFIRMED = "confirmee", "confirmée"
        WAITING = "attente", "en liste d'attente"
        CANCELLED = "annulee", "annulée"
        REJECTED = "refusee", "refusée"

    HOLDING_STATUSES = (Status.CONFIRMED, Status.PENDING)  # a pending registration holds its seat

    class Source(models.TextChoices):
        PUBLIC_FORM = "formulaire", "formulaire public"
        STAFF = "equipe", "saisie par l'équipe"
        WALK_IN = "sur_place", "présent sans inscription"

    session = models.ForeignKey(
        Session, verbose_name="séance", on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name="personne", on_delete=models.PROTECT, related_name="registrations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(
        "organisation déclarée",
        max_length=255,
        blank=True,
        help_text="Nom saisi, à rapprocher de l'annuaire.",
    )
    function = models.CharField("fonction", max_length=20, choices=Position.Function.choices, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="territoire", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField("origine", max_length=12, choices=Source.choices, default=Source.PUBLIC_FORM)
    group = models.UUIDField("inscription groupée (cycle)", null=True, blank=True, editable=False)
    token = models.UUIDField("jeton", default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("inscrit le", default=timezone.now)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    confirmation_sent_at = models.DateTimeField("confirmation envoyée le", null=True, blank=True)
    submission_key = models.UUIDField(
        "identifiant du formulaire envoyé",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Le même formulaire envoyé deux fois ne crée qu'une inscription.",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription"
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="unique_registration_per_session")
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.person} — {self.session}"

    ACTIVE_STATUSES = (Status.CONFIRMED, Status.PENDING, Status.WAITING)

    @property
    def holds_seat(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES
