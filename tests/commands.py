"""Run a management command as the ``berakhlak`` CLI does, for the command tests."""

from __future__ import annotations

import io

from django.core.management import call_command


def run_command(name: str, *args) -> tuple[int, str, str]:
    """``berakhlak NAME ARGS…``: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()
