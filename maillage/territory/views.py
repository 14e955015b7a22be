"""Staff pages of the territorial referential: browse region → department → EPCI → commune, and search."""

from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from maillage.core.breadcrumbs import breadcrumb
from maillage.core.permissions import StaffRequiredMixin
from maillage.network.directory import linked_directory
from maillage.territory.models import EPCI, QPV, CityContract, Commune, Department, Region, RenewalProject
from maillage.territory.stats import region_stats

ROOT = {"url": "/territoires/", "title": "Territoires"}


def crumbs(current: str, *objects) -> dict:
    return breadcrumb(ROOT, current, *objects)


class TerritoryPageMixin(StaffRequiredMixin):
    """Adds the title, the breadcrumb and the network directory linked to the territory."""

    def breadcrumb_parents(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["title"] = str(obj) if obj is not None else context.get("title", "Territoires")
        context["breadcrumb_data"] = crumbs(context["title"], *self.breadcrumb_parents())
        return context


class IndexView(StaffRequiredMixin, ListView):
    template_name = "territory/index.html"
    context_object_name = "regions"

    def get_queryset(self):
        return Region.objects.annotate(
            department_count=Count("departments", distinct=True),
            qpv_2024_count=Count(
                "departments__qpvs", filter=Q(departments__qpvs__list_year=2024), distinct=True
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Territoires", breadcrumb_data={"current": "Territoires"}, **kwargs
        )


class SearchView(StaffRequiredMixin, TemplateView):
    template_name = "territory/search.html"
    limit = 50

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        groups = []
        if query:
            groups = [
                (
                    "Communes",
                    Commune.objects.search(query)
                    .filter(kind=Commune.Kind.CURRENT)
                    .select_related("department"),
                ),
                ("QPV", QPV.objects.search(query).select_related("department")),
                ("Contrats de ville", CityContract.objects.search(query)),
                ("EPCI", EPCI.objects.search(query)),
                ("Projets NPNRU", RenewalProject.objects.search(query)),
            ]
            groups = [(label, list(qs[: self.limit]), qs.count()) for label, qs in groups]
        template = (
            "territory/_search_results.html" if self.request.headers.get("HX-Request") else self.template_name
        )
        self.template_name = template
        return super().get_context_data(
            title="Rechercher un territoire",
            breadcrumb_data=crumbs("Recherche"),
            query=query,
            groups=groups,
            total=sum(count for _, _, count in groups),
            **kwargs,
        )


class RegionView(TerritoryPageMixin, DetailView):
    model = Region
    slug_field = slug_url_kwarg = "code"
    template_name = "territory/region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stats"] = region_stats(self.object)
        context["departments"] = self.object.departments.annotate(
            qpv_count=Count("qpvs", filter=Q(qpvs__list_year=2024), distinct=True)
        )
        return context


class DepartmentView(TerritoryPageMixin, DetailView):
    model = Department
    slug_field = slug_url_kwarg = "code"
    template_name = "territory/department.html"

    def breadcrumb_parents(self):
        return [self.object.region]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dep = self.object
        context["epcis"] = (
            EPCI.objects.filter(communes__department=dep)
            .annotate(commune_count=Count("communes", filter=Q(communes__department=dep), distinct=True))
            .order_by("name")
        )
        context["qpvs"] = dep.qpvs.order_by("-list_year", "code")
        context["city_contracts"] = dep.city_contracts.select_related("epci")
        return context


class EPCIView(TerritoryPageMixin, DetailView):
    model = EPCI
    slug_field = slug_url_kwarg = "siren"
    template_name = "territory/epci.html"

    def breadcrumb_parents(self):
        department = Department.objects.filter(communes__epci=self.object).select_related("region").first()
        return [department.region, department] if department else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["communes"] = self.object.communes.filter(kind=Commune.Kind.CURRENT).annotate(
            qpv_count=Count("qpvs", distinct=True)
        )
        context["qpvs"] = self.object.qpvs.order_by("-list_year", "code")
        context["city_contracts"] = self.object.city_contracts.all()
        context["linked_directory"] = linked_directory(epcis=[self.object])
        return context


class CommuneView(TerritoryPageMixin, DetailView):
    queryset = Commune.objects.select_related("department__region", "epci", "parent")
    template_name = "territory/commune.html"

    def breadcrumb_parents(self):
        parents = [self.object.department.region, self.object.department]
        return parents + ([self.object.epci] if self.object.epci else [])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["qpvs"] = self.object.qpvs.order_by("-list_year", "code")
        context["city_contracts"] = self.object.city_contracts.all()
        context["linked_directory"] = linked_directory(communes=[self.object])
        return context


class QPVView(TerritoryPageMixin, DetailView):
    queryset = QPV.objects.select_related("department__region")
    slug_field = slug_url_kwarg = "code"
    template_name = "territory/qpv.html"

    def breadcrumb_parents(self):
        return [self.object.department.region, self.object.department]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["communes"] = self.object.communes.all()
        context["epcis"] = self.object.epcis.all()
        context["city_contracts"] = self.object.city_contracts.all()
        context["renewal_projects"] = self.object.renewal_projects.all()
        context["linked_directory"] = linked_directory(qpvs=[self.object])
        return context


class CityContractView(TerritoryPageMixin, DetailView):
    queryset = CityContract.objects.select_related("epci")
    slug_field = slug_url_kwarg = "code"
    template_name = "territory/city_contract.html"

    def breadcrumb_parents(self):
        department = self.object.departments.select_related("region").first()
        return [department.region, department] if department else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        context["qpvs"] = contract.qpvs.order_by("code")
        context["communes"] = contract.communes.all()
        context["departments"] = contract.departments.all()
        context["replaces"] = contract.replaces.all()
        context["replaced_by"] = contract.replaced_by.all()
        context["roles"] = contract.citycontractrole_set.select_related("organisation")
        context["linked_directory"] = linked_directory(
            qpvs=list(context["qpvs"]), communes=list(context["communes"])
        )
        return context


class RenewalProjectListView(StaffRequiredMixin, ListView):
    template_name = "territory/renewal_project_list.html"
    paginate_by = 50

    def get_queryset(self):
        return RenewalProject.objects.prefetch_related("qpvs__department")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Projets de renouvellement urbain (NPNRU)",
            breadcrumb_data=crumbs("Projets NPNRU"),
            **kwargs,
        )


class RenewalProjectView(TerritoryPageMixin, DetailView):
    queryset = RenewalProject.objects.prefetch_related("qpvs__department")
    template_name = "territory/renewal_project.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb_data"]["links"].append(
            {"url": reverse("territory:renewal_projects"), "title": "Projets NPNRU"}
        )
        context["linked_directory"] = linked_directory(qpvs=list(self.object.qpvs.all()))
        return context
