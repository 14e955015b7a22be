"""Registration rules: who gets a seat, who waits, who is promoted, and the emails that tell them.

Views call these functions and never change a registration's status themselves.
"""

from maillage.participation.services.matching import Applicant, match_commune, match_organisation
from maillage.participation.services.registration import (
    RegistrationRefused,
    RegistrationResult,
    approve,
    cancel,
    fill_seats,
    register,
    reject,
    seats_left,
)

__all__ = [
    "Applicant",
    "RegistrationRefused",
    "RegistrationResult",
    "approve",
    "cancel",
    "fill_seats",
    "match_commune",
    "match_organisation",
    "register",
    "reject",
    "seats_left",
]
