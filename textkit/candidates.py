"""Candidate generation and scoring for one suspicious word (noisy channel + bigram LM)."""

from __future__ import annotations

import functools
import heapq
import math
import re
from operator import itemgetter

from textkit.confusion import ConfusionModel
from textkit.fuzzy import ChannelCost, WideSearch, lookup, skeleton
from textkit.knowledge import Knowledge
from textkit.lexicon import LexiconChecks
from textkit.lm import BACKOFF, NgramScores
from textkit.neighbours import NeighbourWords
from textkit.text import apply_casing, casing, deaccent, lm_tokens

ALPHABET = "abcdefghijklmnopqrstuvwxyzéèêàâîôûçëïüœ'-"
EDIT_COST = 7.5  # -log P of an edit the confusion model does not know
ACCENT_COST = 2.5  # per accent restored or changed through the accent index
MAX_RULE_COST = 7.0  # confusion rules rarer than ~1/1000 are not used to generate candidates
BEAM = 5
DEPTH2_MAX_COST = 4.5  # second rewrites only with the frequent confusions
CACHE_SIZE = 50_000
MAX_FUZZY_COST = 13.0
WIDE_MIN_LENGTH = 6  # tokens this long with no candidate get a wider (3-edit) search
WIDE_MIN_FREQ = 4.0  # over the common words only (3.0 before session 9: 13 % more words, no better)
WIDE_IF_ABOVE = 6.0  # ... or with no candidate this cheap
SPLIT_COST = 6.0
# In a noisy line (see engine.Repairer._line_prior) an unknown word gets a wider search: words whose
# skeleton is up to 40 % of its length away, when nothing cheaper than 4.0 was found.
NOISY_MIN_LENGTH = 5
NOISY_DISTANCE_RATIO = 0.4
NOISY_IF_ABOVE = 4.0
WIDE_NOISY_LIMIT = 8  # words kept from that search (12 or 16: moderate +0.2 on dev, slower)
# In a garbled line (many unknown words) the OCR misreads far more letters than on average: an edit the
# confusion table does not know costs less there. Only expensive candidates are costed again.
GARBLED_EDIT_COST = 5.5
GARBLED_RECOST_ABOVE = 9.0
NOISY_MAX_COST = 30.0
CASE_RUN_COST = 2.0  # a run of letters read in the wrong case ("dOCUMEN"), as the case fallback below
_CAPITAL_RUN = re.compile(r"[A-ZÀ-ÝŒ]+")
ELIDED_L_READINGS = "FTY"  # capitals the confusion table learned for "l'" (F: 6.7 % of the l' it read)
_ELISION_INITIALS = set("aeiouyhàâéèêîôûœ")
SHORT_WORDS = {"à", "a", "y", "l'", "d'", "n'", "s'", "j'", "m'", "t'", "c'", "qu'"}
P_OOV = 2e-7  # prior of a valid unknown word (name, rare term) in clean-looking text
P_OOV_NOISY = 2e-9  # ... in a line where many tokens are unknown (the OCR is poor, unknowns are errors)
P_OOV_VERY_NOISY = 2e-14
# Candidates from the context (see textkit/neighbours.py): of the words found there, the CONTEXT_COSTED
# likeliest (bigram score minus CONTEXT_DISTANCE_WEIGHT per edit of skeleton) get a channel cost
CONTEXT_COSTED = 6
CONTEXT_DISTANCE_WEIGHT = 2.0
_ELIDED_ANY = re.compile(r"^(?:[ldn]|qu)'", re.IGNORECASE)


class Scorer(NgramScores, LexiconChecks):
    def __init__(self, knowledge: Knowledge, confusions: ConfusionModel, domain: set[str]) -> None:
        self.k = knowledge
        self.confusions = confusions
        self.domain = domain
        self.domain_lower = {w.lower() for w in domain}
        self.total = max(1, knowledge.total_tokens)
        self.log_oov = math.log(BACKOFF * P_OOV)
        self.log_oov_noisy = math.log(BACKOFF * P_OOV_NOISY)
        self.log_oov_very_noisy = math.log(BACKOFF * P_OOV_VERY_NOISY)
        self._cache: dict[tuple[str, bool | str], dict[str, float]] = {}
        self.channel = ChannelCost(confusions.table)
        self.garbled_channel = ChannelCost(confusions.table, edit_cost=GARBLED_EDIT_COST)
        self._wide: WideSearch | None = None
        # outer context of the word being ranked (trigram level), set by the engine; None: none
        self.prev2: str | None = None
        self.following2: str | None = None
        self.neighbours = NeighbourWords(knowledge.bigrams, knowledge.trigrams)
        self._known: dict[str, bool] = {}
        self.trigram_known = False  # valid words questioned with the trigram level too (garbled lines)

    @property
    def wide(self) -> WideSearch:
        if self._wide is None:
            freq = self.k.freq
            common = (w for w, f in freq.items() if f >= WIDE_MIN_FREQ and w.isalpha() and w in self.k.valid)
            self._wide = WideSearch(sorted(common, key=lambda w: (-freq[w], w)))
        return self._wide

    # --- context candidates -----------------------------------------------------------------------------
    def context_candidates(self, word: str, prev: str, following: str, garbled: bool) -> dict[str, float]:
        """Words the corpus puts next to ``word``'s neighbours that look like it (see
        :meth:`NeighbourWords.near`), with their channel cost: "en cas de Hcenchmnent pour" finds
        "licenciement", which no edit search reaches."""
        near = self.neighbours.near(word, prev, following, self.prev2, self.following2)
        if len(near) > CONTEXT_COSTED:
            size = len(skeleton(word.lower()))
            score = {
                form: self.chain(prev, [form], following, False) - CONTEXT_DISTANCE_WEIGHT * distance * size
                for form, distance in near.items()
            }
            near = dict.fromkeys(sorted(near, key=lambda form: (-score[form], form))[:CONTEXT_COSTED])
        channel = self.garbled_channel if garbled else self.channel
        lower = word.lower()
        found = {}
        # LM tokens are lower-cased: "etat" is written "Etat"; a token in capitals still gets lower-case
        # forms, as a poor scan scatters capitals ("SOUTÉS")
        for form in near:
            written = form if form in self.k.valid else form.capitalize()
            if written in self.k.valid:
                found[written] = channel(form, lower)
        return found

    # --- generation ----------------------------------------------------------------------------------
    def generate(self, word: str, rules_only: bool = False) -> dict[str, float]:
        """Valid candidates for ``word`` (a suspicious token) with their channel cost (memoised).

        ``rules_only``: only the confusion-rule rewrites (for valid words questioned in context)."""
        return self._memo((word, rules_only), lambda: self._generate(word, rules_only))

    def generate_noisy(self, word: str, garbled: bool = False) -> dict[str, float]:
        """Candidates for an unknown token of a noisy line: :meth:`generate` plus a wider search (words
        up to 40 % of the token's length away); in a garbled line unknown edits cost less (memoised)."""
        key = (word, "garbled" if garbled else "noisy")
        return self._memo(key, lambda: self._generate_noisy(word, garbled))

    def generate_mixed(self, word: str, garbled: bool = False) -> dict[str, float]:
        """:meth:`generate_noisy` for a token with capitals scattered inside ("cuHectuités", "dOCUMEN"),
        plus the lower-case words found for its lower-case form, at the cost of that form and
        ``CASE_RUN_COST`` per run of capitals: letters read in the wrong case are one misreading per run,
        not one per letter (memoised)."""
        return self._memo(
            (word, "mixed" if not garbled else "mixed-garbled"), lambda: self._mixed(word, garbled)
        )

    def _mixed(self, word: str, garbled: bool) -> dict[str, float]:
        found = dict(self.generate_noisy(word, garbled))
        lowered = word.lower()
        channel = self.garbled_channel if garbled else self.channel
        penalty = CASE_RUN_COST * len(_CAPITAL_RUN.findall(word))
        for form in self.generate_noisy(lowered, garbled):
            if " " not in form and form.islower():
                cost = channel(form, lowered) + penalty
                if cost < found.get(form, math.inf):
                    found[form] = cost
        return found

    def _memo(self, key: tuple[str, bool | str], build) -> dict[str, float]:
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            found = self._cache[key] = build()
        return found

    def _generate_noisy(self, word: str, garbled: bool) -> dict[str, float]:
        # the 3-edit search of long tokens is left to the wider one below
        found = dict(self._memo((word, "narrow"), lambda: self._generate(word, wide=False)))
        letters = word.replace("'", "")
        if (
            len(letters) >= NOISY_MIN_LENGTH
            and letters.isalpha()
            and min(found.values(), default=math.inf) > NOISY_IF_ABOVE
        ):
            pattern = casing(word)
            # never narrower than the ordinary 3-edit search of long tokens
            distance = max(
                3 if len(letters) >= WIDE_MIN_LENGTH else 2, round(len(letters) * NOISY_DISTANCE_RATIO)
            )
            for form in self.wide(word, limit=WIDE_NOISY_LIMIT, max_distance=distance):
                if pattern == "title":
                    found.setdefault(form, math.inf)  # a capital inside a garbled sentence is often a misread
                if pattern in ("title", "upper"):
                    form = apply_casing(form, pattern)
                found.setdefault(form, math.inf)
            if pattern == "title" and word[0] in ELIDED_L_READINGS:
                # "Fenmeubie": "l'" read as one capital, then a word too garbled for the cheap searches
                for form in self.wide(word[1:], limit=4, max_distance=distance):
                    if form.islower() and form[0] in _ELISION_INITIALS:
                        found.setdefault("l'" + form, math.inf)
            channel = self.garbled_channel if garbled else self.channel
            for form, cost in list(found.items()):
                if cost < GARBLED_RECOST_ABOVE or " " in form:
                    continue
                cost = min(cost, channel(form, word))
                if cost <= NOISY_MAX_COST:
                    found[form] = cost
                else:
                    del found[form]
        return found

    def _generate(self, word: str, rules_only: bool = False, wide: bool = True) -> dict[str, float]:
        found: dict[str, float] = {}

        valid, domain, is_known = self.k.valid, self.domain, self.is_known

        def consider(form: str, cost: float) -> None:
            if cost >= found.get(form, math.inf) or form == word:
                return
            if form in valid or form in domain:
                found[form] = cost
            elif not (form[:1].islower() and "'" not in form) and is_known(form):
                found[form] = cost  # the lexicon check inlined: most rewrites are unknown lower-case forms

        def consider_accent(form: str, cost: float) -> None:
            best = self.k.accent_index.get(deaccent(form))
            if best is None:
                return
            pattern = casing(form)
            target = apply_casing(best, pattern if pattern != "mixed" else "lower")
            changed = sum(a != b for a, b in zip(target.lower(), form.lower(), strict=False))
            consider(target, cost + ACCENT_COST * max(1, changed))

        frontier = {word: 0.0}
        seen = dict(frontier)
        seen_cost, inf, rewrites = seen.get, math.inf, self.confusions.rewrites  # a hot loop
        for depth in range(2):
            produced: dict[str, float] = {}
            max_cost = MAX_RULE_COST if depth == 0 else DEPTH2_MAX_COST
            for form, base in frontier.items():
                for start, end, replacement, cost in rewrites(form, depth == 0, max_cost):
                    variant = form[:start] + replacement + form[end:]
                    total = base + cost
                    if total < seen_cost(variant, inf):
                        seen[variant] = produced[variant] = total
            frontier = dict(heapq.nsmallest(BEAM, produced.items(), key=itemgetter(1)))
            if depth == 0:
                accent_sources = {word: 0.0} | frontier
        # the lexicon check of every rewrite at C speed: most are unknown lower-case forms
        for form in (seen.keys() & valid) | (seen.keys() & domain):
            if form != word:
                found[form] = seen[form]
        others = [form for form in seen if "'" in form or not form[:1].islower()]
        if rules_only:
            for form in others:
                consider(form, seen[form])
            return found
        for form in others:
            cost = seen[form]
            consider(form, cost)
            elided = _ELIDED_ANY.match(form) if "'" in form[1:4] else None
            if elided and not self.is_known(form) and len(form) - elided.end() >= 3:
                # "Faricle" -> "l'aricle" (rule l' -> F) -> "l'article": fuzzy search after the elision
                prefix, rest = form[: elided.end()], form[elided.end() :]
                for match in lookup(self.k.index, rest):
                    if match.islower():
                        consider(prefix + match, cost + self.channel(match, rest))
        for form, cost in accent_sources.items():
            if len(form) > 1:
                consider_accent(form, cost)
        if len(word) >= 3:
            pattern = casing(word)
            for form in lookup(self.k.index, word):
                if pattern in ("title", "upper") and form.islower():
                    form = apply_casing(form, pattern)
                elif pattern == "lower" and not form.islower():
                    continue
                if form != word and form not in found:
                    cost = self.channel(form, word)
                    if cost <= MAX_FUZZY_COST:
                        found[form] = cost
        if (
            wide
            and len(word) >= WIDE_MIN_LENGTH
            and word.isalpha()
            and min(found.values(), default=math.inf) > WIDE_IF_ABOVE
        ):
            for form in self.wide(word):
                if pattern in ("title", "upper"):
                    form = apply_casing(form, pattern)
                cost = self.channel(form, word)
                if cost <= MAX_FUZZY_COST + 4 and cost < found.get(form, math.inf):
                    found[form] = cost
        if len(word) >= 4 and word.isalpha():
            for cut in range(1, len(word)):
                left, right = word[:cut], word[cut:]
                long_enough = (len(left) >= 2 or left.lower() in SHORT_WORDS) and (
                    len(right) >= 2 or right.lower() in SHORT_WORDS
                )
                if long_enough and self.is_known(left) and self.is_known(right):
                    found.setdefault(f"{left} {right}", SPLIT_COST)
        return found

    def rank(self, word, candidates, prev, following, keep_tokens=None, log_oov=None, readings=None):
        """Return (best, confidence): the posterior of the best option among the candidates and keeping.

        Keeping an unknown word scores as an out-of-vocabulary token; keeping a valid word (``keep_tokens``)
        scores with the language model like any candidate. ``readings``: those of an unknown next word
        (:meth:`textkit.context.ContextRules._next_readings`), scored in place of the word as read.
        """
        self.read_next(readings)
        try:
            return self._rank(word, candidates, prev, following, keep_tokens, log_oov)
        finally:
            self.read_next(None)

    def _rank(self, word, candidates, prev, following, keep_tokens, log_oov):
        # a valid word is questioned with the bigram level only, except in garbled lines (trigram_known):
        # elsewhere the trigram level turned right words into wrong ones ("ces décisions" -> "des")
        trigrams = not keep_tokens or self.trigram_known
        keep = (
            self.chain(prev, keep_tokens, following, trigrams)
            if keep_tokens
            else self.keep_score(following, self.log_oov if log_oov is None else log_oov)
        )
        scored = [(keep, word)]
        for form, cost in candidates.items():
            tokens = _form_tokens(form)
            scored.append((self.chain(prev, tokens, following, trigrams) - cost, form))
        scored.sort(key=lambda item: (-item[0], item[1]))
        top = scored[0][0]
        # Forms differing only by case share one LM score: their mass counts for the best of them.
        mass: dict[str, float] = {}
        for score, form in scored:
            key = form.lower()
            mass[key] = mass.get(key, 0.0) + math.exp(score - top)
        norm = sum(mass.values())
        return scored[0][1], mass[scored[0][1].lower()] / norm


@functools.lru_cache(maxsize=100_000)
def _form_tokens(form: str) -> tuple[str, ...]:
    """The LM tokens of a candidate (memoised: the same forms are ranked again and again)."""
    return tuple(lm_tokens(form)) or (form.lower(),)


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    edits |= {a + c + b for a, b in splits for c in ALPHABET}
    return edits
