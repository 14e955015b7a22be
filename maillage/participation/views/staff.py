"""Staff pages: registration lists per session and per action, decisions, exports, organisations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from maillage.core.exports import export_response
from maillage.core.permissions import StaffRequiredMixin
from maillage.network.models import Organisation
from maillage.participation import exports
from maillage.participation.forms import RegistrationFilterForm, RegistrationForm, ResolveOrganisationForm
from maillage.participation.models import Registration
from maillage.participation.services import RegistrationRefused, approve, cancel, register, reject
from maillage.participation.services.matching import organisation_candidates
from maillage.participation.services.organisations import resolve_organisation
from maillage.participation.services.registration import promote_waiting
from maillage.programme.models import Action, Session

PAGE_SIZE = 50


def session_link(session) -> tuple[str, str]:
    try:
        return (str(session), session.get_absolute_url())
    except Exception:  # the staff session page (programme app) is not there yet
        return (str(session), session.get_public_url())


def breadcrumb(current: str, *items: tuple[str, str]) -> dict:
    return {"links": [{"url": url, "title": title} for title, url in items], "current": current}


def registration_queryset():
    return Registration.objects.select_related(
        "person", "organisation", "commune", "session__action"
    ).order_by("session__date", "created_at", "pk")


class StaffPage(StaffRequiredMixin):
    """Objects are loaded only once permission is granted: anonymous users never see a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.test_func():
            self.prepare(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        pass


class RegistrationListMixin(StaffPage):
    template_name = "participation/staff/registrations.html"
    export_name = ""

    def registrations(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        form = RegistrationFilterForm(request.GET or None)
        registrations = form.filter(self.registrations())
        fmt = kwargs.get("fmt")
        if fmt is not None:
            if fmt not in ("csv", "xlsx"):
                raise Http404("Format d'export inconnu.")
            return export_response(fmt, self.export_name, exports.HEADER, exports.rows(registrations))
        return super().get(request, *args, filter_form=form, registrations=registrations, **kwargs)

    def get_context_data(self, *, filter_form, registrations, **kwargs):
        page = Paginator(registrations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=filter_form,
            page_obj=page,
            registrations=page.object_list,
            querystring=query.urlencode(),
            statuses=Registration.Status,
            **kwargs,
        )


class SessionRegistrationsView(RegistrationListMixin, TemplateView):
    def prepare(self, pk, **kwargs):
        self.session = get_object_or_404(Session.objects.select_related("action"), pk=pk)
        self.export_name = f"inscriptions-seance-{self.session.pk}"

    def registrations(self):
        return registration_queryset().filter(session=self.session)

    def get_context_data(self, **kwargs):
        session = self.session
        title = f"Inscriptions — {session}"
        return super().get_context_data(
            title=title,
            session=session,
            action=session.action,
            export_base=reverse("participation:session_registrations", args=[session.pk]),
            add_url=reverse("participation:staff_register", args=[session.pk]),
            breadcrumb_data=breadcrumb(
                "Inscriptions", (str(session.action), _action_url(session.action)), session_link(session)
            ),
            **kwargs,
        )


class ActionRegistrationsView(RegistrationListMixin, TemplateView):
    def prepare(self, pk, **kwargs):
        self.action = get_object_or_404(Action, pk=pk)
        self.export_name = f"inscriptions-action-{self.action.pk}"

    def registrations(self):
        return registration_queryset().filter(session__action=self.action)

    def get_context_data(self, **kwargs):
        action = self.action
        return super().get_context_data(
            title=f"Inscriptions — {action}",
            action=action,
            sessions=action.sessions.all(),
            show_session=True,
            export_base=reverse("participation:action_registrations", args=[action.pk]),
            breadcrumb_data=breadcrumb("Inscriptions", (str(action), _action_url(action))),
            **kwargs,
        )


def _action_url(action) -> str:
    try:
        return action.get_absolute_url()
    except Exception:  # the staff action page (programme app) is not there yet
        return reverse("participation:action_registrations", args=[action.pk])


DECISIONS = {
    "valider": (approve, "Inscription validée : la personne est prévenue par courriel."),
    "refuser": (reject, "Inscription refusée : la personne est prévenue par courriel."),
    "annuler": (
        lambda r: cancel(r, by_staff=True),
        "Inscription annulée ; la première personne en attente a reçu la place libérée.",
    ),
}


class RegistrationDecisionView(StaffPage, View):
    """POST only: approve, reject or cancel one registration, then back to the list."""

    http_method_names = ["post"]

    def prepare(self, pk, decision, **kwargs):
        if decision not in DECISIONS:
            raise Http404
        self.registration = get_object_or_404(Registration, pk=pk)

    def post(self, request, pk, decision):
        function, message = DECISIONS[decision]
        if function(self.registration):
            messages.success(request, message)
        else:
            messages.warning(request, "Rien à faire : le statut de cette inscription a déjà changé.")
        return redirect(_back(request, self.registration.session_id))


def _back(request, session_id) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return reverse("participation:session_registrations", args=[session_id])


class PromoteWaitingView(StaffPage, View):
    http_method_names = ["post"]

    def prepare(self, pk, **kwargs):
        self.session = get_object_or_404(Session, pk=pk)

    def post(self, request, pk):
        promoted = promote_waiting(self.session)
        if promoted:
            messages.success(
                request, f"{len(promoted)} personne(s) quittent la liste d'attente et sont prévenues."
            )
        else:
            messages.info(request, "Aucune place libre, ou personne en liste d'attente.")
        return redirect(_back(request, pk))


class StaffRegisterView(StaffPage, FormView):
    """Staff register someone (phone call, email): same rules, even when the public form is closed."""

    template_name = "participation/staff/register.html"
    form_class = RegistrationForm

    def prepare(self, pk, **kwargs):
        self.session = get_object_or_404(Session.objects.select_related("action"), pk=pk)

    def form_valid(self, form):
        try:
            result = register(
                self.session,
                form.applicant(),
                source=Registration.Source.STAFF,
                submission_key=form.cleaned_data["submission_key"],
                check_open=False,
            )
        except RegistrationRefused as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        status = result.first.get_status_display()
        messages.success(request=self.request, message=f"Inscription enregistrée ({status}).")
        return redirect("participation:session_registrations", self.session.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=f"Inscrire une personne — {self.session}",
            session=self.session,
            breadcrumb_data=breadcrumb(
                "Inscrire une personne",
                session_link(self.session),
                ("Inscriptions", reverse("participation:session_registrations", args=[self.session.pk])),
            ),
            **kwargs,
        )


class OrganisationsToResolveView(StaffPage, TemplateView):
    template_name = "participation/staff/to_resolve.html"

    def get_context_data(self, **kwargs):
        registrations = (
            registration_queryset()
            .with_declared_organisation()
            .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.REJECTED])
        )
        page = Paginator(registrations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            title="Organisations déclarées à rapprocher de l'annuaire",
            page_obj=page,
            registrations=page.object_list,
            breadcrumb_data=breadcrumb("Organisations à rapprocher"),
            **kwargs,
        )


class ResolveOrganisationView(StaffPage, FormView):
    template_name = "participation/staff/resolve.html"
    form_class = ResolveOrganisationForm

    def prepare(self, pk, **kwargs):
        self.registration = get_object_or_404(registration_queryset(), pk=pk)

    def candidates(self):
        query = self.request.GET.get("q", "").strip() or self.registration.organisation_name
        ids = [o.pk for o in organisation_candidates(query)]
        return Organisation.objects.filter(Q(pk__in=ids)).order_by("name")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"candidates": self.candidates()}

    def form_valid(self, form):
        organisation = resolve_organisation(
            self.registration, form.cleaned_data["organisation"], create_kind=form.cleaned_data["kind"]
        )
        messages.success(self.request, f"Inscription rattachée à « {organisation} ».")
        return redirect(_back(self.request, self.registration.session_id))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Rapprocher l'organisation déclarée",
            registration=self.registration,
            query=self.request.GET.get("q", ""),
            breadcrumb_data=breadcrumb(
                "Rapprocher l'organisation",
                ("Organisations à rapprocher", reverse("participation:to_resolve")),
            ),
            **kwargs,
        )
