"""Joining what the OCR line breaks split: line-end hyphenation ("dévelop- pement") and words cut in two
("adminis trations"). Mixed into :class:`textkit.engine.Repairer` (uses its ``scorer`` and line prior)."""

from __future__ import annotations

import math

HYPHEN_MAX_COST = 12.0  # in a clean-looking line
PERIOD_JOIN_MAX_COST = 8.0  # channel cost of a correction of the joined word of a line-end hyphenation
# "micro- et macro-économie": a suspended hyphen before a conjunction is not a line-end hyphenation
_SUSPENDED = {"et", "ou", "à"}


class JoinRules:
    def _join(self, chunks, index) -> str | None:
        """The joined form of ``chunks[index]`` and the next chunk, or None to leave them apart."""
        if index in self._period_joins:
            return self._period_joins[index]
        chunk, following = chunks[index], chunks[index + 1]
        left, right = chunk.core, following.core
        if following.lead or not right[:1].isalpha() or not left[:1].isalpha():
            return None
        if left.endswith("-") and not chunk.trail and len(left) > 2:
            return self._join_hyphenated(chunks, index, left[:-1], right)
        known = self.scorer.is_known
        if chunk.trail or len(left) < 2 or not right.isalpha() or not left.isalpha():
            return None
        left_known, right_known = known(left), known(right)
        if left_known and right_known:
            return None
        if (left_known and len(left) < 4) or (right_known and len(right) < 4):
            return None  # "par is" is not "paris": a short valid word is usually right
        merged = left + right
        if known(merged) and self.scorer.k.freq.get(merged.lower(), 0.0) >= 1.0:
            return merged
        return None

    def _join_period(self, chunks, index) -> str | None:
        """ "élec. tion", "la. quelle": a line-end hyphen read as a period (never "word. lower" in clean
        text). Joined only into a known word, directly or by a cheap correction when a part is unknown."""
        chunk, following = chunks[index], chunks[index + 1]
        stem, right = chunk.core, following.core
        if not (stem.isalpha() and stem.islower() and right.isalpha() and right.islower()):
            return None
        known = self.scorer.is_known
        joined = stem + right
        if known(joined) and not (known(stem) and known(right) and known(f"{stem}-{right}")):
            return joined
        if (
            (known(stem) and known(right))
            or len(joined) < 6
            or ((known(stem) or known(right)) and len(right) < 4)
        ):
            # "générat. le": a short word after the period is a word of its own; "débats. it": a short
            # misreading after a whole word is one too ("Il"), not the end of "débattit"
            return None
        return self._corrected_join(chunks, index, joined, PERIOD_JOIN_MAX_COST)

    def _corrected_join(self, chunks, index, joined: str, max_cost: float, wide: bool = False) -> str | None:
        """A one-word correction of `joined` cheaper than `max_cost`, confident in its context, or None.
        With `wide`, in a noisy line, the candidates of any unknown word of the line, at any cost."""
        generated = self.scorer.generate(joined)
        if wide and self._wide_line:
            # "les fe- derétions d'organismes": joined, "federétions" needs the wider search
            generated, max_cost = self.scorer.generate_noisy(joined, self._garbled), math.inf
        candidates = {form: cost for form, cost in generated.items() if " " not in form and cost < max_cost}
        if not candidates:
            return None
        prev = self._previous_token(chunks, index, "")
        following = self._next_token(chunks, index + 1)
        best, confidence = self.scorer.rank(joined, candidates, prev, following, log_oov=self._log_oov)
        return best if best != joined and confidence >= self.threshold else None

    def _join_hyphenated(self, chunks, index, stem, right) -> str | None:
        """ "dévelop- pement": a hyphen followed by a space inside a line is almost always a line end."""
        known = self.scorer.is_known
        if right[:1].isupper() and right[1:].islower() and len(right) > 2 and stem.islower():
            right = right.lower()  # "prévi- Sionnel": s read as S
        if not right[:1].islower() or right in _SUSPENDED:
            return None
        if known(stem + right) and not (known(stem) and known(right) and known(f"{stem}-{right}")):
            return stem + right
        if known(f"{stem}-{right}"):
            return f"{stem}-{right}"
        if not (stem.replace("-", "").isalpha() and right.isalpha()):
            return None
        joined = stem + right
        best = self._corrected_join(chunks, index, joined, HYPHEN_MAX_COST, wide=True)
        if best is not None:
            return best
        if known(right) and len(right) < 4:
            return None  # "imposer- au": a short word after the hyphen may be a word of its own
        return joined
