"""What a report covers: one year, and one centre (volet) or the whole structure."""

from dataclasses import dataclass

from maillage.programme.models import Action, Centre, Session


@dataclass(frozen=True)
class Scope:
    year: int
    centre: Centre | None = None

    @property
    def label(self) -> str:
        return f"{self.year} — {self.centre}" if self.centre else f"{self.year} — ensemble de la structure"

    def previous(self) -> "Scope":
        return Scope(self.year - 1, self.centre)

    def actions(self):
        actions = Action.objects.filter(programme__year=self.year)
        return actions.filter(programme__centre=self.centre) if self.centre else actions

    def sessions(self):
        sessions = Session.objects.filter(action__programme__year=self.year)
        return sessions.filter(action__programme__centre=self.centre) if self.centre else sessions

    def held_sessions(self):
        return self.sessions().filter(status=Session.Status.HELD)
