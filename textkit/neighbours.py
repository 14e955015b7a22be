"""Candidates from the context: the words the corpus puts right after the previous word, right before the
next one, or between the two, when they look like the token.

On a poor scan a word may come out several edits away from the truth (`Gyaolution`, `Hcenchmnent`),
beyond what the confusion rewrites and the skeleton searches reach. Its neighbours, though, are often
read right, and the language model knows which words follow `des` or come before `du`. Of those, the ones
whose OCR skeleton (see `textkit.fuzzy.skeleton`) is within CONTEXT_MAX_DISTANCE of the token's, as a
share of the longer one, are candidates; the channel cost and the language model then rank them like
any other candidate.

More pools, from the trigrams:
- the words seen *between* the previous and the next word ("à loyer ... , les" -> "modéré"): a narrow
  context, so a wider distance (BETWEEN_MAX_DISTANCE) is allowed;
- when a neighbour is itself garbled (a token the corpus never saw), the words seen two places after the
  word before it, or two places before the word after it ("délai dq dkux": "deux" is seen two places
  after "délai").

Plain Python (RapidFuzz for the distances), no Django.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from textkit.fuzzy import skeleton

CONTEXT_MIN_LENGTH = 3
CONTEXT_MAX_DISTANCE = 0.6  # normalised edit distance between skeletons
CONTEXT_LIMIT = 10  # nearest words kept from each pool
CONTEXT_POOL = 800  # the words most often seen on each side of a context word (of some 15,000 for "de")
BETWEEN_MAX_DISTANCE = 0.75  # between two words: a narrow context, a wider distance
SKIP_MAX_DISTANCE = 0.6  # two places after or before a word

_Pool = tuple[list[str], list[str]]  # words, most frequent first, and their skeletons


class NeighbourWords:
    """The words seen after, before and between LM tokens, built on first use from the n-grams."""

    def __init__(
        self, bigrams: dict[tuple[str, str], int], trigrams: dict[tuple[str, str, str], int] | None = None
    ) -> None:
        self.bigrams = bigrams
        self.trigrams = trigrams or {}
        # {kind: {context: {word: count}}}: kind 0/1 after/before a token, 2/3 two places after/before
        # it, 4 between two tokens
        self._index: dict[int, dict] | None = None
        self._pools: dict[tuple, _Pool] = {}

    def near(
        self,
        word: str,
        prev: str,
        following: str,
        prev2: str | None = None,
        following2: str | None = None,
    ) -> dict[str, float]:
        """{word of the context pools: normalised distance of its skeleton to the token's}."""
        if len(word) < CONTEXT_MIN_LENGTH or not word.isalpha():
            return {}
        if self._index is None:
            self._index = self._build()
        seen = self._index[0]
        searches = [(0, prev, CONTEXT_MAX_DISTANCE), (1, following, CONTEXT_MAX_DISTANCE)]
        if prev2 and prev2 != "<s>" and prev not in seen:
            searches.append((2, prev2, SKIP_MAX_DISTANCE))
        if following2 and following2 != "<s>" and following not in seen:
            searches.append((3, following2, SKIP_MAX_DISTANCE))
        if prev != "<s>" and following != "<s>":
            searches.append((4, (prev, following), BETWEEN_MAX_DISTANCE))
        key = skeleton(word.lower())
        near: dict[str, float] = {}
        for kind, context, cutoff in searches:
            words, keys = self._pool(kind, context)
            if not words:
                continue
            for _match, distance, position in process.extract(
                key, keys, scorer=Levenshtein.normalized_distance, score_cutoff=cutoff, limit=CONTEXT_LIMIT
            ):
                form = words[position]
                near[form] = min(distance, near.get(form, 1.0))
        return near

    def _pool(self, kind: int, context) -> _Pool:
        pool = self._pools.get((kind, context))
        if pool is None:
            counts = self._index[kind].get(context, {})
            words = sorted(counts, key=lambda w: (-counts[w], w))[:CONTEXT_POOL]
            pool = self._pools[(kind, context)] = (words, [skeleton(w) for w in words])
        return pool

    def _build(self) -> dict[int, dict]:
        index: dict[int, defaultdict] = {kind: defaultdict(dict) for kind in range(5)}
        after, before, after2, before2, between = (index[kind] for kind in range(5))
        for (first, second), count in self.bigrams.items():
            if _word(second):
                after[first][second] = count
            if _word(first):
                before[second][first] = count
        for (first, second, third), count in self.trigrams.items():
            if _word(third):
                after2[first][third] = after2[first].get(third, 0) + count
            if _word(first):
                before2[third][first] = before2[third].get(first, 0) + count
            if _word(second):
                between[(first, third)][second] = count
        return index


def _word(token: str) -> bool:
    return token.isalpha() and len(token) >= 2
