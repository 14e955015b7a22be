"""Candidates from the context: the words the corpus puts right after the previous word or right before
the next one, when they look like the token.

On a poor scan a word may come out several edits away from the truth (`Gyaolution`, `Hcenchmnent`),
beyond what the confusion rewrites and the skeleton searches reach. Its neighbours, though, are often
read right, and the language model knows which words follow `des` or come before `du`. Of those, the ones
whose OCR skeleton (see `textkit.fuzzy.skeleton`) is within CONTEXT_MAX_DISTANCE of the token's, as a
share of the longer one, are candidates; the channel cost and the language model then rank them like
any other candidate. Plain Python (RapidFuzz for the distances), no Django.
"""

from __future__ import annotations

from collections import defaultdict

from textkit.fuzzy import skeleton

CONTEXT_MIN_LENGTH = 3
CONTEXT_MAX_DISTANCE = 0.6  # normalised edit distance between skeletons
CONTEXT_LIMIT = 10  # nearest words kept on each side
CONTEXT_POOL = 800  # the words most often seen on each side of a context word (of some 15,000 for "de")


class NeighbourWords:
    """The words seen after and before each LM token, built on first use from the bigrams."""

    def __init__(self, bigrams: dict[tuple[str, str], int]) -> None:
        self.bigrams = bigrams
        self._sides: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self._pools: dict[tuple[str, int], tuple[list[str], list[str]]] = {}

    def near(self, word: str, prev: str, following: str) -> dict[str, float]:
        """{word seen after ``prev`` or before ``following``: normalised distance of its skeleton}."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if len(word) < CONTEXT_MIN_LENGTH or not word.isalpha():
            return {}
        key = skeleton(word.lower())
        near: dict[str, float] = {}
        for words, keys in (self._pool(prev, 0), self._pool(following, 1)):
            for _match, distance, position in process.extract(
                key,
                keys,
                scorer=Levenshtein.normalized_distance,
                score_cutoff=CONTEXT_MAX_DISTANCE,
                limit=CONTEXT_LIMIT,
            ):
                form = words[position]
                near[form] = min(distance, near.get(form, 1.0))
        return near

    def _pool(self, token: str, side: int) -> tuple[list[str], list[str]]:
        """The words seen after (side 0) or before (side 1) ``token``, most frequent first, and their
        skeletons."""
        pool = self._pools.get((token, side))
        if pool is None:
            if self._sides is None:
                self._sides = self._index()
            counts = self.bigrams
            if side == 0:
                words = sorted(self._sides[0].get(token, ()), key=lambda w: (-counts[(token, w)], w))
            else:
                words = sorted(self._sides[1].get(token, ()), key=lambda w: (-counts[(w, token)], w))
            words = words[:CONTEXT_POOL]
            pool = self._pools[(token, side)] = (words, [skeleton(w) for w in words])
        return pool

    def _index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        after: defaultdict[str, list[str]] = defaultdict(list)
        before: defaultdict[str, list[str]] = defaultdict(list)
        for first, second in self.bigrams:
            if second.isalpha() and len(second) >= 2:
                after[first].append(second)
            if first.isalpha() and len(first) >= 2:
                before[second].append(first)
        return after, before
