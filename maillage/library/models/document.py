"""Files attached to resources, their text page by page, and the ingestion jobs that read them."""

import os

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


def upload_path(instance, filename):
    return f"library/{timezone.now():%Y/%m}/{filename}"


class ResourceFile(models.Model):
    class Status(models.TextChoices):
        PENDING = "attente", "en attente"
        PROCESSING = "analyse", "en cours d'analyse"
        INDEXED = "indexe", "indexé"
        ERROR = "erreur", "en erreur"

    resource = models.ForeignKey(
        "library.Resource", verbose_name="ressource", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("fichier", upload_to=upload_path, max_length=255)
    original_name = models.CharField("nom d'origine", max_length=255)
    size = models.PositiveBigIntegerField("taille (octets)", default=0)
    kind = models.CharField("format détecté", max_length=10, blank=True)
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField("erreur", blank=True)
    page_count = models.PositiveIntegerField("pages", default=0)
    scanned_pages = models.PositiveIntegerField("pages numérisées (OCR)", default=0)
    searchable_pdf = models.FileField("PDF interrogeable", upload_to=upload_path, blank=True, max_length=255)
    suggestions = models.JSONField("métadonnées suggérées", default=dict, blank=True)
    is_public = models.BooleanField("téléchargeable par le public", default=True)
    created_at = models.DateTimeField("ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "fichier"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self) -> str:
        return os.path.splitext(self.original_name)[1].lower().lstrip(".")

    def get_download_url(self):
        return reverse("library:download", args=[self.pk])

    def get_searchable_url(self):
        return reverse("library:download_searchable", args=[self.pk])

    @property
    def mean_confidence(self):
        values = [p.confidence for p in self.pages.all() if p.confidence is not None]
        return round(sum(values) / len(values), 1) if values else None


class Page(models.Model):
    class Origin(models.TextChoices):
        TEXT_LAYER = "text_layer", "couche texte"
        OCR = "ocr", "OCR"
        DOCUMENT = "document", "texte du document"

    file = models.ForeignKey(
        ResourceFile, verbose_name="fichier", on_delete=models.CASCADE, related_name="pages"
    )
    number = models.PositiveIntegerField("page")
    text = models.TextField("texte", blank=True, help_text="Texte réparé pour l'OCR.")
    raw_text = models.TextField("texte OCR brut", blank=True)
    origin = models.CharField("origine", max_length=12, choices=Origin.choices)
    confidence = models.FloatField("confiance OCR (0–100)", null=True, blank=True)
    repair_edits = models.PositiveIntegerField("corrections appliquées", default=0)
    edited_at = models.DateTimeField("corrigée à la main le", null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="corrigée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "page"
        ordering = ["file", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="library_unique_page")]

    def __str__(self):
        return f"{self.file} p. {self.number}"


class IngestionJobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[IngestionJob.Status.QUEUED, IngestionJob.Status.RUNNING])


class IngestionJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "attente", "en attente"
        RUNNING = "en_cours", "en cours"
        DONE = "termine", "terminé"
        FAILED = "echec", "échec"

    file = models.ForeignKey(
        ResourceFile, verbose_name="fichier", on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.QUEUED)
    pages_done = models.PositiveIntegerField("pages traitées", default=0)
    pages_total = models.PositiveIntegerField("pages", default=0)
    error = models.TextField("erreur", blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    task_id = models.CharField("tâche", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    objects = IngestionJobQuerySet.as_manager()

    class Meta:
        verbose_name = "traitement"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Traitement de {self.file}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.pages_done / self.pages_total) if self.pages_total else 0

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > timezone.timedelta(hours=2)
        )
