"""`manage.py ingest PATH`: one draft resource per file of a folder (recursively), read with a progress bar."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from maillage.library.models import IngestionJob, Resource, ResourceFile
from maillage.library.services import ingestion
from textkit.extraction import EXTENSIONS


class Command(BaseCommand):
    help = "Ajoute à la médiathèque les fichiers d'un dossier (une ressource brouillon par fichier) et les analyse."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--queue", action="store_true", help="confier l'analyse aux workers au lieu de la faire ici"
        )
        parser.add_argument("--kind", default=Resource.Kind.PUBLICATION, choices=Resource.Kind.values)

    def handle(self, path: Path, queue: bool, kind: str, **options):
        if not path.exists():
            raise CommandError(f"{path} n'existe pas.")
        files = (
            [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix.lower() in EXTENSIONS)
        )
        if not files:
            raise CommandError(f"Aucun fichier pris en charge dans {path}.")
        failed = 0
        with tqdm(total=len(files), unit="fichier", disable=options["verbosity"] == 0) as bar:
            for source in files:
                bar.set_postfix_str(source.name[:40])
                resource = Resource.objects.create(title=source.name[:255], kind=kind)
                record = ResourceFile(
                    resource=resource, original_name=source.name, size=source.stat().st_size
                )
                with source.open("rb") as handle:
                    record.file.save(source.name, File(handle), save=False)
                record.save()
                job = IngestionJob.objects.create(file=record)
                if queue:
                    ingestion.enqueue(job)
                else:
                    ingestion.run(job.pk)
                    job.refresh_from_db()
                    if job.status == IngestionJob.Status.FAILED:
                        failed += 1
                        tqdm.write(f"{source.name} : {job.error}")
                    else:
                        record.refresh_from_db()
                        ingestion.apply_suggestions(resource, record)
                bar.update(1)
        self.stdout.write(f"{len(files)} fichier(s) traités, {failed} en erreur.")
