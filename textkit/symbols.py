"""Symbols read for letters: P(the truth is ``clean`` | Tesseract read the symbol ``symbol`` in a word).

On a poor scan Tesseract reads a letter or two as a symbol French prose never puts inside a word: ``&re``
for ``être``, ``$ociat`` for ``social``, ``{a`` for ``la``, ``€t`` for ``et``. The character model, which
gives P(symbol | letter), cannot rank these: any letter is read as ``&`` far too rarely. This table gives
the other direction, learned from the one-to-one word alignments of dev pairs, committed in
``textkit/data/symbols.tsv`` and relearned by ``maillage-ocr build --confusions``.

The rule (:class:`SymbolRules`, mixed into the engine) only runs in lines that look noisy: in born-digital
text ``&``, ``€`` or ``$`` are what the author wrote.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from textkit.confusion import align_blocks, aligned_words
from textkit.paths import DATA_DIR
from textkit.result import Edit
from textkit.text import casing

SYMBOLS_FILE = DATA_DIR / "symbols.tsv"
SYMBOLS = "&#{}$<>€£@!\\+=©*%§~^|"
MIN_COUNT = 2
MAX_READINGS = 8  # per symbol, the likeliest ones
_PUNCT = '.,;:!?()[]«»"“”…'
# one symbol and letters (an apostrophe inside is allowed: "$'egir")
_SYMBOL_WORD = re.compile(r"^[^\W\d_]*[" + re.escape(SYMBOLS) + r"][^\W\d_'’]*(?:['’][^\W\d_]+)?$")

Readings = dict[str, list[tuple[str, float]]]  # symbol -> [(clean segment, cost)], cheapest first


def learn(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
    """{(symbol, clean segment): (count, P(clean | symbol))} from (noisy, clean) pairs."""
    seen: Counter[str] = Counter()
    read: Counter[tuple[str, str]] = Counter()
    for truth, word in aligned_words(pairs):
        truth, word = truth.strip(_PUNCT), word.strip(_PUNCT)
        symbols = [ch for ch in word if ch in SYMBOLS]
        if len(symbols) != 1 or not any(ch.isalpha() for ch in truth + word):
            continue
        symbol = symbols[0]
        seen[symbol] += 1
        for clean_seg, noisy_seg in align_blocks(truth, word):
            if noisy_seg == symbol and len(clean_seg) <= 3 and not any(c.isdigit() for c in clean_seg):
                read[(symbol, clean_seg)] += 1
    return {
        key: (count, count / seen[key[0]])
        for key, count in read.items()
        if count >= MIN_COUNT and key[1] != key[0]
    }


def save(table: dict[tuple[str, str], tuple[int, float]], path: Path = SYMBOLS_FILE) -> None:
    lines = ["# symbol\tclean\tcount\tprobability (learned on dev pairs; see textkit/symbols.py)"]
    for (symbol, clean_seg), (count, prob) in sorted(table.items(), key=lambda item: (-item[1][0], item[0])):
        lines.append(f"{symbol}\t{clean_seg}\t{count}\t{prob:.5f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def load(path: Path = SYMBOLS_FILE) -> Readings:
    readings: dict[str, list[tuple[str, float]]] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            symbol, clean_seg, _count, prob = line.split("\t")
            readings.setdefault(symbol, []).append((clean_seg, -math.log(float(prob))))
    return {
        symbol: sorted(options, key=lambda o: o[1])[:MAX_READINGS] for symbol, options in readings.items()
    }


class SymbolRules:
    def _fix_symbol(self, chunks, index, core, base, offset, pieces, edits) -> bool:
        """ "&re" -> "être", "{a" -> "la": a symbol inside or before letters of a noisy line. A lone symbol
        never reaches this rule (the engine skips tokens without letters): "2 millions € de" stays.

        Returns True when the token was one (replaced or not): no other rule applies to it."""
        if not self._noisy_line or not _SYMBOL_WORD.match(core):
            return False
        at = next(i for i, ch in enumerate(core) if ch in SYMBOLS)
        letters = core[:at] + core[at + 1 :]
        if casing(letters) not in ("lower", "title"):
            return True  # "R&D", "AT&T": an acronym
        scorer = self.scorer
        candidates: dict[str, float] = {}
        for clean_seg, cost in self.symbol_readings.get(core[at], ()):
            if not clean_seg and core[at] in "{}":
                continue  # a brace is as often a misread bracket ("a}" for "a)."): see _STRAY
            variant = core[:at] + clean_seg + core[at + 1 :]
            if not variant or variant == core:
                continue
            if scorer.is_known(variant):
                candidates[variant] = min(cost, candidates.get(variant, math.inf))
            elif len(variant) >= 3:
                for form, more in scorer.generate(variant).items():
                    if " " not in form:
                        candidates[form] = min(cost + more, candidates.get(form, math.inf))
        if not candidates:
            return True
        prev = self._previous_token(chunks, index, "")
        following = self._next_token(chunks, index)
        # a symbol glued to letters is not French: keeping the token gets the prior of a garbled line
        best, confidence = scorer.rank(core, candidates, prev, following, log_oov=scorer.log_oov_very_noisy)
        if best == core or confidence < self.threshold:
            return True
        if at == 0:  # the symbol stood for the first letter: a capital only at a sentence start
            first = best[:1].upper() if chunks[index].sentence_start else best[:1].lower()
            best = first + best[1:]
        pieces.append((base, base + len(core), best))
        edits.append(Edit(offset + base, core, best, round(confidence, 4)))
        return True
