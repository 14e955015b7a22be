"""Candidate generation and scoring for one suspicious word (noisy channel + bigram LM)."""

from __future__ import annotations

import math

from textkit.confusion import ConfusionModel
from textkit.knowledge import Knowledge
from textkit.text import apply_casing, casing, deaccent, lm_tokens

ALPHABET = "abcdefghijklmnopqrstuvwxyzéèêàâîôûçëïüœ'-"
EDIT_COST = 7.5  # -log P of an edit the confusion model does not know
ACCENT_COST = 2.5  # per accent restored or changed through the accent index
MAX_RULE_COST = 7.0  # confusion rules rarer than ~1/1000 are not used to generate candidates
BEAM = 12
SPLIT_COST = 6.0
SHORT_WORDS = {"à", "a", "y", "l'", "d'", "n'", "s'", "j'", "m'", "t'", "c'", "qu'"}
BACKOFF = 0.4
P_OOV = 2e-6


class Scorer:
    def __init__(self, knowledge: Knowledge, confusions: ConfusionModel, domain: set[str]) -> None:
        self.k = knowledge
        self.confusions = confusions
        self.domain = domain
        self.domain_lower = {w.lower() for w in domain}
        self.total = max(1, knowledge.total_tokens)
        self.log_oov = math.log(BACKOFF * P_OOV)

    # --- lexicon -------------------------------------------------------------------------------------
    def is_known(self, word: str) -> bool:
        if word in self.k.valid or word in self.domain:
            return True
        pattern = casing(word)
        if pattern in ("title", "upper"):
            lower = word.lower()
            if lower in self.k.valid or (pattern == "upper" and word.capitalize() in self.k.valid):
                return True
            return pattern == "upper" and lower in self.domain_lower
        return False

    def unigram(self, token: str) -> float:
        count = self.k.unigrams.get(token, 0) + 0.1 * self.k.freq.get(token, 0.0)
        return (count + 0.01) / self.total

    def logp(self, prev: str, token: str) -> float:
        pair = self.k.bigrams.get((prev, token))
        if pair:
            return math.log(pair / self.k.unigrams[prev])
        return math.log(BACKOFF * self.unigram(token))

    def chain(self, prev: str, tokens: list[str], following: str) -> float:
        score = 0.0
        for token in tokens:
            score += self.logp(prev, token)
            prev = token
        return score + self.logp(prev, following)

    def keep_score(self, following: str) -> float:
        return self.log_oov + math.log(BACKOFF * self.unigram(following))

    # --- generation ----------------------------------------------------------------------------------
    def generate(self, word: str, allow_split: bool = True) -> dict[str, float]:
        """Valid candidates for ``word`` (a suspicious token) with their channel cost."""
        found: dict[str, float] = {}

        def consider(form: str, cost: float) -> None:
            if form != word and self.is_known(form) and cost < found.get(form, math.inf):
                found[form] = cost

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
        for _depth in range(2):
            produced: dict[str, float] = {}
            for form, base in frontier.items():
                for start, end, replacement, cost in self.confusions.rewrites(form):
                    if cost > MAX_RULE_COST:
                        continue
                    variant = form[:start] + replacement + form[end:]
                    total = base + cost
                    if total < seen.get(variant, math.inf):
                        seen[variant] = total
                        produced[variant] = total
            frontier = dict(sorted(produced.items(), key=lambda item: item[1])[:BEAM])
        for form, cost in seen.items():
            consider(form, cost)
            if len(form) > 1 and not any(ch.isdigit() for ch in form):
                consider_accent(form, cost)
        lower = word.lower()
        if len(lower) >= 3:
            pattern = casing(word)
            pattern = "lower" if pattern == "mixed" else pattern
            for edit in _edits1(lower):
                consider(apply_casing(edit, pattern), EDIT_COST)
        if allow_split and len(word) >= 4 and word.isalpha():
            for cut in range(1, len(word)):
                left, right = word[:cut], word[cut:]
                if (len(left) >= 2 or left.lower() in SHORT_WORDS) and (
                    len(right) >= 2 or right.lower() in SHORT_WORDS
                ):
                    if self.is_known(left) and self.is_known(right):
                        found.setdefault(f"{left} {right}", SPLIT_COST)
        return found

    def rank(self, word: str, candidates: dict[str, float], prev: str, following: str):
        """Return (best, confidence): the posterior of the best option among the candidates and keeping."""
        keep = self.keep_score(following)
        scored = [(keep, word)]
        for form, cost in candidates.items():
            tokens = lm_tokens(form) or [form.lower()]
            scored.append((self.chain(prev, tokens, following) - cost, form))
        scored.sort(key=lambda item: (-item[0], item[1]))
        top = scored[0][0]
        norm = sum(math.exp(score - top) for score, _ in scored)
        return scored[0][1], 1.0 / norm


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    edits |= {a + c + b for a, b in splits for c in ALPHABET}
    return edits
