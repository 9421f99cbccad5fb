"""Reports of a survey wave: charts (Vega-Lite via Altair, SVG/PNG via vl-convert), an XLSX workbook and
a PDF. No models and no database access: every builder takes one plain *wave report* dict.

The wave report (built by ``berakhlak.surveys.reporting.wave_report``; other keys are ignored)::

    {"agency": {"code", "name"},
     "wave": {"code", "title", "scale": [low, high], "min_group", "opens_on", "closes_on", "status"},
     "unit": {"code", "name"}, "generated_on": "YYYY-MM-DD",
     "value_names": {"BP": "Berorientasi Pelayanan", ...},
     "summary": <index-JSON entry of the unit (DESIGN.md "Index JSON")>,
     "children": [<index-JSON entry + "name">, ...],          # direct child units
     "behaviours": {"strongest": [{"code", "value", "text", "index"}, ...], "weakest": [...]},
     "reliability": [{"value", "alpha" | None, "item_total": {"BP1": r, ...} | None}, ...],
     "trend": [{"wave", "values", "overall"}, ...],             # oldest first
     "response": {"invited", "responded", "rate"},            # rate in %, may be None
     "engagement": {"index", "category"} | None, "branding": {...} | None,
     "bands": [{"code", "label", "min"}, ...]}

Numbers arrive rounded for display; suppressed entries carry ``None``. Public functions:
``charts.values_chart / heatmap_chart / trend_chart / behaviours_chart / render_svg / render_png``,
``xlsx.wave_workbook`` and ``pdf.wave_pdf``.
"""
