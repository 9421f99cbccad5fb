"""Forms of the 360 pages (validation only; writes go through ``services``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from berakhlak.feedback360 import rules


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.widget.attrs.setdefault("class", "form-control")


class CycleForm(_Styled):
    code = forms.CharField(label=_("Kode"), max_length=32, initial="360-2025")
    name = forms.CharField(label=_("Nama"), max_length=200, initial="Penilaian 360 Derajat 2025")
    year = forms.IntegerField(label=_("Tahun SKP yang didukung"), min_value=2021, max_value=2100, initial=2025)
    deadline = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))


class SettingsForm(_Styled):
    """Raters per relationship, weights, anonymity and the suggestion rule (``rules`` defaults)."""

    quota_peer = forms.IntegerField(label=_("Rekan kerja satu unit (jumlah)"), min_value=0, max_value=20)
    quota_cross = forms.IntegerField(label=_("Rekan kerja lintas unit (jumlah)"), min_value=0, max_value=20)
    quota_subordinate = forms.IntegerField(label=_("Bawahan (paling banyak)"), min_value=0, max_value=20)
    weight_superior = forms.IntegerField(label=_("Bobot atasan langsung"), min_value=0, max_value=100)
    weight_peer = forms.IntegerField(label=_("Bobot rekan satu unit"), min_value=0, max_value=100)
    weight_cross = forms.IntegerField(label=_("Bobot rekan lintas unit"), min_value=0, max_value=100)
    weight_subordinate = forms.IntegerField(label=_("Bobot bawahan"), min_value=0, max_value=100)
    min_raters = forms.IntegerField(label=_("Minimum penilai per kelompok (anonimitas)"),
                                    min_value=rules.MIN_RATERS_FLOOR, max_value=10)
    min_group = forms.IntegerField(label=_("Minimum pegawai per unit (agregat unit)"), min_value=2, max_value=50)
    max_forms = forms.IntegerField(label=_("Batas formulir per penilai"), min_value=1, max_value=50)
    suggest_above = forms.DecimalField(label=_("Saran Di Atas Ekspektasi: skor minimal"), min_value=1, max_value=5,
                                       decimal_places=2)
    suggest_floor = forms.DecimalField(label=_("… dan tidak ada nilai dasar di bawah"), min_value=1, max_value=5,
                                       decimal_places=2)
    suggest_below = forms.DecimalField(label=_("Saran Di Bawah Ekspektasi: skor di bawah"), min_value=1, max_value=5,
                                       decimal_places=2)
    deadline = forms.DateField(label=_("Batas waktu"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def for_cycle(cls, cycle, data=None):
        initial = {name: getattr(cycle, name) for name in cls.base_fields}
        form = cls(data=data, initial=initial)
        if cycle.status != "DRAFT":
            for name, f in form.fields.items():
                if name != "deadline":
                    f.disabled = True
        return form


class ReasonForm(_Styled):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
