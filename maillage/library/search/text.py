"""French text for search: tokens, elisions, stems, the query language, and snippets. No database here.

Both backends read the same query language (like PostgreSQL's websearch): words are ANDed,
"a phrase" in quotes, `word*` for a prefix, `-word` to exclude, and a hyphenated name such as
Hauts-de-France is a phrase. Elisions (l', d', qu', …) are dropped; case and accents never matter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from unidecode import unidecode

ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
STOPWORDS = {
    "a",
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "cet",
    "cette",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "et",
    "est",
    "il",
    "ils",
    "je",
    "la",
    "le",
    "les",
    "leur",
    "lui",
    "ma",
    "mais",
    "me",
    "meme",
    "mes",
    "moi",
    "mon",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "sa",
    "se",
    "ses",
    "son",
    "sur",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "y",
    "été",
    "etre",
    "sont",
    "ont",
}
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([\w’\'*-]+)', re.UNICODE)
_stemmer = snowballstemmer.stemmer("french")


def fold(word: str) -> str:
    return unidecode(word).lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower-case, stem with Snowball's French stemmer, then drop accents."""
    lowered = word.lower()
    return fold(_stemmer.stemWord(lowered)) if len(lowered) > 2 else fold(lowered)


def words(text: str) -> list[str]:
    """Words of a text, elisions removed: "l'habitat d'Amiens" → ["habitat", "Amiens"]."""
    out = []
    for match in _WORD.finditer(text):
        token = match.group(0).replace("’", "'")
        parts = token.split("'")
        while len(parts) > 1 and parts[0].lower() in ELISIONS:
            parts = parts[1:]
        out.extend(part for part in parts if part)
    return out


def index_text(text: str) -> str:
    """The stemmed, folded text that the SQLite FTS5 table stores."""
    return " ".join(stem(word) for word in words(text))


@dataclass
class Term:
    word: str  # as typed, elision removed
    prefix: bool = False

    @property
    def folded(self) -> str:
        return fold(self.word)

    @property
    def stem(self) -> str:
        return stem(self.word)


@dataclass
class ParsedQuery:
    terms: list[Term] = field(default_factory=list)  # ANDed
    phrases: list[list[str]] = field(default_factory=list)  # each a list of words, ANDed
    excluded: list[str] = field(default_factory=list)
    alternatives: dict[str, list[str]] = field(default_factory=dict)  # term word → corrected words
    # Each phrase as typed, elisions kept ("acte d'une procédure"): PostgreSQL counts the elided word's
    # position in the documents, so its phrases must count it too.
    phrase_sources: list[str] = field(default_factory=list)

    def phrase_texts(self) -> list[str]:
        if len(self.phrase_sources) == len(self.phrases):
            return [re.sub(r"['’-]", " ", source) for source in self.phrase_sources]
        return [" ".join(phrase) for phrase in self.phrases]

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases)

    def highlight_stems(self) -> set[str]:
        stems = {t.stem for t in self.terms} | {stem(w) for p in self.phrases for w in p}
        stems |= {stem(w) for alts in self.alternatives.values() for w in alts}
        return {s for s in stems if s}

    def prefixes(self) -> list[str]:
        return [t.folded for t in self.terms if t.prefix]


def parse_query(query: str) -> ParsedQuery:
    parsed = ParsedQuery()
    for match in _QUERY_TOKEN.finditer(query or ""):
        negative_phrase, phrase, negative, token = match.groups()
        if phrase is not None:
            phrase_words = words(phrase)
            if negative_phrase:
                parsed.excluded.extend(phrase_words)
            elif len(phrase_words) > 1:
                parsed.phrases.append(phrase_words)
                parsed.phrase_sources.append(phrase)
            elif phrase_words:
                parsed.terms.append(Term(phrase_words[0]))
            continue
        prefix = token.endswith("*")
        token = token.strip("*-")
        parts = words(token.replace("-", " "))
        if not parts:
            continue
        if negative:
            parsed.excluded.extend(parts)
        elif "-" in token and len(parts) > 1:
            parsed.phrases.append(parts)  # Hauts-de-France
            parsed.phrase_sources.append(token)
        else:
            for index, part in enumerate(parts):
                is_prefix = prefix and index == len(parts) - 1
                if is_prefix or fold(part) not in STOPWORDS or len(parts) == 1 and not parsed.terms:
                    parsed.terms.append(Term(part, prefix=is_prefix))
    if not parsed.terms and not parsed.phrases:
        return parsed
    # Stop words alone would match everything: keep them only when nothing else was typed.
    meaningful = [t for t in parsed.terms if t.prefix or t.folded not in STOPWORDS]
    if meaningful or parsed.phrases:
        parsed.terms = meaningful
    return parsed


_ACCENTS = {"a": "àâä", "c": "ç", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "y": "ÿ"}


@lru_cache(maxsize=1024)
def _candidates(stems: frozenset[str]) -> re.Pattern:
    """Words that may stem to one of `stems`: the same first four letters, case and French accents
    aside ("oe" may be written "œ"). One regex pass in C, so that only these words are stemmed."""
    heads = []
    for head in sorted({s[:4] for s in stems}):
        pattern, i = "", 0
        while i < len(head):
            if head[i : i + 2] in ("oe", "ae"):
                pattern += f"(?:{head[i]}{head[i + 1]}|{'œ' if head[i] == 'o' else 'æ'})"
                i += 2
                continue
            variants = head[i] + _ACCENTS.get(head[i], "")
            pattern += (
                "[" + re.escape(variants + variants.upper()) + "]"
                if head[i].isalpha()
                else re.escape(head[i])
            )
            i += 1
        heads.append(pattern)
    return re.compile(
        r"\b(?:" + "|".join(heads) + r")\w*", re.IGNORECASE if any("(?:" in h for h in heads) else 0
    )


_TOKEN = re.compile(r"\w+")


def snippet(text: str, stems: set[str], words_around: int = 14, max_chars: int = 320) -> str:
    """A safe HTML excerpt around the densest group of matching words, matches in <mark>.

    Only the words that may match (same first letters as a stem, see _candidates) are stemmed, and only the excerpt is split into words: a long body costs little more than a short one."""
    if not text:
        return ""
    text = text[:200_000]
    hits: list[int] = []  # start offsets of the matching words
    if stems:
        candidates = _candidates(frozenset(stems))
        for end in (min(len(text), 1500), len(text)):  # the beginning is usually enough
            hits = [m.start() for m in candidates.finditer(text, 0, end) if stem(m.group(0)) in stems]
            if hits or end == len(text):
                break
    if not hits:
        start_char, end_char = 0, min(len(text), max_chars)
    else:
        window = 2 * words_around * 7  # characters: about 2 × words_around French words
        best, best_count, low = hits[0], 0, 0
        for high, offset in enumerate(hits):  # densest window of matches (two pointers)
            while hits[low] <= offset - window:
                low += 1
            if high - low + 1 > best_count:
                best, best_count = hits[low], high - low + 1
        before = [m.start() for m in _TOKEN.finditer(text, max(0, best - 20 * (words_around // 2)), best)]
        start_char = (
            before[-(words_around // 2)] if len(before) >= words_around // 2 else (before or [best])[0]
        )
        after = list(_TOKEN.finditer(text, best, min(len(text), best + 25 * words_around)))
        keep = words_around + words_around // 2
        end_char = after[min(keep, len(after) - 1)].end() if after else best
        if not text[:start_char].strip():
            start_char = 0
    excerpt = text[start_char:end_char]
    out, position = [], 0
    for offset in sorted({offset - start_char for offset in hits if start_char <= offset < end_char}):
        match = _TOKEN.match(excerpt, offset)
        if match is None or offset < position:
            continue
        out.append(html.escape(excerpt[position:offset]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    out.append(html.escape(excerpt[position:]))
    body = " ".join("".join(out).split())
    return ("… " if start_char > 0 else "") + body + (" …" if end_char < len(text) else "")
