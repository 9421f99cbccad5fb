"""Uploads streamed straight into a private folder, with the size limit enforced while streaming.

``PrivateFileUploadHandler`` replaces Django's handlers for one view (``request.upload_handlers``): the
one expected file field is written chunk by chunk (64 KiB) into ``<directory>/upload-<random>.part``,
created 0600 in a folder made 0700, so the web process never holds the file in memory and no other
user of the machine can read it. When the file grows past ``max_bytes`` (or the request announces a
larger body), the part written so far is deleted, the rest of the body is read and dropped, and
``too_large`` tells the view to answer with a form error. Any other file field, or a second file, is
skipped. The view calls ``discard()`` at the end of the request: every part file that the view did not
claim (move elsewhere) is deleted, also when the request failed half-way.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

# room for the other form fields and the multipart boundaries in the announced body length
BODY_SLACK = 1024 * 1024


def private_dir(directory: str | Path) -> Path:
    """Create ``directory`` (and its parents) if missing and make it readable by the service user only."""
    path = Path(directory)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


class PrivateUploadedFile(UploadedFile):
    """A finished upload on disk at ``path`` (a ``.part`` file until the view claims it)."""

    def __init__(self, path: Path, name, content_type, size, charset, content_type_extra=None):
        super().__init__(open(path, "rb"), name, content_type, size, charset, content_type_extra)  # noqa: SIM115
        self.path = path

    def temporary_file_path(self) -> str:
        return str(self.path)


class PrivateFileUploadHandler(FileUploadHandler):
    chunk_size = 64 * 1024

    def __init__(self, request=None, *, directory: str | Path, max_bytes: int, field_name: str = "file"):
        super().__init__(request)
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self.field = field_name
        self.too_large = False
        self.paths: list[Path] = []
        self._fh = None
        self._path: Path | None = None
        self._received = 0
        self._done = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self.max_bytes + BODY_SLACK:
            self.too_large = True  # refuse before a byte is written
        return None

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        if self.too_large or field_name != self.field or self._path is not None:
            raise SkipFile
        if content_length is not None and content_length > self.max_bytes:
            self.too_large = True
            raise SkipFile
        directory = private_dir(self.directory)
        self._path = directory / f"upload-{secrets.token_hex(16)}.part"
        fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        self.paths.append(self._path)
        self._fh = os.fdopen(fd, "wb")

    def receive_data_chunk(self, raw_data, start):
        if self._fh is None:
            raise SkipFile
        self._received += len(raw_data)
        if self._received > self.max_bytes:
            self.too_large = True
            self.discard()
            raise SkipFile
        self._fh.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self._fh is None or self._done:
            return None
        self._fh.close()
        self._fh = None
        self._done = True
        return PrivateUploadedFile(self._path, self.file_name, self.content_type, file_size, self.charset,
                                   self.content_type_extra)

    def upload_interrupted(self):
        """The body ended inside a file (or a later part was skipped): drop an unfinished file only."""
        if self._fh is not None:
            self.discard()

    def discard(self) -> None:
        """Close and delete every part file still in place (the claimed one has been moved away)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        for path in self.paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
