"""The OCR repair engine: detect suspicious tokens, propose candidates, change only when confident.

Pipeline for each line (a paragraph):
0. in a garbled line, words that a poor scan read in capitals are put back in lower case
   (:mod:`textkit.capital_runs`);
1. split into whitespace-separated chunks; each chunk is (leading punctuation, core, trailing punctuation);
2. rule-based fixes of near-certain patterns: misread elisions (``I'``, ``|'``, ``1'`` -> ``l'``), bullets
   read as letters at the start of a line, hyphenation (``dévelop- pement``) and words split in two;
3. every remaining core that is not a known word (lexicon, domain vocabulary) and does not look like a
   number, an amount, a date or a code is a *suspect*; its candidates come from the confusion model, the
   accent index, single edits and splits into two words, and are ranked by channel cost + trigram LM
   (the context comes from :mod:`textkit.context`);
4. a suspect is replaced only when the posterior of the best candidate (against keeping the token as an
   unknown word) reaches the threshold. Known words are changed only by the narrow, LM-checked rules of
   :mod:`textkit.rules`.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textkit import knowledge as knowledge_module
from textkit.candidates import Scorer
from textkit.capital_runs import CapitalRuns
from textkit.confusion import ConfusionModel, load_model
from textkit.context import _SENTENCE_END, ContextRules
from textkit.joins import JoinRules
from textkit.passes import TwoPasses
from textkit.punctuation import PunctuationRules
from textkit.result import Edit, RepairResult
from textkit.rules import _NUMERIC_WORDS, KnownWordRules
from textkit.symbols import SymbolRules
from textkit.symbols import load as load_symbols
from textkit.text import ELISION, casing, deaccent, paragraphs
from textkit.vocabulary import builtin_vocabulary, load_vocabulary
from textkit.wordconfusion import WordConfusions, load_words

log = logging.getLogger(__name__)
THRESHOLD = 0.5  # posterior needed to replace a suspect
NOISY_LINE_RATIO = 0.04  # share of unknown words above which a line is treated as noisy OCR
VERY_NOISY_LINE_RATIO = 0.15
NAME_THRESHOLD = 0.99  # for capitalised words inside a sentence (probable proper names)
NAME_MAX_COST = 4.0
GARBLED_NAME_THRESHOLD = 0.9  # in a garbled line a capital inside a sentence is as often a misread
WIDE_MAX_RATIO = 0.6  # above this share of unknown words the context is too garbled for a wider search
_CHUNK = re.compile(r"\S+")
_SPLIT = re.compile(r"^([(\[«\"“‘]*)(.*?)([.,;:!?)\]»\"”…]*)$")
_MISREAD_ELISION = re.compile(r"^[I|1!]['’](?=[^\W\d_])")
_BULLET = re.compile(r"^(?:[eo°·*«»]|\+|-»|»») (?=[A-ZÀ-Ý])")
_L_LOOKALIKES = "IJFPHT|1"  # capitals Tesseract produces for a lower-case l or an elided l'
_STRAY = re.compile(r"^([{}|]+)?([^\W\d_]{2,})(?(1)[{}|]*|[{}|]+)$")
_WORDISH = re.compile(r"^[^\W_][\w'’|!-]*$")
_ORDINAL = re.compile(r"^1(?:er|re|e)")
_CAMEL_CASE = re.compile(r"^(?:[A-Z][a-zà-ÿ]+){2,}$")  # "McDonald", "DuPont": a name, not a misreading
_CODE_LIKE = re.compile(r"\d.*\d|^\d|[A-Z].*\d|\d.*[A-Z]|[/@#%€$=+<>_]")


@dataclass
class _Chunk:
    start: int
    lead: str
    core: str
    trail: str
    sentence_start: bool

    @property
    def in_parentheses(self) -> bool:
        """ "(SNATED)", "(CNDA": an acronym spelt out or explained, not a misread word."""
        return self.lead.endswith("(") or self.trail.startswith(")")

    @property
    def end(self) -> int:
        return self.start + len(self.lead) + len(self.core) + len(self.trail)


class Repairer(
    TwoPasses, CapitalRuns, ContextRules, JoinRules, PunctuationRules, KnownWordRules, SymbolRules
):
    def __init__(
        self,
        vocabulary: Iterable[str] = (),
        knowledge: knowledge_module.Knowledge | None = None,
        confusions: ConfusionModel | None = None,
        threshold: float = THRESHOLD,
        word_confusions: WordConfusions | None = None,
    ) -> None:
        domain = set(builtin_vocabulary()) | load_vocabulary(vocabulary)
        self.scorer = Scorer(knowledge or knowledge_module.load(), confusions or load_model(), domain)
        self.threshold = threshold
        self.word_confusions = word_confusions or load_words()
        self.symbol_readings = load_symbols()
        self._known_words = True  # False in the second pass over a garbled line
        self._prior_floor: float | None = None  # the first pass's line prior, in the second pass
        self._changed_spans: list[tuple[int, int, int]] | None = None  # the first pass's replacements

    # --- public ----------------------------------------------------------------------------------------
    def repair(self, text: str) -> RepairResult:
        edits: list[Edit] = []
        out: list[str] = []
        offset = 0
        for line in text.split("\n"):
            out.append(self._repair_line(line, offset, edits))
            offset += len(line) + 1
        return RepairResult("\n".join(out), edits)

    # --- one pass over a line (the two passes: textkit.passes) ------------------------------------------
    def _line_pieces(self, line: str, offset: int, edits: list[Edit]) -> list[tuple[int, int, str]]:
        """The replacements (start, end, new) of one pass over a line, in line coordinates."""
        pieces: list[tuple[int, int, str]] = []
        bullet = _BULLET.match(line)
        if bullet and len(line) > 20:
            pieces.append((0, bullet.end(), "• "))
            edits.append(Edit(offset, bullet.group(0), "• ", 0.9))
        chunks = self._chunks(line, bullet.end() if bullet and len(line) > 20 else 0)
        self._line_chunks = chunks
        self._chunk_index = {chunk.start: number for number, chunk in enumerate(chunks)}
        self._log_oov = self._line_prior(chunks)
        if self._prior_floor is not None:
            # the second pass: the line is as noisy as the OCR made it, whatever the first pass repaired
            self._log_oov = min(self._log_oov, self._prior_floor)
        self.scorer.trigram_known = self._garbled
        self._fixed: dict[int, str] = {}  # chunk start -> repaired core, the left context of the next word
        self._fix_periods(chunks, offset, pieces, edits)
        reach = self._second_pass_reach(chunks)
        index = 0
        while index < len(chunks):
            chunk = chunks[index]
            if reach is not None and index not in reach:
                index += 1
                continue
            following = chunks[index + 1] if index + 1 < len(chunks) else None
            joined = self._join(chunks, index) if following else None
            if joined is not None:
                end = following.start + len(following.lead) + len(following.core)
                start = chunk.start + len(chunk.lead)
                pieces.append((start, end, joined))
                edits.append(Edit(offset + start, line[start:end], joined, 0.95))
                index += 2
                continue
            self._repair_chunk(chunks, index, line, offset, pieces, edits)
            index += 1
        return pieces

    @property
    def _noisy_line(self) -> bool:
        """The line being repaired has 4 % or more unknown words (see `_line_prior`)."""
        return self._log_oov != self.scorer.log_oov

    @property
    def _wide_line(self) -> bool:
        """Unknown words of the line get the wider candidate search (4 % to 60 % unknown words)."""
        return self._noisy_line and self._unknown_ratio < WIDE_MAX_RATIO

    @property
    def _garbled(self) -> bool:
        """The line being repaired has 15 % or more unknown words."""
        return self._log_oov == self.scorer.log_oov_very_noisy

    def _line_prior(self, chunks: list[_Chunk]) -> float:
        """The prior of "an unknown word is right" depends on how noisy the line looks: in a line where
        many words are unknown the OCR is poor, and an unknown word is much more likely an error."""
        words = unknown = 0
        repeated = Counter(chunk.core for chunk in chunks)
        for chunk in chunks:
            core = chunk.core
            if not core or not core[0].isalpha() or _CODE_LIKE.search(core):
                continue
            if not chunk.sentence_start and casing(core) == "title" or _CAMEL_CASE.match(core):
                continue  # a capital inside a sentence is most often a name: it says nothing of the OCR
            words += 1
            # an unknown word repeated in the line is a name or a term, not a misreading
            unknown += (
                repeated[core] == 1 and not self.scorer.is_known(core) and not self.scorer.is_derived(core)
            )
        self._unknown_ratio = unknown / words if words else 0.0
        if self._unknown_ratio >= VERY_NOISY_LINE_RATIO:
            return self.scorer.log_oov_very_noisy
        if self._unknown_ratio >= NOISY_LINE_RATIO:
            return self.scorer.log_oov_noisy
        return self.scorer.log_oov

    def _chunks(self, line: str, skip: int) -> list[_Chunk]:
        chunks: list[_Chunk] = []
        sentence_start = True
        for match in _CHUNK.finditer(line, skip):
            lead, core, trail = _SPLIT.match(match.group(0)).groups()
            chunks.append(_Chunk(match.start(), lead, core, trail, sentence_start))
            sentence_start = bool(_SENTENCE_END.search(match.group(0)))
        return chunks

    def _repair_chunk(self, chunks, index, line, offset, pieces, edits) -> None:
        chunk = chunks[index]
        core = chunk.core
        if not core or not (any(ch.isalpha() for ch in core) or core in _NUMERIC_WORDS):
            return  # "1", "11" go on: they may be a misread "Il"
        base = chunk.start + len(chunk.lead)
        prefix = ""
        elision = _MISREAD_ELISION.match(core)
        if elision:
            fixed = ("L" if chunk.sentence_start else "l") + "'"
            pieces.append((base, base + 2, fixed))
            edits.append(Edit(offset + base, core[:2], fixed, 0.98))
            prefix, core, base = fixed, core[2:], base + 2
        else:
            match = ELISION.match(core)
            if match:
                prefix, core, base = match.group(1), core[match.end() :], base + match.end()
        stray = _STRAY.match(core)
        if stray and self.scorer.is_known(stray.group(2)) and not prefix:
            # "{Dans", "|les", "droits}": braces and bars never occur in French prose next to a word
            pieces.append((base, base + len(core), stray.group(2)))
            edits.append(Edit(offset + base, core, stray.group(2), 0.95))
            return
        if core[:1] in "'’" and not prefix:
            prev, following = self._previous_token(chunks, index, ""), self._next_token(chunks, index)
            if self._fix_apostrophe(chunk, core, base, prev, following, offset, pieces, edits):
                return
        if not prefix and core and self._fix_symbol(chunks, index, core, base, offset, pieces, edits):
            return
        if not core or not _WORDISH.match(core):
            return
        if not prefix and self._midcap(chunks, index, core, base, offset, pieces, edits):
            return
        if not prefix and self._lower_shouted(chunks, index, core, base, offset, pieces, edits):
            return
        if core in _NUMERIC_WORDS and not prefix and not chunk.trail and not chunk.lead:
            self._fix_numeric(chunks, index, core, base, offset, pieces, edits)
            return
        if self._protected(core):
            return
        prev = self._previous_token(chunks, index, prefix)
        following = self._next_token(chunks, index)
        if "-" in core.strip("-") and not self.scorer.is_known(core):
            position = base
            parts = core.split("-")
            self.scorer.prev2 = self.scorer.following2 = None  # the parts of one word: bigrams only
            for number, part in enumerate(parts):
                if part and not self._protected(part):
                    context_next = parts[number + 1].lower() if number + 1 < len(parts) else following
                    self._fix_word(part, base, prev, context_next, chunk, pieces, edits, offset)
                prev = part.lower() or prev
                base += len(part) + 1
            del position
            return
        self._fix_word(core, base, prev, following, chunk, pieces, edits, offset)

    def _fix_word(self, word, base, prev, following, chunk, pieces, edits, offset) -> None:
        scorer = self.scorer
        if (len(word) < 2 and word.lower() not in ("a", "à", "e")) or word.endswith("'"):
            return  # "l' article": an elision followed by a space is not a word to correct
        index = self._chunk_index[chunk.start]
        if scorer.is_known(word):
            if not self._known_words:
                return
            if word.islower() or (casing(word) == "title" and not chunk.sentence_start):
                readings = self._next_readings(index, following)
                self._fix_real_word(word, base, prev, following, pieces, edits, offset, readings)
            return
        if scorer.is_derived(word):
            return  # "infradépartementale": a prefix and a known word
        readings = self._next_readings(index, following)
        pattern = casing(word)
        garbled = self._garbled
        if pattern == "upper" and (len(word) <= 5 or chunk.in_parentheses):
            return  # an acronym we do not know, "(SNATED)": leave it (but see textkit.capital_runs)
        if self._wide_line:
            # "cuHectuités", "dOCUMEN": capitals scattered by a poor scan
            generate = scorer.generate_mixed if pattern == "mixed" else scorer.generate_noisy
            candidates = dict(generate(word, garbled))
            # and the words the corpus puts next to its neighbours ("de Hcenchmnent" -> "licenciement"),
            # unless the token looks like a name in camel case ("McDonald")
            context = (
                {} if _CAMEL_CASE.match(word) else scorer.context_candidates(word, prev, following, garbled)
            )
            for form, cost in context.items():
                if cost < candidates.get(form, math.inf):
                    candidates[form] = cost
        else:
            candidates = scorer.generate(word)
        if not candidates:
            return
        best, confidence = scorer.rank(
            word, candidates, prev, following, log_oov=self._log_oov, readings=readings
        )
        if best == word or (pattern == "upper" and deaccent(best) == deaccent(word)):
            return  # capitals often drop accents on purpose
        threshold = self.threshold
        if (
            pattern == "title"
            and not chunk.sentence_start
            and not (word[0] in _L_LOOKALIKES and best[:1] == "l")
        ):
            # a capitalised unknown word inside a sentence is most often a name: one cheap confusion only
            if garbled:
                threshold = GARBLED_NAME_THRESHOLD
            elif candidates.get(best, 99.0) > NAME_MAX_COST:
                return
            else:
                threshold = NAME_THRESHOLD
        if confidence < threshold:
            return
        if chunk.sentence_start and base == chunk.start + len(chunk.lead) and word[:1].isupper():
            best = best[:1].upper() + best[1:]
        elif garbled and casing(best) == "title" and best not in scorer.domain and self._usually_lower(best):
            # a capital inside a sentence of a garbled line is most often a misread lower-case letter:
            # "portant Mspontions statutaires" -> "dispositions", "la Latégorie" -> "catégorie" (the word
            # was wrong anyway; about 7 in 8 such words are lower case in the reference)
            best = best.lower()
        pieces.append((base, base + len(word), best))
        edits.append(Edit(offset + base, word, best, round(confidence, 4)))
        if word == chunk.core:
            self._fixed[chunk.start] = best

    def _protected(self, word: str) -> bool:
        """Numbers, amounts, dates, codes (QP059001, CV043, SIREN) and other non-words are never touched."""
        if _CODE_LIKE.search(word):
            return not _single_digit_in_word(word)
        return not any(ch.isalpha() for ch in word)


def _single_digit_in_word(word: str) -> bool:
    """'pub1ique' (one 1/0 inside lower-case letters) is a misread word, not a code."""
    digits = [ch for ch in word if ch.isdigit()]
    letters = [ch for ch in word if ch.isalpha()]
    return (
        len(digits) == 1
        and digits[0] in "10"
        and len(letters) >= 3
        and all(ch.islower() for ch in letters)
        and all(ch.isalnum() for ch in word)
        and not _ORDINAL.match(word)  # "1erjour", "1re": an ordinal glued to the next word
    )


_DEFAULT: dict[tuple[frozenset[str], Path | None, float], Repairer] = {}


def repair(
    text: str, vocabulary: Iterable[str] | None = None, knowledge_path: Path | None = None
) -> RepairResult:
    """Repair OCR text. ``vocabulary``: domain words and names (communes, QPV, acronyms...) to keep;
    ``knowledge_path``: a knowledge file built with more clean texts (see ``knowledge.build(extra=...)``),
    used when it exists; a rebuilt file is picked up at the next call."""
    if knowledge_path is not None and not knowledge_path.exists():
        knowledge_path = None
    stamp = knowledge_path.stat().st_mtime if knowledge_path else 0.0
    key = (frozenset(vocabulary or ()), knowledge_path, stamp)
    repairer = _DEFAULT.get(key)
    if repairer is None:
        for stale in [k for k in _DEFAULT if k[1] == knowledge_path and k[2] != stamp]:
            del _DEFAULT[stale]  # built on a knowledge file that has been replaced since
        if len(_DEFAULT) > 8:
            _DEFAULT.clear()
        loaded = None
        if knowledge_path:
            try:
                loaded = knowledge_module.load(knowledge_path)
            except knowledge_module.IncompatibleKnowledge as exc:
                log.warning("%s: rebuild it; the repair uses the default knowledge meanwhile", exc)
        repairer = _DEFAULT[key] = Repairer(key[0], loaded)
    return repairer.repair(text)


def repair_page(
    page_text: str, vocabulary: Iterable[str] | None = None, knowledge_path: Path | None = None
) -> RepairResult:
    """Repair the OCR text of a page: its lines are first joined into paragraphs (see
    :func:`textkit.text.paragraphs`); paragraphs come out separated by a blank line. Edit positions
    refer to that reflowed text."""
    return repair("\n\n".join(paragraphs(page_text)), vocabulary, knowledge_path)
