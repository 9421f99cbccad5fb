from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from berakhlak.org.models import EmploymentType, PositionKind


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    agency = forms.CharField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Jenis jabatan"), required=False,
                             choices=[("", _("Semua jenis jabatan")), *PositionKind.choices])
    type = forms.ChoiceField(label=_("Jenis pegawai"), required=False,
                             choices=[("", _("PNS dan PPPK")), *EmploymentType.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Aktif")), ("inactive", _("Tidak aktif")), ("all", _("Semua"))])


class ImportForm(forms.Form):
    KIND_CHOICES = [("units", _("Unit kerja (kode, nama, induk_kode)")),
                    ("employees", _("Pegawai (nip, nama, unit_kode, jabatan, …)"))]
    kind = forms.ChoiceField(label=_("Jenis data"), choices=KIND_CHOICES, initial="units",
                             widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    agency = forms.ChoiceField(label=_("Instansi"))
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))
    dry_run = forms.BooleanField(label=_("Periksa saja, jangan simpan"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.code, f"{a.code} – {a.name}") for a in agencies]

    @staticmethod
    def too_large_message() -> str:
        return _("Berkas terlalu besar (paling besar %(mb)d MB).") % {"mb": settings.IMPORT_MAX_UPLOAD_MB}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(self.too_large_message())
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Gunakan berkas .csv atau .xlsx."))
        return upload
