"""The database reader's attack, as test helpers (DESIGN.md "Anonymity", ``docs/anonymity.md``).

A reader of the database sees every column, the system columns (PostgreSQL's ``xmin``/``xmax``/``ctid``,
SQLite's ``rowid``) and the order of rows. These helpers take what they would take:

- ``person_tables()``: every table whose rows name a person (the employee and user tables, every table
  with a key to them, the session table), minus the answer tables a test names.
- ``snapshot(tables)``: each row's system columns and content; equal snapshots before and after the
  submissions mean the answering path inserted, updated, locked or deleted no row naming a person.
- ``xmin_links(answer_table, tables)``: answer rows whose transaction id is the ``xmin`` or ``xmax`` of a
  row naming a person (PostgreSQL only; the join that linked every answer before).
- ``rank_hits(answers_in_order, truth, orders)``: how many answers pairing by rank with each ordering of
  the people's rows would get right.

On PostgreSQL, inserting a row with a foreign key takes a ``FOR KEY SHARE`` lock on the row it points at,
which writes that row's ``xmax``: an answer recorded under a unit locks the unit's row. That tells what the
answer states anyway (its unit), so for the tables in ``fk_locked`` (default: the unit table, whose rows
name their head) ``xmax`` is left out of the comparison and of the join; their content, ``xmin`` and
``ctid`` must still be unchanged.

Tests that use them need real commits (``@pytest.mark.django_db(transaction=True)``): inside one test
transaction every row would share one ``xmin``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

from berakhlak.org.models import Employee


def postgres() -> bool:
    return connection.vendor == "postgresql"


def person_tables(*, exclude: Iterable[str] = ()) -> list[str]:
    person_models = {Employee, get_user_model()}
    tables = {m._meta.db_table for m in person_models} | {"django_session"}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in person_models:
                tables.add(model._meta.db_table)
    existing = set(connection.introspection.table_names())
    return sorted((tables & existing) - set(exclude))


FK_LOCKED = ("org_unit",)


def snapshot(tables: Iterable[str], fk_locked: Iterable[str] = FK_LOCKED) -> dict[str, set[tuple]]:
    """Per table, the set of (system columns…, content) of every row, dead rows' traces included on
    PostgreSQL through ``xmax`` (a lock or a delete of a live row sets it)."""
    out: dict[str, set[tuple]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            q = connection.ops.quote_name(table)
            if postgres():
                xmax = "''" if table in set(fk_locked) else "xmax::text"
                cursor.execute(f"SELECT xmin::text, {xmax}, ctid::text, row_to_json(t)::text FROM {q} t")
            else:
                cursor.execute(f"SELECT rowid, * FROM {q}")
            out[table] = {tuple(str(v) for v in row) for row in cursor.fetchall()}
    return out


def changed(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> dict[str, int]:
    """Tables whose rows differ, with how many rows (added or removed) differ."""
    return {t: len(before[t] ^ after[t]) for t in before if before[t] != after[t]}


def xmin_links(answer_table: str, tables: Iterable[str], fk_locked: Iterable[str] = FK_LOCKED) -> int:
    """How many rows of ``answer_table`` share a transaction id with a row naming a person."""
    if not postgres():
        return 0
    total = 0
    with connection.cursor() as cursor:
        for table in tables:
            q, a = connection.ops.quote_name(table), connection.ops.quote_name(answer_table)
            xmax = "" if table in set(fk_locked) else " OR p.xmax::text = r.xmin::text"
            cursor.execute(f"SELECT count(*) FROM {a} r WHERE EXISTS (SELECT 1 FROM {q} p "
                           f"WHERE p.xmin::text = r.xmin::text{xmax})")
            total += cursor.fetchone()[0]
    return total


def physical_order(table: str, key: str = "id") -> list:
    """The ``key`` of the table's rows in the order a reader would rank them: ``(xmin, ctid)`` on
    PostgreSQL, ``rowid`` on SQLite."""
    q = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if postgres():
            cursor.execute(f"SELECT {key} FROM {q} ORDER BY xmin::text::bigint, ctid")
        else:
            cursor.execute(f"SELECT {key} FROM {q} ORDER BY rowid")
        return [r[0] for r in cursor.fetchall()]


def orderings(table: str, key: str) -> dict[str, list]:
    """Every order of a person table a reader could rank by: id, physical, and (PostgreSQL) ``xmax``."""
    q = connection.ops.quote_name(table)
    out = {"id": None, "physical": physical_order(table, key)}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key} FROM {q} ORDER BY id")
        out["id"] = [r[0] for r in cursor.fetchall()]
        if postgres():
            cursor.execute(f"SELECT {key} FROM {q} ORDER BY xmax::text::bigint, ctid")
            out["xmax"] = [r[0] for r in cursor.fetchall()]
    return out


def rank_hits(answers_in_order: Sequence, truth: dict, people_in_order: Sequence) -> int:
    """Pair the k-th answer with the k-th person (of those who answered, in the given order) and count
    the pairs that are right (``truth`` maps an answer to its author)."""
    authors = set(truth.values())
    ranked = [p for p in people_in_order if p in authors]
    return sum(1 for answer, person in zip(answers_in_order, ranked, strict=False) if truth.get(answer) == person)


# With N answers in a random order the number of right pairs is about Poisson(1): P(≥ 6) ≈ 0.0006.
CHANCE_BOUND = 5
