"""textkit.wordconfusion: learning P(noisy word | clean word) from aligned pairs."""

import math

from textkit.wordconfusion import WordConfusions, learn


def test_learn_counts_one_to_one_word_readings():
    misread = [("le choix où la date", "le choix ou la date")] * 3
    right = [("le choix ou la date", "le choix ou la date")] * 5
    table = learn(misread + right)
    assert table[("ou", "où")] == (3, 0.375)
    assert table[("ou", "ou")] == (5, 0.625)
    assert ("la", "la") in table
    # a misreading seen fewer than 3 times is not learned
    assert ("ou", "on") not in learn([("le choix on la date", "le choix ou la date")] * 2)


def test_cost_is_relative_to_reading_the_word_right():
    model = WordConfusions({("ou", "où"): 0.2, ("où", "où"): 0.8})
    assert math.isclose(model.get("où")["ou"], -math.log(0.2) + math.log(0.8))
    assert model.get("ou") == {}
