"""Rules on the punctuation around words: a misread period inside a sentence, a stray apostrophe.

Mixed into :class:`textkit.engine.Repairer` (uses its ``scorer``, line prior and context helpers).
"""

from __future__ import annotations

from textkit.result import Edit

# "word. lower-case word": the clean corpus almost never has it (69 times in 1.6 M tokens), OCR often
# reads a comma as a period, or adds a speck after a word. After a word that never ends a sentence
# ("de", "la") the period is dropped, otherwise it becomes a comma.
PERIOD_MIN_COUNT = 100  # LM count of the word needed to decide that it never ends a sentence
PERIOD_END_RATIO = 0.002  # ... share of its occurrences followed by a sentence end
PERIOD_NEXT_MIN_COUNT = 20
# no comma for a period before these letters: Tesseract reads the capitals I and L as lower case far more
# often than a comma as a period ("ans. il n'est")
PERIOD_CASE_LETTERS = "il"
PERIOD_VERB_RATIO = 0.03  # share of the next word's uses after "il" above which it is taken for a verb
_ABBREVIATIONS = {"etc", "cf", "art", "al", "ex", "env", "max", "min", "hab", "tél", "av", "bd", "ch", "vol"}
APOSTROPHE_COST = 3.0  # -log P of a stray apostrophe read before a word, or of a lost elided letter
_VOWELS = "aeiouyhàâéèêëîïôûœ"


class PunctuationRules:
    def _fix_periods(self, chunks, offset, pieces, edits) -> None:
        k = self.scorer.k
        self._period_joins = {}
        for index, (chunk, following) in enumerate(zip(chunks, chunks[1:], strict=False)):
            core = chunk.core
            if (
                chunk.trail != "."
                or following.lead
                or not following.core[:1].islower()
                or not following.core[:1].isalpha()
            ):
                continue
            joined = self._join_period(chunks, index)
            if joined is not None:
                self._period_joins[index] = joined
                continue
            if (
                len(core) < 2
                or not core.isalpha()
                or not core.islower()
                or core in _ABBREVIATIONS
                or not self.scorer.is_known(core)
                # "membres. fie peuvent": a rare next word may be a mangled capital ("Ils")
                or len(following.core) < 2
                or k.unigrams.get(following.core, 0) < PERIOD_NEXT_MIN_COUNT
            ):
                continue
            following_count = k.unigrams.get(following.core, 1)
            if k.bigrams.get(("il", following.core), 0) >= PERIOD_VERB_RATIO * following_count:
                continue  # "médiateur. peut également": more likely a lost "Il" than a misread comma
            count = k.unigrams.get(core, 0)
            ends = k.bigrams.get((core, "<s>"), 0)
            new = "" if count >= PERIOD_MIN_COUNT and ends < PERIOD_END_RATIO * count else ","
            if new and following.core[:1] in PERIOD_CASE_LETTERS:
                continue  # "ans. il n'est": the capital was misread, not the comma
            position = chunk.start + len(chunk.lead) + len(core)
            pieces.append((position, position + 1, new))
            edits.append(Edit(offset + position, ".", new, 0.9))
            chunk.trail = new
            following.sentence_start = False

    def _fix_apostrophe(self, chunk, core, base, prev, following, offset, pieces, edits) -> bool:
        """ "'cette" (a speck read as an apostrophe), "'établissements" (a lost "d")."""
        rest = core[1:]
        if len(rest) < 2 or not rest.isalpha() or not (rest.islower() or rest[1:].islower()):
            return False
        scorer = self.scorer
        if scorer.is_known(rest):
            options = {rest: 0.0}
        else:
            options = {f: c for f, c in scorer.generate(rest).items() if " " not in f and "'" not in f}
        candidates: dict[str, float] = {}
        for form, cost in options.items():
            candidates[form] = cost + APOSTROPHE_COST
            if form[:1].lower() in _VOWELS and form.islower():
                for elided in ("d'", "l'"):
                    candidates[elided + form] = cost + APOSTROPHE_COST
        if not candidates:
            return True
        best, confidence = scorer.rank(core, candidates, prev, following, log_oov=self._log_oov)
        if best != core and confidence >= self.threshold:
            if chunk.sentence_start and best[:1].islower() and base == chunk.start + len(chunk.lead):
                best = best[:1].upper() + best[1:]
            pieces.append((base, base + len(core), best))
            edits.append(Edit(offset + base, core, best, round(confidence, 4)))
            self._fixed[chunk.start] = best
        return True
