"""Symbols read for letters, capitals read for lower case, and words with an apostrophe inside.

Each sentence has a few misspelt words ("agnts", "commne") so that the line looks like poor OCR: the rules
below only run there.
"""

from textkit import symbols


def fixed(repairer, text):
    return repairer.repair(text).text


def test_symbol_readings_are_learned_from_pairs(tmp_path):
    pairs = [("pour &re en mesure", "pour être en mesure"), ("{a commune", "la commune")] * symbols.MIN_COUNT
    table = symbols.learn(pairs)
    assert table[("&", "êt")] == (symbols.MIN_COUNT, 1.0)
    assert table[("{", "l")] == (symbols.MIN_COUNT, 1.0)
    path = tmp_path / "symbols.tsv"
    symbols.save(table, path)
    readings = symbols.load(path)
    assert readings["&"] == [("êt", 0.0)]


def test_a_symbol_read_for_letters_in_a_noisy_line(repairer):
    assert (
        fixed(repairer, "Il fait pour &re en mesure de faire la dmande des agnts de la commne.")
        == "Il fait pour être en mesure de faire la demande des agents de la commune."
    )
    assert (
        fixed(repairer, "Le cas où il vient {a personne de la commue qui prend £a dcision.")
        == "Le cas où il vient la personne de la commune qui prend la décision."
    )
    assert (
        fixed(repairer, "Les aides $ociat aux salariés de la commne sont versées par la cisse.")
        == "Les aides social aux salariés de la commune sont versées par la caisse."
    )


def test_symbols_that_belong_to_the_text_stay(repairer):
    text = "La société R&D et Pierre & Vacances paient 25 € par mois aux agnts de la commne."
    assert fixed(repairer, text) == text.replace("agnts", "agents").replace("commne", "commune")
    # a lone symbol is left alone, even between two lower-case words of a noisy line
    amount = "Un chiffre de 2 millions € de la commne et des agnts."
    assert fixed(repairer, amount) == "Un chiffre de 2 millions € de la commune et des agents."
    # in a clean-looking line a symbol is what the author wrote
    clean = "Il fait pour &re en mesure de faire la demande."
    assert fixed(repairer, clean) == clean


def test_a_frequent_word_in_capitals_inside_a_noisy_sentence(repairer):
    assert (
        fixed(repairer, "Les agnts de la commne pouvez VOUS adresser au sevice des affaires.")
        == "Les agents de la commune pouvez vous adresser au service des affaires."
    )
    # an acronym repeated in the line, a Roman numeral, and emphasis in a clean line stay
    assert (
        fixed(repairer, "Le CET permet aux agnts de la commne de placer sur le CET des jours de congé.")
        == "Le CET permet aux agents de la commune de placer sur le CET des jours de congé."
    )
    assert fixed(repairer, "Le titre II du cde des colectivités.") == "Le titre II du code des collectivités."
    assert fixed(repairer, "Il revient à VOUS de décider.") == "Il revient à VOUS de décider."


def test_capitals_of_round_letters_inside_a_sentence(repairer):
    # Tesseract takes s, o, u for capitals on a poor scan (same shapes)
    assert (
        fixed(repairer, "Les demandes portent Sur le logement des agnts de la commne dans le quartier.")
        == "Les demandes portent sur le logement des agents de la commune dans le quartier."
    )
    # "Elle" after a word is mostly a sentence whose period was lost: it stays
    assert fixed(repairer, "Le maire signe la dmande Elle est transmise.") == (
        "Le maire signe la demande Elle est transmise."
    )


def test_a_learned_word_confusion_next_to_a_garbled_word(repairer):
    # "airs" is not in the corpus: the decision backs off to the frequencies and the learned rates
    assert (
        fixed(repairer, "L'empoyeur dot airs respecter la procédure disciplinaire.")
        == "L'employeur doit ainsi respecter la procédure disciplinaire."
    )


def test_words_with_an_apostrophe_inside_are_known(repairer):
    assert {"aujourd'hui", "quelqu'un", "prud'homme", "presqu'île"} <= repairer.scorer.k.valid
    assert (
        fixed(repairer, "Les habitnts de la presqu'île ont demandé à quelqu'un de venir aujourd'hui.")
        == "Les habitants de la presqu'île ont demandé à quelqu'un de venir aujourd'hui."
    )


def test_the_oe_ligature_typed_as_two_letters_is_known(repairer):
    assert repairer.scorer.is_known("soeurs") and repairer.scorer.is_known("OEUVRE")
    assert not repairer.scorer.is_known("poete")


def test_words_with_an_apostrophe_inside_keep_their_form(repairer):
    # a typographic apostrophe and a sentence capital are the same word
    assert repairer.scorer.is_known("Aujourd’hui") and repairer.scorer.is_known("Quelqu’un")
    clean = "Aujourd’hui, quelqu’un vient."
    assert fixed(repairer, clean) == clean
    # rare, but not a misreading of a frequent word: the real-word rules leave them alone
    assert fixed(repairer, "La procédure prud'homale s'applique aux agnts de la commne.") == (
        "La procédure prud'homale s'applique aux agents de la commune."
    )
