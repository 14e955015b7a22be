"""Forms of the public agenda and registration, and of the staff registration lists (DSFR)."""

import uuid

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from maillage.network.models import Consent, Organisation, Position
from maillage.participation import agenda
from maillage.participation.models import Registration
from maillage.participation.services import Applicant
from maillage.participation.services.matching import CommuneNotFound, match_commune
from maillage.programme.models import Session

HONEYPOT = "site_web"

CONSENT_FIELDS = {
    "consent_events": (
        Consent.Purpose.EVENTS,
        "J'accepte de recevoir des informations sur les prochains événements du centre de ressources.",
    ),
    "consent_newsletter": (Consent.Purpose.NEWSLETTER, "Je souhaite recevoir la lettre d'information."),
    "consent_directory": (
        Consent.Purpose.DIRECTORY,
        "J'accepte que mes nom, fonction et organisation figurent dans l'annuaire du réseau, consultable "
        "par l'équipe du centre.",
    ),
}


class DsfrForm(DsfrBaseForm):
    """DsfrBaseForm without its transitional-setting warning (the setting is already True)."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", True))
        return context


class AgendaFilterForm(DsfrForm):
    q = forms.CharField(label="Rechercher", required=False, max_length=100)
    theme = forms.ChoiceField(label="Thème", required=False)
    format = forms.ChoiceField(
        label="Format", required=False, choices=[("", "Tous les formats")] + Session.Format.choices
    )
    department = forms.ChoiceField(label="Département", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = agenda.theme_choices()
        self.fields["department"].choices = agenda.department_choices()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        return agenda.filter_sessions(queryset, **self.cleaned_data)

    @property
    def cache_key(self) -> str:
        """The filter values, for caching the rendered form (rendering DSFR fields is not cheap)."""
        from urllib.parse import urlencode

        return urlencode([(name, self.data.get(name, "")[:100]) for name in self.fields])


class RegistrationForm(DsfrForm):
    first_name = forms.CharField(
        label="Prénom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Nom", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : nom@domaine.fr. La confirmation et le lien d'annulation y seront envoyés.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=255,
        required=False,
        help_text="Commune, EPCI, service de l'État, bailleur, association… (nom complet ou sigle)",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    function = forms.ChoiceField(
        label="Fonction", required=False, choices=[("", "Choisir une fonction")] + Position.Function.choices
    )
    commune = forms.CharField(
        label="Territoire d'intervention",
        max_length=120,
        required=False,
        help_text="Nom de la commune, code postal ou code INSEE ; en cas d'homonymie : « Saint-Denis (93) ».",
    )
    consent_events = forms.BooleanField(label=CONSENT_FIELDS["consent_events"][1], required=False)
    consent_newsletter = forms.BooleanField(label=CONSENT_FIELDS["consent_newsletter"][1], required=False)
    consent_directory = forms.BooleanField(label=CONSENT_FIELDS["consent_directory"][1], required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    site_web = forms.CharField(
        label="Ne pas remplir ce champ",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    @property
    def is_spam(self) -> bool:
        """The honeypot was filled in: a robot. Checked before anything else."""
        return bool(self.data.get(HONEYPOT, "").strip())

    def visible_identity_fields(self):
        return [self[name] for name in ("first_name", "last_name", "email", "phone")]

    def visible_organisation_fields(self):
        return [self[name] for name in ("organisation_name", "function", "commune")]

    def consent_fields(self):
        return [self[name] for name in CONSENT_FIELDS]

    def clean_commune(self):
        try:
            return match_commune(self.cleaned_data["commune"])
        except CommuneNotFound as exc:
            raise forms.ValidationError(str(exc)) from exc

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            organisation_name=data["organisation_name"],
            function=data["function"],
            commune=data["commune"],
            consents=[purpose for name, (purpose, _label) in CONSENT_FIELDS.items() if data.get(name)],
        )


class RegistrationFilterForm(DsfrForm):
    status = forms.ChoiceField(
        label="Statut", required=False, choices=[("", "Tous les statuts")] + Registration.Status.choices
    )
    q = forms.CharField(
        label="Rechercher", required=False, max_length=100, help_text="nom ou adresse électronique"
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["status"]:
            queryset = queryset.filter(status=self.cleaned_data["status"])
        q = self.cleaned_data["q"].strip()
        if q:
            from maillage.network.models import Person

            queryset = queryset.filter(person__in=Person.objects.search(q))
        return queryset


class ResolveOrganisationForm(DsfrForm):
    organisation = forms.ModelChoiceField(
        label="Organisation de l'annuaire",
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.RadioSelect,
    )
    create = forms.BooleanField(label="Créer cette organisation dans l'annuaire", required=False)
    kind = forms.ChoiceField(
        label="Type (si création)",
        choices=Organisation.Kind.choices,
        required=False,
        initial=Organisation.Kind.OTHER,
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["organisation"].queryset = candidates

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("create"):
            raise forms.ValidationError("Choisissez une organisation de l'annuaire, ou cochez « Créer ».")
        return data
