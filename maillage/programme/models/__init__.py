from maillage.programme.models.action import Action, ActionPartner, ActionStatusChange, StatusCause
from maillage.programme.models.programme import Centre, Programme, ProgrammeRevision, Theme
from maillage.programme.models.session import Session

__all__ = [
    "Action",
    "ActionPartner",
    "ActionStatusChange",
    "Centre",
    "Programme",
    "ProgrammeRevision",
    "Session",
    "StatusCause",
    "Theme",
]
