"""File modes of the data the platform keeps on disk: the SQLite database readable by the service user
only. (Uploaded files get theirs from ``FILE_UPLOAD_PERMISSIONS``.) No Django import."""

from __future__ import annotations

import contextlib
import os
import stat

SQLITE_MODE = 0o600


def secure_sqlite_file(name: str | os.PathLike) -> None:
    """Create the SQLite database file ``name`` with mode 0600 if it does not exist, and take group
    and other permissions away from it and from its ``-wal``, ``-shm`` and ``-journal`` files if they
    exist with wider ones (an install made before this rule).

    SQLite creates the ``-wal`` and ``-shm`` files with the mode of the database file, so a 0600
    database keeps them 0600 too. In-memory databases (``:memory:``, ``file:…mode=memory``) are left
    alone; a file owned by somebody else is not touched (chmod would fail; the service user's own
    files are what this guards).
    """
    name = os.fspath(name)
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    try:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, SQLITE_MODE)
    except FileExistsError:
        pass
    except OSError:
        return  # an unwritable directory: SQLite itself will say so, with its own message
    else:
        os.close(fd)
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        try:
            st = os.stat(path)
        except OSError:
            continue
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) & 0o077:
            with contextlib.suppress(OSError):
                os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)
