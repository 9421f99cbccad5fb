from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "berakhlak.front"
    label = "front"
