"""The word n-gram scores of the ranking: a trigram model with stupid backoff, read in a word's context.

Mixed into :class:`textkit.candidates.Scorer`, which holds the knowledge (``k``, ``total``) and the context
the engine sets before each ranking: the outer words ``prev2`` and ``following2`` (trigram level) and,
during a call of ``Scorer.rank``, the readings of an unknown next word (``next_readings``).

**Reading ahead** (since session 11). When the next word of a noisy line is itself unknown, its LM token
says nothing: every candidate backs off to the same unigram. The score of the next position is then a
mixture over the next word's likeliest readings, its own candidates with their channel costs, plus
the reading "it is an unknown word after all" at the line's prior:

    log( sum over readings n of P(n | word before, candidate) * P(token as read | n) * P(next2 | candidate, n)
         + P(unknown word) * P(next2 | unknown) )

so that `ont ke certéutle` ranks `la` (`la certitude`) above `le`. Keeping the word is scored with the same
mixture, through the unigram level, since a kept unknown word starts no n-gram.
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
    next_readings: NextReadings | None

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
        With ``next_readings`` the next position is scored over them (see the module's docstring)."""
        score, before = 0.0, self.prev2
        readings = self.next_readings
        for token in tokens if readings else [*tokens, following]:
            score += self.logp3(before, prev, token) if trigrams else self.logp(prev, token)
            before, prev = prev, token
        if readings:
            return score + self._read_ahead(before, prev, trigrams)
        if trigrams and self.following2 is not None:
            score += self.logp3(before, prev, self.following2)
        return score

    def keep_score(self, following: str, log_oov: float) -> float:
        """Score of keeping an unknown word: it starts no n-gram, so every level backs off."""
        score = log_oov + LOG_BACKOFF * (2 if self.prev2 is not None else 1)
        if self.next_readings:
            terms = [backed_off - cost + tail for _token, cost, backed_off, tail in self._readings]
            terms.append(self.next_readings.log_oov + self._after_unknown)
            return score + log_sum_exp(terms)
        score += math.log(BACKOFF * self.unigram(following))
        if self.following2 is not None:
            score += LOG_BACKOFF + self.logp(following, self.following2)
        return score

    def read_next(self, readings: NextReadings | None) -> None:
        """Set (or clear, with None) the readings of the next word for the rankings to come. What does not
        depend on the candidate is computed here once: a ranking scores up to 30 candidates, each over
        every reading."""
        self.next_readings = readings
        if not readings:
            return
        following2 = self.following2
        self._readings = [
            (
                token,
                cost,
                math.log(BACKOFF * self.unigram(token)),  # P(reading) after a word it was never seen after
                0.0 if following2 is None else LOG_BACKOFF + self.logp(token, following2),  # and the next
            )
            for token, cost in readings.options
        ]
        # "the next word is right as read": it starts no n-gram, so the word after it backs off
        self._after_unknown = (
            0.0 if following2 is None else LOG_BACKOFF + math.log(BACKOFF * self.unigram(following2))
        )

    def _read_ahead(self, before: str | None, prev: str, trigrams: bool) -> float:
        """log-sum over the readings of the next word of P(reading | before, prev) * P(as read | reading)
        * P(following2 | prev, reading): :meth:`logp3` written out (the hottest loop of a ranking)."""
        trigram_counts, bigram_counts, unigram_counts = self.k.trigrams, self.k.bigrams, self.k.unigrams
        outer = trigrams and before is not None
        following2 = self.following2 if trigrams else None
        terms = []
        for token, cost, backed_off, tail in self._readings:
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
        unknown = self.next_readings.log_oov + (LOG_BACKOFF if outer else 0.0)
        terms.append(unknown + (self._after_unknown if following2 is not None else 0.0))
        return log_sum_exp(terms)
