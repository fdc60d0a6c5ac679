"""An older database is brought up to date when it is opened."""

import shutil

from raadslens.search_api.store import indexing
from raadslens.search_api.store.sqlite import versions
from raadslens.search_api.store.sqlite.connection import SCHEMA_VERSION, connect


def test_shingles_hashed_the_old_way_are_recomputed_and_versions_kept(corpus_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(corpus_db, db)
    conn = connect(db)
    pairs = conn.execute("SELECT a, b FROM similar ORDER BY a, b").fetchall()
    assert pairs, "the corpus has a concept and a final eindrapport"
    with conn:  # what a database from before the hash change looks like
        conn.execute("UPDATE shingles SET hash = hash + 1")
        conn.execute("DELETE FROM similar")
        conn.execute("PRAGMA user_version = 0")
    conn.close()

    conn = connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [tuple(r) for r in conn.execute("SELECT a, b FROM similar ORDER BY a, b")] == [tuple(r) for r in pairs]
    doc_id = pairs[0][0]
    text = "\n".join(r[0] for r in conn.execute(
        "SELECT text FROM pages WHERE document_id = ? ORDER BY number", (doc_id,)))
    stored = {r[0] for r in conn.execute("SELECT hash FROM shingles WHERE document_id = ?", (doc_id,))}
    assert stored == indexing.shingles(text)


def test_shingles_are_stable_and_fit_sqlite_integers():
    text = "De gemeente Hengelo informeert de raad over de kerntakendiscussie van SamenTwente. " * 3
    a, b = indexing.shingles(text), indexing.shingles(text)
    assert a == b and a
    assert all(0 <= h < 2**63 for h in a)
    assert indexing.shingles("twee woorden") == set()


def test_a_database_from_before_the_shingle_counts_gets_them_and_the_same_versions(corpus_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(corpus_db, db)
    conn = connect(db)
    counts = dict(conn.execute("SELECT document_id, n FROM shingle_counts").fetchall())
    assert counts == dict(conn.execute("SELECT document_id, count(*) FROM shingles GROUP BY document_id"))
    sims = {d: versions.similar_documents(conn, d) for d in counts}
    with conn:  # the tables and indexes of a database written before them
        conn.executescript("""
            DROP TABLE shingle_counts; DROP INDEX shingles_hash_doc; DROP INDEX shingles_doc_hash;
            CREATE INDEX shingles_hash ON shingles (hash); CREATE INDEX shingles_doc ON shingles (document_id);
        """)
    conn.close()

    conn = connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'shingles'")}
    assert {"shingles_hash_doc", "shingles_doc_hash"} <= indexes and "shingles_hash" not in indexes
    assert dict(conn.execute("SELECT document_id, n FROM shingle_counts").fetchall()) == counts
    assert {d: versions.similar_documents(conn, d) for d in counts} == sims


def test_a_database_from_before_the_organisation_column_gets_it(corpus_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(corpus_db, db)
    conn = connect(db)
    before = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    with conn:  # what a database of schema version 2 looks like
        conn.execute("ALTER TABLE documents DROP COLUMN organisation")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    conn = connect(db)
    assert "organisation" in {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    assert conn.execute("SELECT count(*) FROM documents WHERE organisation IS NULL").fetchone()[0] == before
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_before_furniture_mentions_and_flags_gets_both_columns(corpus_db, tmp_path):
    db = tmp_path / "old3.db"
    shutil.copyfile(corpus_db, db)
    conn = connect(db)
    with conn:  # what a database of schema version 3 looks like: body mentions only
        conn.execute("DELETE FROM mentions WHERE block IS NOT NULL")
        conn.execute("ALTER TABLE mentions DROP COLUMN block")
        conn.execute("ALTER TABLE mentions DROP COLUMN flag")
        conn.execute("PRAGMA user_version = 3")
    mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    conn.close()
    conn = connect(db)
    assert {"block", "flag"} <= {r[1] for r in conn.execute("PRAGMA table_info(mentions)")}
    assert conn.execute("SELECT count(*) FROM mentions WHERE block IS NULL").fetchone()[0] == mentions
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_before_the_chain_index_reads_chains_by_index(corpus_db, tmp_path):
    db = tmp_path / "old5.db"
    shutil.copyfile(corpus_db, db)
    conn = connect(db)
    with conn:  # what a database of schema version 5 looks like
        conn.execute("DROP INDEX versions_chain")
        conn.execute("PRAGMA user_version = 5")
    conn.close()
    conn = connect(db)
    plan = " ".join(str(r[3]) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT document_id FROM versions WHERE chain = ? ORDER BY position", ("x",)))
    assert "USING INDEX versions_chain" in plan or "USING COVERING INDEX versions_chain" in plan, plan
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_alike_documents_with_different_own_numbers_are_siblings_not_versions(tmp_path):
    """One template to two requesters: the same text, each with its own kenmerk."""
    from raadslens.models import Document, Page
    from raadslens.search_api.store.sqlite import reads, writes

    text = " ".join(f"woord{i} staat in de brief over het verzoek nummer {i}" for i in range(200))
    conn = connect(tmp_path / "v.db")

    def doc(n: str, zaak: str | None) -> Document:
        return Document(id=n * 16, sha256=n * 64, path=f"/x/{n}.pdf", filename=f"{n}.pdf", zaaknummer=zaak,
                        pages=[Page(number=1, text=text)])

    for d in (doc("a", "CE20-0001"), doc("b", "CE20-0002"), doc("c", "CE20-0001"), doc("d", None)):
        writes.save_document(conn, d)
    versions.rebuild(conn)
    chains = [sorted(m["filename"] for m in c) for c in reads.version_chains(conn)]
    # a and c share their number; d has none and may join one side; b never joins a or c
    assert ["a.pdf", "c.pdf"] in [[f for f in c if f != "d.pdf"] for c in chains], chains
    assert not any("b.pdf" in c and ("a.pdf" in c or "c.pdf" in c) for c in chains), chains
    pairs = {tuple(r) for r in conn.execute("SELECT a, b FROM similar")}
    assert ("a" * 16, "b" * 16) not in pairs and ("b" * 16, "c" * 16) not in pairs
    assert ("a" * 16, "c" * 16) in pairs
