"""Reading the clean French corpus and splitting it into train / dev / test paragraphs.

The split is by a stable hash of the paragraph text, so it never depends on file order:
bucket 0 is *test*, bucket 1 is *dev*, buckets 2-9 are *train*. The language model and the
corpus lexicon are trained on *train* only; the confusion model is learned on *dev* pairs only;
the benchmark scores *test* pairs only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from textkit.paths import corpus_dir


def split_of(paragraph: str) -> str:
    bucket = hashlib.sha1(paragraph.encode("utf-8"), usedforsecurity=False).digest()[0] % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def iter_paragraphs(directory: Path | None = None, split: str | None = None) -> Iterator[str]:
    """Yield the corpus paragraphs (one line each), in file-name order, optionally of one split."""
    directory = directory or corpus_dir()
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*.txt")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and (split is None or split_of(line) == split):
                    yield line
