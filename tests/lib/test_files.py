"""The SQLite database and its -wal/-shm files are readable by the service user only (0600)."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from berakhlak.lib.files import secure_sqlite_file


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def wide_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_new_database_and_its_wal_and_shm_files_are_0600(tmp_path, wide_umask):
    db = tmp_path / "b.sqlite3"
    secure_sqlite_file(db)
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES (1)")
        con.commit()
        for path in (db, f"{db}-wal", f"{db}-shm"):
            assert os.path.exists(path) and mode(path) == 0o600, path
    finally:
        con.close()


def test_without_it_sqlite_would_leave_them_world_readable(tmp_path, wide_umask):
    """The attack the rule stops: a default install under a loose umask."""
    db = tmp_path / "plain.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    assert mode(db) & 0o044


def test_an_existing_wider_database_is_tightened(tmp_path):
    db = tmp_path / "old.sqlite3"
    for path in (db, tmp_path / "old.sqlite3-wal"):
        path.write_bytes(b"")
        os.chmod(path, 0o664)
    secure_sqlite_file(db)
    assert mode(db) == 0o600 and mode(f"{db}-wal") == 0o600


@pytest.mark.parametrize("name", [":memory:", "file:memdb?mode=memory&cache=shared", ""])
def test_in_memory_databases_are_left_alone(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    secure_sqlite_file(name)
    assert list(tmp_path.iterdir()) == []
