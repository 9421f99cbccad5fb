"""The shared Bootstrap styling (``lib.forms.BootstrapStyled``) as a browser receives it."""

from django import forms

from berakhlak.lib.forms import BootstrapStyled
from berakhlak.performance.forms import YearForm
from berakhlak.surveys.forms import ItemForm


class _Sample(BootstrapStyled, forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.TextInput(attrs={"class": "mine"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


def test_each_widget_gets_its_bootstrap_class_and_a_class_set_by_the_field_is_kept():
    form = _Sample()
    assert 'class="form-control"' in str(form["name"])
    assert 'class="form-select"' in str(form["kind"])
    assert 'class="form-check-input"' in str(form["agree"])
    assert 'class="mine"' in str(form["note"]) and "form-control" not in str(form["note"])


def test_survey_and_skp_forms_share_the_styling():
    assert 'class="form-select"' in str(ItemForm()["value_code"])
    year = YearForm()
    assert 'class="form-control"' in str(year["year"])
    assert 'class="form-select"' in str(year["frequency"])
