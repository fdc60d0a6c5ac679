"""One run of every saved search: queue a notification for what is new, then deliver what is pending.

Queue first, deliver after: the documents a notification covers are marked
reported in the same transaction that queues it, so a search never reports a
document twice; a delivery stays pending (retried on the next run) until it
is sent, and is given up only after MAX_ATTEMPTS tries over several runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from raadslens.search_api.alerts.check import matching_documents, notification
from raadslens.search_api.alerts.deliver import Delivery, attempt
from raadslens.search_api.store import Store

MAX_ATTEMPTS = 12  # tries of one delivery over all runs before it is recorded as failed for good

Log = Callable[[str], None]


@dataclass
class RunReport:
    checked: int = 0
    notifications: int = 0  # queued this run
    sent: int = 0
    failed: int = 0  # deliveries that failed this run (still pending or given up)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (saved search, why it could not run)

    def as_dict(self) -> dict[str, Any]:
        return {"checked": self.checked, "notifications": self.notifications, "sent": self.sent,
                "failed": self.failed, "errors": [{"alert": a, "error": e} for a, e in self.errors]}


def _targets(alert: dict[str, Any]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    if alert.get("email"):
        out.append(("email", alert["email"]))
    if alert.get("webhook"):
        out.append(("webhook", alert["webhook"]))
    return out or [("log", None)]  # no target: the notification is recorded (GET /alerts/{name}) only


def check_all(store: Store, report: RunReport, log: Log, base_url: str = "") -> None:
    """Queue one notification per saved search that found new documents; a search that cannot run is
    recorded (its last_error) and the others go on."""
    for alert in store.list_alerts():
        report.checked += 1
        try:
            seen = store.alert_seen(alert["name"])
            new = [d for d in matching_documents(store, alert) if d not in seen]
            if new:
                payload = notification(store, alert, new, base_url)
                ids = store.queue_notification(alert["name"], new,
                                               [(c, t, payload) for c, t in _targets(dict(alert))])
                if ids:
                    report.notifications += 1
                    log(f"alert {alert['name']}: {len(new)} new document(s): {', '.join(new)}")
            store.finish_alert_run(alert["name"], None)
        except Exception as e:  # noqa: BLE001 - a malformed saved search must not stop the others
            message = f"{type(e).__name__}: {e}" if not str(e).startswith(type(e).__name__) else str(e)
            report.errors.append((alert["name"], message))
            store.finish_alert_run(alert["name"], message)
            log(f"alert {alert['name']}: failed: {message}")


def deliver_pending(store: Store, how: Delivery, report: RunReport, log: Log) -> None:
    for d in store.pending_deliveries():
        if not store.claim_delivery(d["id"]):  # another run (a watcher, a cron job) is sending it
            continue
        if d["channel"] == "log":
            store.record_delivery(d["id"], sent=True, attempts=1, error=None)
            report.sent += 1
            log(f"alert {d['alert']}: recorded notification {d['id']} (no e-mail or webhook)")
            continue
        sent, tries, error = attempt(how, d["channel"], d["target"], d["payload"], d["id"])
        give_up = not sent and d["attempts"] + tries >= MAX_ATTEMPTS
        store.record_delivery(d["id"], sent=sent, attempts=tries, error=error, give_up=give_up)
        if sent:
            report.sent += 1
            log(f"alert {d['alert']}: sent {d['channel']} to {d['target']} (delivery {d['id']}, try {tries})")
        else:
            report.failed += 1
            state = "given up" if give_up else "will retry on the next run"
            log(f"alert {d['alert']}: {d['channel']} to {d['target']} failed after {tries} tries: {error} ({state})")


def run(store: Store, how: Delivery, log: Log = lambda _: None, base_url: str = "") -> RunReport:
    """`raadslens alerts run` and the step after an ingest: check every saved search, deliver."""
    report = RunReport()
    check_all(store, report, log, base_url)
    deliver_pending(store, how, report, log)
    return report
