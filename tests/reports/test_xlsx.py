"""The XLSX workbook of a wave report opens with openpyxl and holds the sheets and the numbers."""

import io

import openpyxl
import pytest

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.reports.xlsx import SHEETS, wave_workbook

HEADER = 4  # 1-based row of each table's header


@pytest.fixture
def book(sample_report):
    return openpyxl.load_workbook(io.BytesIO(wave_workbook(sample_report)))


def cells(ws):
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


def find(ws, text):
    return next(c for c in cells(ws) if c.value == text)


def right_of(ws, text, n=1):
    c = find(ws, text)
    return ws.cell(row=c.row, column=c.column + n)


def test_sheets(book):
    assert book.sheetnames == list(SHEETS) == ["Ringkasan", "Unit", "Perilaku", "Reliabilitas", "Tren", "Keterangan"]


def test_summary(book):
    ws = book["Ringkasan"]
    assert right_of(ws, "Instansi").value == "BKN — Badan Kepegawaian Negara"
    assert right_of(ws, "Responden").value == 2341
    assert right_of(ws, "Pegawai diundang").value == 2400
    assert right_of(ws, "Tingkat respons (%)").value == 97.5
    overall = right_of(ws, "Indeks BerAKHLAK", 2)
    assert overall.value == 61.3 and overall.number_format == "0.0"
    assert right_of(ws, "Indeks BerAKHLAK", 3).value == "B"
    for code, index in (("AK", 76.5), ("AD", 38.9)):
        assert right_of(ws, code, 2).value == index
    assert right_of(ws, "AK", 3).value == "A" and right_of(ws, "AD", 4).value == "Tidak Sehat"
    assert right_of(ws, "Indeks engagement", 2).value == 71.3
    assert right_of(ws, "Indeks branding", 2).value == 68.0
    assert len(ws._images) == 1  # the values chart


def test_units(book, sample_report):
    ws = book["Unit"]
    header = [c.value for c in ws[HEADER]]
    assert header[:3] == ["Kode unit", "Nama unit", "Responden"]
    assert header[3:11] == [*VALUE_CODES, "Indeks BerAKHLAK"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=HEADER + 1, values_only=True)}
    assert set(rows) == {c["unit"] for c in sample_report["children"]}
    settama = rows["SETTAMA"]
    assert settama[2] == 412 and settama[4] == 79.3 and settama[10] == 65.0
    assert settama[11:] == ("B", "A", "B", "B", "B", "C", "B", "B")
    assert ws.cell(row=HEADER + 1, column=4).number_format == "0.0"
    for code in ("INSP", "PUSBANG"):
        assert rows[code][2] == "disembunyikan (< 5 responden)"
        assert all(v is None for v in rows[code][3:])
    # index and category cells carry band colours as conditional formats
    ranges = {str(r.sqref) for r in ws.conditional_formatting}
    assert "D5:K11" in ranges and "L5:S11" in ranges


def test_behaviours(book):
    ws = book["Perilaku"]
    rows = list(ws.iter_rows(min_row=HEADER + 1, values_only=True))
    assert [(r[0], r[2], r[5], r[6]) for r in rows] == [
        ("Terkuat", "AK3", 81.4, "A"), ("Terkuat", "AK1", 78.2, "A"), ("Terkuat", "KL2", 72.5, "B"),
        ("Terlemah", "AD2", 35.1, "C"), ("Terlemah", "AD3", 38.6, "C"), ("Terlemah", "KO2", 52.3, "B"),
    ]


def test_reliability(book):
    ws = book["Reliabilitas"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=HEADER + 1, values_only=True) if r[0] in VALUE_CODES}
    assert rows["BP"][2:9] == (0.81, "BP1", 0.62, "BP2", 0.58, "BP3", 0.66)
    assert rows["KL"][2] == "—" and "30 responden" in rows["KL"][9]


def test_trend(book):
    ws = book["Tren"]
    rows = list(ws.iter_rows(min_row=HEADER + 1, values_only=True))
    assert [(r[0], r[8], r[9]) for r in rows] == [("2021", 58.7, "—"), ("2022", 60.9, 2.2), ("2023", 61.3, 0.4)]


def test_method_notes(book):
    text = " ".join(str(c.value) for c in cells(book["Keterangan"]))
    assert "100 × (rata-rata" in text
    assert "kurang dari 5 responden" in text
    assert "A Sehat: ≥ 75" in text and "C Tidak Sehat: < 50" in text


def test_degenerate_report(degenerate_report):
    book = openpyxl.load_workbook(io.BytesIO(wave_workbook(degenerate_report)))
    assert book.sheetnames == list(SHEETS)
    summary = book["Ringkasan"]
    assert right_of(summary, "Responden").value == "disembunyikan (< 5 responden)"
    assert right_of(summary, "Indeks BerAKHLAK", 2).value == "—"
    assert right_of(summary, "Skala jawaban").value == "1–4"
    assert book["Unit"].cell(row=HEADER + 1, column=1).value == "Tidak ada unit turunan langsung."
    assert "Tidak ada angka perilaku" in book["Perilaku"].cell(row=HEADER + 1, column=1).value
    assert "tidak tersedia" in book["Reliabilitas"].cell(row=HEADER + 1, column=1).value
    assert [c.value for c in book["Tren"][HEADER + 1]][:2] == ["2024", "—"]
    assert not any(isinstance(c.value, (int, float)) and c.row > HEADER for c in cells(book["Unit"]))


def test_text_is_never_read_as_a_formula(sample_report):
    sample_report["children"][0]["name"] = "=HYPERLINK(\"http://x\")"
    book = openpyxl.load_workbook(io.BytesIO(wave_workbook(sample_report)))
    assert book["Unit"].cell(row=HEADER + 1, column=2).data_type == "s"
