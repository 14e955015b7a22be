"""Approximate lexicon search on OCR "skeletons" and a channel cost from the confusion table.

Both the lexicon and the noisy token are mapped to a skeleton (lower case, no accents, the glyphs Tesseract
confuses folded together: i/l/1/|/!, c/e, g/q, o/0, rn->m). The index maps every skeleton and every
skeleton with one character deleted to the words that produce it (symmetric-delete search), so a lookup
finds the words within about two edits of the token, counted on skeletons, in a few dictionary probes.
Candidates are then costed on the real strings by :func:`channel_cost`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from textkit.confusion import align_blocks
from textkit.text import deaccent

_FOLD = str.maketrans({"l": "i", "1": "i", "|": "i", "!": "i", "j": "i", "c": "e", "g": "q", "0": "o"})
EDIT_COST = 7.5
ACCENT_COST = 2.0
CASE_COST = 2.0
MAX_SEGMENT = 3  # the confusion table's segments are at most this long on each side
BLOCK_SPLIT_MAX = 5  # longer differing blocks are costed per character
BLOCK_CACHE_SIZE = 200_000
MAX_WORDS_PER_KEY = 64
# The wide search reads words up to WIDE_LONGER letters longer than the token and WIDE_SHORTER shorter: OCR
# adds stray letters more often than it drops two, and of the words as near, the shorter ones crowded out
# the likelier (dev, session 10: moderate +0.3, heavy +0.1, 3 % faster; 2 and 2 before)
WIDE_SHORTER = 1
WIDE_LONGER = 2


def skeleton(word: str) -> str:
    return deaccent(word).replace("rn", "m").translate(_FOLD).replace("'", "")


def _deletes(key: str) -> Iterable[str]:
    for position in range(len(key)):
        yield key[:position] + key[position + 1 :]


def build_index(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for word in words:
        key = skeleton(word)
        if len(key) < 3:
            continue
        index[key].append(word)
        for variant in _deletes(key):
            index[variant].append(word)
    return {key: tuple(found[:MAX_WORDS_PER_KEY]) for key, found in index.items()}


def lookup(index: dict[str, tuple[str, ...]], token: str) -> set[str]:
    """Words whose skeleton is within one deletion of the token's skeleton minus up to two characters."""
    key = skeleton(token)
    found: set[str] = set(index.get(key, ()))
    level1 = set(_deletes(key))
    probes = set(level1)
    if len(key) >= 6:
        for variant in level1:
            probes.update(_deletes(variant))
    for variant in probes:
        found.update(index.get(variant, ()))
    return found


class ChannelCost:
    """-log P(noisy | clean) summed over the differing blocks of an alignment."""

    def __init__(self, table: dict[tuple[str, str], float], edit_cost: float = EDIT_COST) -> None:
        self.table = {pair: -math.log(prob) for pair, prob in table.items()}
        self.edit_cost = edit_cost  # per character of a block the table does not know
        self._blocks: dict[tuple[str, str], float] = {}
        # the rules other than one letter for one letter, by their clean side (for _split)
        self._segments: dict[str, list[tuple[str, float]]] = {}
        for (clean_seg, noisy_seg), cost in self.table.items():
            if len(clean_seg) != 1 or len(noisy_seg) != 1:
                self._segments.setdefault(clean_seg, []).append((noisy_seg, cost))

    def block(self, clean: str, noisy: str) -> float:
        cost = self._blocks.get((clean, noisy))
        if cost is None:
            if len(self._blocks) >= BLOCK_CACHE_SIZE:
                self._blocks.clear()
            cost = self._blocks[(clean, noisy)] = self._block(clean, noisy)
        return cost

    def _block(self, clean: str, noisy: str) -> float:
        cost = self.table.get((clean, noisy))
        if cost is not None:
            return cost
        if clean.lower() == noisy.lower():
            return CASE_COST
        if deaccent(clean) == deaccent(noisy):
            return ACCENT_COST * max(1, len(clean))
        if len(clean) == len(noisy) and len(clean) > 1:
            return sum(self.block(a, b) for a, b in zip(clean, noisy, strict=True))
        fallback = self.edit_cost * max(len(clean), len(noisy))
        if len(clean) + len(noisy) > 2 and len(clean) <= BLOCK_SPLIT_MAX and len(noisy) <= BLOCK_SPLIT_MAX:
            return min(fallback, self._split(clean, noisy))
        return fallback

    def _split(self, clean: str, noisy: str) -> float:
        """The cheapest way to write ``clean`` as ``noisy`` with the table's rules and single-character
        edits: "l'in" read "Fa" is "l'" -> "F" (a frequent rule), then "i" -> "a" and a dropped "n"."""
        rows, cols = len(clean) + 1, len(noisy) + 1
        inf, edit, segments = math.inf, self.edit_cost, self._segments
        best = [[inf] * cols for _ in range(rows)]
        best[0][0] = 0.0
        for i in range(rows):
            row, below = best[i], best[i + 1] if i + 1 < rows else None
            for j in range(cols):
                here = row[j]
                if here == inf:
                    continue
                if j + 1 < cols and here + edit < row[j + 1]:  # a letter added
                    row[j + 1] = here + edit
                if below is None:
                    continue
                if here + edit < below[j]:  # a letter dropped
                    below[j] = here + edit
                if j + 1 < cols:  # a letter read as another (table, case, accent or an unknown edit)
                    cost = self.block(clean[i], noisy[j])
                    if here + cost < below[j + 1]:
                        below[j + 1] = here + cost
                for di in range(1, min(MAX_SEGMENT, rows - 1 - i) + 1):
                    for read, cost in segments.get(clean[i : i + di], ()):
                        if noisy.startswith(read, j) and here + cost < best[i + di][j + len(read)]:
                            best[i + di][j + len(read)] = here + cost
        return best[-1][-1]

    def __call__(self, clean: str, noisy: str) -> float:
        blocks, block, total = self._blocks, self.block, 0.0
        for pair in align_blocks(clean, noisy):
            cost = blocks.get(pair)  # the cache of `block`, read here: the hottest loop of the repair
            total += block(*pair) if cost is None else cost
        return total


class WideSearch:
    """Last-resort search for long tokens with no candidate: bounded edit distance over skeletons of the
    common words of similar length that share the token's first or last letter (rapidfuzz, C speed).
    ``words`` come most frequent first: of the words as near as each other, the frequent ones are found."""

    def __init__(self, words: Iterable[str], max_distance: int = 3) -> None:
        words = list(words)
        self.rank = {word: number for number, word in enumerate(words)}
        self.max_distance = max_distance
        by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for word in words:
            key = skeleton(word)
            by_length[len(key)].append((key, word))
        # by length and first letter, and by length and last letter of the skeleton: OCR seldom gets both
        # ends of a word wrong, and a search in the two short lists costs a tenth of one in all the words
        by_end: dict[tuple[int, int, str], list[tuple[str, str]]] = defaultdict(list)
        for size, items in by_length.items():
            for key, word in items:
                by_end[(size, 0, key[:1])].append((key, word))
                by_end[(size, -1, key[-1:])].append((key, word))
        self.by_end = {slot: ([k for k, _ in items], [w for _, w in items]) for slot, items in by_end.items()}

    def __call__(self, token: str, limit: int = 5, max_distance: int | None = None) -> list[str]:
        key = skeleton(token)
        cutoff = self.max_distance if max_distance is None else max_distance
        found: list[tuple[int, str]] = []
        # lengths near the token's: OCR rarely drops or adds 3 letters to a word it otherwise reads
        lists = []
        for size in range(len(key) - WIDE_SHORTER, len(key) + WIDE_LONGER + 1):
            lists.append(self.by_end.get((size, 0, key[:1]), ((), ())))
            lists.append(self.by_end.get((size, -1, key[-1:]), ((), ())))
        for keys, words in lists:
            if not keys:
                continue
            for _match, distance, position in process.extract(
                key, keys, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=limit
            ):
                found.append((distance, words[position]))
        # among words as near, the more frequent first (not the first in alphabetical order)
        found = sorted(set(found), key=lambda item: (item[0], self.rank[item[1]]))
        return [word for _distance, word in found[:limit]]
