from django import forms
from dsfr.forms import DsfrBaseForm

from maillage.library.models import Resource


class ResourceForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "title", "kind", "date", "description", "subjects", "creator_organisations", "creator_people",
            "regions", "departments", "communes", "qpvs", "publisher", "licence", "rights_holder", "language",
            "identifier", "url", "experience_actors", "experience_results", "experience_contact", "sessions",
        ]  # fmt: skip
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communes"].queryset = (
            self.fields["communes"].queryset.filter(qpvs__isnull=False).distinct()
        )
        self.fields["sessions"].queryset = self.fields["sessions"].queryset.select_related("action")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)  # refused by the ingestion job, with its message
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(DsfrBaseForm):
    files = MultipleFileField(
        label="Fichiers",
        help_text="PDF (texte ou numérisé), DOCX, ODT, HTML, TXT, PNG, JPEG, TIFF. Plusieurs fichiers possibles.",
    )


class PageForm(DsfrBaseForm):
    """A page's text corrected by hand; ``checksum`` is the text the form was opened with."""

    text = forms.CharField(label="Texte de la page", widget=forms.Textarea(attrs={"rows": 14}))
    checksum = forms.CharField(widget=forms.HiddenInput)


class SearchForm(forms.Form):
    q = forms.CharField(label="Rechercher", required=False)
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Tous les types"), *Resource.Kind.choices]
    )
    theme = forms.IntegerField(required=False)
    department = forms.IntegerField(required=False)
    year = forms.IntegerField(required=False)
    page = forms.IntegerField(required=False, min_value=1)
