"""Helpers shared by the attendance pages."""

from functools import cached_property

from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from maillage.core.permissions import StaffRequiredMixin
from maillage.programme.models import Session


def safe_url(name: str, *args) -> str | None:
    """A URL of another app, or None while that app does not provide it yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def session_breadcrumb(session, current: str) -> dict:
    links = []
    for title, url in (
        ("Programme", safe_url("programme:index")),
        (session.action.title, safe_url("programme:action", session.action_id)),
        (f"Séance du {session.date:%d/%m/%Y}", safe_url("programme:session", session.pk)),
    ):
        if url:
            links.append({"url": url, "title": title})
    if not safe_url("programme:session", session.pk):
        links.append({"url": reverse("attendance:session", args=[session.pk]), "title": "Présences"})
    return {"links": links, "current": current}


class SessionStaffMixin(StaffRequiredMixin):
    """A staff page about one session (URL argument `pk`), loaded only once permission is granted."""

    page_title = ""
    session_url_kwarg = "pk"

    @cached_property
    def session(self) -> Session:
        return get_object_or_404(
            Session.objects.select_related("action__programme__centre", "commune"),
            pk=self.kwargs[self.session_url_kwarg],
        )

    def get_page_title(self) -> str:
        return self.page_title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = self.get_page_title()
        context.setdefault("session", self.session)
        context.setdefault("title", f"{title} — {self.session}")
        context.setdefault("page_title", title)
        context.setdefault("breadcrumb_data", session_breadcrumb(self.session, title))
        context.setdefault("session_page_url", safe_url("programme:session", self.session.pk))
        return context


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
