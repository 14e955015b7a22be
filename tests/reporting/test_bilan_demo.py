"""The demo years, entered through the domain models, give the 2020 report's figures."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from maillage.programme.models import Session
from tests.conftest import load_referential


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_outputs(django_db_setup, django_db_blocker):
    """Load the demo once for the module, run the commands, and roll everything back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_referential()  # a transactional test may have flushed it
        run("load_demo")
        outputs = {
            "json": run("bilan", "--year", "2020", "--format", "json"),
            "text": run("bilan", "--year", "2020", "--format", "text"),
            "volet": run("bilan", "--year", "2020", "--volet", "crpv-hdf", "--format", "json"),
            "upcoming": Session.objects.published().upcoming().count(),
            "second_run": run("load_demo"),
        }
        transaction.set_rollback(True)
    return outputs


@pytest.fixture
def bilan_2020(demo_outputs):
    return json.loads(demo_outputs["json"])


def test_2020_participations_and_half_days(bilan_2020):
    assert bilan_2020["participants"]["participations"] == 780
    assert bilan_2020["participants"]["persons"] < 780
    assert bilan_2020["half_days"]["realized"] == 32
    assert bilan_2020["half_days"]["planned"] == 58
    assert bilan_2020["previous"]["half_days"]["realized"] == 50


def test_2020_half_days_not_realized_by_cause(bilan_2020):
    not_realized = bilan_2020["not_realized"]
    assert not_realized["total"] == 58 - 32
    assert not_realized["by_cause"]["Vacance de poste"] * 2 == not_realized["total"]
    rest = {cause: n for cause, n in not_realized["by_cause"].items() if cause != "Vacance de poste"}
    assert max(rest, key=rest.get) == "Crise sanitaire"
    assert rest["Crise sanitaire"] > sum(rest.values()) / 2


def test_2020_remote_from_march(bilan_2020):
    per_month = bilan_2020["participants"]["per_month"]
    from_march = list(per_month.values())[2:]
    assert sum(m["distanciel"] for m in from_march) > sum(m["présentiel"] for m in from_march)
    assert per_month["janv."]["distanciel"] == 0 and per_month["janv."]["présentiel"] > 0


def test_2020_territorial_context_from_the_real_referential(bilan_2020):
    context = bilan_2020["context"]
    assert context["region"] == "Hauts-de-France"
    assert context["qpv"] == 199 and context["qpv_list"] == 2015
    assert context["city_contracts"] == 43
    coverage = bilan_2020["coverage"]
    assert 0 < coverage["qpv_reached"] <= coverage["qpv_total"] == 199


def test_text_format_is_readable(demo_outputs):
    assert "Bilan d'activité 2020" in demo_outputs["text"]


def test_the_single_volet_gives_the_same_figures(demo_outputs, bilan_2020):
    volet = json.loads(demo_outputs["volet"])
    assert volet["centre"] == "CRPV Hauts-de-France"
    assert volet["participants"] == bilan_2020["participants"]


@pytest.mark.django_db
def test_unknown_volet_is_explained():
    with pytest.raises(CommandError, match="Volet inconnu"):
        call_command("bilan", "--year", "2020", "--volet", "inconnu")


def test_2020_resources_published_come_from_the_library(bilan_2020):
    assert bilan_2020["resources"]["total"] == 3
    assert bilan_2020["previous"]["resources"]["total"] == 2


def test_demo_has_upcoming_sessions_and_a_second_run_changes_nothing(demo_outputs):
    assert demo_outputs["upcoming"] >= 5
    assert "créé" not in demo_outputs["second_run"]
