"""Background work of accounts (Django Tasks API; ``berakhlak worker`` runs them, the demo and the tests
run them at once)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_activation_email(user_id: int, language: str) -> bool:
    """Mail the link to set a password to the account's address; ``False`` when the account can no longer
    receive one (deleted, deactivated, no address). Sent from a task so that the form answers as fast for an
    unknown account as for a known one."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    from berakhlak.accounts.backends import NipOrUsernameBackend
    from berakhlak.accounts.models import User
    from berakhlak.accounts.services import activation_link

    user = User.objects.select_related("employee").filter(pk=user_id).first()
    if user is None or not user.email or not NipOrUsernameBackend().user_can_authenticate(user):
        return False
    with translation.override(language):
        body = render_to_string("accounts/activation_email.txt", {"user": user, "link": activation_link(user=user)})
        send_mail(translation.gettext("Atur kata sandi BerAKHLAK"), body, None, [user.email])
    return True
