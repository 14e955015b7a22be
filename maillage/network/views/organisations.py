from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.exports import export_response
from maillage.network.forms import OrganisationFilterForm, OrganisationForm
from maillage.network.models import (
    CityContractRole,
    GovernanceMembership,
    Organisation,
    Position,
    Representative,
)
from maillage.network.views.common import NetworkPageMixin, breadcrumb, directory_link, paginate_context


class OrganisationListView(NetworkPageMixin, ListView):
    template_name = "network/organisation_list.html"
    title = "Organisations du réseau"
    section = "network:organisations"
    paginate_by = 50

    def get_breadcrumb(self):
        return breadcrumb("Organisations")

    def get_queryset(self):
        self.filter_form = OrganisationFilterForm(self.request.GET or None)
        queryset = Organisation.objects.select_related("commune__department").annotate(
            active_people=Count("positions", filter=Q(positions__is_active=True), distinct=True)
        )
        return self.filter_form.filter(queryset).order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["query_string"] = self.request.GET.urlencode()
        return paginate_context(context)


class OrganisationExportView(OrganisationListView):
    """Organisations are not personal data: the filtered list as CSV or XLSX."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        rows = (
            [
                org.name,
                org.acronym,
                org.get_kind_display(),
                org.siret,
                org.commune.insee_code if org.commune else "",
                org.commune.name if org.commune else "",
                org.email,
                org.phone,
                org.website,
                org.active_people,
                "oui" if org.is_demo else "non",
            ]
            for org in self.get_queryset()
        )
        header = [
            "Nom",
            "Sigle",
            "Type",
            "SIRET",
            "Code INSEE du siège",
            "Commune du siège",
            "Courriel générique",
            "Téléphone",
            "Site web",
            "Personnes en poste",
            "Donnée fictive",
        ]
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        return export_response(fmt, "organisations", header, rows)


class OrganisationDetailView(NetworkPageMixin, DetailView):
    model = Organisation
    template_name = "network/organisation_detail.html"
    section = "network:organisations"

    def get_queryset(self):
        return Organisation.objects.select_related("commune__department", "commune__epci")

    def get_title(self):
        return str(self.object)

    def get_breadcrumb(self):
        return breadcrumb(self.object.name, directory_link())

    def get_context_data(self, **kwargs):
        org = self.object
        positions = (
            Position.objects.filter(organisation=org, person__anonymised_at__isnull=True)
            .select_related("person")
            .order_by("-is_active", "person__last_name", "person__first_name")
        )
        memberships = GovernanceMembership.objects.filter(organisation=org).prefetch_related(
            Prefetch(
                "representative_set",
                queryset=Representative.objects.select_related("person"),
                to_attr="seats",
            )
        )
        return super().get_context_data(
            communes=org.communes.all(),
            epcis=org.epcis.all(),
            qpvs=org.qpvs.all(),
            contract_roles=CityContractRole.objects.filter(organisation=org)
            .select_related("city_contract")
            .order_by("city_contract__code", "role"),
            positions=positions,
            anonymised_count=Position.objects.filter(
                organisation=org, person__anonymised_at__isnull=False
            ).count(),
            memberships=memberships,
            **kwargs,
        )


class OrganisationFormMixin(NetworkPageMixin):
    model = Organisation
    form_class = OrganisationForm
    template_name = "network/form.html"
    section = "network:organisations"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"L'organisation « {self.object} » est enregistrée.")
        return response


class OrganisationCreateView(OrganisationFormMixin, CreateView):
    title = "Nouvelle organisation"

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=reverse("network:organisations"), **kwargs)


class OrganisationUpdateView(OrganisationFormMixin, UpdateView):
    def get_title(self):
        return f"Modifier « {self.object} »"

    def get_breadcrumb(self):
        return breadcrumb("Modifier", directory_link(), (self.object.name, self.object.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.object.get_absolute_url(), **kwargs)
