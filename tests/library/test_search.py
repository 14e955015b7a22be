"""The French search suite: the same tests run on SQLite FTS5 and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.db import connection

from maillage.library.models import Resource
from maillage.library.search.base import SearchQuery, get_backend
from maillage.library.search.text import parse_query
from maillage.programme.models import Theme
from maillage.territory.models import Department


def ids(results):
    return [hit.resource_id for hit in results.hits]


def search(text, **options):
    return get_backend().search(SearchQuery(text=text, **options))


@pytest.fixture
def corpus(resource_factory, theme):
    nord = Department.objects.get(code="59")
    return {
        "renewal": resource_factory(
            "La rénovation urbaine à Roubaix",
            "Le nouveau programme national de renouvellement urbain transforme l'habitat des quartiers prioritaires.",
            themes=[theme],
            departments=[nord],
            date=datetime.date(2020, 3, 1),
        ),
        "region": resource_factory(
            "Rencontre régionale des chefs de projet",
            "Les équipes des Hauts-de-France ont échangé sur l'évaluation des contrats de ville.",
            date=datetime.date(2022, 6, 1),
            kind=Resource.Kind.REPORT,
        ),
        "schools": resource_factory(
            "Réussite éducative",
            "Les écoles du quartier et les associations d'éducation populaire travaillent ensemble.",
            description="Une fiche sur l'éducation.",
            kind=Resource.Kind.EXPERIENCE,
        ),
        "draft": resource_factory(
            "Brouillon sur l'emploi des jeunes", "Un texte sur l'emploi.", published=False
        ),
        "body_only": resource_factory(
            "Compte rendu de séance",
            "Il a été question de rénovation des façades et de la voirie.",
            kind=Resource.Kind.REPORT,
        ),
    }


def test_accents_and_case_are_ignored(corpus):
    assert corpus["renewal"].pk in ids(search("RENOVATION URBAINE"))
    assert corpus["schools"].pk in ids(search("reussite educative"))


def test_elisions(corpus):
    assert corpus["renewal"].pk in ids(search("l'habitat"))
    assert corpus["schools"].pk in ids(search("d’éducation"))


def test_plurals_and_inflections(corpus):
    assert corpus["renewal"].pk in ids(search("quartier prioritaire"))
    assert corpus["region"].pk in ids(search("échanger évaluations"))


def test_hyphenated_names(corpus):
    assert ids(search("Hauts-de-France")) == [corpus["region"].pk]
    assert ids(search("hauts de france")) == [corpus["region"].pk]


def test_phrase_and_prefix(corpus):
    assert ids(search('"contrats de ville"')) == [corpus["region"].pk]
    assert ids(search('"ville contrats"')) == []
    assert corpus["renewal"].pk in ids(search("renouvel*"))
    assert corpus["schools"].pk in ids(search("associat*"))


def test_exclusion(corpus):
    found = ids(search("rénovation -façades"))
    assert corpus["renewal"].pk in found and corpus["body_only"].pk not in found


def test_one_wrong_letter_and_ocr_garbled_word(corpus):
    assert corpus["renewal"].pk in ids(search("rénovatiom"))
    assert corpus["renewal"].pk in ids(search("Roubalx"))
    results = search("renouvellernent")  # rn read for m
    assert corpus["renewal"].pk in ids(results)
    assert results.corrections


def test_ranking_favours_title_and_subject(corpus):
    found = ids(search("rénovation"))
    assert found[0] == corpus["renewal"].pk
    assert corpus["body_only"].pk in found
    assert ids(search("renouvellement urbain cadre"))[0] == corpus["renewal"].pk  # theme name


def test_snippets_highlight_matches_and_are_safe(corpus, resource_factory):
    hit = search("renouvellement").hits[0]
    assert "<mark>renouvellement</mark>" in hit.snippet.lower()
    resource_factory("Balises", "<script>alert(1)</script> texte sur le jardinage partagé")
    snippet = search("jardinage").hits[0].snippet
    assert "<script>" not in snippet and "<mark>jardinage</mark>" in snippet


def test_facets_with_counts(corpus, theme):
    results = search("")
    assert dict(results.facets["kind"]) == {"publication": 1, "compte_rendu": 2, "experience": 1}
    assert dict(results.facets["theme"]) == {theme.pk: 1}
    assert dict(results.facets["department"]) == {Department.objects.get(code="59").pk: 1}
    assert dict(results.facets["year"])[2022] == 1
    filtered = search("", kind=Resource.Kind.REPORT)
    assert filtered.total == 2
    assert search("", theme=theme.pk).total == 1
    assert search("", year=2020).total == 1


def test_pagination(resource_factory):
    for n in range(5):
        resource_factory(f"Note de veille numéro {n}", "veille documentaire")
    first = search("veille", per_page=2)
    second = search("veille", per_page=2, page=2)
    third = search("veille", per_page=2, page=3)
    assert first.total == 5 and first.pages == 3
    assert len(first.hits) == 2 and len(second.hits) == 2 and len(third.hits) == 1
    assert not set(ids(first)) & set(ids(second))


def test_public_sees_only_published_staff_sees_all(corpus):
    assert corpus["draft"].pk not in ids(search("emploi"))
    assert corpus["draft"].pk in ids(search("emploi", published_only=False))


def test_unpublish_and_edit_update_the_index(corpus):
    from maillage.library.services import indexing

    resource = corpus["schools"]
    resource.unpublish()
    indexing.reindex([resource])
    assert resource.pk not in ids(search("éducative"))
    resource.title = "Parentalité et école"
    resource.publish()
    indexing.reindex([resource])
    assert resource.pk in ids(search("parentalité"))


def test_stopwords_only_and_syntax_noise_do_not_crash(corpus):
    assert search("le la les").total >= 0
    assert search('"" * - ( ) OR AND NOT " l\' ').total >= 0


def test_parse_query():
    parsed = parse_query('l\'habitat "contrat de ville" rénov* -emploi Hauts-de-France')
    assert [t.word for t in parsed.terms] == ["habitat", "rénov"]
    assert parsed.phrases == [["contrat", "de", "ville"], ["Hauts", "de", "France"]]
    assert parsed.excluded == ["emploi"]


def test_theme_renamed_is_searchable(corpus, theme):
    Theme.objects.filter(pk=theme.pk).update(name="Cadre de vie")
    from maillage.library.services import indexing

    indexing.reindex([corpus["renewal"]])
    assert corpus["renewal"].pk in ids(search("cadre de vie"))


def test_large_result_sets_rank_title_matches_first_and_page_through_all(resource_factory, monkeypatch):
    """Beyond RANK_ALL hits, title/subject matches come first; every hit is still reachable once."""
    from maillage.library.search import base

    monkeypatch.setattr(base, "RANK_ALL", 2)
    body_only = [resource_factory(f"Note {n}", "un dossier sur la médiation sociale") for n in range(4)]
    titled = [resource_factory(f"Médiation sociale {n}", "texte") for n in range(3)]
    pages = [search("médiations", per_page=2, page=page) for page in (1, 2, 3, 4)]
    assert all(page.total == 7 for page in pages)
    found = [pk for page in pages for pk in ids(page)]
    assert len(found) == 7 and set(found) == {r.pk for r in body_only + titled}
    assert set(found[:3]) == {r.pk for r in titled}
    assert "<mark>" in pages[2].hits[0].snippet
    both = search("médiation dossier", per_page=10)
    assert set(ids(both)) == {r.pk for r in body_only}
    assert set(ids(search("médiation -dossier", per_page=10))) == {r.pk for r in titled}
    phrase = search('"médiation sociale"', per_page=10)
    assert phrase.total == 7 and set(ids(phrase)[:3]) == {r.pk for r in titled}
    assert set(ids(search("médiat*", per_page=10))) == {r.pk for r in body_only + titled}


def test_facets_count_every_theme_and_territory_of_multi_valued_resources(resource_factory, theme):
    other = Theme.objects.get_or_create(name="Emploi et insertion")[0]
    nord, pas_de_calais = Department.objects.get(code="59"), Department.objects.get(code="62")
    resource_factory("Atelier emploi", "emploi", themes=[theme, other], departments=[nord, pas_de_calais])
    resource_factory("Forum emploi", "emploi", themes=[other], departments=[nord])
    results = search("emploi")
    assert dict(results.facets["theme"]) == {theme.pk: 1, other.pk: 2}
    assert dict(results.facets["department"]) == {nord.pk: 2, pas_de_calais.pk: 1}
    assert search("emploi", theme=theme.pk).total == 1
    assert search("emploi", department=pas_de_calais.pk).total == 1


def test_totals_and_facets_follow_every_write(corpus, theme):
    """The in-memory facet index is rebuilt when the search documents change, whoever writes them."""
    from maillage.library.models import SearchDocument, SearchState
    from maillage.library.services import indexing

    before = search("rénovation")
    assert before.total == 2 and dict(before.facets["theme"]) == {theme.pk: 1}
    token = SearchState.objects.get(pk=1).token
    corpus["renewal"].unpublish()
    indexing.reindex([corpus["renewal"]])
    assert SearchState.objects.get(pk=1).token != token
    after = search("rénovation")
    assert after.total == 1 and after.facets["theme"] == []
    assert search("rénovation", published_only=False).total == 2
    SearchDocument.objects.filter(pk=corpus["body_only"].pk).update(kind=Resource.Kind.EXPERIENCE)
    assert dict(search("rénovation").facets["kind"]) == {Resource.Kind.EXPERIENCE: 1}
    indexing.unindex([corpus["body_only"].pk])
    assert search("rénovation").total == 0


def test_phrases_of_frequent_and_stop_words_stay_exact(resource_factory):
    """PostgreSQL pre-filters phrases on indexed word pairs (migration 0007): the answer must not change."""
    texts = {
        "exact": "Il renvoie au même article du code, et l'entreprise a mis fin au contrat.",
        "shuffled": "Article même au code ; mis a l'entreprise fin.",
        "apart": "Au même endroit, un autre article ; une entreprise qui a toujours mis du soin.",
        "gap": "Un acte, une procédure collective.",  # PostgreSQL: "une" is a stop word
        "no_gap": "Une procédure acte, une autre procédure.",
    }
    found = {key: resource_factory(f"Note {key}", text) for key, text in texts.items()}
    assert ids(search('"au même article"')) == [found["exact"].pk]
    assert ids(search('"entreprise a mis"')) == [found["exact"].pk]
    assert ids(search('"acte une procédure"')) == [found["gap"].pk]
    assert ids(search('"code au même"')) == []
    assert set(ids(search("article entreprise"))) == {found[k].pk for k in ("exact", "shuffled", "apart")}
    assert ids(search('"même article" code -fin')) == []
    Resource.objects.filter(pk=found["shuffled"].pk).update(description="Voir au même article.")
    from maillage.library.services import indexing

    indexing.reindex([Resource.objects.get(pk=found["shuffled"].pk)])
    assert set(ids(search('"au même article"'))) == {found["exact"].pk, found["shuffled"].pk}


def test_phrases_with_elisions_match_on_both_backends(resource_factory):
    """An elided word (d', l') holds a position in PostgreSQL's vectors: the phrase must count it too."""
    found = resource_factory("Note", "Le délai d'une procédure collective ouvrant à l'entreprise un recours.")
    resource_factory("Autre", "Une procédure pour le délai, une entreprise.")
    assert ids(search('"délai d\'une procédure"')) == [found.pk]
    assert ids(search('"ouvrant à l\'entreprise"')) == [found.pk]
    assert ids(search('"délai d’une procédure collective"')) == [found.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's word pairs")
def test_postgres_phrase_pairs_come_from_the_indexed_positions(resource_factory):
    from maillage.library.search.postgres import phrase_pairs

    resource = resource_factory("Note", "L'entreprise a mis en œuvre le même article.")
    assert phrase_pairs(parse_query('"entreprise a mis en œuvre"')) == (
        ["a mis", "entrepris  mis", "entrepris a", "mis  oeuvr"],  # "en" is a stop word: one position apart
        frozenset(),  # four lexemes: the pairs only pre-filter, the positions are still checked
    )
    # Two lexemes: the pair is the phrase ("au" is a stop word; Hauts-de-France, "de" one position).
    assert phrase_pairs(parse_query('"au même article" Hauts-de-France ville')) == (
        ["haut  franc", "mem articl"],
        frozenset({0, 1}),
    )
    assert phrase_pairs(parse_query("entreprise")) == ([], frozenset())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pairs FROM library_searchdocument WHERE resource_id = %s", [resource.pk])
        pairs = set(cursor.fetchone()[0])
    assert {"entrepris a", "a mis", "entrepris  mis", "mis  oeuvr", "mem articl"} <= pairs
