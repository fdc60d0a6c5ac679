"""Versions: documents that are editions of one another, as chains ordered by date.

Two documents are versions when their texts overlap strongly: the Jaccard
similarity of their word 5-gram shingles (a 1-in-8 sample of them, stored in
`shingles`) reaches VERSION_JACCARD. Documents of a series (besluitenlijsten of
different meetings) share a template but little text, so they stay apart; the
template's shingles are ignored because shingles found in many documents
(`shingle_df`) are left out of the comparison. Identical files are stored once
by content hash and never reach this point.

Alike is not enough: two documents whose own zaaknummers (or issuing organisations)
differ are siblings, never versions (`may_be_versions`).

Work is incremental: when a document is stored, only its own rare shingles are
looked up, and the pairs that reach the threshold go to `similar`. Chains are
the connected groups of `similar`, ordered by document date (then file name),
recomputed after each batch from that small table.
"""

from __future__ import annotations

import re
import sqlite3

from raadslens.search_api.store.indexing import shingles

VERSION_JACCARD = 0.5
COMMON_SHINGLE_DOCS = 50  # a shingle in more documents than this is boilerplate

SCHEMA = """
CREATE TABLE IF NOT EXISTS shingles (hash INTEGER NOT NULL, document_id TEXT NOT NULL);
-- covering indexes: the candidate search reads only these, never the table's rows
DROP INDEX IF EXISTS shingles_hash;
DROP INDEX IF EXISTS shingles_doc;
CREATE INDEX IF NOT EXISTS shingles_hash_doc ON shingles (hash, document_id);
CREATE INDEX IF NOT EXISTS shingles_doc_hash ON shingles (document_id, hash);
CREATE TABLE IF NOT EXISTS shingle_df (hash INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS similar (
    a TEXT NOT NULL, b TEXT NOT NULL, similarity REAL NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions (
    document_id TEXT PRIMARY KEY, chain TEXT NOT NULL, position INTEGER NOT NULL,
    similarity REAL
);
CREATE INDEX IF NOT EXISTS versions_chain ON versions (chain, position);
CREATE TABLE IF NOT EXISTS shingle_counts (document_id TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO shingle_counts (document_id, n)  -- a database from before this table
    SELECT document_id, count(*) FROM shingles GROUP BY document_id;
"""


def rehash(conn: sqlite3.Connection) -> int:
    """Recompute every stored document's shingles from its page text (after a hash change)."""
    docs = [r[0] for r in conn.execute("SELECT id FROM documents")]
    with conn:
        conn.execute("DELETE FROM shingles")
        conn.execute("DELETE FROM shingle_counts")
        conn.execute("DELETE FROM shingle_df")
        conn.execute("DELETE FROM similar")
        for doc_id in docs:
            text = "\n".join(r[0] for r in conn.execute(
                "SELECT text FROM pages WHERE document_id = ? ORDER BY number", (doc_id,)))
            add_document(conn, doc_id, shingles(text))
    rebuild(conn)
    return len(docs)


_CANDIDATES_SQL = """
SELECT o.document_id, count(*) AS shared,
       (SELECT n FROM shingle_counts c WHERE c.document_id = o.document_id) AS n  -- once per candidate
FROM shingles mine
JOIN shingle_df df ON df.hash = mine.hash AND df.n <= :common
JOIN shingles o ON o.hash = mine.hash AND o.document_id != :doc
WHERE mine.document_id = :doc
GROUP BY o.document_id
"""


def add_document(conn: sqlite3.Connection, doc_id: str, hashes: set[int]) -> None:
    """Store a document's shingles and its version pairs (call inside the document's transaction)."""
    conn.executemany("INSERT INTO shingles (hash, document_id) VALUES (?, ?)", ((h, doc_id) for h in hashes))
    conn.execute("INSERT OR REPLACE INTO shingle_counts (document_id, n) VALUES (?, ?)", (doc_id, len(hashes)))
    conn.executemany(
        "INSERT INTO shingle_df (hash, n) VALUES (?, 1) ON CONFLICT (hash) DO UPDATE SET n = n + 1",
        ((h,) for h in sorted(hashes)),  # one order for every writer: row locks taken in the same order
    )
    close = {o: sim for o, sim in similar_documents(conn, doc_id, len(hashes)).items() if sim >= VERSION_JACCARD}
    if not close:
        return
    marks = ",".join("?" * (len(close) + 1))
    ids = {r[0]: (r[1], r[2]) for r in conn.execute(
        f"SELECT id, zaaknummer, organisation FROM documents WHERE id IN ({marks})", [doc_id, *close])}
    for other, sim in close.items():
        if doc_id in ids and other in ids and not may_be_versions(ids[doc_id], ids[other]):
            continue
        a, b = sorted((doc_id, other))
        conn.execute("INSERT OR REPLACE INTO similar (a, b, similarity) VALUES (?, ?, ?)", (a, b, sim))


_LETTER_PART = re.compile(r"[/-](?:UIT|U|IN)-.*$", re.I)  # "NO20-05797/UIT-21-12734": zaak NO20-05797, letter UIT-…


def _norm(value: str | None) -> str | None:
    return "".join(value.split()).upper() if value else None


def _zaak(value: str | None) -> str | None:
    """The zaak a kenmerk belongs to: a revised decision is a new letter (UIT-number) in the same zaak."""
    norm = _norm(value)
    return _LETTER_PART.sub("", norm) if norm else None


def may_be_versions(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Two alike texts are versions of one document only when their own numbers and issuers
    agree where both have one: letters from one template to different requesters carry
    different own kenmerken, and so are siblings, never versions. (zaaknummer, organisation)."""
    pairs = ((_zaak(a[0]), _zaak(b[0])), (_norm(a[1]), _norm(b[1])))
    return all(x is None or y is None or x == y for x, y in pairs)


def similar_documents(conn: sqlite3.Connection, doc_id: str, size: int | None = None) -> dict[str, float]:
    """Jaccard similarity of a stored document to every document sharing a rare shingle."""
    if size is None:
        row = conn.execute("SELECT n FROM shingle_counts WHERE document_id = ?", (doc_id,)).fetchone()
        size = row[0] if row else 0
    rows = conn.execute(_CANDIDATES_SQL, {"common": COMMON_SHINGLE_DOCS, "doc": doc_id})
    return {r[0]: r[1] / max(1, size + r[2] - r[1]) for r in rows}


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every chain from the stored pairs; returns the number of chains of 2 or more."""
    docs = conn.execute("SELECT id, date, filename, zaaknummer, organisation FROM documents").fetchall()
    parent = {d["id"]: d["id"] for d in docs}
    best: dict[str, float] = {}
    # per chain (its root): the own numbers and issuers of its members, so that a document
    # without either cannot bridge two siblings into one chain
    known: dict[str, tuple[set[str], set[str]]] = {
        d["id"]: ({z} if (z := _zaak(d["zaaknummer"])) else set(), {o} if (o := _norm(d["organisation"])) else set())
        for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, sim in conn.execute("SELECT a, b, similarity FROM similar ORDER BY similarity DESC, a, b"):
        if a not in parent or b not in parent:
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            (za, oa), (zb, ob) = known[ra], known[rb]
            if (za and zb and za != zb) or (oa and ob and oa != ob):
                continue  # joining would make siblings versions of each other
            parent[ra] = rb
            known[rb] = (za | zb, oa | ob)
        best[a] = max(best.get(a, 0.0), sim)
        best[b] = max(best.get(b, 0.0), sim)
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(find(d["id"]), []).append(d)
    with conn:
        conn.execute("DELETE FROM versions")
        for members in groups.values():
            if len(members) < 2:
                continue
            members.sort(key=lambda d: (d["date"] or "", d["filename"]))
            chain = members[0]["id"]
            conn.executemany(
                "INSERT INTO versions (document_id, chain, position, similarity) VALUES (?, ?, ?, ?)",
                [(m["id"], chain, i, best.get(m["id"])) for i, m in enumerate(members)],
            )
    return sum(1 for m in groups.values() if len(m) > 1)
