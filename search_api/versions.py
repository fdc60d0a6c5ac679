"""Versions: documents that are editions of one another, as chains ordered by date.

Two documents are versions when their texts overlap strongly: the Jaccard
similarity of their word 5-gram shingles (a 1-in-4 sample of them, stored in
`shingles`) reaches VERSION_JACCARD. Documents of a series (besluitenlijsten of
different meetings) share a template but little text, so they stay apart; the
template's shingles are ignored because shingles found in many documents are
left out of the comparison. Identical files are stored once by content hash and
never reach this point. Chains are the connected groups of version pairs,
ordered by document date (then file name).
"""

from __future__ import annotations

import sqlite3
import zlib

from search_api.text import WORD_RE, fold

SHINGLE = 5
SAMPLE = 4  # keep shingles whose hash % SAMPLE == 0
VERSION_JACCARD = 0.5
COMMON_SHINGLE_DOCS = 50  # a shingle in more documents than this is boilerplate

SCHEMA = """
CREATE TABLE IF NOT EXISTS shingles (hash INTEGER NOT NULL, document_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS shingles_hash ON shingles (hash);
CREATE INDEX IF NOT EXISTS shingles_doc ON shingles (document_id);
CREATE TABLE IF NOT EXISTS versions (
    document_id TEXT PRIMARY KEY, chain TEXT NOT NULL, position INTEGER NOT NULL,
    similarity REAL
);
"""


def shingles(text: str) -> set[int]:
    words = WORD_RE.findall(fold(text))
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        h = zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
        if h % SAMPLE == 0:
            out.add(h)
    return out


_PAIRS_SQL = """
WITH rare AS (SELECT hash FROM shingles GROUP BY hash HAVING count(*) <= :common),
s AS (SELECT sh.hash, sh.document_id FROM shingles sh JOIN rare USING (hash) {where}),
sizes AS (SELECT document_id, count(*) AS n FROM shingles GROUP BY document_id)
SELECT a.document_id AS a, b.document_id AS b, count(*) AS shared, sa.n AS na, sb.n AS nb
FROM s a JOIN shingles b ON b.hash = a.hash AND b.document_id != a.document_id
JOIN sizes sa ON sa.document_id = a.document_id JOIN sizes sb ON sb.document_id = b.document_id
GROUP BY a.document_id, b.document_id
"""


def _similarities(conn: sqlite3.Connection, doc_id: str | None = None) -> list[tuple[str, str, float]]:
    """(a, b, Jaccard) for every pair of documents sharing a non-boilerplate shingle.

    One pass in SQL: shingles found in more than COMMON_SHINGLE_DOCS documents
    (templates, boilerplate) are left out, so the join stays small however many
    documents share a template.
    """
    where = "WHERE sh.document_id = :doc" if doc_id else ""
    rows = conn.execute(_PAIRS_SQL.format(where=where), {"common": COMMON_SHINGLE_DOCS, "doc": doc_id})
    return [(r[0], r[1], r[2] / max(1, r[3] + r[4] - r[2])) for r in rows]


def similar_documents(conn: sqlite3.Connection, doc_id: str) -> dict[str, float]:
    """Jaccard similarity of one document to every document sharing a non-boilerplate shingle."""
    return {b: sim for _, b, sim in _similarities(conn, doc_id)}


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every chain from the shingles; returns the number of chains of 2 or more."""
    docs = conn.execute("SELECT id, date, filename FROM documents").fetchall()
    parent = {d["id"]: d["id"] for d in docs}
    best: dict[str, float] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, sim in _similarities(conn):
        if sim >= VERSION_JACCARD and a in parent and b in parent:
            parent[find(a)] = find(b)
            best[a] = max(best.get(a, 0.0), sim)
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


def chain_of(conn: sqlite3.Connection, doc_id: str) -> list[dict]:
    """The version chain holding the document, oldest first ([] if it has no versions)."""
    row = conn.execute("SELECT chain FROM versions WHERE document_id = ?", (doc_id,)).fetchone()
    if row is None:
        return []
    return chain(conn, row[0])


def chain(conn: sqlite3.Connection, chain_id: str) -> list[dict]:
    rows = conn.execute(
        "SELECT d.id, d.title, d.filename, d.date, v.position, v.similarity FROM versions v"
        " JOIN documents d ON d.id = v.document_id WHERE v.chain = ? ORDER BY v.position",
        (chain_id,),
    )
    return [dict(r) for r in rows]


def chains(conn: sqlite3.Connection) -> list[list[dict]]:
    ids = [r[0] for r in conn.execute("SELECT DISTINCT chain FROM versions ORDER BY chain")]
    return [chain(conn, c) for c in ids]


def pairs(conn: sqlite3.Connection) -> list[tuple[dict, dict]]:
    """Every (previous, next) step of every chain."""
    return [(c[i], c[i + 1]) for c in chains(conn) for i in range(len(c) - 1)]
