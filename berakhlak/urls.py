from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "BerAKHLAK – administrasi"
admin.site.site_title = "BerAKHLAK"

urlpatterns = [
    path("", include("berakhlak.front.urls")),
    path("akun/", include("berakhlak.accounts.urls")),
    path("organisasi/", include("berakhlak.org.urls")),
    path("", include("berakhlak.surveys.urls")),
    path("", include("berakhlak.performance.urls")),
    path("", include("berakhlak.feedback360.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
