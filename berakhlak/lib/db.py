"""Database helpers shared by the apps: bulk loading, and running the pure Ibis expressions of
``berakhlak.analytics`` inside the app database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection


def load_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert many plain tuples: ``COPY … FROM STDIN`` on PostgreSQL, ``executemany`` elsewhere.

    ``None`` becomes NULL. No model instance is built per row.
    """
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


DIALECT = {"postgresql": "postgres", "sqlite": "sqlite"}


def expression_sql(expr) -> str:
    """The SQL of an Ibis expression in the app database's dialect, ready for ``cursor.execute`` (a
    literal ``%`` doubled where the driver uses ``%s`` placeholders)."""
    import ibis

    sql = str(ibis.to_sql(expr, dialect=DIALECT[connection.vendor]))
    return sql.replace("%", "%%") if connection.vendor == "postgresql" else sql


def run(expr) -> list[dict]:
    """Execute an Ibis expression on the app database (Django's connection, same transaction); rows as
    dicts."""
    with connection.cursor() as cursor:
        cursor.execute(expression_sql(expr))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
