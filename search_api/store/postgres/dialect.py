"""The SQLite backend's SQL, run on PostgreSQL: one connection wrapper and a small dialect translation.

The store's SQL lives once, in `store/sqlite/` (reads, writes, postings, versions,
alerts): plain functions of a DB-API connection with `?` parameters. Rather than copy
those ~1,400 lines into a second dialect, `PgConnection` gives psycopg the sqlite3
surface those functions use (`execute` returning rows readable by name and by index,
`executemany`, `with conn:` as a transaction, `lastrowid`, `rowcount`, `blobopen` for
reading parts of a positions list) and `translate` rewrites the few constructs that
differ, each one named below. Search goes through the same postings and ranker, so both
backends rank alike by construction. A statement that cannot be translated fails loudly
(psycopg raises), never silently differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq

# the primary key of each table written with INSERT OR REPLACE (SQLite replaces on any conflict)
_KEYS = {"meta": ("key",), "failures": ("path",), "shingle_counts": ("document_id",), "similar": ("a", "b")}
# tables whose INSERT gives a `lastrowid` (an identity column `id`)
_IDENTITY = ("pages", "postings_segments", "alert_deliveries", "mentions")

_OR_REPLACE = re.compile(r"INSERT OR REPLACE INTO (\w+) \(([^)]*)\)(.*)$", re.S)
_OR_IGNORE = re.compile(r"INSERT OR IGNORE INTO (.*)$", re.S)
_JSON_KEY = re.compile(r"json_extract\(([\w.]+), '\$\.(\w+)'\)")
_JSON_ITEM = re.compile(r"json_extract\(([\w.]+), '\$\[' \|\| ([\w.]+) \|\| '\]\.(\w+)'\)")
_NUMBERED = re.compile(r"\?(\d+)")
_NAMED = re.compile(r"(?<![:\w]):([a-z_]\w*)")
_ORDER_DATE = re.compile(r"(ORDER BY (?:[^;]*?))\b((?:d\.)?date)\b(?!\s+(?:ASC|DESC|NULLS|IS))")
_NUMERIC_JSON = {"cents"}  # compared with numbers: cast, as SQLite's json_extract returns an integer


@lru_cache(maxsize=512)
def _translate(sql: str, named: bool) -> tuple[str, tuple[int, ...] | None]:
    """(PostgreSQL SQL, the order of positional parameters when `?N` reuses them)."""
    s = sql.replace("%", "%%")
    order: tuple[int, ...] | None = None
    if named:
        s = _NAMED.sub(r"%(\1)s", s)
    elif _NUMBERED.search(s):
        order = tuple(int(n) - 1 for n in _NUMBERED.findall(s))
        s = _NUMBERED.sub("%s", s)
    else:
        s = s.replace("?", "%s")
    s = _JSON_ITEM.sub(r"((\1)::jsonb -> \2 ->> '\3')", s)
    s = _JSON_KEY.sub(lambda m: f"(({m[1]})::jsonb ->> '{m[2]}')" + ("::bigint" if m[2] in _NUMERIC_JSON else ""), s)
    s = s.replace("max(1, m.start + 1 - %s)", "GREATEST(1, m.start + 1 - %s)")  # scalar max/min of SQLite
    s = s.replace("min(m.start, %s)", "LEAST(m.start, %s)")
    s = s.replace(" LIKE ", " ILIKE ")  # SQLite's LIKE ignores (ASCII) case
    s = s.replace("LIMIT %s", "LIMIT NULLIF(%s::bigint, -1)")  # SQLite: a negative LIMIT is none
    s = re.sub(r"\bWHERE 1\b", "WHERE TRUE", s)
    s = _ORDER_DATE.sub(r"\1\2 NULLS FIRST", s)  # SQLite sorts NULL first, PostgreSQL last
    if m := _OR_REPLACE.match(s.strip()):
        table, cols, rest = m[1], [c.strip() for c in m[2].split(",")], m[3]
        keys = _KEYS[table]
        update = ", ".join(f"{c} = EXCLUDED.{c}" for c in cols if c not in keys)
        s = f"INSERT INTO {table} ({', '.join(cols)}){rest} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {update}"
    elif m := _OR_IGNORE.match(s.strip()):
        s = f"INSERT INTO {m[1]} ON CONFLICT DO NOTHING"
    if m := re.match(r"\s*INSERT INTO (\w+) .* DO UPDATE SET (\w+) = \2 ", s, re.S):  # qualify the old value
        s = s.replace(f"SET {m[2]} = {m[2]} ", f"SET {m[2]} = {m[1]}.{m[2]} ")
    s = re.sub(r"\b(FROM|INTO|JOIN|UPDATE) similar\b", r'\1 "similar"', s)  # a keyword in PostgreSQL
    s = s.replace("sqlite_master", "(SELECT relname AS name FROM pg_class) AS sqlite_master")
    return s, order


def _no_nul(v: Any) -> Any:
    return v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v


def text_safe(params: Any) -> Any:
    """The parameters with NUL characters dropped from strings: PostgreSQL text cannot hold them
    (SQLite's can), and a NUL in a query or a PDF's text carries no meaning to search or show."""
    if isinstance(params, dict):
        return {k: _no_nul(v) for k, v in params.items()}
    return [_no_nul(v) for v in params]


def translate(sql: str, params: Any = ()) -> tuple[str, Any]:
    named = isinstance(params, dict)
    s, order = _translate(sql, named)
    if order is not None:
        params = [params[i] for i in order]
    return s, text_safe(params)


class Row(tuple[Any, ...]):
    """A result row read by index, by column name and as a mapping (`dict(row)`), as sqlite3.Row."""

    _names: tuple[str, ...] = ()

    def keys(self) -> list[str]:
        return list(self._names)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"_names": names, "__slots__": ()})  # once per column list, not per query


def _row_factory(cursor: psycopg.Cursor[Any]) -> Any:
    return _row_class(tuple(c.name for c in cursor.description or ()))


class Cursor:
    def __init__(self, cur: psycopg.Cursor[Any], lastrowid: int | None = None):
        self._cur = cur
        self.lastrowid = lastrowid
        self.rowcount = cur.rowcount

    def fetchone(self) -> Any:
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall() if self._cur.description else []

    def fetchmany(self, n: int) -> list[Any]:
        return self._cur.fetchmany(n) if self._cur.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur) if self._cur.description else iter(())

    def close(self) -> None:
        self._cur.close()


class _EmptyCursor(Cursor):
    def __init__(self) -> None:
        self.lastrowid, self.rowcount = None, 0

    def fetchone(self) -> Any:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def fetchmany(self, n: int) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def close(self) -> None:
        pass


class _Blob:
    """Reading byte ranges of one `positions.data` value, as sqlite3's incremental blob I/O."""

    def __init__(self, conn: PgConnection, table: str, column: str, rowid: int):
        self.conn, self.sql, self.rowid = conn, f"SELECT substring({column} FROM %s FOR %s) FROM {table} WHERE rowid = %s", rowid
        self.table, self.column = table, column

    def __getitem__(self, part: slice) -> bytes:
        start, stop = int(part.start), int(part.stop)
        row = self.conn.raw.execute(self.sql, (start + 1, stop - start, self.rowid)).fetchone()
        return bytes(row[0]) if row else b""

    def read_ranges(self, starts: list[int], stops: list[int]) -> list[bytes]:
        """The byte ranges [start, stop) in one statement: the value is fetched (and, when
        compressed, decompressed) once, not once per range as by `blob[start:stop]` — for a
        common word's positions at 100k pages that was 20-30 ms a range."""
        rows = self.conn.raw.execute(
            f"SELECT substring(v.d FROM r.a FOR r.n) FROM (SELECT {self.column} || ''::bytea AS d FROM {self.table}"
            " WHERE rowid = %s OFFSET 0) v, unnest(%s::int[], %s::int[]) WITH ORDINALITY AS r(a, n, i) ORDER BY r.i",
            (self.rowid, [a + 1 for a in starts], [b - a for a, b in zip(starts, stops)])).fetchall()
        return [bytes(r[0]) for r in rows]

    def __enter__(self) -> _Blob:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class PgConnection:
    """A psycopg connection with the sqlite3 surface the store's SQL functions use."""

    def __init__(self, raw: psycopg.Connection[Any]):
        self.raw = raw
        raw.row_factory = _row_factory
        self._depth = 0

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        head = sql.lstrip()[:12].upper()
        if head.startswith("PRAGMA"):
            return _EmptyCursor()  # SQLite tuning and housekeeping; PostgreSQL has its own
        if head.startswith("BEGIN"):
            # sqlite3 "BEGIN" (a read snapshot) or "BEGIN IMMEDIATE" (the write lock before reading).
            # The pool's connections are in autocommit (a read outside a transaction costs no
            # BEGIN and no ROLLBACK round trip): a snapshot is a REPEATABLE READ transaction, and
            # the lock is taken in the transaction of the `with conn:` block around it.
            if "IMMEDIATE" in sql.upper():
                self._begin()
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            else:
                self._begin("BEGIN ISOLATION LEVEL REPEATABLE READ")
            return _EmptyCursor()
        if "pages_fts (pages_fts)" in sql:  # FTS5's 'optimize' command: the table is a plain one here
            return _EmptyCursor()
        s, p = translate(sql, params)
        returning = (head.startswith("INSERT INTO") and "RETURNING" not in s
                     and re.match(rf"\s*INSERT INTO ({'|'.join(_IDENTITY)}) ", s) is not None)
        if returning:
            s += " RETURNING id"
        cur = self.raw.execute(s, p)
        if returning:
            row = cur.fetchone()
            return Cursor(cur, int(row[0]) if row else None)
        return Cursor(cur)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        s, _ = _translate(sql, False)
        cur = self.raw.cursor()
        cur.executemany(s, (text_safe(r) for r in rows))
        return Cursor(cur)

    def executescript(self, script: str) -> None:
        """The SQLite DDL scripts (postings, versions) are not run: schema.py owns the PostgreSQL schema."""

    def blobopen(self, table: str, column: str, rowid: int, readonly: bool = True) -> _Blob:
        return _Blob(self, table, column, rowid)

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def _begin(self, command: str = "BEGIN") -> None:
        """Open a transaction on an autocommit connection, unless one is open (a non-autocommit
        connection opens its own at the next statement)."""
        if self.raw.autocommit and self.raw.info.transaction_status == pq.TransactionStatus.IDLE:
            self.raw.execute(command)

    def __enter__(self) -> PgConnection:
        self._depth += 1
        if self._depth == 1:
            self._begin()  # `with conn:` is one transaction, as in sqlite3
        return self

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self._depth -= 1
        if self._depth:
            return  # nested: the outer block commits
        if kind is None:
            self.raw.commit()
        else:
            self.raw.rollback()

    def close(self) -> None:
        self.raw.close()


WRITE_LOCK = 0x7261_6164  # 'raad': the advisory lock that stands for SQLite's write lock
