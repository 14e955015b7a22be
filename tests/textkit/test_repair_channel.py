"""The channel cost of a candidate: -log P(OCR reading | candidate), from the learned confusion table."""

import math

import pytest

from textkit.fuzzy import EDIT_COST, ChannelCost


def test_a_block_the_table_does_not_know_is_split_into_rules_it_knows():
    channel = ChannelCost({("l'", "F"): 0.5})
    # "l'in" read "Fa": the rule l' -> F, then i read as a and a dropped n (one unknown edit each),
    # not four unknown edits
    assert channel("l'insertion", "Fasertion") == pytest.approx(-math.log(0.5) + 2 * EDIT_COST)
    assert ChannelCost({})("l'insertion", "Fasertion") == pytest.approx(4 * EDIT_COST)
    # known blocks, case and accents keep their own costs
    assert channel("l'", "F") == pytest.approx(-math.log(0.5))
    assert channel("Commune", "commune") == pytest.approx(2.0)


def test_a_word_read_with_letters_added_and_misread(repairer):
    # "candidats" read "candiets": the table has no rule "da" -> "e", but has a dropped "d" (5.1) and
    # "a" read "e" (4.2), cheaper than two unknown edits (15)
    text = "Chaque conseiller régional ou chaque groupe de canseitiers peut présenter ure liste de candiets."
    assert repairer.repair(text).text == (
        "Chaque conseiller régional ou chaque groupe de conseillers peut présenter une liste de candidats."
    )
    assert repairer.repair("peuvent foire toute proposition à cet égarrt dans le délai prévu.").text == (
        "peuvent faire toute proposition à cet égard dans le délai prévu."
    )


def test_capitals_scattered_in_a_word_of_a_noisy_line(repairer):
    # letters read in the wrong case cost one misreading per run of capitals, not one per letter
    assert repairer.repair("Le dOCUMEN est transmis aux agnts de la commne.").text == (
        "Le document est transmis aux agents de la commune."
    )
    assert repairer.repair("La demande est RÉCeSssArE pour les agnts de la commne.").text == (
        "La demande est nécessaire pour les agents de la commune."
    )
    # a name in camel case stays: it does not make the short line look garbled, and no word the
    # neighbours take replaces it ("restaurant médical")
    assert (
        repairer.repair("Le restaurant McDonald de la commune.").text
        == "Le restaurant McDonald de la commune."
    )


def test_an_elision_read_as_one_capital_before_a_garbled_word(repairer):
    # "l'" read "F" (a learned rule), then a word too garbled for the cheap searches
    text = "Les régles de Faigordhme de la commne."
    assert repairer.repair(text).text == "Les règles de l'algorithme de la commune."


def test_a_word_with_scattered_capitals_at_a_sentence_start_keeps_its_capital(repairer):
    assert repairer.repair("DOcUMENT est transmis aux agnts de la commne.").text == (
        "Document est transmis aux agents de la commune."
    )


def test_the_wide_search_finds_the_frequent_words_among_those_as_near():
    from textkit.fuzzy import WideSearch

    # "rouge", "route" and "roule" are all two edits away from "roxxe"; the words come most frequent first,
    # and the limit keeps the frequent ones, not the first in alphabetical order
    frequent_first = ["rouge", "route", "roule", "rouet"]
    assert WideSearch(frequent_first)("roxxe", limit=2, max_distance=2) == ["rouge", "route"]
    assert WideSearch(frequent_first[::-1])("roxxe", limit=2, max_distance=2) == ["roule", "route"]


def test_the_wide_search_reads_words_two_letters_longer_but_one_shorter_at_most():
    from textkit.fuzzy import WideSearch

    # OCR adds stray letters to a word more often than it drops two: words two letters shorter than the
    # token only crowd out the longer, likelier ones (dev: moderate band +0.3 point without them)
    search = WideSearch(["moto", "mouton", "moutons", "moutonne", "mouto"])
    assert search("moutxn", limit=6, max_distance=3) == ["mouton", "moutons", "mouto", "moutonne"]
