from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "maillage.participation"
    verbose_name = "Inscriptions et présences"
