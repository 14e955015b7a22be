"""The language-model context of a chunk of a line: the word before it (already repaired) and the word
after it, for the bigram level; the word before that one and the word after the next one, for the
trigram level. Mixed into :class:`textkit.engine.Repairer`.

The outer words are set on the scorer (``Scorer.prev2``, ``Scorer.following2``) as a side effect, so that
every ranking of a chunk (``Scorer.rank``) sees the context its caller just read with these two methods.
When the next word is itself unknown, its likeliest readings stand for it (``_next_readings``, see
``textkit/lm.py``)."""

from __future__ import annotations

import heapq
import re

from textkit.lm import NextReadings
from textkit.text import casing, lm_tokens

_SENTENCE_END = re.compile(r"[.!?:…]$")
READINGS = 8  # readings of an unknown next word (4: dev moderate -0.1, heavy -0.1; 16: heavy +0.05, slower)
READINGS_MIN_LENGTH = 3


class ContextRules:
    def _previous_token(self, chunks, index, prefix) -> str:
        """The word before chunk ``index`` (already repaired); sets the scorer's ``prev2`` too."""
        if prefix:
            self.scorer.prev2 = self._left_tokens(chunks, index)[-1]
            elided = lm_tokens(prefix)
            return elided[-1] if elided else "<s>"
        tokens = self._left_tokens(chunks, index)
        self.scorer.prev2 = tokens[-2] if len(tokens) > 1 else None
        return tokens[-1]

    def _left_tokens(self, chunks, index) -> list[str]:
        if index == 0 or chunks[index].sentence_start:
            return ["<s>"]
        previous = chunks[index - 1]
        tokens = lm_tokens(self._fixed.get(previous.start, previous.core))
        if not tokens:
            return ["<s>"]
        if len(tokens) == 1:
            if index == 1 or previous.sentence_start:
                return ["<s>", tokens[0]]
            before = chunks[index - 2]
            earlier = lm_tokens(self._fixed.get(before.start, before.core))
            return [earlier[-1], tokens[0]] if earlier else tokens
        return tokens[-2:]

    def _next_token(self, chunks, index) -> str:
        """The word after chunk ``index``; sets the scorer's ``following2`` too."""
        self.scorer.following2 = None
        chunk = chunks[index]
        if _SENTENCE_END.search(chunk.trail) or index + 1 >= len(chunks):
            return "<s>"
        following = chunks[index + 1]
        tokens = lm_tokens(following.core)
        if not tokens:
            return "<s>"
        if len(tokens) > 1:
            self.scorer.following2 = tokens[1]
        elif _SENTENCE_END.search(following.trail) or index + 2 >= len(chunks):
            self.scorer.following2 = "<s>"
        else:
            after = lm_tokens(chunks[index + 2].core)
            self.scorer.following2 = after[0] if after else None
        return tokens[0]

    def _next_readings(self, index: int, following: str) -> NextReadings | None:
        """The likeliest readings of the next word, when it is an unknown word of a noisy line: its own
        candidates (those it will get when its turn comes, memoised) with their channel costs."""
        chunks = self._line_chunks
        if not self._noisy_line or following == "<s>" or index + 1 >= len(chunks):
            return None
        word = chunks[index + 1].core
        if (
            len(word) < READINGS_MIN_LENGTH
            or word.lower() != following  # a part of a hyphenated word is ranked: its next part follows
            or not word.isalpha()
            or casing(word) not in ("lower", "title")
        ):
            return None
        scorer = self.scorer
        if scorer.is_known(word) or scorer.is_derived(word):
            return None
        found = scorer.generate_noisy(word, self._garbled) if self._wide_line else scorer.generate(word)
        options = tuple(
            (tokens[0], cost)
            for form, cost in heapq.nsmallest(READINGS, found.items(), key=lambda item: (item[1], item[0]))
            if len(tokens := lm_tokens(form)) == 1
        )
        return NextReadings(options, self._log_oov) if options else None
