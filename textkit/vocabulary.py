"""Domain vocabulary: words and names the engine must keep (and may propose as corrections)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from textkit.paths import DATA_DIR


def load_vocabulary(lines: Iterable[str]) -> set[str]:
    """Domain vocabulary entries (names, acronyms, possibly several words) -> the set of their words."""
    words: set[str] = set()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words.add(line)
        for part in re.split(r"[\s]+", line):
            part = part.strip('()[],;:.«»"')
            if part:
                words.add(part)
                words.update(p for p in re.split(r"[-'’]", part) if p)
    return words


@cache
def builtin_vocabulary() -> frozenset[str]:
    path = DATA_DIR / "vocabulary.txt"
    return frozenset(load_vocabulary(path.read_text(encoding="utf-8").splitlines()))
