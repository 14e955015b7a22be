from itertools import groupby

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import CreateView, TemplateView, UpdateView

from maillage.network.forms import MembershipForm, RepresentativeForm
from maillage.network.models import GovernanceMembership, Representative
from maillage.network.views.common import NetworkPageMixin, breadcrumb


def governance_link():
    return ("Gouvernance du GIP", reverse("network:governance"))


class GovernanceView(NetworkPageMixin, TemplateView):
    """Current GIP members by college, with their representatives; former members on request."""

    template_name = "network/governance.html"
    title = "Gouvernance du GIP"
    section = "network:governance"

    def get_breadcrumb(self):
        return breadcrumb(self.title)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        show_former = self.request.GET.get("anciens") == "1"
        current = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        memberships = GovernanceMembership.objects.select_related("organisation").prefetch_related(
            Prefetch(
                "representative_set",
                queryset=Representative.objects.select_related("person").order_by(
                    "role", "person__last_name"
                ),
                to_attr="seats",
            )
        )
        listed = memberships if show_former else memberships.filter(current)
        order = {value: i for i, value in enumerate(GovernanceMembership.College.values)}
        listed = sorted(listed, key=lambda m: (order[m.college], m.organisation.name))
        colleges = [
            (GovernanceMembership.College(college).label, list(items))
            for college, items in groupby(listed, key=lambda m: m.college)
        ]
        return super().get_context_data(
            colleges=colleges,
            show_former=show_former,
            current_count=memberships.filter(current).count(),
            **kwargs,
        )


class MembershipFormMixin(NetworkPageMixin):
    model = GovernanceMembership
    form_class = MembershipForm
    template_name = "network/form.html"
    section = "network:governance"

    def get_breadcrumb(self):
        return breadcrumb(self.get_title(), governance_link())

    def get_success_url(self):
        return reverse("network:governance") + ("?anciens=1" if self.object.ended_on else "")

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=reverse("network:governance"), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"Adhésion de {self.object.organisation} enregistrée.")
        return response


class MembershipCreateView(MembershipFormMixin, CreateView):
    title = "Nouveau membre du GIP"


class MembershipUpdateView(MembershipFormMixin, UpdateView):
    def get_title(self):
        return f"Modifier l'adhésion de {self.object.organisation}"


class RepresentativeAddView(NetworkPageMixin, CreateView):
    model = Representative
    form_class = RepresentativeForm
    template_name = "network/form.html"
    section = "network:governance"

    def prepare(self, request, *args, **kwargs):
        self.membership = get_object_or_404(
            GovernanceMembership.objects.select_related("organisation"), pk=kwargs["pk"]
        )

    def get_title(self):
        return f"Nouveau représentant de {self.membership.organisation}"

    def get_breadcrumb(self):
        return breadcrumb(self.get_title(), governance_link())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cancel_url=reverse("network:governance"),
            help_text="La personne doit avoir une fonction dans l'organisation membre ; "
            "ajoutez-la d'abord depuis sa fiche si besoin.",
            **kwargs,
        )

    def form_valid(self, form):
        form.instance.membership = self.membership
        form.save()
        messages.success(self.request, f"{form.instance.person} représente {self.membership.organisation}.")
        return redirect("network:governance")


class RepresentativeRemoveView(NetworkPageMixin, View):
    def post(self, request, pk):
        seat = get_object_or_404(
            Representative.objects.select_related("person", "membership__organisation"), pk=pk
        )
        seat.delete()
        messages.success(request, f"{seat.person} ne représente plus {seat.membership.organisation}.")
        return redirect("network:governance")
