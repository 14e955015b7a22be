"""Base for the import commands: one per layout, plus `import_territory` for all of them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from maillage.territory.importers.base import ImportFailed
from maillage.territory.importers.registry import LAYOUTS
from maillage.territory.importers.sources import SourceError


class LayoutImportCommand(BaseCommand):
    layout_name = ""
    requires_file = False

    @property
    def help(self):
        layout = LAYOUTS[self.layout_name]
        return f"Importe {layout.label} ({layout.source.filename}). Idempotent ; un fichier fautif est rejeté en entier."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs=None if self.requires_file else "?",
            help="fichier à lire (par défaut : source officielle)",
        )
        parser.add_argument(
            "--force", action="store_true", help="réimporter même si le fichier n'a pas changé"
        )

    def handle(self, *args, **options):
        self.import_layout(self.layout_name, options.get("path"), options["force"], options["verbosity"])

    def import_layout(self, name, path, force, verbosity):
        layout = LAYOUTS[name]
        data, origin = None, ""
        if path:
            file = Path(path)
            if not file.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
            data, origin = file.read_bytes(), str(file)

        def progress(items):
            return tqdm(items, desc=layout.label, unit=" lignes", disable=verbosity < 1, leave=False)

        try:
            summary, origin, skipped = layout.run(data=data, origin=origin, progress=progress, force=force)
        except (ImportFailed, SourceError) as exc:
            raise CommandError(f"{layout.label} : {exc}") from exc
        if verbosity >= 1:
            note = " (fichier déjà importé, rien à faire)" if skipped else ""
            self.stdout.write(
                f"{layout.label} : {summary['created']} créés, {summary['updated']} modifiés, "
                f"{summary['unchanged']} inchangés{note}"
            )
        return summary
