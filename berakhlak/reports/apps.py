from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Charts, XLSX and PDF of a wave report. No models: it turns a plain report dict into files."""

    name = "berakhlak.reports"
    label = "reports"
    verbose_name = "Laporan"
