"""PDFs of an SKP and of its evaluation (WeasyPrint), in the layout of PermenPANRB 6/2022's Lampiran:
A4 landscape, Bahasa Indonesia.

- ``skp_pdf(doc)``: "SASARAN KINERJA PEGAWAI" from ``performance.reporting.skp_document``;
- ``evaluation_pdf(doc)``: "EVALUASI KINERJA PEGAWAI" from ``performance.reporting.evaluation_document``.

Both show the header (agency, PERIODE PENILAIAN), the identity block (PEGAWAI YANG DINILAI / PEJABAT
PENILAI KINERJA: nama, NIP, pangkat/gol. ruang, jabatan, unit kerja), HASIL KERJA (A. Utama, B. Tambahan),
PERILAKU KERJA, the Lampiran and the signature blocks; page numbers in the footer. Rendering fetches
nothing (only ``data:`` URLs are allowed; the fonts are the machine's).

The feedback column of the evaluation's tables holds the period's entries once, beside every row (a
cell spanning the table body). A spanning cell taller than the rows beside it would stretch them over
many pages, so when the entries are long for the table they are listed right below it instead and the
cell says so (``_fits``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.template.loader import render_to_string
from django.utils import translation

from berakhlak.reports.common import html_to_pdf

__all__ = ["skp_pdf", "evaluation_pdf", "skp_document_html", "evaluation_document_html", "skp_context",
           "evaluation_context", "SKP_TEMPLATE", "EVALUATION_TEMPLATE"]

SKP_TEMPLATE = "reports/skp_document.html"
EVALUATION_TEMPLATE = "reports/skp_evaluation.html"
#: Rough characters per printed line of each column of the evaluation's hasil kerja table (8 pt DejaVu
#: Sans is about 1.55 mm a character on average; the widths are the template's, of 273 mm): the measure
#: ``_fits`` uses to keep a spanning cell from stretching the rows beside it.
CHARS = {"atasan": 22, "rencana": 23, "indicator": 27, "target": 15, "realisation": 30, "feedback": 24}


def skp_pdf(doc: Mapping) -> bytes:
    """The SKP document as PDF bytes."""
    return html_to_pdf(skp_document_html(doc))


def evaluation_pdf(doc: Mapping) -> bytes:
    """The evaluation document as PDF bytes."""
    return html_to_pdf(evaluation_document_html(doc))


def skp_document_html(doc: Mapping) -> str:
    """The HTML the SKP PDF is printed from (handy for a preview)."""
    with translation.override("id"):
        return render_to_string(SKP_TEMPLATE, skp_context(doc))


def evaluation_document_html(doc: Mapping) -> str:
    """The HTML the evaluation PDF is printed from."""
    with translation.override("id"):
        return render_to_string(EVALUATION_TEMPLATE, evaluation_context(doc))


# --- context ----------------------------------------------------------------------------------------

def _lines(text: str, per_line: int) -> int:
    return sum(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n"))


def _table_lines(rows: list[dict]) -> int:
    """About how many printed lines the hasil kerja table body takes (each hasil kerja at least as tall
    as its own texts, each indicator row as tall as its tallest cell)."""
    total, group = 0, []
    for row in rows + [{"kind": "end"}]:
        if group and (row["kind"] != "indicator" or row["first"]):
            head = group[0]
            atasan = _lines(head["atasan"].get("text") or "—", CHARS["atasan"]) + bool(head["atasan"].get("owner"))
            own = sum(_indicator_lines(r["indicator"]) for r in group)
            total += max(atasan, _lines(head["rencana"], CHARS["rencana"]), own)
            group = []
        if row["kind"] == "indicator":
            group.append(row)
        elif row["kind"] != "end":
            total += 1
    return total


def _indicator_lines(indicator: Mapping | None) -> int:
    if indicator is None:
        return 1
    realised = sum(_lines(r.get("text", ""), CHARS["realisation"]) + bool(r.get("period"))
                   + (_lines(" ".join(e.get("name", "") for e in r.get("evidence") or []), CHARS["realisation"])
                      if r.get("evidence") else 0)
                   for r in indicator.get("realisations") or []) or 1
    return max(_lines(indicator.get("text", ""), CHARS["indicator"]),
               _lines(indicator.get("target", ""), CHARS["target"]), realised)


def _fits(lines: int, capacity: int) -> bool:
    return lines <= max(capacity, 1)


def _result_rows(sections: list[Mapping]) -> list[dict]:
    """The hasil kerja table body, flat: a heading row per section, then one row per indicator (the first
    of each hasil kerja carries No, Atasan and Rencana with a row span)."""
    rows: list[dict] = []
    for section in sections:
        rows.append({"kind": "section", "title": section["title"]})
        if not section["rows"]:
            rows.append({"kind": "empty", "text": f"Tidak ada hasil kerja {section['label'].lower()}."})
            continue
        for result in section["rows"]:
            indicators = list(result["indicators"]) or [None]
            for i, indicator in enumerate(indicators):
                rows.append({"kind": "indicator", "first": i == 0, "span": len(indicators), "no": result["no"],
                             "atasan": result["atasan"], "rencana": result["rencana"], "indicator": indicator})
    return rows


def _footer(doc: Mapping) -> str:
    pegawai = doc.get("pegawai") or {}
    year = str(doc.get("year", ""))
    if doc.get("kind") == "SKP":
        what = f"SKP {year}"
    else:
        label = (doc.get("period") or {}).get("label", "")
        what = f"Evaluasi {label}" + ("" if year in label else f" {year}")
    return " · ".join(p for p in (what, pegawai.get("name"),
                                  f"NIP {pegawai.get('nip')}" if pegawai.get("nip") else "",
                                  (doc.get("agency") or {}).get("name")) if p)


def _identity(doc: Mapping) -> list[dict]:
    p, r = doc.get("pegawai") or {}, doc.get("penilai") or {}
    labels = (("name", "NAMA"), ("nip", "NIP"), ("pangkat", "PANGKAT/GOL. RUANG"), ("position", "JABATAN"),
              ("unit", "UNIT KERJA"))
    return [{"no": i, "label": label, "pegawai": p.get(key) or "—", "penilai": r.get(key) or "—"}
            for i, (key, label) in enumerate(labels, start=1)]


def skp_context(doc: Mapping) -> dict:
    """The template context of the SKP document."""
    return {"doc": doc, "identity": _identity(doc), "result_rows": _result_rows(doc.get("hasil_kerja") or []),
            "footer": _footer(doc), "landscape": True}


def evaluation_context(doc: Mapping) -> dict:
    """The template context of the evaluation document, with the choice of where the feedback goes."""
    result_rows = _result_rows(doc.get("hasil_kerja") or [])
    feedback = list(doc.get("feedback") or [])
    feedback_lines = sum(_lines(f"{f.get('date', '')} · {f.get('author', '')} ({f.get('role', '')})",
                                CHARS["feedback"] + 4) + _lines(f.get("text", ""), CHARS["feedback"])
                         for f in feedback)
    rating = doc.get("rating") or {}
    note = rating.get("note") or ""
    values = doc.get("perilaku_kerja") or []
    # a value row: its name and three guides of about 60 characters a line; the note column ~40 a line
    value_lines = sum(1 + sum(_lines(g, 60) for g in v.get("guides") or []) for v in values)
    return {
        "doc": doc, "identity": _identity(doc), "result_rows": result_rows, "footer": _footer(doc),
        "result_span": len(result_rows),
        "feedback": feedback, "feedback_inline": _fits(feedback_lines, _table_lines(result_rows)),
        "note": note, "note_inline": _fits(1 + _lines(note, 40), value_lines),
    }
