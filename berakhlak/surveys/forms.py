from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.lib.forms import BootstrapStyled
from berakhlak.surveys.models import Instrument


class WaveForm(BootstrapStyled, forms.Form):
    code = forms.CharField(label=_("Kode gelombang"), max_length=32, help_text=_("Misalnya 2025 atau 2025-S1."))
    title = forms.CharField(label=_("Judul"), max_length=255)
    instrument = forms.ModelChoiceField(label=_("Instrumen"), queryset=Instrument.objects.none())
    opens_on = forms.DateField(label=_("Dibuka tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Ditutup tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    anonymous = forms.BooleanField(label=_("Anonim (disarankan)"), required=False, initial=True)
    min_group = forms.IntegerField(label=_("Kelompok minimum"), min_value=3, max_value=100, initial=5,
                                   help_text=_("Unit dengan responden lebih sedikit tidak ditampilkan angkanya."))
    min_group_comments = forms.IntegerField(label=_("Kelompok minimum komentar"), min_value=3, max_value=200, initial=10)

    def __init__(self, *args, instruments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instruments is not None:
            self.fields["instrument"].queryset = instruments
        self.style_widgets()

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("Tanggal tutup tidak boleh sebelum tanggal buka."))
        if data.get("min_group") and data.get("min_group_comments") and data["min_group_comments"] < data["min_group"]:
            self.add_error("min_group_comments", _("Tidak boleh lebih kecil dari kelompok minimum."))
        return data


class ItemForm(BootstrapStyled, forms.Form):
    value_code = forms.ChoiceField(label=_("Nilai BerAKHLAK"), choices=[(v, v) for v in VALUE_CODES])
    text_id = forms.CharField(label=_("Pernyataan (Bahasa Indonesia)"), max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    text_en = forms.CharField(label=_("Pernyataan (Inggris)"), max_length=400, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


class DeriveForm(BootstrapStyled, forms.Form):
    name = forms.CharField(label=_("Nama versi baru"), max_length=255, required=False)
    scale = forms.ChoiceField(label=_("Skala"), choices=[("1-5", "1–5"), ("1-4", "1–4"), ("1-6", "1–6")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()
