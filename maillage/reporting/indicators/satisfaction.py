"""Averages of the satisfaction survey over the scope's sessions."""

from django.db.models import Avg, Count, Q

from maillage.attendance.models import Answer, Question
from maillage.reporting.indicators.scope import Scope


def satisfaction(scope: Scope) -> dict:
    answers = Answer.objects.filter(response__registration__session__in=scope.held_sessions())
    rows = (
        answers.values("question__text", "question__kind", "question__position")
        .annotate(
            average=Avg("rating"),
            n_answers=Count("pk"),
            n_yes=Count("pk", filter=Q(yes=True)),
            n_yes_no=Count("pk", filter=Q(yes__isnull=False)),
        )
        .order_by("question__position", "question__text")
    )
    questions = {}
    for row in rows:
        if row["question__kind"] == Question.Kind.RATING and row["average"] is not None:
            questions[row["question__text"]] = {
                "average": round(row["average"], 2),
                "answers": row["n_answers"],
            }
        elif row["question__kind"] == Question.Kind.YES_NO and row["n_yes_no"]:
            questions[row["question__text"]] = {
                "yes_share": round(100 * row["n_yes"] / row["n_yes_no"]),
                "answers": row["n_yes_no"],
            }
    respondents = answers.values("response").distinct().count()
    return {"respondents": respondents, "questions": questions}
