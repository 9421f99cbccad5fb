from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "berakhlak.demo"
    label = "demo"
