"""Staff forms of the report: the texts of the year, the Assembly and its resolutions."""

from django import forms

from maillage.network.forms import DATE_WIDGET, DsfrModelForm
from maillage.network.models import Person
from maillage.programme.models import Programme
from maillage.reporting.assemblies import current_memberships
from maillage.reporting.models import Assembly, Narrative, Resolution

TEXT_HELP = "Paragraphes séparés par une ligne vide ; une ligne commençant par « - » fait une liste à puces."


class NarrativeForm(DsfrModelForm):
    class Meta:
        model = Narrative
        fields = ["introduction", "highlights", "staffing", "outlook"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = dict.fromkeys(fields, TEXT_HELP)


class AssemblyForm(DsfrModelForm):
    class Meta:
        model = Assembly
        fields = ["date", "format", "place", "chair", "members_present", "quorum_reached", "notes"]
        widgets = {"date": DATE_WIDGET, "members_present": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        memberships = current_memberships()
        self.fields["members_present"].queryset = memberships
        self.fields["members_present"].label_from_instance = lambda m: (
            f"{m.get_college_display()} — {m.organisation}"
        )
        self.fields["chair"].queryset = Person.objects.filter(memberships__in=memberships).distinct()


class ResolutionForm(DsfrModelForm):
    class Meta:
        model = Resolution
        fields = [
            "reference",
            "kind",
            "year",
            "centre",
            "programme",
            "adopted",
            "votes_for",
            "votes_against",
            "abstentions",
            "text",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "year": "Pour le bilan : l’année N−1.",
            "centre": "Vide : le bilan de l’ensemble de la structure.",
            "programme": "Pour le vote du programme de l’année N+1.",
            "text": "Pour un amendement : ce qui change et pourquoi.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(status=Programme.Status.DRAFT)
