from django.urls import path

from berakhlak.feedback360 import views

app_name = "feedback360"

urlpatterns = [
    path("360/", views.home, name="home"),
    path("360/siklus/baru/", views.cycle_new, name="cycle_new"),
    path("360/siklus/<int:pk>/", views.cycle_detail, name="cycle"),
    path("360/siklus/<int:pk>/aksi/<slug:action>/", views.cycle_action, name="cycle_action"),
    path("360/siklus/<int:pk>/penilai/<int:employee_id>/", views.rater_list, name="list"),
    path("360/siklus/<int:pk>/penilai/<int:employee_id>/<slug:action>/", views.rater_list_action, name="list_action"),
    # the form's key is opaque (``feedback360.keys.form_key``): an access log names no assignment
    path("360/formulir/<slug:key>/", views.form_page, name="form"),
    path("360/formulir/<slug:key>/kirim/", views.form_submit, name="form_submit"),
    path("360/formulir/<slug:key>/tolak/", views.form_decline, name="form_decline"),
    path("360/siklus/<int:pk>/hasil/", views.team, name="team"),
    path("360/siklus/<int:pk>/hasil/<int:employee_id>/", views.report_page, name="report"),
    path("360/siklus/<int:pk>/hasil/<int:employee_id>/laporan.pdf", views.report_pdf, name="report_pdf"),
    path("360/siklus/<int:pk>/peta/<int:unit_id>/", views.heatmap, name="heatmap"),
]
