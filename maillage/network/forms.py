"""Staff forms of the directory (DSFR)."""

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from maillage.network.models import (
    CityContractRole,
    Consent,
    GovernanceMembership,
    Organisation,
    Person,
    Position,
    Representative,
)
from maillage.territory.fields import (
    commune_codes_field,
    contract_codes_field,
    epci_sirens_field,
    qpv_codes_field,
)
from maillage.territory.models import Department

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "Tous"), ("oui", "Oui"), ("non", "Non")]


class DsfrForm(DsfrBaseForm):
    """DsfrBaseForm without its transitional-setting warning (the setting is already True)."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", True))
        return context


class FilterForm(DsfrForm):
    """Every filter is optional: labels do not say "(Optionnel)"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput):
                field.template_name = "network/_filter_field.html"


class DsfrModelForm(DsfrForm, forms.ModelForm):
    pass


def department_choices():
    return [("", "Tous")] + [(d.code, f"{d.code} — {d.name}") for d in Department.objects.order_by("code")]


# Filters ------------------------------------------------------------------------------------------


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(
        label="Rechercher", required=False, help_text="nom ou sigle, sans tenir compte des accents"
    )
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous")] + Organisation.Kind.choices)
    department = forms.ChoiceField(label="Département", required=False)
    demo = forms.ChoiceField(label="Donnée fictive", required=False, choices=YES_NO)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = department_choices()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["department"]:
            queryset = queryset.in_department(data["department"])
        if data["demo"]:
            queryset = queryset.filter(is_demo=data["demo"] == "oui")
        return queryset


class PersonFilterForm(FilterForm):
    q = forms.CharField(label="Rechercher", required=False, help_text="nom, prénom ou courriel")
    function = forms.ChoiceField(
        label="Fonction", required=False, choices=[("", "Toutes")] + Position.Function.choices
    )
    organisation_kind = forms.ChoiceField(
        label="Type d'organisation", required=False, choices=[("", "Tous")] + Organisation.Kind.choices
    )
    department = forms.ChoiceField(label="Département", required=False)
    active = forms.ChoiceField(label="Active", required=False, choices=YES_NO)
    to_review = forms.BooleanField(label="À revoir (durée de conservation dépassée)", required=False)
    demo = forms.ChoiceField(label="Donnée fictive", required=False, choices=YES_NO)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = department_choices()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["function"]:
            queryset = queryset.with_function(data["function"])
        if data["organisation_kind"]:
            queryset = queryset.in_organisation_kind(data["organisation_kind"])
        if data["department"]:
            queryset = queryset.in_department(data["department"])
        if data["active"]:
            queryset = queryset.filter(is_active=data["active"] == "oui")
        if data["to_review"]:
            queryset = queryset.to_review()
        if data["demo"]:
            queryset = queryset.filter(is_demo=data["demo"] == "oui")
        return queryset


class ExportForm(FilterForm):
    purpose = forms.ChoiceField(
        label="Consentement requis", choices=Consent.Purpose.choices, initial=Consent.Purpose.DIRECTORY
    )
    format = forms.ChoiceField(
        label="Format", choices=[("csv", "CSV"), ("xlsx", "XLSX (Excel)")], initial="csv"
    )


# Organisations ------------------------------------------------------------------------------------


class OrganisationForm(DsfrModelForm):
    website = forms.URLField(label="Site web", required=False, assume_scheme="https", max_length=200)
    seat_commune = commune_codes_field(
        label="Commune du siège", help_text="code INSEE, par exemple 59512 pour Roubaix"
    )
    commune_codes = commune_codes_field(
        label="Communes d'intervention",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="codes INSEE séparés par des espaces ou des virgules",
    )
    epci_sirens = epci_sirens_field(
        label="EPCI d'intervention", help_text="numéros SIREN séparés par des espaces"
    )
    qpv_codes = qpv_codes_field(
        label="QPV d'intervention",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="codes QPV (QP059001, QN05901M…) séparés par des espaces",
    )
    pilot_contracts = contract_codes_field(
        label="Contrats de ville pilotés", help_text="codes des contrats (CV123…)"
    )
    signatory_contracts = contract_codes_field(
        label="Contrats de ville signés", help_text="codes des contrats (CV123…)"
    )

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "kind", "siret", "email", "phone", "website", "address", "is_demo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.instance
        if org.pk:
            self.initial.update(
                seat_commune=org.commune.insee_code if org.commune else "",
                commune_codes=" ".join(org.communes.values_list("insee_code", flat=True)),
                epci_sirens=" ".join(org.epcis.values_list("siren", flat=True)),
                qpv_codes=" ".join(org.qpvs.values_list("code", flat=True)),
                pilot_contracts=" ".join(self._contracts(CityContractRole.Role.PILOT)),
                signatory_contracts=" ".join(self._contracts(CityContractRole.Role.SIGNATORY)),
            )

    def _contracts(self, role):
        roles = CityContractRole.objects.filter(organisation=self.instance, role=role)
        return roles.values_list("city_contract__code", flat=True)

    def clean_seat_commune(self):
        communes = self.cleaned_data["seat_commune"]
        if len(communes) > 1:
            raise forms.ValidationError("Indiquez un seul code INSEE.")
        return communes[0] if communes else None

    def save(self, commit=True):
        org = super().save(commit=False)
        org.commune = self.cleaned_data["seat_commune"]
        org.save()
        org.communes.set(self.cleaned_data["commune_codes"])
        org.epcis.set(self.cleaned_data["epci_sirens"])
        org.qpvs.set(self.cleaned_data["qpv_codes"])
        for role, contracts in (
            (CityContractRole.Role.PILOT, self.cleaned_data["pilot_contracts"]),
            (CityContractRole.Role.SIGNATORY, self.cleaned_data["signatory_contracts"]),
        ):
            CityContractRole.objects.filter(organisation=org, role=role).exclude(
                city_contract__in=contracts
            ).delete()
            for contract in contracts:
                CityContractRole.objects.get_or_create(organisation=org, city_contract=contract, role=role)
        return org


# People -------------------------------------------------------------------------------------------


class PersonForm(DsfrModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "email", "phone", "is_active", "notes", "is_demo"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email and Person.objects.exclude(pk=self.instance.pk).filter(email=email).exists():
            raise forms.ValidationError(
                "Une autre personne a déjà ce courriel : fusionnez plutôt les deux fiches."
            )
        return email


class PositionForm(DsfrModelForm):
    class Meta:
        model = Position
        fields = ["organisation", "function", "title", "is_active", "started_on", "ended_on"]
        widgets = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET}

    def clean(self):
        data = super().clean()
        if data.get("started_on") and data.get("ended_on") and data["ended_on"] < data["started_on"]:
            self.add_error("ended_on", "La date de fin précède la date de début.")
        return data


class ConsentForm(DsfrForm):
    purpose = forms.ChoiceField(label="Finalité", choices=Consent.Purpose.choices)
    source = forms.ChoiceField(label="Origine", choices=Consent.Source.choices, initial=Consent.Source.STAFF)
    given_on = forms.DateField(
        label="Donné le", required=False, widget=DATE_WIDGET, help_text="par défaut aujourd'hui"
    )


# Governance ---------------------------------------------------------------------------------------


class MembershipForm(DsfrModelForm):
    class Meta:
        model = GovernanceMembership
        fields = ["organisation", "college", "started_on", "ended_on"]
        widgets = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET}

    def clean(self):
        data = super().clean()
        if data.get("started_on") and data.get("ended_on") and data["ended_on"] < data["started_on"]:
            self.add_error("ended_on", "La fin d'adhésion précède l'adhésion.")
        return data


class RepresentativeForm(DsfrModelForm):
    class Meta:
        model = Representative
        fields = ["person", "role"]

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        people = Person.objects.not_anonymised()
        if membership is not None:
            people = people.filter(positions__organisation=membership.organisation).distinct()
        self.fields["person"].queryset = people
        self.fields["person"].help_text = "parmi les personnes ayant une fonction dans l'organisation membre"

    def clean_person(self):
        person = self.cleaned_data["person"]
        if (
            self.membership
            and Representative.objects.filter(membership=self.membership, person=person).exists()
        ):
            raise forms.ValidationError("Cette personne représente déjà ce membre.")
        return person


# Import and merge ---------------------------------------------------------------------------------


class ImportUploadForm(DsfrForm):
    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text="export d'un tableur : une ligne par personne, la première ligne donne les noms des colonnes",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAILLAGE_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Le fichier pèse {upload.size / 1_048_576:.1f} Mo, au-delà de la limite de {limit / 1_048_576:.0f} Mo."
            )
        return upload


class ImportMappingForm(FilterForm):
    def __init__(self, *args, header, mapping, targets, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "— ignorer cette colonne —")] + [(k, label) for k, (label, _) in targets.items()]
        self.header = header
        for index, column in enumerate(header):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=column or f"Colonne {index + 1} (sans titre)",
                choices=choices,
                required=False,
                initial=mapping.get(column, ""),
            )
            self.fields[f"col_{index}"].template_name = "network/_filter_field.html"

    def mapping(self) -> dict[str, str]:
        return {column: self.cleaned_data.get(f"col_{i}", "") for i, column in enumerate(self.header)}


class MergeForm(DsfrForm):
    FIELDS = ["first_name", "last_name", "email", "phone", "is_active", "notes"]

    def __init__(self, *args, first: Person, second: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = (first, second)
        self.fields["kept"] = forms.ChoiceField(
            label="Fiche conservée",
            widget=forms.RadioSelect,
            choices=[
                ("first", f"{first.full_name} (n° {first.pk})"),
                ("second", f"{second.full_name} (n° {second.pk})"),
            ],
            initial="first",
            help_text="l'autre fiche est supprimée après transfert de ses fonctions, consentements et représentations",
        )
        for name in self.FIELDS:
            verbose = Person._meta.get_field(name).verbose_name
            values = [self._display(getattr(p, name)) for p in self.people]
            choices = [("first", values[0]), ("second", values[1])]
            if name == "notes":
                choices.append(("both", "garder les deux"))
            self.fields[name] = forms.ChoiceField(
                label=verbose.capitalize(), widget=forms.RadioSelect, choices=choices, initial="first"
            )

    @staticmethod
    def _display(value):
        if isinstance(value, bool):
            return "oui" if value else "non"
        return value or "(vide)"

    def merge_arguments(self) -> tuple[Person, Person, dict]:
        first, second = self.people
        kept, other = (first, second) if self.cleaned_data["kept"] == "first" else (second, first)
        choices = {}
        for name in self.FIELDS:
            chosen = self.cleaned_data[name]
            if chosen == "both":
                choices[name] = "both"
            else:
                chosen_person = first if chosen == "first" else second
                choices[name] = "kept" if chosen_person is kept else "other"
        return kept, other, choices
