"""Word-level confusion model for frequent words: P(OCR reads word ``noisy`` | the truth is ``clean``).

Tesseract turns some frequent words into other valid words far more often than the character model
predicts: on dev pairs, ``où`` stands for ``ou`` seven times out of eight, ``voire`` for ``votre``, ``a`` for
``la``. Learned from the one-to-one word alignments of dev pairs (noisy words that are valid words only),
committed in ``textkit/data/word_confusions.tsv`` and relearned by ``maillage-ocr build --confusions``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from textkit.confusion import aligned_words
from textkit.paths import DATA_DIR

WORD_CONFUSIONS_FILE = DATA_DIR / "word_confusions.tsv"
MIN_COUNT = 3  # (clean, noisy) seen at least this often
MIN_PROB = 0.005
RIGHT_DEFAULT = 0.9  # P(read right) of a word whose rate was not learned (rare on dev pairs)
_PUNCT = '.,;:!?()[]«»"“”…'


def _core(token: str) -> str:
    return token.strip(_PUNCT).lower()


def learn(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
    """{(clean, noisy): (count, P(noisy | clean))} over lower-cased alphabetic words."""
    seen: Counter[str] = Counter()
    read_as: Counter[tuple[str, str]] = Counter()
    for ref_word, hyp_word in aligned_words(pairs):
        clean_word, noisy_word = _core(ref_word), _core(hyp_word)
        if clean_word.isalpha() and noisy_word.isalpha():
            seen[clean_word] += 1
            read_as[(clean_word, noisy_word)] += 1
    table = {}
    for (clean_word, noisy_word), count in read_as.items():
        prob = count / seen[clean_word]
        if count >= MIN_COUNT and prob >= MIN_PROB:
            table[(clean_word, noisy_word)] = (count, prob)
    return table


def save(table: dict[tuple[str, str], tuple[int, float]], path: Path = WORD_CONFUSIONS_FILE) -> None:
    lines = ["# clean\tnoisy\tcount\tprobability (learned on dev pairs; see textkit/wordconfusion.py)"]
    confused = {noisy_word for clean_word, noisy_word in table if clean_word != noisy_word}
    for (clean_word, noisy_word), (count, prob) in sorted(table.items(), key=lambda i: (-i[1][0], i[0])):
        if clean_word == noisy_word and noisy_word not in confused:
            continue  # only the rate of reading right the words that are also misreadings
        lines.append(f"{clean_word}\t{noisy_word}\t{count}\t{prob:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class WordConfusions:
    """noisy word -> {clean word: cost relative to reading the word right}, -log P(n|c) + log P(n|n)."""

    def __init__(self, table: dict[tuple[str, str], float]) -> None:
        options: dict[str, dict[str, float]] = defaultdict(dict)
        for (clean_word, noisy_word), prob in table.items():
            if clean_word != noisy_word:
                right = table.get((noisy_word, noisy_word), RIGHT_DEFAULT)
                options[noisy_word][clean_word] = -math.log(prob) + math.log(right)
        self.options = dict(options)

    def get(self, noisy_word: str) -> dict[str, float]:
        """The clean words ``noisy_word`` may stand for, with their costs."""
        return self.options.get(noisy_word, {})


def load_words(path: Path = WORD_CONFUSIONS_FILE) -> WordConfusions:
    table = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                clean_word, noisy_word, _count, prob = line.split("\t")
                table[(clean_word, noisy_word)] = float(prob)
    return WordConfusions(table)
