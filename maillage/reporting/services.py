"""The report of a year: live from the data, or frozen once the Assembly adopted it; versions and comparison."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from maillage.programme.models import Centre, Programme
from maillage.reporting.indicators import compute
from maillage.reporting.models import WHOLE, Narrative, ReportVersion, scope_label, scope_slug
from maillage.reporting.sections import build_report


def centre_for(volet: str):
    """The centre named by a URL segment, None for the whole structure (raises Centre.DoesNotExist)."""
    return None if volet == WHOLE else Centre.objects.get(slug=volet)


def organisation_name(centre=None) -> str:
    if centre is not None:
        return centre.name
    from dsfr.models import DsfrConfig

    config = DsfrConfig.objects.first()
    title = (config.site_title if config else "") or ""
    if title and title != "Maillage":
        return title
    first = Centre.objects.first()
    return (
        first.name if first and Centre.objects.count() == 1 else "Centre de ressources politique de la ville"
    )


def narrative_for(year: int, centre=None) -> Narrative:
    return Narrative.objects.for_scope(year, centre).first() or Narrative(year=year, centre=centre)


def versions(year: int, centre=None):
    return (
        ReportVersion.objects.for_scope(year, centre)
        .select_related("resolution__assembly")
        .order_by("number")
    )


def latest_version(year: int, centre=None) -> ReportVersion | None:
    return versions(year, centre).last()


def report_for(year: int, centre=None, *, live: bool = False):
    """The report as the Assembly sees it: the latest frozen version when there is one, else live."""
    version = None if live else latest_version(year, centre)
    if version is not None:
        return build_report(version.figures, version.narrative, organisation_name(centre), version)
    figures = compute(year, centre)
    return build_report(figures, narrative_for(year, centre).as_dict(), organisation_name(centre))


def report_of_version(version: ReportVersion):
    return build_report(version.figures, version.narrative, organisation_name(version.centre), version)


@transaction.atomic
def freeze(year: int, centre=None, *, resolution=None, reason: str = "", user=None) -> ReportVersion:
    """A new frozen version from today's data and texts, with its PDF. Version 1 is the adoption."""
    from maillage.reporting.pdf import render_pdf

    number = (ReportVersion.objects.for_scope(year, centre).aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion.objects.create(
        year=year,
        centre=centre,
        number=number,
        figures=compute(year, centre),
        narrative=narrative_for(year, centre).as_dict(),
        resolution=resolution,
        reason=reason,
        created_by=user,
    )
    pdf = render_pdf(report_of_version(version))
    version.pdf.save(f"bilan-{year}-{scope_slug(centre)}-v{number}.pdf", ContentFile(pdf), save=True)
    return version


def _flatten(value, path: tuple, out: dict) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, (*path, str(key)), out)
    else:
        out[path] = value


def compare(older: ReportVersion, newer: ReportVersion) -> list[dict]:
    """Every figure (and text) that differs between two versions: where, before, after."""
    from maillage.reporting.text import LABELS

    before, after = {}, {}
    _flatten({"figures": older.figures, "narrative": older.narrative}, (), before)
    _flatten({"figures": newer.figures, "narrative": newer.narrative}, (), after)
    narrative_labels = dict(Narrative.SECTIONS)
    rows = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        if path[0] == "narrative":
            label = f"Texte › {narrative_labels.get(path[1], path[1])}"
        else:
            parts = [LABELS.get(p, p) for p in path[1:]]
            label = " › ".join(parts)
        rows.append(
            {"path": ".".join(path), "label": label, "before": before.get(path), "after": after.get(path)}
        )
    return rows


def report_years() -> list[int]:
    years = set(Programme.objects.values_list("year", flat=True))
    years |= set(ReportVersion.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def index_rows() -> list[dict]:
    """One row per year and scope (each centre, and the whole structure when there are several)."""
    centres = list(Centre.objects.filter(is_active=True))
    scopes = ([None] if len(centres) != 1 else []) + centres
    frozen = {}
    for v in ReportVersion.objects.select_related("resolution__assembly").order_by("number"):
        frozen[(v.year, v.centre_id)] = v
    written = set(Narrative.objects.values_list("year", "centre_id"))
    rows = []
    for year in report_years():
        for centre in scopes:
            key = (year, centre.pk if centre else None)
            rows.append(
                {
                    "year": year,
                    "centre": centre,
                    "label": scope_label(centre),
                    "volet": scope_slug(centre),
                    "version": frozen.get(key),
                    "written": key in written,
                }
            )
    return rows
