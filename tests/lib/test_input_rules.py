"""The pure rules behind issue 11 §5: storable text, ids from forms, external links, CSV cells."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from berakhlak.lib import csvsafe
from berakhlak.lib.forms import posted_id, posted_text
from berakhlak.lib.links import link_problem, safe_link
from berakhlak.lib.text import BadText, clean_text, text_problem

ROOT = Path(__file__).resolve().parents[2] / "berakhlak"


@pytest.mark.parametrize(("value", "expected"), [
    ("Budi Santoso", None), ("", None), ("\t\x01\x7f\u202e", None),  # control characters and RTL marks are text
    ("a\x00b", "berisi karakter NUL (0x00) / holds a NUL character (0x00)"),
    ("x\udcff", "berisi byte yang bukan UTF-8 (0xFF) / holds a byte that is not UTF-8 (0xFF)"),
    ("\ud800", "berisi surrogate Unicode tunggal (U+D800) / holds a lone Unicode surrogate (U+D800)"),
])
def test_text_problem(value, expected):
    assert text_problem(value) == expected


def test_clean_text():
    assert clean_text("  ya  ") == "ya"
    with pytest.raises(BadText, match="NUL"):
        clean_text("a\x00")
    with pytest.raises(BadText, match="at most 3 characters"):
        clean_text("abcd", max_length=3)


@pytest.mark.parametrize(("raw", "expected"), [
    ("12", 12), (" 7 ", 7), ("", 0), (None, 0), ("abc", 0), ("-1", 0), ("1.5", 0), ("١٢", 0),  # Arabic-Indic digits
    ("9223372036854775807", 2**63 - 1), ("9223372036854775808", 0), ("9" * 30, 0), ("1\x00", 0),
])
def test_posted_id(raw, expected):
    assert posted_id({"x": raw} if raw is not None else {}, "x") == expected


def test_posted_text():
    assert posted_text({"t": " ok "}, "t", max_length=5) == "ok"
    assert posted_text({"t": "a\x00"}, "t", max_length=5) is None
    assert posted_text({"t": "abcdef"}, "t", max_length=5) is None


@pytest.mark.parametrize("url", [
    "https://drive.contoh.go.id/laporan?tw=1", "http://intranet.bkn.go.id:8080/a#b", "HTTPS://X.EXAMPLE/",
    "https://[2001:db8::1]/x",
])
def test_http_links_are_accepted(url):
    assert link_problem(url) is None and safe_link(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
    "file:///C:/Windows", "//evil.example/", "\\\\evil.example\\share", "evil.example", "https://", "https:///x",
    "https://user:pw@x.example/", "https://x.example@evil.example/", "https://x.example/\x00", "https://x .example/",
    "https://x.example:99999/", "mailto:a@b.example", "https://x.example/\u202e", "h" * 10 + "https://x.example",
])
def test_other_links_are_refused(url):
    assert link_problem(url) is not None and safe_link(url) == ""


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\",\"klik\")", "'=HYPERLINK(\"http://x\",\"klik\")"), ("+62 812", "'+62 812"),
    ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Budi", "Budi"), (" =1", " =1"), ("a=b", "a=b"), ("", ""), (None, ""), (-3, -3), (2.5, 2.5),
])
def test_safe_cell(value, cell):
    assert csvsafe.safe_cell(value) == cell


def test_the_safe_writer_round_trips_through_a_csv_reader():
    out = io.StringIO()
    csvsafe.writer(out).writerow(["=1+1", "ok", "-", 5, None])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'=1+1", "ok", "'-", "5", ""]


# Files that write CSV with the plain writer, and why that is safe.
PLAIN_CSV_WRITERS = {
    "lib/csvsafe.py": "the safe writer itself",
    "demo/generator.py": "writes the demo's own import files (generated names, read back by the import)",
    "demo/surveys.py": "writes the demo's survey answers for the import (codes and numbers)",
}


def test_every_csv_export_goes_through_the_safe_writer():
    """Any module that writes CSV (``csv.writer``/``DictWriter``) or answers ``text/csv`` must use
    ``berakhlak.lib.csvsafe``; the few exceptions above write files the platform reads itself."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        plain = re.search(r"csv\.(writer|DictWriter)\(", text)
        if plain and rel not in PLAIN_CSV_WRITERS:
            offenders.append(f"{rel}: csv.{plain.group(1)}")
        if "text/csv" in text and "csvsafe" not in text:
            offenders.append(f"{rel}: answers text/csv without lib.csvsafe")
    assert offenders == []
    assert all((ROOT / rel).exists() for rel in PLAIN_CSV_WRITERS)
