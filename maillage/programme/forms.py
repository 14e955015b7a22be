from django import forms
from django.contrib.auth import get_user_model
from dsfr.forms import DsfrBaseForm

from maillage.network.models import Organisation, Position
from maillage.programme.models import Action, Programme, Session, StatusCause
from maillage.territory.fields import qpv_codes_field
from maillage.territory.models import Department


class ProgrammeForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["centre", "year", "introduction"]


class VoteForm(DsfrBaseForm):
    voted_on = forms.DateField(
        label="Date de l'assemblée générale", widget=forms.DateInput(attrs={"type": "date"})
    )
    deliberation_ref = forms.CharField(label="Référence de la délibération", max_length=100)


class RevisionForm(DsfrBaseForm):
    summary = forms.CharField(label="Ce qui change", widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label="Pourquoi", widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(DsfrBaseForm, forms.ModelForm):
    target_publics = forms.MultipleChoiceField(
        label="Publics visés",
        choices=Position.Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    qpv_codes = qpv_codes_field(
        label="QPV concernés (codes)",
        help_text="Séparés par des espaces ou des virgules, par exemple : QN05901M QN05902M",
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "anct_type",
            "themes",
            "target_publics",
            "departments",
            "planned_half_days",
            "staff",
            "is_public",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("code")
        self.fields["staff"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)
        if self.instance.pk:
            self.fields["qpv_codes"].initial = list(self.instance.qpvs.all())

    def save(self, commit=True):
        action = super().save(commit=commit)
        if commit:
            action.qpvs.set(self.cleaned_data["qpv_codes"])
        return action


class PartnerForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.all())
    role = forms.ChoiceField(label="Rôle", choices=Action.partners.through.Role.choices)


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label="Nouveau statut", choices=Action.Status.choices)
    cause = forms.ModelChoiceField(
        label="Cause",
        queryset=StatusCause.objects.all(),
        required=False,
        help_text="Obligatoire pour un report ou une annulation.",
    )
    postponed_to = forms.DateField(
        label="Reportée au",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Laisser vide si la nouvelle date n'est pas connue.",
    )
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("status") in (Action.Status.POSTPONED, Action.Status.CANCELLED) and not data.get("cause"):
            self.add_error("cause", "Indiquez la cause du report ou de l'annulation.")
        return data


class SessionForm(DsfrBaseForm, forms.ModelForm):
    video_url = forms.URLField(label="Lien de visioconférence", required=False, assume_scheme="https")

    class Meta:
        model = Session
        fields = [
            "title",
            "date",
            "start_time",
            "end_time",
            "half_days_override",
            "format",
            "place_name",
            "address",
            "video_url",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "requires_approval",
            "is_published",
            "status",
            "status_cause",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "registration_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "registration_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "L'heure de fin doit suivre l'heure de début.")
        fmt = data.get("format")
        if fmt in (Session.Format.REMOTE, Session.Format.HYBRID) and not data.get("video_url"):
            self.add_error(
                "video_url", "Indiquez le lien de visioconférence d'une séance à distance ou hybride."
            )
        if fmt in (Session.Format.ONSITE, Session.Format.HYBRID) and not data.get("place_name"):
            self.add_error("place_name", "Indiquez le lieu d'une séance en présentiel ou hybride.")
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", "La clôture doit suivre l'ouverture des inscriptions.")
        if data.get("status") == Session.Status.CANCELLED and not data.get("status_cause"):
            self.add_error("status_cause", "Indiquez la cause de l'annulation.")
        return data
