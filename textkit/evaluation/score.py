"""Scoring: CER, WER and harm rate, on normalised text.

Normalisation applied to both reference and hypothesis before any measure:
1. Unicode NFC;
2. apostrophes and single quotes (’ ‘ ʼ ` ´) become ``'``;
3. non-breaking and other spaces become a plain space; runs of whitespace collapse to one space;
   leading and trailing whitespace is removed.
Case, accents, punctuation and hyphens are kept: they are part of what the repair must get right.

- CER = character edit distance / reference characters.
- WER = word edit distance (words = whitespace-separated tokens) / reference words.
- Ceiling = the CER reduction of an *oracle* word corrector that knows the reference: every OCR word
  aligned one-to-one with a reference word within half its length in edits is restored, everything else
  (words further away, words lost or merged, hallucinated words) is kept. No repair that works word by
  word from the OCR text can be expected to do better; it tells the noise that can be repaired from the
  noise that cannot (see docs/ocr.md).
- Harm rate = share of reference words matched exactly in the OCR text (before) that the repair changed
  and that are no longer matched after repair. Matches come from word-level Levenshtein alignments
  (reference/OCR, reference/repaired); "changed" from the OCR/repaired alignment. Requiring the word to
  have been changed keeps alignment ties (an untouched word re-aligned differently) out of the count.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


def matched_words(reference: list[str], hypothesis: list[str]) -> set[int]:
    """Indices of reference words kept unchanged by a minimal word-level alignment."""
    return set(word_map(reference, hypothesis))


def word_map(reference: list[str], hypothesis: list[str]) -> dict[int, int]:
    """Reference word index -> hypothesis word index, for the words an alignment matches exactly."""
    mapping: dict[int, int] = {}
    for tag, ref_start, ref_end, hyp_start, _hyp_end in Levenshtein.opcodes(reference, hypothesis):
        if tag == "equal":
            for offset in range(ref_end - ref_start):
                mapping[ref_start + offset] = hyp_start + offset
    return mapping


ORACLE_MAX_SHARE = 0.5  # an OCR word within this share of its reference's length in edits is restorable


def oracle_repair(reference: str, hypothesis: str, max_share: float = ORACLE_MAX_SHARE) -> str:
    """The hypothesis with every restorable word replaced by its reference word (see "Ceiling")."""
    ref_words, hyp_words = normalise(reference).split(), normalise(hypothesis).split()
    out: list[str] = []
    for tag, ref_start, ref_end, hyp_start, hyp_end in Levenshtein.opcodes(ref_words, hyp_words):
        if tag == "replace" and ref_end - ref_start == hyp_end - hyp_start:
            for ref_word, hyp_word in zip(
                ref_words[ref_start:ref_end], hyp_words[hyp_start:hyp_end], strict=True
            ):
                close = Levenshtein.distance(ref_word, hyp_word) <= max(1, max_share * len(ref_word))
                out.append(ref_word if close else hyp_word)
        else:
            out.extend(hyp_words[hyp_start:hyp_end])
    return " ".join(out)


class Tally:
    """Accumulates the measures for one group of pairs."""

    def __init__(self) -> None:
        self.pairs = 0
        self.chars = 0
        self.words = 0
        self.char_errors_before = 0
        self.char_errors_after = 0
        self.word_errors_before = 0
        self.word_errors_after = 0
        self.right_before = 0
        self.harmed = 0
        self.changed_pairs = 0
        self.char_errors_oracle = 0

    def add(self, clean: str, noisy: str, repaired: str) -> None:
        ref, before, after = normalise(clean), normalise(noisy), normalise(repaired)
        ref_words, before_words, after_words = ref.split(), before.split(), after.split()
        self.pairs += 1
        self.chars += len(ref)
        self.words += len(ref_words)
        self.char_errors_before += Levenshtein.distance(ref, before)
        self.char_errors_after += Levenshtein.distance(ref, after)
        self.word_errors_before += Levenshtein.distance(ref_words, before_words)
        self.word_errors_after += Levenshtein.distance(ref_words, after_words)
        right = word_map(ref_words, before_words)
        untouched = set(word_map(before_words, after_words))
        wrong_after = set(right) - matched_words(ref_words, after_words)
        self.right_before += len(right)
        self.harmed += sum(1 for index in wrong_after if right[index] not in untouched)
        self.changed_pairs += int(before != after)
        self.char_errors_oracle += Levenshtein.distance(ref, oracle_repair(ref, before))

    def summary(self) -> dict:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        cer_before = ratio(self.char_errors_before, self.chars)
        cer_after = ratio(self.char_errors_after, self.chars)
        return {
            "pairs": self.pairs,
            "chars": self.chars,
            "cer_before": cer_before,
            "cer_after": cer_after,
            "cer_reduction": ratio(self.char_errors_before - self.char_errors_after, self.char_errors_before),
            "ceiling": ratio(self.char_errors_before - self.char_errors_oracle, self.char_errors_before),
            "wer_before": ratio(self.word_errors_before, self.words),
            "wer_after": ratio(self.word_errors_after, self.words),
            "harm_rate": ratio(self.harmed, self.right_before),
            "harmed_words": self.harmed,
            "changed_pairs": self.changed_pairs,
        }


def cer(reference: str, hypothesis: str) -> float:
    ref = normalise(reference)
    return Levenshtein.distance(ref, normalise(hypothesis)) / max(1, len(ref))
