"""Read CSV or XLSX files as rows of stripped strings, with row numbers as a spreadsheet shows them.

The header is row 1; the first data row is row 2. Blank rows are skipped (their numbers are kept for
the rows after them). CSV is UTF-8 (a BOM is accepted) with comma separators; XLSX is read with
python-calamine (fast, streaming-friendly), first sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table at all (not CSV/XLSX, not UTF-8, empty)."""


@dataclass
class Table:
    name: str  # the file name shown in problem lines
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number, cells) with cells padded to the header width


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if abs(value) >= 1e15:
            # Excel keeps 15 significant digits: an 18-digit NIP stored as a number is already
            # corrupt. Show it as Excel does so that validation refuses it instead of guessing.
            return f"{value:.15g}"
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _pad(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    return cells


def _csv_rows(text_stream) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text_stream)
    for number, raw in enumerate(reader, start=1):
        yield number, raw


def open_table(source: str | Path | BinaryIO, name: str | None = None) -> Table:
    """Open ``source`` (a path or a binary file object) as a ``Table``; kind from content, not extension."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        fh: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by the generator
    else:
        fh = source
        name = name or getattr(source, "name", "upload")
    head = fh.read(4)
    fh.seek(0)
    if head == XLSX_MAGIC:
        return _open_xlsx(fh, name)
    return _open_csv(fh, name)


def _open_csv(fh: BinaryIO, name: str) -> Table:
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    raw_rows = _csv_rows(text)
    try:
        first = next(raw_rows, None)
    except UnicodeDecodeError:
        raise TableError(f"{name}: berkas bukan CSV UTF-8 atau XLSX / not a UTF-8 CSV or an XLSX file") from None
    if first is None:
        raise TableError(f"{name}: berkas kosong / the file is empty")
    header = [c.strip().lower() for c in first[1]]
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in raw_rows:
                if not cells or all(not c.strip() for c in cells):
                    continue
                yield number, _pad([c.strip() for c in cells], width)
        except UnicodeDecodeError as exc:
            raise TableError(f"{name}: berkas bukan UTF-8 / not UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise TableError(f"{name}: CSV rusak / malformed CSV: {exc}") from None

    return Table(name=name, header=header, rows=rows())


def _open_xlsx(fh: BinaryIO, name: str) -> Table:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(fh)
        sheet = workbook.get_sheet_by_index(0)
        data = sheet.iter_rows()
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise TableError(f"{name}: XLSX tidak dapat dibaca / unreadable XLSX: {exc}") from None
    first = next(data, None)
    if first is None:
        raise TableError(f"{name}: berkas kosong / the file is empty")
    header = [_cell(c).lower() for c in first]
    while header and header[-1] == "":
        header.pop()
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, raw in enumerate(data, start=2):
            cells = [_cell(c) for c in raw]
            if not any(cells):
                continue
            yield number, _pad(cells, width)

    return Table(name=name, header=header, rows=rows())
