"""Rules that may change a *known* word: each is narrow and checked by the language model.

Mixed into :class:`textkit.engine.Repairer`; they use its ``scorer`` and the per-line noise prior.
"""

from __future__ import annotations

import os
import re

from textkit.result import Edit
from textkit.text import apply_casing, casing, deaccent

REAL_WORD_THRESHOLD = 0.99  # to replace a valid but rare word (real-word error: "dot" for "doit")
REAL_WORD_MAX_COST = 7.0  # channel cost of a real-word correction (confusion-rule rewrites only)
# a known word of a garbled line that neither neighbour was ever seen with, against the words the corpus
# puts next to them (Scorer.context_candidates)
GARBLED_REAL_WORD_THRESHOLD = 0.99
REAL_WORD_NOISY_THRESHOLD = 0.95  # frequent valid words are only questioned in lines that look noisy
CONFUSION_SET_THRESHOLD = 0.85
# in a garbled line (>= 15 % unknown words) the neighbours deciding a known word are often guesses;
# from 35 % (most lines of the heavy band, a tenth of the moderate band's) they are mostly guesses
FAR_GARBLED_RATIO = 0.35
FAR_GARBLED_WORD_CONFUSION_THRESHOLD = 0.99
GARBLED_CONFUSION_SET_THRESHOLD = 0.9
WORD_CONFUSION_THRESHOLD = 0.97  # learned word confusions (noisy lines only: clean text must stay as it is)
AUXILIARY_MIN_COUNT = 5  # "a donné" seen this often in the corpus, "à donné" never
AUXILIARY_MIN_SHARE = 0.1  # ... and at least this share of the uses of "donné" come after "a"
_PARTICIPLE_ENDINGS = (
    "é",
    "és",
    "ée",
    "ées",
    "i",
    "is",
    "ie",
    "ies",
    "u",
    "us",
    "ue",
    "ues",
    "it",
    "te",
    "ert",
)
NUMERIC_THRESHOLD = 0.9  # "11 est" -> "Il est"
NUMERIC_SENTENCE_START_THRESHOLD = 0.5
RARE_LM_COUNT = 3  # a valid word seen fewer times in the training corpus is a real-word suspect
RARE_FREQ = 1.0  # ... and rare in wordfreq too (pseudo-count, about Zipf 2.8)
MIDCAP_MIN_COUNT = (
    250  # "La" lower-cased only for frequent words (la, le, les, lorsque...), not "Lot" or "Lys"
)
# letters whose capital Tesseract produces for the lower case (other capitals are mostly real: lost periods).
# On dev pairs, "La", "Sur", "Ou", "Au", "Que", "Un" inside a sentence stand for the lower case 4 to 70
# times as often as they are right; "Elle", "Vous", "Des", "Pour" are mostly a sentence whose period was
# lost, and "C" is left out for "du Code des...".
MIDCAP_LETTERS = "lsoq"
# parts of place names ("La Bassée") in the domain vocabulary, but articles before a lower-case word;
# after a comma they keep their capital (the comma is often a misread period)
_ARTICLES = {"La", "Le", "Les"}
MIDCAP_MIN_BIGRAM = 5  # "retraite additionnelle Le fonctionnaire": a heading run into the text
MIDCAP_BOUNDARY = 3  # the previous word must be followed by this word far more often than by a period
MIDCAP_RATIO = 0.005  # ... that the corpus almost never capitalises inside a sentence
MIDCAP_GARBLED_MIN_COUNT = 20
MIDCAP_GARBLED_START_SHARE = 0.03  # share of a word's uses that start a sentence
MIDCAP_GARBLED_LOST_PERIOD = 0.001  # (share of the previous word's uses that end one) x that share
SHOUTED_MIN_COUNT = 250  # "VOUS" inside a lower-case sentence of a noisy line -> "vous"
_INFLECTION_LETTERS = set("eslrxtznui")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
# Frequent valid words that Tesseract produces for another frequent word (u read as ù, l dropped...):
# decided by the language model with the learned channel cost.
CONFUSION_SETS = [("a", "à")]
# In lines that look noisy, short frequent words lose or gain a letter or an accent more often.
NOISY_CONFUSION_SETS = [
    ("ou", "où", "au"),
    ("a", "à", "la"),
    ("la", "là", "ln"),
    ("es", "les", "est"),
    ("e", "le", "et"),
    ("je", "le"),
]
NOISY_CONFUSION_SET_THRESHOLD = 0.7
# Digits read for "Il"/"il" before a verb: "11 est" -> "Il est".
# Also "1e" / "1a" for "le" / "la" (an l read as 1) before a lower-case word.
_NUMERIC_WORDS = {
    "11": ("il",),
    "1": ("il",),
    "1e": ("le", "la"),
    "1a": ("la",),
    "1es": ("les",),
    "1à": ("la", "là"),
}


class KnownWordRules:
    def _midcap(self, chunks, index, core, base, offset, pieces, edits) -> bool:
        """Lower-case a capitalised common word inside a sentence ("de La commune" -> "de la commune")."""
        chunk = chunks[index]
        if (
            not self._known_words  # the second pass over a garbled line: the previous word may be a guess
            or chunk.sentence_start
            or chunk.lead
            or index == 0
            or casing(core) != "title"
            or core in self.scorer.domain
            and (core not in _ARTICLES or chunks[index - 1].trail)
            # a word of a place name ("Cinq", "Sur", "Au") that the corpus keeps in lower case inside a
            # sentence is, in a garbled line, a misread capital more often than a name
            and not (self._garbled and self._usually_lower(core))
        ):
            return False
        if self._garbled:
            return self._midcap_garbled(chunks, index, core, base, offset, pieces, edits)
        previous = chunks[index - 1]
        if previous.trail not in ("", ",") or not previous.core[-1:].islower():
            return False
        if previous.sentence_start and not previous.core[:1].islower():
            return False  # "Coût Le montant est": a heading run into the text
        if index + 1 >= len(chunks) or not chunks[index + 1].core[:1].islower():
            return False  # "quartier La Rode", "Les Bruyères": an article inside a proper name
        lower = core.lower()
        prev = self._previous_token(chunks, index, "")
        bigrams = self.scorer.k.bigrams
        unigrams = self.scorer.k.unigrams
        # expected count of "prev. Lower" (a lost period) against the count of "prev lower"
        boundary = bigrams.get((prev, "<s>"), 0) * bigrams.get(("<s>", lower), 0) / unigrams["<s>"]
        after = bigrams.get((prev, lower), 0)
        if after < MIDCAP_MIN_BIGRAM or after <= MIDCAP_BOUNDARY * boundary:
            return False  # "du personnel La nature": the period after "personnel" may have been lost
        if len(lower) < 2 or lower[0] not in MIDCAP_LETTERS:
            return False  # Tesseract reads l as L, and p as P, c as C...; other capitals usually are real
        ratio = self.scorer.k.midcap.get(lower)
        if ratio is None or ratio >= MIDCAP_RATIO or self.scorer.k.unigrams.get(lower, 0) < MIDCAP_MIN_COUNT:
            return False
        pieces.append((base, base + len(core), lower))
        edits.append(Edit(offset + base, core, lower, round(1.0 - ratio, 4)))
        return True

    def _midcap_garbled(self, chunks, index, core, base, offset, pieces, edits) -> bool:
        """`_midcap` in a garbled line, see `_lowered_in_garbled`."""
        if not self._lowered_in_garbled(chunks, index, core.lower()):
            return False
        pieces.append((base, base + len(core), core.lower()))
        edits.append(Edit(offset + base, core, core.lower(), 0.9))
        return True

    def _lowered_in_garbled(self, chunks, index, lower) -> bool:
        """In a garbled line the previous word is often misread, so its bigrams say little: a capitalised
        word between two lower-case words is lowered when the corpus almost never capitalises it inside a
        sentence and seldom starts a sentence with it ("pour Carrière longue", "de 3 Mois mentionnant";
        not "Des", "Elle", "Cette": a lost period)."""
        previous = chunks[index - 1]
        if not self._known_words or self._unknown_ratio >= FAR_GARBLED_RATIO:
            # the second pass over a garbled line: the previous word may be a correction; from 35 %
            # unknown words the neighbours are mostly guesses
            return False
        if previous.trail or not previous.core.islower():
            return False  # after a comma: often a misread period; after a capital: a name or a misreading
        if index + 1 >= len(chunks) or not chunks[index + 1].core[:1].islower():
            return False
        if not self._usually_lower(lower):
            return False
        k = self.scorer.k
        start_share = k.bigrams.get(("<s>", lower), 0) / k.unigrams[lower]
        if start_share < MIDCAP_GARBLED_START_SHARE:
            return True
        # a word that often starts a sentence ("Le", "Un"): lowered only after a frequent word that
        # seldom ends one ("développer Le rayonnement", "dans Un délai"; not "justice Le recours")
        prev = previous.core.lower()  # as read: a corrected word is less sure
        prev_count = k.unigrams.get(prev, 0)
        if prev_count < MIDCAP_GARBLED_MIN_COUNT:
            return False
        return k.bigrams.get((prev, "<s>"), 0) / prev_count * start_share < MIDCAP_GARBLED_LOST_PERIOD

    def _usually_lower(self, word: str) -> bool:
        """The corpus knows the word and almost never capitalises it inside a sentence."""
        lower = word.lower()
        k = self.scorer.k
        return (
            k.unigrams.get(lower, 0) >= MIDCAP_GARBLED_MIN_COUNT and k.midcap.get(lower, 1.0) < MIDCAP_RATIO
        )

    def _lower_shouted(self, chunks, index, core, base, offset, pieces, edits) -> bool:
        """A frequent word in capitals between two lower-case words of a noisy line ("pouvez VOUS
        adresser"): on a poor scan Tesseract takes c, o, s, u, v... for capitals (same shapes). An
        acronym (in the domain vocabulary or the lexicon, a Roman numeral, or repeated in the line) stays."""
        chunk = chunks[index]
        if (
            not self._noisy_line
            or len(core) < 2
            or casing(core) != "upper"
            or chunk.sentence_start
            or chunk.lead
            or chunk.trail not in ("", ",")
            or index == 0
            or index + 1 >= len(chunks)
            or core in self.scorer.domain
            or core in self.scorer.k.valid  # an acronym of the lexicon: "CET", "SA", "CE"
            or _ROMAN.match(core)
        ):
            return False
        if not chunks[index - 1].core[-1:].islower() or not chunks[index + 1].core[:1].islower():
            return False
        lower = core.lower()
        if self.scorer.k.unigrams.get(lower, 0) < SHOUTED_MIN_COUNT:
            return False
        if sum(other.core == core for other in chunks) > 1:
            return False
        pieces.append((base, base + len(core), lower))
        edits.append(Edit(offset + base, core, lower, 0.9))
        return True

    def _fix_numeric(self, chunks, index, core, base, offset, pieces, edits) -> None:
        """ "11 est" -> "Il est", "1e maire" -> "le maire": only when the language model is near certain about a pronoun."""
        chunk = chunks[index]
        if index + 1 >= len(chunks) or not chunks[index + 1].core[:1].islower():
            return
        prev = self._previous_token(chunks, index, "")
        following = self._next_token(chunks, index)
        forms = _NUMERIC_WORDS[core]
        candidates = {}
        for form in forms:
            form = form.capitalize() if chunk.sentence_start else form
            candidates[form] = self.scorer.channel(form, core)
        # a number is a plausible token almost anywhere; "1e", "1a" are not French (1er, 1re, 1°)
        keep = ["<num>"] if core.isdigit() else None
        best, confidence = self.scorer.rank(
            core, candidates, prev, following, keep_tokens=keep, log_oov=self._log_oov
        )
        # a sentence that starts with a bare number followed by a lower-case word is rare (25 times in the
        # corpus, "1 an", "1 photo"), a misread "Il" is not: the LM decides at a lower threshold there
        threshold = (
            NUMERIC_SENTENCE_START_THRESHOLD if chunk.sentence_start and core.isdigit() else NUMERIC_THRESHOLD
        )
        if best != core and confidence >= threshold:
            pieces.append((base, base + len(core), best))
            edits.append(Edit(offset + base, core, best, round(confidence, 4)))

    def _fix_word_confusion(self, word, base, prev, following, pieces, edits, offset) -> bool:
        """A frequent word Tesseract often produces for another one ("où" for "ou", "voire" for "votre")."""
        if not self._noisy_line:
            # in a clean-looking line the word is most likely right: clean text must come out unchanged
            # (on dev: "où" -> "ou" and "là" -> "la" in two clean paragraphs; light band -0.3 point)
            return False
        lower = word.lower()
        options = self.word_confusions.get(lower)
        if not options or not word.islower():
            return False  # a capitalised word may start a sentence whose period was lost
        # an unknown neighbour (garbled) backs off to the word's frequency: on dev pairs "où" stands for
        # "ou" about nine times in ten in that case, as the learned rates and frequencies say
        pattern = casing(word)
        candidates = {
            apply_casing(clean, pattern): cost
            for clean, cost in options.items()
            if self.scorer.is_known(clean)
        }
        if not candidates:
            return False
        # the same word with other accents competes too: "prés" may stand for "prévues" (learned) but
        # "près" is the likelier one in "vivent prés de" (only accents: "de" must not become "des")
        for form, cost in self.scorer.generate(word, rules_only=True).items():
            if (
                form.lower() != lower
                and deaccent(form.lower()) == deaccent(lower)
                and cost < REAL_WORD_MAX_COST
            ):
                candidates.setdefault(form, cost)
        best, confidence = self.scorer.rank(word, candidates, prev, following, keep_tokens=[lower])
        threshold = WORD_CONFUSION_THRESHOLD
        if self._unknown_ratio >= FAR_GARBLED_RATIO:
            threshold = FAR_GARBLED_WORD_CONFUSION_THRESHOLD
        if best == word or confidence < threshold:
            return False
        pieces.append((base, base + len(word), best))
        edits.append(Edit(offset + base, word, best, round(confidence, 4)))
        return True

    def _fix_confusion_set(self, word, base, prev, following, pieces, edits, offset) -> bool:
        lower = word.lower()
        noisy_line = self._noisy_line
        sets = NOISY_CONFUSION_SETS if noisy_line else CONFUSION_SETS
        threshold = NOISY_CONFUSION_SET_THRESHOLD if noisy_line else CONFUSION_SET_THRESHOLD
        if self._garbled:
            threshold = GARBLED_CONFUSION_SET_THRESHOLD
        for group in sets:
            if lower in group:
                candidates = {
                    apply_casing(other, casing(word)): self.scorer.channel(other, lower)
                    for other in group
                    if other != lower
                }
                best, confidence = self.scorer.rank(word, candidates, prev, following, keep_tokens=[lower])
                if best != word and confidence >= threshold:
                    pieces.append((base, base + len(word), best))
                    edits.append(Edit(offset + base, word, best, round(confidence, 4)))
                return True
        return False

    def _fix_auxiliary(self, word, base, following, pieces, edits, offset) -> bool:
        """ "à été", "à donné": the preposition is never followed by a past participle that the corpus
        only ever sees after the auxiliary "a" (Tesseract reads "a" as "à" in about half of its readings)."""
        if word != "à" or not following.endswith(_PARTICIPLE_ENDINGS):
            return False
        if self._garbled:
            return False  # in a garbled line the next word may be invented
        bigrams, unigrams = self.scorer.k.bigrams, self.scorer.k.unigrams
        after_a = bigrams.get(("a", following), 0)
        if bigrams.get(("à", following), 0) or after_a < AUXILIARY_MIN_COUNT:
            return False
        if after_a < AUXILIARY_MIN_SHARE * unigrams[following]:
            return False  # mostly a noun or an adjective ("fait", "droit", "prévu"): "tout à fait"
        pieces.append((base, base + 1, "a"))
        edits.append(Edit(offset + base, word, "a", 0.95))
        return True

    def _fix_garbled_real_word(self, word, base, prev, following, pieces, edits, offset, readings) -> bool:
        """A known word of a garbled line that the corpus never saw after the previous word nor before
        the next one, replaced by a word it does put there ("sous nerve de" -> "réserve", "un péan de" ->
        "plan"), at posterior >= 0.99; another form of the same word is not a candidate ("l'entendre" is
        not "l'entendue")."""
        scorer = self.scorer
        lower = word.lower()
        pattern = casing(word)
        if "-" in word or "'" in word or word in scorer.domain or pattern not in ("lower", "title"):
            return False
        bigrams = scorer.k.bigrams
        if (prev, lower) in bigrams or (lower, following) in bigrams:
            return False
        candidates = {
            apply_casing(form, pattern): cost
            for form, cost in scorer.context_candidates(word, prev, following, garbled=True).items()
            if form != lower and not _inflection(form, lower)
        }
        if not candidates:
            return False
        best, confidence = scorer.rank(
            word, candidates, prev, following, keep_tokens=[lower], readings=readings
        )
        if best == word or confidence < GARBLED_REAL_WORD_THRESHOLD:
            return False
        if pattern == "title" and prev != "<s>" and self._usually_lower(best):
            best = best.lower()  # as for the unknown words of a garbled line (see Repairer._fix_word)
        pieces.append((base, base + len(word), best))
        edits.append(Edit(offset + base, word, best, round(confidence, 4)))
        return True

    def _fix_real_word(self, word, base, prev, following, pieces, edits, offset, readings=None) -> None:
        """A valid but rare word may be a misread frequent one ("dot" for "doit"): strict LM check.

        ``readings``: those of an unknown next word (see textkit/lm.py), for the garbled-line and rare-word
        checks; not for the word confusions (``de`` -> ``du`` before a garbled ``terrtoire``: dev harm)."""
        scorer = self.scorer
        if self._fix_auxiliary(word, base, following, pieces, edits, offset):
            return
        if self._fix_word_confusion(word, base, prev, following, pieces, edits, offset):
            return
        if self._fix_confusion_set(word, base, prev, following, pieces, edits, offset):
            return
        lower = word.lower()
        noisy_line = self._noisy_line
        if self._garbled and self._fix_garbled_real_word(
            word, base, prev, following, pieces, edits, offset, readings
        ):
            return
        rare = scorer.k.unigrams.get(lower, 0) < RARE_LM_COUNT and scorer.k.freq.get(lower, 0.0) < RARE_FREQ
        if (
            "-" in word
            or "'" in word
            or word in scorer.domain
            or not (rare or (noisy_line and len(word) <= 5))
        ):
            return
        threshold = REAL_WORD_THRESHOLD if rare else REAL_WORD_NOISY_THRESHOLD
        candidates = {
            form: cost
            for form, cost in scorer.generate(word, rules_only=True).items()
            if " " not in form
            and cost < REAL_WORD_MAX_COST
            and form.lower() != word.lower()
            and (word.islower() or form.islower())
        }
        if not candidates:
            return
        best, confidence = scorer.rank(
            word, candidates, prev, following, keep_tokens=[word.lower()], readings=readings
        )
        if best != word and confidence >= threshold:
            pieces.append((base, base + len(word), best))
            edits.append(Edit(offset + base, word, best, round(confidence, 4)))


def _inflection(form: str, word: str) -> bool:
    """Another form of the same word ("exécutés"/"exécutées", "négocie"/"négocier", "sportif"/"sportifs"):
    agreement is not for a bigram model to decide. The two differ only by endings made of the letters of
    French inflections; "artiche"/"article" do not."""
    a, b = deaccent(form), deaccent(word)
    common = len(os.path.commonprefix([a, b]))
    tails = a[common:], b[common:]
    return common >= 3 and all(len(tail) <= 3 and set(tail) <= _INFLECTION_LETTERS for tail in tails)
