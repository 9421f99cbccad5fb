"""Every aggregation expression compiles for each engine the platform runs on (DESIGN.md
"Architecture": one expression, the app database or DuckDB), and avoids SQL that PostgreSQL refuses.
Nothing is executed here; DuckDB and SQLite results are checked against brute force elsewhere."""

import ibis
import ibis.expr.operations as ops
import pytest

from berakhlak.analytics.culture_index import item_sums_long, unit_sums
from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.analytics.reliability import reliability_moments
from berakhlak.analytics.selection import selection_votes

RESPONSES = ibis.table({"unit_id": "int64", **{c: "int64" for c in BEHAVIOUR_CODES}}, name="responses")
IDS = ibis.table({"id": "int64", "unit_id": "int64"}, name="response_units")
CLOSURE = ibis.table({"ancestor_id": "int64", "descendant_id": "int64"}, name="closure")
ANSWERS = ibis.table({"response_id": "int64", "item_code": "string", "dimension": "string", "value": "int64"},
                     name="answers")
PICKS = ibis.table({"response_id": "int64", "question": "string", "option_code": "string"}, name="picks")

EXPRESSIONS = {
    "unit_sums": [unit_sums(RESPONSES, CLOSURE)],
    "reliability_moments": [reliability_moments(RESPONSES, CLOSURE)],
    "item_sums_long": list(item_sums_long(ANSWERS, IDS, CLOSURE)),
    "selection_votes": list(selection_votes(PICKS, IDS, CLOSURE)),
}


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_no_boolean_is_cast_to_a_number(name):
    # PostgreSQL: "cannot cast type boolean to bigint"; counts use COUNT(column) or CASE WHEN instead
    for expr in EXPRESSIONS[name]:
        casts = expr.op().find(ops.Cast)
        assert not [c for c in casts if c.arg.dtype.is_boolean()], name


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite", "postgres"])
@pytest.mark.parametrize("name", EXPRESSIONS)
def test_expressions_compile_for_each_engine(name, dialect):
    for expr in EXPRESSIONS[name]:
        assert "SELECT" in ibis.to_sql(expr, dialect=dialect)
