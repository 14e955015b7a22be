"""Bad files are rejected whole, with French messages naming the line, and the database is left as it was."""

import functools
import http.server
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from maillage.territory.importers.base import ImportFailed
from maillage.territory.importers.cog import Regions
from maillage.territory.importers.sources import SourceError
from maillage.territory.models import QPV, Commune, Region, RenewalProject

pytestmark = pytest.mark.django_db


def official(name: str) -> str:
    return (Path(settings.MAILLAGE_DATA_DIR) / name).read_text(encoding="utf-8")


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def snapshot():
    return (QPV.objects.count(), sorted(QPV.objects.filter(code="QP059001").values_list("name", flat=True)))


def replace_line(text: str, index: int, old: str, new: str) -> str:
    lines = text.splitlines()
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    return "\n".join(lines) + "\n"


def test_unknown_commune_rejects_whole_file(tmp_path):
    text = official("qpv_2015_liste_insee.csv").replace("Bourg-en-Bresse", "Bourg-modifié", 1)
    lines = text.splitlines()
    fields = lines[9].split(",")
    fields[6] = "99999"  # insee_com of line 10
    lines[9] = ",".join(fields)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_qpv_2015", write(tmp_path, "qpv.csv", "\n".join(lines) + "\n"), "--force", verbosity=0
        )
    assert "Ligne 10 : insee_com : commune inconnue « 99999 »" in str(error.value)
    assert "aucune donnée modifiée" in str(error.value)
    assert snapshot() == before
    assert not QPV.objects.filter(name="Bourg-modifié").exists()


def test_unknown_code_names_the_line(tmp_path):
    text = replace_line(official("qpv_2024_liste_anct.csv"), 3, "QN00103", "XX00103")
    with pytest.raises(CommandError, match=r"Ligne 4 : code_qp : code « XX00103\w » invalide"):
        call_command("import_qpv_2024", write(tmp_path, "qpv.csv", text), "--force", verbosity=0)


def test_unknown_department_in_communes_rejected_and_nothing_written(tmp_path):
    text = official("cog2026_communes.csv")
    text = text.replace("L'Abergement-Clémenciat", "Nom changé", 1)
    lines = text.splitlines()
    fields = lines[-1].split(",")
    fields[3] = "00"
    lines[-1] = ",".join(fields)
    with pytest.raises(CommandError, match=rf"Ligne {len(lines)} : insee_dep : département inconnu « 00 »"):
        call_command(
            "import_communes", write(tmp_path, "c.csv", "\n".join(lines) + "\n"), "--force", verbosity=0
        )
    assert (
        Commune.objects.get(insee_code="01001", kind=Commune.Kind.CURRENT).name == "L'Abergement-Clémenciat"
    )


def test_missing_column(tmp_path):
    with pytest.raises(CommandError, match="colonnes manquantes : lib_reg"):
        call_command(
            "import_regions", write(tmp_path, "r.csv", "insee_reg,nom\n32,Hauts\n"), "--force", verbosity=0
        )


def test_empty_file(tmp_path):
    with pytest.raises(CommandError, match="le fichier est vide"):
        call_command("import_regions", write(tmp_path, "r.csv", ""), "--force", verbosity=0)


def test_file_over_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(Regions, "max_bytes", 100)
    with pytest.raises(CommandError, match="au-delà de la limite"):
        call_command(
            "import_regions",
            write(tmp_path, "r.csv", official("cog2026_regions.csv")),
            "--force",
            verbosity=0,
        )


def test_latin1_semicolon_and_bom_are_read(tmp_path):
    codes = list(QPV.objects.filter(department__code="59", list_year=2024).values_list("code", flat=True)[:2])
    latin1 = f"nom;interet;qpv\nRénovation de l'Épine;QIN;{codes[0]};{codes[1]}\n".replace(
        f"{codes[0]};{codes[1]}", f'"{codes[0]};{codes[1]}"'
    )
    call_command("import_renewal_projects", write(tmp_path, "a.csv", latin1, "latin-1"), verbosity=0)
    project = RenewalProject.objects.get(name="Rénovation de l'Épine")
    assert set(project.qpvs.values_list("code", flat=True)) == set(codes)
    bom = f"\ufeffnom,interet,qpv\nQuartier Sud,qir,{codes[0]}\n"
    call_command("import_renewal_projects", write(tmp_path, "b.csv", bom), verbosity=0)
    assert RenewalProject.objects.get(name="Quartier Sud").kind == "QIR"


def test_renewal_import_is_idempotent_and_rejects_bad_rows(tmp_path):
    code = QPV.objects.filter(list_year=2024).values_list("code", flat=True).first()
    good = write(tmp_path, "p.csv", f"nom,interet,qpv\nProjet A,QIN,{code}\n")
    call_command("import_renewal_projects", good, verbosity=0)
    call_command("import_renewal_projects", good, "--force", verbosity=0)
    assert RenewalProject.objects.filter(name="Projet A").count() == 1
    bad = write(tmp_path, "q.csv", f"nom,interet,qpv\nProjet B,QIN,{code}\nProjet C,QXX,QN99999Z\n")
    with pytest.raises(CommandError) as error:
        call_command("import_renewal_projects", bad, verbosity=0)
    assert "Ligne 3 : interet : « QXX » au lieu de QIN ou QIR." in str(error.value)
    assert "Ligne 3 : qpv : code QPV inconnu « QN99999Z »." in str(error.value)
    assert not RenewalProject.objects.filter(name="Projet B").exists()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_mirror(tmp_path):
    """A publisher mirror served over HTTP on loopback."""
    (tmp_path / "cog2026_regions.csv").write_text(official("cog2026_regions.csv"), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=tmp_path)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_download_when_no_data_directory(settings, tmp_path, http_mirror):
    settings.MAILLAGE_DATA_DIR = tmp_path / "absent"
    settings.MAILLAGE_DATA_BASE_URL = http_mirror
    summary, origin, skipped = Regions().run(force=True)
    assert origin == http_mirror + "cog2026_regions.csv"
    assert summary == {"created": 0, "updated": 0, "unchanged": 26}
    assert not skipped


def test_download_failure_is_explained(settings, tmp_path, http_mirror):
    settings.MAILLAGE_DATA_DIR = None
    settings.MAILLAGE_DATA_BASE_URL = http_mirror + "sous-dossier-absent/"
    with pytest.raises(SourceError, match="Téléchargement impossible"):
        Regions().run(force=True)
    settings.MAILLAGE_DATA_BASE_URL = ""
    with pytest.raises(SourceError, match="MAILLAGE_DATA_BASE_URL"):
        Regions().run(force=True)


def test_changed_row_is_updated_then_restored(tmp_path):
    text = official("cog2026_regions.csv").replace("Hauts-de-France", "Hauts de France (test)")
    summary, _, _ = Regions().run(data=text.encode(), origin="test.csv")
    assert summary == {"created": 0, "updated": 1, "unchanged": 25}
    assert Region.objects.get(code="32").name == "Hauts de France (test)"
    summary, _, _ = Regions().run(force=True)
    assert summary["updated"] == 1 and Region.objects.get(code="32").name == "Hauts-de-France"


def test_import_failed_lists_every_bad_line():
    error = ImportFailed([f"Ligne {n} : erreur" for n in range(2, 60)])
    assert "Ligne 2 : erreur" in str(error) and "… et 28 autres erreurs." in str(error)
