from django.urls import path

from berakhlak.performance import views

app_name = "performance"

urlpatterns = [
    path("kinerja/", views.home, name="home"),
    path("kinerja/tahun/baru/", views.year_new, name="year_new"),
    path("kinerja/skp/baru/", views.skp_new, name="skp_new"),
    path("kinerja/delegasi/", views.delegate, name="delegate"),
    path("kinerja/skp/<int:pk>/", views.skp_detail, name="skp"),
    path("kinerja/skp/<int:pk>/aksi/<slug:action>/", views.skp_action, name="skp_action"),
    path("kinerja/skp/<int:pk>/hasil-kerja/", views.result_add, name="result_add"),
    path("kinerja/skp/<int:pk>/hasil-kerja/<int:result_id>/hapus/", views.result_delete, name="result_delete"),
    path("kinerja/skp/<int:pk>/hasil-kerja/<int:result_id>/indikator/", views.indicator_add, name="indicator_add"),
    path("kinerja/skp/<int:pk>/indikator/<int:indicator_id>/hapus/", views.indicator_delete, name="indicator_delete"),
    path("kinerja/skp/<int:pk>/indikator/<int:indicator_id>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("kinerja/skp/<int:pk>/hasil-kerja/<int:result_id>/ubah/", views.result_edit, name="result_edit"),
    path("kinerja/skp/<int:pk>/lampiran/", views.lampiran_save, name="lampiran"),
    path("kinerja/skp/<int:pk>/ekspektasi/", views.expectations_save, name="expectations"),
    path("kinerja/skp/<int:pk>/dokumen.pdf", views.skp_pdf, name="skp_pdf"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/", views.period_detail, name="period"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/realisasi/<int:indicator_id>/", views.realisation_save,
         name="realisation"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/bukti/<int:realisation_id>/", views.evidence_add, name="evidence_add"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/umpan-balik/", views.feedback_add, name="feedback"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/nilai/", views.rate, name="rate"),
    path("kinerja/skp/<int:pk>/periode/<str:code>/evaluasi.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path("kinerja/bukti/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("kinerja/unit/<int:unit_id>/periode/<int:period_id>/", views.distribution, name="distribution"),
    path("kinerja/unit/<int:unit_id>/periode/<int:period_id>/capaian/", views.org_result_set, name="org_result"),
    path("kinerja/unit/<int:unit_id>/periode/<int:period_id>/final/", views.finalise, name="finalise"),
    path("kinerja/rekap/", views.recap, name="recap"),
    path("kinerja/rekap/ekspor.xlsx", views.recap_export, name="recap_export"),
]
