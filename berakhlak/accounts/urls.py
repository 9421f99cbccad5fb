from django.urls import path

from berakhlak.accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("kata-sandi/", views.password_change_view, name="password_change"),
    path("buat-akun/", views.provision_view, name="provision"),
    path("aktivasi/", views.activation_request, name="activation"),
    path("atur-sandi/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
