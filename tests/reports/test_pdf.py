"""The PDF of a wave report: a real PDF, in Indonesian, with the agency, the index and page numbers,
rendered without fetching anything."""

import re
import shutil
import subprocess

import pytest

from berakhlak.reports import pdf


def text_of_pdf(data: bytes) -> str:
    """The PDF's text by pdftotext (poppler-utils) when the machine has it."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode("utf-8")


def text_of_layout(report) -> tuple[str, int]:
    """The text WeasyPrint laid out on the pages (page margin boxes included), and the page count."""
    import weasyprint

    document = weasyprint.HTML(string=pdf.wave_report_html(report),
                               url_fetcher=weasyprint.URLFetcher(allowed_protocols=["data"])).render()
    parts = []

    def walk(box):
        if getattr(box, "text", None):
            parts.append(box.text)
        for child in getattr(box, "children", ()) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(parts), len(document.pages)


@pytest.fixture(scope="module")
def sample_pdf():
    from tests.reports.conftest import SAMPLE

    return pdf.wave_pdf(SAMPLE)


def test_is_a_pdf(sample_pdf):
    assert sample_pdf.startswith(b"%PDF-")
    assert b"%%EOF" in sample_pdf[-1024:]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text(sample_pdf):
    text = text_of_pdf(sample_pdf)
    assert "Badan Kepegawaian Negara" in text
    assert "Indeks BerAKHLAK" in text
    assert "Laporan Indeks BerAKHLAK" in text
    assert "61,3" in text and "Cukup Sehat" in text
    assert "disembunyikan (< 5 responden)" in text
    pages = text.count("\f")
    assert f"Halaman 1 dari {pages}" in text and f"Halaman {pages} dari {pages}" in text


def test_layout_text_and_pages(sample_report):
    text, pages = text_of_layout(sample_report)
    assert "Badan Kepegawaian Negara" in text and "Indeks BerAKHLAK" in text
    assert "Catatan metode" in text and "Deputi Bidang Mutasi Kepegawaian" in text
    assert 4 <= pages <= 10


def test_degenerate_report_renders(degenerate_report):
    data = pdf.wave_pdf(degenerate_report)
    assert data.startswith(b"%PDF-")
    text, pages = text_of_layout(degenerate_report)
    assert "Lembaga Kecil" in text and "Indeks BerAKHLAK" in text
    assert "disembunyikan (< 5 responden)" in text
    assert "tidak memiliki unit turunan langsung" in text
    assert "Reliabilitas tidak tersedia" in text
    assert pages >= 3


def test_fetches_only_data_urls(sample_report, monkeypatch):
    import weasyprint

    fetched = []
    original = weasyprint.URLFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(weasyprint.URLFetcher, "fetch", spy)
    html = pdf.wave_report_html(sample_report)
    assert not re.search(r"""(src|href)=["']?(https?:|file:|//)""", html)
    assert "@import" not in html and "@font-face" not in html
    pdf.wave_pdf(sample_report)
    assert fetched and all(url.startswith("data:") for url in fetched)


def test_long_unit_lists_get_several_heatmaps(sample_report):
    many = [dict(sample_report["children"][i % 5], unit=f"U{i:03}", name=f"Unit {i}") for i in range(70)]
    context = pdf.report_context({**sample_report, "children": many})
    assert len(context["heatmaps"]) == 3  # 28 + 28 + 14 rows
    assert len(context["child_rows"]) == 70
