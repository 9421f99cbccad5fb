from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from berakhlak.lib.forms import BootstrapStyled
from berakhlak.lib.links import MAX_LENGTH, link_problem
from berakhlak.performance.models import Aspect, Frequency, OrgResult, Rating, ResultKind, SkpStyle


class _Form(BootstrapStyled, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


class YearForm(_Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    frequency = forms.ChoiceField(label=_("Penilaian periodik"), choices=Frequency.choices,
                                  help_text=_("Bulanan atau triwulanan, sesuai pilihan instansi (PermenPANRB 6/2022)."))


class ResultForm(_Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ResultKind.choices)
    supports = forms.ChoiceField(label=_("Rencana hasil kerja atasan yang diintervensi"), required=False)
    supports_text = forms.CharField(label=_("…atau tulis sasaran/hasil kerja atasan"), max_length=500, required=False,
                                    help_text=_("Bila atasan belum punya SKP yang disetujui di platform."))
    text = forms.CharField(label=_("Rencana hasil kerja"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.pk): c for c in candidates}
        self.fields["supports"].choices = [("", "—")] + [(str(c.pk), c.text[:120]) for c in candidates]

    def clean_supports(self):
        value = self.cleaned_data.get("supports")
        return self.candidates.get(value) if value else None


class IndicatorForm(_Form):
    aspect = forms.ChoiceField(label=_("Aspek"), choices=Aspect.choices)
    text = forms.CharField(label=_("Indikator kinerja individu"), widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(label=_("Target"), max_length=200)
    target_value = forms.DecimalField(label=_("Target (angka)"), required=False, max_digits=14, decimal_places=2)
    target_unit = forms.CharField(label=_("Satuan"), max_length=40, required=False)


class LampiranForm(_Form):
    style = forms.ChoiceField(label=_("Model SKP"), choices=SkpStyle.choices)
    dukungan_sumber_daya = forms.CharField(label=_("Dukungan sumber daya"), required=False,
                                           widget=forms.Textarea(attrs={"rows": 2}))
    skema_pertanggungjawaban = forms.CharField(label=_("Skema pertanggungjawaban"), required=False,
                                               widget=forms.Textarea(attrs={"rows": 2}))
    konsekuensi = forms.CharField(label=_("Konsekuensi"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(_Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class RealisationForm(_Form):
    text = forms.CharField(label=_("Realisasi"), widget=forms.Textarea(attrs={"rows": 2}))
    value = forms.DecimalField(label=_("Realisasi (angka)"), required=False, max_digits=14, decimal_places=2)


class EvidenceForm(_Form):
    file = forms.FileField(label=_("Berkas bukti dukung"), required=False,
                           help_text=_("PDF, JPG, PNG, DOCX, XLSX atau PPTX."))
    link = forms.CharField(label=_("…atau tautan"), required=False, max_length=MAX_LENGTH,
                           help_text=_("Tautan http:// atau https://"))
    note = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def clean_link(self):
        """Only http(s) links to a named site (``berakhlak.lib.links``): no ``javascript:``, ``data:``,
        ``file:``, ``//host``, credentials or spaces."""
        link = self.cleaned_data.get("link") or ""
        if link and (problem := link_problem(link)) is not None:
            raise forms.ValidationError(problem)
        return link

    def clean(self):
        data = super().clean()
        if "link" in self.errors:  # a link was given and refused: that error says it all
            return data
        if bool(data.get("file")) == bool(data.get("link")):
            raise forms.ValidationError(_("Unggah satu berkas atau isi satu tautan."))
        return data


class FeedbackForm(_Form):
    about = forms.ChoiceField(label=_("Tentang"), required=False)
    text = forms.CharField(label=_("Umpan balik"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, subjects=(), **kwargs):
        """``subjects``: (key, label) pairs: ``ind-<id>`` for an indicator, ``val-<code>`` for a core value."""
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", _("SKP secara umum"))] + list(subjects)


class RatingForm(_Form):
    hasil_kerja = forms.ChoiceField(label=_("Rating hasil kerja"), choices=Rating.choices, widget=forms.RadioSelect,
                                    required=False)
    perilaku_kerja = forms.ChoiceField(label=_("Rating perilaku kerja"), choices=Rating.choices,
                                       widget=forms.RadioSelect)
    note = forms.CharField(label=_("Catatan penilai"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, hasil_fixed: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hasil_fixed = hasil_fixed
        for name in ("hasil_kerja", "perilaku_kerja"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        if hasil_fixed:
            self.fields["hasil_kerja"].disabled = True
            self.fields["hasil_kerja"].initial = hasil_fixed

    def clean(self):
        data = super().clean()
        if not self.hasil_fixed and not data.get("hasil_kerja"):
            self.add_error("hasil_kerja", _("Pilih rating hasil kerja."))
        return data


class OrgResultForm(_Form):
    result = forms.ChoiceField(label=_("Capaian kinerja organisasi"), choices=OrgResult.choices)


class FinaliseForm(_Form):
    override_reason = forms.CharField(
        label=_("Alasan bila distribusi tidak sesuai pola"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila ada aturan distribusi yang dilanggar; disimpan dan tercatat di jejak audit."))


class DelegationForm(_Form):
    delegator_nip = forms.CharField(label=_("NIP pemberi delegasi"), max_length=18, required=False,
                                    help_text=_("Kosongkan untuk mendelegasikan penilaian Anda sendiri."))
    delegate_nip = forms.CharField(label=_("NIP penerima delegasi"), max_length=18)
    reason = forms.CharField(label=_("Alasan"), max_length=500)
