"""Is a token a word? The lexicon checks of the repair (lexicon, domain vocabulary, derived words).

Mixed into :class:`textkit.candidates.Scorer`, which holds the knowledge (``k``), the domain vocabulary
(``domain``, ``domain_lower``) and the memo of the answers (``_known``)."""

from __future__ import annotations

import re

from textkit.text import deaccent

KNOWN_CACHE_SIZE = 200_000
# learned prefixes French fuses to a word without a hyphen ("infradépartemental", "interquartiers"): a
# lower-case word made of one of them and a known word of DERIVED_MIN_BASE letters or more is accepted as
# valid. Short prefixes (co-, ré-, dé-) are left out: too many misreadings would pass as derived words.
DERIVED_PREFIXES = (
    "anti", "auto", "contre", "extra", "hyper", "hypo", "infra", "inter", "intra", "macro", "micro",
    "mini", "mono", "multi", "pluri", "poly", "post", "pseudo", "semi", "super", "supra", "trans", "ultra",
)  # fmt: skip
DERIVED_MIN_BASE = 6
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=[aeiouyhàâéèêëîïôûœ])", re.IGNORECASE)


class LexiconChecks:
    def is_derived(self, word: str) -> bool:
        """A lower-case word made of a learned prefix and a known word: "infradépartementale"."""
        if not word.islower() or not word.isalpha() or deaccent(word) in self.k.accent_index:
            return False  # "autorites": a known word with its accents lost, not auto- + rites
        return any(
            word.startswith(prefix)
            and len(word) - len(prefix) >= DERIVED_MIN_BASE
            and word[len(prefix) :] in self.k.valid
            for prefix in DERIVED_PREFIXES
        )

    def is_known(self, word: str) -> bool:
        """Lexicon or domain word, allowing sentence capitals, upper case and an elided prefix (memoised)."""
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= KNOWN_CACHE_SIZE:
                self._known.clear()
            known = self._known[word] = self._is_known(word)
        return known

    def _is_known(self, word: str) -> bool:
        if word in self.k.valid or word in self.domain:
            return True
        if "’" in word:  # the lexicon spells "aujourd'hui" with a straight apostrophe
            return self.is_known(word.replace("’", "'"))
        if "oe" in word or "OE" in word:  # "soeur", "oeuvre": the ligature typed as two letters
            return self.is_known(word.replace("oe", "œ").replace("OE", "Œ"))
        if word[:1].islower() and "'" not in word:
            return False  # the common case in candidate generation: an unknown lower-case form
        elided = _ELIDED.match(word) if "'" in word else None
        if elided:
            if not (word[0].islower() or word[0] in "LDQCSJN"):
                return False
            return self.is_known(word[elided.end() :])
        if word[:1].isupper():
            rest = word[1:]
            if not rest or rest.islower() or not any(ch.isalpha() for ch in rest):
                return word.lower() in self.k.valid
            if word.isupper():
                lower = word.lower()
                return (
                    lower in self.k.valid or lower in self.domain_lower or word.capitalize() in self.k.valid
                )
        return False
