"""The two passes over a line. Mixed into :class:`textkit.engine.Repairer` (uses its ``_line_pieces``).

The second pass reads the words the first left alone again, with the first's corrections as their
context ("prose ur GE MNPIOI": once "ur" is "un", "MNPIOI" has a neighbour the language model knows):
- it never changes what the first changed;
- it reads only the words within SECOND_PASS_REACH words of a change (the others have the same context
  as in the first pass, hence the same result), and not the words the first pass replaced whole (since
  session 11: the same output, about 8 % faster);
- the line keeps the noise level the first pass measured, even if its corrections make it look cleaner
  (on dev: moderate band +0.7, heavy +0.2);
- in a garbled line it does not question known words again: their new neighbours are guesses.
"""

from __future__ import annotations

from textkit.capital_runs import merged_edits
from textkit.result import Edit

SECOND_PASS_REACH = 2  # words either side of a first-pass change read again (trigram context)
SECOND_PASS_KEEPS_NOISE = True

Span = tuple[int, int, int]  # start and end of a replacement in the first pass's output, length change


class TwoPasses:
    def _repair_line(self, line: str, offset: int, edits: list[Edit]) -> str:
        """Runs of capitals put in lower case (textkit.capital_runs), then both passes over ``line``;
        edits are placed in ``line`` (``offset`` in the text)."""
        lowered, changes = self._lower_capital_runs(line)
        if not changes:
            return self._two_passes(line, offset, edits)
        passes: list[Edit] = []
        out = self._two_passes(lowered, offset, passes)
        edits.extend(merged_edits(line, lowered, offset, changes, passes))
        edits.sort(key=lambda edit: edit.position)
        return out

    def _two_passes(self, line: str, offset: int, edits: list[Edit]) -> str:
        pieces = self._line_pieces(line, offset, edits)
        if not pieces:
            return line
        first = _applied(line, pieces)
        spans, delta = [], 0
        for start, end, new in sorted(pieces):
            at = start + delta
            delta += len(new) - (end - start)
            spans.append((at, at + len(new), delta))
        second_edits: list[Edit] = []
        # states of the pass, like _log_oov
        self._known_words = not self._garbled
        self._prior_floor = self._log_oov if SECOND_PASS_KEEPS_NOISE else None
        self._changed_spans = spans
        try:
            more = self._line_pieces(first, 0, second_edits)
        finally:
            self._known_words, self._prior_floor, self._changed_spans = True, None, None

        def untouched(start: int, end: int) -> bool:
            return not any(start < b and a < end or start == end == a for a, b, _ in spans)

        more = [piece for piece in more if untouched(piece[0], piece[1])]
        if not more:
            return first
        for edit in second_edits:
            if untouched(edit.position, edit.position + len(edit.before)):
                moved = edit.position - next((d for _, b, d in reversed(spans) if b <= edit.position), 0)
                edits.append(Edit(offset + moved, edit.before, edit.after, edit.confidence))
        edits.sort(key=lambda edit: edit.position)
        return _applied(first, more)

    def _second_pass_reach(self, chunks) -> set[int] | None:
        """In the second pass, the indexes of the chunks to read again; None in the first pass."""
        if self._changed_spans is None or SECOND_PASS_REACH is None:
            return None
        changed = [
            number
            for number, chunk in enumerate(chunks)
            if any(a <= chunk.end and chunk.start <= b for a, b, _ in self._changed_spans)
        ]
        reach = {
            near
            for number in changed
            for near in range(number - SECOND_PASS_REACH, number + SECOND_PASS_REACH + 1)
        }
        # a word the first pass replaced whole is not read again: whatever the second pass made of it
        # would be dropped (it never changes what the first changed), and it costs a candidate search
        for number in changed:
            chunk = chunks[number]
            core_start = chunk.start + len(chunk.lead)
            core_end = core_start + len(chunk.core)
            if any(a <= core_start and core_end <= b for a, b, _ in self._changed_spans):
                reach.discard(number)
        return reach


def _applied(line: str, pieces: list[tuple[int, int, str]]) -> str:
    result, last = [], 0
    for start, end, new in sorted(pieces):
        result.append(line[last:start])
        result.append(new)
        last = end
    result.append(line[last:])
    return "".join(result)
