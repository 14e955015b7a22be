"""Connection logs of remote sessions: import, review, and resolve the rows that matched nobody."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from maillage.attendance import connection_logs, marking
from maillage.attendance.forms import ConnectionLogForm, LinkRowForm, WalkInForm
from maillage.attendance.models import ConnectionLog, ConnectionLogRow
from maillage.attendance.views.common import SessionStaffMixin, session_breadcrumb
from maillage.core.permissions import StaffRequiredMixin


class ConnectionLogUploadView(SessionStaffMixin, FormView):
    template_name = "attendance/log_upload.html"
    form_class = ConnectionLogForm
    page_title = "Journaux de connexion"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logs"] = self.session.connection_logs.select_related("imported_by")
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        threshold = Decimal(form.cleaned_data["threshold"]) / 100
        try:
            report = connection_logs.import_log(
                self.session,
                upload.read(),
                filename=upload.name,
                threshold=threshold,
                user=self.request.user,
                max_bytes=settings.MAILLAGE_IMPORT_MAX_BYTES,
            )
        except connection_logs.ConnectionLogError as error:
            return self.render_to_response(self.get_context_data(form=form, errors=error.errors), status=422)
        counts = ", ".join(f"{marking.slot_label(s)} : {n}" for s, n in report.marked.items())
        messages.success(
            self.request,
            f"{report.rows} ligne{'s' if report.rows > 1 else ''} importée{'s' if report.rows > 1 else ''}, "
            f"{report.unmatched} à rapprocher. Présents d'après le journal — {counts}.",
        )
        return HttpResponseRedirect(reverse("attendance:log", args=[report.log.pk]))


class ConnectionLogDetailView(StaffRequiredMixin, TemplateView):
    template_name = "attendance/log_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log = get_object_or_404(ConnectionLog.objects.select_related("session__action"), pk=self.kwargs["pk"])
        session = log.session
        groups = connection_logs.unmatched_groups(log)
        for group in groups:
            first, last = connection_logs.split_name(group["name"])
            group["link_form"] = LinkRowForm(session=session, prefix=f"r{group['first'].pk}")
            group["walk_in_form"] = WalkInForm(
                session=session,
                prefix=f"w{group['first'].pk}",
                initial={"first_name": first, "last_name": last, "email": group["email"]},
            )
        rows = log.rows.select_related("registration__person")
        context.update(
            log=log,
            session=session,
            title=f"Journal {log.filename} — {session}",
            page_title=f"Journal de connexion « {log.filename} »",
            breadcrumb_data=session_breadcrumb(session, "Journal de connexion"),
            groups=groups,
            rows=rows,
            matched=rows.filter(registration__isnull=False).count(),
            ignored=rows.filter(ignored=True).count(),
            summary=marking.summary(session),
            threshold_percent=int(log.threshold * 100),
        )
        return context


class ConnectionLogRowResolveView(StaffRequiredMixin, View):
    """Resolve an unmatched row (and the other rows of the same person): link, walk-in, or ignore."""

    def post(self, request, pk):
        row = get_object_or_404(ConnectionLogRow.objects.select_related("log__session"), pk=pk)
        session = row.log.session
        action = request.POST.get("action")
        if action == "link":
            form = LinkRowForm(request.POST, session=session, prefix=f"r{row.pk}")
            if form.is_valid():
                registration = form.cleaned_data["registration"]
                count = connection_logs.link_rows(row, registration, user=request.user)
                messages.success(
                    request, f"{count} ligne(s) rapprochée(s) de {registration.person.full_name}."
                )
            else:
                messages.error(request, "Choisissez une inscription.")
        elif action == "walk_in":
            form = WalkInForm(request.POST, session=session, prefix=f"w{row.pk}")
            if form.is_valid():
                data = form.cleaned_data
                result = marking.add_walk_in(
                    session,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    user=request.user,
                )
                count = connection_logs.link_rows(row, result.registration, user=request.user)
                messages.success(
                    request,
                    f"{result.registration.person.full_name} est inscrit·e sans inscription préalable ; "
                    f"{count} ligne(s) rapprochée(s).",
                )
            else:
                messages.error(request, "Indiquez au moins le prénom et le nom de la personne.")
        elif action == "ignore":
            count = connection_logs.ignore_rows(row)
            messages.info(request, f"{count} ligne(s) écartée(s).")
        else:
            messages.error(request, "Action inconnue.")
        return HttpResponseRedirect(reverse("attendance:log", args=[row.log_id]) + "#a-rapprocher")
