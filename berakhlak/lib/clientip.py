"""The address of the client, for the login lockout (django-axes) and the rate limits of public forms.

Without ``BEHIND_PROXY`` the platform is reached directly: the client is ``REMOTE_ADDR`` and any
``X-Forwarded-For`` header is ignored (anyone can send one). With ``BEHIND_PROXY=1``, ``TRUSTED_PROXY_COUNT``
(default 1) reverse proxies stand in front of the application and each appends the address it received
the request from to ``X-Forwarded-For``. The client is then the address the outermost trusted proxy
appended: the ``TRUSTED_PROXY_COUNT``-th entry counted from the right. Entries further left were written
by the client itself and are never trusted.

For limits, an IPv6 client is counted by its /64 network (one customer's line usually gets a whole /64,
so counting single addresses would give an attacker 2^64 fresh counters). IPv4-mapped IPv6 addresses
count as their IPv4 address.
"""

from __future__ import annotations

import ipaddress
import logging

log = logging.getLogger("berakhlak.security")
_warned_unused_header = False

__all__ = ["client_ip_from", "limit_address", "client_ip", "client_limit_address"]


def _parse(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not text:
        return None
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:443"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_ip_from(remote_addr: str | None, forwarded_for: str | None, *, behind_proxy: bool,
                   trusted_proxies: int = 1) -> str | None:
    """The client's address as text, or ``None`` when no valid one is known (pure; see the module)."""
    if behind_proxy and trusted_proxies > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",")]
        if len(hops) >= trusted_proxies:
            address = _parse(hops[-trusted_proxies])
            if address is not None:
                return str(address)
        # A header shorter than the chain of trusted proxies, or a garbled entry where a trusted proxy
        # writes: the request did not come through the configured proxies; fall back to the peer.
    address = _parse(remote_addr)
    return str(address) if address is not None else None


def limit_address(ip: str | None) -> str | None:
    """The address a limit counts: IPv4 as is, IPv6 as its /64 network."""
    address = _parse(ip)
    if address is None:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)
    return str(address)


def client_ip(request) -> str | None:
    """:func:`client_ip_from` with the request's headers and the settings ``BEHIND_PROXY`` and
    ``TRUSTED_PROXY_COUNT``."""
    from django.conf import settings

    global _warned_unused_header
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    behind_proxy = bool(getattr(settings, "BEHIND_PROXY", False))
    if forwarded and not behind_proxy and not _warned_unused_header:
        # Behind a proxy without BEHIND_PROXY every client has the proxy's address: one person's failed
        # logins would lock everyone out of that account, and the form limits would be shared by all.
        _warned_unused_header = True
        log.warning("X-Forwarded-For diterima tetapi BEHIND_PROXY mati / X-Forwarded-For received while "
                    "BEHIND_PROXY is off: the header is ignored; set BEHIND_PROXY=1 and TRUSTED_PROXY_COUNT "
                    "if the platform runs behind a reverse proxy")
    return client_ip_from(
        request.META.get("REMOTE_ADDR"), forwarded, behind_proxy=behind_proxy,
        trusted_proxies=int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)),
    )


def client_limit_address(request) -> str | None:
    """The address the login lockout (``AXES_CLIENT_IP_CALLABLE``) and the form rate limits count."""
    return limit_address(client_ip(request))
