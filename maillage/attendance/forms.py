"""Forms of the attendance pages (DSFR)."""

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm
from dsfr.widgets import InlineRadioSelect

from maillage.attendance.marking import slot_label
from maillage.attendance.models import Question
from maillage.participation.models import Registration


class DsfrForm(DsfrBaseForm):
    """DsfrBaseForm without its transitional-setting warning (the setting is already True)."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context.setdefault("DSFR_MARK_OPTIONAL_FIELDS", getattr(settings, "DSFR_MARK_OPTIONAL_FIELDS", True))
        return context


class WalkInForm(DsfrForm):
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    email = forms.EmailField(
        label="Adresse électronique",
        required=False,
        help_text="Pour retrouver la personne dans l'annuaire et lui envoyer son attestation.",
    )
    organisation_name = forms.CharField(label="Organisation", max_length=255, required=False)
    slots = forms.MultipleChoiceField(
        label="Présent·e pour", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].choices = [(s, slot_label(s)) for s in session.half_day_slots]
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class SelfCheckinForm(DsfrForm):
    code = forms.CharField(
        label="Code de la séance",
        max_length=12,
        help_text="Le code à six caractères affiché dans la salle.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    email = forms.EmailField(
        label="Votre adresse électronique",
        help_text="Celle utilisée pour vous inscrire.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ConnectionLogForm(DsfrForm):
    file = forms.FileField(
        label="Journal de connexion",
        help_text="Fichier CSV ou XLSX exporté de l'outil de visioconférence : nom, courriel, heures de connexion et de déconnexion.",
    )
    threshold = forms.IntegerField(
        label="Part minimale de la demi-journée (%)",
        min_value=1,
        max_value=100,
        initial=50,
        help_text="Une demi-journée compte quand la personne a été connectée au moins cette part de sa durée.",
    )


class LinkRowForm(DsfrForm):
    registration = forms.ModelChoiceField(
        label="Inscription", queryset=Registration.objects.none(), empty_label="Choisir une personne inscrite"
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            Registration.objects.filter(session=session, status=Registration.Status.CONFIRMED)
            .select_related("person")
            .order_by("person__last_name", "person__first_name")
        )
        self.fields["registration"].label_from_instance = lambda r: (
            f"{r.person.last_name} {r.person.first_name} — {r.person.email or 'sans courriel'}"
        )


RATING_CHOICES = [(str(i), str(i)) for i in range(1, 6)]
YES_NO_CHOICES = [("oui", "Oui"), ("non", "Non")]


class SurveyForm(DsfrForm):
    """One field per question of the questionnaire: `q<pk>`."""

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.RATING:
                field = forms.ChoiceField(
                    choices=RATING_CHOICES,
                    widget=InlineRadioSelect,
                    help_text="1 : pas du tout satisfait·e — 5 : tout à fait satisfait·e",
                )
            elif question.kind == Question.Kind.YES_NO:
                field = forms.ChoiceField(choices=YES_NO_CHOICES, widget=InlineRadioSelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
