"""Feeds for readers and for automation: Atom per search and per dossier, and the NDJSON change feed.

Atom entries are documents, newest first, each linking to its best matching page
view (/documenten/{id}/pagina/{n}). The change feed lists the change log after a
cursor: a document added (with its facts) or removed (a tombstone: the
id and nothing else); a client keeps the last cursor it saw and asks from there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from raadslens.search_api.alerts.check import best_pages, matching_documents
from raadslens.search_api.answers import dossiers
from raadslens.search_api.answers.errors import BadRequest
from raadslens.search_api.store import Store

MAX_ENTRIES = 50
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # no XML 1.0 character


def _text(value: str) -> str:
    """Escaped for XML, without the control characters a PDF's text may hold (they make a feed invalid)."""
    return escape(_NOT_XML.sub(" ", value))
FACT_KINDS = ("date", "money", "zaaknummer", "proposal")


def _stamp(date: str | None, ingested_at: str) -> str:
    """The entry's time: the document's own date, else when it was stored (stable across fetches)."""
    return f"{date}T00:00:00Z" if date else ingested_at.replace("+00:00", "Z")


def atom(*, title: str, self_url: str, feed_id: str, entries: list[dict[str, Any]]) -> str:
    """A valid Atom 1.0 document (RFC 4287) of `entries` (title, url, id, updated, summary)."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    updated = max((e["updated"] for e in entries), default=now)
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
             f"<title>{_text(title)}</title>", f"<id>{_text(feed_id)}</id>", f"<updated>{updated}</updated>",
             f'<link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
             "<author><name>raadslens</name></author>", "<generator>raadslens</generator>"]
    for e in entries:
        parts += ["<entry>", f"<title>{_text(e['title'])}</title>", f"<id>{escape(e['id'])}</id>",
                  f"<updated>{e['updated']}</updated>", f'<link rel="alternate" type="text/html" href={quoteattr(e["url"])}/>',
                  f'<summary type="text">{_text(e["summary"])}</summary>', "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def _entries(store: Store, doc_ids: list[str], query: str | None, base_url: str) -> list[dict[str, Any]]:
    rows = [r for r in (store.get_document(d) for d in doc_ids) if r is not None]
    rows.sort(key=lambda r: (_stamp(r["date"], r["ingested_at"]), r["id"]), reverse=True)
    rows = rows[:MAX_ENTRIES]
    pages = best_pages(store, query, [r["id"] for r in rows], base_url) if query else {}
    out = []
    for r in rows:
        best = pages.get(r["id"]) or [{"page": 1, "quote": "", "url": f"{base_url}/documenten/{r['id']}/pagina/1"}]
        who = ", ".join(x for x in (r["organisation"], r["date"], r["doc_type"]) if x)
        summary = f"{who}. p. {best[0]['page']}: {best[0]['quote']}" if best[0]["quote"] else who
        out.append({"title": r["title"] or r["filename"], "id": f"urn:raadslens:document:{r['id']}",
                    "url": best[0]["url"], "updated": _stamp(r["date"], r["ingested_at"]), "summary": summary})
    return out


def search_feed(store: Store, *, q: str, organisation: str | None = None, zaak: str | None = None,
                dossier: str | None = None, doc_type: str | None = None, base_url: str = "", self_url: str = "") -> str:
    ids = matching_documents(store, {"query": q, "organisation": organisation, "zaak": zaak, "dossier": dossier,
                                     "doc_type": doc_type})
    filters = "".join(f", {k} {v}" for k, v in (("organisatie", organisation), ("zaak", zaak), ("dossier", dossier),
                                                ("type", doc_type)) if v)
    return atom(title=f"raadslens: {q}{filters}", self_url=self_url,
                feed_id=f"urn:raadslens:zoeken:{json.dumps([q, organisation, zaak, dossier, doc_type], ensure_ascii=False)}",
                entries=_entries(store, ids, q, base_url))


def dossier_feed(store: Store, dossier_id: str, *, base_url: str = "", self_url: str = "") -> str:
    found = dossiers.get(store, dossier_id)
    return atom(title=f"raadslens dossier: {found.title}", self_url=self_url,
                feed_id=f"urn:raadslens:dossier:{found.id}",
                entries=_entries(store, [x["id"] for x in found.documents], None, base_url))


def check_cursor(store: Store, since: int) -> int:
    """The newest cursor; a cursor past it (from another database, or made up) is a `BadRequest`."""
    last = store.last_change()
    if since > last:
        raise BadRequest(f"cursor {since} ligt in de toekomst: de nieuwste is {last}; begin opnieuw met since=0")
    return last


def change_feed(store: Store, since: int, limit: int = 1000) -> Iterator[str]:
    """NDJSON lines after `since`; check the cursor first (`check_cursor`): this one only reads."""
    for c in store.changes_since(since, limit):
        line: dict[str, Any] = dict(c)
        if c["op"] != "removed":
            doc = store.get_document(c["id"])
            if doc is None:  # removed since: the later tombstone says so
                line["document"] = None
            else:
                line["document"] = {k: doc[k] for k in ("id", "filename", "title", "doc_type", "organisation",
                                                        "date", "zaaknummer", "page_count")}
                line["facts"] = [{**m.model_dump(mode="json", include={"kind", "page", "start", "end", "text", "value",
                                                                       "subject"})}
                                 for m in store.get_mentions(c["id"]) if m.kind.value in FACT_KINDS]
        yield json.dumps(line, ensure_ascii=False) + "\n"
