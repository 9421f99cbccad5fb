"""Rules and statistics modules import no Django (DESIGN.md: pure modules).

Each pure module is imported alone in a fresh interpreter, which then must hold no ``django`` module:
an import of Django anywhere below the module (directly or through another module of the project)
fails the test. The modules are found on disk, so a new ``analytics/*.py``, ``rules.py`` or ``checks.py``
is covered without editing this list; the few that are not pure are named in ``NOT_PURE`` with the reason.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "berakhlak"

#: modules matched by the patterns below that are not (yet) pure, with the reason
NOT_PURE = {
    # Django system checks of the deployment settings: Django by nature
    "berakhlak.front.checks": "registers Django system checks",
}

#: pure modules outside the patterns
EXTRA = ["berakhlak.org.nip", "berakhlak.lib.anonymity", "berakhlak.lib.i18n", "berakhlak.demo.generator",
         "berakhlak.demo.survey_answers"]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _discovered() -> list[str]:
    found = [*PACKAGE.glob("analytics/*.py"), *PACKAGE.glob("*/rules.py"), *PACKAGE.glob("*/checks.py")]
    names = {_module(p) for p in found if p.name != "__init__.py"}
    return sorted((names - NOT_PURE.keys()) | set(EXTRA))


PURE = _discovered()


def _django_modules_after_import(module: str) -> list[str]:
    code = ("import importlib, sys\n"
            f"importlib.import_module({module!r})\n"
            "print('\\n'.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_the_list_covers_every_rules_and_checks_module_and_the_analytics():
    expected = {"berakhlak.analytics.feedback360", "berakhlak.analytics.feedback360_rules",
                "berakhlak.analytics.suppression", "berakhlak.feedback360.rules", "berakhlak.performance.rules",
                "berakhlak.surveys.rules", "berakhlak.org.checks", "berakhlak.performance.checks", "berakhlak.surveys.checks",
                "berakhlak.org.nip", "berakhlak.lib.anonymity"}
    assert expected <= set(PURE)
    assert not set(PURE) & NOT_PURE.keys()


@pytest.mark.parametrize("module", PURE)
def test_pure_module_does_not_import_django(module):
    assert _django_modules_after_import(module) == []


def test_the_check_sees_a_django_import():
    """The probe is not blind: a module that imports Django (the system checks) is caught by it."""
    assert "django" in _django_modules_after_import("berakhlak.front.checks")
