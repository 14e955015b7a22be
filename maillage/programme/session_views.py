"""Staff pages of sessions: detail (with registration and attendance panels), create, edit, calendar."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.permissions import StaffRequiredMixin
from maillage.participation.services.registration import promote_waiting
from maillage.programme.forms import SessionForm
from maillage.programme.models import Action, Centre, Session
from maillage.programme.views import crumbs

PANELS = ["participation/_session_panel.html", "attendance/_session_panel.html"]


def available_panels() -> list[str]:
    panels = []
    for name in PANELS:
        try:
            get_template(name)
        except TemplateDoesNotExist:  # the app providing this panel is not installed
            pass
        else:
            panels.append(name)
    return panels


class SessionDetailView(StaffRequiredMixin, DetailView):
    queryset = Session.objects.select_related("action__programme__centre", "commune", "status_cause")
    template_name = "programme/session.html"

    def get_context_data(self, **kwargs):
        session = self.object
        return super().get_context_data(
            title=str(session),
            breadcrumb_data=crumbs(str(session), session.action.programme, session.action),
            session=session,
            panels=available_panels(),
            **kwargs,
        )


class SessionCreateView(StaffRequiredMixin, CreateView):
    model = Session
    form_class = SessionForm
    template_name = "programme/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(Action, pk=kwargs["action_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        title = f"Nouvelle séance — {self.action}"
        return super().get_context_data(
            title=title,
            breadcrumb_data=crumbs("Nouvelle séance", self.action.programme, self.action),
            **kwargs,
        )

    def form_valid(self, form):
        form.instance.action = self.action
        messages.success(self.request, "Séance enregistrée.")
        return super().form_valid(form)


class SessionUpdateView(StaffRequiredMixin, UpdateView):
    model = Session
    form_class = SessionForm
    template_name = "programme/form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Séance enregistrée.")
        if "capacity" in form.changed_data:
            # Seats freed by a larger capacity go to the waiting list, who are told by email.
            promoted = promote_waiting(self.object)
            if promoted:
                messages.info(self.request, f"{len(promoted)} personne(s) de la liste d'attente inscrite(s).")
        return response

    def get_context_data(self, **kwargs):
        title = f"Modifier la séance du {self.object.date:%d/%m/%Y}"
        action = self.object.action
        return super().get_context_data(
            title=title, breadcrumb_data=crumbs(title, action.programme, action), **kwargs
        )


class CalendarView(StaffRequiredMixin, ListView):
    """Sessions month by month, filterable by centre and format."""

    template_name = "programme/calendar.html"
    context_object_name = "sessions"

    def month(self) -> datetime.date:
        try:
            return datetime.date.fromisoformat(self.request.GET.get("mois", "") + "-01")
        except ValueError:
            return timezone.localdate().replace(day=1)

    def get_queryset(self):
        start = self.month()
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        sessions = Session.objects.filter(date__gte=start, date__lt=end).select_related(
            "action__programme__centre"
        )
        if centre := self.request.GET.get("centre"):
            sessions = sessions.filter(action__programme__centre__slug=centre)
        if fmt := self.request.GET.get("format"):
            sessions = sessions.filter(format=fmt)
        return sessions

    def get_context_data(self, **kwargs):
        month = self.month()
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        return super().get_context_data(
            title="Calendrier des séances",
            breadcrumb_data=crumbs("Calendrier"),
            month=month,
            previous=previous,
            following=following,
            centres=Centre.objects.filter(is_active=True),
            formats=Session.Format.choices,
            **kwargs,
        )
