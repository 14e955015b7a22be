"""Runs of capitals in a garbled line are lower-case text that a poor scan read as capitals
(textkit/capital_runs.py): they are put in lower case, then repaired as any lower-case word.

The first two lines are OCR lines of dev pairs (75 dpi scans)."""

import pytest

from textkit import capital_runs

# "Le motif de la décision vous est communiqué dans une langue que vous êtes supposé comprendre. Vous
# pouvez former un recours contre ce refus"
SHOUTED = (
    "Le mont da ta décaaion sous es! CONLPAMMMQUE LAS ANA IFR QUE VOLS FES SUPPOSÉ COURS VU DOUVEZ "
    "ÉONTIOr un HAOUTS, conke Le rufus"
)
# "Les arbitres sont protégés : les violences commises à leur encontre sont sévèrement sanctionnées."
SENTENCE_END = (
    "Les arbitres son gentégés : br violences comanises à lent en COURTE NA SÉMÉEIOENS SAC TOODELS,"
)


def _apply(text, edits):
    for edit in sorted(edits, key=lambda edit: -edit.position):
        assert text[edit.position : edit.position + len(edit.before)] == edit.before
        text = text[: edit.position] + edit.after + text[edit.position + len(edit.before) :]
    return text


@pytest.fixture
def switched_off(monkeypatch):
    monkeypatch.setattr(capital_runs, "CAPITAL_RUN_MIN_WORDS", 1000)
    monkeypatch.setattr(capital_runs, "CAPITAL_LONE_MIN_LETTERS", 1000)
    monkeypatch.setattr(capital_runs, "CAPITAL_LONE_ANY_LETTERS", 1000)


def test_a_run_of_capitals_in_a_garbled_line_is_read_in_lower_case(repairer):
    result = repairer.repair(SHOUTED)
    assert "que vols les supposé cours vu pouvez" in result.text  # "DOUVEZ" is now within reach
    assert "hauts, contre" in result.text  # a word in capitals alone, of six letters or more
    assert "CONLPAMMMQUE" not in result.text and "Conlpammmque" in result.text  # after "!": a sentence start
    assert "en courte na séméeioens sac toodels," in repairer.repair(SENTENCE_END).text
    # every edit is placed in the input, the lower-casing merged with the correction of the same word
    assert _apply(SHOUTED, result.edits) == result.text
    assert {(edit.before, edit.after) for edit in result.edits} >= {("DOUVEZ", "pouvez"), ("QUE", "que")}


def test_without_the_rule_the_capitals_stay(repairer, switched_off):
    text = repairer.repair(SHOUTED).text
    assert "QUE VOLS FES SUPPOSÉ COURS VU" in text


def test_capitals_stay_in_a_line_that_is_not_garbled_and_in_a_heading(repairer):
    clean = "Le CENTRE COMMUNAL D'ACTION SOCIALE (CCAS) de la ville accueille le public."
    assert repairer.repair(clean).text == clean
    # a noisy line, not garbled by its words in lower case (one unknown in twelve; the words in
    # capitals without their accents are unknown too): a list of field names is the author's
    noisy = (
        "Le fichier donne pour chaque ligne les champs DEPARTEMENT COMMUNE REGION et la populatlon totale."
    )
    assert "DEPARTEMENT COMMUNE REGION et la population" in repairer.repair(noisy).text
    # a noisy line, but mostly in capitals: a heading, corrected in capitals
    heading = "TITRE PREMIER DISPOSITIONS GÉNÉRALFS ET COMMUNES AUX CONTRATS dc ville"
    assert (
        repairer.repair(heading).text
        == "TITRE PREMIER DISPOSITIONS GÉNÉRALES ET COMMUNES AUX CONTRATS de ville"
    )


@pytest.mark.parametrize(
    "acronyms",
    [
        "auprès du CRPV ANCT",  # the domain vocabulary
        "devant la CNDA",  # the lexicon
        "devant la CNDB",  # alone, unknown, five letters or less
        "du service (SNATED)",  # in parentheses
        "de la CVAE",  # its lower-case form is not a word
        "et LPAC LPAC",  # repeated in the line
        "des quartiers QN05901M QP059001",  # codes
    ],
)
def test_acronyms_in_a_garbled_line_stay(repairer, acronyms):
    noisy = f"Vous pouvez forrner un recorus {acronyms} dans un déla d'un rnois."
    assert acronyms in repairer.repair(noisy).text
    assert repairer._lower_capital_runs(noisy) == (noisy, [])


def test_a_sentence_start_keeps_its_capital(repairer):
    text = repairer.repair(
        "La dernande est adresée au rnaire. VOUS POUVEZ ensuite saisir la comrnission."
    ).text
    assert text == "La demande est adressée au maire. Vous pouvez ensuite saisir la commission."


def test_lower_casing_keeps_the_length(repairer):
    lowered, changes = repairer._lower_capital_runs(SHOUTED)
    assert len(lowered) == len(SHOUTED)
    assert lowered.split()[7:11] == ["Conlpammmque", "las", "ana", "ifr"]
    assert all(SHOUTED[position : position + len(before)] == before for position, before, *_ in changes)
