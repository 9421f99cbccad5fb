"""Rules and statistics modules import no Django (DESIGN.md: pure modules)."""

import subprocess
import sys

PURE = ["berakhlak.analytics.bands", "berakhlak.analytics.likert", "berakhlak.analytics.suppression",
        "berakhlak.analytics.reliability", "berakhlak.analytics.culture_index",
        "berakhlak.analytics.selection", "berakhlak.analytics.trends", "berakhlak.org.nip", "berakhlak.org.checks", "berakhlak.demo.generator", "berakhlak.demo.survey_answers",
        "berakhlak.performance.checks", "berakhlak.surveys.checks", "berakhlak.lib.i18n"]


def test_pure_modules_do_not_import_django():
    code = "import sys, importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in PURE) + \
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\nassert not bad, bad\n"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
