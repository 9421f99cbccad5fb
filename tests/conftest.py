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
