"""Garbled lines (15 % or more unknown words): capitals inside a sentence and known words in context.

Each sentence has enough misspelt words ("agnts", "commne") to look like a poor scan read by Tesseract.
"""

import pytest

from textkit import capital_runs, passes, rules


def fixed(repairer, text):
    return repairer.repair(text).text


def unknown_ratio(repairer, text):
    repairer._line_prior(repairer._chunks(text, 0))
    return repairer._unknown_ratio


GARBLED_CAPITAL = (
    "Les agnts de la commne doivent remplr le formulaire pour Carrière longue avant la fin du mois."
)
GARBLED_LE = "Les agnts de la commne travaillent pour développer Le rayonnement internatonal de la vlle."
GARBLED_UN = "Les agnts de la commne doivent répondre dans Un délai de trois mois à la dmande du mire."
GARBLED_LOST_PERIOD = "La dmande est rejetée par la justice Le recours est porté devant la cur administratve."


@pytest.mark.parametrize("text", [GARBLED_CAPITAL, GARBLED_LE, GARBLED_UN, GARBLED_LOST_PERIOD])
def test_the_examples_are_garbled_lines(repairer, text):
    assert 0.15 <= unknown_ratio(repairer, text) < rules.FAR_GARBLED_RATIO


def test_a_capital_the_corpus_never_uses_inside_a_sentence_is_lowered(repairer):
    # "carrière" is capitalised in almost none of its uses inside a sentence, and seldom starts one
    assert "pour carrière longue" in fixed(repairer, GARBLED_CAPITAL)


def test_a_sentence_starter_is_lowered_after_a_word_that_seldom_ends_a_sentence(repairer):
    # "Le", "Un" often start a sentence, but "développer" and "dans" are almost never followed by a period
    assert "pour développer le rayonnement" in fixed(repairer, GARBLED_LE)
    assert "dans un délai" in fixed(repairer, GARBLED_UN)


def test_a_sentence_starter_keeps_its_capital_where_a_period_may_have_been_lost(repairer):
    # "justice." ends sentences: "justice Le recours" is most likely "justice. Le recours"
    assert "justice Le recours" in fixed(repairer, GARBLED_LOST_PERIOD)


def test_capitals_after_a_comma_or_a_capitalised_word_are_kept(repairer):
    text = "Les agnts de la commne doivent remplr le formulaire, Carrière longue avant la fin du mois."
    assert "formulaire, Carrière longue" in fixed(repairer, text)
    text = "Les agnts de la commne doivent remplr le formulaire Cerfa Carrière longue avant la fin du mois."
    assert "Cerfa Carrière longue" in fixed(repairer, text)


def test_a_corrected_capitalised_word_comes_out_in_lower_case(repairer):
    # the capital of "Mspontions" is a misreading too: the word was wrong, its correction is lower case
    text = (
        "Le décret du 11 janver 1984 portant Mspontions statutaires relatves à la foncton publque de l'Etat."
    )
    assert "portant dispositions statutaires" in fixed(repairer, text)


def test_a_word_that_is_usually_capitalised_keeps_its_capital(repairer):
    text = "Le décret du 11 janver 1984 portant avis du Consell d'Etat relatves à la foncton publque."
    assert "du Conseil d'Etat" in fixed(repairer, text)


def test_a_learned_word_confusion_is_decided_in_a_garbled_line(repairer):
    # "où" stands for "ou" about eight times in ten in garbled lines
    text = "Le recours est porté devant un tribunal où devant une cour administratve par l'avcat du demndeur."
    assert 0.15 <= unknown_ratio(repairer, text) < rules.FAR_GARBLED_RATIO
    assert "un tribunal ou devant une cour" in fixed(repairer, text)


def test_a_frequent_word_misread_as_a_rarer_one(repairer):
    text = "Les officiers ou agents de polie judiciaire ainsi que les agnts de la commne sont chargés du contrôl."
    assert "agents de police judiciaire" in fixed(repairer, text)


def test_a_hyphenated_word_of_a_noisy_line_is_joined_then_corrected_like_any_unknown_word(repairer):
    # "federétions" is too far from "fédérations" for the cheap search of a clean-looking line
    text = "L'agence informe l'Union socale pour l'habitat et les fe- derétions d'organismes d'habitations."
    assert "et les fédérations d'organismes" in fixed(repairer, text)


# an OCR line of a dev pair, of the heavy band
ORNFASSIONNETIE = (
    "L'accks à une formation en vus d'acquérir l'apritule ornfassionnétie eat sournis à ls dédie vrance "
    "d'une autorisation préalulte, fondée sur ie fetpect dés Conditions fines aux 1‘. 2° et 1° de l'articie "
    "£. 612.20."
)


def test_the_second_pass_keeps_the_noise_level_the_first_measured(repairer, monkeypatch):
    # the first pass repairs most words around "ornfassionnétie": the line then looks clean, but the OCR
    # that read it was poor, and an unknown word of it is still most likely an error
    assert "l'aptitude professionnelle" in fixed(repairer, ORNFASSIONNETIE)
    monkeypatch.setattr(passes, "SECOND_PASS_KEEPS_NOISE", False)
    assert "l'aptitude ornfassionnétie" in fixed(repairer, ORNFASSIONNETIE)


@pytest.mark.parametrize(
    "text",
    [
        ORNFASSIONNETIE,
        GARBLED_CAPITAL,
        "Le con iniriative-vrophoi à prit ohix cle Cac iiiter Finserthon professionnelle des perumurs sans "
        "vroptoi rracan- tant iles difficultés sociales er prutusionmettes d'acvés à l'emploi.",
    ],
)
def test_the_second_pass_reads_again_only_the_words_near_a_change(repairer, monkeypatch, text):
    read, replaced = [], []
    first_pass = repairer._repair_chunk

    def spy(chunks, index, *args):
        spans = repairer._changed_spans
        if spans is not None:
            read.append(index)
            start = chunks[index].start + len(chunks[index].lead)
            end = start + len(chunks[index].core)
            replaced.extend(index for a, b, _ in spans if a <= start and end <= b)
        return first_pass(chunks, index, *args)

    monkeypatch.setattr(repairer, "_repair_chunk", spy)
    result = repairer.repair(text)
    assert 0 < len(read) < len(text.split())
    # nor the words the first pass replaced whole: the second pass never changes them
    assert not replaced
    # the other words have the same context as in the first pass: reading them again changes nothing
    monkeypatch.setattr(passes, "SECOND_PASS_REACH", None)
    read.clear()
    everything = repairer.repair(text)
    assert len(read) >= len(text.split()) - 1
    assert (everything.text, everything.edits) == (result.text, result.edits)


@pytest.mark.parametrize(
    "noisy, expected",
    [
        (
            "Vous devez remplr le frmulaire de demnde et le transmettre à la COMMLSSION départementale avnt "
            "le 1er mars.",
            "à la commission départementale",
        ),
        ("Le tribnal pent ordonner la PROTFCTION du mineur lorsqe sa santé est menacée.", "la protection du"),
    ],
)
def test_a_misread_word_in_capitals_between_lower_case_words_comes_out_in_lower_case(
    repairer, monkeypatch, noisy, expected
):
    # a poor scan takes c, o, s, u, v... for capitals: the word is in lower case in the text
    assert expected in fixed(repairer, noisy)
    monkeypatch.setattr(capital_runs, "CAPITAL_LONE_ANY_LETTERS", 99)
    assert expected not in fixed(repairer, noisy)
    assert expected.upper() in fixed(repairer, noisy).upper()


def test_a_short_word_in_capitals_may_be_an_acronym_and_is_kept(repairer, monkeypatch):
    text = "Les cndidats passent les épreuves sous frme de QCMS notés sur vingt par le jry."
    assert "sous forme de QCMS notés" in fixed(repairer, text)
    monkeypatch.setattr(capital_runs, "CAPITAL_LONE_ANY_LETTERS", 4)
    assert "QCMS" not in fixed(repairer, text)  # "nems"


def test_a_word_in_capitals_among_capitals_is_a_heading_and_corrected_in_capitals(repairer):
    text = "TITRE PREMIER DISPOSITIONS GÉNÉRALFS du cde de la constrction."
    assert "DISPOSITIONS GÉNÉRALES du code" in fixed(repairer, text)
