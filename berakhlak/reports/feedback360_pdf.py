"""The personal report of a 360-degree assessment as PDF (WeasyPrint): A4 portrait, Bahasa Indonesia,
printed from the plain data of ``feedback360.reporting.report_data`` (built from a report the caller has
already been allowed to see); no model is imported here.

- ``feedback360_pdf(data)``: the PDF bytes; ``feedback360_report_html(data)``: the HTML it is printed
  from (a preview); ``feedback360_context(data)``: the template context.

The report shows the cycle and the employee (nama, NIP, jabatan, unit kerja), the raters per group with
the weights and the minimum per group (groups too small are said to be left out, never what they
answered), a radar chart of the 7 core values (one's own view against the weighted view of the others,
``reports.radar``), the values table, the overall score with the suggested SKP rating of perilaku kerja
(a suggestion: the rater decides), the strongest and weakest behaviours, the 21 behaviours with the
distribution of the answers, the comments of the visible groups, and a note on anonymity. Numbers carry
2 decimals with a decimal comma, rounded half up like the suggestion rule reads them
(``feedback360.rules.display``); "—" where there is none. Rendering fetches nothing (only ``data:`` URLs
are allowed; the fonts are the machine's).
"""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from berakhlak.feedback360 import rules
from berakhlak.feedback360.item_bank import LEVEL_LABELS
from berakhlak.reports.common import html_to_pdf
from berakhlak.reports.radar import radar_svg

__all__ = ["COLOURS", "OTHERS_LABEL", "SELF_LABEL", "TEMPLATE", "TITLE", "feedback360_context", "feedback360_pdf",
           "feedback360_report_html", "num", "radar_data_uri", "signed"]

TEMPLATE = "reports/feedback360_report.html"
TITLE = "LAPORAN PENILAIAN 360 DERAJAT — NILAI DASAR BerAKHLAK"
SELF_LABEL = "Diri sendiri"
OTHERS_LABEL = "Penilai lain (tertimbang)"
#: Okabe–Ito orange for oneself, blue for the others (the radar also dashes the second line)
COLOURS = {"self": "#E69F00", "others": "#0072B2"}
DASH = "—"


def num(x: float | None) -> str:
    """3.8714 → "3,87"; ``None`` → "—"."""
    if x is None:
        return DASH
    return f"{rules.display(x):.2f}".replace(".", ",")


def signed(x: float | None) -> str:
    """A gap: "+1,19", "−0,40", "0,00"; ``None`` → "—"."""
    if x is None:
        return DASH
    shown = rules.display(x)
    if shown > 0:
        return "+" + num(shown)
    if shown < 0:
        return "\u2212" + num(-shown)
    return num(0.0)


def feedback360_pdf(data: dict[str, Any]) -> bytes:
    """The personal 360 report as PDF bytes."""
    return html_to_pdf(feedback360_report_html(data))


def feedback360_report_html(data: dict[str, Any]) -> str:
    """The HTML the PDF is printed from."""
    with translation.override("id"):
        return render_to_string(TEMPLATE, feedback360_context(data))


# --- context ----------------------------------------------------------------------------------------


def _on_scale(x: float | None) -> float | None:
    """A mean for the chart, clipped to the 1–5 scale (floating point may leave it a hair outside)."""
    if x is None:
        return None
    return min(max(x, rules.SCALE[0]), rules.SCALE[1])


def radar_data_uri(data: dict[str, Any], *, size: int = 340) -> str:
    """The radar chart of the 7 values (oneself against the others' weighted score) as a ``data:`` URL."""
    values = data["values"]
    svg = radar_svg(
        [v.label for v in values],
        [(SELF_LABEL, [_on_scale(v.self_score) for v in values], COLOURS["self"]),
         (OTHERS_LABEL, [_on_scale(v.score) for v in values], COLOURS["others"])],
        scale=rules.SCALE, size=size,
        title=f"Profil nilai dasar BerAKHLAK: {SELF_LABEL.lower()} dan {OTHERS_LABEL.lower()}")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _raters(data: dict[str, Any], labels: dict[str, str], relationship_labels: dict[str, str]) -> list[dict]:
    """One row per group with answers: how many, its weight and share of the weighted score, and
    whether it is shown."""
    g = data["grouping"]
    shown_weight = sum(g.weights.get(x, 0) for x in g.visible if x != rules.SELF)
    merged = [rel for rel in rules.ANONYMOUS if rel in g.group_of and g.group_of[rel] in (rules.OTHERS, None)]
    rows = []
    for group in rules.GROUPS:
        n = g.raters.get(group)
        if not n:
            continue
        visible = group in g.visible
        weight = g.weights.get(group, 0)
        if group == rules.SELF:
            note, share = "Ditampilkan terpisah; tidak dihitung dalam skor tertimbang", DASH
        elif visible:
            note = "Ditampilkan"
            share = f"{num(100 * weight / shown_weight)} %" if shown_weight else DASH
        else:
            note, share = f"{n} jawaban tidak ditampilkan (kelompok terlalu kecil)", DASH
        if group == rules.OTHERS and merged:
            note += "; gabungan dari " + ", ".join(relationship_labels[r].lower() for r in merged)
        rows.append({"group": group, "label": labels[group], "raters": n, "weight": weight, "share": share,
                     "visible": visible, "note": note})
    return rows


def _line_row(line, shown: list[str]) -> dict:
    return {"code": line.code, "label": line.label, "score": num(line.score), "self": num(line.self_score),
            "gap": signed(line.gap), "groups": [num(line.by_group.get(g)) for g in shown],
            "spread": num(line.spread), "raters": line.raters or DASH}


def _ranked(data: dict[str, Any], key: str, texts: dict[str, str], value_of: dict[str, str]) -> list[dict]:
    return [{"code": code, "text": texts.get(code, code), "value": value_of.get(code[:2], code[:2]),
             "score": num(score)} for code, score in data["ranking"].get(key, [])]


def feedback360_context(data: dict[str, Any]) -> dict:
    """The template context of the personal 360 report from ``feedback360.reporting.report_data``
    (call inside ``translation.override("id")``)."""
    cycle = data["cycle"]
    labels = data["group_labels"]
    relationship_labels = data["relationship_labels"]
    shown = list(data["shown_groups"])
    value_of = {v.code: v.label for v in data["values"]}
    texts = {b.code: b.label for b in data["behaviours"]}
    weights = data["weights"]
    rule = data["rule"]
    sections = []
    for value in data["values"]:
        rows = []
        for b in data["behaviours"]:
            if b.code[:2] != value.code:
                continue
            row = _line_row(b, shown)
            row["distribution"] = ([str(n) for n in b.distribution] if b.distribution is not None
                                   else [DASH] * len(rules.LEVELS))
            rows.append(row)
        sections.append({"code": value.code, "label": value.label, "rows": rows})
    # comments come as (group code, text); a label passes through unchanged
    comments = [{"code": v.code, "label": v.label,
                 "items": [{"group": labels.get(grp, grp), "text": text} for grp, text in data["comments"].get(v.code, [])]}
                for v in data["values"]]
    e = data["employee"]
    identity = data["identity"]
    agency = data["agency"]
    today = timezone.localdate()
    return {
        "title": TITLE,
        "cycle": cycle,
        "agency": agency,
        "employee": e,
        "identity": identity,
        "identity_rows": [identity[i:i + 2] for i in range(0, len(identity), 2)],
        "computed": data["computed"],
        "raters": _raters(data, labels, relationship_labels),
        "hidden_raters": data["grouping"].hidden_raters,
        "weights": [{"label": relationship_labels[r], "weight": weights[r]} for r in rules.RELATIONSHIPS
                    if r != rules.SELF],
        "min_raters": data["min_raters"],
        "radar": radar_data_uri(data) if data["computed"] else "",
        "self_label": SELF_LABEL, "others_label": OTHERS_LABEL, "colours": COLOURS,
        "shown_groups": [labels[g] for g in shown],
        "values": [_line_row(v, shown) for v in data["values"]],
        "overall": _line_row(data["overall"], shown),
        "suggestion": data["suggestion"],
        "rule": {"above": num(rule["above"]), "floor": num(rule["floor"]), "below": num(rule["below"])},
        "ranking": [("Tiga perilaku terkuat", _ranked(data, "strongest", texts, value_of)),
                    ("Tiga perilaku terlemah", _ranked(data, "weakest", texts, value_of))],
        "sections": sections,
        "levels": rules.LEVELS,
        "behaviour_columns": 4 + len(rules.LEVELS),
        "scale": [(level, LEVEL_LABELS[level][0]) for level in rules.LEVELS],
        "comments": comments,
        "has_comments": any(c["items"] for c in comments),
        "generated": date_format(today, "j F Y"),
        "footer": " · ".join(p for p in (f"Laporan 360 {cycle['code']}", e["name"], f"NIP {e['nip']}" if e["nip"] else "",
                                         agency) if p),
    }
