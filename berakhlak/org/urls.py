from django.urls import path

from berakhlak.org import views

app_name = "org"
urlpatterns = [
    path("unit/", views.units, name="units"),
    path("unit/<int:unit_id>/", views.unit_detail, name="unit"),
    path("unit/<int:unit_id>/anak/", views.unit_children, name="unit_children"),
    path("pegawai/", views.employees, name="employees"),
    path("pegawai/ekspor.csv", views.employees_export, name="employees_export"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee"),
    path("impor/", views.import_page, name="import"),
    path("impor/<int:job_id>/", views.import_job, name="import_job"),
]
