from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "berakhlak.audit"
    label = "audit"
