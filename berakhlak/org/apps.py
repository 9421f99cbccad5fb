from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "berakhlak.org"
    label = "org"
