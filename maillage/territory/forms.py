from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from maillage.territory.fields import qpv_codes_field
from maillage.territory.models import RenewalProject


class RenewalProjectForm(DsfrBaseForm, forms.ModelForm):
    qpv_codes = qpv_codes_field(
        label="Codes des QPV concernés",
        required=True,
        help_text="Séparés par des espaces, des virgules ou des points-virgules, par exemple : QN05901M QN05902M",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = RenewalProject
        fields = ["name", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["qpv_codes"].initial = list(self.instance.qpvs.all())

    def save(self, commit=True):
        project = super().save(commit=commit)
        if commit:
            project.qpvs.set(self.cleaned_data["qpv_codes"])
        return project


class RenewalProjectImportForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text="Colonnes : nom, interet (QIN ou QIR), qpv (codes séparés par « ; »).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAILLAGE_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Le fichier dépasse la taille maximale de {settings.MAILLAGE_IMPORT_MAX_BYTES // 1_048_576} Mo."
            )
        return upload
