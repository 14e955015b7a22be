import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from maillage.core.permissions import AdminRequiredMixin
from maillage.network.forms import MergeForm
from maillage.network.gdpr import anonymise_person, export_person
from maillage.network.merge import duplicate_pairs, merge_people
from maillage.network.models import Person
from maillage.network.views.common import NetworkPageMixin, breadcrumb
from maillage.network.views.people import people_link


class PersonDataView(NetworkPageMixin, TemplateView):
    """Right of access: everything about one person, as a JSON download."""

    def get(self, request, pk):
        person = get_object_or_404(Person, pk=pk)
        payload = json.dumps(export_person(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(payload, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personne-{person.pk}.json"'
        return response


class PersonEraseView(AdminRequiredMixin, NetworkPageMixin, TemplateView):
    """Erasure (anonymisation): administrators only, after a confirmation POST."""

    template_name = "network/person_erase.html"
    section = "network:people"

    def prepare(self, request, *args, **kwargs):
        self.person = get_object_or_404(Person, pk=kwargs["pk"])
        if self.person.is_anonymised:
            messages.info(request, "Cette personne est déjà anonymisée.")
            return redirect(self.person)
        return None

    def get_title(self):
        return f"Anonymiser {self.person.full_name}"

    def get_breadcrumb(self):
        return breadcrumb(
            "Anonymiser", people_link(), (self.person.full_name, self.person.get_absolute_url())
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            positions_count=self.person.positions.count(),
            consents_count=self.person.consents.filter(withdrawn_at__isnull=True).count(),
            **kwargs,
        )

    def post(self, request, pk):
        if request.POST.get("confirm") != "oui":
            messages.error(request, "Cochez la case de confirmation pour anonymiser la fiche.")
            return redirect("network:person_erase", pk=pk)
        name = self.person.full_name
        anonymise_person(self.person)
        messages.success(request, f"La fiche de {name} est anonymisée. Ses fonctions restent comptées.")
        return redirect(self.person)


PAIRS_PER_PAGE = 50


class DuplicateListView(NetworkPageMixin, TemplateView):
    template_name = "network/duplicates.html"
    title = "Doublons possibles"
    section = "network:duplicates"

    def get_breadcrumb(self):
        return breadcrumb(self.title, people_link())

    def get_context_data(self, **kwargs):
        pairs = Paginator(duplicate_pairs(), PAIRS_PER_PAGE).get_page(self.request.GET.get("page"))
        return super().get_context_data(pairs=pairs, **kwargs)


class MergeView(NetworkPageMixin, FormView):
    template_name = "network/merge.html"
    form_class = MergeForm
    section = "network:duplicates"

    def prepare(self, request, *args, **kwargs):
        people = Person.objects.not_anonymised()
        self.first = get_object_or_404(people, pk=kwargs["first"])
        self.second = get_object_or_404(people, pk=kwargs["second"])
        if self.first.pk == self.second.pk:
            messages.error(request, "Choisissez deux fiches différentes.")
            return redirect("network:duplicates")
        return None

    def get_title(self):
        return f"Fusionner {self.first.full_name} et {self.second.full_name}"

    def get_breadcrumb(self):
        return breadcrumb("Fusion", people_link(), ("Doublons possibles", reverse("network:duplicates")))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "first": self.first, "second": self.second}

    def get_context_data(self, **kwargs):
        columns = []
        for person in (self.first, self.second):
            columns.append(
                {
                    "person": person,
                    "positions": person.positions.select_related("organisation"),
                    "consents": person.consents.count(),
                    "seats": person.representative_set.count(),
                }
            )
        return super().get_context_data(columns=columns, **kwargs)

    def form_valid(self, form):
        kept, other, choices = form.merge_arguments()
        other_name = f"{other.full_name} (n° {other.pk})"
        kept = merge_people(kept, other, choices)
        messages.success(self.request, f"Fiches fusionnées : {other_name} a été regroupée dans cette fiche.")
        return redirect(kept)
