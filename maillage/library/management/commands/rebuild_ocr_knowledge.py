"""`manage.py rebuild_ocr_knowledge`: the OCR repair learns the library's born-digital texts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.library.services import ocr_knowledge


class Command(BaseCommand):
    help = (
        "Reconstruit le lexique et le modèle de langue de la réparation OCR avec les textes propres de la "
        "médiathèque (documents nativement numériques) et leur vocabulaire."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", type=Path, help="corpus de français propre (par défaut : TEXTKIT_CORPUS_DIR)"
        )

    def handle(self, corpus: Path | None, **options):
        if corpus is not None and not corpus.is_dir():
            # without its corpus the language model would be rebuilt from the library alone
            raise CommandError(f"Le corpus {corpus} n'est pas un dossier : rien n'a été reconstruit.")
        built = ocr_knowledge.rebuild(corpus)
        self.stdout.write(
            f"{built['extra_paragraphs']} paragraphe(s) de la médiathèque appris, "
            f"{built['library_words']} mot(s) ajoutés au vocabulaire, "
            f"{built['valid_forms']} formes connues, {built['lm_tokens']} mots pour le modèle de langue "
            f"({built['build_seconds']} s) -> {built['path']}"
        )
