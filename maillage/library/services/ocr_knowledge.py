"""What the OCR repair engine learns from the project: names to keep and the library's own clean texts.

- Domain vocabulary: QPV, EPCI, communes with a QPV, contrats de ville, organisations of the directory
  (names and acronyms), themes, and the words of the library's born-digital documents that the lexicon
  does not know (seen in at least two files: a slip in one document does not become a word).
- Clean texts: paragraphs of the born-digital pages (PDF text layers, office documents). A text layer can
  itself be old, garbled OCR: a paragraph is kept only when the lexicon knows most of its words.

`manage.py rebuild_ocr_knowledge` rebuilds the engine's lexicon and language model with these texts
(corpus_fr + the library) into ``settings.LIBRARY_OCR_KNOWLEDGE`` and writes the born-digital words next
to it; ingestion then repairs with both.
"""

import re
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from maillage.library.models import Page

CLEAN_ORIGINS = (Page.Origin.TEXT_LAYER, Page.Origin.DOCUMENT)
MIN_WORDS = 5  # shorter paragraphs (headings, table cells) teach the language model little
MIN_KNOWN_SHARE = 0.85  # share of a paragraph's words the lexicon must know (garbled text layers fail)
MIN_FILES = 2  # a born-digital word must occur in this many files to join the vocabulary
VOCABULARY_TTL = 600.0  # seconds the domain vocabulary is kept in a process
_PARAGRAPHS = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")
_cache: dict[str, tuple[float, tuple[str, ...]]] = {}


def knowledge_path() -> Path:
    return Path(settings.LIBRARY_OCR_KNOWLEDGE)


def vocabulary_path() -> Path:
    path = knowledge_path()
    return path.with_name(f"{path.stem}-vocabulary.txt")


def clean_paragraphs(base, words_by_file: dict[str, set[int]] | None = None) -> Iterator[str]:
    """Paragraphs of the born-digital pages that look like clean French (``base``: textkit knowledge).

    ``words_by_file`` collects, for each word the lexicon does not know, the files it occurs in."""
    from textkit.knowledge import known_share

    pages = Page.objects.filter(origin__in=CLEAN_ORIGINS).exclude(text="").order_by("pk")
    for file_id, text in pages.values_list("file_id", "text").iterator(chunk_size=200):
        for block in _PARAGRAPHS.split(text):
            paragraph = " ".join(block.split())
            if len(paragraph.split()) < MIN_WORDS or known_share(paragraph, base) < MIN_KNOWN_SHARE:
                continue
            if words_by_file is not None:
                for word in _WORD.findall(paragraph.replace("’", "'")):
                    if word not in base.valid and word.lower() not in base.valid:
                        words_by_file.setdefault(word, set()).add(file_id)
            yield paragraph


def rebuild(corpus: Path | None = None) -> dict:
    """Rebuild the knowledge with the library's clean texts; returns what was built (for the command)."""
    from textkit import knowledge

    base = knowledge.load()
    words_by_file: dict[str, set[int]] = {}
    built = knowledge.build(corpus, extra=clean_paragraphs(base, words_by_file))
    path = knowledge.save(built, knowledge_path())
    words = sorted(w for w, files in words_by_file.items() if len(files) >= MIN_FILES)
    tmp = vocabulary_path().with_suffix(".tmp")
    tmp.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    tmp.replace(vocabulary_path())
    _cache.clear()
    return built.sources | {"path": str(path), "library_words": len(words)}


def domain_vocabulary() -> tuple[str, ...]:
    """Names and words the repair engine must keep (kept ``VOCABULARY_TTL`` seconds in a process)."""
    cached = _cache.get("vocabulary")
    if cached and time.monotonic() - cached[0] < VOCABULARY_TTL:
        return cached[1]
    from maillage.network.models import Organisation
    from maillage.programme.models import Theme
    from maillage.territory.models import EPCI, QPV, CityContract, Commune

    names = list(QPV.objects.values_list("name", flat=True))
    names += EPCI.objects.values_list("name", flat=True)
    names += Commune.objects.filter(qpvs__isnull=False).distinct().values_list("name", flat=True)
    names += CityContract.objects.values_list("name", flat=True)
    for name, acronym in Organisation.objects.values_list("name", "acronym"):
        names += [name, acronym] if acronym else [name]
    names += Theme.objects.values_list("name", flat=True)
    if vocabulary_path().exists():
        names += vocabulary_path().read_text(encoding="utf-8").split()
    vocabulary = tuple(sorted(set(names)))
    _cache["vocabulary"] = (time.monotonic(), vocabulary)
    return vocabulary
