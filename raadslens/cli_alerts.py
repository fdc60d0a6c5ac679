"""`raadslens alerts …` (saved searches), `raadslens export` and the event log of long runs.

Thin shells over search_api/alerts: parse options, call, print. Long runs (`alerts run`,
`watch`) log one line per event on stderr: plain text with a UTC time stamp when stderr
is not a terminal (a log file, systemd, cron), coloured when it is.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from raadslens.settings import Settings

if TYPE_CHECKING:
    from raadslens.search_api.alerts.deliver import Delivery
    from raadslens.search_api.alerts.run import RunReport
    from raadslens.search_api.store import Store

app = typer.Typer(help="Saved searches (abonnementen) that notify by e-mail or webhook.", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Database: a SQLite file or sqlite:///path (default: $RAADSLENS_DB, else the per-user data folder).",
    show_default=False)]


def event_logger(component: str) -> Callable[[str], None]:
    """One line per event on stderr: plain (time stamp, component, message) when not on a terminal."""
    if sys.stderr.isatty():
        def log(message: str) -> None:
            err.print(f"[dim]{dt.datetime.now().strftime('%H:%M:%S')}[/dim] [bold]{component}[/bold] {escape(message)}",
                      highlight=False)
    else:
        def log(message: str) -> None:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            sys.stderr.write(f"{stamp} {component} {' '.join(message.split())}\n")
            sys.stderr.flush()
    return log


def delivery(settings: Settings) -> Delivery:
    """How notifications go out, from the settings (RAADSLENS_SMTP_HOST, RAADSLENS_WEBHOOK_SECRET)."""
    from raadslens.search_api.alerts.deliver import Delivery, Mailer

    mailer = None
    if settings.smtp_host:
        host, _, port = settings.smtp_host.rpartition(":") if ":" in settings.smtp_host else (settings.smtp_host, "", "")
        mailer = Mailer(host or settings.smtp_host, int(port) if port.isdigit() else 587, sender=settings.smtp_from,
                        user=settings.smtp_user or None, password=settings.smtp_password or None)
    return Delivery(mailer=mailer, secret=settings.webhook_secret or None)


def run_alerts(store: Store, settings: Settings, log: Callable[[str], None]) -> RunReport:
    from raadslens.search_api.alerts.run import run

    return run(store, delivery(settings), log=log, base_url=settings.base_url.rstrip("/"))


def after_ingest(store: Store, settings: Settings) -> None:
    """After `raadslens ingest` stored documents: run the saved searches, if there are any."""
    if store.list_alerts():
        report = run_alerts(store, settings, event_logger("alerts"))
        _summary(report)


def _summary(report: RunReport) -> None:
    err.print(f"alerts: {report.checked} searches checked, {report.notifications} notifications,"
              f" {report.sent} sent, {report.failed} failed deliveries, {len(report.errors)} searches failed",
              highlight=False, markup=False)


def _store(db: str | None, *, create: bool = False) -> Store:
    from raadslens.search_api.store import StoreError, open_store

    try:
        return open_store(Settings.from_env(db=db).db, create=create)
    except StoreError as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1) from e


def _clearly(fn: Callable[[], Any]) -> Any:
    from raadslens.search_api.answers.errors import AnswerError
    from raadslens.search_api.search.query import QueryError

    try:
        return fn()
    except (QueryError, AnswerError) as e:
        err.print(f"[red]error:[/red] {escape(str(e))}", highlight=False)
        raise typer.Exit(1 if getattr(e, "status", 400) == 404 else 2) from e


@app.command("add")
def add(
    name: Annotated[str, typer.Option("--name", help="A short name, e.g. jeugdzorg.")],
    query: Annotated[str, typer.Option("--query", help='Search words, "phrases", OR, -exclude.')],
    organisatie: Annotated[str | None, typer.Option("--organisatie", help="Only documents of this organisation.")] = None,
    zaak: Annotated[str | None, typer.Option("--zaak", help="Only documents naming this zaaknummer.")] = None,
    dossier: Annotated[str | None, typer.Option("--dossier", help="Only documents of this dossier (an id of GET /dossiers).")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Only documents of this type, e.g. raadsinformatiebrief.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Send notifications to this address.")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST notifications (JSON) to this URL.")] = None,
    db: DbOpt = None,
) -> None:
    """Save a search; documents it finds now are not news, later ones notify."""
    from raadslens.search_api.alerts import saved

    store = _store(db)
    try:
        row = _clearly(lambda: saved.add(store, {"name": name, "query": query, "organisation": organisatie,
                                                  "zaak": zaak, "dossier": dossier, "doc_type": doc_type, "email": email,
                                                  "webhook": webhook}))
        seen = len(store.alert_seen(name))
    finally:
        store.close()
    console.print(f"saved search {row['name']!r}: {seen} documents match now (not notified)", markup=False)


@app.command("list")
def list_cmd(db: DbOpt = None, json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The saved searches, their targets and the outcome of their last run."""
    store = _store(db)
    try:
        rows = store.list_alerts()
        pending = {a["name"]: sum(d["status"] == "pending" for d in store.deliveries(a["name"])) for a in rows}
    finally:
        store.close()
    if json_out:
        sys.stdout.write(json.dumps([dict(a) for a in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        console.print("no saved searches: add one with raadslens alerts add --name NAME --query Q", markup=False)
    for a in rows:
        filters = ", ".join(f"{k}={a[k]}" for k in ("organisation", "zaak", "dossier", "doc_type") if a[k])
        targets = ", ".join(x for x in (a["email"], a["webhook"]) if x) or "no target (recorded only)"
        console.print(f"{a['name']}: {a['query']!r}{' (' + filters + ')' if filters else ''} → {targets};"
                      f" last run {a['last_run_at'] or 'never'}"
                      + (f"; {pending[a['name']]} pending" if pending[a["name"]] else "")
                      + (f"; error: {a['last_error']}" if a["last_error"] else ""), markup=False, highlight=False)


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The saved search's name.")], db: DbOpt = None) -> None:
    """Remove a saved search with its delivery log."""
    from raadslens.search_api.alerts import saved

    store = _store(db)
    try:
        _clearly(lambda: saved.remove(store, name))
    finally:
        store.close()
    console.print(f"removed {name!r}", markup=False)


@app.command("run")
def run_cmd(db: DbOpt = None) -> None:
    """Check every saved search and send what is new; retry deliveries that failed before."""
    settings = Settings.from_env(db=db)
    store = _store(db)
    try:
        report = run_alerts(store, settings, event_logger("alerts"))
    finally:
        store.close()
    _summary(report)
    if report.errors or report.failed:
        raise typer.Exit(1)


def export(
    format: Annotated[str, typer.Option("--format", help="ndjson or csv.")] = "ndjson",
    what: Annotated[str, typer.Option("--what", help="csv only: documents, mentions or amounts.")] = "mentions",
    db: DbOpt = None,
) -> None:
    """Every document, mention and amount, streamed: NDJSON (one object a line, each with a "type") or CSV."""
    from raadslens.search_api.alerts import export as ex

    if format not in ("ndjson", "csv"):
        raise typer.BadParameter(f"unknown format {format!r}: use ndjson or csv", param_hint="--format")
    if format == "csv" and what not in ex.CSV_TABLES:
        raise typer.BadParameter(f"unknown table {what!r}: use {', '.join(ex.CSV_TABLES)}", param_hint="--what")
    store = _store(db)
    try:
        chunks = ex.ndjson(store) if format == "ndjson" else ex.csv_rows(store, what)
        for chunk in chunks:
            sys.stdout.write(chunk)
    finally:
        store.close()


def watch_cmd(
    folders: Annotated[list[Path], typer.Argument(help="Folders to watch (recursively) for new and changed PDFs.")],
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (0 = one per core, at most 2).", show_default="0")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a usable text layer.")] = True,
    settle: Annotated[float, typer.Option(help="Seconds a file's size must hold before it is ingested.")] = 1.0,
    alerts: Annotated[bool, typer.Option(help="Run the saved searches after each batch that stored documents.")] = True,
) -> None:
    """Ingest PDFs as they arrive; on start, whatever is in the folders and not yet stored. Ctrl-C stops."""
    from raadslens.watch import watch

    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        err.print(f"[red]error:[/red] not a folder: {escape(', '.join(missing))}", highlight=False)
        raise typer.Exit(1)
    settings = Settings.from_env(db=db, workers=workers)
    store = _store(db, create=True)
    log = event_logger("watch")
    alert_log = event_logger("alerts")
    def after(_: object) -> None:
        run_alerts(store, settings, alert_log)

    try:
        watch(folders, store, log=log, settle=settle, workers=settings.workers, ocr=ocr, timeout=settings.timeout,
              max_memory_mb=settings.max_memory, after=after if alerts else None)
    except KeyboardInterrupt:
        log("stopped")
    finally:
        store.close()


def remove_document_cmd(
    document: Annotated[str, typer.Argument(help="The id of the document to remove (see GET /documents).")],
    db: DbOpt = None,
) -> None:
    """Remove a document and all that was derived from it; the change feed gets a tombstone."""
    store = _store(db)
    try:
        removed = store.remove_document(document)
    finally:
        store.close()
    if not removed:
        err.print(f"[red]error:[/red] no document with id {escape(document)!r}", highlight=False)
        raise typer.Exit(1)
    console.print(f"removed document {document}", markup=False)
