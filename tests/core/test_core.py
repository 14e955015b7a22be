import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import assert_staff_only

pytestmark = pytest.mark.django_db


def test_public_pages_are_open_to_everyone():
    client = Client()
    for name in ["core:home", "core:privacy", "core:accessibility", "core:legal", "core:login"]:
        assert client.get(reverse(name)).status_code == 200, name


def test_dashboard_is_staff_only(user_client, staff_client, admin_client):
    assert_staff_only(Client(), user_client, staff_client, reverse("core:dashboard"))
    assert admin_client.get(reverse("core:dashboard")).status_code == 200


def test_sign_in_and_out(staff_user):
    client = Client()
    response = client.post(reverse("core:login"), {"username": staff_user.username, "password": "mauvais"})
    assert "Identifiant ou mot de passe incorrect" in response.content.decode()
    response = client.post(
        reverse("core:login"), {"username": staff_user.username, "password": "mot-de-passe-de-test"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_menu_shows_staff_entries_only_to_staff(staff_client):
    public = Client().get(reverse("core:home")).content.decode()
    staff = staff_client.get(reverse("core:home")).content.decode()
    assert reverse("territory:index") not in public
    assert reverse("territory:index") in staff
    assert 'href="#content"' in public  # skip links


def test_admin_is_in_french_and_for_superusers(admin_client, staff_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200 and "Données de référence" in response.content.decode()
    assert 'lang="fr"' in response.content.decode()
    assert "Référentiel territorial" in response.content.decode()
    # Staff without model permissions reach the admin but see none of its data.
    assert "Référentiel territorial" not in staff_client.get("/admin/").content.decode()


def test_ensure_staff_prints_a_working_login(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_staff", stdout=out)
    password = out.getvalue().rsplit("mot de passe : ", 1)[1].strip()
    again = io.StringIO()
    call_command("ensure_staff", stdout=again)
    assert password in again.getvalue()
    assert Client().login(username="equipe", password=password)


def test_scheduler_runs_each_available_job_once():
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out, stderr=out)
    assert "échec" not in out.getvalue()


def test_site_settings_are_read_once_and_changes_show_at_once(client, django_assert_num_queries):
    from dsfr.models import DsfrConfig

    config = DsfrConfig.objects.create(language="fr", site_title="Centre de ressources Alpha")
    assert "Centre de ressources Alpha" in client.get(reverse("core:privacy")).content.decode()
    with django_assert_num_queries(0):  # the settings come from this process's copy
        client.get(reverse("core:privacy"))
    config.site_title = "Centre de ressources Bêta"
    config.save()
    assert "Centre de ressources Bêta" in client.get(reverse("core:privacy")).content.decode()


def test_error_pages_are_in_french_and_in_the_state_design(client, rf):
    from django.views.defaults import server_error

    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode() and "fr-header" in response.content.decode()
    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Erreur inattendue" in response.content.decode()


def test_long_titles_are_shortened_in_breadcrumbs_at_a_word():
    from maillage.core.breadcrumbs import short

    title = "Bilan 2016 du contrat de ville de l'agglomération (archive numérisée)"
    assert short(title) == "Bilan 2016 du contrat de ville de l'agglomération (archive…"
    assert short("Court") == "Court"


def test_favicon_is_the_state_one(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("dsfr/dist/favicon/favicon.ico")


def test_legal_notice_and_privacy_page_name_the_publisher_and_the_rights(client, settings):
    settings.MAILLAGE_LEGAL = settings.MAILLAGE_LEGAL | {
        "publisher": "GIP Centre de ressources Alpha",
        "director": "Camille Martin, directrice",
        "host": "Hébergeur Beta, 1 rue de l'Exemple, 59000 Lille",
    }
    settings.MAILLAGE_RETENTION_YEARS = 4
    legal = client.get(reverse("core:legal")).content.decode()
    assert "GIP Centre de ressources Alpha" in legal and "Camille Martin, directrice" in legal
    assert "Hébergeur Beta" in legal
    privacy = client.get(reverse("core:privacy")).content.decode()
    assert "GIP Centre de ressources Alpha" in privacy and "depuis 4 ans" in privacy and "CNIL" in privacy


@pytest.mark.parametrize(("count", "text"), [(0, "0 résultat"), (1, "1 résultat"), (2, "2 résultats")])
def test_pluralize_follows_the_french_rule_in_every_template(count, text):
    from django.template import Context, Template

    rendered = Template("{{ n }} résultat{{ n|pluralize }} / {{ n }} journ{{ n|pluralize:'al,aux' }}").render(
        Context({"n": count})
    )
    assert rendered.startswith(text)
    assert rendered.endswith("journal" if count < 2 else "journaux")


def test_dashboard_figures_have_thousands_separators(staff_client, db):
    html = staff_client.get(reverse("core:dashboard")).content.decode()
    # every figure of 1,000 or more is written with a no-break space ("34 969")
    figures = re.findall(r'maillage-stat"><strong>([^<]+)</strong>', html)
    assert any("\xa0" in f for f in figures)  # the referential has tens of thousands of communes
    assert all(not re.fullmatch(r"\d{4,}", f) for f in figures)
