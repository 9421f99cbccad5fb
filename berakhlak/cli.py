"""The ``berakhlak`` console script: every Django management command plus the platform's own.

``berakhlak import units FILE --agency CODE`` is the management command ``import`` with its
sub-command; see ``docs/cli.md``. Settings come from the environment and from ``.env`` in the project
root (berakhlak/lib/env.py), which never overrides a variable already set.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "berakhlak"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "berakhlak.settings")
    command = argv[1] if len(argv) > 1 else ""
    if command == "demo":
        # The demo runs on the developer's machine only (127.0.0.1): debug on unless told otherwise.
        os.environ.setdefault("DEBUG", "1")
        # No separate `berakhlak worker` in the demo: background tasks (invitations, index runs) run at once.
        os.environ.setdefault("TASKS_IMMEDIATE", "1")
    elif command == "serve":
        # The production server never runs with DEBUG on, whatever the environment or .env says.
        os.environ["DEBUG"] = "0"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from berakhlak.lib.env import ImproperEnv

    try:
        execute_from_command_line(argv)
    except (ImproperlyConfigured, ImproperEnv) as exc:
        # A missing SECRET_KEY or a bad variable: one clear line, exit status 1, no traceback.
        print(f"berakhlak: {exc}", file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
