from maillage.territory.importers.command import LayoutImportCommand
from maillage.territory.importers.registry import OFFICIAL_LAYOUTS


class Command(LayoutImportCommand):
    help = "Importe tout le référentiel territorial officiel, dans l'ordre : régions, départements, EPCI, communes, QPV, contrats de ville."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="réimporter même les fichiers inchangés")

    def handle(self, *args, **options):
        for layout in OFFICIAL_LAYOUTS:
            self.import_layout(layout.name, None, options["force"], options["verbosity"])
