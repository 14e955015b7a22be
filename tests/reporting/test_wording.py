"""The bilan's sentences agree in number and never state a count the referential cannot give."""

from maillage.reporting import sections
from maillage.reporting import typography as ty


def test_agreement_follows_french_rules():
    assert [ty.agree(n, "a été réalisée", "ont été réalisées") for n in (0, 1, 2)] == [
        "a été réalisée",
        "a été réalisée",
        "ont été réalisées",
    ]


def _texts(section):
    return " ".join(text for kind, text in section.blocks if kind == "p")


def test_a_generation_missing_from_the_referential_is_said_not_counted_as_zero():
    coverage = {"qpv_reached": 3, "qpv_total": 199, "city_contracts_reached": 0, "communes_reached": 1}
    context = {
        "region": "Hauts-de-France",
        "city_contracts": 0,
        "city_contracts_generation": "2024-2030",
        "qpv": 199,
        "qpv_list": 2024,
        "qpv_2015": 199,
        "qpv_2024": 199,
        "renewal_projects": 0,
    }
    text = _texts(sections._territories({"coverage": coverage, "context": context}, {}, 2026))
    assert "0 contrat" not in text and "0\u00a0contrat" not in text
    assert "génération 2024-2030 de la région ne sont pas encore dans le référentiel" in text
    context["city_contracts"] = 40
    coverage |= {"city_contracts_reached": 12, "city_contracts_total": 40}
    text = _texts(sections._territories({"coverage": coverage, "context": context}, {}, 2026))
    assert "40\u00a0contrats de ville (2024-2030)" in text and "12 des 40 contrats de ville" in text
