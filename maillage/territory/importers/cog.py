"""INSEE's Code officiel géographique 2026: regions, departments, EPCI and communes."""

from maillage.core.text import fold
from maillage.territory.importers.base import Layout, check_code, parse_int
from maillage.territory.importers.sources import Source
from maillage.territory.importers.upsert import upsert
from maillage.territory.models import EPCI, Commune, Department, Region

COG_URL = "https://www.npmjs.com/package/@etalab/decoupage-administratif (INSEE COG 2026, DGCL EPCI 2026)"
DEP_CODE = r"(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-8]|98[4-9])"


class Regions(Layout):
    name = "regions"
    label = "régions (COG 2026)"
    source = Source("cog2026_regions.csv", COG_URL)
    columns = ("insee_reg", "lib_reg")

    def load(self, table, errors, progress):
        rows = {}
        for line, row in table.rows:
            code, name = row["insee_reg"], row["lib_reg"]
            if check_code(code, r"\d{2,3}", line, "insee_reg", errors) and not name:
                errors.add(line, "lib_reg : nom manquant.")
            rows[code] = {"code": code, "name": name, "cog_vintage": 2026}
        errors.check()
        counts, _ = upsert(Region, rows, key=lambda o: o.code, progress=progress)
        return counts


class Departments(Layout):
    name = "departments"
    label = "départements (COG 2026)"
    source = Source("cog2026_departements.csv", COG_URL)
    columns = ("insee_dep", "lib_dep", "insee_reg")

    def load(self, table, errors, progress):
        regions = dict(Region.objects.values_list("code", "pk"))
        rows = {}
        for line, row in table.rows:
            code = row["insee_dep"]
            check_code(code, DEP_CODE, line, "insee_dep", errors)
            region_id = regions.get(row["insee_reg"])
            if region_id is None:
                errors.add(
                    line,
                    f"insee_reg : région inconnue « {row['insee_reg']} » (importez d'abord les régions).",
                )
            rows[code] = {"code": code, "name": row["lib_dep"], "region_id": region_id, "cog_vintage": 2026}
        errors.check()
        counts, _ = upsert(Department, rows, key=lambda o: o.code, progress=progress)
        return counts


class EPCIs(Layout):
    name = "epci"
    label = "EPCI à fiscalité propre (DGCL 2026)"
    source = Source("cog2026_epci.csv", COG_URL)
    columns = ("siren_epci", "lib_epci", "nature", "population_totale")

    def load(self, table, errors, progress):
        kinds = set(EPCI.Kind.values)
        rows = {}
        for line, row in table.rows:
            siren = row["siren_epci"]
            check_code(siren, r"\d{9}", line, "siren_epci", errors)
            if row["nature"] not in kinds:
                errors.add(
                    line, f"nature : « {row['nature']} » inconnue (attendu : {', '.join(sorted(kinds))})."
                )
            rows[siren] = {
                "siren": siren,
                "name": row["lib_epci"],
                "search_name": fold(row["lib_epci"]),
                "kind": row["nature"],
                "population": parse_int(row["population_totale"], line, "population_totale", errors),
                "cog_vintage": 2026,
            }
        errors.check()
        counts, _ = upsert(EPCI, rows, key=lambda o: o.siren, progress=progress)
        return counts


class Communes(Layout):
    name = "communes"
    label = "communes (COG 2026)"
    source = Source("cog2026_communes.csv", COG_URL)
    columns = ("insee_com", "lib_com", "type", "insee_dep", "siren_epci", "commune_parente", "population")

    def load(self, table, errors, progress):
        departments = dict(Department.objects.values_list("code", "pk"))
        epcis = dict(EPCI.objects.values_list("siren", "pk"))
        kinds = set(Commune.Kind.values)
        rows, parents = {}, {}
        for line, row in table.rows:
            code, kind = row["insee_com"], row["type"]
            check_code(code, r"(\d[\dAB]\d{3})", line, "insee_com", errors)
            if kind not in kinds:
                errors.add(line, f"type : « {kind} » inconnu.")
            department_id = departments.get(row["insee_dep"])
            if department_id is None:
                errors.add(line, f"insee_dep : département inconnu « {row['insee_dep']} ».")
            epci_id = None
            if row["siren_epci"]:
                epci_id = epcis.get(row["siren_epci"])
                if epci_id is None:
                    errors.add(line, f"siren_epci : EPCI inconnu « {row['siren_epci']} ».")
            if (code, kind) in rows:
                errors.add(line, f"commune {code} ({kind}) en double.")
            rows[(code, kind)] = {
                "insee_code": code,
                "kind": kind,
                "name": row["lib_com"],
                "search_name": fold(row["lib_com"]),
                "department_id": department_id,
                "epci_id": epci_id,
                "population": parse_int(row["population"], line, "population", errors),
                "postal_codes": row.get("codes_postaux", "")[:200],
                "cog_vintage": 2026,
            }
            if row["commune_parente"]:
                parents[(code, kind)] = (line, row["commune_parente"])
        errors.check()
        counts, pks = upsert(Commune, rows, key=lambda o: (o.insee_code, o.kind), progress=progress)
        # Second pass: the parent is a current commune of the same file.
        for key, (line, parent_code) in parents.items():
            parent_id = pks.get((parent_code, Commune.Kind.CURRENT))
            if parent_id is None:
                errors.add(line, f"commune_parente : commune inconnue « {parent_code} ».")
            rows[key]["parent_id"] = parent_id
        for values in rows.values():
            values.setdefault("parent_id", None)
        errors.check()
        parent_counts, _ = upsert(
            Commune,
            {k: {"parent_id": v["parent_id"]} for k, v in rows.items()},
            key=lambda o: (o.insee_code, o.kind),
            queryset=Commune.objects.only("pk", "insee_code", "kind", "parent_id"),
        )
        counts.merge(parent_counts)
        return counts
