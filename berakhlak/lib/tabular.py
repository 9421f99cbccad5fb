"""Read CSV or XLSX files as rows of stripped strings, with row numbers as a spreadsheet shows them.

The header is row 1; the first data row is row 2. Blank rows are skipped (their numbers are kept for
the rows after them). CSV is UTF-8 (a BOM is accepted) with comma separators; XLSX is read with
python-calamine (fast, streaming-friendly), first sheet.

Bad input never escapes as a crash: a cell holding NUL, bytes that are not UTF-8 or a lone surrogate
is recorded in ``Table.problems`` with its row and column (``berakhlak.lib.text``); a CSV cell beyond
``csv.field_size_limit()`` (131,072 characters; usually an unclosed quote) is a ``TableError`` with its row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from berakhlak.lib.text import BAD_CHARACTERS, text_problem

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table (not CSV/XLSX, not UTF-8, empty, a cell beyond the size limit).

    ``row`` is the spreadsheet row where reading stopped, when known."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


@dataclass
class Table:
    name: str  # the file name shown in problem lines
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number, cells) with cells padded to the header width
    #: (row, column, reason) of every cell that holds a character no database column may store (NUL, a
    #: byte that is not UTF-8, a lone surrogate), filled in while ``rows`` is read. Such a cell reaches
    #: the checks with the character replaced by U+FFFD; the import must refuse the file.
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def _column(header: list[str], index: int) -> str:
    return header[index] if index < len(header) and header[index] else f"kolom {index + 1} / column {index + 1}"


def _checked(table: Table, number: int, cells: list[str]) -> list[str]:
    """``cells`` with forbidden characters replaced by U+FFFD, each one recorded in ``table.problems``."""
    if BAD_CHARACTERS.search("".join(cells)) is None:  # one search per row: the usual case
        return cells
    for i, cell in enumerate(cells):
        problem = text_problem(cell)
        if problem is not None:
            table.problems.append((number, _column(table.header, i), problem))
            cells[i] = BAD_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", cell)
    return cells


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


def _too_long() -> str:
    limit = csv.field_size_limit()
    return (f"sel lebih panjang dari {limit} karakter (atau tanda kutip tidak ditutup) / "
            f"a cell is longer than {limit} characters (or a quote is not closed)")


def _open_csv(fh: BinaryIO, name: str) -> Table:
    # Undecodable bytes become lone surrogates (U+DC80–U+DCFF) instead of stopping the read, so that
    # each one is reported with its row and column.
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.reader(text)
    try:
        first = next(reader, None)
    except csv.Error as exc:
        reason = _too_long() if "field limit" in str(exc) else f"CSV rusak / malformed CSV: {exc}"
        raise TableError(f"{name}: {reason}", row=1) from None
    if first is None:
        raise TableError(f"{name}: berkas kosong / the file is empty")
    if any(BAD_CHARACTERS.search(c) for c in first):
        raise TableError(f"{name}: berkas bukan CSV UTF-8 atau XLSX / not a UTF-8 CSV or an XLSX file "
                         "(baris judul berisi karakter terlarang / the header row holds a forbidden character)", row=1)
    header = [c.strip().lower() for c in first]
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            try:
                cells = next(reader, None)
            except csv.Error as exc:
                reason = _too_long() if "field limit" in str(exc) else f"CSV rusak / malformed CSV: {exc}"
                raise TableError(f"{name}: {reason}", row=number + 1) from None
            if cells is None:
                return
            number += 1
            if not cells or all(not c.strip() for c in cells):
                continue
            yield number, _pad(_checked(table, number, [c.strip() for c in cells]), width)

    table = Table(name=name, header=header, rows=rows())
    return table


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
    if any(BAD_CHARACTERS.search(c) for c in header):
        raise TableError(f"{name}: baris judul berisi karakter terlarang / the header row holds a forbidden character",
                         row=1)
    width = len(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, raw in enumerate(data, start=2):
            cells = [_cell(c) for c in raw]
            if not any(cells):
                continue
            yield number, _pad(_checked(table, number, cells), width)

    table = Table(name=name, header=header, rows=rows())
    return table
