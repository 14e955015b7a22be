"""The word n-gram scores of the ranking: a trigram model with stupid backoff, read in a word's context.

Mixed into :class:`textkit.candidates.Scorer`, which holds the knowledge (``k``, ``total``) and the context
the engine sets before each ranking: the outer words ``prev2`` and ``following2`` (trigram level) and,
during a call of ``Scorer.rank``, the readings of an unknown next word (set with :meth:`read_next`).

**Reading ahead** (since session 11). When the next word of a noisy line is itself unknown, its LM token
says nothing: every candidate backs off to the same unigram. The score of the next position is then a
mixture over the next word's likeliest readings, its own candidates with their channel costs, plus
the reading "it is an unknown word after all" at the line's prior:

    log( sum over readings n of P(n | word before, candidate) * P(token as read | n) * P(next2 | candidate, n)
         + P(unknown word) * P(next2 | unknown) )

so that in `retraite anticipée : pour Gammiére kiogue` the readings `carrière` and `longue` find each other.
Keeping the word is scored with the same mixture, through the unigram level, since a kept unknown word
starts no n-gram.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

BACKOFF = 0.4
LOG_BACKOFF = math.log(BACKOFF)
TRIGRAM_DISCOUNT = 0.75  # a trigram seen twice is weak evidence


class NextReadings(NamedTuple):
    """The likeliest readings of an unknown next word: (LM token, channel cost), and the log prior of
    "the word is right as read" in its line."""

    options: tuple[tuple[str, float], ...]
    log_oov: float


def log_sum_exp(terms: list[float]) -> float:
    top = max(terms)
    return top + math.log(sum(math.exp(term - top) for term in terms))


class NgramScores:
    prev2: str | None
    following2: str | None
    # set by read_next: per reading (LM token, channel cost, backed-off log P, log P of the word after it),
    # the log prior of "right as read" and the backed-off log P of the word after an unknown word
    _ahead: tuple[list[tuple[str, float, float, float]], float, float] | None = None

    def unigram(self, token: str) -> float:
        count = self.k.unigrams.get(token, 0) + 0.1 * self.k.freq.get(token, 0.0)
        return (count + 0.01) / self.total

    def logp(self, prev: str, token: str) -> float:
        pair = self.k.bigrams.get((prev, token))
        if pair:
            return math.log(pair / self.k.unigrams[prev])
        return math.log(BACKOFF * self.unigram(token))

    def logp3(self, before: str | None, prev: str, token: str) -> float:
        """Stupid backoff from the trigram (before, prev, token), absolutely discounted, to the bigram."""
        if before is not None:
            count = self.k.trigrams.get((before, prev, token))
            if count:
                return math.log((count - TRIGRAM_DISCOUNT) / self.k.bigrams[(before, prev)])
            return LOG_BACKOFF + self.logp(prev, token)
        return self.logp(prev, token)

    def chain(self, prev: str, tokens: Sequence[str], following: str, trigrams: bool = True) -> float:
        """LM score of ``tokens`` between ``prev`` and ``following``; with ``trigrams``, the outer context
        of the word being ranked (``prev2``, ``following2``, set by the engine) adds the trigram level.
        With the readings of the next word (:meth:`read_next`) the next position is scored over them."""
        score, before = 0.0, self.prev2
        ahead = self._ahead
        for token in tokens if ahead else [*tokens, following]:
            score += self.logp3(before, prev, token) if trigrams else self.logp(prev, token)
            before, prev = prev, token
        if ahead:
            return score + self._read_ahead(ahead, before, prev, trigrams)
        if trigrams and self.following2 is not None:
            score += self.logp3(before, prev, self.following2)
        return score

    def keep_score(self, following: str, log_oov: float) -> float:
        """Score of keeping an unknown word: it starts no n-gram, so every level backs off."""
        score = log_oov + LOG_BACKOFF * (2 if self.prev2 is not None else 1)
        if self._ahead:
            readings, log_oov_next, after_unknown = self._ahead
            terms = [backed_off - cost + tail for _token, cost, backed_off, tail in readings]
            terms.append(log_oov_next + after_unknown)
            return score + log_sum_exp(terms)
        score += math.log(BACKOFF * self.unigram(following))
        if self.following2 is not None:
            score += LOG_BACKOFF + self.logp(following, self.following2)
        return score

    def read_next(self, readings: NextReadings | None) -> None:
        """Set (or clear, with None) the readings of the next word for the rankings to come. What does not
        depend on the candidate is computed here once: a ranking scores up to 30 candidates, each over
        every reading."""
        if not readings:
            self._ahead = None
            return
        following2 = self.following2
        prepared = [
            (
                token,
                cost,
                math.log(BACKOFF * self.unigram(token)),  # P(reading) after a word it was never seen after
                0.0 if following2 is None else LOG_BACKOFF + self.logp(token, following2),  # and the next
            )
            for token, cost in readings.options
        ]
        # "the next word is right as read": it starts no n-gram, so the word after it backs off
        after_unknown = (
            0.0 if following2 is None else LOG_BACKOFF + math.log(BACKOFF * self.unigram(following2))
        )
        self._ahead = (prepared, readings.log_oov, after_unknown)

    def _read_ahead(self, ahead, before: str | None, prev: str, trigrams: bool) -> float:
        """log-sum over the readings of the next word of P(reading | before, prev) * P(as read | reading)
        * P(following2 | prev, reading): :meth:`logp3` written out (the hottest loop of a ranking)."""
        trigram_counts, bigram_counts, unigram_counts = self.k.trigrams, self.k.bigrams, self.k.unigrams
        outer = trigrams and before is not None
        following2 = self.following2 if trigrams else None
        readings, log_oov_next, after_unknown = ahead
        terms = []
        for token, cost, backed_off, tail in readings:
            pair = bigram_counts.get((prev, token))
            score = math.log(pair / unigram_counts[prev]) if pair else backed_off
            if outer:
                count = trigram_counts.get((before, prev, token))
                if count:
                    score = math.log((count - TRIGRAM_DISCOUNT) / bigram_counts[(before, prev)])
                else:
                    score += LOG_BACKOFF
            if following2 is not None:
                count = trigram_counts.get((prev, token, following2))
                score += (
                    math.log((count - TRIGRAM_DISCOUNT) / bigram_counts[(prev, token)]) if count else tail
                )
            terms.append(score - cost)
        unknown = log_oov_next + (LOG_BACKOFF if outer else 0.0)
        terms.append(unknown + (after_unknown if following2 is not None else 0.0))
        return log_sum_exp(terms)
