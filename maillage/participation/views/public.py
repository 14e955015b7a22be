"""Public pages (no account): the agenda, a session or cycle with its registration form, the
confirmation and cancellation pages reached by signed links, and the iCalendar feed.

No personal data is ever shown here: pages reached by a signed link show statuses, not names.
"""

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from maillage.participation import agenda, ics, links, pages, ratelimit
from maillage.participation.forms import RegistrationForm
from maillage.participation.models import Registration
from maillage.participation.services import RegistrationRefused, register, seats_left
from maillage.participation.services.registration import cancel, cancel_group, sessions_to_register
from maillage.programme.models import Action


def agenda_crumb(current: str, *links_: tuple[str, str]) -> dict:
    return {
        "links": [{"url": reverse("participation:agenda"), "title": "Agenda"}]
        + [{"url": url, "title": title} for title, url in links_],
        "current": current,
    }


class AgendaView(TemplateView):
    template_name = "participation/agenda.html"

    def get_context_data(self, **kwargs):
        from maillage.participation.forms import AgendaFilterForm

        form = AgendaFilterForm(self.request.GET or None)
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            title="Agenda des prochaines séances",
            form=form,
            results=agenda.results_html(self.request, form),
            querystring=query.urlencode(),
            feed_url=reverse("participation:agenda_ics") + (f"?{query.urlencode()}" if query else ""),
            **kwargs,
        )


class RegistrationFormMixin:
    """GET shows the page and the form; POST registers (honeypot, rate limit, then the rules)."""

    template_name = ""

    def get_target(self):
        raise NotImplementedError

    def page_context(self, target) -> dict:
        raise NotImplementedError

    def render_page(self, request, target, form, status=200):
        return render(request, self.template_name, self.page_context(target) | {"form": form}, status=status)

    def get(self, request, *args, **kwargs):
        target = self.get_target()
        return self.render_page(request, target, RegistrationForm())

    def post(self, request, *args, **kwargs):
        target = self.get_target()
        form = RegistrationForm(request.POST)
        if form.is_spam:
            # Looks like a success to the robot; nothing is written.
            return render(request, "participation/received.html", {"title": "Demande reçue"})
        if not ratelimit.allow(request):
            form.add_error(None, ratelimit.MESSAGE)
            return self.render_page(request, target, form, status=429)
        if form.is_valid():
            session = target if not isinstance(target, Action) else self.first_session(target)
            try:
                result = register(
                    session, form.applicant(), submission_key=form.cleaned_data["submission_key"]
                )
            except RegistrationRefused as exc:
                form.add_error(None, str(exc))
            else:
                return redirect(links.confirmation_path(result.first))
        return self.render_page(request, target, form)


def session_state(session) -> dict:
    """What the public page says about seats and registration."""
    left = seats_left(session)
    is_open = session.registration_is_open()
    return {
        "seats_left": left,
        "registration_open": is_open,
        "is_full": left == 0,
        "requires_approval": session.requires_approval,
    }


class PublicSessionView(RegistrationFormMixin, View):
    template_name = "participation/session.html"

    def get_target(self):
        if self.request.user.is_staff:
            queryset = agenda.all_sessions()
        else:  # the page shows the seats left; a POST counts them again under the session's lock
            queryset = agenda.public_sessions(with_seats=self.request.method != "POST")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        session = self.get_target()
        if not pages.can_serve_cached(request):
            return self.render_page(request, session, RegistrationForm())
        return pages.render_session_page(
            request, self.template_name, self.page_context(session), RegistrationForm
        )

    def page_context(self, session) -> dict:
        cycle = sessions_to_register(session) if session.action.is_cycle else []
        return {
            "title": str(session.title or session.action.title),
            "session": session,
            "action": session.action,
            "cycle_sessions": cycle,
            "cycle_url": reverse("participation:public_cycle", args=[session.action_id]) if cycle else "",
            "breadcrumb_data": agenda_crumb(str(session.title or session.action.title)),
            **session_state(session),
        }


class PublicCycleView(RegistrationFormMixin, View):
    template_name = "participation/cycle.html"

    def get_target(self):
        action = get_object_or_404(
            Action, pk=self.kwargs["pk"], is_public=True, anct_type=Action.AnctType.CYCLE
        )
        if not self.sessions(action):
            raise Http404("Aucune séance à venir pour ce cycle.")
        return action

    def sessions(self, action):
        return list(agenda.public_sessions().filter(action=action))

    def first_session(self, action):
        return self.sessions(action)[0]

    def page_context(self, action) -> dict:
        sessions = self.sessions(action)
        states = [session_state(s) for s in sessions]
        return {
            "title": action.title,
            "action": action,
            "sessions": sessions,
            "registration_open": any(s["registration_open"] for s in states),
            "is_full": all(s["is_full"] for s in states),
            "requires_approval": any(s["requires_approval"] for s in states),
            "breadcrumb_data": agenda_crumb(action.title),
        }


def _registration_from_key(key: str) -> Registration | None:
    try:
        token = links.read_registration_key(key)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("session__action", "session__commune", "person")
        .filter(token=token)
        .first()
    )


def invalid_link(request):
    return render(
        request,
        "participation/invalid_link.html",
        {"title": "Lien invalide", "breadcrumb_data": agenda_crumb("Lien invalide")},
        status=400,
    )


def _with_group(registration: Registration) -> list[Registration]:
    if registration.group is None:
        return [registration]
    return list(
        Registration.objects.filter(group=registration.group, person=registration.person)
        .select_related("session__action", "session__commune")
        .order_by("session__date", "session__start_time")
    )


class ConfirmationView(View):
    def get(self, request, key):
        registration = _registration_from_key(key)
        if registration is None:
            return invalid_link(request)
        registrations = _with_group(registration)
        return render(
            request,
            "participation/confirmation.html",
            {
                "title": "Votre inscription",
                "registration": registration,
                "registrations": registrations,
                "statuses": {r.status for r in registrations},
                "breadcrumb_data": agenda_crumb("Votre inscription"),
            },
        )


class CancelView(View):
    def dispatch(self, request, key):
        self.registration = _registration_from_key(key)
        if self.registration is None:
            return invalid_link(request)
        return super().dispatch(request, key)

    def render_page(self, request, **extra):
        registration = self.registration
        group = _with_group(registration)
        return render(
            request,
            "participation/cancel.html",
            {
                "title": "Annuler mon inscription",
                "registration": registration,
                "group_active": [r for r in group if r.is_active] if registration.group else [],
                "session": registration.session,
                "breadcrumb_data": agenda_crumb("Annuler mon inscription"),
                **extra,
            },
        )

    def get(self, request, key):
        return self.render_page(request)

    def post(self, request, key):
        if request.POST.get("scope") == "cycle":
            count = cancel_group(self.registration)
        else:
            count = int(cancel(self.registration))
        self.registration.refresh_from_db()
        return self.render_page(request, done=True, cancelled_count=count)


class AgendaFeedView(View):
    """The agenda as iCalendar: titles, dates and places only (never who registered)."""

    def get(self, request):
        from maillage.participation.forms import AgendaFilterForm

        form = AgendaFilterForm(request.GET or None)
        sessions = form.filter(agenda.public_sessions())[:500]
        body = ics.calendar(sessions, name="Agenda du centre de ressources")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="agenda.ics"'
        return response


class SessionFeedView(View):
    def get(self, request, pk):
        session = get_object_or_404(agenda.public_sessions(), pk=pk)
        response = HttpResponse(ics.calendar([session]), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="seance-{session.pk}.ics"'
        return response
