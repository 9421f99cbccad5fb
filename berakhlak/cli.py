"""The ``berakhlak`` console script: every Django management command plus the platform's own.

``berakhlak import units FILE --agency CODE`` is the management command ``import`` with its
sub-command; see ``docs/cli.md``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "berakhlak"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "berakhlak.settings")
    if len(argv) > 1 and argv[1] == "demo":
        # The demo runs on the developer's machine only (127.0.0.1): debug on unless told otherwise.
        os.environ.setdefault("DEBUG", "1")
        # No separate `berakhlak worker` in the demo: background tasks (invitations, index runs) run at once.
        os.environ.setdefault("TASKS_IMMEDIATE", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
