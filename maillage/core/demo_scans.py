"""A demo archive document: a 2016 report printed, photocopied and scanned, with its OCR text.

`make run` adds it after the demo data so that the OCR, its automatic repair and the page review can be
seen at once (Médiathèque → the report → « Texte des pages »). The scan is rendered with the evaluation
harness's renderer (low resolution, blur, grey noise, a slight skew) and goes through the real ingestion:
Tesseract, repair, index. Idempotent; skipped when Tesseract is not installed.
"""

import datetime
import io
import shutil

from django.core.files.base import ContentFile
from PIL import Image

from maillage.library.models import IngestionJob, Resource, ResourceFile
from maillage.library.services import indexing, ingestion
from maillage.programme.models import Theme
from textkit.evaluation.render import Level, render

TITLE = "Bilan 2016 du contrat de ville de l'agglomération (archive numérisée)"
FILE_NAME = "bilan-contrat-de-ville-2016-numerise.pdf"
SCAN = Level("photocopie", scale=0.36, blur=0.8, noise=30, skew=0.6, threshold=None, speckle=0.0)
SEED = 2  # the renderer picks Liberation Serif for this seed, a common face of reports of the time
TYPE_SIZE = 34  # pixels on the renderer's master: 12-pixel type once scaled, 12-point text at 72 dpi
PAGE_SIZE = (612, 792)  # pixels of a page of the scan (72 dpi of a US-letter sheet, close to A4)
PAGES = [
    [
        "Bilan 2016 du contrat de ville",
        "Le contrat de ville de l'agglomération a été signé le 7 juillet 2015 par l'État, les communes, "
        "l'agglomération, le département, la région, la caisse d'allocations familiales et les bailleurs "
        "sociaux. Il concerne onze quartiers prioritaires où vivent près de 48 000 habitants.",
        "En 2016, l'appel à projets a permis de soutenir 126 actions portées par 74 associations, pour un "
        "montant de 1,2 million d'euros au titre des crédits spécifiques de la politique de la ville. Le "
        "conseil citoyen de chaque quartier a été associé au comité technique d'instruction des projets.",
    ],
    [
        "La programmation a donné la priorité à l'emploi des jeunes, à la réussite éducative et à la "
        "tranquillité publique. Les actions de gestion urbaine de proximité ont été conduites avec les "
        "bailleurs sociaux dans les quartiers concernés par le nouveau programme de renouvellement urbain.",
        "Le centre de ressources a accompagné les équipes par un cycle de qualification sur l'évaluation, "
        "deux journées d'étude et un groupe de travail des chefs de projet. La participation des habitants "
        "reste inégale selon les communes : elle sera l'un des axes de l'évaluation à mi-parcours.",
    ],
]


def _page_image(paragraphs: list[str]) -> Image.Image:
    page = Image.new("L", PAGE_SIZE, 255)
    top = 40
    for paragraph in paragraphs:
        block = render(paragraph, SCAN, SEED, type_size=TYPE_SIZE)
        page.paste(block.crop((0, 0, min(block.width, PAGE_SIZE[0]), block.height)), (0, top))
        top += block.height - 10
    return page


def scanned_pdf() -> bytes:
    images = [_page_image(paragraphs) for paragraphs in PAGES]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=72)
    return buffer.getvalue()


def load_demo_scans() -> list[str]:
    if Resource.objects.filter(title=TITLE).exists():
        return ["Document numérisé de démonstration déjà présent : rien à faire."]
    if shutil.which("tesseract") is None:
        return ["Tesseract absent : pas de document numérisé de démonstration."]
    resource = Resource.objects.create(
        title=TITLE,
        kind=Resource.Kind.REPORT,
        date=datetime.date(2017, 3, 15),
        description="Bilan annuel d'un contrat de ville, document d'archive numérisé (fictif).",
        publisher="CRPV Hauts-de-France (fictif)",
        licence=Resource.Licence.ETALAB,
    )
    resource.subjects.set(Theme.objects.filter(slug="evaluation-des-contrats-de-ville"))
    data = scanned_pdf()
    record = ResourceFile(resource=resource, original_name=FILE_NAME, size=len(data))
    record.file.save(FILE_NAME, ContentFile(data), save=False)
    record.save()
    job = IngestionJob.objects.create(file=record)
    ingestion.run(job.pk)
    job.refresh_from_db()
    if job.status == IngestionJob.Status.FAILED:
        return [f"Document numérisé de démonstration : l'analyse a échoué ({job.error})."]
    resource.publish()
    indexing.reindex([resource])
    edits = sum(record.pages.values_list("repair_edits", flat=True))
    return [f"Démonstration : un bilan numérisé de {record.pages.count()} pages, {edits} corrections d'OCR."]
