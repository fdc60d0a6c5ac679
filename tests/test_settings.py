"""One list of settings, documented; every command finds the same database from any folder
and says so when it is missing or empty."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from raadslens.settings import SETTINGS, Settings, default_db

README = (REPO / "README.md").read_text(encoding="utf-8")
PACKAGE_DIRS = ["raadslens", "models", "ingest", "extract", "search_api"]


def raadslens(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "raadslens", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env})


def test_every_setting_is_documented_in_the_readme():
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in README]
    assert not missing, f"settings without a line in the README: {missing}"


def test_every_environment_variable_read_by_the_package_is_a_setting():
    read = set()
    for folder in PACKAGE_DIRS:
        for path in (REPO / folder).rglob("*.py"):
            read |= set(re.findall(r"RAADSLENS_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert read <= {s.env for s in SETTINGS}, read - {s.env for s in SETTINGS}


def test_default_database_is_absolute_and_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.delenv("RAADSLENS_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db().is_absolute() and default_db() == tmp_path / "raadslens" / "raadslens.db"
    assert Settings.from_env().db == str(default_db())
    monkeypatch.setenv("RAADSLENS_DB", "/srv/x.db")
    assert Settings.from_env().db == "/srv/x.db"
    assert Settings.from_env(db="/given.db").db == "/given.db"  # an option beats the environment


def test_read_commands_say_so_on_a_missing_or_empty_database(tmp_path):
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    missing = tmp_path / "nothing-here.db"
    for args in (["search", "jeugd"], ["amounts"], ["timeline", "jeugd"], ["changes", "--subject", "VTT"]):
        r = raadslens(*args, cwd=elsewhere, env={"RAADSLENS_DB": str(missing)})
        assert r.returncode == 1 and "no database at" in r.stderr, (args, r.stderr)
    assert not missing.exists()  # a read never creates an empty database
    empty = tmp_path / "empty.db"
    from raadslens.search_api.store import open_store

    open_store(empty).close()
    r = raadslens("search", "jeugd", cwd=elsewhere, env={"RAADSLENS_DB": str(empty)})
    assert r.returncode == 0 and "holds no documents" in r.stderr, r.stderr


def test_commands_honour_raadslens_db_from_another_folder(corpus_db, tmp_path):
    r = raadslens("search", "veilig thuis", "--json", cwd=tmp_path, env={"RAADSLENS_DB": str(corpus_db)})
    assert r.returncode == 0, r.stderr
    assert '"total"' in r.stdout and "holds no documents" not in r.stderr


def test_a_postgresql_url_is_not_taken_for_a_file_name(tmp_path):
    r = raadslens("search", "jeugd", "--db", "postgresql://u@localhost:5432/raad", cwd=tmp_path, env={})
    assert r.returncode == 1 and "PostgreSQL" in r.stderr
    assert not (tmp_path / "postgresql:").exists()


def test_nothing_outside_the_sqlite_backend_imports_sqlite3():
    offenders = []
    for folder in PACKAGE_DIRS:
        for path in (REPO / folder).rglob("*.py"):
            rel = path.relative_to(REPO).as_posix()
            if rel.startswith("search_api/store/sqlite/"):
                continue
            if re.search(r"^\s*(import sqlite3|from sqlite3 )", path.read_text(encoding="utf-8"), re.M):
                offenders.append(rel)
    assert not offenders, offenders
