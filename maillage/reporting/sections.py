"""The report's sections, written from the figures: sentences a person would write, then tables and charts."""

from maillage.reporting import charts
from maillage.reporting import typography as ty
from maillage.reporting.document import (
    Change,
    Column,
    Report,
    Section,
    Table,
    comparison,
    name_years,
    narrative_blocks,
)

N = ty.number


def _narrative(slug: str, title: str, key: str, narrative: dict) -> Section:
    section = Section(slug, title, narrative_key=key)
    section.blocks = narrative_blocks(narrative.get(key, ""))
    section.empty = not section.blocks
    return section


def _key_figures(f: dict, p: dict, year: int) -> Section:
    hd, php = f["half_days"], p.get("half_days", {})
    part, ppart = f["participants"], p.get("participants", {})
    cov, pcov = f["coverage"], p.get("coverage", {})
    section = Section("chiffres-cles", "L’année en chiffres")
    sentence = (
        f"En {year}, {ty.plural(hd['realized'], 'demi-journée')} d’actions de qualification et d’échanges "
        f"{ty.agree(hd['realized'], 'a été réalisée', 'ont été réalisées')}, pour {N(hd['planned'])} "
        f"{ty.agree(hd['planned'], 'prévue', 'prévues')} au programme voté par l’assemblée générale"
    )
    if hd.get("realized_share") is not None:
        sentence += f", soit un taux de réalisation de {ty.percent(hd['realized_share'])}"
    sentence += "."
    if php:
        sentence += (
            f" L’année précédente, {ty.plural(php.get('realized'), 'demi-journée')} "
            f"{ty.agree(php.get('realized'), 'avait été réalisée', 'avaient été réalisées')}."
        )
    people = (
        f"Ces actions ont réuni {ty.plural(part['participations'], 'participation')} "
        f"{ty.agree(part['participations'], 'cumulée', 'cumulées')}, "
        f"soit {ty.plural(part['persons'], 'personne')} {ty.agree(part['persons'], 'différente', 'différentes')}"
    )
    if part["persons"]:
        people += f" (en moyenne {N(part['participations'] / part['persons'], 1)} séances par personne)"
    if ppart:
        people += f", contre {N(ppart.get('participations'))} participations en {year - 1}"
    section.text(sentence, people + ".")
    done = f["actions"]["by_status"]
    prev_done = p.get("actions", {}).get("by_status", {})
    rows = [
        ("Demi-journées réalisées", hd["realized"], php.get("realized")),
        ("Demi-journées prévues au programme voté", hd["planned"], php.get("planned")),
        ("Actions réalisées", done.get("réalisée", 0), prev_done.get("réalisée")),
        ("Participations cumulées", part["participations"], ppart.get("participations")),
        ("Personnes distinctes touchées", part["persons"], ppart.get("persons")),
        ("Quartiers prioritaires touchés", cov.get("qpv_reached"), pcov.get("qpv_reached")),
        ("Contrats de ville touchés", cov.get("city_contracts_reached"), pcov.get("city_contracts_reached")),
        ("Communes touchées", cov.get("communes_reached"), pcov.get("communes_reached")),
    ]
    columns = [
        Column("indicateur", "text"),
        Column(str(year)),
        Column(str(year - 1)),
        Column("évolution", "change"),
    ]
    section.table(
        Table("chiffres-cles", "Chiffres clés", columns, [[lab, c, pv, Change(c, pv)] for lab, c, pv in rows])
    )
    return section


def _half_days(f: dict, p: dict, year: int) -> Section:
    hd, php = f["half_days"], p.get("half_days", {})
    section = Section("demi-journees", "Les actions de qualification et d’échanges")
    fmt = hd["by_format"]
    remote = fmt.get("distanciel", 0) + fmt.get("hybride", 0)
    if hd["realized"]:
        section.text(
            f"Les demi-journées réalisées se répartissent entre les types d’actions de la nomenclature nationale "
            f"de l’ANCT. {ty.plural(remote, 'demi-journée')} sur {N(hd['realized'])} se sont tenues à distance "
            f"ou en format hybride ({ty.percent(round(100 * remote / hd['realized']))})."
        )
    else:
        section.text(
            f"Aucune demi-journée d’action de qualification et d’échanges n’a été réalisée en {year}"
            + (f" ({ty.plural(hd['planned'], 'demi-journée')} au programme)." if hd["planned"] else ".")
        )
    section.chart(charts.half_days_by_type(f))
    planned, prev = hd.get("planned_by_type", {}), php.get("by_type", {})
    rows = [
        [k, planned.get(k, 0), v, prev.get(k, 0), Change(v, prev.get(k, 0))]
        for k, v in hd["by_type"].items()
        if v or planned.get(k) or prev.get(k)
    ]
    columns = [
        Column("type d’action (ANCT)", "text"),
        Column(f"prévues {year}"),
        Column(f"réalisées {year}"),
        Column(f"réalisées {year - 1}"),
        Column("évolution", "change"),
    ]
    total = [
        "Total",
        hd["planned"],
        hd["realized"],
        php.get("realized"),
        Change(hd["realized"], php.get("realized")),
    ]
    section.table(
        Table("demi-journees-par-type", "Demi-journées par type d’action", columns, rows, total=total)
    )
    section.table(
        name_years(
            comparison(
                "demi-journees-par-format",
                "Demi-journées réalisées par format",
                "format",
                fmt,
                php.get("by_format"),
            ),
            year,
        )
    )
    section.table(
        name_years(
            comparison(
                "demi-journees-par-theme",
                "Demi-journées réalisées par thème",
                "thème",
                hd["by_theme"],
                php.get("by_theme"),
                note="Une action qui relève de plusieurs thèmes compte dans chacun : le total dépasse le nombre de demi-journées.",
                total=False,
            ),
            year,
        )
    )
    section.table(
        name_years(
            comparison(
                "demi-journees-par-departement",
                "Demi-journées réalisées par département",
                "département",
                hd["by_department"],
                php.get("by_department"),
                total=False,
            ),
            year,
        )
    )
    return section


def _gaps(f: dict, p: dict, year: int) -> Section:
    section = Section("ecarts", "Le programme et ses écarts")
    status = f["actions"]["by_status"]
    nr = f["not_realized"]
    section.text(
        f"Sur les {ty.plural(f['actions']['total'], 'action')} du programme {year}, {N(status.get('réalisée', 0))} "
        f"ont été réalisées, {N(status.get('reportée', 0))} reportées et {N(status.get('annulée', 0))} annulées."
    )
    if nr["total"]:
        causes = list(nr["by_cause"].items())
        first, n_first = causes[0]
        text = (
            f"Au total, {ty.plural(nr['total'], 'demi-journée')} "
            f"{ty.agree(nr['total'], 'prévue n’a pas été réalisée', 'prévues n’ont pas été réalisées')}. "
            f"{ty.share_words(nr['shares'][first]).capitalize()} d’entre elles ({N(n_first)}) relèvent du motif "
            f"« {first.lower()} »"
        )
        if len(causes) > 1:
            second, n_second = causes[1]
            rest = nr["total"] - n_first
            if n_second * 2 > rest:
                text += (
                    f", et l’essentiel des autres du fait de la cause « {second.lower()} » ({N(n_second)})"
                )
            else:
                text += f", puis du motif « {second.lower()} » ({N(n_second)})"
        section.text(text + ".")
    section.table(
        name_years(
            comparison(
                "actions-par-statut",
                "Actions du programme par statut",
                "statut",
                status,
                p.get("actions", {}).get("by_status"),
            ),
            year,
        )
    )
    section.chart(charts.causes(f))
    rows = [[cause, n, nr["shares"].get(cause)] for cause, n in nr["by_cause"].items()]
    columns = [Column("cause", "text"), Column("demi-journées non réalisées"), Column("part", "pct")]
    section.table(
        Table(
            "causes",
            "Demi-journées non réalisées par cause",
            columns,
            rows,
            total=["Total", nr["total"], 100],
        )
    )
    return section


def _breakdown(slug: str, title: str, label: str, data: dict) -> Table:
    rows = [[k, v["participations"], v["persons"]] for k, v in data.items()]
    columns = [Column(label, "text"), Column("participations"), Column("personnes distinctes")]
    return Table(slug, title, columns, rows)


def _publics(f: dict, p: dict, year: int) -> Section:
    part = f["participants"]
    section = Section("publics", "Les publics touchés")
    per_month = part["per_month"]
    remote = sum(v["distanciel"] for v in per_month.values())
    total = sum(v["présentiel"] + v["distanciel"] for v in per_month.values())
    kinds = list(part["by_organisation_kind"].items())
    if total:
        text = f"{ty.percent(round(100 * remote / total))} des participations se sont faites à distance."
        if kinds:
            top = ", ".join(f"{k} ({N(v['participations'])})" for k, v in kinds[:3])
            text += f" Les participants venaient d’abord des structures suivantes : {top}."
        section.text(
            "On compte une participation par personne et par séance : une personne venue à trois séances compte "
            "trois participations, mais une seule personne distincte.",
            text,
        )
    section.chart(charts.participations_per_month(f))
    rows = [
        [m, v["présentiel"], v["distanciel"], v["présentiel"] + v["distanciel"]] for m, v in per_month.items()
    ]
    columns = [Column("mois", "text"), Column("en présentiel"), Column("à distance"), Column("total")]
    totals = ["Total", total - remote, remote, total]
    section.table(Table("participations-par-mois", "Participations par mois", columns, rows, total=totals))
    section.table(
        _breakdown(
            "publics-par-type",
            "Participants par type d’organisation",
            "type d’organisation",
            part["by_organisation_kind"],
        )
    )
    section.table(
        _breakdown("publics-par-fonction", "Participants par fonction", "fonction", part["by_function"])
    )
    section.table(
        _breakdown(
            "publics-par-departement", "Participants par département", "département", part["by_department"]
        )
    )
    return section


def _territories(f: dict, p: dict, year: int) -> Section:
    cov, ctx, pcov = f["coverage"], f.get("context"), p.get("coverage", {})
    section = Section("territoires", "Les territoires")
    if ctx:
        generation = ctx.get("city_contracts_generation", "")
        if ctx["city_contracts"]:
            contracts = f"{ty.plural(ctx['city_contracts'], 'contrat')} de ville ({generation}) et "
            reached = f"{N(cov['city_contracts_reached'])} des {N(cov.get('city_contracts_total'))} contrats de ville et "
        else:  # the referential does not hold this generation yet: say so rather than "0 contrat"
            contracts, reached = "", ""
        section.text(
            f"La région {ctx['region']} compte {contracts}"
            f"{N(ctx['qpv'])} quartiers prioritaires de la politique de la ville (liste {ctx['qpv_list']})"
            + (
                f", et {ty.plural(ctx['renewal_projects'], 'projet')} de renouvellement urbain (NPNRU)."
                if ctx["renewal_projects"]
                else "."
            ),
            f"Par leurs participants et par leurs territoires, les actions de l’année ont touché "
            f"{N(cov['qpv_reached'])} de ces {N(cov.get('qpv_total'))} quartiers, {reached}"
            f"{ty.plural(cov['communes_reached'], 'commune')}.",
        )
        if not ctx["city_contracts"]:
            section.text(
                f"Les contrats de ville de la génération {generation} de la région ne sont pas encore dans le "
                "référentiel territorial : ils ne sont pas comptés ici."
            )
    rows = [
        ("Quartiers prioritaires touchés", cov["qpv_reached"], pcov.get("qpv_reached"), cov.get("qpv_total")),
        (
            "Contrats de ville touchés",
            cov["city_contracts_reached"],
            pcov.get("city_contracts_reached"),
            cov.get("city_contracts_total"),
        ),
        ("Communes touchées", cov["communes_reached"], pcov.get("communes_reached"), None),
    ]
    columns = [
        Column("couverture", "text"),
        Column(str(year)),
        Column(str(year - 1)),
        Column("évolution", "change"),
        Column("total régional"),
    ]
    section.table(
        Table(
            "couverture",
            "Couverture territoriale",
            columns,
            [[a, b, c, Change(b, c), d] for a, b, c, d in rows],
        )
    )
    if ctx:
        rows = [
            ["Contrats de ville", ctx["city_contracts"]],
            ["Quartiers prioritaires (liste 2015)", ctx["qpv_2015"]],
            ["Quartiers prioritaires (liste 2024)", ctx["qpv_2024"]],
            ["Projets de renouvellement urbain (NPNRU)", ctx["renewal_projects"]],
        ]
        section.table(
            Table(
                "contexte",
                f"Contexte territorial : {ctx['region']}",
                [Column("référentiel", "text"), Column("nombre")],
                rows,
            )
        )
    return section


def _satisfaction(f: dict) -> Section:
    sat = f["satisfaction"]
    section = Section("satisfaction", "La satisfaction des participants", empty=not sat["questions"])
    section.text(
        f"{ty.plural(sat['respondents'], 'participant')} ont répondu au questionnaire de satisfaction proposé à "
        "l’issue des séances. Les notes vont de 1 (pas du tout satisfait) à 5 (très satisfait)."
    )
    rows = []
    for question, q in sat["questions"].items():
        result = f"{N(q['average'], 1)} / 5" if "average" in q else f"{ty.percent(q['yes_share'])} de oui"
        rows.append([question, result, q["answers"]])
    columns = [Column("question", "text"), Column("résultat", "text"), Column("réponses")]
    section.table(Table("satisfaction", "Questionnaire de satisfaction", columns, rows))
    return section


def _resources(f: dict, p: dict, year: int) -> Section:
    res, prev = f.get("resources"), p.get("resources") or {}
    section = Section("ressources", "Les ressources produites", empty=not res)
    if res:
        section.text(
            f"{ty.plural(res['total'], 'ressource')} ont été publiées dans la médiathèque en {year}."
        )
        section.table(
            name_years(
                comparison(
                    "ressources", "Ressources publiées par type", "type", res["by_kind"], prev.get("by_kind")
                ),
                year,
            )
        )
    return section


def build_report(figures: dict, narrative: dict, organisation: str, version=None) -> Report:
    year, previous = figures["year"], figures.get("previous") or {}
    scope = figures.get("centre") or "ensemble de la structure"
    sections = [
        _narrative("introduction", "Introduction", "introduction", narrative),
        _narrative("faits-marquants", "Faits marquants", "highlights", narrative),
        _key_figures(figures, previous, year),
        _half_days(figures, previous, year),
        _gaps(figures, previous, year),
        _publics(figures, previous, year),
        _territories(figures, previous, year),
        _satisfaction(figures),
        _resources(figures, previous, year),
        _narrative("personnel", "Mouvements de personnel", "staffing", narrative),
        _narrative("perspectives", "Perspectives", "outlook", narrative),
    ]
    title = f"Bilan d’activité {year}"
    return Report(year, scope, organisation, title, sections, figures, version)
