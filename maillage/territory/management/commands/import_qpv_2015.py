from maillage.territory.importers.command import LayoutImportCommand


class Command(LayoutImportCommand):
    layout_name = "qpv_2015"
