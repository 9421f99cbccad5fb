"""The XLSX workbook of the predikat recap (XlsxWriter): numbers as numbers, shares as percentages.

Sheets: Ringkasan (the counts of the top unit with the "Gambar 2" chart), Rekap (every unit with its
subtree: code, name, the name indented by level, employees rated, the five counts and their shares),
Tahun ke tahun (the same for each SKP year, with its chart) and Catatan (what is counted, sources).
The input is ``performance.reporting.recap_report``'s dict; no database access here.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from berakhlak.performance.rules import PREDIKATS
from berakhlak.reports import skp_charts
from berakhlak.reports.common import DASH
from berakhlak.reports.xlsx import ReportBook

__all__ = ["recap_workbook", "SHEETS", "HEADER_ROW", "REKAP_COLUMNS"]

SHEETS = ("Ringkasan", "Rekap", "Tahun ke tahun", "Catatan")
HEADER_ROW = 3  # 0-based: title, subtitle, empty line, then the table header
PREDIKAT_CODES = PREDIKATS
LABELS = skp_charts.LABELS
REKAP_COLUMNS = ("Kode unit", "Nama unit", "Unit (bertingkat)", "Tingkat", "Pegawai dinilai",
                 *(LABELS[p] for p in PREDIKAT_CODES), *(f"% {LABELS[p]}" for p in PREDIKAT_CODES))
# Light tints of the chart colours for the header of each predikat column.
_TINTS = {"SANGAT_BAIK": "#CCE3F0", "BAIK": "#CCECE3", "BUTUH_PERBAIKAN": "#FAEBC8", "KURANG": "#F6D7C2",
          "SANGAT_KURANG": "#E8CDC8"}


class _Book(ReportBook):
    """The recap's workbook: the shared formats plus a tinted header per predikat column."""

    def __init__(self, report: Mapping, buffer: io.BytesIO):
        agency = report.get("agency") or {}
        super().__init__(report, buffer, context=_context_line(report), properties={
            "title": f"{report.get('title', 'Rekapitulasi predikat kinerja')} · {agency.get('name', '')}",
            "subject": "Rekapitulasi predikat kinerja pegawai (SKP)",
            "comments": "Predikat kinerja tahunan per unit beserta unit di bawahnya.",
        })
        f = self.wb.add_format
        self.predikat_header = {p: f({"bold": True, "bg_color": _TINTS[p], "border": 1, "text_wrap": True,
                                      "valign": "vcenter", "align": "center"}) for p in PREDIKAT_CODES}
        self.int_bold = f({"num_format": "#,##0", "bold": True})
        self.pct = f({"num_format": "0.0%"})

    def header_format(self, text: str):
        code = next((p for p in PREDIKAT_CODES if text in (LABELS[p], f"% {LABELS[p]}")), None)
        return self.predikat_header[code] if code else self.header

    def counts(self, ws, row: int, col: int, employees: int, counts: Mapping) -> None:
        """Employees, the five counts, then the five shares (as fractions shown "79.0%"; "—" when nobody
        was rated)."""
        ws.write_number(row, col, employees, self.int)
        for i, p in enumerate(PREDIKAT_CODES):
            ws.write_number(row, col + 1 + i, int(counts.get(p, 0)), self.int)
            if employees:
                ws.write_number(row, col + 6 + i, int(counts.get(p, 0)) / employees, self.pct)
            else:
                ws.write_string(row, col + 6 + i, DASH, self.centre)


def recap_workbook(report: Mapping) -> bytes:
    """The XLSX workbook of a ``recap_report`` dict, as bytes."""
    buffer = io.BytesIO()
    book = _Book(report, buffer)
    _summary(book)
    _units(book)
    _years(book)
    _notes(book)
    book.wb.close()
    return buffer.getvalue()


def _context_line(report: Mapping) -> str:
    agency = report.get("agency") or {}
    return (f"{agency.get('code', '')} — {agency.get('name', '')} · tahun {report.get('year', '')} · "
            f"predikat tahunan · dibuat {report.get('generated_text') or report.get('generated_on', '')}")


def chart_title(report: Mapping) -> tuple[str, str]:
    """Title and subtitle of the "Gambar 2" chart of a recap (also used by the web page)."""
    summary = report.get("summary") or {}
    agency = (report.get("agency") or {}).get("name") or ""
    label = summary.get("label") or agency
    subtitle = label if label == agency or not agency else f"{label} · {agency}"
    return f"Rekapitulasi predikat kinerja pegawai tahun {report.get('year', '')}", subtitle


# --- sheets ------------------------------------------------------------------------------------------

def _summary(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Ringkasan", r.get("title") or "Rekapitulasi predikat kinerja pegawai")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 2, 14)
    agency = r.get("agency") or {}
    summary = r.get("summary") or {}
    row = HEADER_ROW
    for label, value in (("Instansi", f"{agency.get('code', '')} — {agency.get('name', '')}"),
                         ("Tahun", r.get("year")),
                         ("Unit", summary.get("label") or DASH),
                         ("Dibuat pada", r.get("generated_text") or r.get("generated_on") or DASH)):
        ws.write_string(row, 0, label, book.label)
        if isinstance(value, int):
            ws.write_number(row, 1, value, book.text)
        else:
            ws.write_string(row, 1, str(value if value is not None else DASH), book.text)
        row += 1
    row += 1
    ws.write_row(row, 0, ["Predikat", "Jumlah pegawai", "Persentase"], book.header)
    row += 1
    employees = int(summary.get("employees") or 0)
    counts = summary.get("counts") or {}
    for p in PREDIKAT_CODES:
        ws.write_string(row, 0, LABELS[p], book.text)
        ws.write_number(row, 1, int(counts.get(p, 0)), book.int)
        if employees:
            ws.write_number(row, 2, counts.get(p, 0) / employees, book.pct)
        else:
            ws.write_string(row, 2, DASH, book.centre)
        row += 1
    ws.write_string(row, 0, "Jumlah", book.label)
    ws.write_number(row, 1, employees, book.int_bold)
    row += 2
    if not employees:
        ws.write_string(row, 0, f"Belum ada predikat kinerja tahunan {r.get('year', '')}.", book.muted)
    title, subtitle = chart_title(r)
    png = skp_charts.render_png(skp_charts.predikat_chart(counts, title, subtitle), scale=2)
    ws.insert_image(HEADER_ROW, 4, "gambar-predikat.png", {
        "image_data": io.BytesIO(png), "x_scale": 0.5, "y_scale": 0.5, "object_position": 3,
        "description": f"{title}: " + ", ".join(f"{LABELS[p]} {int(counts.get(p, 0))}" for p in PREDIKAT_CODES),
    })


def _units(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Rekap", f"Predikat kinerja tahunan {r.get('year', '')} per unit (beserta unit di bawahnya)")
    book.header_row(ws, HEADER_ROW, REKAP_COLUMNS)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3, 8)
    ws.set_column(4, 4, 11)
    ws.set_column(5, 14, 10)
    ws.set_landscape()
    units = list(r.get("units") or [])
    row = HEADER_ROW + 1
    for u in units:
        ws.write_string(row, 0, str(u.get("code") or ""), book.text)
        ws.write_string(row, 1, str(u.get("name") or ""), book.text)
        ws.write_string(row, 2, str(u.get("indented_name") or u.get("name") or ""), book.text)
        if u.get("depth") is None:
            ws.write_string(row, 3, DASH, book.centre)
        else:
            ws.write_number(row, 3, int(u["depth"]), book.centre)
        book.counts(ws, row, 4, int(u.get("employees") or 0), u.get("counts") or {})
        row += 1
    if not units:
        ws.write_string(row, 0, "Tidak ada unit kerja untuk ditampilkan.", book.muted)
        return
    ws.autofilter(HEADER_ROW, 0, row - 1, len(REKAP_COLUMNS) - 1)
    ws.write_string(row + 1, 0, "Baris unit induk sudah memuat unit di bawahnya: jangan dijumlahkan.", book.muted)


def _years(book: _Book) -> None:
    r = book.report
    unit = r.get("years_unit") or ""
    ws = book.sheet("Tahun ke tahun", f"Predikat kinerja tahunan dari tahun ke tahun{f' · {unit}' if unit else ''}")
    headings = ["Tahun", "Pegawai dinilai", *(LABELS[p] for p in PREDIKAT_CODES),
                *(f"% {LABELS[p]}" for p in PREDIKAT_CODES)]
    book.header_row(ws, HEADER_ROW, headings)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 11, 11)
    years = list(r.get("years") or [])
    row = HEADER_ROW + 1
    for y in years:
        ws.write_number(row, 0, int(y["year"]), book.label)
        book.counts(ws, row, 1, int(y.get("employees") or 0), y.get("counts") or {})
        row += 1
    if not years:
        ws.write_string(row, 0, "Belum ada tahun kinerja dengan predikat tahunan.", book.muted)
        return
    png = skp_charts.render_png(skp_charts.predikat_years_chart(years, subtitle=unit or None), scale=2)
    ws.insert_image(row + 2, 0, "predikat-per-tahun.png", {
        "image_data": io.BytesIO(png), "x_scale": 0.5, "y_scale": 0.5, "object_position": 3,
        "description": "Predikat kinerja dari tahun ke tahun",
    })


def _notes(book: _Book) -> None:
    r = book.report
    ws = book.sheet("Catatan", "Catatan")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 100)
    row = HEADER_ROW
    for heading, text in r.get("notes") or []:
        ws.write_string(row, 0, heading, book.label)
        ws.write_string(row, 1, text, book.wrap)
        ws.set_row(row, 15 * max(1, -(-len(text) // 95)))
        row += 1
    row += 1
    ws.write_string(row, 0, "Predikat", book.label)
    row += 1
    for p in r.get("predikats") or []:
        ws.write_string(row, 0, p.get("label", ""), book.predikat_header.get(p.get("code"), book.text))
        ws.write_string(row, 1, p.get("long_label", ""), book.text)
        row += 1
