import re

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm

from maillage.territory.models import QPV, RenewalProject


class RenewalProjectForm(DsfrBaseForm, forms.ModelForm):
    qpv_codes = forms.CharField(
        label="Codes des QPV concernés",
        help_text="Séparés par des espaces, des virgules ou des points-virgules, par exemple : QN05901M QN05902M",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = RenewalProject
        fields = ["name", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["qpv_codes"].initial = " ".join(self.instance.qpvs.values_list("code", flat=True))

    def clean_qpv_codes(self):
        codes = [c.upper() for c in re.split(r"[\s,;]+", self.cleaned_data["qpv_codes"]) if c]
        found = {q.code: q for q in QPV.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError("Code QPV inconnu : " + ", ".join(unknown))
        if not found:
            raise forms.ValidationError("Indiquez au moins un QPV.")
        return list(found.values())

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
