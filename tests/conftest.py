import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("BERAKHLAK_TESTING", "1")
# web import uploads of the tests go to a private folder of this run, not to the checkout's data/
_IMPORTS = tempfile.mkdtemp(prefix="berakhlak-test-imports-")
os.environ.setdefault("IMPORT_UPLOAD_DIR", _IMPORTS)
atexit.register(shutil.rmtree, _IMPORTS, True)

PASSWORD = "rahasia-uji-123"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def write(tmp_path):
    """Write a text file in tmp_path and return its path: write("a.csv", "kode,nama\\n…")."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def migration_rows(transactional_db):
    """Transactional tests flush every table, data-migration rows included: load the framework again."""
    import importlib

    from django.apps import apps

    from berakhlak.framework.models import FrameworkVersion

    if not FrameworkVersion.objects.exists():
        migration = importlib.import_module("berakhlak.framework.migrations.0002_load_berakhlak_2021_and_2023")
        migration.load(apps, None)
    from berakhlak.surveys.models import Instrument

    if not Instrument.objects.filter(agency__isnull=True).exists():
        migration = importlib.import_module("berakhlak.surveys.migrations.0002_builtin_instruments")
        migration.load(apps, None)
