"""Small helpers that read settings from environment variables and fail loudly on bad values.

Modelled on healthchecks' ``hc/settings.py``: every value has a default that works on a developer's
machine, secrets may come from ``NAME_FILE`` (a path, for Docker/Kubernetes secrets), and a value that
cannot be parsed stops the process with a message naming the variable.
"""

from __future__ import annotations

import os
import re


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


def _unquote(raw: str, where: str) -> str:
    """The value of one ``.env`` line: ``"…"`` (with ``\\n``, ``\\"`` and ``\\\\`` escapes), ``'…'``
    (literal), or bare text up to a `` #`` comment."""
    raw = raw.strip()
    if raw[:1] in {'"', "'"}:
        quote = raw[0]
        end, i = -1, 1
        while i < len(raw):
            if quote == '"' and raw[i] == "\\":
                i += 2
                continue
            if raw[i] == quote:
                end = i
                break
            i += 1
        if end < 0:
            raise ImproperEnv(f"{where}: tanda kutip {quote} tidak ditutup / unclosed {quote} quote")
        rest = raw[end + 1:].strip()
        if rest and not rest.startswith("#"):
            raise ImproperEnv(f"{where}: teks setelah tanda kutip penutup / text after the closing quote")
        value = raw[1:end]
        if quote == '"':
            value = re.sub(r'\\(.)', lambda m: "\n" if m.group(1) == "n" else m.group(1), value)
        return value
    # a bare value: " #" starts a comment, as in a shell (systemd's EnvironmentFile has no inline comments)
    for i, ch in enumerate(raw):
        if ch == "#" and (i == 0 or raw[i - 1] in " \t"):
            return raw[:i].rstrip()
    return raw


def parse_dotenv(text: str, *, source: str = ".env") -> dict[str, str]:
    """The ``NAME=value`` pairs of a ``.env`` text, in order.

    Blank lines and ``#`` comments are skipped, an ``export`` prefix is allowed, values may be quoted.
    A line that is not ``NAME=value`` (or a bad name) stops with ``ImproperEnv`` naming the file and
    line, so that a typo never silently drops a setting such as ``SECRET_KEY``.
    """
    pairs: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{source}:{number}"
        if stripped.startswith("export ") or stripped.startswith("export\t"):
            stripped = stripped[len("export"):].lstrip()
        name, sep, raw = stripped.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ImproperEnv(f"{where}: bukan NAMA=nilai / not NAME=value")
        if not (name[0].isalpha() or name[0] == "_") or not all(c.isalnum() or c == "_" for c in name) \
                or not name.isascii():
            raise ImproperEnv(f"{where}: nama variabel {name!r} tidak sah / invalid variable name")
        pairs[name] = _unquote(raw, where)
    return pairs


def load_dotenv(path, *, environ=None) -> dict[str, str]:
    """Put the variables of the ``.env`` file at ``path`` into ``environ`` (``os.environ``) without
    overriding a variable that is already set there (even to an empty string). A missing file is no
    error. Returns the variables it set."""
    environ = os.environ if environ is None else environ
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise ImproperEnv(f"{path}: bukan teks UTF-8 / not UTF-8 text") from None
    applied = {}
    for name, value in parse_dotenv(text, source=str(path)).items():
        if name not in environ:
            environ[name] = value
            applied[name] = value
    return applied


def project_env_file(base_dir, *, environ=None, testing: bool | None = None) -> str | None:
    """The ``.env`` file the platform reads: ``$BERAKHLAK_ENV_FILE`` when set (empty: none), else
    ``.env`` in the project root. None under the test suite, whose settings must not depend on a
    developer's file."""
    import sys

    environ = os.environ if environ is None else environ
    if testing is None:
        testing = "pytest" in sys.modules or environ.get("BERAKHLAK_TESTING", "").lower() in {"1", "true", "yes", "on"}
    if testing:
        return None
    chosen = environ.get("BERAKHLAK_ENV_FILE")
    if chosen is not None:
        return chosen or None
    return os.path.join(str(base_dir), ".env")
