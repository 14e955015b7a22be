"""Character confusion model: P(OCR reads ``noisy`` | the truth is ``clean``) for short segments.

Learned from aligned (noisy, clean) pairs: each pair is aligned character by character (Levenshtein
opcodes), adjacent differing operations are merged into one block ("m" -> "rn"), and blocks of at most
3 characters on each side are counted. The probability of a rule is its count divided by the number of
occurrences of the clean segment in the clean texts. A few well-known Tesseract confusions are added as
priors with a small probability so that a model learned on few pairs still knows them.

The learned table is committed in ``textkit/data/confusions.tsv`` (a few KB) and rebuilt from dev pairs by
``maillage-ocr build --confusions``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from textkit.evaluation.score import normalise
from textkit.paths import DATA_DIR

CONFUSIONS_FILE = DATA_DIR / "confusions.tsv"
MAX_SEGMENT = 3
MIN_COUNT = 4  # on 1,500 dev pairs; rarer rules slow the candidate search for little gain
MIN_PROB = 0.002

# (clean, noisy, probability): classic Tesseract confusions on French, used as priors.
PRIORS = [
    ("l", "I", 0.01),
    ("l", "|", 0.005),
    ("l", "1", 0.005),
    ("l", "i", 0.005),
    ("i", "l", 0.005),
    ("i", "1", 0.002),
    ("m", "rn", 0.005),
    ("m", "ni", 0.002),
    ("n", "ri", 0.002),
    ("rn", "m", 0.005),
    ("g", "q", 0.005),
    ("q", "g", 0.002),
    ("e", "c", 0.005),
    ("c", "e", 0.003),
    ("é", "e", 0.01),
    ("è", "e", 0.01),
    ("ê", "e", 0.01),
    ("à", "a", 0.01),
    ("â", "a", 0.01),
    ("î", "i", 0.01),
    ("ô", "o", 0.01),
    ("û", "u", 0.01),
    ("ç", "c", 0.01),
    ("é", "è", 0.005),
    ("è", "é", 0.005),
    ("u", "ii", 0.002),
    ("h", "li", 0.002),
    ("d", "cl", 0.002),
    ("o", "0", 0.002),
    ("O", "0", 0.005),
    ("s", "5", 0.001),
    ("t", "l", 0.002),
    ("f", "t", 0.002),
    ("t", "f", 0.002),
]


def align_blocks(clean: str, noisy: str) -> list[tuple[str, str]]:
    """The merged (clean_segment, noisy_segment) blocks where the two texts differ (a hot function of the
    repair: every channel cost goes through it)."""
    blocks: list[tuple[str, str]] = []
    block_clean = block_noisy = ""
    for tag, c0, c1, n0, n1 in Levenshtein.opcodes(clean, noisy):
        if tag != "equal":
            block_clean += clean[c0:c1]
            block_noisy += noisy[n0:n1]
        elif block_clean or block_noisy:
            blocks.append((block_clean, block_noisy))
            block_clean = block_noisy = ""
    if block_clean or block_noisy:
        blocks.append((block_clean, block_noisy))
    return blocks


def aligned_words(pairs: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    """(clean word, OCR word) for the words of (noisy, clean) pairs that align one to one."""
    for noisy, clean in pairs:
        ref, hyp = normalise(clean).split(), normalise(noisy).split()
        for tag, r0, r1, h0, h1 in Levenshtein.opcodes(ref, hyp):
            if tag in ("equal", "replace") and r1 - r0 == h1 - h0:
                yield from zip(ref[r0:r1], hyp[h0:h1], strict=True)


def learn(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
    """Learn rules from (noisy, clean) pairs; returns {(clean, noisy): (count, probability)}."""
    rules: Counter[tuple[str, str]] = Counter()
    texts = []
    for noisy, clean in pairs:
        clean, noisy = normalise(clean), normalise(noisy)
        texts.append(clean)
        for clean_seg, noisy_seg in align_blocks(clean, noisy):
            if not clean_seg or " " in clean_seg or " " in noisy_seg:
                continue  # insertions of garbage and word boundary changes are handled elsewhere
            if len(clean_seg) <= MAX_SEGMENT and len(noisy_seg) <= MAX_SEGMENT:
                rules[(clean_seg, noisy_seg)] += 1
    needed = {clean_seg for clean_seg, _ in rules}
    occurrences: Counter[str] = Counter()
    for text in texts:
        for size in range(1, MAX_SEGMENT + 1):
            for start in range(len(text) - size + 1):
                segment = text[start : start + size]
                if segment in needed:
                    occurrences[segment] += 1
    table = {}
    for (clean_seg, noisy_seg), count in rules.items():
        prob = count / max(1, occurrences[clean_seg])
        if count >= MIN_COUNT and prob >= MIN_PROB:
            table[(clean_seg, noisy_seg)] = (count, min(prob, 0.5))
    return table


def save(table: dict[tuple[str, str], tuple[int, float]], path: Path = CONFUSIONS_FILE) -> None:
    lines = ["# clean\tnoisy\tcount\tprobability (learned on dev pairs; see textkit/confusion.py)"]
    for (clean_seg, noisy_seg), (count, prob) in sorted(
        table.items(), key=lambda item: (-item[1][0], item[0])
    ):
        lines.append(f"{clean_seg}\t{noisy_seg}\t{count}\t{prob:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_table(path: Path = CONFUSIONS_FILE) -> dict[tuple[str, str], float]:
    table = {(clean_seg, noisy_seg): prob for clean_seg, noisy_seg, prob in PRIORS}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            clean_seg, noisy_seg, _count, prob = line.split("\t")
            key = (clean_seg, noisy_seg)
            table[key] = max(table.get(key, 0.0), float(prob))
    return table


class ConfusionModel:
    """Reverse index for candidate generation: noisy segment -> [(clean segment, cost)]."""

    def __init__(self, table: dict[tuple[str, str], float]) -> None:
        self.table = table
        reverse: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.insertions: list[tuple[str, float]] = []  # clean segments the OCR dropped entirely
        for (clean_seg, noisy_seg), prob in table.items():
            # dropped letters only: a dropped period or digit never turns a non-word into a word
            if (
                not noisy_seg
                and len(clean_seg) == 1
                and prob >= 0.005
                and (clean_seg.islower() or clean_seg == "'")
            ):
                self.insertions.append((clean_seg, -math.log(prob)))
            if noisy_seg and clean_seg != noisy_seg:
                reverse[noisy_seg].append((clean_seg, -math.log(prob)))
        self.reverse = {seg: sorted(options, key=lambda o: o[1]) for seg, options in reverse.items()}
        self.insertions.sort(key=lambda o: o[1])
        self.max_len = max((len(seg) for seg in self.reverse), default=1)

    def rewrites(
        self, word: str, insertions: bool = False, max_cost: float = math.inf
    ) -> Iterable[tuple[int, int, str, float]]:
        """Every (start, end, replacement, cost) the model allows on ``word``, up to ``max_cost``."""
        for start in range(len(word)):
            for size in range(1, self.max_len + 1):
                segment = word[start : start + size]
                if len(segment) < size:
                    break
                for clean_seg, cost in self.reverse.get(segment, ()):
                    if cost > max_cost:
                        break  # the options are sorted by cost
                    yield start, start + size, clean_seg, cost
        for position in range(len(word) + 1 if insertions else 0):
            for clean_seg, cost in self.insertions:
                if cost > max_cost:
                    break
                yield position, position, clean_seg, cost


def load_model(path: Path = CONFUSIONS_FILE) -> ConfusionModel:
    return ConfusionModel(load_table(path))
