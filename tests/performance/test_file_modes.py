"""Uploaded evidence is readable by the service user (and its group) only: 0640 files in 0750
folders, whatever the process umask, for a small upload kept in memory and a large one spooled to a
temporary file."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from berakhlak.performance.models import Evidence
from tests.performance.helpers import approved_skp


@pytest.fixture
def wide_umask():
    old = os.umask(0)  # the loosest a service manager could leave
    yield
    os.umask(old)


@pytest.mark.parametrize("spooled", [False, True], ids=["in-memory", "temporary-file"])
def test_uploaded_evidence_is_not_world_readable(skp_org, client, settings, tmp_path, wide_umask, spooled):
    settings.MEDIA_ROOT = tmp_path / "media"
    if spooled:
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 16  # the upload goes through a temporary file, then is moved
    skp = approved_skp(skp_org)
    indicator = skp.results.get().indicators.get()
    client.force_login(skp_org["analis"].user)
    client.post(reverse("performance:realisation", args=[skp.pk, "TW1", indicator.pk]), {"text": "selesai"})
    real = indicator.realisations.get()
    upload = SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n" + b"x" * 4096 + b"\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("performance:evidence_add", args=[skp.pk, "TW1", real.pk]), {"file": upload})
    assert response.status_code == 302
    path = tmp_path / "media" / Evidence.objects.get().file.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    folder = path.parent
    while folder != tmp_path / "media":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o750, folder
        folder = folder.parent
