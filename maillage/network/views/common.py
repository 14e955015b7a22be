"""Helpers shared by the directory's views."""

from django.urls import reverse

from maillage.core.permissions import StaffRequiredMixin

SECTIONS = [
    ("Organisations", "network:organisations"),
    ("Personnes", "network:people"),
    ("Gouvernance du GIP", "network:governance"),
    ("Imports", "network:imports"),
    ("Doublons", "network:duplicates"),
]


def breadcrumb(current: str, *links: tuple[str, str]) -> dict:
    """DSFR breadcrumb data: links are (title, url)."""
    return {"links": [{"url": url, "title": title} for title, url in links], "current": current}


def directory_link() -> tuple[str, str]:
    return ("Annuaire", reverse("network:organisations"))


class NetworkPageMixin(StaffRequiredMixin):
    """Staff page of the directory: title, breadcrumb and section navigation."""

    title = ""
    section = ""

    def dispatch(self, request, *args, **kwargs):
        # Objects are loaded only once permission is granted: anonymous users never see a 404.
        if request.user.is_authenticated and self.test_func():
            response = self.prepare(request, *args, **kwargs)
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, request, *args, **kwargs):
        """Load what the view needs from the URL; may return a response (redirect) or raise Http404."""
        return None

    def get_title(self) -> str:
        return self.title

    def get_breadcrumb(self) -> dict:
        return breadcrumb(self.get_title(), directory_link())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.get_title())
        context.setdefault("breadcrumb_data", self.get_breadcrumb())
        context["network_sections"] = [
            {"label": label, "url": reverse(name), "active": name == self.section} for label, name in SECTIONS
        ]
        return context


def paginate_context(context: dict) -> dict:
    """Add the elided page range that `dsfr_pagination` shows."""
    page = context.get("page_obj")
    if page is not None:
        page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return context
