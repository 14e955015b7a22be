"""Reading ahead: when the next word of a noisy line is unknown too, its likeliest readings stand for it in
the ranking (textkit/lm.py), instead of a token the language model has never seen.

Both sentences are OCR lines of dev pairs, cut at sentence ends."""

import math

from textkit import context
from textkit.lm import NextReadings


def fixed(repairer, text):
    return repairer.repair(text).text


def test_an_unknown_word_is_ranked_with_the_readings_of_the_next_one(repairer, monkeypatch):
    noisy = (
        "Vous pouvez bénéficier d'une retraite & taux pléin avant 52 ans, 5) vous rempinsez los condiions "
        "permettant de partr à la rotraite anticipée : pour Gammiére kiogue : où pour handtkap : ou en "
        "raisort de Fa pénibilité du travail."
    )
    # "Gammiére" alone could be several words; "carrière longue" is what the corpus says together
    assert "la retraite anticipée : pour carrière longue : ou pour handicap" in fixed(repairer, noisy)
    monkeypatch.setattr(context, "READINGS", 0)
    assert "pour Gammiére kiogue" in fixed(repairer, noisy)


def test_a_known_word_of_a_noisy_line_is_questioned_with_them_too(repairer, monkeypatch):
    noisy = "La SAFD peur êue coniestée par la personne faisant l'objet de la décision."
    # "peur" is a word; before "êue" (être) it is the misread "peut"
    assert fixed(repairer, noisy).startswith("La SAFD peut être contestée")
    monkeypatch.setattr(context, "READINGS", 0)
    assert fixed(repairer, noisy).startswith("La SAFD peur être contestée")


def test_readings_are_only_for_an_unknown_next_word_of_a_noisy_line(repairer):
    line = "La SAFD peur êue coniestée par la personne faisant l'objet de la décision."
    repairer._line_pieces(line, 0, [])  # a first pass over the line: its chunks and noise level
    chunks = [chunk.core for chunk in repairer._line_chunks]
    readings = repairer._next_readings(chunks.index("peur"), "êue")
    assert readings is not None
    assert "être" in [token for token, _cost in readings.options]
    assert readings.log_oov == repairer._log_oov
    # the next word is known ("la"): its token is the context, as before
    assert repairer._next_readings(chunks.index("par"), "la") is None
    # a part of a hyphenated word is ranked: the next chunk is not what follows it
    assert repairer._next_readings(chunks.index("peur"), "autre") is None
    # a clean-looking line (one unknown word in 35): no readings
    line = (
        "La décision peut êue contestée par la personne qui en fait l'objet devant le tribunal administratif "
        "dans un délai de deux mois à compter de sa notification par lettre recommandée avec accusé de "
        "réception."
    )
    repairer._line_pieces(line, 0, [])
    assert not repairer._noisy_line
    chunks = [chunk.core for chunk in repairer._line_chunks]
    assert repairer._next_readings(chunks.index("peut"), "êue") is None


def test_without_relation_to_the_readings_a_candidate_and_keeping_shift_alike(repairer):
    scorer = repairer.scorer
    readings = NextReadings((("zzzqx", 5.0),), scorer.log_oov_very_noisy)
    scorer.prev2 = scorer.following2 = None
    try:
        plain = scorer.chain("de", ["la"], "zzzqw", trigrams=False) - scorer.keep_score("zzzqw", -30.0)
        scorer.read_next(readings)
        ahead = scorer.chain("de", ["la"], "zzzqw", trigrams=False) - scorer.keep_score("zzzqw", -30.0)
    finally:
        scorer.read_next(None)
    # a reading the corpus never saw backs off like the unknown token did: the difference stays
    assert math.isclose(plain, ahead, abs_tol=1e-6)
