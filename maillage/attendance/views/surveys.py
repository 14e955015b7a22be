"""The satisfaction survey: the public answer page (signed link) and the staff results and exports."""

from functools import cached_property

from django.contrib import messages
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from maillage.attendance import surveys
from maillage.attendance.forms import SurveyForm
from maillage.attendance.views.common import SessionStaffMixin, safe_url
from maillage.core.exports import export_response
from maillage.core.permissions import StaffRequiredMixin
from maillage.participation.models import Registration
from maillage.programme.models import Action


class SurveyAnswerView(TemplateView):
    """Public page reached by the signed link of the survey email. Shows no personal data."""

    template_name = "attendance/survey_answer.html"

    @cached_property
    def registration(self):
        try:
            registration_id = surveys.read_survey_token(self.kwargs["token"])
        except signing.SignatureExpired:
            self.link_error = "Ce lien a expiré : le questionnaire n'est plus ouvert."
            return None
        except signing.BadSignature:
            self.link_error = (
                "Ce lien n'est pas valide. Vérifiez qu'il a été copié en entier depuis le courriel."
            )
            return None
        registration = (
            Registration.objects.select_related("session__action").filter(pk=registration_id).first()
        )
        if registration is None:
            self.link_error = "Cette inscription n'existe plus : le questionnaire n'est plus ouvert."
        return registration

    def get_context_data(self, **kwargs):
        context = super().get_context_data(title="Questionnaire de satisfaction", **kwargs)
        registration = self.registration
        context["link_error"] = getattr(self, "link_error", "")
        if registration is not None:
            context["session"] = registration.session
            context["already"] = hasattr(registration, "survey_response")
            if not context["already"]:
                questionnaire = surveys.default_questionnaire()
                context["questionnaire"] = questionnaire
                context.setdefault("form", SurveyForm(questionnaire=questionnaire))
        return context

    def get(self, request, *args, **kwargs):
        context = self.get_context_data()
        return self.render_to_response(context, status=400 if context["link_error"] else 200)

    def post(self, request, *args, **kwargs):
        registration = self.registration
        if registration is None:
            return self.render_to_response(self.get_context_data(), status=400)
        if hasattr(registration, "survey_response"):
            return self.render_to_response(self.get_context_data())
        questionnaire = surveys.default_questionnaire()
        form = SurveyForm(request.POST, questionnaire=questionnaire)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        _response, created = surveys.record_response(registration, questionnaire, form.answers())
        return self.render_to_response(
            {**self.get_context_data(), "thanks": created, "already": not created, "form": None}
        )


def results_context(registrations, *, sent_at=None) -> dict:
    participants = registrations.count()
    responses = surveys.responses_for(registrations).count()
    return {
        "results": surveys.results(registrations),
        "responses": responses,
        "participants": participants,
        "response_rate": round(100 * responses / participants) if participants else None,
        "sent_at": sent_at,
    }


class SessionSurveyView(SessionStaffMixin, TemplateView):
    template_name = "attendance/survey_results.html"
    page_title = "Questionnaire de satisfaction"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recipients = surveys.survey_recipients(self.session)
        registrations = Registration.objects.filter(
            session=self.session, status=Registration.Status.CONFIRMED
        )
        context.update(results_context(registrations, sent_at=self.session.survey_sent_at))
        context.update(
            scope="séance",
            export_url=reverse("attendance:session_survey_export", args=[self.session.pk]),
            can_send=self.session.survey_sent_at is None and self.session.ends_at <= timezone.now(),
            pending_recipients=recipients.count(),
            action_results_url=reverse("attendance:action_survey", args=[self.session.action_id]),
        )
        return context


class SessionSurveySendView(SessionStaffMixin, View):
    """Send the survey of a finished session now, instead of waiting for the daily task."""

    def post(self, request, *args, **kwargs):
        session = self.session
        if session.ends_at > timezone.now():
            messages.error(request, "La séance n'est pas terminée : le questionnaire partira après.")
        elif session.survey_sent_at:
            messages.info(request, "Le questionnaire de cette séance a déjà été envoyé.")
        else:
            count = surveys.send_session_surveys(session)
            messages.success(
                request, f"Questionnaire envoyé à {count} participant·e{'s' if count > 1 else ''}."
            )
        return HttpResponseRedirect(reverse("attendance:session_survey", args=[session.pk]))


class ActionSurveyView(StaffRequiredMixin, TemplateView):
    template_name = "attendance/survey_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = get_object_or_404(Action, pk=self.kwargs["pk"])
        registrations = Registration.objects.filter(
            session__action=action, status=Registration.Status.CONFIRMED
        )
        context.update(results_context(registrations))
        links = [
            {"url": url, "title": t}
            for t, url in (
                ("Programme", safe_url("programme:index")),
                (action.title, safe_url("programme:action", action.pk)),
            )
            if url
        ]
        context.update(
            action=action,
            scope="action",
            title=f"Questionnaire de satisfaction — {action.title}",
            page_title="Questionnaire de satisfaction",
            breadcrumb_data={"links": links, "current": "Questionnaire de satisfaction"},
            export_url=reverse("attendance:action_survey_export", args=[action.pk]),
            sessions=[
                {
                    "session": s,
                    "url": reverse("attendance:session_survey", args=[s.pk]),
                    "responses": surveys.response_count(s),
                }
                for s in action.sessions.all()
            ],
        )
        return context


class SessionSurveyExportView(SessionStaffMixin, View):
    def get(self, request, *args, **kwargs):
        header, rows = surveys.export_table(Registration.objects.filter(session=self.session))
        name = f"questionnaire-{self.session.date:%Y-%m-%d}-seance-{self.session.pk}"
        return export_response(request.GET.get("format", "csv"), name, header, rows)


class ActionSurveyExportView(StaffRequiredMixin, View):
    def get(self, request, pk):
        action = get_object_or_404(Action, pk=pk)
        header, rows = surveys.export_table(Registration.objects.filter(session__action=action))
        return export_response(
            request.GET.get("format", "csv"), f"questionnaire-action-{action.pk}", header, rows
        )
