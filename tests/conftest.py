import os
from pathlib import Path

import pytest

os.environ.setdefault("BERAKHLAK_TESTING", "1")

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
