"""Sessions of an action: when, where or how (on-site, remote, hybrid), capacity and registration window."""

import datetime
import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone

from maillage.programme.models.action import Action, StatusCause
from maillage.territory.models import Commune

MORNING = ("matin", datetime.time(8, 0), datetime.time(12, 30))
AFTERNOON = ("apres_midi", datetime.time(13, 30), datetime.time(19, 0))
HALF_DAYS = (MORNING, AFTERNOON)
HALF_DAY_LABELS = {"matin": "matin", "apres_midi": "après-midi"}
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class SessionQuerySet(models.QuerySet):
    def realized(self):
        return self.filter(status=Session.Status.HELD)

    def upcoming(self):
        return self.filter(date__gte=timezone.localdate()).exclude(status=Session.Status.CANCELLED)

    def published(self):
        return self.filter(is_published=True, action__is_public=True)


class Session(models.Model):
    class Format(models.TextChoices):
        ONSITE = "presentiel", "présentiel"
        REMOTE = "distanciel", "distanciel"
        HYBRID = "hybride", "hybride"

    class Status(models.TextChoices):
        SCHEDULED = "prevue", "prévue"
        HELD = "tenue", "tenue"
        CANCELLED = "annulee", "annulée"

    action = models.ForeignKey(
        Action, verbose_name="action", on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField("intitulé de la séance", max_length=255, blank=True)
    date = models.DateField("date")
    start_time = models.TimeField("début", default=datetime.time(9, 30))
    end_time = models.TimeField("fin", default=datetime.time(12, 30))
    half_days = models.PositiveSmallIntegerField(
        "demi-journées", default=1, editable=False, help_text="Calculé à partir des horaires, ou forcé."
    )
    half_days_override = models.PositiveSmallIntegerField(
        "demi-journées (forçage)",
        null=True,
        blank=True,
        help_text="Laisser vide pour le calcul à partir des horaires.",
    )
    format = models.CharField("format", max_length=10, choices=Format.choices, default=Format.ONSITE)
    place_name = models.CharField("lieu", max_length=200, blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    video_url = models.URLField("lien de visioconférence", blank=True)
    capacity = models.PositiveIntegerField("places", null=True, blank=True, help_text="Vide : sans limite.")
    registration_opens_at = models.DateTimeField("ouverture des inscriptions", null=True, blank=True)
    registration_closes_at = models.DateTimeField("clôture des inscriptions", null=True, blank=True)
    requires_approval = models.BooleanField("inscriptions validées par l'équipe", default=False)
    is_published = models.BooleanField("publiée dans l'agenda", default=True)
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    status_cause = models.ForeignKey(
        StatusCause, verbose_name="cause d'annulation", null=True, blank=True, on_delete=models.PROTECT
    )
    checkin_code = models.CharField("code d'émargement", max_length=8, unique=True, default=new_checkin_code)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True, editable=False)
    survey_sent_at = models.DateTimeField("questionnaire envoyé le", null=True, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance"
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        label = self.title or self.action.title
        return f"{label} — {self.date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        self.half_days = (
            self.half_days_override if self.half_days_override is not None else len(self.half_day_slots)
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "half_days"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("programme:session", args=[self.pk])

    def get_public_url(self):
        return reverse("participation:public_session", args=[self.pk])

    @property
    def half_day_slots(self) -> list[str]:
        """The half-days the session covers: morning when it overlaps 8:00–12:30, afternoon 13:30–19:00."""
        slots = [code for code, start, end in HALF_DAYS if self.start_time < end and self.end_time > start]
        if self.half_days_override is not None:
            if self.half_days_override >= 2:
                return ["matin", "apres_midi"]
            if self.half_days_override == 0:
                return []
            return slots[:1] or ["matin"]
        return slots or ["matin"]

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    @property
    def is_remote(self) -> bool:
        return self.format == self.Format.REMOTE

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED or not self.is_published or self.ends_at < now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now > self.registration_closes_at)

    def seats_left_given(self, taken: int) -> int | None:
        """Seats still free when ``taken`` registrations hold one (None: no limit)."""
        return None if self.capacity is None else max(self.capacity - taken, 0)
