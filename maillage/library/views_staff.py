"""Staff pages of the library: list and search everything, create, edit, publish, upload, jobs, retry."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.breadcrumbs import short
from maillage.core.permissions import StaffRequiredMixin
from maillage.library.forms import PageForm, ResourceForm, UploadForm
from maillage.library.models import IngestionJob, Page, Resource, ResourceFile
from maillage.library.services import indexing, ingestion, page_review
from maillage.library.services.catalogue import run_search


def _crumbs(current, *links):
    return {
        "links": [{"url": reverse_lazy("library:staff_list"), "title": "Médiathèque"}, *links],
        "current": current,
    }


class StaffSearchView(StaffRequiredMixin, View):
    def get(self, request):
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
        context["breadcrumb_data"] = _crumbs(short(self.object.title))
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


PAGES_PER_SCREEN = 10


class FileTextView(StaffRequiredMixin, View):
    """The text of a file's pages, with what the OCR repair changed shown against the raw OCR."""

    def get(self, request, pk):
        record = get_object_or_404(ResourceFile.objects.select_related("resource"), pk=pk)
        pages = Paginator(record.pages.select_related("edited_by"), PAGES_PER_SCREEN).get_page(
            request.GET.get("page")
        )
        for page in pages:
            page.segments = page_review.word_diff(page.raw_text, page.text) if page.raw_text else None
        resource = record.resource
        return render(
            request,
            "library/file_text.html",
            {
                "title": f"Texte de {record.original_name}",
                "breadcrumb_data": _crumbs(
                    "Texte des pages",
                    {"url": resource.get_staff_url(), "title": short(resource.title)},
                ),
                "record": record,
                "pages": pages,
            },
        )


class PageEditView(StaffRequiredMixin, View):
    """Correct a page's text by hand; the resource is reindexed at once."""

    def get(self, request, pk):
        self.page = self._page(pk)
        form = PageForm(initial={"text": self.page.text, "checksum": page_review.checksum(self.page.text)})
        return self._render(form)

    def post(self, request, pk):
        self.page = self._page(pk)
        form = PageForm(request.POST)
        if form.is_valid():
            try:
                changed = page_review.correct(
                    self.page, form.cleaned_data["text"], form.cleaned_data["checksum"], request.user
                )
            except page_review.PageConflict as error:
                form.add_error(None, str(error))
            else:
                if changed:
                    messages.success(
                        request, f"Page {self.page.number} corrigée ; la recherche en tient compte."
                    )
                return redirect(self._back_url())
        return self._render(form, status=400)

    @staticmethod
    def _page(pk) -> Page:
        # looked up after the permission check of dispatch(): anonymous visitors learn nothing of the ids
        return get_object_or_404(Page.objects.select_related("file__resource"), pk=pk)

    def _back_url(self) -> str:
        number = (self.page.number - 1) // PAGES_PER_SCREEN + 1
        url = reverse_lazy("library:file_text", args=[self.page.file_id])
        return f"{url}?page={number}#page-{self.page.number}"

    def _render(self, form, status=200):
        record = self.page.file
        return render(
            self.request,
            "library/page_form.html",
            {
                "title": f"Corriger la page {self.page.number}",
                "breadcrumb_data": _crumbs(
                    f"Page {self.page.number}",
                    {"url": record.resource.get_staff_url(), "title": short(record.resource.title)},
                    {"url": reverse_lazy("library:file_text", args=[record.pk]), "title": "Texte des pages"},
                ),
                "page": self.page,
                "form": form,
                "back_url": self._back_url(),
            },
            status=status,
        )
