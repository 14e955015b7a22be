"""The satisfaction survey: default questionnaire, sending, signed links, one answer, results, exports."""

import datetime

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maillage.attendance import marking, surveys
from maillage.attendance.models import Answer, Attendance, Question, SurveyResponse
from maillage.participation.models import Registration
from tests.attendance.conftest import local
from tests.factories import RegistrationFactory, SessionFactory

STAFF = Attendance.Source.STAFF


@pytest.fixture
def questionnaire(db):
    return surveys.default_questionnaire()


@pytest.fixture
def past_session(session, people):
    """The session, held yesterday; Diallo and Zola attended, Martin did not."""
    session.date = timezone.localdate() - datetime.timedelta(days=1)
    session.save()
    marking.set_attendance(people["Diallo"], "matin", True, source=STAFF)
    marking.set_attendance(people["Zola"], "apres_midi", True, source=STAFF)
    marking.set_attendance(people["Martin"], "matin", False, source=STAFF)
    return session


def answer_data(questionnaire, rating=4, yes="oui", text=""):
    data = {}
    for question in questionnaire.questions.all():
        if question.kind == Question.Kind.RATING:
            data[f"q{question.pk}"] = str(rating)
        elif question.kind == Question.Kind.YES_NO:
            data[f"q{question.pk}"] = yes
        else:
            data[f"q{question.pk}"] = text
    return data


def test_default_questionnaire_is_seeded(questionnaire):
    kinds = list(questionnaire.questions.values_list("kind", flat=True))
    assert kinds.count(Question.Kind.RATING) == 5
    assert kinds.count(Question.Kind.YES_NO) == 1
    assert kinds.count(Question.Kind.TEXT) == 1
    assert "ecommanderiez" in questionnaire.questions.get(kind=Question.Kind.YES_NO).text


def test_send_surveys_to_those_present_once(past_session, people, settings):
    settings.SITE_URL = "https://crpv.example"
    call_command("send_surveys", verbosity=0)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["awa.diallo@ville.fr", "emile.zola@bailleur.fr"]
    message = next(m for m in mail.outbox if m.to == ["awa.diallo@ville.fr"])
    assert "Évaluer le contrat de ville" in message.subject
    assert "https://crpv.example/presences/questionnaire/" in message.body
    past_session.refresh_from_db()
    assert past_session.survey_sent_at is not None
    # Idempotent: a second daily run sends nothing.
    call_command("send_surveys", verbosity=0)
    assert len(mail.outbox) == 2


def test_no_survey_before_the_session_ends_nor_for_old_sessions(session, people):
    marking.set_attendance(people["Diallo"], "matin", True, source=STAFF)
    session.date = timezone.localdate()
    session.end_time = datetime.time(23, 59)
    session.save()
    surveys.send_surveys(now=local(session.date, 12))
    assert not mail.outbox
    session.date = timezone.localdate() - datetime.timedelta(days=90)
    session.save()
    surveys.send_surveys()
    assert not mail.outbox


def test_token_is_signed_and_salted(people):
    registration = people["Diallo"]
    token = surveys.survey_token(registration)
    assert surveys.read_survey_token(token) == registration.pk
    with pytest.raises(signing.BadSignature):
        surveys.read_survey_token(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    # A value signed for another purpose is refused.
    other = signing.dumps({"r": registration.pk}, salt="maillage.network.unsubscribe", compress=True)
    with pytest.raises(signing.BadSignature):
        surveys.read_survey_token(other)


def test_tampered_link_is_refused(client, people):
    token = surveys.survey_token(people["Diallo"])
    response = client.get(reverse("attendance:survey_answer", args=[token + "x"]))
    assert response.status_code == 400
    assert "est pas valide" in response.content.decode()


def test_expired_link(client, people, monkeypatch):
    token = surveys.survey_token(people["Diallo"])
    monkeypatch.setattr(surveys, "LINK_MAX_AGE", datetime.timedelta(seconds=-1))
    response = client.get(reverse("attendance:survey_answer", args=[token]))
    assert response.status_code == 400 and "expiré" in response.content.decode()


def test_answer_once(client, people, questionnaire):
    url = reverse("attendance:survey_answer", args=[surveys.survey_token(people["Diallo"])])
    page = client.get(url).content.decode()
    assert "Recommanderiez-vous" in page
    response = client.post(url, answer_data(questionnaire, rating=5, text="Très utile"))
    assert response.status_code == 200 and "Merci pour votre réponse" in response.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.filter(response__registration=people["Diallo"]).count() == 7
    # A second submission (or a double post) is refused politely and changes nothing.
    again = client.post(url, answer_data(questionnaire, rating=1))
    assert again.status_code == 200 and "Vous avez déjà répondu" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert set(Answer.objects.filter(rating__isnull=False).values_list("rating", flat=True)) == {5}
    assert "Vous avez déjà répondu" in client.get(url).content.decode()


def test_missing_required_answers(client, people, questionnaire):
    url = reverse("attendance:survey_answer", args=[surveys.survey_token(people["Diallo"])])
    response = client.post(url, {})
    assert response.status_code == 422
    assert not SurveyResponse.objects.exists()


def test_record_response_twice_keeps_the_first(people, questionnaire):
    first, created = surveys.record_response(people["Zola"], questionnaire, {})
    second, created_again = surveys.record_response(people["Zola"], questionnaire, {})
    assert created and not created_again and first.pk == second.pk


def answer(registration, questionnaire, rating, yes, text=""):
    values = {}
    for question in questionnaire.questions.all():
        values[question.pk] = {"note": rating, "oui_non": yes, "texte": text}[question.kind]
    surveys.record_response(registration, questionnaire, values)


def test_results_per_session_and_per_action(staff_client, session, people, questionnaire):
    answer(people["Diallo"], questionnaire, 5, "oui", "Passionnant")
    answer(people["Zola"], questionnaire, 4, "oui")
    answer(people["Martin"], questionnaire, 2, "non", "Trop long")
    other = SessionFactory(
        action=session.action, date=session.date, start_time=datetime.time(9), end_time=datetime.time(12)
    )
    answer(RegistrationFactory(session=other), questionnaire, 1, "non")

    results = surveys.results(Registration.objects.filter(session=session))
    rating = results[0]
    assert rating.count == 3 and rating.average == pytest.approx(3.67)
    assert [d["count"] for d in rating.distribution] == [0, 1, 0, 1, 1]
    yes_no = next(r for r in results if r.question.kind == Question.Kind.YES_NO)
    assert (yes_no.yes, yes_no.no, yes_no.yes_share) == (2, 1, 67)
    text = next(r for r in results if r.question.kind == Question.Kind.TEXT)
    assert sorted(text.texts) == ["Passionnant", "Trop long"]

    page = staff_client.get(reverse("attendance:session_survey", args=[session.pk])).content.decode()
    assert "3,7 / 5" in page and "67 % de oui" in page and "Passionnant" in page
    assert "Diallo" not in page  # answers are not attributed
    action_page = staff_client.get(
        reverse("attendance:action_survey", args=[session.action.pk])
    ).content.decode()
    assert "3,0 / 5" in action_page and "50 % de oui" in action_page


def test_exports(staff_client, session, people, questionnaire):
    answer(people["Diallo"], questionnaire, 5, "oui", '=HYPERLINK("x")')
    response = staff_client.get(
        reverse("attendance:session_survey_export", args=[session.pk]), {"format": "csv"}
    )
    content = response.content.decode("utf-8-sig")
    header, row = content.strip().splitlines()
    assert "Recommanderiez-vous" in header
    assert ";5;" in row and ";oui;" in row
    assert "'=HYPERLINK" in row  # neutralised against formula injection
    assert "Diallo" not in content
    xlsx = staff_client.get(
        reverse("attendance:action_survey_export", args=[session.action.pk]), {"format": "xlsx"}
    )
    assert xlsx.content[:2] == b"PK"


def test_send_now_from_the_results_page(staff_client, past_session):
    response = staff_client.post(reverse("attendance:session_survey_send", args=[past_session.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    staff_client.post(reverse("attendance:session_survey_send", args=[past_session.pk]))
    assert len(mail.outbox) == 2


def test_a_failing_mail_server_releases_the_session(past_session, settings):
    settings.EMAIL_BACKEND = "tests.attendance.test_surveys.BrokenBackend"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_surveys", verbosity=0)
    past_session.refresh_from_db()
    assert past_session.survey_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_surveys", verbosity=0)
    assert len(mail.outbox) == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("serveur de courriel injoignable")
