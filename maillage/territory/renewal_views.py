"""Staff pages to enter NPNRU projects by hand or import them from a CSV (no open file exists)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, FormView, UpdateView

from maillage.core.permissions import StaffRequiredMixin
from maillage.territory.forms import RenewalProjectForm, RenewalProjectImportForm
from maillage.territory.importers.base import ImportFailed
from maillage.territory.importers.registry import LAYOUTS
from maillage.territory.models import RenewalProject
from maillage.territory.views import crumbs

LIST = {"url": reverse_lazy("territory:renewal_projects"), "title": "Projets NPNRU"}


class RenewalProjectCreateView(StaffRequiredMixin, CreateView):
    model = RenewalProject
    form_class = RenewalProjectForm
    template_name = "territory/form.html"

    def get_context_data(self, **kwargs):
        title = "Nouveau projet NPNRU"
        return super().get_context_data(
            title=title, breadcrumb_data={**crumbs(title), "links": [LIST]}, **kwargs
        )

    def form_valid(self, form):
        messages.success(self.request, "Le projet a été enregistré.")
        return super().form_valid(form)


class RenewalProjectUpdateView(RenewalProjectCreateView, UpdateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Modifier « {self.object} »"
        context["breadcrumb_data"]["current"] = context["title"]
        return context


class RenewalProjectImportView(StaffRequiredMixin, FormView):
    form_class = RenewalProjectImportForm
    template_name = "territory/renewal_project_import.html"

    def get_context_data(self, **kwargs):
        title = "Importer des projets NPNRU"
        return super().get_context_data(
            title=title, breadcrumb_data={**crumbs(title), "links": [LIST]}, **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            summary, _, _ = LAYOUTS["renewal_projects"].run(
                data=upload.read(), origin=upload.name, force=True
            )
        except ImportFailed as exc:
            return self.render_to_response(self.get_context_data(form=form, import_errors=exc.errors))
        messages.success(
            self.request,
            f"Import terminé : {summary['created']} projets créés, {summary['updated']} modifiés, "
            f"{summary['unchanged']} inchangés.",
        )
        return redirect(reverse("territory:renewal_projects"))
