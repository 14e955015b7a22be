"""Checking in: the staff screen (tablet, htmx), the public self check-in and the code shown in the room."""

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from maillage.attendance import checkin, marking
from maillage.attendance.forms import SelfCheckinForm, WalkInForm
from maillage.attendance.models import Attendance
from maillage.attendance.views.common import SessionStaffMixin, is_htmx, safe_url
from maillage.core.text import fold
from maillage.participation.models import Registration

STATES = {"present": True, "absent": False, "clear": None}


def checkin_rows(session, query: str = "", only=None) -> list[dict]:
    registrations = marking.participants(session)
    if only is not None:
        registrations = registrations.filter(pk__in=[only])
    marks = marking.attendance_map(session)
    folded = fold(query)
    rows = []
    for registration in registrations:
        person = registration.person
        organisation = marking.organisation_label(registration)
        if folded and folded not in fold(
            f"{person.first_name} {person.last_name} {person.last_name} {organisation} {person.email}"
        ):
            continue
        current = marks.get(registration.pk, {})
        rows.append(
            {
                "registration": registration,
                "person": person,
                "organisation": organisation,
                "is_walk_in": registration.source == Registration.Source.WALK_IN,
                "attended": any(current.get(slot) for slot in session.half_day_slots),
                "marks": [
                    {"slot": slot, "label": marking.slot_label(slot), "state": current.get(slot)}
                    for slot in session.half_day_slots
                ],
            }
        )
    return rows


class CheckinView(SessionStaffMixin, TemplateView):
    """The check-in screen. GET: the page, or the filtered list for htmx. POST: mark a half-day
    (returns the row and the counts for htmx) or add a walk-in."""

    template_name = "attendance/checkin.html"
    page_title = "Pointage des présences"

    def get_template_names(self):
        if is_htmx(self.request) and self.request.method == "GET":
            return ["attendance/_checkin_list.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        context.update(
            query=query,
            rows=checkin_rows(self.session, query),
            summary=marking.summary(self.session),
            slots=[{"code": s, "label": marking.slot_label(s)} for s in self.session.half_day_slots],
        )
        context.setdefault(
            "walk_in_form", WalkInForm(session=self.session, initial={"slots": self.default_slots()})
        )
        return context

    def default_slots(self) -> list[str]:
        from django.utils import timezone

        slot = checkin.current_slot(self.session, timezone.now())
        return [slot] if slot else list(self.session.half_day_slots)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "walk_in":
            return self.add_walk_in(request)
        registration = get_object_or_404(
            Registration,
            pk=request.POST.get("registration"),
            session=self.session,
            status=Registration.Status.CONFIRMED,
        )
        slot, state = request.POST.get("slot"), request.POST.get("state")
        if slot not in self.session.half_day_slots or state not in STATES:
            return render(request, "attendance/_error.html", {"message": "Demande invalide."}, status=400)
        marking.set_attendance(
            registration, slot, STATES[state], source=Attendance.Source.STAFF, user=request.user
        )
        if is_htmx(request):
            context = {
                "session": self.session,
                "row": checkin_rows(self.session, only=registration.pk)[0],
                "summary": marking.summary(self.session),
                "oob": True,
            }
            return render(request, "attendance/_checkin_row.html", context)
        return HttpResponseRedirect(self.checkin_url())

    def add_walk_in(self, request):
        form = WalkInForm(request.POST, session=self.session)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(walk_in_form=form), status=422)
        data = form.cleaned_data
        result = marking.add_walk_in(
            self.session,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            slots=data["slots"],
            user=request.user,
        )
        person = result.registration.person
        if result.registration_created:
            messages.success(request, f"{person.full_name} est ajouté·e comme présent·e sans inscription.")
        else:
            messages.info(request, f"{person.full_name} était déjà inscrit·e : sa présence est enregistrée.")
        return HttpResponseRedirect(self.checkin_url())

    def checkin_url(self) -> str:
        url = reverse("attendance:checkin", args=[self.session.pk])
        query = self.request.POST.get("q") or self.request.GET.get("q")
        return f"{url}?q={query}" if query else url


def self_checkin_url(session) -> str:
    return (
        settings.SITE_URL.rstrip("/") + reverse("attendance:self_checkin") + f"?code={session.checkin_code}"
    )


class CheckinCodeView(SessionStaffMixin, TemplateView):
    """The code and its QR code, to display in the room."""

    template_name = "attendance/checkin_code.html"
    page_title = "Code d'émargement"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self_checkin_url(self.session)
        qr = segno.make(url, error="m")
        context.update(
            url=url,
            public_url=settings.SITE_URL.rstrip("/") + reverse("attendance:self_checkin"),
            qr_svg=qr.svg_inline(omitsize=True, dark="#161616", title="Code QR de l'émargement en ligne"),
            hours=checkin.opening_hours(self.session),
        )
        return context


class SelfCheckinView(FormView):
    """Public: a participant signs the current half-day with the session code and their email."""

    template_name = "attendance/self_checkin.html"
    form_class = SelfCheckinForm

    def get_initial(self):
        return {"code": checkin.normalise_code(self.request.GET.get("code", ""))[:12]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title="Émargement en ligne", agenda_url=safe_url("participation:agenda"), **kwargs
        )

    def post(self, request, *args, **kwargs):
        ip = checkin.client_ip(request)
        if checkin.is_rate_limited(ip):
            form = self.get_form()
            context = self.get_context_data(
                form=form,
                error="Trop de tentatives infructueuses depuis cette connexion. Réessayez dans quelques minutes "
                "ou adressez-vous à l'équipe à l'accueil.",
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        checkin.record_failure(checkin.client_ip(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            result = checkin.self_check_in(form.cleaned_data["code"], form.cleaned_data["email"])
        except checkin.SelfCheckinError as error:
            checkin.record_failure(checkin.client_ip(self.request))
            return self.render_to_response(self.get_context_data(form=form, error=error.message), status=200)
        return self.render_to_response(self.get_context_data(form=form, result=result))
