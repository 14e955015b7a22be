"""The official layouts, in the order they depend on each other."""

from maillage.territory.importers.cog import Communes, Departments, EPCIs, Regions
from maillage.territory.importers.policy import QPV2015, QPV2024, CityContracts2015, RenewalProjects

OFFICIAL_LAYOUTS = [Regions(), Departments(), EPCIs(), Communes(), QPV2015(), QPV2024(), CityContracts2015()]
LAYOUTS = {layout.name: layout for layout in [*OFFICIAL_LAYOUTS, RenewalProjects()]}
