"""The data of the personal 360 report, built here from the models so that ``reports.feedback360_pdf``
renders plain data and imports no model (the way ``surveys/reporting.py`` and ``performance/reporting.py``
feed the other documents).

``report_data(report)`` takes a ``selectors.Report`` the caller has already been allowed to see and
returns a dict: the cycle (code, name, year), the agency's name, the employee (name, NIP), the identity
rows, the labels of the groups and relationships, the cycle's weights, minimum raters and suggestion rule,
the label of the suggested rating, and the report's own plain parts (grouping, shown groups, lines,
ranking, comments, whether it is computed). Labels are in Indonesian, like the document.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation

from berakhlak.feedback360.models import Relationship
from berakhlak.feedback360.selectors import Report, group_labels
from berakhlak.performance.models import Rating

DASH = "—"


def _identity(report: Report) -> list[tuple[str, str]]:
    p = report.participant
    e = p.employee
    position = getattr(e.position, "name", "") if e.position_id else ""
    return [("Nama", e.name or DASH), ("NIP", e.nip or DASH), ("Jabatan", position or DASH),
            ("Unit kerja", p.unit.name if p.unit_id else DASH),
            ("Atasan langsung", p.superior.name if p.superior_id and p.superior else DASH),
            ("Instansi", report.cycle.agency.name)]


def report_data(report: Report) -> dict[str, Any]:
    """The plain data ``reports.feedback360_pdf`` prints the personal 360 report from."""
    cycle = report.cycle
    e = report.participant.employee
    rule = cycle.suggestion_rule
    with translation.override("id"):
        return {
            "cycle": {"code": cycle.code, "name": cycle.name, "year": cycle.year},
            "agency": cycle.agency.name,
            "employee": {"name": e.name, "nip": e.nip},
            "identity": _identity(report),
            "group_labels": {k: str(v) for k, v in group_labels().items()},
            "relationship_labels": {k: str(v) for k, v in Relationship.choices},
            "weights": dict(cycle.weights),
            "min_raters": cycle.min_raters,
            "rule": {"above": rule.above, "floor": rule.floor, "below": rule.below},
            "suggestion": str(dict(Rating.choices)[report.suggestion]) if report.suggestion else None,
            "computed": report.computed,
            "grouping": report.grouping,
            "shown_groups": list(report.shown_groups),
            "overall": report.overall,
            "values": list(report.values),
            "behaviours": list(report.behaviours),
            "ranking": report.ranking,
            "comments": report.comments,
        }
