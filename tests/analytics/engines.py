"""Run one Ibis expression builder on DuckDB and on SQLite over the same plain rows (test helper).

The unit tree used by the engine tests: 1 root; 2, 3 children; 4, 5 under 2; 6 under 3.
"""

import ibis

PARENT = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}
CODES = {1: "ROOT", 2: "A", 3: "B", 4: "A1", 5: "A2", 6: "B1"}
SQL_TYPES = {"int64": "INTEGER", "string": "TEXT"}


def closure_rows(parent=PARENT):
    rows = []
    for unit in parent:
        node = unit
        while node is not None:
            rows.append({"ancestor_id": node, "descendant_id": unit})
            node = parent[node]
    return rows


CLOSURE_SCHEMA = {"ancestor_id": "int64", "descendant_id": "int64"}


def in_subtree(unit, candidate, parent=PARENT):
    while candidate is not None:
        if candidate == unit:
            return True
        candidate = parent[candidate]
    return False


def _plain(value):
    return value.item() if hasattr(value, "item") else value


def _records(con, result):
    if isinstance(result, tuple):
        return tuple(_records(con, part) for part in result)
    return [{k: _plain(v) for k, v in row.items()} for row in con.execute(result).to_dict("records")]


def on_duckdb(build, tables):
    """``tables``: name -> (schema {column: ibis type}, rows [dict]); ``build(**ibis tables)`` returns
    an expression or a tuple of expressions; returns their rows as lists of plain dicts."""
    con = ibis.duckdb.connect()
    ibis_tables = {name: ibis.memtable(rows, schema=schema) if rows else ibis.memtable(
        {c: [] for c in schema}, schema=schema) for name, (schema, rows) in tables.items()}
    return _records(con, build(**ibis_tables))


def on_sqlite(build, tables):
    con = ibis.sqlite.connect()
    raw = con.con
    for name, (schema, rows) in tables.items():
        columns = list(schema)
        raw.execute(f'CREATE TABLE "{name}" (' + ", ".join(f'"{c}" {SQL_TYPES[t]}' for c, t in schema.items()) + ")")
        raw.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})',
                        [[row[c] for c in columns] for row in rows])
    return _records(con, build(**{name: con.table(name) for name in tables}))


ENGINES = {"duckdb": on_duckdb, "sqlite": on_sqlite}
