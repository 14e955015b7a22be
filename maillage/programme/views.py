"""Staff pages of the programme: list, the programme at a glance, vote and revisions."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from maillage.core.breadcrumbs import breadcrumb
from maillage.core.permissions import StaffRequiredMixin
from maillage.programme.forms import ProgrammeForm, RevisionForm, VoteForm
from maillage.programme.models import Programme
from maillage.programme.overview import programme_overview

ROOT = {"url": "/programme/", "title": "Programme"}


def crumbs(current: str, *objects) -> dict:
    return breadcrumb(ROOT, current, *objects)


class ProgrammeListView(StaffRequiredMixin, ListView):
    template_name = "programme/index.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return Programme.objects.select_related("centre")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Programmes d'actions", breadcrumb_data={"current": "Programme"}, **kwargs
        )


class ProgrammeDetailView(StaffRequiredMixin, DetailView):
    queryset = Programme.objects.select_related("centre")
    template_name = "programme/programme.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=str(self.object),
            breadcrumb_data=crumbs(str(self.object)),
            overview=programme_overview(self.object),
            revisions=self.object.revisions.select_related("created_by"),
            **kwargs,
        )


class ProgrammeCreateView(StaffRequiredMixin, CreateView):
    model = Programme
    form_class = ProgrammeForm
    template_name = "programme/form.html"

    def get_context_data(self, **kwargs):
        title = "Nouveau programme" if not getattr(self, "object", None) else f"Modifier — {self.object}"
        return super().get_context_data(title=title, breadcrumb_data=crumbs(title), **kwargs)

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except IntegrityError:
            form.add_error("year", "Ce centre a déjà un programme pour cette année.")
            return self.form_invalid(form)
        messages.success(self.request, "Programme enregistré.")
        return response


class ProgrammeUpdateView(ProgrammeCreateView, UpdateView):
    pass


class ProgrammeActionMixin(StaffRequiredMixin):
    """A form acting on one programme."""

    template_name = "programme/form.html"
    heading = ""

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_object_or_404(Programme, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        title = f"{self.heading} — {self.programme}"
        return super().get_context_data(
            title=title,
            breadcrumb_data=crumbs(self.heading, self.programme),
            programme=self.programme,
            **kwargs,
        )

    def done(self, message):
        messages.success(self.request, message)
        return redirect(reverse("programme:programme", args=[self.programme.pk]))


class ProgrammeVoteView(ProgrammeActionMixin, FormView):
    form_class = VoteForm
    heading = "Vote par l'assemblée générale"

    def form_valid(self, form):
        try:
            self.programme.vote(form.cleaned_data["voted_on"], form.cleaned_data["deliberation_ref"])
        except ValueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.done("Le vote du programme est enregistré ; les demi-journées prévues sont figées.")


class ProgrammeReviseView(ProgrammeActionMixin, FormView):
    form_class = RevisionForm
    heading = "Révision du programme"

    def form_valid(self, form):
        try:
            self.programme.revise(
                form.cleaned_data["summary"], form.cleaned_data["reason"], self.request.user
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        return self.done("La révision est enregistrée.")
