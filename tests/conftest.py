"""Shared fixtures: the corpus ingested once into a real SQLite file, and a real HTTP server on it.

The server (and so every API test) runs once per store backend: on the SQLite file, and
on a real PostgreSQL 15 database the corpus is ingested into once per session
(`corpus_url`, like sqlite-utils rerunning its suite in another mode)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from web_browser import browser, page  # noqa: F401  (one Chromium for the whole session, tests/web_browser.py)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus" / "pdf"


def _find_shared() -> Path:
    """The team's shared/ folder: $RAADSLENS_SHARED, ../shared beside the checkout (CI), or
    ../shared beside the repository this one was cloned from (a fresh clone in /tmp)."""
    candidates = [Path(os.environ["RAADSLENS_SHARED"])] if os.environ.get("RAADSLENS_SHARED") else []
    candidates.append(REPO.parent / "shared")
    origin = subprocess.run(["git", "-C", str(REPO), "config", "remote.origin.url"],
                            capture_output=True, text=True).stdout.strip()
    if origin and Path(origin).is_dir():
        candidates.append(Path(origin).resolve().parent / "shared")
    for c in candidates:
        if (c / "realworld").is_dir():
            return c
    raise RuntimeError(f"shared/ with realworld/ not found (looked in {[str(c) for c in candidates]}); "
                       "set RAADSLENS_SHARED")


SHARED = _find_shared()
os.environ["RAADSLENS_SHARED"] = str(SHARED)  # for code under test that reads shared data
REALWORLD = SHARED / "realworld"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """The corpus ingested through the real pipeline (PDF parser, OCR, spaCy, SQLite)."""
    from raadslens import pipeline
    from raadslens.search_api.store import open_store

    db = tmp_path_factory.mktemp("db") / "raadslens.db"
    store = open_store(db)
    summary = pipeline.ingest([CORPUS], store, workers=1)
    store.close()
    assert summary.failures == [] and summary.skipped == 0 and summary.documents > 0
    return db


@pytest.fixture(scope="session")
def pg(tmp_path_factory):
    """A throw-away PostgreSQL 15 cluster for the session (tests/pg_cluster.py)."""
    from pg_cluster import start_cluster, unavailable

    why = unavailable()
    if why:
        pytest.skip(why)
    # a server database's page images go to the user's cache directory: the tests' to their own
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_corpus(pg) -> str:
    """The corpus ingested through the real pipeline into a PostgreSQL database; its URL."""
    from raadslens import pipeline
    from raadslens.search_api.store import open_store

    url = pg.create_database("corpus")
    store = open_store(url)
    summary = pipeline.ingest([CORPUS], store, workers=1)
    store.close()
    assert summary.failures == [] and summary.skipped == 0 and summary.documents > 0
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_url(request) -> str:
    """The ingested corpus on each backend: the SQLite file's path, then a postgresql:// URL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("corpus_db"))
    return request.getfixturevalue("pg_corpus")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: str | Path) -> Iterator[str]:
    """`raadslens serve`'s app on the database `db` in a real uvicorn server; its base URL."""
    from raadslens.search_api.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(corpus_url) -> Iterator[str]:
    """The corpus database served by a real uvicorn server (once per backend)."""
    with serving(corpus_url) as url:
        yield url


@pytest.fixture(scope="session")
def client(server) -> httpx.Client:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def documents(client) -> dict[str, dict]:
    """The stored documents by file name."""
    return {d["filename"]: d for d in client.get("/documents").json()["documents"]}
