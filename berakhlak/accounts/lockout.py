"""The hooks django-axes calls to key its failure counts (``AXES_USERNAME_CALLABLE``,
``AXES_CLIENT_IP_CALLABLE``); axes locks a (username, client address) pair.

The username key is the account a typed name means, whichever spelling was typed: ``LockTest``,
``locktest ``, the account's NIP, or the NIP in its printed groups all count against the one account,
because :func:`berakhlak.accounts.backends.users_matching_login` (the login rule itself) resolves them to
it. A name that means no account, or two, is keyed by its normalised spelling, so unknown names are
throttled the same way and the key says nothing about whether an account exists.
"""

from __future__ import annotations

from berakhlak.accounts.identity import LOGIN_MAX_LENGTH, normalise_login
from berakhlak.lib.clientip import client_limit_address

__all__ = ["lockout_username", "lockout_client_ip"]

_CACHE_ATTR = "_berakhlak_lockout_keys"


def _typed_username(request, credentials) -> str | None:
    from django.conf import settings

    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    if credentials:
        return credentials.get(field)
    data = getattr(request, "POST", None) if request is not None else None
    return data.get(field) if data is not None else None


def lockout_username(request, credentials=None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the account's username in lower case, or the normalised typed name."""
    typed = _typed_username(request, credentials)
    if typed is None:
        return None
    typed = str(typed)[: LOGIN_MAX_LENGTH * 4]
    cache = getattr(request, _CACHE_ATTR, None) if request is not None else None
    if cache is not None and typed in cache:
        return cache[typed]
    from berakhlak.accounts.backends import users_matching_login

    candidates = users_matching_login(typed)
    key = candidates[0].get_username().lower() if len(candidates) == 1 else normalise_login(typed)
    if request is not None:
        if cache is None:
            cache = {}
            try:
                setattr(request, _CACHE_ATTR, cache)
            except AttributeError:  # an object that takes no attributes: no memo
                return key
        cache[typed] = key
    return key


def lockout_client_ip(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: :func:`berakhlak.lib.clientip.client_limit_address`."""
    return client_limit_address(request)
