"""System checks of the platform's production settings (run by every command, ``berakhlak serve`` and
``berakhlak worker`` included; ``berakhlak check --deploy`` adds the deploy-only ones)."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PRINTING_BACKENDS = ("django.core.mail.backends.console.", "django.core.mail.backends.filebased.")


def email_prints_messages() -> bool:
    """True when e-mails (personal survey links among them) are printed or written to files instead of
    being sent, outside DEBUG."""
    return not settings.DEBUG and cast(str, settings.EMAIL_BACKEND).startswith(PRINTING_BACKENDS)


@register()
def check_email_backend(app_configs: object, **kwargs: object) -> list[CheckMessage]:
    if not email_prints_messages():
        return []
    return [Warning(
        f"EMAIL_BACKEND={settings.EMAIL_BACKEND}: e-mail tidak dikirim tetapi dicetak ke keluaran proses "
        "(log), termasuk tautan survei pribadi / e-mails are not sent but printed to the process output "
        "(logs), personal survey links included.",
        hint="Hapus EMAIL_BACKEND agar memakai SMTP (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, "
             "EMAIL_HOST_PASSWORD, EMAIL_USE_TLS/SSL) / unset EMAIL_BACKEND to use SMTP (docs/deploy.md).",
        id="berakhlak.W001",
    )]


@register(Tags.security, deploy=True)
def check_site_url(app_configs: object, **kwargs: object) -> list[CheckMessage]:
    if settings.DEBUG or urlsplit(settings.SITE_URL).scheme == "https":
        return []
    return [Warning(
        f"SITE_URL={settings.SITE_URL!r} bukan https: tautan di e-mail (undangan survei, aktivasi akun) "
        "akan lewat HTTP biasa / is not https: links in e-mails (survey invitations, account activation) "
        "would travel in clear text.",
        hint="SITE_URL=https://berakhlak.example.go.id",
        id="berakhlak.W002",
    )]
