"""Small helpers that read settings from environment variables and fail loudly on bad values.

Modelled on healthchecks' ``hc/settings.py``: every value has a default that works on a developer's
machine, secrets may come from ``NAME_FILE`` (a path, for Docker/Kubernetes secrets), and a value that
cannot be parsed stops the process with a message naming the variable.
"""

from __future__ import annotations

import os


class ImproperEnv(ValueError):
    """An environment variable holds a value the platform cannot use."""


def env(name: str, default: str | None = None) -> str | None:
    """Return ``$NAME``, else the content of the file named by ``$NAME_FILE``, else ``default``."""
    value = os.environ.get(name)
    if value is not None:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip()
    return default


def envbool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on", "ya"}:
        return True
    if lowered in {"0", "false", "no", "off", "tidak"}:
        return False
    raise ImproperEnv(f"{name}={value!r}: expected true/false (1/0, yes/no)")


def envint(name: str, default: int) -> int:
    value = env(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperEnv(f"{name}={value!r}: expected a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None or value.strip() == "":
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]
