from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from maillage.core.exports import export_response
from maillage.network.forms import ConsentForm, ExportForm, PersonFilterForm, PersonForm, PositionForm
from maillage.network.gdpr import confirm_retention
from maillage.network.merge import duplicates_of
from maillage.network.models import Consent, Person, Position, Representative
from maillage.network.views.common import NetworkPageMixin, breadcrumb, paginate_context


def people_link():
    return ("Personnes", reverse("network:people"))


class PersonListView(NetworkPageMixin, ListView):
    template_name = "network/person_list.html"
    title = "Personnes du réseau"
    section = "network:people"
    paginate_by = 50

    def get_breadcrumb(self):
        return breadcrumb("Personnes")

    def filtered(self):
        self.filter_form = PersonFilterForm(self.request.GET or None)
        return self.filter_form.filter(Person.objects.not_anonymised())

    def get_queryset(self):
        active = Position.objects.filter(is_active=True).select_related("organisation")
        return self.filtered().prefetch_related(
            Prefetch("positions", queryset=active, to_attr="active_positions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["export_form"] = ExportForm(initial={"purpose": Consent.Purpose.DIRECTORY})
        context["filter_params"] = [
            (key, value)
            for key, value in self.request.GET.items()
            if key not in ("page", "purpose", "format")
        ]
        context["to_review_count"] = Person.objects.to_review().count()
        return paginate_context(context)


class PersonExportView(PersonListView):
    """The filtered list, restricted to people with an active consent for the chosen purpose."""

    def get(self, request, *args, **kwargs):
        export_form = ExportForm(request.GET)
        purpose = export_form.data.get("purpose")
        if purpose not in Consent.Purpose.values:
            purpose = Consent.Purpose.DIRECTORY
        fmt = "xlsx" if export_form.data.get("format") == "xlsx" else "csv"
        people = self.get_queryset().with_consent(purpose).order_by("last_name", "first_name")
        header = ["Nom", "Prénom", "Courriel", "Téléphone", "Organisations et fonctions", "Donnée fictive"]
        rows = (
            [
                person.last_name,
                person.first_name,
                person.email,
                person.phone,
                " ; ".join(f"{p.organisation} ({p.get_function_display()})" for p in person.active_positions),
                "oui" if person.is_demo else "non",
            ]
            for person in people
        )
        stamp = timezone.localdate().isoformat()
        return export_response(fmt, f"personnes-{purpose}-{stamp}", header, rows)


class PersonDetailView(NetworkPageMixin, DetailView):
    model = Person
    template_name = "network/person_detail.html"
    section = "network:people"

    def get_title(self):
        return self.object.full_name

    def get_breadcrumb(self):
        return breadcrumb(self.object.full_name, people_link())

    def get_context_data(self, **kwargs):
        person = self.object
        consents = list(person.consents.order_by("purpose", "-given_at"))
        active = {c.purpose for c in consents if c.is_active}
        return super().get_context_data(
            positions=person.positions.select_related("organisation").order_by(
                "-is_active", "organisation__name"
            ),
            consents=consents,
            consent_status=[(value, label, value in active) for value, label in Consent.Purpose.choices],
            consent_form=ConsentForm(),
            seats=Representative.objects.filter(person=person).select_related("membership__organisation"),
            duplicates=[] if person.is_anonymised else duplicates_of(person),
            **kwargs,
        )


class PersonFormMixin(NetworkPageMixin):
    model = Person
    form_class = PersonForm
    template_name = "network/form.html"
    section = "network:people"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"La fiche de {self.object.full_name} est enregistrée.")
        return response


class PersonCreateView(PersonFormMixin, CreateView):
    title = "Nouvelle personne"

    def get_breadcrumb(self):
        return breadcrumb(self.title, people_link())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cancel_url=reverse("network:people"),
            help_text="Ajoutez ensuite ses fonctions et ses consentements depuis sa fiche.",
            **kwargs,
        )


class PersonUpdateView(PersonFormMixin, UpdateView):
    def get_queryset(self):
        return Person.objects.not_anonymised()

    def get_title(self):
        return f"Modifier la fiche de {self.object.full_name}"

    def get_breadcrumb(self):
        return breadcrumb("Modifier", people_link(), (self.object.full_name, self.object.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.object.get_absolute_url(), **kwargs)


class PositionFormMixin(NetworkPageMixin):
    model = Position
    form_class = PositionForm
    template_name = "network/form.html"
    section = "network:people"

    def get_breadcrumb(self):
        person = self.person
        return breadcrumb(self.get_title(), people_link(), (person.full_name, person.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.person.get_absolute_url(), **kwargs)

    def get_success_url(self):
        return self.person.get_absolute_url()

    def form_valid(self, form):
        form.instance.person = self.person
        response = super().form_valid(form)
        messages.success(self.request, "La fonction est enregistrée.")
        return response


class PositionCreateView(PositionFormMixin, CreateView):
    def prepare(self, request, *args, **kwargs):
        self.person = get_object_or_404(Person.objects.not_anonymised(), pk=kwargs["pk"])

    def get_initial(self):
        return {"organisation": self.request.GET.get("organisation")}

    def get_title(self):
        return f"Nouvelle fonction de {self.person.full_name}"


class PositionUpdateView(PositionFormMixin, UpdateView):
    def prepare(self, request, *args, **kwargs):
        position = get_object_or_404(Position.objects.select_related("person"), pk=kwargs["pk"])
        self.person = position.person

    def get_title(self):
        return f"Modifier une fonction de {self.person.full_name}"


class PersonKeepView(NetworkPageMixin, View):
    """Retention review: the person is still relevant; clear the flag and record an activity."""

    def post(self, request, pk):
        person = get_object_or_404(Person.objects.not_anonymised(), pk=pk)
        confirm_retention(person)
        messages.success(
            request, f"La fiche de {person.full_name} est conservée : activité enregistrée ce jour."
        )
        return redirect(person)
