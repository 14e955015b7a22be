import datetime

import pytest

from maillage.programme.models import Action, Programme, Session, StatusCause
from maillage.programme.overview import programme_overview
from tests.factories import ActionFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "override", "slots", "half_days"),
    [
        ((9, 30), (12, 30), None, ["matin"], 1),
        ((14, 0), (17, 0), None, ["apres_midi"], 1),
        ((9, 0), (17, 0), None, ["matin", "apres_midi"], 2),
        ((12, 0), (14, 0), None, ["matin", "apres_midi"], 2),
        ((9, 0), (17, 0), 1, ["matin"], 1),
        ((10, 0), (11, 0), 2, ["matin", "apres_midi"], 2),
        ((19, 30), (21, 0), None, ["matin"], 1),
    ],
)
def test_half_days_come_from_the_hours_unless_overridden(start, end, override, slots, half_days):
    session = SessionFactory(
        start_time=datetime.time(*start), end_time=datetime.time(*end), half_days_override=override
    )
    session.refresh_from_db()
    assert session.half_day_slots == slots
    assert session.half_days == half_days


def test_half_days_follow_an_update_of_the_hours():
    session = SessionFactory()
    session.end_time = datetime.time(17, 0)
    session.save(update_fields=["end_time"])
    session.refresh_from_db()
    assert session.half_days == 2


def test_vote_freezes_planned_half_days_and_revision_is_recorded(staff_user):
    action = ActionFactory(planned_half_days=6)
    programme = action.programme
    programme.vote(datetime.date(2029, 11, 20), "AG-2029-12")
    action.refresh_from_db()
    assert programme.status == Programme.Status.VOTED
    assert action.voted_half_days == 6
    with pytest.raises(ValueError, match="déjà été voté"):
        programme.vote(datetime.date(2029, 11, 21), "again")
    action.planned_half_days = 8
    action.save()
    revision = programme.revise("Deux demi-journées de plus", "Demande des partenaires", staff_user)
    action.refresh_from_db()
    assert programme.status == Programme.Status.REVISED
    assert action.voted_half_days == 6
    assert revision in programme.revisions.all()


def test_draft_cannot_be_revised():
    with pytest.raises(ValueError, match="brouillon"):
        ProgrammeFactory().revise("x", "y")


def test_postponing_requires_a_cause_and_keeps_history(staff_user):
    action = ActionFactory()
    with pytest.raises(ValueError, match="cause"):
        action.change_status(Action.Status.POSTPONED)
    cause = StatusCause.objects.get(slug="crise-sanitaire")
    action.change_status(Action.Status.POSTPONED, cause=cause, comment="Confinement", user=staff_user)
    action.change_status(
        Action.Status.CANCELLED, cause=StatusCause.objects.get(slug="vacance-de-poste"), user=staff_user
    )
    action.refresh_from_db()
    assert action.status == Action.Status.CANCELLED
    assert action.status_cause.slug == "vacance-de-poste"
    assert action.postponed_to is None
    history = list(action.status_changes.order_by("changed_at", "pk").values_list("from_status", "to_status"))
    assert history == [("prevue", "reportee"), ("reportee", "annulee")]


def test_seeded_reference_lists():
    assert StatusCause.objects.count() >= 5
    from maillage.programme.models import Theme

    assert Theme.objects.filter(is_cross_cutting=True).count() == 3


def test_overview_counts_planned_scheduled_realized(django_assert_max_num_queries):
    programme = ProgrammeFactory()
    first = ActionFactory(programme=programme, planned_half_days=4)
    second = ActionFactory(programme=programme, planned_half_days=2)
    SessionFactory(action=first, status=Session.Status.HELD, end_time=datetime.time(17, 0))
    SessionFactory(action=first)
    SessionFactory(action=second, status=Session.Status.CANCELLED)
    with django_assert_max_num_queries(2):
        overview = programme_overview(programme)
    assert (overview.planned, overview.scheduled, overview.realized) == (6, 3, 2)
    assert overview.by_status["prévue"] == 2


@pytest.mark.parametrize(("capacity", "taken", "left"), [(None, 7, None), (10, 3, 7), (10, 10, 0), (5, 8, 0)])
def test_seats_left_given_what_is_taken(capacity, taken, left):
    assert Session(capacity=capacity).seats_left_given(taken) == left
