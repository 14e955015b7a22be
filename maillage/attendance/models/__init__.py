from maillage.attendance.models.attendance import Attendance, ConnectionLog, ConnectionLogRow
from maillage.attendance.models.survey import Answer, Question, Questionnaire, SurveyResponse

__all__ = [
    "Answer",
    "Attendance",
    "ConnectionLog",
    "ConnectionLogRow",
    "Question",
    "Questionnaire",
    "SurveyResponse",
]
