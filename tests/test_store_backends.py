"""`--db postgresql://…` for every command: a URL is never taken for a file name, and every way
of failing to reach the database (bad URL, refused connection, wrong credentials, missing
database) is one clear line and exit 1, with nothing written anywhere — against a real
PostgreSQL 15 cluster started for the session (tests/pg_cluster.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pg_cluster import _free_port

from raadslens.search_api.store import StoreError, open_store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "pdf"


def raadslens(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    home = {"XDG_DATA_HOME": str(cwd / "xdg"), "HOME": str(cwd / "home")}  # a stray default db would land here
    environ = {k: v for k, v in os.environ.items() if k != "RAADSLENS_DB"}
    return subprocess.run([sys.executable, "-m", "raadslens", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**environ, **home, **(env or {})})


def one_clear_line(r: subprocess.CompletedProcess, *expected: str) -> str:
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: "), lines
    for word in expected:
        assert word in lines[0], (word, lines[0])
    assert "Traceback" not in r.stderr
    return lines[0]


def nothing_written(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [], list(folder.rglob("*"))


COMMANDS = [
    ["search", "jeugd"], ["ask", "Wanneer besluit het AB?"], ["amounts"], ["changes", "--subject", "VTT"],
    ["timeline", "jeugd"], ["export"], ["alerts", "list"], ["remove", "x"], ["ingest", str(CORPUS)], ["serve"],
]


@pytest.mark.parametrize("url,expected", [
    ("postgresql://u@127.0.0.1:notaport/raad", "not a valid PostgreSQL URL"),
    ("postgresql://u@127.0.0.1:5432", "names no database"),
    ("postgresql://u@127.0.0.1:5432/", "names no database"),
    ("postgresql://u@127.0.0.1:99999/raad", "not a valid PostgreSQL URL"),
    ("postgres://u@127.0.0.1:5432/a/b", "names no database"),
])
def test_a_malformed_url_is_one_line_before_any_connection(tmp_path, url, expected):
    with pytest.raises(StoreError, match=expected):
        open_store(url)
    r = raadslens("search", "jeugd", "--db", url, cwd=tmp_path)
    one_clear_line(r, expected)
    nothing_written(tmp_path)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0] + ("-" + a[1] if a[0] == "alerts" else ""))
def test_every_command_reports_a_refused_connection(tmp_path, args):
    url = f"postgresql://raadslens:secret@127.0.0.1:{_free_port()}/raad"
    r = raadslens(*args, "--db", url, cwd=tmp_path)
    line = one_clear_line(r, "connection refused", "127.0.0.1")
    assert "secret" not in line  # the password is never printed
    nothing_written(tmp_path)


def test_the_environment_variable_selects_postgresql_too(tmp_path):
    url = f"postgresql://raadslens@127.0.0.1:{_free_port()}/raad"
    one_clear_line(raadslens("search", "jeugd", cwd=tmp_path, env={"RAADSLENS_DB": url}), "connection refused")
    nothing_written(tmp_path)


def test_wrong_credentials_are_named(pg, tmp_path):
    for url in (pg.url(password="wrong"), pg.url(user="nobody-here")):
        with pytest.raises(StoreError, match="wrong user name or password"):
            open_store(url)
        line = one_clear_line(raadslens("search", "jeugd", "--db", url, cwd=tmp_path), "wrong user name or password")
        assert "wrong@" not in line and pg.url().split("@")[0].split(":")[-1] not in line
    nothing_written(tmp_path)


def test_a_missing_database_is_named_and_not_created(pg, tmp_path):
    url = pg.url("no_such_db")
    for args in (["search", "jeugd"], ["ingest", str(CORPUS)]):
        one_clear_line(raadslens(*args, "--db", url, cwd=tmp_path), "database does not exist")
    nothing_written(tmp_path)
    import psycopg

    with psycopg.connect(pg.url()) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    assert "no_such_db" not in names


def test_a_read_on_an_empty_database_says_so_and_creates_no_tables(pg, tmp_path):
    url = pg.create_database("empty_read")
    one_clear_line(raadslens("search", "jeugd", "--db", url, cwd=tmp_path), "no raadslens tables", "ingest")
    nothing_written(tmp_path)
    import psycopg

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                            ).fetchone()[0] == 0


def test_a_password_in_the_url_is_never_printed(pg, tmp_path):
    from pg_cluster import PASSWORD

    url = pg.create_database("shown_url")
    r = raadslens("ingest", str(CORPUS / "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf"),
                  "--db", url, "--no-ocr", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 documents" in r.stdout and "raadslens:***@127.0.0.1" in r.stdout
    for args in (["migrate"], ["search", "kerntakendiscussie"]):
        r = raadslens(*args, "--db", url, cwd=tmp_path)
        assert r.returncode == 0 and PASSWORD not in r.stdout + r.stderr, r.stdout + r.stderr
