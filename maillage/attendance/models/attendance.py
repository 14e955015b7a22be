"""Proof of attendance per half-day: sheets, check-in, self check-in, and remote connection logs."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from maillage.participation.models import Registration
from maillage.programme.models import Session
from maillage.programme.models.session import HALF_DAY_LABELS


class Attendance(models.Model):
    class Slot(models.TextChoices):
        MORNING = "matin", HALF_DAY_LABELS["matin"]
        AFTERNOON = "apres_midi", HALF_DAY_LABELS["apres_midi"]

    class Source(models.TextChoices):
        STAFF = "equipe", "pointage par l'équipe"
        SELF = "auto", "émargement par le participant"
        CONNECTION_LOG = "connexion", "journal de connexion"

    registration = models.ForeignKey(
        Registration, verbose_name="inscription", on_delete=models.CASCADE, related_name="attendances"
    )
    slot = models.CharField("demi-journée", max_length=10, choices=Slot.choices)
    present = models.BooleanField("présent", default=True)
    source = models.CharField("origine", max_length=10, choices=Source.choices, default=Source.STAFF)
    recorded_at = models.DateTimeField("relevé le", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "présence"
        constraints = [
            models.UniqueConstraint(fields=["registration", "slot"], name="unique_attendance_slot")
        ]

    def __str__(self):
        state = "présent" if self.present else "absent"
        return f"{self.registration.person} — {self.get_slot_display()} — {state}"


class ConnectionLog(models.Model):
    """An imported connection log of a remote session (CSV: name, email, join and leave times)."""

    session = models.ForeignKey(
        Session, verbose_name="séance", on_delete=models.CASCADE, related_name="connection_logs"
    )
    filename = models.CharField("fichier", max_length=255)
    threshold = models.DecimalField(
        "part minimale de la demi-journée", max_digits=3, decimal_places=2, default=0.5
    )
    imported_at = models.DateTimeField("importé le", default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "journal de connexion"
        verbose_name_plural = "journaux de connexion"
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.filename} ({self.session})"


class ConnectionLogRow(models.Model):
    log = models.ForeignKey(
        ConnectionLog, verbose_name="journal", on_delete=models.CASCADE, related_name="rows"
    )
    line = models.PositiveIntegerField("ligne")
    name = models.CharField("nom", max_length=255, blank=True)
    email = models.EmailField("courriel", blank=True)
    joined_at = models.DateTimeField("connexion")
    left_at = models.DateTimeField("déconnexion")
    registration = models.ForeignKey(
        Registration, verbose_name="inscription rapprochée", null=True, blank=True, on_delete=models.SET_NULL
    )
    ignored = models.BooleanField("écartée par l'équipe", default=False)

    class Meta:
        verbose_name = "ligne de journal de connexion"
        verbose_name_plural = "lignes de journal de connexion"
        ordering = ["log", "line"]

    def __str__(self):
        return f"{self.name or self.email} ({self.joined_at:%H:%M}–{self.left_at:%H:%M})"
