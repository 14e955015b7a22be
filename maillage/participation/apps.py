from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "maillage.participation"
    verbose_name = "Inscriptions et présences"

    def ready(self):
        from maillage.participation import pages  # noqa: F401  (signals: cached public pages)
