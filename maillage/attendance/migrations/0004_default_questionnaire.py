"""Seed the default satisfaction questionnaire (editable in the admin afterwards)."""

from django.db import migrations

NAME = "Questionnaire de satisfaction (par défaut)"
INTRODUCTION = (
    "Merci de prendre deux minutes pour nous dire ce que vous avez pensé de cette séance. "
    "Vos réponses sont exploitées sans votre nom."
)
QUESTIONS = [
    ("Le contenu de la séance a-t-il répondu à vos attentes ?", "note", True),
    ("Comment évaluez-vous la qualité des interventions ?", "note", True),
    ("Les échanges avec les autres participants vous ont-ils été utiles ?", "note", True),
    ("L'organisation (accueil, horaires, lieu ou outil de visioconférence) vous a-t-elle convenu ?", "note", True),
    ("Pensez-vous réutiliser ce que vous avez appris dans votre pratique professionnelle ?", "note", True),
    ("Recommanderiez-vous cette action à un ou une collègue ?", "oui_non", True),
    ("Vos remarques et suggestions (thèmes à approfondir, améliorations…)", "texte", False),
]


def seed(apps, schema_editor):
    Questionnaire = apps.get_model("attendance", "Questionnaire")
    Question = apps.get_model("attendance", "Question")
    if Questionnaire.objects.filter(is_default=True).exists():
        return
    questionnaire = Questionnaire.objects.create(name=NAME, introduction=INTRODUCTION, is_default=True)
    Question.objects.bulk_create(
        Question(questionnaire=questionnaire, text=text, kind=kind, position=position, required=required)
        for position, (text, kind, required) in enumerate(QUESTIONS, start=1)
    )


def unseed(apps, schema_editor):
    Questionnaire = apps.get_model("attendance", "Questionnaire")
    SurveyResponse = apps.get_model("attendance", "SurveyResponse")
    for questionnaire in Questionnaire.objects.filter(name=NAME, is_default=True):
        if not SurveyResponse.objects.filter(questionnaire=questionnaire).exists():
            questionnaire.delete()


class Migration(migrations.Migration):
    dependencies = [("attendance", "0003_initial")]

    operations = [migrations.RunPython(seed, unseed)]
