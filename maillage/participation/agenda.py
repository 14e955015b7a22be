"""The public agenda: upcoming published sessions, their filters and the seats they have left."""

from django.db.models import Count, F, Q

from maillage.participation.models import Registration
from maillage.programme.models import Session, Theme
from maillage.territory.models import Department

HOLDING = [Registration.Status.CONFIRMED, Registration.Status.PENDING]


def public_sessions():
    """Upcoming published sessions of public actions, with `seats_taken` (and `places_left` when limited)."""
    return (
        Session.objects.upcoming()
        .published()
        .select_related("action", "commune__department")
        .annotate(seats_taken=Count("registrations", filter=Q(registrations__status__in=HOLDING)))
        .annotate(places_left=F("capacity") - F("seats_taken"))
        .order_by("date", "start_time", "pk")
    )


def filter_sessions(queryset, *, theme: str = "", format: str = "", department: str = "", q: str = ""):
    """Filters of the agenda. Department: the action's departments or the commune's department."""
    if theme:
        queryset = queryset.filter(action__themes__slug=theme)
    if format:
        queryset = queryset.filter(format=format)
    if department:
        matching = Session.objects.filter(
            Q(action__departments__code=department) | Q(commune__department__code=department)
        ).values("pk")
        queryset = queryset.filter(pk__in=matching)
    if q:
        queryset = queryset.filter(Q(title__icontains=q) | Q(action__title__icontains=q))
    return queryset


def theme_choices():
    return [("", "Tous les thèmes")] + [
        (t.slug, t.name) for t in Theme.objects.filter(actions__isnull=False).distinct()
    ]


def department_choices():
    """Departments that appear in upcoming sessions (their action's or their commune's)."""
    upcoming = Session.objects.upcoming().published()
    codes = set(upcoming.exclude(commune__isnull=True).values_list("commune__department__code", flat=True))
    codes |= set(upcoming.values_list("action__departments__code", flat=True))
    codes.discard(None)
    departments = Department.objects.filter(code__in=codes).order_by("code")
    return [("", "Tous les départements")] + [(d.code, f"{d.code} — {d.name}") for d in departments]


def all_sessions():
    """Every session, for staff previewing a page that is not (or no longer) public."""
    return Session.objects.select_related("action", "commune__department")
