"""The satisfaction survey: signed links, sending after the session, answers and results.

A link names one registration, signed and salted; it is valid for `LINK_MAX_AGE`. One response per
registration (a one-to-one row): a second submission, or a double post, is refused without error.
Results never name the respondents.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from maillage.attendance.models import Answer, Attendance, Question, Questionnaire, SurveyResponse
from maillage.participation.models import Registration
from maillage.programme.models import Session

logger = logging.getLogger(__name__)

SURVEY_SALT = "maillage.attendance.survey"
LINK_MAX_AGE = datetime.timedelta(days=120)
DEFAULT_SINCE_DAYS = 30


# Links ---------------------------------------------------------------------------------------------


def survey_token(registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=SURVEY_SALT, compress=True)


def read_survey_token(token: str) -> int:
    """The registration id of a token; raises `signing.BadSignature` (or `SignatureExpired`)."""
    payload = signing.loads(token, salt=SURVEY_SALT, max_age=LINK_MAX_AGE)
    if not isinstance(payload, dict) or not isinstance(payload.get("r"), int):
        raise signing.BadSignature("contenu inattendu")
    return payload["r"]


def survey_url(registration) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(
        "attendance:survey_answer", args=[survey_token(registration)]
    )


def default_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(is_default=True).order_by("pk").first()
        or Questionnaire.objects.order_by("pk").first()
    )


# Sending -------------------------------------------------------------------------------------------


def survey_recipients(session):
    """Confirmed participants present at least one half-day, reachable by email, not yet answered."""
    present = Attendance.objects.filter(registration__session=session, present=True).values("registration")
    return (
        Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED, pk__in=present)
        .exclude(person__email="")
        .filter(person__anonymised_at__isnull=True, survey_response__isnull=True)
        .select_related("person", "session__action")
        .order_by("pk")
    )


def sessions_due(now=None, since_days: int = DEFAULT_SINCE_DAYS):
    """Sessions over by `now`, held in the last `since_days` days, whose survey was not sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = (
        Session.objects.filter(
            survey_sent_at__isnull=True,
            date__lte=today,
            date__gte=today - datetime.timedelta(days=since_days),
        )
        .exclude(status=Session.Status.CANCELLED)
        .select_related("action")
    )
    return [s for s in candidates if s.ends_at <= now]


def survey_email(registration) -> EmailMessage:
    session = registration.session
    context = {
        "registration": registration,
        "person": registration.person,
        "session": session,
        "action": session.action,
        "url": survey_url(registration),
    }
    subject = f"Votre avis sur « {session.action.title} » du {session.date:%d/%m/%Y}"
    body = render_to_string("attendance/email/survey.txt", context)
    return EmailMessage(subject[:200], body, to=[registration.person.email])


def send_session_surveys(session, now=None, connection=None) -> int:
    """Email the survey for one session, once: the session is claimed first, so that two runs
    at the same time never send twice. Returns the number of emails sent."""
    now = now or timezone.now()
    claimed = Session.objects.filter(pk=session.pk, survey_sent_at__isnull=True).update(survey_sent_at=now)
    if not claimed:
        return 0
    session.survey_sent_at = now
    messages = [survey_email(r) for r in survey_recipients(session)]
    if not messages:
        return 0
    connection = connection or get_connection()
    return connection.send_messages(messages) or 0


@dataclass
class SendReport:
    sessions: int = 0
    emails: int = 0
    failures: list[str] = field(default_factory=list)


def send_surveys(now=None, since_days: int = DEFAULT_SINCE_DAYS) -> SendReport:
    report = SendReport()
    connection = get_connection()
    for session in sessions_due(now, since_days):
        try:
            report.emails += send_session_surveys(session, now=now, connection=connection)
            report.sessions += 1
        except Exception as exc:  # one failing mail server must not stop the other sessions
            logger.exception("Envoi du questionnaire impossible pour la séance %s", session.pk)
            Session.objects.filter(pk=session.pk).update(survey_sent_at=None)
            report.failures.append(f"{session} : {exc}")
    return report


# Answers -------------------------------------------------------------------------------------------


@transaction.atomic
def record_response(registration, questionnaire, values: dict[int, object]) -> tuple[SurveyResponse, bool]:
    """Save the answers ({question id: value}); returns (response, created). Never two responses."""
    existing = SurveyResponse.objects.filter(registration=registration).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(registration=registration, questionnaire=questionnaire)
    except IntegrityError:  # a double post won the race
        return SurveyResponse.objects.get(registration=registration), False
    answers = []
    for question in questionnaire.questions.all():
        value = values.get(question.pk)
        if value in (None, ""):
            continue
        answer = Answer(response=response, question=question)
        if question.kind == Question.Kind.RATING:
            answer.rating = int(value)
        elif question.kind == Question.Kind.YES_NO:
            answer.yes = value in (True, "oui", "1", "true")
        else:
            answer.text = str(value).strip()
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    return response, True


# Results -------------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    average: float | None = None
    distribution: list[dict] = field(default_factory=list)
    yes: int = 0
    no: int = 0
    texts: list[str] = field(default_factory=list)

    @property
    def yes_share(self) -> float | None:
        return round(100 * self.yes / (self.yes + self.no)) if self.yes + self.no else None


def responses_for(registrations):
    return SurveyResponse.objects.filter(registration__in=registrations)


def response_count(session) -> int:
    return SurveyResponse.objects.filter(registration__session=session).count()


def results(registrations) -> list[QuestionResult]:
    """Per question: averages and distribution of ratings, yes share, free texts."""
    answers = (
        Answer.objects.filter(response__registration__in=registrations)
        .select_related("question")
        .order_by("question__questionnaire", "question__position", "question__pk", "response__submitted_at")
    )
    by_question: dict[int, QuestionResult] = {}
    for answer in answers:
        result = by_question.setdefault(answer.question_id, QuestionResult(answer.question))
        result.count += 1
        if answer.question.kind == Question.Kind.RATING and answer.rating is not None:
            result.distribution.append(answer.rating)
        elif answer.question.kind == Question.Kind.YES_NO and answer.yes is not None:
            if answer.yes:
                result.yes += 1
            else:
                result.no += 1
        elif answer.text:
            result.texts.append(answer.text)
    for result in by_question.values():
        if result.question.kind == Question.Kind.RATING:
            ratings = result.distribution
            result.average = round(sum(ratings) / len(ratings), 2) if ratings else None
            result.distribution = [
                {
                    "value": value,
                    "count": ratings.count(value),
                    "share": round(100 * ratings.count(value) / len(ratings)) if ratings else 0,
                }
                for value in range(1, 6)
            ]
    return list(by_question.values())


def export_table(registrations) -> tuple[list[str], list[list]]:
    """One row per response, without the respondent's identity."""
    responses = (
        responses_for(registrations)
        .select_related("registration__session__action", "questionnaire")
        .prefetch_related("answers")
        .order_by("registration__session__date", "submitted_at")
    )
    questions = list(Question.objects.filter(questionnaire__surveyresponse__in=responses).distinct())
    header = ["Séance", "Date de la séance", "Action", "Répondu le"] + [q.text for q in questions]
    rows = []
    for response in responses:
        session = response.registration.session
        by_question = {a.question_id: a for a in response.answers.all()}
        row = [
            session.title or session.action.title,
            f"{session.date:%d/%m/%Y}",
            session.action.title,
            f"{timezone.localtime(response.submitted_at):%d/%m/%Y %H:%M}",
        ]
        for question in questions:
            answer = by_question.get(question.pk)
            if answer is None:
                row.append("")
            elif question.kind == Question.Kind.RATING:
                row.append(answer.rating)
            elif question.kind == Question.Kind.YES_NO:
                row.append(answer.yes)
            else:
                row.append(answer.text)
        rows.append(row)
    return header, rows
