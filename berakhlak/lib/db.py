"""Bulk-loading helpers shared by the import services."""

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
