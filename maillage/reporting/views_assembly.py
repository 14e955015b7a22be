"""Staff pages of the General Assembly: list, record, resolutions (adopt or amend the bilan, vote a programme)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.permissions import StaffRequiredMixin
from maillage.reporting.assemblies import ResolutionError, presence_by_college, record_resolution
from maillage.reporting.forms import AssemblyForm, ResolutionForm
from maillage.reporting.models import Assembly, scope_slug
from maillage.reporting.views import crumbs

LIST_LINK = {"title": "Assemblées générales"}


def list_link():
    return {**LIST_LINK, "url": reverse("reporting:assemblies")}


class AssemblyListView(StaffRequiredMixin, ListView):
    model = Assembly
    template_name = "reporting/assembly_list.html"
    context_object_name = "assemblies"

    def get_queryset(self):
        return Assembly.objects.prefetch_related("resolutions").select_related("chair")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, title="Assemblées générales", breadcrumb_data=crumbs("Assemblées générales")
        )


class AssemblyFormMixin(StaffRequiredMixin):
    model = Assembly
    form_class = AssemblyForm
    template_name = "reporting/form.html"

    def get_context_data(self, **kwargs):
        title = "Nouvelle assemblée générale" if self.object is None else f"Modifier : {self.object}"
        return super().get_context_data(
            **kwargs,
            title=title,
            cancel_url=reverse("reporting:assemblies"),
            help_text="Membres présents ou représentés : les membres du GIP à ce jour, par collège.",
            breadcrumb_data=crumbs(title, list_link()),
        )


class AssemblyCreateView(AssemblyFormMixin, CreateView):
    def form_valid(self, form):
        form.instance.created_by = self.request.user
        messages.success(self.request, "Assemblée générale enregistrée. Ajoutez ses délibérations.")
        return super().form_valid(form)


class AssemblyUpdateView(AssemblyFormMixin, UpdateView):
    pass


class AssemblyDetailView(StaffRequiredMixin, DetailView):
    model = Assembly
    template_name = "reporting/assembly.html"
    context_object_name = "assembly"

    def get_context_data(self, **kwargs):
        resolutions = [
            {"resolution": r, "volet": scope_slug(r.centre), "version": r.reportversion_set.first()}
            for r in self.object.resolutions.select_related("centre", "programme")
        ]
        return super().get_context_data(
            **kwargs,
            title=str(self.object),
            colleges=presence_by_college(self.object),
            resolutions=resolutions,
            breadcrumb_data=crumbs(str(self.object), list_link()),
        )


class ResolutionCreateView(StaffRequiredMixin, CreateView):
    form_class = ResolutionForm
    template_name = "reporting/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.assembly = get_object_or_404(Assembly, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"year": self.assembly.date.year - 1, "reference": f"AG-{self.assembly.date:%Y}-"}

    def form_valid(self, form):
        form.instance.assembly = self.assembly
        try:
            version = record_resolution(form.instance, self.request.user)
        except ResolutionError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        if version is not None:
            messages.success(
                self.request,
                f"Délibération enregistrée : le bilan {version.year} est figé (version {version.number}).",
            )
        else:
            messages.success(self.request, "Délibération enregistrée.")
        return redirect(self.assembly)

    def get_context_data(self, **kwargs):
        title = f"Nouvelle délibération — {self.assembly}"
        return super().get_context_data(
            **kwargs,
            title=title,
            cancel_url=self.assembly.get_absolute_url(),
            help_text="Adopter le bilan fige ses chiffres, ses textes et son PDF ; un amendement crée une nouvelle "
            "version. Voter le programme fige ses demi-journées prévues.",
            breadcrumb_data=crumbs(
                title, list_link(), {"url": self.assembly.get_absolute_url(), "title": str(self.assembly)}
            ),
        )
