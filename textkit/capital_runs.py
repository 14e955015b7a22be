"""Words in capitals inside a lower-case sentence of a garbled line, read back in lower case.

On a poor scan Tesseract often takes a stretch of lower-case text for capitals (c, o, s, u, v, x, z and,
blurred, the others have the same shapes): `à lent en COURTE NA SÉMÉEIOENS SAC TOODELS,` for `à leur
encontre sont sévèrement sanctionnées.`, and `communiqué dans une langue que vous êtes supposé` read
`CONLPAMMMQUE LAS ANA IFR QUE VOLS FES SUPPOSÉ`. Each letter of such a word is wrong, even where the OCR
read the letter itself right, and the word is out of reach of a repair that keeps its case (to the
engine, a word in capitals of 5 letters or less is an acronym, never a suspect).

So, before the two passes, these are put in lower case:
- two or more words in capitals in a row (one-letter words between them, `A`, `À`, go with them);
- a word in capitals alone, of six letters or more (`HAOUTS`), or of four or five whose lower-case form
  is a word (`VOLS`).
A word at a sentence start keeps its capital. The passes then read them as any lower-case word:
`QUE VOLS FES SUPPOSÉ COURS VU DOUVEZ` → `que vols les supposé cours vu pouvez`. On dev pairs: heavy
band +3.0 points, moderate +1.0, no more harm.

Only in a garbled line (15 % of unknown words or more: elsewhere the capitals are most likely the
author's, `DEPARTEMENT COMMUNE REGION`, `ODS, CKAN,`; in noisy lines too, the light band gained 0.3
point and two clean paragraphs were changed) in which a third of the words at least have lower-case
letters (not a heading), and never for an acronym: a word in capitals of the domain vocabulary or of the
lexicon (`CET`, `SA`, `CNDA`), a Roman numeral, a code (`CV043`), a word repeated in the line, a word
alone in parentheses (`(SNATED)`); nor at the start of the line (a heading run into the text:
`TITRE PREMIER DISPOSITIONS GÉNÉRALES Le…`).
Mixed into :class:`textkit.engine.Repairer` (uses ``_chunks``, ``_line_prior``, ``_protected``).
"""

from __future__ import annotations

import re

from textkit.result import Edit
from textkit.rules import _ROMAN
from textkit.text import ELISION

CAPITAL_RUN_MIN_WORDS = 2  # words of two letters or more, in capitals, in a row
# a word in capitals alone: lowered from this many letters when its lower-case form is a word ("VOLS"),
# from CAPITAL_LONE_ANY_LETTERS whatever it is ("HAOUTS"); shorter ones are acronyms to the engine
CAPITAL_LONE_MIN_LETTERS = 4
CAPITAL_LONE_ANY_LETTERS = 6
CAPITAL_RUN_MIN_LOWER_SHARE = 1 / 3  # share of the line's words with lower-case letters (else a heading)
CAPITAL_RUN_CONFIDENCE = 0.9
_CAPITALS = re.compile(r"[^\W\d_a-zß-ÿ]{2}")  # two capitals in a row (a quick test; œ passes it too)


class CapitalRuns:
    def _lower_capital_runs(self, line: str) -> tuple[str, list[tuple[int, str, str]]]:
        """``line`` with its runs of capitals in lower case (same length), and the changes made
        as (position in the line, before, after)."""
        if not _CAPITALS.search(line):
            return line, []
        chunks = self._chunks(line, 0)
        lower = [chunk for chunk in chunks if any(ch.islower() for ch in chunk.core)]
        if len(lower) < CAPITAL_RUN_MIN_LOWER_SHARE * len(chunks):
            return line, []  # mostly in capitals: a heading
        # garbled, by its words in lower case (words in capitals without their accents are unknown)
        if self._line_prior(lower) != self.scorer.log_oov_very_noisy:
            return line, []  # a line not garbled: the capitals are most likely the author's
        kinds = [self._capital_kind(chunk.core, chunks) for chunk in chunks]
        changes: list[tuple[int, str, str]] = []
        index = 0
        while index < len(chunks):
            if kinds[index] != "word":
                index += 1
                continue
            end = index
            while end < len(chunks) and kinds[end] in ("word", "letter"):
                end += 1
            while kinds[end - 1] != "word":
                end -= 1  # a run starts and ends with a word of two letters or more
            if index == 0:
                index = end  # at the start of the line: a heading run into the text ("TITRE PREMIER Le...")
                continue
            lone = end == index + 1 and self._lone_lowered(chunks[index])
            if lone or kinds[index:end].count("word") >= CAPITAL_RUN_MIN_WORDS:
                for chunk in chunks[index:end]:
                    form = chunk.core.lower()
                    if chunk.sentence_start:
                        form = form[:1].upper() + form[1:]
                    if len(form) == len(chunk.core) and form != chunk.core:
                        changes.append((chunk.start + len(chunk.lead), chunk.core, form))
            index = end
        if not changes:
            return line, []
        out = list(line)
        for position, _before, after in changes:
            out[position : position + len(after)] = after
        return "".join(out), changes

    def _lone_lowered(self, chunk) -> bool:
        """A word in capitals alone: a blurred lower-case word when it is long, or when its lower-case
        form is a word; an acronym in parentheses stays ("(SNATED)"), as do "CVAE", "L'ASS"."""
        if chunk.in_parentheses:
            return False
        word = ELISION.sub("", chunk.core)
        if len(word) >= CAPITAL_LONE_ANY_LETTERS:
            return True
        return len(word) >= CAPITAL_LONE_MIN_LETTERS and self.scorer.is_known(word.lower())

    def _capital_kind(self, core: str, chunks) -> str:
        """ "word" (in capitals, two letters or more, not an acronym), "letter" (one capital letter),
        or "" (anything else: it ends a run)."""
        letters = [ch for ch in core if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters) or self._protected(core):
            return ""
        if len(letters) == 1:
            return "letter" if len(core) == 1 else ""
        if (
            core in self.scorer.domain
            or core in self.scorer.k.valid  # an acronym of the lexicon: "CET", "SA", "CE"
            or _ROMAN.match(core)
            or sum(other.core == core for other in chunks) > 1
        ):
            return ""
        return "word"


def merged_edits(line: str, lowered: str, offset: int, changes, passes: list[Edit]) -> list[Edit]:
    """The edits of the two passes over ``lowered`` and the lower-casing ``changes`` of ``line``, as
    edits of ``line``: where a pass edit overlaps a lowered word, the two become one edit."""
    spans = [(position, position + len(before), None) for position, before, _after in changes]
    spans += [(edit.position - offset, edit.position - offset + len(edit.before), edit) for edit in passes]
    spans.sort(key=lambda span: (span[0], span[1]))
    groups: list[list] = []
    for span in spans:
        if groups and span[0] < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], span[1])
            groups[-1][2].append(span[2])
        else:
            groups.append([span[0], span[1], [span[2]]])
    edits = []
    for start, end, members in groups:
        after, cursor = [], start
        edits_in = [member for member in members if member is not None]
        for edit in edits_in:
            at = edit.position - offset
            after += [lowered[cursor:at], edit.after]
            cursor = at + len(edit.before)
        after.append(lowered[cursor:end])
        confidence = min((member.confidence for member in edits_in), default=CAPITAL_RUN_CONFIDENCE)
        edits.append(Edit(offset + start, line[start:end], "".join(after), confidence))
    return edits
