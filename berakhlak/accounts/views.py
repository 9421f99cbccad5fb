from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from berakhlak.accounts.forms import ActivationRequestForm, LoginForm
from berakhlak.accounts.scope import scope_for
from berakhlak.accounts.services import accounts_provision, activation_link_request, password_change, rate_limit_hit
from berakhlak.lib.clientip import client_limit_address
from berakhlak.org.selectors import agency_list


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


logout_view = auth_views.LogoutView.as_view()


@login_required
@require_http_methods(["GET", "POST"])
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs["class"] = "form-control"
    if request.method == "POST" and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Kata sandi berhasil diganti."))
        return redirect("front:home")
    return render(request, "accounts/password_change.html", {"form": form})


@require_http_methods(["GET", "POST"])
def activation_request(request):
    """Ask for a link to set one's password (first activation or a forgotten password).

    The answer is the same whether or not the account exists, has an address or is over its own limit,
    so nobody can probe for NIPs. A client address gets ``ACTIVATION_LIMIT_PER_IP`` requests an hour
    (whatever they ask for), an account ``ACTIVATION_LIMIT_PER_ACCOUNT`` mails an hour.
    """
    form = ActivationRequestForm(request.POST or None)
    if request.method == "POST":
        address = client_limit_address(request) or "unknown"
        if not rate_limit_hit(scope="activation-ip", key=address, limit=settings.ACTIVATION_LIMIT_PER_IP,
                              window=timedelta(hours=1)):
            refused = _("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam satu jam.")
            return render(request, "accounts/activation_request.html",
                          {"form": ActivationRequestForm(), "refused": refused}, status=429)
        if form.is_valid():
            activation_link_request(identifier=form.cleaned_data["identifier"], language=get_language())
            messages.info(request, _("Bila akun tersebut ada dan punya alamat surel, tautan untuk mengatur kata "
                                     "sandi telah dikirim. Tidak menerima? Hubungi SDM instansi Anda."))
            return redirect("accounts:login")
    return render(request, "accounts/activation_request.html", {"form": form})


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Kata sandi tersimpan. Silakan masuk."))
        return response

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-control"
        return form


@login_required
@require_http_methods(["POST"])
def provision_view(request):
    """HR: create accounts (username = NIP) for the agency's employees who have none."""
    scope = scope_for(request.user)
    agency = agency_list(scope=scope).filter(code=request.POST.get("agency", "")).first()
    if agency is None or not scope.can_import(agency.id):
        return HttpResponseForbidden(_("Hanya SDM instansi yang dapat membuat akun pegawai."))
    created = accounts_provision(agency=agency, actor=request.user)
    messages.success(request, _("%(n)d akun pegawai dibuat. Pegawai mengatur kata sandinya lewat tautan "
                                "'Belum punya kata sandi?' di halaman masuk.") % {"n": created})
    return redirect(f"{reverse('org:import')}?agency={agency.code}")
