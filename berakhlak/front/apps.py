from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "berakhlak.front"
    label = "front"

    def ready(self):
        from berakhlak.front import checks  # noqa: F401  (registers the system checks)
