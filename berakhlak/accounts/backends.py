from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from berakhlak.accounts.identity import normalise_login


def users_matching_login(typed: str) -> list:
    """At most two users a typed login name may mean: by username (any case) or by the NIP of the linked
    employee, read with :func:`berakhlak.accounts.identity.normalise_login`. The one rule for logging in
    and for the lockout key (``berakhlak.accounts.lockout``)."""
    identifier = normalise_login(typed)
    if not identifier:
        return []
    User = get_user_model()
    return list(
        User.objects.filter(Q(username__iexact=identifier) | Q(employee__nip=identifier)).select_related("employee")[:2]
    )


class NipOrUsernameBackend(ModelBackend):
    """Log in with a username or with the NIP of the employee linked to the user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        candidates = users_matching_login(username)
        if len(candidates) != 1:
            # unknown, or ambiguous: run the hasher anyway so timing does not reveal which
            get_user_model()().set_password(password)
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user):
        """An active user, and (if linked to an employee) only while that employee is active. Checked at
        login and, through ``get_user``, on every request: deactivating an employee ends their sessions."""
        if not super().user_can_authenticate(user):
            return False
        return user.employee_id is None or user.employee.is_active

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("employee").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
