from django import template
from django.db.models import Count, Q

from maillage.participation.models import Registration

register = template.Library()
Status = Registration.Status


@register.simple_tag
def registration_counts(session) -> dict:
    """Counts by status of a session's registrations, and the seats left (None: no limit)."""
    counts = session.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
        rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        to_resolve=Count("pk", filter=Q(organisation__isnull=True) & ~Q(organisation_name="")),
    )
    counts["seats_left"] = session.seats_left_given(counts["confirmed"] + counts["pending"])
    return counts


@register.filter
def status_badge(status: str) -> str:
    """DSFR badge modifier for a registration status."""
    return {
        Status.CONFIRMED: "fr-badge--success",
        Status.PENDING: "fr-badge--new",
        Status.WAITING: "fr-badge--info",
        Status.CANCELLED: "fr-badge--warning",
        Status.REJECTED: "fr-badge--error",
    }.get(status, "")
