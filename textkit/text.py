"""Small text helpers shared by the knowledge builder and the repair engine."""

from __future__ import annotations

import functools
import re
import unicodedata

# LM tokens: lower-cased words, an elided article or pronoun keeps its apostrophe ("l'"), numbers become
# <num>, sentence punctuation becomes <s>. Hyphenated words are split.
_LM_TOKEN = re.compile(r"[^\W\d_]+['’]?|\d+|[.!?;:]")
_SENTENCE_MARKS = frozenset(".!?;:")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# an elided article, pronoun or conjunction at the start of a word: "l'", "qu'", "jusqu'" (any case)
ELISION = re.compile(r"^((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’])(?=\w)", re.IGNORECASE)


_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n\s*")


def paragraphs(page_text: str) -> list[str]:
    """The paragraphs of an OCR page: blocks separated by blank lines, their lines joined by a space.

    Tesseract writes one line per printed line and a blank line between paragraphs; the repair works
    paragraph by paragraph, so a word hyphenated at a line end ("priori-" / "taires") and the words
    around a line break keep their context."""
    blocks = _BLANK_LINES.split(page_text.replace("\r\n", "\n").replace("\f", "\n\n"))
    joined = (" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks)
    return [paragraph for paragraph in joined if paragraph]


def lm_tokens(text: str) -> list[str]:
    tokens = []
    for item in _LM_TOKEN.findall(text.translate(_APOSTROPHES)):
        if item[0].isdigit():
            tokens.append("<num>")
        elif item in _SENTENCE_MARKS:
            tokens.append("<s>")
        else:
            tokens.append(item.lower())
    return tokens


_ACCENTED = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ"
_DEACCENT = str.maketrans(_ACCENTED, "aaaaaaceeeeiiiinooooouuuuyy")


@functools.lru_cache(maxsize=200_000)
def deaccent(word: str) -> str:
    """Lower-case and strip diacritics; œ and æ are kept (they are letters in French, not accents)."""
    word = word.lower().translate(_DEACCENT)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def casing(word: str) -> str:
    """'lower', 'title', 'upper' or 'mixed' (the letters only)."""
    if word.isalpha():
        if word.islower():
            return "lower"
        if word.isupper():
            return "upper" if len(word) > 1 else "title"
        if word[0].isupper() and word[1:].islower():
            return "title"
        return "mixed"
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return "none"
    if all(ch.islower() for ch in letters):
        return "lower"
    if all(ch.isupper() for ch in letters):
        return "upper" if len(letters) > 1 else "title"
    if letters[0].isupper() and all(ch.islower() for ch in letters[1:]):
        return "title"
    return "mixed"


def apply_casing(word: str, pattern: str) -> str:
    if pattern == "upper":
        return word.upper()
    if pattern == "title":
        return word[:1].upper() + word[1:]
    return word
