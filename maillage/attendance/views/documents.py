"""Printing: attendance sheet, certificates (one, all in one PDF, all in a zip) and the attendance page."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from maillage.attendance import documents, marking
from maillage.attendance.views.checkin import checkin_rows
from maillage.attendance.views.common import SessionStaffMixin
from maillage.core.permissions import StaffRequiredMixin
from maillage.participation.models import Registration


def file_response(content: bytes, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class SessionAttendanceView(SessionStaffMixin, TemplateView):
    """Attendance of one session at a glance: counts, links, and who was present when."""

    template_name = "attendance/session.html"
    page_title = "Présences"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = checkin_rows(self.session)
        context["slots"] = [{"code": s, "label": marking.slot_label(s)} for s in self.session.half_day_slots]
        return context


class AttendanceSheetView(SessionStaffMixin, View):
    def get(self, request, *args, **kwargs):
        try:
            blank = int(request.GET.get("vierges", documents.DEFAULT_BLANK_ROWS))
        except ValueError:
            blank = documents.DEFAULT_BLANK_ROWS
        pdf = documents.attendance_sheet_pdf(self.session, blank_rows=blank)
        name = f"emargement-{documents.session_slug(self.session)}.pdf"
        return file_response(pdf, "application/pdf", name, inline=True)


class CertificatesZipView(SessionStaffMixin, View):
    def get(self, request, *args, **kwargs):
        content = documents.certificates_zip(self.session)
        name = f"attestations-{documents.session_slug(self.session)}.zip"
        return file_response(content, "application/zip", name)


class CertificatesPdfView(SessionStaffMixin, View):
    def get(self, request, *args, **kwargs):
        content = documents.certificates_pdf(self.session)
        name = f"attestations-{documents.session_slug(self.session)}.pdf"
        return file_response(content, "application/pdf", name, inline=True)


class CertificateView(StaffRequiredMixin, View):
    def get(self, request, pk):
        registration = get_object_or_404(
            Registration.objects.select_related(
                "person", "organisation", "session__action__programme__centre"
            ),
            pk=pk,
        )
        return file_response(
            documents.certificate_pdf(registration),
            "application/pdf",
            documents.certificate_filename(registration),
            inline=True,
        )
