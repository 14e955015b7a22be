"""Right of access (JSON export), erasure by anonymisation, retention flags."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from maillage.network.gdpr import anonymise_person, export_person, flag_inactive_people
from maillage.network.models import Consent, Organisation, Person, Position
from tests.factories import ConsentFactory, PersonFactory, PositionFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def test_export_contains_everything_about_the_person(staff_client, person, membership):
    RepresentativeFactory(membership=membership, person=person)
    response = staff_client.get(reverse("network:person_data", args=[person.pk]))
    assert response["Content-Type"].startswith("application/json")
    assert f'filename="personne-{person.pk}.json"' in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["personne"]["courriel"] == "amina.benali@exemple.fr"
    assert data["personne"]["prenom"] == "Amina"
    assert len(data["fonctions"]) == 1 and data["fonctions"][0]["fonction"] == "agent"
    assert data["consentements"][0]["code_finalite"] == "annuaire"
    assert data["representations_gip"][0]["college"] == "autres partenaires"
    assert data == json.loads(json.dumps(export_person(person), default=str)) | {
        "exporte_le": data["exporte_le"]
    }


def test_erase_keeps_aggregate_counts(admin_client, person, membership):
    RepresentativeFactory(membership=membership, person=person)
    ConsentFactory(person=person, purpose=Consent.Purpose.NEWSLETTER)
    org = person.positions.get().organisation

    def counts():
        return (
            Person.objects.count(),
            Position.objects.count(),
            dict(Organisation.objects.annotate(n=Count("positions")).values_list("pk", "n")),
            dict(Position.objects.values("function").annotate(n=Count("pk")).values_list("function", "n")),
            membership.representatives.count(),
            Consent.objects.count(),
        )

    before = counts()
    page = admin_client.get(reverse("network:person_erase", args=[person.pk]))
    assert "Action définitive" in page.content.decode()
    # Without the confirmation box nothing happens.
    admin_client.post(reverse("network:person_erase", args=[person.pk]))
    person.refresh_from_db()
    assert not person.is_anonymised
    response = admin_client.post(reverse("network:person_erase", args=[person.pk]), {"confirm": "oui"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_anonymised
    assert person.email == person.phone == person.notes == ""
    assert "Benali" not in person.full_name and "Amina" not in person.full_name
    assert not person.is_active
    assert person.consents.filter(withdrawn_at__isnull=True).count() == 0
    assert counts() == before
    assert person.positions.get().organisation == org
    assert "Benali" not in json.dumps(export_person(person))
    # An anonymised person is out of lists and exports, and cannot be merged or edited.
    assert person not in Person.objects.not_anonymised()
    assert admin_client.get(reverse("network:person_update", args=[person.pk])).status_code == 404


def test_anonymise_twice_is_harmless(person):
    anonymise_person(person)
    first_date = person.anonymised_at
    anonymise_person(person)
    person.refresh_from_db()
    assert person.anonymised_at == first_date


def _age(person, **delta):
    moment = timezone.now() - timedelta(**delta)
    Person.objects.filter(pk=person.pk).update(created_at=moment, updated_at=moment)


def test_flag_command_is_idempotent(capsys):
    old = PersonFactory()
    _age(old, days=4 * 366)
    recent_activity = PersonFactory(last_activity_at=timezone.now() - timedelta(days=30))
    _age(recent_activity, days=10 * 366)  # activity wins over the record's age
    old_activity = PersonFactory(last_activity_at=timezone.now() - timedelta(days=5 * 366))
    fresh = PersonFactory()
    gone = PersonFactory()
    anonymise_person(gone)
    _age(gone, days=10 * 366)

    call_command("flag_inactive_people", "--years", "3")
    assert "2 personne(s) signalée(s)" in capsys.readouterr().out
    flagged = set(Person.objects.to_review().values_list("pk", flat=True))
    assert flagged == {old.pk, old_activity.pk}
    first_flag = Person.objects.get(pk=old.pk).retention_flagged_at
    old.refresh_from_db()
    assert old.updated_at < timezone.now() - timedelta(days=365)  # flagging is not an activity

    call_command("flag_inactive_people", "--years", "3")
    assert "0 personne(s) signalée(s)" in capsys.readouterr().out
    assert Person.objects.get(pk=old.pk).retention_flagged_at == first_flag
    assert not Person.objects.get(pk=fresh.pk).retention_flagged_at


@override_settings(MAILLAGE_RETENTION_YEARS=1)
def test_flag_command_default_years_from_settings(capsys):
    person = PersonFactory()
    _age(person, days=400)
    call_command("flag_inactive_people")
    assert "1 personne(s) signalée(s)" in capsys.readouterr().out
    assert flag_inactive_people(5) == 0


def test_keep_clears_the_flag(staff_client):
    person = PersonFactory()
    _age(person, days=4 * 366)
    flag_inactive_people(3)
    page = staff_client.get(reverse("network:people") + "?to_review=on").content.decode()
    assert person.last_name in page
    staff_client.post(reverse("network:person_keep", args=[person.pk]))
    person.refresh_from_db()
    assert person.retention_flagged_at is None and person.last_activity_at is not None
    assert flag_inactive_people(3) == 0


def test_position_titles_are_erased_too():
    position = PositionFactory(title="Cheffe de projet, quartier de l'Alma")
    anonymise_person(position.person)
    position.refresh_from_db()
    assert position.title == "" and position.function == Position.Function.AGENT
