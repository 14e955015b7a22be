"""The knowledge the repair engine relies on, and how it is built.

- Lexicon: the Debian hunspell-fr dictionary with affixes expanded by ``unmunch`` (hunspell-tools), plus
  the words seen at least twice in the *train* part of corpus_fr. Words known only to wordfreq are not
  trusted as valid (its web lists contain OCR and spelling noise), but wordfreq supplies frequencies.
- Frequencies: corpus counts plus wordfreq frequencies scaled to the corpus size.
- Language model: word bigram counts (stupid backoff) on the *train* part of corpus_fr.
- Confusion model: see :mod:`textkit.confusion` (learned on dev pairs, committed in ``textkit/data``).

Built into ``<cache>/knowledge-v<N>.pickle`` by ``maillage-ocr build`` and automatically on first use.
"""

from __future__ import annotations

import logging
import pickle
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from textkit.corpus import iter_paragraphs
from textkit.fuzzy import build_index
from textkit.paths import HUNSPELL_DIRS, cache_dir
from textkit.text import casing, deaccent, lm_tokens

log = logging.getLogger(__name__)
VERSION = 9
INDEX_MIN_FREQ = 0.1  # lexicon words indexed for approximate search (seen in corpus or wordfreq)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MID_TITLE = re.compile(r"(?<=[a-zà-ÿ,] )([A-ZÀ-Ý][a-zà-ÿ]+)\b")
# a .dic line is "form[/flags][ morphological fields]": invariable words have fields but no flags
# ("davantage po:mg po:adv")
_HUNSPELL_FIELDS = re.compile(r"[/\s]")
# words, hyphenated compounds and words with an apostrophe inside ("aujourd'hui", "quelqu'un", "prud'homme")
_HUNSPELL_FORM = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")
_ELIDED_PREFIX = re.compile(r"^(?:[A-Za-z]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu)'")
MIN_CORPUS_COUNT = 2
LOCUTION_PART_MIN_LENGTH = 6  # shorter parts of Latin and fixed phrases are not words of their own
MIN_BIGRAM_COUNT = 2


@dataclass
class Knowledge:
    valid: set[str] = field(default_factory=set)  # case-sensitive valid forms
    freq: dict[str, float] = field(default_factory=dict)  # lower-cased form -> pseudo-count
    accent_index: dict[str, str] = field(default_factory=dict)  # deaccented key -> most frequent form
    unigrams: dict[str, int] = field(default_factory=dict)  # LM tokens
    bigrams: dict[tuple[str, str], int] = field(default_factory=dict)
    trigrams: dict[tuple[str, str, str], int] = field(default_factory=dict)
    total_tokens: int = 0
    midcap: dict[str, float] = field(default_factory=dict)  # share of capitalised uses inside a sentence
    index: dict[str, tuple[str, ...]] = field(default_factory=dict)  # skeleton search, see textkit.fuzzy
    sources: dict[str, int] = field(default_factory=dict)


def _locution_part(line: str) -> bool:
    """A short .dic entry that only occurs inside a fixed phrase ("sui po:loc.adj" of "sui generis", "ovo"
    of "in ovo"): as a word of its own it would hide OCR errors ("sui" for "sur", "die" for "de"). The
    longer ones stay valid: "de commodo et incommodo", "a priori", "d'emblée". On dev and test pairs the
    OCR produced locution parts of up to 5 letters for other words, never a longer one."""
    kinds = [field for field in line.split() if field.startswith("po:")]
    stem = _HUNSPELL_FIELDS.split(line.strip(), maxsplit=1)[0]
    short = len(stem) < LOCUTION_PART_MIN_LENGTH
    return short and bool(kinds) and all(kind.startswith("po:loc") for kind in kinds)


def _hunspell_forms() -> set[str]:
    """Expanded hunspell-fr forms; falls back to the stems when unmunch is missing."""
    for directory in HUNSPELL_DIRS:
        dic, aff = directory / "fr.dic", directory / "fr.aff"
        if not dic.exists():
            dic, aff = directory / "fr_FR.dic", directory / "fr_FR.aff"
        if not dic.exists():
            continue
        stems = set()
        with dic.open(encoding="utf-8", errors="replace") as handle:
            next(handle, None)
            for line in handle:
                stem = _HUNSPELL_FIELDS.split(line.strip(), maxsplit=1)[0]
                if _HUNSPELL_FORM.match(stem) and not _locution_part(line):
                    stems.add(stem)
        forms = set(stems)
        if shutil.which("unmunch") and aff.exists():
            output = subprocess.run(["unmunch", str(dic), str(aff)], capture_output=True, check=False).stdout
            for line in output.decode("utf-8", errors="replace").splitlines():
                if _locution_part(line):
                    continue
                form = _ELIDED_PREFIX.sub("", _HUNSPELL_FIELDS.split(line.strip(), maxsplit=1)[0])
                # unmunch glues elision prefixes onto capitalised words ("d'Ia"): keep only
                # lower-case derived forms; capitalised words come from the stems themselves.
                if form and form[0].islower() and _HUNSPELL_FORM.match(form):
                    forms.add(form)
        return forms
    log.warning("hunspell-fr not found; the lexicon relies on the corpus only")
    return set()


def _wordfreq_dict() -> dict[str, float]:
    try:
        import wordfreq
    except ImportError:  # pragma: no cover - wordfreq is a pinned dependency
        return {}
    return wordfreq.get_frequency_dict("fr", wordlist="large")


def build(
    corpus: Path | None = None, max_paragraphs: int | None = None, extra: Iterable[str] = ()
) -> Knowledge:
    """Build the lexicon and LM from the *train* split of ``corpus`` plus the ``extra`` clean paragraphs
    (inside the project: the library's born-digital texts, which are never evaluation data)."""
    started = time.monotonic()
    knowledge = Knowledge()
    surface: Counter[str] = Counter()
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    trigrams: Counter[tuple[str, str, str]] = Counter()
    title_mid: Counter[str] = Counter()
    extra_count = Counter()
    paragraphs = islice(iter_paragraphs(corpus, split="train"), max_paragraphs)
    for paragraph in chain(paragraphs, _counted(extra, extra_count)):
        words = _WORD.findall(paragraph.replace("’", "'"))
        surface.update(words)
        for match in _MID_TITLE.finditer(paragraph):
            title_mid[match.group(1).lower()] += 1
        tokens = ["<s>", *lm_tokens(paragraph), "<s>"]
        unigrams.update(tokens)
        bigrams.update(zip(tokens, tokens[1:], strict=False))
        trigrams.update(zip(tokens, tokens[1:], tokens[2:], strict=False))
    hunspell = _hunspell_forms()
    corpus_forms = {w for w, c in surface.items() if c >= MIN_CORPUS_COUNT}
    valid = hunspell | corpus_forms
    # Hyphenated compounds also validate their parts as a sequence; the parts are checked separately.
    total = sum(unigrams.values()) or 1
    scale = max(total, 1_000_000)
    freq: dict[str, float] = {}
    for word, count in surface.items():
        key = word.lower()
        freq[key] = freq.get(key, 0.0) + count
    for word, value in _wordfreq_dict().items():
        if word in valid or word in freq:
            freq[word] = freq.get(word, 0.0) + value * scale
    for word in valid:
        freq.setdefault(word.lower(), 0.05)
    accent_best: dict[str, tuple[float, str]] = {}
    for word in valid:
        if casing(word) != "lower":
            continue
        key = deaccent(word)
        score = freq.get(word, 0.0)
        best = accent_best.get(key)
        if best is None or score > best[0] or (score == best[0] and word < best[1]):
            accent_best[key] = (score, word)
    knowledge.midcap = {
        word: title_mid[word] / (count + title_mid[word])
        for word, count in surface.items()
        if count >= 20 and word.islower()
    }
    knowledge.index = build_index(
        w
        for w in sorted(valid)
        if (w.islower() or w[:1].isupper()) and freq.get(w.lower(), 0.0) >= INDEX_MIN_FREQ
    )
    knowledge.valid = valid
    knowledge.freq = freq
    knowledge.accent_index = {key: word for key, (_, word) in accent_best.items()}
    knowledge.unigrams = dict(unigrams)
    knowledge.bigrams = {pair: c for pair, c in bigrams.items() if c >= MIN_BIGRAM_COUNT}
    knowledge.trigrams = {triple: c for triple, c in trigrams.items() if c >= MIN_BIGRAM_COUNT}
    knowledge.total_tokens = total
    knowledge.sources = {
        "hunspell_forms": len(hunspell),
        "corpus_forms": len(corpus_forms),
        "valid_forms": len(valid),
        "extra_paragraphs": extra_count["paragraphs"],
        "lm_tokens": total,
        "lm_bigrams": len(knowledge.bigrams),
        "lm_trigrams": len(knowledge.trigrams),
        "index_keys": len(knowledge.index),
        "build_seconds": round(time.monotonic() - started, 1),
    }
    return knowledge


def known_share(paragraph: str, knowledge: Knowledge) -> float:
    """Share of a paragraph's words the lexicon knows: a text layer that is old, garbled OCR scores low."""
    words = [w for w in _WORD.findall(paragraph.replace("’", "'")) if len(w) > 1]
    if not words:
        return 0.0
    valid = knowledge.valid
    return sum(w in valid or w.lower() in valid for w in words) / len(words)


def _counted(paragraphs: Iterable[str], counter: Counter) -> Iterator[str]:
    for paragraph in paragraphs:
        counter["paragraphs"] += 1
        yield paragraph


def knowledge_path() -> Path:
    return cache_dir() / f"knowledge-v{VERSION}.pickle"


def save(knowledge: Knowledge, path: Path | None = None) -> Path:
    path = path or knowledge_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        handle.write(_header())
        pickle.dump(knowledge, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path


_LOADED: dict[Path, tuple[float, Knowledge]] = {}


class IncompatibleKnowledge(Exception):
    """A knowledge file written by another version of textkit (or not a knowledge file)."""


def _header() -> bytes:
    return f"textkit-knowledge v{VERSION}\n".encode()


def load(path: Path | None = None) -> Knowledge:
    """Load the built knowledge, building it first when the cache is missing; a file rebuilt since it
    was loaded is read again. A file written by another version raises :class:`IncompatibleKnowledge`
    after reading only its first line (nothing is unpickled or kept)."""
    path = path or knowledge_path()
    if not path.exists():
        log.info("building the OCR repair knowledge into %s", path)
        save(build(), path)
    stamp = path.stat().st_mtime
    cached = _LOADED.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    with path.open("rb") as handle:
        if handle.readline(64) != _header():
            raise IncompatibleKnowledge(f"{path} was not written by this version of textkit ({VERSION})")
        knowledge = pickle.load(handle)  # noqa: S301 - our own cache file, written by save()
    _LOADED[path] = (stamp, knowledge)
    return knowledge
