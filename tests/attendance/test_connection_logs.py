"""Connection logs of remote sessions: reading, matching, threshold, unmatched rows, malformed files."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maillage.attendance import connection_logs
from maillage.attendance.connection_logs import ConnectionLogError, import_log
from maillage.attendance.models import Attendance, ConnectionLog, ConnectionLogRow
from maillage.participation.models import Registration
from maillage.programme.models import Session
from tests.attendance.conftest import local

# Session of the fixture: 12/03/2026, 9:00–17:00. Morning 9:00–12:30 (210 min), afternoon 13:30–17:00.
FRENCH_LOG = """Nom;Adresse e-mail;Heure de connexion;Heure de déconnexion;Durée (minutes)
Awa Diallo;AWA.DIALLO@ville.fr;12/03/2026 09:00;12/03/2026 10:00;60
Awa Diallo;awa.diallo@ville.fr;12/03/2026 10:10;12/03/2026 11:16;66
ZOLA Emile;;09:00;10:03;63
ZOLA Emile;;13:30;17:00;210
Invité 1234;;09:05;12:30;205
"""


def states(registration) -> dict[str, bool]:
    return dict(Attendance.objects.filter(registration=registration).values_list("slot", "present"))


@pytest.fixture
def remote_session(session):
    session.format = Session.Format.REMOTE
    session.save()
    return session


def test_matching_threshold_and_merged_rows(remote_session, people, staff_user):
    report = import_log(
        remote_session, FRENCH_LOG.encode(), filename="visio.csv", threshold=Decimal("0.5"), user=staff_user
    )
    assert (report.rows, report.matched, report.unmatched) == (5, 4, 1)
    # Diallo: two connections, 126 min of the 210-minute morning = 60 % → present.
    assert states(people["Diallo"]) == {"matin": True, "apres_midi": False}
    # Zola, matched by name (order, case and accents ignored): 63 min = 30 % of the morning → absent.
    assert states(people["Zola"]) == {"matin": False, "apres_midi": True}
    assert states(people["Martin"]) == {}
    attendance = Attendance.objects.get(registration=people["Diallo"], slot="matin")
    assert attendance.source == Attendance.Source.CONNECTION_LOG
    assert report.marked == {"matin": 1, "apres_midi": 1}
    unmatched = connection_logs.unmatched_groups(report.log)
    assert [g["name"] for g in unmatched] == ["Invité 1234"]


def test_overlapping_connections_count_once(remote_session, people):
    log = """name,email,join time,leave time
Awa Diallo,awa.diallo@ville.fr,09:00,11:00
Awa Diallo,awa.diallo@ville.fr,10:00,11:00
"""
    # 120 min of union (not 180): 57 % of the morning.
    import_log(remote_session, log.encode(), filename="a.csv", threshold=Decimal("0.60"))
    assert states(people["Diallo"])["matin"] is False
    import_log(remote_session, log.encode(), filename="b.csv", threshold=Decimal("0.55"))
    assert states(people["Diallo"])["matin"] is True


def test_connection_intervals_union():
    start, end = (
        local(datetime.date(2026, 3, 12), 9),
        local(datetime.date(2026, 3, 12), 12),
    )
    spans = [
        (start.replace(hour=8), start.replace(hour=10)),
        (start.replace(hour=9, minute=30), start.replace(hour=10, minute=30)),
        (start.replace(hour=11), start.replace(hour=13)),
    ]
    assert connection_logs.covered_seconds(spans, start, end) == 150 * 60


def test_staff_and_self_marks_are_not_overwritten(remote_session, people):
    Attendance.objects.create(
        registration=people["Diallo"], slot="matin", present=False, source=Attendance.Source.STAFF
    )
    import_log(remote_session, FRENCH_LOG.encode(), filename="visio.csv")
    assert states(people["Diallo"])["matin"] is False


def test_english_xlsx_with_datetimes(remote_session, people):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"])
    sheet.append(
        [
            "Jeanne Martin",
            "jeanne.martin@caf.fr",
            local(remote_session.date, 9).replace(tzinfo=None),
            local(remote_session.date, 12, 30).replace(tzinfo=None),
            210,
        ]
    )
    sheet.append(
        ["J. Martin", "JEANNE.MARTIN@CAF.FR", "03/12/2026 01:30:00 PM", "03/12/2026 03:00:00 PM", 90]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_log(remote_session, buffer.getvalue(), filename="zoom.xlsx")
    assert report.matched == 2
    # Afternoon: 90 of 210 minutes = 43 % < 50 %.
    assert states(people["Martin"]) == {"matin": True, "apres_midi": False}


def test_separate_first_and_last_name_columns(remote_session, people):
    log = "Prénom;Nom de famille;Arrivée;Départ\nJeanne;MARTIN;09:00;12:00\n"
    report = import_log(remote_session, log.encode("cp1252"), filename="bbb.csv")
    assert report.matched == 1
    assert states(people["Martin"])["matin"] is True


def test_ambiguous_names_are_not_matched(remote_session, people):
    from tests.factories import PersonFactory, RegistrationFactory

    RegistrationFactory(
        session=remote_session,
        person=PersonFactory(first_name="Awa", last_name="Diallo", email="autre@ville.fr"),
    )
    report = import_log(
        remote_session, b"name,join time,leave time\nAwa Diallo,09:00,12:00\n", filename="x.csv"
    )
    assert report.unmatched == 1


def test_malformed_rows_reject_the_whole_file_with_line_numbers(remote_session, people):
    log = """nom,courriel,connexion,déconnexion
Awa Diallo,awa.diallo@ville.fr,09:00,12:00
Emile Zola,,11:00,10:00
Jeanne Martin,,9h75,12:00
,,09:00,10:00
Quelqu'un,,11/03/2026 09:00,11/03/2026 10:00
"""
    with pytest.raises(ConnectionLogError) as caught:
        import_log(remote_session, log.encode(), filename="bad.csv")
    errors = caught.value.errors
    assert len(errors) == 4
    assert errors[0].startswith("Ligne 3 :") and "déconnexion précède la connexion" in errors[0]
    assert errors[1].startswith("Ligne 4 :") and "heure de connexion illisible « 9h75 »" in errors[1]
    assert errors[2].startswith("Ligne 5 :") and "ni nom ni courriel" in errors[2]
    assert errors[3].startswith("Ligne 6 :") and "séance a lieu le 12/03/2026" in errors[3]
    assert not ConnectionLog.objects.exists() and not Attendance.objects.exists()


def test_missing_columns(remote_session):
    with pytest.raises(ConnectionLogError) as caught:
        import_log(remote_session, b"nom;courriel;duree\nA;b@c.fr;3\n", filename="x.csv")
    assert caught.value.errors[0].startswith(
        "Ligne 1 : colonnes introuvables : heure de connexion, heure de déconnexion"
    )


def test_upload_page_imports_and_redirects_to_the_log(staff_client, remote_session, people):
    upload = SimpleUploadedFile("visio.csv", FRENCH_LOG.encode(), content_type="text/csv")
    response = staff_client.post(
        reverse("attendance:log_upload", args=[remote_session.pk]), {"file": upload, "threshold": 50}
    )
    log = ConnectionLog.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("attendance:log", args=[log.pk])
    assert log.threshold == Decimal("0.50")
    page = staff_client.get(response["Location"]).content.decode()
    assert "Invité 1234" in page and "À rapprocher" in page


def test_upload_page_shows_the_errors(staff_client, remote_session):
    upload = SimpleUploadedFile("bad.csv", b"nom,connexion,deconnexion\nA,10:00,09:00\n")
    response = staff_client.post(
        reverse("attendance:log_upload", args=[remote_session.pk]), {"file": upload, "threshold": 50}
    )
    assert response.status_code == 422
    assert "Ligne 2 : la déconnexion précède la connexion." in response.content.decode()
    assert not ConnectionLog.objects.exists()


@pytest.fixture
def imported(remote_session, people):
    return import_log(remote_session, FRENCH_LOG.encode(), filename="visio.csv").log


def unmatched_row(log):
    return log.rows.get(name="Invité 1234")


def test_resolve_by_linking_to_a_registration(staff_client, imported, people):
    row = unmatched_row(imported)
    response = staff_client.post(
        reverse("attendance:log_row_resolve", args=[row.pk]),
        {"action": "link", f"r{row.pk}-registration": people["Martin"].pk},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.registration == people["Martin"]
    assert states(people["Martin"]) == {"matin": True, "apres_midi": False}  # 9:05–12:30 = 98 %


def test_resolve_by_creating_a_walk_in(staff_client, imported, remote_session):
    row = unmatched_row(imported)
    staff_client.post(
        reverse("attendance:log_row_resolve", args=[row.pk]),
        {
            "action": "walk_in",
            f"w{row.pk}-first_name": "Paul",
            f"w{row.pk}-last_name": "Invité",
            f"w{row.pk}-email": "",
        },
    )
    registration = Registration.objects.get(session=remote_session, person__first_name="Paul")
    assert registration.source == Registration.Source.WALK_IN
    assert states(registration) == {"matin": True, "apres_midi": False}
    assert not connection_logs.unmatched_groups(imported)


def test_resolve_by_ignoring(staff_client, imported):
    row = unmatched_row(imported)
    staff_client.post(reverse("attendance:log_row_resolve", args=[row.pk]), {"action": "ignore"})
    assert ConnectionLogRow.objects.get(pk=row.pk).ignored
    assert not connection_logs.unmatched_groups(imported)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Awa DIALLO", ("Awa", "DIALLO")),
        ("DIALLO Awa", ("Awa", "DIALLO")),
        ("Jean Pierre Martin", ("Jean", "Pierre Martin")),
        ("Awa", ("", "Awa")),
    ],
)
def test_split_name(name, expected):
    assert connection_logs.split_name(name) == expected
