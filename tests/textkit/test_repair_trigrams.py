"""The trigram level of the language model: counted at build time, backed off when unseen, and used to
decide a valid word only in garbled lines."""

import math

import pytest

from textkit import knowledge, lm


def test_trigrams_are_counted_like_bigrams(tmp_path):
    built = knowledge.build(
        corpus=tmp_path, extra=["Une personne de droit privé.", "Un organisme de droit privé."]
    )
    assert built.trigrams[("de", "droit", "privé")] == 2
    # seen once: left out, as bigrams seen once are
    assert ("personne", "de", "droit") not in built.trigrams


def test_a_seen_trigram_is_discounted_and_an_unseen_one_backs_off(repairer):
    scorer = repairer.scorer
    k = scorer.k
    seen = ("de", "droit", "privé")
    assert k.trigrams[seen] >= 2
    expected = math.log((k.trigrams[seen] - lm.TRIGRAM_DISCOUNT) / k.bigrams[seen[:2]])
    assert scorer.logp3(*seen) == pytest.approx(expected)
    assert ("de", "doit", "privé") not in k.trigrams
    assert scorer.logp3("de", "doit", "privé") == pytest.approx(lm.LOG_BACKOFF + scorer.logp("doit", "privé"))
    assert scorer.logp3(None, "doit", "privé") == scorer.logp("doit", "privé")


@pytest.mark.parametrize(
    "noisy, expected",
    [
        (
            "Toute persnne physique ou morale de doit privé accueillant des mneurs doit en infrmer le mire.",
            "morale de droit privé accueillant",
        ),
        (
            "Les statuts sont modifiés par la lui, après consultation du cnseil et de l'assmblée génrale.",
            "modifiés par la loi, après",
        ),
    ],
)
def test_a_valid_word_of_a_garbled_line_is_decided_with_trigrams(repairer, noisy, expected):
    # "de doit privé": the bigrams "de doit" and "doit privé" say little, "de droit privé" is a trigram
    assert expected in repairer.repair(noisy).text


@pytest.mark.parametrize(
    "text",
    [
        "Le maire a la possibilité de prendre ces décisions avec les agnts de la commune et du département.",
        "Il est possible de prendre ces décisions et de les transmettre aux agnts de la commne.",
    ],
)
def test_a_valid_word_of_a_cleaner_line_is_decided_with_bigrams_only(repairer, text):
    # with trigrams, "prendre ces décisions" became "prendre des décisions" (a right word made wrong)
    assert "prendre ces décisions" in repairer.repair(text).text
