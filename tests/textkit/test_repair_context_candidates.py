"""Candidates from the context: in a noisy line, the words the corpus puts after the previous word, before
the next one or between the two are candidates too, when their OCR skeleton is close enough
(textkit/neighbours.py).

Each sentence has enough misspelt words ("dssier", "cnseil") to look like a poor scan read by Tesseract.
"""

import pytest

from textkit import neighbours, rules


def fixed(repairer, text):
    return repairer.repair(text).text


def test_a_word_several_edits_away_is_found_among_the_words_its_neighbours_take(repairer, monkeypatch):
    text = "Le salarié a droit à une indemnité en cas de Hcenchmnent pour motif écnomique, sauf fatue grave."
    assert "en cas de licenciement pour motif économique" in fixed(repairer, text)
    # no edit search reaches it: five letters are wrong
    monkeypatch.setattr(neighbours, "CONTEXT_MAX_DISTANCE", 0.0)
    monkeypatch.setattr(neighbours, "BETWEEN_MAX_DISTANCE", 0.0)
    assert "Hcenchmnent" in fixed(repairer, text)


@pytest.mark.parametrize(
    "noisy, expected",
    [
        # an OCR line of a dev pair: "à loyer modéré" (HLM), read "à ioyar nicitéré"
        (
            "l'agence irtorrne l'Union soclate pour i'hâbétet fegfémpat les fe- derétions d'organismes "
            "d'habitations à ioyar nicitéré, les faridrations d'organismes",
            "d'habitations à loyer modéré, les",
        ),
        (
            "Les modalités sont fixées dans des conditions définies pie décret, aprés avis du cnseil "
            "d'administraton.",
            "définies par décret",
        ),
    ],
)
def test_the_words_seen_between_the_two_neighbours_are_candidates(repairer, monkeypatch, noisy, expected):
    # "loyer ... les", "définies ... décret": the trigrams know what goes between; a narrow context, so a
    # token further from the word is still read as it
    assert expected in fixed(repairer, noisy)
    monkeypatch.setattr(neighbours, "BETWEEN_MAX_DISTANCE", 0.0)
    assert expected not in fixed(repairer, noisy)


def test_a_garbled_neighbour_is_read_past(repairer, monkeypatch):
    near = repairer.scorer.neighbours.near
    # "délai de deux mois": both neighbours are garbled ("dq", "nwls": never seen); the word before the
    # first is "délai", the one after the second "à"
    assert "deux" in near("dkux", "dq", "nwls", prev2="délai")
    assert "mois" in near("nois", "dkux", "xq", following2="à")
    monkeypatch.setattr(neighbours, "SKIP_MAX_DISTANCE", 0.0)
    assert "deux" not in near("dkux", "dq", "nwls", prev2="délai")
    assert "mois" not in near("nois", "dkux", "xq", following2="à")
    monkeypatch.undo()
    # a neighbour the corpus knows is the context: nothing is read past it
    assert "deux" not in near("dkux", "procédure", "nwls", prev2="délai")


def test_the_neighbour_words_are_the_most_frequent_ones_and_look_like_the_token(repairer, monkeypatch):
    near = repairer.scorer.neighbours.near("Hcenchmnent", "de", "pour")
    assert "licenciement" in near
    assert all(distance <= neighbours.BETWEEN_MAX_DISTANCE for distance in near.values())
    assert repairer.scorer.neighbours.near("de", "de", "pour") == {}  # two letters: too short to say
    words, keys = repairer.scorer.neighbours._pool(0, "de")  # the words after "de"
    assert len(words) == len(keys) <= neighbours.CONTEXT_POOL
    assert words[0] == "la"  # the most frequent first
    # the words seen before "pour" or after "de" are nearer; those between the two may be further
    monkeypatch.setattr(neighbours, "BETWEEN_MAX_DISTANCE", 0.0)
    near = repairer.scorer.neighbours.near("Hcenchmnent", "de", "pour")
    assert near and all(distance <= neighbours.CONTEXT_MAX_DISTANCE for distance in near.values())


@pytest.mark.parametrize(
    "noisy, expected",
    [
        (
            "Le dssier est transmis sous nerve de l'accrd du prfet et de la comission.",
            "transmis sous réserve de l'accord",
        ),
        (
            "Le mare établit un péan de sauvgarde des qartiers aprés avis du cnseil.",
            "établit un plan de sauvegarde",
        ),
    ],
)
def test_a_known_word_of_a_garbled_line_that_no_neighbour_takes(repairer, monkeypatch, noisy, expected):
    # "sous nerve de": the corpus never saw "sous nerve" nor "nerve de"; it often saw "sous réserve de"
    assert expected in fixed(repairer, noisy)
    monkeypatch.setattr(rules, "GARBLED_REAL_WORD_THRESHOLD", 1.01)
    assert expected not in fixed(repairer, noisy)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Le jge peut l'entendre comme témoin asisté lorsqu'il est mis en cuse.", "l'entendre comme"),
    ],
)
def test_another_form_of_the_same_word_is_left_alone(repairer, monkeypatch, text, kept):
    # agreement and inflection are not for a bigram model to decide
    assert kept in fixed(repairer, text)
    monkeypatch.setattr(rules, "_inflection", lambda form, word: False)
    assert kept not in fixed(repairer, text)


def test_a_place_name_word_inside_a_garbled_sentence_is_lowered(domain_repairer, repairer):
    text = "La demnde est présentée dans un délai de Cinq ans à cmpter de la dcision du tribnal."
    assert "Cinq" in domain_repairer.scorer.domain  # a word of commune names ("Cinq-Mars-la-Pile")
    assert "délai de cinq ans" in fixed(domain_repairer, text)
    assert "mesures de Cinq-Mars-la-Pile" in fixed(domain_repairer, "Les mesures de Cinq-Mars-la-Pile.")
