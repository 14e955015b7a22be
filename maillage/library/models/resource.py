"""Resources of the library, described in Dublin Core."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Resource.Status.PUBLISHED)

    def news(self):
        return self.published().filter(kind=Resource.Kind.NEWS)

    def latest(self):
        return self.order_by("-published_at", "-pk")


class Resource(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", "publication"
        EXPERIENCE = "experience", "fiche d'expérience"
        DOSSIER = "dossier", "dossier thématique"
        REPORT = "compte_rendu", "compte rendu"
        NEWS = "actualite", "actualité"
        LINK = "lien", "vidéo ou lien"

    class Status(models.TextChoices):
        DRAFT = "brouillon", "brouillon"
        PUBLISHED = "publiee", "publiée"

    class Licence(models.TextChoices):
        ETALAB = "etalab-2.0", "Licence Ouverte / Etalab 2.0"
        CC_BY = "cc-by-4.0", "Creative Commons BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "Creative Commons BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "Creative Commons BY-NC 4.0"
        RESERVED = "reserve", "Tous droits réservés"

    # Dublin Core
    title = models.CharField("titre", max_length=255)
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.PUBLICATION)
    date = models.DateField("date", null=True, blank=True, help_text="Date de parution du document.")
    description = models.TextField("résumé", blank=True)
    creator_people = models.ManyToManyField(
        "network.Person", verbose_name="auteurs (personnes)", blank=True, related_name="authored_resources"
    )
    creator_organisations = models.ManyToManyField(
        "network.Organisation",
        verbose_name="auteurs (organisations)",
        blank=True,
        related_name="authored_resources",
    )
    subjects = models.ManyToManyField(
        "programme.Theme", verbose_name="thèmes", blank=True, related_name="resources"
    )
    regions = models.ManyToManyField(
        "territory.Region", verbose_name="régions couvertes", blank=True, related_name="+"
    )
    departments = models.ManyToManyField(
        "territory.Department", verbose_name="départements couverts", blank=True, related_name="+"
    )
    communes = models.ManyToManyField(
        "territory.Commune", verbose_name="communes couvertes", blank=True, related_name="+"
    )
    qpvs = models.ManyToManyField("territory.QPV", verbose_name="QPV couverts", blank=True, related_name="+")
    language = models.CharField("langue", max_length=10, default="fr", help_text="Code ISO 639 (fr, en…).")
    publisher = models.CharField("éditeur", max_length=200, blank=True)
    licence = models.CharField(
        "droits / licence", max_length=20, choices=Licence.choices, default=Licence.ETALAB
    )
    rights_holder = models.CharField("titulaire des droits", max_length=200, blank=True)
    identifier = models.CharField("identifiant (ISBN, DOI…)", max_length=200, blank=True)
    url = models.URLField("lien (vidéo, page externe)", blank=True)
    # Fiche d'expérience: territory and theme come from coverage and subjects.
    experience_actors = models.TextField("acteurs", blank=True)
    experience_results = models.TextField("résultats", blank=True)
    experience_contact = models.TextField(
        "contact", blank=True, help_text="Publié avec la fiche : une structure ou une adresse générique."
    )
    sessions = models.ManyToManyField(
        "programme.Session", verbose_name="séances (supports)", blank=True, related_name="materials"
    )
    # Workflow
    status = models.CharField("statut", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    slug = models.SlugField("adresse", max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True, db_index=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = "ressource"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = slugify(self.title)[:80] or "ressource"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("library:resource", args=[self.pk, self.slug])

    def get_staff_url(self):
        return reverse("library:staff_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def publish(self):
        self.status = self.Status.PUBLISHED
        self.published_at = self.published_at or timezone.now()
        self.save()

    def unpublish(self):
        self.status = self.Status.DRAFT
        self.save()

    def creator_names(self, people: bool = True) -> list[str]:
        """Authors as cited: organisations, then people (not anonymised) when `people`."""
        names = [org.name for org in self.creator_organisations.all()]
        if people:
            names += [p.full_name for p in self.creator_people.all() if not p.is_anonymised]
        return names

    def coverage(self) -> list:
        return [*self.regions.all(), *self.departments.all(), *self.communes.all(), *self.qpvs.all()]
