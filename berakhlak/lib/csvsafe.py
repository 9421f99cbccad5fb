"""CSV exports that a spreadsheet opens as data, never as formulas (CSV/formula injection).

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run by Excel,
LibreOffice and Google Sheets as a formula (``=HYPERLINK(…)``, ``=cmd|…``, ``@SUM(…)``): an employee
who names themself so would attack whoever opens HR's export. Such a text is written with a leading
apostrophe (OWASP's advice), which the spreadsheet shows as text. Numbers (``int``, ``float``,
``Decimal``) are written as they are, so that ``-3`` stays a number. Every CSV export goes through
``writer()``; pure, no Django import.
"""

from __future__ import annotations

import csv
from decimal import Decimal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str | int | float | Decimal:
    """``value`` as a CSV cell: ``None`` is empty, numbers stay numbers, a formula-like text gets ``'``."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeWriter:
    """``csv.writer`` whose ``writerow``/``writerows`` neutralise formula-like cells."""

    def __init__(self, fh, **kwargs):
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(fh, **kwargs) -> SafeWriter:
    """A CSV writer for exports (same arguments as ``csv.writer``)."""
    return SafeWriter(fh, **kwargs)
