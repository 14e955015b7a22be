import pytest
from django import forms

from maillage.territory.fields import commune_codes_field, qpv_codes_field

pytestmark = pytest.mark.django_db


def test_codes_clean_to_objects_in_order_without_repeats():
    objects = qpv_codes_field().clean("qp059021; QN05901M,qp059021")
    assert [q.code for q in objects] == ["QP059021", "QN05901M"]


def test_unknown_codes_are_named_in_french():
    with pytest.raises(forms.ValidationError) as error:
        qpv_codes_field().clean("QP059021 QN99999Z XX")
    assert error.value.messages == ["Code(s) QPV inconnu(s) : QN99999Z, XX."]


def test_communes_are_current_ones_and_required_is_honoured():
    assert [c.name for c in commune_codes_field().clean("59512")] == ["Roubaix"]
    assert commune_codes_field().clean("") == []
    with pytest.raises(forms.ValidationError):
        commune_codes_field(required=True).clean("")


def test_initial_objects_render_as_codes():
    field = qpv_codes_field()
    assert field.prepare_value(qpv_codes_field().clean("QP059021")) == "QP059021"
