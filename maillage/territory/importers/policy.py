"""Urban-policy lists: QPV 2015 and 2024, contrats de ville 2015-2023, NPNRU projects (staff CSV)."""

from maillage.core.text import fold
from maillage.territory.importers.base import Layout, check_code, parse_int, split_list
from maillage.territory.importers.sources import Source
from maillage.territory.importers.upsert import sync_m2m, upsert
from maillage.territory.models import EPCI, QPV, CityContract, Commune, Department, RenewalProject

QPV_2024_URL = "https://www.data.gouv.fr/fr/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/"
QPV_2015_URL = "https://www.insee.fr/fr/statistiques/ (données QPV « DEMO », INSEE / ANCT)"
CV_URL = "https://sig.ville.gouv.fr/ (contrats de ville, ANCT, données ci-ville)"


def commune_codes() -> dict[str, int]:
    """INSEE code → pk of the current commune, or of the municipal arrondissement (Paris, Lyon, Marseille)."""
    codes = {}
    for code, kind, pk in Commune.objects.filter(
        kind__in=[Commune.Kind.CURRENT, Commune.Kind.ARRONDISSEMENT]
    ).values_list("insee_code", "kind", "pk"):
        if kind == Commune.Kind.CURRENT or code not in codes:
            codes[code] = pk
    return codes


class QPVList(Layout):
    list_year: int
    code_pattern: str
    epci_column: str
    population_column: str | None = None

    def load(self, table, errors, progress):
        departments = dict(Department.objects.values_list("code", "pk"))
        communes = commune_codes()
        epcis = dict(EPCI.objects.values_list("siren", "pk"))
        rows, commune_links, epci_links = {}, {}, {}
        for line, row in table.rows:
            code = row["code_qp"]
            check_code(code, self.code_pattern, line, "code_qp", errors)
            if code in rows:
                errors.add(line, f"code_qp : QPV {code} en double.")
            department_id = departments.get(row["insee_dep"])
            if department_id is None:
                errors.add(line, f"insee_dep : département inconnu « {row['insee_dep']} ».")
            links = []
            for commune_code in split_list(row["insee_com"]):
                if commune_code not in communes:
                    errors.add(line, f"insee_com : commune inconnue « {commune_code} ».")
                else:
                    links.append(communes[commune_code])
            if not links:
                errors.add(line, "insee_com : aucune commune.")
            epci_ids = []
            for siren in split_list(row[self.epci_column]):
                if siren not in epcis:
                    errors.add(line, f"{self.epci_column} : EPCI inconnu « {siren} ».")
                else:
                    epci_ids.append(epcis[siren])
            values = {
                "code": code,
                "name": row["lib_qp"],
                "search_name": fold(row["lib_qp"]),
                "list_year": self.list_year,
                "department_id": department_id,
            }
            if self.population_column:
                values["population"] = parse_int(
                    row[self.population_column], line, self.population_column, errors
                )
            rows[code] = values
            commune_links[code], epci_links[code] = set(links), set(epci_ids)
        errors.check()
        counts, pks = upsert(
            QPV,
            rows,
            key=lambda o: o.code,
            queryset=QPV.objects.filter(list_year=self.list_year),
            progress=progress,
        )
        owner_keys = {pk: code for code, pk in pks.items()}
        sync_m2m(
            QPV.communes.through,
            "qpv",
            "commune",
            {pks[c]: v for c, v in commune_links.items()},
            owner_keys,
            counts,
        )
        sync_m2m(
            QPV.epcis.through, "qpv", "epci", {pks[c]: v for c, v in epci_links.items()}, owner_keys, counts
        )
        return counts


class QPV2015(QPVList):
    name = "qpv_2015"
    label = "QPV, liste 2015 (INSEE)"
    source = Source("qpv_2015_liste_insee.csv", QPV_2015_URL)
    columns = ("code_qp", "lib_qp", "insee_dep", "insee_com", "siren_epci_2026", "pop_mun")
    list_year = 2015
    code_pattern = r"QP\d{2}[0-9AB]\d{3}"
    epci_column = "siren_epci_2026"
    population_column = "pop_mun"


class QPV2024(QPVList):
    name = "qpv_2024"
    label = "QPV, liste 2024 (ANCT)"
    source = Source("qpv_2024_liste_anct.csv", QPV_2024_URL)
    columns = ("code_qp", "lib_qp", "insee_dep", "insee_com", "siren_epci")
    list_year = 2024
    code_pattern = r"QN[0-9A-Z]{6}"
    epci_column = "siren_epci"


class CityContracts2015(Layout):
    name = "city_contracts_2015"
    label = "contrats de ville 2015-2023 (ANCT)"
    source = Source("contrats_de_ville_2015_anct.csv", CV_URL)
    columns = ("code_cv", "lib_cv", "insee_dep", "siren_epci_2015", "pop_qpv")

    def load(self, table, errors, progress):
        departments = dict(Department.objects.values_list("code", "pk"))
        epcis = dict(EPCI.objects.values_list("siren", "pk"))
        # After the 2017 mergers many SIRENs changed; an EPCI that kept its name is still the same one.
        epcis_by_name = {fold(name): pk for name, pk in EPCI.objects.values_list("name", "pk")}
        rows, department_links = {}, {}
        for line, row in table.rows:
            code = row["code_cv"]
            check_code(code, r"CV\d{3}", line, "code_cv", errors)
            department_id = departments.get(row["insee_dep"])
            if department_id is None:
                errors.add(line, f"insee_dep : département inconnu « {row['insee_dep']} ».")
            department_links.setdefault(code, set()).add(department_id)
            if code in rows:  # one contract over two departments (CV043) has one row per department
                continue
            siren = row["siren_epci_2015"]
            rows[code] = {
                "code": code,
                "name": row["lib_cv"],
                "search_name": fold(row["lib_cv"]),
                "generation": CityContract.Generation.GEN_2015,
                "source_epci_siren": siren,
                "epci_id": epcis.get(siren) or epcis_by_name.get(fold(row["lib_cv"])),
                "qpv_population": parse_int(row["pop_qpv"], line, "pop_qpv", errors),
            }
        errors.check()
        counts, pks = upsert(
            CityContract,
            rows,
            key=lambda o: o.code,
            queryset=CityContract.objects.filter(generation=CityContract.Generation.GEN_2015),
            progress=progress,
        )
        owner_keys = {pk: code for code, pk in pks.items()}
        wanted = {pks[c]: v for c, v in department_links.items()}
        sync_m2m(CityContract.departments.through, "citycontract", "department", wanted, owner_keys, counts)
        self.derive_links(rows, pks, owner_keys, counts)
        return counts

    @staticmethod
    def derive_links(rows, pks, owner_keys, counts):
        """Link each contract to the 2015 QPVs (and their communes) of its EPCI when it still exists.

        Links are only added, never removed, so that what staff entered by hand is kept.
        """
        qpvs_by_epci, communes_by_qpv = {}, {}
        for qpv_id, epci_id in QPV.epcis.through.objects.filter(qpv__list_year=2015).values_list(
            "qpv_id", "epci_id"
        ):
            qpvs_by_epci.setdefault(epci_id, set()).add(qpv_id)
        for qpv_id, commune_id in QPV.communes.through.objects.filter(qpv__list_year=2015).values_list(
            "qpv_id", "commune_id"
        ):
            communes_by_qpv.setdefault(qpv_id, set()).add(commune_id)
        qpv_links, commune_links = {}, {}
        current_qpvs = {}
        for contract_id, qpv_id in CityContract.qpvs.through.objects.filter(
            citycontract_id__in=pks.values()
        ).values_list("citycontract_id", "qpv_id"):
            current_qpvs.setdefault(contract_id, set()).add(qpv_id)
        current_communes = {}
        for contract_id, commune_id in CityContract.communes.through.objects.filter(
            citycontract_id__in=pks.values()
        ).values_list("citycontract_id", "commune_id"):
            current_communes.setdefault(contract_id, set()).add(commune_id)
        for code, values in rows.items():
            pk = pks[code]
            qpvs = qpvs_by_epci.get(values["epci_id"], set())
            communes = set().union(*(communes_by_qpv.get(q, set()) for q in qpvs)) if qpvs else set()
            qpv_links[pk] = current_qpvs.get(pk, set()) | qpvs
            commune_links[pk] = current_communes.get(pk, set()) | communes
        sync_m2m(CityContract.qpvs.through, "citycontract", "qpv", qpv_links, owner_keys, counts)
        sync_m2m(CityContract.communes.through, "citycontract", "commune", commune_links, owner_keys, counts)


class RenewalProjects(Layout):
    """Staff CSV, documented layout: `nom`, `interet` (QIN or QIR), `qpv` (QPV codes separated by `;`)."""

    name = "renewal_projects"
    label = "projets NPNRU (CSV de l'équipe)"
    source = Source("npnru_projets.csv", "https://www.anru.fr/ (pas de fichier ouvert : saisie par l'équipe)")
    columns = ("nom", "interet", "qpv")
    max_bytes = 5 * 1024 * 1024

    def load(self, table, errors, progress):
        qpvs = dict(QPV.objects.values_list("code", "pk"))
        rows, links = {}, {}
        for line, row in table.rows:
            name, kind = row["nom"], row["interet"].upper()
            if not name:
                errors.add(line, "nom : nom du projet manquant.")
            if name in rows:
                errors.add(line, f"nom : projet « {name} » en double.")
            if kind not in RenewalProject.Kind.values:
                errors.add(line, f"interet : « {row['interet']} » au lieu de QIN ou QIR.")
            codes = split_list(row["qpv"])
            if not codes:
                errors.add(line, "qpv : au moins un code QPV est attendu.")
            unknown = [c for c in codes if c not in qpvs]
            if unknown:
                errors.add(line, f"qpv : code QPV inconnu « {', '.join(unknown)} ».")
            rows[name] = {"name": name, "search_name": fold(name), "kind": kind}
            links[name] = {qpvs[c] for c in codes if c in qpvs}
        errors.check()
        counts, pks = upsert(RenewalProject, rows, key=lambda o: o.name, progress=progress)
        owner_keys = {pk: name for name, pk in pks.items()}
        wanted = {pks[n]: v for n, v in links.items()}
        sync_m2m(RenewalProject.qpvs.through, "renewalproject", "qpv", wanted, owner_keys, counts)
        return counts
