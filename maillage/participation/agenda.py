"""The public agenda: upcoming published sessions, their filters and the seats they have left."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string

from maillage.participation.models import Registration
from maillage.programme.models import Session, Theme
from maillage.territory.models import Department

PAGE_SIZE = 10
RESULTS_SECONDS = 15  # seats shown in the list may lag this much; the session page is always live
HOLDING = Registration.HOLDING_STATUSES


def public_sessions(*, with_seats: bool = True):
    """Upcoming published sessions of public actions, with `seats_taken` (and `places_left` when limited).

    `with_seats=False` leaves the counts out (a registration counts them again under its lock).
    """
    sessions = Session.objects.upcoming().published().select_related("action", "commune__department")
    if with_seats:
        sessions = with_cycle_position(
            sessions.annotate(
                seats_taken=Count("registrations", filter=Q(registrations__status__in=HOLDING))
            ).annotate(places_left=F("capacity") - F("seats_taken"))
        )
    return sessions.order_by("date", "start_time", "pk")


def _count(queryset) -> Subquery:
    return Subquery(
        queryset.order_by().values("action").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def with_cycle_position(sessions):
    """`cycle_rank` and `cycle_size`: "séance 2 sur 4" among the published, not cancelled sessions of the
    same action, past ones included (a cycle that has begun keeps its numbering)."""
    siblings = (
        Session.objects.published().filter(action=OuterRef("action")).exclude(status=Session.Status.CANCELLED)
    )
    earlier = siblings.filter(
        Q(date__lt=OuterRef("date"))
        | Q(date=OuterRef("date"), start_time__lt=OuterRef("start_time"))
        | Q(date=OuterRef("date"), start_time=OuterRef("start_time"), pk__lt=OuterRef("pk"))
    )
    return sessions.annotate(
        cycle_rank=Coalesce(_count(earlier), Value(0)) + 1,
        cycle_size=Coalesce(_count(siblings), Value(0)),
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


CHOICES_SECONDS = 60  # a new theme or department shows in the filters within a minute


def theme_choices():
    return cache.get_or_set("participation:agenda:themes", _theme_choices, CHOICES_SECONDS)


def department_choices():
    return cache.get_or_set("participation:agenda:departments", _department_choices, CHOICES_SECONDS)


def _theme_choices():
    themes = Theme.objects.filter(actions__isnull=False).distinct()
    return [("", "Tous les thèmes")] + [(t.slug, t.name) for t in themes]


def _department_choices():
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


def results_html(request, form) -> str:
    """The list of sessions for these filters and page, rendered once per process every 15 seconds:
    the agenda is the busiest public page."""
    page_number = request.GET.get("page", "1")[:8]
    key = hashlib.sha256(f"{form.cache_key}&page={page_number}".encode()).hexdigest()
    key = f"participation:agenda:results:{key}"
    html = cache.get(key)
    if html is None:
        sessions = form.filter(public_sessions())
        page = Paginator(sessions, PAGE_SIZE).get_page(page_number)
        page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
        context = {
            "page_obj": page,
            "sessions": page.object_list,
            "filtered": bool(form.is_bound and form.is_valid() and any(form.cleaned_data.values())),
        }
        html = render_to_string("participation/_agenda_results.html", context, request=request)
        cache.set(key, html, RESULTS_SECONDS)
    return html
