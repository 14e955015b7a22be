"""Public pages: search, resource page with downloads and citation, downloads. No sign-in."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, TemplateView

from maillage.core.breadcrumbs import short
from maillage.library.models import Resource, ResourceFile
from maillage.library.services.catalogue import citation, run_search


class SearchView(TemplateView):
    template_name = "library/search.html"
    published_only = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(run_search(self.request.GET, published_only=self.published_only))
        context["title"] = "Ressources"
        return context


class ResourceView(DetailView):
    template_name = "library/resource.html"
    context_object_name = "resource"

    def get_queryset(self):
        return Resource.objects.published().prefetch_related(
            "subjects",
            "creator_organisations",
            "creator_people",
            "regions",
            "departments",
            "communes",
            "qpvs",
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return redirect(self.object.get_absolute_url(), permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        resource = self.object
        context["title"] = resource.title
        context["files"] = resource.files.filter(is_public=True, status=ResourceFile.Status.INDEXED)
        context["citation"] = citation(resource, self.request)
        context["breadcrumb_data"] = {
            "links": [{"url": "/ressources/", "title": "Ressources"}],
            "current": short(resource.title),
        }
        return context


def _public_file(request, pk):
    record = get_object_or_404(ResourceFile.objects.select_related("resource"), pk=pk)
    staff = request.user.is_authenticated and request.user.is_staff
    if not staff and not (record.resource.is_published and record.is_public):
        raise Http404
    return record


def download(request, pk):
    record = _public_file(request, pk)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)


def download_searchable(request, pk):
    record = _public_file(request, pk)
    if not record.searchable_pdf:
        raise Http404
    name = record.original_name.rsplit(".", 1)[0] + " (texte interrogeable).pdf"
    return FileResponse(record.searchable_pdf.open("rb"), as_attachment=True, filename=name)
