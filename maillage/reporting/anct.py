"""The quantitative return the ANCT collects from every centre: one row per figure (layout: docs/export-anct.md)."""

from maillage.programme.models import Action, Session

HEADER = ["annee", "volet", "rubrique", "code", "type_action", "format", "libelle", "valeur"]
FORMATS = [(code, label) for code, label in Session.Format.choices]


def anct_rows(figures: dict) -> tuple[list[str], list[list]]:
    year, volet = figures["year"], figures.get("centre") or "ensemble de la structure"
    hd = figures["half_days"]
    rows = []

    def add(section, code, label, value, anct_type="", fmt=""):
        rows.append([year, volet, section, code, anct_type, fmt, label, value if value is not None else 0])

    grid = {}
    for key, value in hd["by_type_and_format"].items():
        type_label, _, format_label = key.partition(" / ")
        grid[(type_label, format_label)] = value
    for type_code, type_label in Action.AnctType.choices:
        for format_code, format_label in FORMATS:
            add(
                "demi_journees",
                "demi_journees_realisees",
                f"Demi-journées réalisées — {type_label} — {format_label}",
                grid.get((type_label, format_label), 0),
                type_code,
                format_code,
            )
        add(
            "demi_journees",
            "demi_journees_realisees",
            f"Demi-journées réalisées — {type_label}",
            hd["by_type"].get(type_label, 0),
            type_code,
        )
        add(
            "demi_journees",
            "demi_journees_prevues",
            f"Demi-journées prévues au programme voté — {type_label}",
            hd.get("planned_by_type", {}).get(type_label, 0),
            type_code,
        )
    for format_code, format_label in FORMATS:
        add(
            "demi_journees",
            "demi_journees_realisees",
            f"Demi-journées réalisées — {format_label}",
            hd["by_format"].get(format_label, 0),
            fmt=format_code,
        )
    add("demi_journees", "demi_journees_realisees", "Demi-journées réalisées — total", hd["realized"])
    add(
        "demi_journees",
        "demi_journees_prevues",
        "Demi-journées prévues au programme voté — total",
        hd["planned"],
    )
    add(
        "demi_journees",
        "demi_journees_realisees_n_1",
        "Demi-journées réalisées l’année précédente",
        figures.get("previous", {}).get("half_days", {}).get("realized"),
    )
    for theme, value in hd["by_theme"].items():
        add("thematiques", "demi_journees_par_theme", theme, value)
    statuses = figures["actions"]["by_status"]
    for code, label in (
        ("actions_realisees", "réalisée"),
        ("actions_reportees", "reportée"),
        ("actions_annulees", "annulée"),
    ):
        add("actions", code, f"Actions {label}s", statuses.get(label, 0))
    part = figures["participants"]
    add("participants", "participations_cumulees", "Participations cumulées", part["participations"])
    add("participants", "personnes_distinctes", "Personnes distinctes touchées", part["persons"])
    coverage = figures["coverage"]
    add("territoires", "qpv_touches", "Quartiers prioritaires touchés", coverage.get("qpv_reached"))
    add(
        "territoires",
        "contrats_de_ville_touches",
        "Contrats de ville touchés",
        coverage.get("city_contracts_reached"),
    )
    resources = figures.get("resources")
    if resources:
        for kind, value in resources["by_kind"].items():
            add("publications", "ressources_publiees", kind, value)
        add("publications", "ressources_publiees", "Ressources publiées — total", resources["total"])
    return HEADER, rows
