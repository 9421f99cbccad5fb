from django.urls import path

from berakhlak.front import views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path("nilai/", views.values, name="values"),
]
