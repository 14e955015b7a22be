"""The satisfaction survey: a short configurable questionnaire, one answer per participant."""

from django.db import models
from django.utils import timezone

from maillage.participation.models import Registration


class Questionnaire(models.Model):
    name = models.CharField("nom", max_length=200)
    introduction = models.TextField("introduction", blank=True)
    is_default = models.BooleanField("questionnaire par défaut", default=False)

    class Meta:
        verbose_name = "questionnaire de satisfaction"
        verbose_name_plural = "questionnaires de satisfaction"

    def __str__(self):
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "note", "note de 1 à 5"
        YES_NO = "oui_non", "oui ou non"
        TEXT = "texte", "texte libre"

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="questionnaire", on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField("question", max_length=300)
    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.RATING)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    required = models.BooleanField("obligatoire", default=True)

    class Meta:
        verbose_name = "question"
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    registration = models.OneToOneField(
        Registration, verbose_name="inscription", on_delete=models.CASCADE, related_name="survey_response"
    )
    questionnaire = models.ForeignKey(Questionnaire, verbose_name="questionnaire", on_delete=models.PROTECT)
    submitted_at = models.DateTimeField("répondu le", default=timezone.now)

    class Meta:
        verbose_name = "réponse au questionnaire"
        verbose_name_plural = "réponses au questionnaire"

    def __str__(self):
        return f"{self.registration} — {self.submitted_at:%d/%m/%Y}"


class Answer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, verbose_name="réponse", on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, verbose_name="question", on_delete=models.PROTECT)
    rating = models.PositiveSmallIntegerField("note", null=True, blank=True)
    yes = models.BooleanField("oui", null=True, blank=True)
    text = models.TextField("texte", blank=True)

    class Meta:
        verbose_name = "réponse à une question"
        verbose_name_plural = "réponses aux questions"
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="unique_answer")]

    def __str__(self):
        return f"{self.question} : {self.rating or self.yes or self.text}"
