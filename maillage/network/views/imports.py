from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from maillage.core.tabular import TabularError, read_table
from maillage.network.forms import ImportMappingForm, ImportUploadForm
from maillage.network.import_mapping import TARGETS, guess_mapping, mapping_errors
from maillage.network.imports import ImportRefused, apply_batch, build_plan, load_table
from maillage.network.models import ImportBatch
from maillage.network.views.common import NetworkPageMixin, breadcrumb


def imports_link():
    return ("Imports", reverse("network:imports"))


class ImportListView(NetworkPageMixin, ListView):
    template_name = "network/import_list.html"
    title = "Imports de l'annuaire"
    section = "network:imports"
    paginate_by = 30

    def get_breadcrumb(self):
        return breadcrumb("Imports")

    def get_queryset(self):
        return ImportBatch.objects.defer("data").select_related("created_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(targets=[label for label, _ in TARGETS.values()], **kwargs)


class ImportUploadView(NetworkPageMixin, FormView):
    template_name = "network/import_upload.html"
    form_class = ImportUploadForm
    title = "Importer un fichier"
    section = "network:imports"

    def get_breadcrumb(self):
        return breadcrumb(self.title, imports_link())

    def get_context_data(self, **kwargs):
        limit = settings.MAILLAGE_IMPORT_MAX_BYTES / 1_048_576
        return super().get_context_data(limit_mb=f"{limit:.0f}", targets=TARGETS.values(), **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = read_table(data, max_bytes=settings.MAILLAGE_IMPORT_MAX_BYTES, filename=upload.name)
        except TabularError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        if not table.rows:
            form.add_error("file", "Le fichier ne contient aucune ligne de données sous l'en-tête.")
            return self.form_invalid(form)
        ImportBatch.objects.stale().delete()
        batch = ImportBatch.objects.create(
            filename=upload.name[:255],
            data=data,
            size=len(data),
            header=table.header,
            mapping=guess_mapping(table.header),
            created_by=self.request.user,
        )
        return redirect("network:import_mapping", pk=batch.pk)


class BatchMixin(NetworkPageMixin):
    section = "network:imports"

    def prepare(self, request, *args, **kwargs):
        self.batch = get_object_or_404(ImportBatch, pk=kwargs["pk"])
        if self.batch.is_applied and not getattr(self, "allow_applied", False):
            messages.info(request, "Ce fichier a déjà été importé.")
            return redirect("network:import_preview", pk=self.batch.pk)
        return None

    def get_breadcrumb(self):
        return breadcrumb(self.get_title(), imports_link())

    def read(self):
        try:
            return load_table(self.batch), None
        except TabularError as exc:
            return None, str(exc)


class ImportMappingView(BatchMixin, FormView):
    template_name = "network/import_mapping.html"
    form_class = ImportMappingForm

    def get_title(self):
        return f"Colonnes du fichier « {self.batch.filename} »"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "header": self.batch.header,
            "mapping": self.batch.mapping,
            "targets": TARGETS,
        }

    def get_context_data(self, **kwargs):
        table, error = self.read()
        sample = [[row.get(c, "") for c in self.batch.header] for _, row in table.rows[:5]] if table else []
        return super().get_context_data(
            batch=self.batch,
            sample=sample,
            read_error=error,
            row_count=len(table.rows) if table else 0,
            **kwargs,
        )

    def form_valid(self, form):
        mapping = form.mapping()
        errors = mapping_errors(mapping)
        if errors:
            for error in errors:
                form.add_error(None, error)
            return self.form_invalid(form)
        self.batch.mapping = mapping
        self.batch.save(update_fields=["mapping"])
        return redirect("network:import_preview", pk=self.batch.pk)


class ImportPreviewView(BatchMixin, TemplateView):
    """The dry run (nothing is written), or the summary of an applied batch."""

    template_name = "network/import_preview.html"
    allow_applied = True

    def get_title(self):
        verb = "Bilan de l'import" if self.batch.is_applied else "Simulation de l'import"
        return f"{verb} « {self.batch.filename} »"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(batch=self.batch, **kwargs)
        if self.batch.is_applied:
            return context
        table, error = self.read()
        if table is None:
            return {**context, "read_error": error}
        plan = build_plan(table, self.batch.mapping)
        show = self.request.GET.get("lignes", "")
        rows = [r for r in plan.rows if r.action == show] if show else plan.rows
        return {
            **context,
            "plan": plan,
            "summary": plan.summary(),
            "rows": rows,
            "show": show,
            "mapped": [
                (c, TARGETS[self.batch.mapping[c]][0]) for c in self.batch.header if self.batch.mapping.get(c)
            ],
        }


class ImportApplyView(BatchMixin, View):
    allow_applied = True

    def post(self, request, pk):
        try:
            plan = apply_batch(self.batch)
        except ImportRefused as exc:
            messages.error(request, str(exc))
            return redirect("network:import_preview", pk=self.batch.pk)
        except TabularError as exc:
            messages.error(request, f"Fichier illisible : {exc}")
            return redirect("network:import_preview", pk=self.batch.pk)
        summary = plan.summary()
        messages.success(
            request,
            f"Import terminé : {summary['personnes_creees']} personne(s) créée(s), "
            f"{summary['personnes_mises_a_jour']} mise(s) à jour, {summary['doublons']} doublon(s) regroupé(s), "
            f"{summary['organisations_creees']} organisation(s) créée(s).",
        )
        return redirect("network:import_preview", pk=self.batch.pk)
