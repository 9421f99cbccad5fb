"""The XLSX workbook of a wave report (XlsxWriter): one sheet per view, numbers as numbers.

Sheets: Ringkasan (summary with the values chart), Unit (direct child units), Perilaku (strongest and
weakest behaviours), Reliabilitas, Tren, Keterangan (method notes). Index cells carry the format "0.0"
and a fill by band (conditional formats, so a user's edit recolours them); category cells likewise.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from berakhlak.reports.common import (
    DASH,
    OVERALL_LABEL,
    VALUE_CODES,
    band_of,
    band_range_text,
    band_tint,
    bands_of,
    date_text,
    method_notes,
    period_text,
    scale_text,
    status_text,
    suppression_text,
    value_name,
)

__all__ = ["wave_workbook", "SHEETS"]

SHEETS = ("Ringkasan", "Unit", "Perilaku", "Reliabilitas", "Tren", "Keterangan")
HEADER_ROW = 3  # 0-based: title, subtitle, empty line, then the table header


class ReportBook:
    """An in-memory XlsxWriter workbook with the formats every report shares, titled A4 sheets (heading, then
    the report's context line) and a plain table header. A report's book adds its own formats."""

    def __init__(self, report: Mapping, buffer: io.BytesIO, *, context: str, properties: Mapping[str, str]):
        self.report = report
        self.context = context
        self.wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                               "strings_to_formulas": False, "strings_to_urls": False})
        f = self.wb.add_format
        self.title = f({"bold": True, "font_size": 14, "font_color": "#7A1F1F"})
        self.subtitle = f({"italic": True, "font_color": "#555555"})
        self.header = f({"bold": True, "bg_color": "#7A1F1F", "font_color": "#FFFFFF", "border": 1,
                         "text_wrap": True, "valign": "vcenter"})
        self.label = f({"bold": True})
        self.text = f({"valign": "top"})
        self.wrap = f({"text_wrap": True, "valign": "top"})
        self.muted = f({"italic": True, "font_color": "#666666"})
        self.int = f({"num_format": "#,##0"})
        self.centre = f({"align": "center"})
        self.wb.set_properties({**properties, "author": "Platform BerAKHLAK", "created": report_created(report)})

    def sheet(self, name: str, heading: str):
        ws = self.wb.add_worksheet(name)
        ws.hide_gridlines(2)
        ws.write_string(0, 0, heading, self.title)
        ws.write_string(1, 0, self.context, self.subtitle)
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        return ws

    def header_row(self, ws, row: int, headings) -> None:
        for col, text in enumerate(headings):
            ws.write_string(row, col, text, self.header_format(text))
        ws.set_row(row, 30)
        ws.freeze_panes(row + 1, 0)

    def header_format(self, text: str):
        return self.header


class _Book(ReportBook):
    """The wave report's workbook: the shared formats plus the band rules of this report."""

    def __init__(self, report: Mapping, buffer: io.BytesIO):
        super().__init__(report, buffer, context=_context_line(report), properties={
            "title": f"{OVERALL_LABEL} · {(report.get('agency') or {}).get('name', '')}",
            "subject": (report.get("wave") or {}).get("title", ""),
            "comments": "Dibuat dari hasil indeks yang tersimpan; tanpa jawaban perorangan.",
        })
        self.bands = bands_of(report)
        f = self.wb.add_format
        self.num1 = f({"num_format": "0.0"})
        self.num1_bold = f({"num_format": "0.0", "bold": True})
        self.num2 = f({"num_format": "0.00"})
        self.signed = f({"num_format": "+0.0;-0.0;0.0"})
        self.centre_bold = f({"align": "center", "bold": True})
        self.band_fmt = {b["code"]: f({"bg_color": band_tint(b["code"], self.bands)}) for b in self.bands}

    def number(self, ws, row: int, col: int, x: float | None, fmt=None) -> None:
        if x is None:
            ws.write_string(row, col, DASH, self.centre)
        else:
            ws.write_number(row, col, x, fmt or self.num1)

    def colour_indices(self, ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Fill index cells by band: best band first, each rule stopping the ones below it. ISNUMBER keeps
        a "—" away: Excel ranks any text above every number."""
        if last_row < first_row:
            return
        cell = xl_rowcol_to_cell(first_row, first_col)  # relative: the rule shifts over the range
        for band in self.bands:
            ws.conditional_format(first_row, first_col, last_row, last_col, {
                "type": "formula", "criteria": f"=AND(ISNUMBER({cell}),{cell}>={band['min']})",
                "format": self.band_fmt[band["code"]], "stop_if_true": True,
            })

    def colour_categories(self, ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if last_row < first_row:
            return
        for band in self.bands:
            ws.conditional_format(first_row, first_col, last_row, last_col, {
                "type": "cell", "criteria": "==", "value": f'"{band["code"]}"', "format": self.band_fmt[band["code"]],
            })

def wave_workbook(report: Mapping) -> bytes:
    """The XLSX workbook of one wave report, as bytes."""
    buffer = io.BytesIO()
    book = _Book(report, buffer)
    _summary(book)
    _units(book)
    _behaviours(book)
    _reliability(book)
    _trend(book)
    _notes(book)
    book.wb.close()
    return buffer.getvalue()


def report_created(report: Mapping) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(str(report.get("generated_on")))
    except ValueError:
        return datetime.datetime(2000, 1, 1)


def _context_line(report: Mapping) -> str:
    agency = report.get("agency") or {}
    wave = report.get("wave") or {}
    unit = report.get("unit") or {}
    return (f"{agency.get('name', '')} · {wave.get('title') or wave.get('code', '')} · "
            f"unit {unit.get('code', '')} {unit.get('name', '')}").strip()


def _category(cat: str | None, index: float | None, bands) -> tuple[str, str]:
    """(code, label) of a category given by the data, or derived from the index."""
    band = next((b for b in bands if b["code"] == cat), None) if cat else band_of(index, bands)
    return (band["code"], band["label"]) if band else (DASH, "")


# --- sheets ------------------------------------------------------------------------------------------

def _summary(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Ringkasan", f"Ringkasan {OVERALL_LABEL}")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 4, 12)
    agency, wave, unit = r.get("agency") or {}, r.get("wave") or {}, r.get("unit") or {}
    summary = r.get("summary") or {}
    response = r.get("response") or {}
    hidden = bool(summary.get("suppressed"))
    rows: list[tuple[str, object]] = [
        ("Instansi", f"{agency.get('code', '')} — {agency.get('name', '')}"),
        ("Unit", f"{unit.get('code', '')} — {unit.get('name', '')}"),
        ("Gelombang survei", f"{wave.get('code', '')} — {wave.get('title', '')}"),
        ("Periode", period_text(wave)),
        ("Status", status_text(wave.get("status"))),
        ("Skala jawaban", scale_text(r)),
        ("Dibuat pada", date_text(r.get("generated_on"))),
    ]
    row = HEADER_ROW
    for label, value in rows:
        ws.write_string(row, 0, label, book.label)
        ws.write_string(row, 1, str(value), book.text)
        row += 1

    row += 1
    ws.write_string(row, 0, "Responden", book.label)
    if summary.get("respondents") is None:
        ws.write_string(row, 1, suppression_text(r) if hidden else DASH, book.muted)
    else:
        ws.write_number(row, 1, summary["respondents"], book.int)
    row += 1
    ws.write_string(row, 0, "Pegawai diundang", book.label)
    if response.get("invited") is None:
        ws.write_string(row, 1, DASH, book.centre)
    else:
        ws.write_number(row, 1, response["invited"], book.int)
    row += 1
    ws.write_string(row, 0, "Tingkat respons (%)", book.label)
    book.number(ws, row, 1, response.get("rate"))
    row += 2

    first_index_row = row + 1
    ws.write_row(row, 0, ["Indeks", "Nama", "Angka", "Kategori", "Keterangan"], book.header)
    row += 1
    lines = [(OVERALL_LABEL, "Keseluruhan (rata-rata 7 nilai)", summary.get("overall"),
              summary.get("overall_category"), True)]
    values = summary.get("values") or {}
    categories = summary.get("categories") or {}
    lines += [(code, value_name(code, r), values.get(code), categories.get(code), False) for code in VALUE_CODES]
    for key, label in (("engagement", "Indeks engagement"), ("branding", "Indeks branding")):
        extra = r.get(key)
        if extra:
            lines.append((label, "", extra.get("index"), extra.get("category"), False))
    for code, name, index, cat, bold in lines:
        cat_code, cat_label = _category(cat, index, book.bands)
        ws.write_string(row, 0, code, book.label if bold else book.text)
        ws.write_string(row, 1, name, book.text)
        book.number(ws, row, 2, index, book.num1_bold if bold else book.num1)
        ws.write_string(row, 3, cat_code, book.centre_bold if bold else book.centre)
        ws.write_string(row, 4, cat_label if index is not None else (suppression_text(r) if hidden else ""),
                        book.text)
        row += 1
    book.colour_indices(ws, first_index_row, 2, row - 1, 2)
    book.colour_categories(ws, first_index_row, 3, row - 1, 3)
    if hidden:
        row += 1
        ws.write_string(row, 0, f"Angka unit ini {suppression_text(r)}.", book.muted)

    # The values chart (PNG at twice the size, shown at half: sharp on screen and in print).
    from berakhlak.reports.charts import render_png, values_chart

    png = render_png(values_chart(r), scale=2)
    ws.insert_image(HEADER_ROW, 6, "grafik-nilai.png", {
        "image_data": io.BytesIO(png), "x_scale": 0.5, "y_scale": 0.5, "object_position": 3,
        "description": f"{OVERALL_LABEL} per nilai",
    })


def _units(book: _Book) -> None:
    r = book.report
    unit = r.get("unit") or {}
    ws = book.sheet("Unit", f"Indeks per unit turunan langsung dari {unit.get('name') or unit.get('code', '')}")
    headings = ["Kode unit", "Nama unit", "Responden", *VALUE_CODES, OVERALL_LABEL,
                *(f"Kategori {c}" for c in VALUE_CODES), "Kategori keseluruhan"]
    book.header_row(ws, HEADER_ROW, headings)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 46)
    ws.set_column(2, 2, 11)
    ws.set_column(3, 10, 8)
    ws.set_column(11, 18, 10)
    ws.set_landscape()
    children = list(r.get("children") or [])
    row = HEADER_ROW + 1
    for child in children:
        ws.write_string(row, 0, str(child.get("unit") or ""), book.text)
        ws.write_string(row, 1, str(child.get("name") or ""), book.text)
        if child.get("suppressed"):
            # The note runs over the empty number cells on its right.
            ws.write_string(row, 2, suppression_text(r), book.muted)
        else:
            if child.get("respondents") is None:
                ws.write_string(row, 2, DASH, book.centre)
            else:
                ws.write_number(row, 2, child["respondents"], book.int)
            values = child.get("values") or {}
            categories = child.get("categories") or {}
            for i, code in enumerate(VALUE_CODES):
                book.number(ws, row, 3 + i, values.get(code))
                ws.write_string(row, 11 + i, _category(categories.get(code), values.get(code), book.bands)[0],
                                book.centre)
            book.number(ws, row, 10, child.get("overall"), book.num1_bold)
            ws.write_string(row, 18, _category(child.get("overall_category"), child.get("overall"), book.bands)[0],
                            book.centre_bold)
        row += 1
    if not children:
        ws.write_string(row, 0, "Tidak ada unit turunan langsung.", book.muted)
        return
    ws.autofilter(HEADER_ROW, 0, row - 1, len(headings) - 1)
    book.colour_indices(ws, HEADER_ROW + 1, 3, row - 1, 10)
    book.colour_categories(ws, HEADER_ROW + 1, 11, row - 1, 18)


def _behaviours(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Perilaku", "Perilaku terkuat dan terlemah")
    book.header_row(ws, HEADER_ROW, ["Kelompok", "Urutan", "Kode", "Nilai", "Perilaku", "Indeks", "Kategori"])
    ws.set_column(0, 0, 12)
    ws.set_column(1, 2, 8)
    ws.set_column(3, 3, 24)
    ws.set_column(4, 4, 70)
    ws.set_column(5, 6, 10)
    behaviours = r.get("behaviours") or {}
    row = HEADER_ROW + 1
    for group, key in (("Terkuat", "strongest"), ("Terlemah", "weakest")):
        for rank, b in enumerate(behaviours.get(key) or [], start=1):
            value = str(b.get("value") or str(b.get("code") or "")[:2])
            ws.write_string(row, 0, group, book.text)
            ws.write_number(row, 1, rank)
            ws.write_string(row, 2, str(b.get("code") or ""), book.label)
            ws.write_string(row, 3, f"{value} · {value_name(value, r)}", book.text)
            ws.write_string(row, 4, str(b.get("text") or ""), book.wrap)
            book.number(ws, row, 5, b.get("index"))
            ws.write_string(row, 6, _category(None, b.get("index"), book.bands)[0], book.centre)
            row += 1
    if row == HEADER_ROW + 1:
        ws.write_string(row, 0, f"Tidak ada angka perilaku (unit {suppression_text(r)} atau belum dihitung).",
                        book.muted)
        return
    book.colour_indices(ws, HEADER_ROW + 1, 5, row - 1, 5)
    book.colour_categories(ws, HEADER_ROW + 1, 6, row - 1, 6)


def _reliability(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Reliabilitas", "Reliabilitas butir per nilai")
    book.header_row(ws, HEADER_ROW, ["Kode", "Nilai", "α Cronbach", "Butir 1", "r butir-total 1", "Butir 2",
                                     "r butir-total 2", "Butir 3", "r butir-total 3", "Keterangan"])
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 24)
    ws.set_column(2, 8, 11)
    ws.set_column(9, 9, 44)
    row = HEADER_ROW + 1
    for item in r.get("reliability") or []:
        code = str(item.get("value") or "")
        ws.write_string(row, 0, code, book.label)
        ws.write_string(row, 1, value_name(code, r), book.text)
        book.number(ws, row, 2, item.get("alpha"), book.num2)
        item_total = item.get("item_total") or {}
        items = sorted(item_total) or [f"{code}{i}" for i in (1, 2, 3)]
        for i, behaviour in enumerate(items[:3]):
            ws.write_string(row, 3 + 2 * i, behaviour, book.centre)
            book.number(ws, row, 4 + 2 * i, item_total.get(behaviour), book.num2)
        if item.get("alpha") is None:
            ws.write_string(row, 9, "tidak dihitung: kurang dari 30 responden lengkap", book.muted)
        row += 1
    if row == HEADER_ROW + 1:
        ws.write_string(row, 0, "Reliabilitas tidak tersedia (kelompok kurang dari 30 responden).", book.muted)
        return
    ws.write_string(row + 1, 0, "α ≥ 0,70 lazim dianggap memadai; lihat lembar Keterangan.", book.muted)


def _trend(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Tren", f"Tren {OVERALL_LABEL}")
    book.header_row(ws, HEADER_ROW, ["Gelombang", *VALUE_CODES, OVERALL_LABEL, "Perubahan indeks"])
    ws.set_column(0, 0, 12)
    ws.set_column(1, 7, 8)
    ws.set_column(8, 9, 16)
    row = HEADER_ROW + 1
    previous = None
    for t in r.get("trend") or []:
        ws.write_string(row, 0, str(t.get("wave") or ""), book.label)
        values = t.get("values") or {}
        for i, code in enumerate(VALUE_CODES):
            book.number(ws, row, 1 + i, values.get(code))
        overall = t.get("overall")
        book.number(ws, row, 8, overall, book.num1_bold)
        if previous is not None and overall is not None:
            ws.write_number(row, 9, round(overall - previous, 1), book.signed)
        else:
            ws.write_string(row, 9, DASH, book.centre)
        previous = overall if overall is not None else previous
        row += 1
    if row == HEADER_ROW + 1:
        ws.write_string(row, 0, "Belum ada data tren.", book.muted)
        return
    book.colour_indices(ws, HEADER_ROW + 1, 1, row - 1, 8)


def _notes(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Keterangan", "Keterangan metode")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    row = HEADER_ROW
    for heading, text in method_notes(r):
        ws.write_string(row, 0, heading, book.label)
        ws.write_string(row, 1, text, book.wrap)
        # Rough height for the wrapped text (Excel does not grow rows of written files by itself).
        ws.set_row(row, 15 * max(1, -(-len(text) // 95)))
        row += 1
    row += 1
    ws.write_string(row, 0, "Warna kategori", book.label)
    row += 1
    for band in book.bands:
        ws.write_string(row, 0, f"{band['code']} · {band['label']}", book.band_fmt[band["code"]])
        ws.write_string(row, 1, f"indeks {band_range_text(band, book.bands)}", book.text)
        row += 1
