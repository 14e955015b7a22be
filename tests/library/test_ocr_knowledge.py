"""The OCR repair learns from the project: names to keep, the library's clean born-digital texts."""

import pytest
from django.core.management import CommandError, call_command

from maillage.library.models import Page, ResourceFile
from maillage.library.services import ingestion, ocr_knowledge
from maillage.territory.models import CityContract
from tests.factories import OrganisationFactory
from textkit import knowledge

CLEAN = (
    "Le comité de pilotage du contrat de ville a validé le plan d'action de la Fabriquerie pour les habitants "
    "du quartier et les associations de proximité."
)
GARBLED = "Fe cena nai cantine pate au Ge dut ali pros ac he ee te mat us ae ge alto Ga br rage Zorglubie"


def add_file(resource, text, origin=Page.Origin.TEXT_LAYER):
    record = ResourceFile.objects.create(resource=resource, original_name="doc.pdf")
    Page.objects.create(file=record, number=1, text=text, origin=origin)
    return record


@pytest.fixture
def resource(resource_factory):
    return resource_factory("Bilan", index=False)


def test_only_clean_born_digital_paragraphs_are_learned(resource):
    add_file(resource, f"Titre\n\n{CLEAN}\n\n{GARBLED}")
    add_file(resource, CLEAN.replace("Fabriquerie", "Zorglubie"), origin=Page.Origin.OCR)
    words: dict[str, set[int]] = {}
    paragraphs = list(ocr_knowledge.clean_paragraphs(knowledge.load(), words))
    # the heading is too short, the garbled text layer and the OCR page are left out
    assert paragraphs == [CLEAN]
    assert set(words) == {"Fabriquerie"}


def test_rebuild_command_learns_the_library_and_ingestion_uses_it(resource, tmp_path, capsys):
    add_file(resource, CLEAN)
    add_file(resource, CLEAN.replace("plan d'action", "programme"))
    add_file(resource, CLEAN.replace("Fabriquerie", "Tisserie"))  # one file only: not a domain word
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    call_command("rebuild_ocr_knowledge", corpus=corpus)
    assert "3 paragraphe(s) de la médiathèque appris" in capsys.readouterr().out
    built = knowledge.load(ocr_knowledge.knowledge_path())
    assert built.unigrams["fabriquerie"] == 2 and built.bigrams[("de", "la")] >= 3
    assert ocr_knowledge.vocabulary_path().read_text(encoding="utf-8").split() == ["Fabriquerie"]
    assert "Fabriquerie" in ocr_knowledge.domain_vocabulary()
    text, _edits = ingestion.repair("Ia Fabriquerie accueille Ies habitants du quartier")
    assert text == "La Fabriquerie accueille les habitants du quartier"


@pytest.mark.django_db
def test_domain_vocabulary_has_the_directory_and_the_contracts():
    OrganisationFactory(name="Association Quartiers Solidaires", acronym="AQSOL")
    CityContract.objects.create(code="CV999", name="Contrat de ville de Wattrelos", generation="2015-2023")
    vocabulary = ocr_knowledge.domain_vocabulary()
    assert {"Association Quartiers Solidaires", "AQSOL", "Contrat de ville de Wattrelos"} <= set(vocabulary)


@pytest.mark.django_db
def test_a_wrong_corpus_directory_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(CommandError, match="n'est pas un dossier"):
        call_command("rebuild_ocr_knowledge", corpus=tmp_path / "absent")
    assert not ocr_knowledge.knowledge_path().exists()
