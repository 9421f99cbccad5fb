from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP atau nama pengguna"), max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control",
                                      "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )
    error_messages = {
        "invalid_login": _("NIP/nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }


class ActivationRequestForm(forms.Form):
    identifier = forms.CharField(
        label=_("NIP atau surel"), max_length=254,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "username", "autofocus": True}),
    )
