"""A form field for territories typed as codes (INSEE, SIREN, QPV, contrat de ville), shared by every form."""

import re

from django import forms

from maillage.territory.models import EPCI, QPV, CityContract, Commune


def split_codes(value: str) -> list[str]:
    """Codes separated by spaces, commas or semicolons."""
    return [code for code in re.split(r"[\s,;]+", value or "") if code]


class TerritoryCodesField(forms.CharField):
    """Cleans to the list of objects, in the order typed, without repeats; unknown codes are named."""

    def __init__(self, *, queryset, key: str, what: str, upper: bool = True, **kwargs):
        self.queryset, self.key, self.what, self.upper = queryset, key, what, upper
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        codes = [code.upper() if self.upper else code for code in split_codes(value)]
        found = {getattr(obj, self.key): obj for obj in self.queryset.filter(**{f"{self.key}__in": codes})}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(f"{self.what} inconnu(s) : {', '.join(unknown)}.")
        return list(dict.fromkeys(found[code] for code in codes))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return " ".join(getattr(obj, self.key) for obj in value)
        return value


def qpv_codes_field(**kwargs) -> TerritoryCodesField:
    return TerritoryCodesField(queryset=QPV.objects.all(), key="code", what="Code(s) QPV", **kwargs)


def commune_codes_field(**kwargs) -> TerritoryCodesField:
    current = Commune.objects.filter(kind=Commune.Kind.CURRENT)
    return TerritoryCodesField(
        queryset=current, key="insee_code", what="Code(s) INSEE", upper=False, **kwargs
    )


def epci_sirens_field(**kwargs) -> TerritoryCodesField:
    return TerritoryCodesField(queryset=EPCI.objects.all(), key="siren", what="SIREN", **kwargs)


def contract_codes_field(**kwargs) -> TerritoryCodesField:
    return TerritoryCodesField(
        queryset=CityContract.objects.all(), key="code", what="Contrat(s) de ville", **kwargs
    )
