from django.urls import path

from berakhlak.surveys import views, views_answer

app_name = "surveys"

urlpatterns = [
    path("survei/", views.wave_list, name="waves"),
    path("survei/baru/", views.wave_new, name="wave_new"),
    path("survei/nasional/", views.national, name="national"),
    path("survei/instrumen/", views.instruments, name="instruments"),
    path("survei/instrumen/<int:pk>/", views.instrument_detail, name="instrument"),
    path("survei/undangan/<int:pk>/", views.my_invitation, name="my_invitation"),
    path("survei/<int:pk>/", views.wave_detail, name="wave"),
    path("survei/<int:pk>/aksi/<slug:action>/", views.wave_action, name="wave_action"),
    path("survei/<int:pk>/kertas-suara/", views.ballots, name="ballots"),
    path("survei/<int:pk>/hasil/", views.results, name="results"),
    path("survei/<int:pk>/hasil/ekspor.<str:fmt>", views.export, name="export"),
    # public answering pages (personal link or ballot code, no login)
    path("s/selesai/", views_answer.thanks, name="thanks"),
    path("s/kode/", views_answer.ballot, name="ballot"),
    path("s/<str:token>/", views_answer.start, name="answer"),
    path("s/<str:token>/halaman/<int:page>/", views_answer.page, name="answer_page"),
    path("s/<str:token>/periksa/", views_answer.review, name="answer_review"),
    path("s/<str:token>/kirim/", views_answer.submit, name="answer_submit"),
]
