"""Versions versus series on real municipal PDFs: corrected re-publications and revised decisions
are versions; besluitenlijsten of different meetings share a template but are not."""

from __future__ import annotations

import pytest
from conftest import REALWORLD

FILES = [
    "was_bw_besluitenlijst_2022-05-24.pdf",
    "was_bw_besluitenlijst_2023-03-07_a.pdf",
    "was_bw_besluitenlijst_2023-03-07_b.pdf",
    "was_bw_besluitenlijst_2024-12-10.pdf",
    "ams_wob_fietsverbinding_vliegenbos_besluit_2020-10-16.pdf",
    "ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf",
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    """The store with the files ingested (named conn: the tests predate the store interface)."""
    from raadslens import pipeline
    from raadslens.search_api.store import open_store

    store = open_store(tmp_path_factory.mktemp("rw") / "rw.db")
    summary = pipeline.ingest([REALWORLD / f for f in FILES], store, workers=1)
    assert summary.failures == [], summary.failures
    yield store
    store.close()


def _chains(store):
    return [[d["filename"] for d in c] for c in store.version_chains()]


def test_corrected_besluitenlijst_is_a_version(conn):
    assert ["was_bw_besluitenlijst_2023-03-07_a.pdf", "was_bw_besluitenlijst_2023-03-07_b.pdf"] in _chains(conn)


def test_revised_wob_decision_follows_the_original(conn):
    assert [
        "ams_wob_fietsverbinding_vliegenbos_besluit_2020-10-16.pdf",
        "ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf",
    ] in _chains(conn)


def test_besluitenlijsten_of_different_meetings_are_a_series_not_versions(conn):
    for chain in _chains(conn):
        meetings = {f.split("_")[3] for f in chain if f.startswith("was_bw_besluitenlijst")}
        assert len(meetings) <= 1, chain


def test_changed_decision_sentence_shows_in_the_diff(conn):
    from raadslens.search_api.answers import changes

    a, b = next(c for c in conn.version_chains() if c[0]["filename"].endswith("2023-03-07_a.pdf"))
    diffs = " ".join(p["diff"] for p in changes.paragraph_changes(conn, a, b))
    assert "procedure" in diffs and "[-" in diffs and "{+" in diffs
