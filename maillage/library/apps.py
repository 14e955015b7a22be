from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "maillage.library"
    label = "library"
    verbose_name = "Médiathèque"
