from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "berakhlak.framework"
    label = "framework"
