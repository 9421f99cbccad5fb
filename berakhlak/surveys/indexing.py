"""The index run of a wave: the pure analytics pipeline executed inside the app database.

The Ibis expressions of ``berakhlak.analytics`` are compiled to the app database's SQL dialect and run
through Django's connection (same transaction, no second connection), so the heavy aggregation stays
in PostgreSQL or SQLite. The small per-unit results are turned into indices, bands and suppression by
the pure functions and written to the result tables, replacing the previous run (idempotent).
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
from django.db import connection, transaction
from django.utils import timezone

from berakhlak.analytics import culture_index, reliability
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES, check_scale, index_from_sums
from berakhlak.analytics.suppression import suppress_subtree_counts
from berakhlak.lib.db import load_rows, run
from berakhlak.org.models import Unit
from berakhlak.surveys.models import (
    InstrumentKind,
    Metric,
    MetricResult,
    Response,
    UnitResult,
    Wave,
    WaveResult,
)


def _responses_table():
    return ibis.table({"id": "int64", "wave_id": "int64", "unit_id": "int64",
                       **{c.lower(): "int16" for c in BEHAVIOUR_CODES}}, name=Response._meta.db_table)


def _closure_table():
    return ibis.table({"ancestor_id": "int64", "descendant_id": "int64"}, name="org_unitclosure")


def wave_responses(wave_id: int):
    r = _responses_table()
    return r.filter(r.wave_id == wave_id).select(
        id=r.id, unit_id=r.unit_id, **{c: r[c.lower()].cast("int64") for c in BEHAVIOUR_CODES})


def _respondents(wave_id: int):
    """``id, unit_id`` of the wave's responses (what the long-form expressions group by)."""
    return wave_responses(wave_id).select("id", "unit_id")


def _response_ids(wave_id: int):
    """``id`` of the wave's responses, to keep only its answers (an expression of its own: Ibis would
    take a second use of ``_respondents`` in the same query for an ambiguous self-join)."""
    r = _responses_table()
    return r.filter(r.wave_id == wave_id).select("id")


def _extra_answers(wave_id: int):
    a = ibis.table({"response_id": "int64", "item_id": "int64", "value": "int16"}, name="surveys_extraanswer")
    i = ibis.table({"id": "int64", "code": "string", "section": "string"}, name="surveys_item")
    mine = _response_ids(wave_id)
    joined = a.join(mine, a.response_id == mine.id).join(i, a.item_id == i.id)
    return joined.select(response_id=joined.response_id, item_code=joined.code,
                         dimension=joined.section, value=joined.value.cast("int64"))


def _votes(wave_id: int, closure):
    """The value-selection votes and respondent counts of the wave (``selection.selection_votes``)."""
    from berakhlak.analytics import selection

    p = ibis.table({"response_id": "int64", "question": "string", "item_id": "int64"}, name="surveys_selectionpick")
    i = ibis.table({"id": "int64", "code": "string"}, name="surveys_item")
    mine = _response_ids(wave_id)
    joined = p.join(mine, p.response_id == mine.id).join(i, p.item_id == i.id)
    picks = joined.select(response_id=joined.response_id, question=joined.question, option_code=joined.code)
    return selection.selection_votes(picks, _respondents(wave_id), closure)


@transaction.atomic
def index_compute(*, wave: Wave) -> WaveResult:
    """Compute every result of ``wave`` and replace the stored ones."""
    wave = Wave.objects.select_related("instrument").select_for_update(of=("self",)).get(pk=wave.pk)
    scale = check_scale(wave.scale)
    units = list(Unit.objects.filter(agency_id=wave.agency_id).values_list("id", "parent_id", "code"))
    parent = {u: p for u, p, _ in units}
    responses = wave_responses(wave.pk)
    closure = _closure_table()
    likert = wave.instrument.kind == InstrumentKind.LIKERT
    votes = None if likert else _votes(wave.pk, closure)
    sums = run(culture_index.unit_sums(responses, closure) if likert else votes.respondents)
    by_unit = {row["unit_id"]: row for row in sums}
    subtree = {u: int(by_unit[u]["respondents"]) if u in by_unit else 0 for u in parent}
    hidden = suppress_subtree_counts(parent, subtree, wave.min_group)
    visible = set(hidden.visible) & {u for u in parent if subtree[u] > 0}
    # comments need the larger group, with complementary suppression too: a parent's comments minus its
    # shown children's would otherwise give away the comments of the rest
    with_comments = suppress_subtree_counts(parent, subtree, wave.min_group_comments).visible
    unit_rows: list[tuple] = []
    metrics: list[tuple] = []
    for u in parent:
        if u not in visible:
            unit_rows.append((wave.pk, u, True, None, None, False))
            continue
        row = by_unit[u]
        if likert:
            values, overall = culture_index.indices_from_sums(row, scale)
            for v in VALUE_CODES:
                metrics.append((wave.pk, u, Metric.VALUE, v, values[v], int(row[f"{v}_n"] or 0)))
            for b, index in culture_index.behaviour_indices(row, scale).items():
                metrics.append((wave.pk, u, Metric.BEHAVIOUR, b, index, int(row[f"{b}_n"] or 0)))
        else:
            overall = None
        comments_ok = u in with_comments
        unit_rows.append((wave.pk, u, False, subtree[u], overall, comments_ok))
    if likert:
        metrics.extend(_reliability_metrics(wave, responses, closure, visible))
        metrics.extend(_extra_metrics(wave, closure, visible, scale))
    else:
        metrics.extend(_selection_metrics(wave, run(votes.votes), visible, by_unit))
    UnitResult.objects.filter(wave=wave).delete()
    MetricResult.objects.filter(wave=wave).delete()
    with connection.cursor() as cursor:
        load_rows(cursor, UnitResult._meta.db_table,
                  ["wave_id", "unit_id", "suppressed", "respondents", "overall", "comments_visible"], unit_rows)
        load_rows(cursor, MetricResult._meta.db_table, ["wave_id", "unit_id", "metric", "code", "value", "count"], metrics)
    root_total = max(subtree.values(), default=0)
    result, _ = WaveResult.objects.update_or_create(
        wave=wave, defaults={"computed_at": timezone.now(), "respondents": root_total, "scale_min": scale[0],
                             "scale_max": scale[1], "min_group": wave.min_group})
    return result


def _reliability_metrics(wave, responses, closure, visible) -> Iterable[tuple]:
    out = []
    for row in run(reliability.reliability_moments(responses, closure)):
        u = row["unit_id"]
        if u not in visible:
            continue
        stats = reliability.reliability_from_moments(row)
        value = row["value"]
        out.append((wave.pk, u, Metric.ALPHA, value, stats["alpha"], int(row["n"])))
        for code, r in stats["item_total"].items():
            out.append((wave.pk, u, Metric.ITEM_TOTAL, code, r, int(row["n"])))
    return out


def _extra_metrics(wave, closure, visible, scale) -> Iterable[tuple]:
    if not wave.instrument.items.exclude(section="BERAKHLAK").exists():
        return []
    dims, items = culture_index.item_sums_long(_extra_answers(wave.pk), _respondents(wave.pk), closure)
    out = []
    for row in run(dims):
        if row["unit_id"] in visible:
            code = {"ENGAGEMENT": "EE", "BRANDING": "EB"}.get(row["dimension"])
            if code:
                out.append((wave.pk, row["unit_id"], Metric.DIMENSION, code,
                            index_from_sums(float(row["sum"] or 0), int(row["n"] or 0), scale), int(row["n"] or 0)))
    for row in run(items):
        if row["unit_id"] in visible:
            out.append((wave.pk, row["unit_id"], Metric.ITEM, row["item_code"],
                        index_from_sums(float(row["sum"] or 0), int(row["n"] or 0), scale), int(row["n"] or 0)))
    return out


def _selection_metrics(wave, vote_rows, visible, by_unit) -> Iterable[tuple]:
    """Votes per option and question, implementation share per value and the six culture indices of
    the value-selection instrument (formulas: docs/index-method.md)."""
    from berakhlak.analytics import selection

    votes = selection.votes_by_unit(vote_rows)
    metric_of = {"PERSONAL": Metric.VOTES_PERSONAL, "CURRENT": Metric.VOTES_CURRENT, "DESIRED": Metric.VOTES_DESIRED}
    out = []
    for u in visible:
        mine = votes.get(u, {})
        respondents = int(by_unit[u]["respondents"])
        for question, counts in mine.items():
            for option, n in counts.items():
                out.append((wave.pk, u, metric_of[question], option, float(n), n))
        report = selection.selection_report(mine, respondents, top=wave.instrument.max_picks)
        for value, share in report["implementation"].items():
            out.append((wave.pk, u, Metric.VALUE_SHARE, value, share, None))
        for code, x in report["indices"].items():
            out.append((wave.pk, u, Metric.SELECTION_INDEX, code, x, respondents))
    return out
