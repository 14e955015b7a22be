"""Staff pages of the library: list and search everything, create, edit, publish, upload, jobs, retry."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.permissions import StaffRequiredMixin
from maillage.library.forms import ResourceForm, UploadForm
from maillage.library.models import IngestionJob, Resource, ResourceFile
from maillage.library.services import indexing, ingestion
from maillage.library.services.catalogue import run_search


def _crumbs(current, *links):
    return {
        "links": [{"url": reverse_lazy("library:staff_list"), "title": "Médiathèque"}, *links],
        "current": current,
    }


class StaffSearchView(StaffRequiredMixin, View):
    def get(self, request):
        from django.shortcuts import render

        context = run_search(request.GET, published_only=False)
        context.update(title="Médiathèque", staff=True, breadcrumb_data=None)
        return render(request, "library/staff_list.html", context)


class ResourceCreateView(StaffRequiredMixin, CreateView):
    model = Resource
    form_class = ResourceForm
    template_name = "library/form.html"
    extra_context = {"title": "Nouvelle ressource", "breadcrumb_data": _crumbs("Nouvelle ressource")}

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        indexing.reindex([self.object])
        messages.success(self.request, "Ressource créée (brouillon). Ajoutez ses fichiers puis publiez-la.")
        return response

    def get_success_url(self):
        return self.object.get_staff_url()


class ResourceUpdateView(StaffRequiredMixin, UpdateView):
    model = Resource
    form_class = ResourceForm
    template_name = "library/form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"Modifier « {self.object} »"
        context["breadcrumb_data"] = _crumbs("Modifier")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        indexing.reindex([self.object])
        messages.success(self.request, "Ressource enregistrée.")
        return response

    def get_success_url(self):
        return self.object.get_staff_url()


class ResourceStaffView(StaffRequiredMixin, DetailView):
    model = Resource
    template_name = "library/staff_detail.html"
    context_object_name = "resource"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.object.title
        context["breadcrumb_data"] = _crumbs(self.object.title[:60])
        context["files"] = self.object.files.prefetch_related("jobs")
        context["upload_form"] = UploadForm()
        return context


class PublishView(StaffRequiredMixin, View):
    publish = True

    def post(self, request, pk):
        resource = get_object_or_404(Resource, pk=pk)
        resource.publish() if self.publish else resource.unpublish()
        indexing.reindex([resource])
        messages.success(
            request, "Ressource publiée." if self.publish else "Ressource retirée de la publication."
        )
        return redirect(resource.get_staff_url())


class UploadView(StaffRequiredMixin, View):
    def post(self, request, pk):
        resource = get_object_or_404(Resource, pk=pk)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            jobs = ingestion.attach(resource, form.cleaned_data["files"], request.user)
            messages.success(
                request, f"{len(jobs)} fichier(s) en cours d'analyse : suivez l'avancement ci-dessous."
            )
        else:
            messages.error(request, "Choisissez au moins un fichier.")
        return redirect(resource.get_staff_url())


class ApplySuggestionsView(StaffRequiredMixin, View):
    def post(self, request, pk):
        record = get_object_or_404(ResourceFile.objects.select_related("resource"), pk=pk)
        changed = ingestion.apply_suggestions(record.resource, record)
        if changed:
            messages.success(request, "Suggestions reprises : " + ", ".join(changed) + ".")
        else:
            messages.info(request, "Rien à reprendre : les champs sont déjà remplis.")
        return redirect(record.resource.get_staff_url())


class JobListView(StaffRequiredMixin, ListView):
    template_name = "library/jobs.html"
    paginate_by = 50
    extra_context = {"title": "Traitements des fichiers", "breadcrumb_data": _crumbs("Traitements")}

    def get_queryset(self):
        jobs = IngestionJob.objects.select_related("file__resource")
        if self.request.GET.get("etat") in IngestionJob.Status.values:
            jobs = jobs.filter(status=self.request.GET["etat"])
        return jobs


class RetryView(StaffRequiredMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(IngestionJob, pk=pk)
        if job.can_retry:
            ingestion.retry(job)
            messages.success(request, "Traitement relancé.")
        else:
            messages.error(request, "Ce traitement ne peut pas être relancé maintenant.")
        return redirect(request.POST.get("next") or reverse_lazy("library:jobs"))
