"""SQL of the follow features: saved searches, the documents each has reported, deliveries, the change log.

`alert_seen` is what makes "never twice" hold: the documents a search has
reported are marked in the same transaction that queues its notification, and
a delivery is marked sent only after it went out, so a restart resends nothing
that was sent and loses nothing that was queued. `change_log` is appended in the
transaction that stores (or removes) a document, so its cursor never skips one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

from raadslens.search_api.store.alert_rows import AlertRow, ChangeRow, DeliveryRow

if TYPE_CHECKING:  # connection imports this module for its schema
    from raadslens.search_api.store.sqlite.connection import ConnectionPool

SCHEMA = """
CREATE TABLE IF NOT EXISTS alerts (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    organisation TEXT,
    zaak TEXT,
    dossier TEXT,
    doc_type TEXT,
    email TEXT,
    webhook TEXT,
    created_at TEXT NOT NULL,
    last_run_at TEXT,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS alert_seen (
    alert TEXT NOT NULL REFERENCES alerts(name) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (alert, document_id)
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
    id INTEGER PRIMARY KEY,
    alert TEXT NOT NULL REFERENCES alerts(name) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    target TEXT,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    claimed_at TEXT  -- a run is sending it (another run leaves it alone until CLAIM_SECONDS passed)
);
CREATE INDEX IF NOT EXISTS alert_deliveries_status ON alert_deliveries (status);
CREATE TABLE IF NOT EXISTS change_log (
    cursor INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    op TEXT NOT NULL
);
"""

CLAIM_SECONDS = 600  # a claim older than this is a run that died while sending: the delivery is free again
ALERT_COLUMNS = ("name", "query", "organisation", "zaak", "dossier", "doc_type", "email", "webhook")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def install(conn: sqlite3.Connection) -> None:
    """Create the tables when they are missing (a database from before them gets them on open)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'change_log'").fetchone() is None:
        conn.executescript(SCHEMA)
        # documents stored before the log: each one 'added' once, so a feed from 0 sees every document
        with conn:
            conn.execute("INSERT INTO change_log (at, entity, id, op)"
                         " SELECT ingested_at, 'document', id, 'added' FROM documents ORDER BY ingested_at, id")
        return
    columns = {(r[0], r[1]) for r in conn.execute(
        "SELECT 'alerts', name FROM pragma_table_info('alerts') UNION ALL"
        " SELECT 'alert_deliveries', name FROM pragma_table_info('alert_deliveries')")}
    for table, column in (("alert_deliveries", "claimed_at"), ("alerts", "doc_type")):
        if (table, column) not in columns:  # a database from the first version of these tables
            try:
                with conn:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
            except sqlite3.OperationalError as e:  # another process added it a moment ago
                if "duplicate column" not in str(e):
                    raise


def log_change(conn: sqlite3.Connection, entity: str, entity_id: str, op: str) -> None:
    """Append to the change log; call inside the transaction that made the change."""
    conn.execute("INSERT INTO change_log (at, entity, id, op) VALUES (?, ?, ?, ?)", (_now(), entity, entity_id, op))


def _alert(r: sqlite3.Row) -> AlertRow:
    return AlertRow(name=r["name"], query=r["query"], organisation=r["organisation"], zaak=r["zaak"],
                    dossier=r["dossier"], doc_type=r["doc_type"], email=r["email"], webhook=r["webhook"], created_at=r["created_at"],
                    last_run_at=r["last_run_at"], last_error=r["last_error"])


def _delivery(r: sqlite3.Row) -> DeliveryRow:
    return DeliveryRow(id=r["id"], alert=r["alert"], channel=r["channel"], target=r["target"],
                       payload=json.loads(r["payload"]), status=r["status"], attempts=r["attempts"],
                       last_error=r["last_error"], created_at=r["created_at"], sent_at=r["sent_at"])


class AlertsMixin:
    """The follow methods of the `Store` on SQLite (mixed into `SqliteStore`)."""

    pool: ConnectionPool

    def add_alert(self, alert: dict[str, str | None], seen: Iterable[str] = ()) -> bool:
        """Store a saved search and the documents it already finds (not news); False when the name is taken."""
        with self.pool.connection() as c, c:
            if c.execute("SELECT 1 FROM alerts WHERE name = ?", (alert["name"],)).fetchone():
                return False
            c.execute(f"INSERT INTO alerts ({', '.join(ALERT_COLUMNS)}, created_at) VALUES"
                      f" ({', '.join('?' * len(ALERT_COLUMNS))}, ?)",
                      (*(alert.get(k) for k in ALERT_COLUMNS), _now()))
            now = _now()
            c.executemany("INSERT OR IGNORE INTO alert_seen (alert, document_id, at) VALUES (?, ?, ?)",
                          [(alert["name"], d, now) for d in seen])
            return True

    def list_alerts(self) -> list[AlertRow]:
        with self.pool.connection() as c:
            return [_alert(r) for r in c.execute("SELECT * FROM alerts ORDER BY name")]

    def get_alert(self, name: str) -> AlertRow | None:
        with self.pool.connection() as c:
            r = c.execute("SELECT * FROM alerts WHERE name = ?", (name,)).fetchone()
            return _alert(r) if r else None

    def remove_alert(self, name: str) -> bool:
        """Remove a saved search with what it reported and its deliveries; False when there is none."""
        with self.pool.connection() as c, c:
            return c.execute("DELETE FROM alerts WHERE name = ?", (name,)).rowcount > 0

    def alert_seen(self, name: str) -> set[str]:
        """The documents this search has reported (or found when it was saved)."""
        with self.pool.connection() as c:
            return {r[0] for r in c.execute("SELECT document_id FROM alert_seen WHERE alert = ?", (name,))}

    def queue_notification(self, name: str, document_ids: list[str],
                           deliveries: list[tuple[str, str | None, dict[str, object]]]) -> list[int]:
        """In one transaction: mark the documents reported and queue one delivery per target
        (channel, target, payload); returns the deliveries' ids. Nothing is queued for a document
        this search reported before (the payload is the caller's; the mark is here)."""
        now = _now()
        with self.pool.connection() as c, c:
            c.execute("BEGIN IMMEDIATE")  # the write lock before reading: two runs never both find a document new
            fresh = [d for d in document_ids
                     if c.execute("SELECT 1 FROM alert_seen WHERE alert = ? AND document_id = ?",
                                  (name, d)).fetchone() is None]
            if not fresh:
                return []
            c.executemany("INSERT INTO alert_seen (alert, document_id, at) VALUES (?, ?, ?)",
                          [(name, d, now) for d in fresh])
            ids = []
            for channel, target, payload in deliveries:
                cur = c.execute("INSERT INTO alert_deliveries (alert, channel, target, payload, created_at)"
                                " VALUES (?, ?, ?, ?, ?)",
                                (name, channel, target, json.dumps(payload, ensure_ascii=False), now))
                ids.append(int(cur.lastrowid or 0))
            return ids

    def finish_alert_run(self, name: str, error: str | None) -> None:
        with self.pool.connection() as c, c:
            c.execute("UPDATE alerts SET last_run_at = ?, last_error = ? WHERE name = ?", (_now(), error, name))

    def pending_deliveries(self) -> list[DeliveryRow]:
        with self.pool.connection() as c:
            return [_delivery(r) for r in c.execute(
                "SELECT * FROM alert_deliveries WHERE status = 'pending' ORDER BY id")]

    def deliveries(self, alert: str | None = None) -> list[DeliveryRow]:
        with self.pool.connection() as c:
            if alert is None:
                rows = c.execute("SELECT * FROM alert_deliveries ORDER BY id")
            else:
                rows = c.execute("SELECT * FROM alert_deliveries WHERE alert = ? ORDER BY id", (alert,))
            return [_delivery(r) for r in rows]

    def claim_delivery(self, delivery_id: int) -> bool:
        """Take a pending delivery for sending; False when another run holds it (or it was sent)."""
        now = dt.datetime.now(dt.UTC)
        stale = (now - dt.timedelta(seconds=CLAIM_SECONDS)).isoformat(timespec="seconds")
        with self.pool.connection() as c, c:
            return c.execute("UPDATE alert_deliveries SET claimed_at = ? WHERE id = ? AND status = 'pending'"
                             " AND (claimed_at IS NULL OR claimed_at < ?)",
                             (now.isoformat(timespec="seconds"), delivery_id, stale)).rowcount == 1

    def record_delivery(self, delivery_id: int, *, sent: bool, attempts: int, error: str | None,
                        give_up: bool = False) -> None:
        """After trying a delivery: sent, still pending (retried on the next run) or failed for good."""
        status = "sent" if sent else ("failed" if give_up else "pending")
        with self.pool.connection() as c, c:
            c.execute("UPDATE alert_deliveries SET status = ?, attempts = attempts + ?, last_error = ?,"
                      " sent_at = ?, claimed_at = NULL WHERE id = ?",
                      (status, attempts, error, _now() if sent else None, delivery_id))

    def changes_since(self, cursor: int, limit: int = 1000) -> list[ChangeRow]:
        """Change-log entries after `cursor`, oldest first."""
        with self.pool.connection() as c:
            return [ChangeRow(cursor=r["cursor"], at=r["at"], entity=r["entity"], id=r["id"], op=r["op"])
                    for r in c.execute("SELECT * FROM change_log WHERE cursor > ? ORDER BY cursor LIMIT ?",
                                       (cursor, limit))]

    def remove_document(self, doc_id: str) -> bool:
        """Remove a document with its pages, index rows, mentions and version pairs, and log a tombstone,
        in one transaction; then bring the postings and version chains up to date. False: no such id."""
        # writes imports this module (log_change): import it here, not at the top
        from raadslens.search_api.store.sqlite import writes

        with self.pool.connection() as c:
            with c:
                if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                    return False
                writes.delete_document_rows(c, doc_id)
                log_change(c, "document", doc_id, "removed")
            writes.optimize(c)  # the postings see the deleted pages and rebuild; the chains are recomputed
            return True

    def last_change(self) -> int:
        """The newest cursor of the change log (0: nothing logged)."""
        with self.pool.connection() as c:
            return int(c.execute("SELECT coalesce(max(cursor), 0) FROM change_log").fetchone()[0])
