"""`raadslens migrate` on both backends (issue 17, item 3), against real databases of an older schema.

The older PostgreSQL database is one the real pipeline filled, then taken back to schema
version 1 the way a raadslens of that version left it: without the tables later steps add
and without their rows in `schema_version`. A read command on it says to migrate and
writes nothing; `raadslens migrate` brings it up; a step that cannot be applied leaves the
database at the version before it, with one line saying which step failed.
"""

from __future__ import annotations

import shutil
import sqlite3

import psycopg
import pytest
from conftest import CORPUS
from test_store_backends import one_clear_line, raadslens

from raadslens import pipeline
from raadslens.search_api.store import StoreError, migrate_store, open_store
from raadslens.search_api.store.postgres import schema
from raadslens.search_api.store.sqlite.connection import SCHEMA_VERSION as SQLITE_VERSION

FILES = [CORPUS / "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf",
         CORPUS / "2025_raadsinformatiebrief_prioritaire_opgave_jeugd.pdf"]
LATER = {2: ["DROP TABLE ingest_queue"], 3: ["DROP INDEX versions_chain"]}  # what each step after 1 added, to take a database back


def _fill(url: str) -> None:
    store = open_store(url)
    summary = pipeline.ingest(FILES, store, workers=1, ocr=False)
    store.close()
    assert summary.documents == len(FILES)


def _back_to_version_1(url: str) -> None:
    assert set(LATER) == {v for v, _, _ in schema.MIGRATIONS if v > 1}, "a new step: say here what it adds"
    with psycopg.connect(url) as conn:
        for version in sorted(LATER, reverse=True):
            for sql in LATER[version]:
                conn.execute(sql)
            conn.execute("DELETE FROM schema_version WHERE version = %s", (version,))


def _state(url: str) -> tuple[int, set[str]]:
    with psycopg.connect(url) as conn:
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        tables = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    return version, tables


@pytest.fixture
def old_pg(pg, request):
    url = pg.create_database(f"old_{request.node.name[5:40].lower()}")
    _fill(url)
    _back_to_version_1(url)
    assert _state(url)[0] == 1
    return url


def test_a_read_on_an_older_schema_says_to_migrate_and_writes_nothing(old_pg, tmp_path):
    line = one_clear_line(raadslens("search", "jeugd", "--db", old_pg, cwd=tmp_path),
                          "schema version 1", "raadslens migrate")
    assert "raadslens-test" not in line  # no password in the message
    version, tables = _state(old_pg)
    assert version == 1 and "ingest_queue" not in tables


def test_migrate_brings_it_up_and_the_documents_are_all_there(old_pg, tmp_path):
    r = raadslens("migrate", "--db", old_pg, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"schema version 1 → {schema.SCHEMA_VERSION} (postgresql)" in r.stdout
    assert "raadslens-test" not in r.stdout
    version, tables = _state(old_pg)
    assert version == schema.SCHEMA_VERSION and "ingest_queue" in tables
    found = raadslens("search", "jeugd", "--db", old_pg, cwd=tmp_path)
    assert found.returncode == 0 and "prioritaire opgave" in found.stdout.lower(), found.stdout + found.stderr
    again = raadslens("migrate", "--db", old_pg, cwd=tmp_path)
    assert again.returncode == 0 and f"schema version {schema.SCHEMA_VERSION}, up to date" in again.stdout


def test_a_step_that_fails_leaves_the_older_version_and_says_which(old_pg, tmp_path):
    with psycopg.connect(old_pg) as conn:  # someone's own table where step 2 puts the queue
        conn.execute("CREATE TABLE ingest_queue (note TEXT)")
        conn.execute("INSERT INTO ingest_queue VALUES ('mine')")
    r = raadslens("migrate", "--db", old_pg, cwd=tmp_path)
    one_clear_line(r, "migration to schema version 2", "failed", "stays at version 1")
    with psycopg.connect(old_pg) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
        assert conn.execute("SELECT note FROM ingest_queue").fetchall() == [("mine",)]
    one_clear_line(raadslens("search", "jeugd", "--db", old_pg, cwd=tmp_path), "raadslens migrate")


def test_a_newer_schema_is_refused_before_anything_is_written(pg, tmp_path):
    url = pg.create_database("newer_schema")
    assert migrate_store(url).after == schema.SCHEMA_VERSION
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO schema_version (version, what) VALUES (99, 'from the future')")
    one_clear_line(raadslens("migrate", "--db", url, cwd=tmp_path), "schema version 99", "upgrade raadslens")
    with pytest.raises(StoreError, match="newer than this raadslens"):
        open_store(url)


def test_migrate_on_an_empty_postgresql_database_creates_the_schema(pg, tmp_path):
    url = pg.create_database("fresh_migrate")
    r = raadslens("migrate", "--db", url, cwd=tmp_path)
    assert r.returncode == 0 and f"schema version {schema.SCHEMA_VERSION} created" in r.stdout, r.stdout + r.stderr
    version, tables = _state(url)
    assert version == schema.SCHEMA_VERSION and {"documents", "pages", "ingest_queue"} <= tables


def test_migrate_a_sqlite_file_of_an_older_schema(tmp_path):
    db = tmp_path / "old.db"
    _fill(str(db))
    with sqlite3.connect(db) as conn:  # schema 4: before the meta table
        conn.execute("DROP TABLE meta")
        conn.execute("PRAGMA user_version = 4")
    r = raadslens("migrate", "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert f"schema version 4 → {SQLITE_VERSION} (sqlite)" in r.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SQLITE_VERSION
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0] == 1
    newer = tmp_path / "newer.db"
    shutil.copyfile(db, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {SQLITE_VERSION + 1}")
    one_clear_line(raadslens("migrate", "--db", str(newer), cwd=tmp_path), "newer than this raadslens")


def test_migrate_a_missing_sqlite_file_creates_nothing(tmp_path):
    one_clear_line(raadslens("migrate", "--db", str(tmp_path / "none.db"), cwd=tmp_path), "no database")
    assert not (tmp_path / "none.db").exists()
