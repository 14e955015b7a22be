"""The library benchmarks' deterministic corpus and queries, drawn from ../shared/data/corpus_fr (read in
place, never copied): documents of 5 pages of ~1,200 characters with place names, themes, kinds and years
for the facets, and 200 realistic French queries (words, phrases, prefixes, place names, typos).
Plain Python: no Django import, so both the Django-side work and tantivy use the same texts.
"""

from __future__ import annotations

import datetime
import random
import re
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "corpus_fr"
PAGES_PER_DOC = 5
PAGE_CHARS = 1200
BATCH = 1000
PLACES = [
    "Roubaix", "Tourcoing", "Hauts-de-France", "Seine-Saint-Denis", "Clichy-sous-Bois", "Marseille",
    "Lyon", "Vaulx-en-Velin", "Grenoble", "Toulouse", "Bordeaux", "Nantes", "Rennes", "Strasbourg",
    "Mulhouse", "Amiens", "Lille", "Montpellier", "Nîmes", "Perpignan", "Mayotte", "Guyane",
    "La Réunion", "Île-de-France", "Grand Est", "Occitanie", "Bretagne", "Corse", "Val-de-Marne",
    "Saint-Étienne", "Clermont-Ferrand", "Le Havre", "Rouen", "Dijon", "Besançon", "Limoges",
    "Poitiers", "Orléans", "Tours", "Avignon",
]  # fmt: skip
THEMES = [
    "Renouvellement urbain et cadre de vie", "Emploi et développement économique", "Éducation",
    "Santé", "Habitat et logement", "Tranquillité publique", "Culture", "Citoyenneté",
    "Jeunesse", "Égalité femmes-hommes", "Mobilité", "Transition écologique",
]  # fmt: skip
KINDS = ["publication", "experience", "dossier", "compte_rendu", "actualite"]
TOPICAL = [
    "logement social", "rénovation urbaine", "contrat de ville", "conseil citoyen", "emploi des jeunes",
    "quartiers prioritaires", "politique de la ville", "réussite éducative", "mixité sociale",
    "accès aux droits", "santé mentale", "transports en commun", "insertion professionnelle",
    "égalité des chances", "lutte contre les discriminations", "cadre de vie", "aide sociale",
    "allocation logement", "handicap", "développement économique", "tranquillité publique",
    "participation des habitants", "petite enfance", "formation professionnelle", "bailleur social",
    "collectivités territoriales", "protection de l'enfance", "revenu de solidarité", "numérique",
    "accompagnement", "démolition", "copropriétés dégradées", "médiation", "association",
]  # fmt: skip


@lru_cache(maxsize=1)
def paragraphs() -> tuple[str, ...]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 80]
    return tuple(out)


def documents(count: int, seed: int = 5):
    """(pk, title, description, pages, kind, date, published, theme indexes, place index), deterministic."""
    rng = random.Random(seed)
    paras = paragraphs()
    for n in range(count):
        pages = []
        for _ in range(PAGES_PER_DOC):
            text = ""
            while len(text) < PAGE_CHARS:
                text += rng.choice(paras) + "\n"
            pages.append(text)
        place = rng.randrange(len(PLACES))
        title = " ".join(rng.choice(paras).split()[:8]).rstrip(",;:")
        if rng.random() < 0.8:
            title += f" ({PLACES[place]})"
        description = rng.choice(paras)[:400]
        kind = KINDS[rng.randrange(len(KINDS))]
        date = datetime.date(2005 + rng.randrange(21), 1 + rng.randrange(12), 1)
        published = rng.random() < 0.9
        themes = sorted(rng.sample(range(len(THEMES)), 1 + rng.randrange(2)))
        yield n + 1, title, description, pages, kind, date, published, themes, place


FUNCTION_WORDS = {
    "lorsqu",
    "puisqu",
    "quelqu",
    "jusqu",
    "presqu",
    "soient",
    "laquelle",
    "lequel",
    "lesquels",
    "lesquelles",
    "auxquels",
    "duquel",
    "avant",
    "après",
    "leurs",
    "cette",
    "entre",
    "selon",
    "ainsi",
    "celle",
    "celles",
    "celui",
    "ceux",
    "notamment",
    "peuvent",
    "doivent",
    "était",
    "étaient",
    "avoir",
    "également",
    "toute",
    "toutes",
    "autre",
    "autres",
    "dernier",
    "elles",
    "aucun",
    "aucune",
    "quand",
    "comme",
    "depuis",
    "encore",
    "alors",
    "plusieurs",
    "chaque",
    "sous",
    "contre",
    "pendant",
    "vers",
    "parmi",
    "sans",
    "ayant",
    "quelle",
    "quelles",
    "quels",
    "suivant",
}


def _vocabulary() -> list[str]:
    """Corpus words of 5+ letters seen at least 5 times, function words aside, most frequent first."""
    counts: dict[str, int] = {}
    for para in paragraphs():
        for word in re.findall(r"(?<!['’])\b[^\W\d_]{5,}\b(?!['’])", para):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, c in ranked if c >= 5 and w not in FUNCTION_WORDS]


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    options = "aeiourstnl"
    return word[:i] + rng.choice([c for c in options if c != word[i]]) + word[i + 1 :]


def queries(count: int = 200, seed: int = 7) -> list[tuple[str, str]]:
    """(category, query): single words, 2-3 words, topical phrases, quoted phrases, prefixes,
    place names and one-letter typos, as a documentalist or a visitor would type them."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    common, middle = vocab[:400], vocab[400:4000]
    paras = paragraphs()
    out: list[tuple[str, str]] = []
    for n in range(count):
        kind = n % 10
        if kind in (0, 1):  # one word, from the frequent and the middle of the vocabulary
            out.append(("mot", rng.choice(common if kind == 0 else middle)))
        elif kind == 2:  # two or three words that occur together in a paragraph
            para = [
                w for w in re.findall(r"[^\W\d_]{5,}", rng.choice(paras)) if w.lower() not in FUNCTION_WORDS
            ]
            out.append(("2-3 mots", " ".join(rng.sample(para, min(len(para), 2 + n % 2)))))
        elif kind == 3:
            out.append(("thématique", rng.choice(TOPICAL)))
        elif kind == 4:  # a quoted phrase from the corpus
            tokens = rng.choice(paras).split()
            start = rng.randrange(max(1, len(tokens) - 3))
            out.append(("expression", '"' + " ".join(tokens[start : start + 3]).strip(".,;:()«»") + '"'))
        elif kind == 5:
            out.append(("préfixe", rng.choice(middle)[:5] + "*"))
        elif kind == 6:
            out.append(("lieu", rng.choice(PLACES)))
        elif kind == 7:
            out.append(("lieu + mot", f"{rng.choice(PLACES)} {rng.choice(TOPICAL).split()[0]}"))
        elif kind == 8:
            out.append(("faute", _typo(rng.choice([w for w in middle if len(w) >= 6]), rng)))
        else:
            out.append(("2 mots", f"{rng.choice(common)} {rng.choice(middle)}"))
    return out
