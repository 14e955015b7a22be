from maillage.territory.importers.command import LayoutImportCommand


class Command(LayoutImportCommand):
    """CSV columns: nom, interet (QIN or QIR), qpv (codes separated by ';'). See docs/imports.md."""

    layout_name = "renewal_projects"
    requires_file = True
