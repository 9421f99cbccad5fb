"""Issue 11 §5: text written to an XLSX export is a string cell, never a formula, whatever it starts with."""

from __future__ import annotations

import copy
import io

import openpyxl

from berakhlak.reports.xlsx import wave_workbook

FORMULAS = ["=HYPERLINK(\"http://x.invalid\",\"klik\")", "+1+1", "-2+3", "@SUM(1)", "=cmd|' /C calc'!A0"]


def test_unit_names_that_look_like_formulas_stay_text(sample_report):
    report = copy.deepcopy(sample_report)
    for child, text in zip(report["children"], FORMULAS):
        child["name"] = text
        child["unit"] = text
    book = openpyxl.load_workbook(io.BytesIO(wave_workbook(report)))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value in FORMULAS]
    assert {c.value for c in cells} == set(FORMULAS)
    assert all(c.data_type == "s" for c in cells)  # "f" would be a formula
    assert not [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
