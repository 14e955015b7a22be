"""textkit.repair contracts: clean text unchanged, the CLI line-for-line, the scorer, the confusion learner."""

import subprocess
import sys

import pytest

from textkit.confusion import MIN_COUNT, ConfusionModel, learn
from textkit.evaluation.score import Tally, cer, matched_words, normalise


def test_clean_corpus_paragraphs_come_out_unchanged(repairer, test_paragraphs):
    tally = Tally()
    changed = []
    for paragraph in test_paragraphs:
        out = repairer.repair(paragraph).text
        tally.add(paragraph, paragraph, out)
        if out != paragraph:
            changed.append((paragraph, out))
    # held-out paragraphs (never seen by the language model): at most 2 % touched, harm under 0.1 %
    assert len(changed) <= len(test_paragraphs) // 50, changed[:3]
    assert tally.summary()["harm_rate"] <= 0.001


@pytest.mark.parametrize(
    "text",
    [
        # a learned prefix and a known word: not split into "infra-départementale"
        "La coordination infradépartementale des services de l'État sera renforcée en 2027.",
        "Les échanges intercommunautaires et supracommunaux restent rares dans le département.",
        # a Latin phrase of the administrative language: "commodo" is not "commode"
        "Une enquête de commodo et incommodo a été ouverte par le préfet avant la décision.",
        "Le comité a retenu a priori deux communes, et a fortiori les quartiers prioritaires.",
    ],
)
def test_derived_words_and_latin_phrases_are_left_alone(repairer, text):
    assert repairer.repair(text).text == text


def test_short_locution_parts_and_lost_accents_are_still_repaired(repairer):
    scorer = repairer.scorer
    # "die", "sui", "qua" only occur in "sine die", "sui generis", "sine qua non": read alone, they are
    # misreadings ("die" for "de" 23 times on dev and test pairs)
    assert not any(scorer.is_known(word) for word in ("die", "sui", "qua"))
    assert scorer.is_known("commodo") and scorer.is_known("priori")
    # "autorites" is "autorités" with its accent lost, not a derived word auto- + rites
    assert not scorer.is_derived("autorites")
    assert "autorités" in repairer.repair("Les autorites locales ont été informées de la décision.").text


def run_cli(*args, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "textkit.cli", *args],
        input=stdin,
        capture_output=True,
        check=True,
        timeout=120,
    )


def test_cli_repairs_line_for_line(tmp_path):
    lines = [
        "Ia cornmune de Roubaix",
        "",
        "|'habitat est pubIique",
        "   ",
        "CV043 et QP059001",
        "fin sans saut",
    ]
    result = run_cli("repair", stdin="\n".join(lines).encode("utf-8"))
    out = result.stdout.decode("utf-8").split("\n")
    assert len(out) == len(lines)
    assert out == [
        "La commune de Roubaix",
        "",
        "L'habitat est publique",
        "   ",
        "CV043 et QP059001",
        "fin sans saut",
    ]


def test_cli_keeps_a_final_newline_and_reads_a_vocabulary(tmp_path):
    vocabulary = tmp_path / "vocabulaire.txt"
    vocabulary.write_text("Preux-au-Sart\n", encoding="utf-8")
    text = "le quartier Preux-au-Sart est prioritaire\nIa ville\n"
    plain = run_cli("repair", stdin=text.encode("utf-8")).stdout.decode("utf-8")
    assert plain.count("\n") == 2 and plain.endswith("\n")
    assert "Preux-au-Sart" not in plain
    kept = run_cli("repair", "--vocabulary", str(vocabulary), stdin=text.encode("utf-8")).stdout.decode(
        "utf-8"
    )
    assert kept == "le quartier Preux-au-Sart est prioritaire\nLa ville\n"


def test_cli_reports_edits_on_stderr():
    result = run_cli("repair", "--edits", stdin=b"Ia ville")
    assert result.stdout.decode() == "La ville"
    assert '"before": "Ia"' in result.stderr.decode()


def test_normalisation_for_scoring():
    assert normalise("l’habitat\u00a0 et  la\tville ") == "l'habitat et la ville"
    assert normalise("e\u0301te\u0301") == "été"  # NFC


def test_cer_and_harm_rate():
    assert cer("la ville", "la ville") == 0.0
    assert cer("la ville", "Ia ville") == pytest.approx(1 / 8)
    assert matched_words(["a", "b", "c"], ["a", "x", "c"]) == {0, 2}
    tally = Tally()
    tally.add(clean="la ville est belle", noisy="Ia ville est belle", repaired="la vile est belle")
    summary = tally.summary()
    assert summary["harmed_words"] == 1  # "ville" was right before, wrong after
    assert summary["harm_rate"] == pytest.approx(1 / 3)
    assert summary["cer_before"] == summary["cer_after"]
    assert summary["cer_reduction"] == 0.0


def test_confusion_model_learns_from_pairs():
    pairs = [("la cornmune et Ia ville", "la commune et la ville")] * MIN_COUNT
    table = learn(pairs)
    assert ("m", "rn") in table
    assert ("l", "I") in table
    count, prob = table[("m", "rn")]
    assert count == MIN_COUNT and 0 < prob <= 0.5
    model = ConfusionModel({key: prob for key, (_, prob) in table.items()})
    rewrites = {(start, end, new) for start, end, new, _ in model.rewrites("cornmune")}
    assert (2, 4, "m") in rewrites


def test_a_knowledge_file_built_by_another_version_is_not_used(tmp_path, caplog):
    import pickle

    from textkit import knowledge, repair

    stale = tmp_path / "library.pickle"  # the format of version 5 and before: a bare pickle
    stale.write_bytes(pickle.dumps(knowledge.Knowledge()))
    assert repair("Ia cornmune", knowledge_path=stale).text == "La commune"
    assert "rebuild it" in caplog.text
    assert stale not in knowledge._LOADED  # nothing of it is kept in memory
    fresh = knowledge.save(knowledge.Knowledge(valid={"Ia"}), tmp_path / "fresh.pickle")
    assert knowledge.load(fresh).valid == {"Ia"}


def test_invariable_hunspell_words_are_in_the_lexicon(repairer):
    # fr.dic lists them with morphological fields but no affix flags: "davantage po:mg po:adv"
    assert {"davantage", "nonobstant", "quid"} <= repairer.scorer.k.valid
    assert repairer.repair("Il faut davantage de moyens.").text == "Il faut davantage de moyens."
    # ... but not the words that only occur inside a fixed phrase ("sui generis", "in ovo")
    assert not {"sui", "ovo"} & repairer.scorer.k.valid


def _apply(text, edits):
    for edit in sorted(edits, key=lambda edit: -edit.position):
        assert text[edit.position : edit.position + len(edit.before)] == edit.before
        text = text[: edit.position] + edit.after + text[edit.position + len(edit.before) :]
    return text


# Tesseract's reading of a 75 dpi black-and-white scan (a heavy-level pair of the benchmark's dev split)
GARBLED = (
    "M'assister, Corimné Prastatiins dn éorvices. 88 achonnaires oryamémes d'hAabitathins à kryar naderé "
    "dass toutes sntertenthoas de ces dernëcs sur dos iaéswouteles qui bur appar tntent th Qu'its éebept :"
)


def test_a_second_pass_reads_the_words_left_alone_with_the_corrected_context(repairer):
    first = repairer._line_pieces(GARBLED, 0, [])
    # "dass toutes sntertenthoas": no known neighbour on the left in the first pass
    assert not any(new == "interventions" for _start, _end, new in first)
    result = repairer.repair(GARBLED)
    assert "dans toutes interventions de ces" in result.text  # once "dass" is "dans"
    assert "d'habitations" in result.text
    # every edit, from either pass, is placed in the input: applied to it, they give the output
    assert _apply(GARBLED, result.edits) == result.text
    assert [edit.position for edit in result.edits] == sorted(edit.position for edit in result.edits)
    two_lines = f"{GARBLED}\nLe contrat est signé. chaque salarié est informé."
    assert _apply(two_lines, repairer.repair(two_lines).edits) == repairer.repair(two_lines).text
