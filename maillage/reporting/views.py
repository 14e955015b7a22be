"""Staff pages of the annual report: index, preview, texts, exports, versions and their comparison."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from maillage.core.exports import export_response
from maillage.core.permissions import StaffRequiredMixin
from maillage.programme.models import Centre
from maillage.reporting import services
from maillage.reporting.forms import NarrativeForm
from maillage.reporting.models import scope_label, scope_slug

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def crumbs(current, *links):
    return {
        "links": [{"url": reverse("reporting:index"), "title": "Bilan d’activité"}, *links],
        "current": current,
    }


def pdf_response(source, filename: str) -> HttpResponse:
    """A PDF download, from bytes or from a frozen version's stored file (read whole: a few hundred kB)."""
    if not isinstance(source, bytes):
        with source.pdf.open("rb") as stored:
            source = stored.read()
    response = HttpResponse(source, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class IndexView(StaffRequiredMixin, TemplateView):
    template_name = "reporting/index.html"
    extra_context = {"title": "Bilans d’activité"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, rows=services.index_rows(), breadcrumb_data={"current": "Bilan d’activité"}
        )


class ScopeMixin(StaffRequiredMixin):
    """Resolves /bilan/<year>/<volet>/: the year and the centre (None for the whole structure)."""

    def dispatch(self, request, *args, **kwargs):
        self.year = kwargs["year"]
        if kwargs.get("fmt", "csv") not in ("csv", "xlsx"):
            raise Http404("Format inconnu")
        try:
            self.centre = services.centre_for(kwargs["volet"])
        except Centre.DoesNotExist as exc:
            raise Http404("Volet inconnu") from exc
        self.volet = scope_slug(self.centre)
        return super().dispatch(request, *args, **kwargs)

    def scope_url(self, name="reporting:report", **kwargs):
        return reverse(name, kwargs={"year": self.year, "volet": self.volet, **kwargs})

    def filename(self, suffix=""):
        return f"bilan-{self.year}-{self.volet}{suffix}"


class ReportView(ScopeMixin, TemplateView):
    template_name = "reporting/report.html"

    def get_context_data(self, **kwargs):
        live = self.request.GET.get("donnees") == "actuelles"
        report = services.report_for(self.year, self.centre, live=live)
        title = f"Bilan d’activité {self.year} — {scope_label(self.centre)}"
        return super().get_context_data(
            **kwargs,
            report=report,
            live=live,
            versions=services.versions(self.year, self.centre),
            title=title,
            export_links=True,
            breadcrumb_data=crumbs(title),
        )


class NarrativeView(ScopeMixin, FormView):
    template_name = "reporting/narrative.html"
    form_class = NarrativeForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": services.narrative_for(self.year, self.centre)}

    def form_valid(self, form):
        narrative = form.save(commit=False)
        narrative.updated_by = self.request.user
        narrative.save()
        if services.latest_version(self.year, self.centre):
            messages.info(
                self.request,
                "Textes enregistrés. Le bilan adopté ne change pas : ils entreront dans un amendement.",
            )
        else:
            messages.success(self.request, "Textes du bilan enregistrés.")
        return redirect(self.scope_url())

    def get_context_data(self, **kwargs):
        title = f"Textes du bilan {self.year} — {scope_label(self.centre)}"
        report_link = {"url": self.scope_url(), "title": f"Bilan {self.year}"}
        return super().get_context_data(
            **kwargs, title=title, cancel_url=self.scope_url(), breadcrumb_data=crumbs(title, report_link)
        )


class PdfView(ScopeMixin, View):
    """The PDF: the file adopted by the Assembly when the year is frozen, otherwise generated now."""

    def get(self, request, *args, **kwargs):
        version = services.latest_version(self.year, self.centre)
        if version is not None and version.pdf:
            return pdf_response(version, self.filename(f"-v{version.number}.pdf"))
        from maillage.reporting.pdf import render_pdf

        return pdf_response(render_pdf(services.report_for(self.year, self.centre)), self.filename(".pdf"))


class DocxView(ScopeMixin, View):
    def get(self, request, *args, **kwargs):
        from maillage.reporting.docx import render_docx

        response = HttpResponse(
            render_docx(services.report_for(self.year, self.centre)), content_type=DOCX_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename(".docx")}"'
        return response


class TableExportView(ScopeMixin, View):
    def get(self, request, *args, slug, fmt, **kwargs):
        table = services.report_for(self.year, self.centre).tables().get(slug)
        if table is None:
            raise Http404("Tableau inconnu")
        header, rows = table.export()
        return export_response(fmt, self.filename(f"-{slug}"), header, rows)


class AnctExportView(ScopeMixin, View):
    def get(self, request, *args, fmt, **kwargs):
        from maillage.reporting.anct import anct_rows

        report = services.report_for(self.year, self.centre)
        header, rows = anct_rows(report.figures)
        return export_response(fmt, self.filename("-anct"), header, rows)


class VersionPdfView(ScopeMixin, View):
    def get(self, request, *args, number, **kwargs):
        version = get_object_or_404(services.versions(self.year, self.centre), number=number)
        if not version.pdf:
            raise Http404("PDF absent")
        return pdf_response(version, self.filename(f"-v{number}.pdf"))


class CompareView(ScopeMixin, TemplateView):
    template_name = "reporting/compare.html"

    def get_context_data(self, **kwargs):
        versions = list(services.versions(self.year, self.centre))
        if len(versions) < 2:
            raise Http404("Il faut deux versions pour comparer.")
        by_number = {v.number: v for v in versions}
        try:
            older = by_number[int(self.request.GET.get("de", versions[-2].number))]
            newer = by_number[int(self.request.GET.get("a", versions[-1].number))]
        except (KeyError, ValueError) as exc:
            raise Http404("Version inconnue") from exc
        title = f"Bilan {self.year} : version {older.number} et version {newer.number}"
        report_link = {"url": self.scope_url(), "title": f"Bilan {self.year}"}
        return super().get_context_data(
            **kwargs,
            title=title,
            older=older,
            newer=newer,
            versions=versions,
            differences=services.compare(older, newer),
            breadcrumb_data=crumbs(title, report_link),
        )
