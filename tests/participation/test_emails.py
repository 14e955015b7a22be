"""Emails: content, links and .ics; reminders; and one message through a real SMTP server on loopback."""

import datetime
import email
import io
import socket
from email import policy

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from maillage.participation import links
from maillage.participation.models import Registration
from maillage.participation.services import cancel, register
from tests.participation.conftest import create_session, make_applicant

pytestmark = pytest.mark.django_db


def test_confirmation_email_text_html_ics_and_links(client, session):
    registration = register(session, make_applicant(1)).first
    (message,) = mail.outbox
    assert message.to == ["camille.martin1@exemple.fr"]
    assert message.subject == f"Inscription confirmée : {session.action.title}"
    cancel_url = links.cancel_url(registration)
    assert cancel_url.startswith("https://crpv.example/inscriptions/annuler/")
    assert cancel_url in message.body
    assert "Bonjour Camille Martin1" in message.body
    assert "2 demi-journées" in message.body
    assert "Maison des associations" in message.body
    unsubscribe = [line for line in message.body.splitlines() if "Ne plus recevoir" in line][0]
    assert "https://crpv.example/reseau/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://crpv.example/reseau/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and cancel_url in html and "Annuler mon inscription" in html
    name, content, mimetype = message.attachments[0]
    assert name == "invitation.ics" and mimetype.startswith("text/calendar")
    assert f"DTSTART;TZID=Europe/Paris:{session.date:%Y%m%d}T093000" in content
    # The link in the email works.
    assert client.get(cancel_url.removeprefix("https://crpv.example")).status_code == 200


def test_waiting_email_has_no_calendar(db):
    session = create_session(capacity=0)
    register(session, make_applicant(1))
    (message,) = mail.outbox
    assert message.subject.startswith("Liste d'attente")
    assert "liste d'attente" in message.body and not message.attachments
    assert "Pour annuler" in message.body


def test_remote_session_email_gives_the_video_link(db):
    from maillage.programme.models import Session

    session = create_session(format=Session.Format.REMOTE, video_url="https://visio.example/salle-42")
    register(session, make_applicant(1))
    message = mail.outbox[0]
    assert "https://visio.example/salle-42" in message.body
    assert "visio.example/salle-42" in message.attachments[0][1].replace("\r\n ", "")


def test_cancelled_email_has_no_cancel_link(session):
    registration = register(session, make_applicant(1)).first
    mail.outbox.clear()
    cancel(registration)
    (message,) = mail.outbox
    assert message.subject.startswith("Annulation enregistrée")
    assert "Pour annuler" not in message.body


def test_send_reminders_once_two_days_before(session):
    soon = create_session(days=2, capacity=5)
    tomorrow = create_session(days=1, capacity=5)
    later = create_session(days=5, capacity=5)
    for s in (soon, tomorrow, later):
        register(s, make_applicant(1))
        register(s, make_applicant(2))
    cancel(Registration.objects.get(session=soon, person__email="camille.martin2@exemple.fr"))
    mail.outbox.clear()

    call_command("send_reminders", stdout=io.StringIO())

    reminders = [m for m in mail.outbox if m.subject.startswith("Rappel")]
    assert len(reminders) == 3  # soon: one confirmed person; tomorrow (caught up): two
    assert {m.to[0] for m in reminders} == {"camille.martin1@exemple.fr", "camille.martin2@exemple.fr"}
    assert all(m.attachments for m in reminders)
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminder_sent_at is not None and later.reminder_sent_at is None

    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    assert not mail.outbox  # idempotent


def test_reminder_subject_has_the_date(db):
    session = create_session(days=2)
    register(session, make_applicant(1))
    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox[0].subject.endswith(session.date.strftime("%d/%m/%Y"))


# A real SMTP server on loopback ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield handler
    controller.stop()


def test_confirmation_through_real_smtp(smtp_server, db):
    session = create_session(capacity=3, date=datetime.date(2099, 7, 14), start_time=datetime.time(14))
    register(session, make_applicant(1, first_name="Élodie"))

    (envelope,) = smtp_server.messages
    assert envelope.rcpt_tos == ["camille.martin1@exemple.fr"]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"].strip() == f"Inscription confirmée : {session.action.title}"
    assert message["To"] == "camille.martin1@exemple.fr"
    assert message["List-Unsubscribe"].strip().startswith("<https://crpv.example/reseau/")
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Bonjour Élodie Martin1" in text and "Bonjour Élodie Martin1" in html
    assert "https://crpv.example/inscriptions/annuler/" in text
    (attachment,) = [
        part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"
    ]
    assert attachment.get_filename() == "invitation.ics"
    calendar = attachment.get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "BEGIN:VEVENT" in calendar
    assert "DTSTART;TZID=Europe/Paris:20990714T140000" in calendar
    assert f"UID:seance-{session.pk}@crpv.example" in calendar
    assert reverse("participation:public_session", args=[session.pk]) in calendar.replace("\r\n ", "")
