"""What ingest decided about a page, as rows for `raadslens inspect FILE --page N`."""

from __future__ import annotations

from raadslens.models import Document


def page_rows(doc: Document, page: int | None = None) -> list[dict[str, object]]:
    """One dict per block: page, index, role, in_body, start, end, bbox, text (shortened)."""
    rows: list[dict[str, object]] = []
    for p in doc.pages:
        if page is not None and p.number != page:
            continue
        for i, b in enumerate(p.blocks):
            rows.append(
                {
                    "page": p.number,
                    "index": i,
                    "role": b.role.value,
                    "in_body": b.start is not None,
                    "start": b.start,
                    "end": b.end,
                    "bbox": b.bbox,
                    "rows": len(b.rows) if b.rows else None,
                    "text": b.text if len(b.text) <= 160 else b.text[:157] + "...",
                }
            )
    return rows


def describe(doc: Document, page: int | None = None) -> str:
    """Plain-text report: document facts, then per page the decisions and the blocks."""
    out = [
        f"{doc.filename}  id={doc.id}  pages={doc.page_count}  status={doc.status.value}",
        f"type={doc.doc_type}  date={doc.date}  zaaknummer={doc.zaaknummer}  title={doc.title!r}",
    ]
    for k, v in doc.metadata.items():
        out.append(f"  {k}: {v}")
    for w in doc.warnings:
        out.append(f"WARNING {w}")
    for p in doc.pages:
        if page is not None and p.number != page:
            continue
        src = "OCR" if p.ocr else ("NEEDS OCR (no text)" if p.needs_ocr else "text layer")
        out.append(f"\n--- page {p.number} ({src}, {len(p.text)} chars body text)")
        out.extend(f"  decision: {n}" for n in p.notes)
        for r in page_rows(doc, p.number):
            where = f"{r['start']}-{r['end']}" if r["in_body"] else "not in body"
            extra = f" {r['rows']} rows" if r["rows"] else ""
            text = str(r["text"]).replace("\n", " / ")
            out.append(f"  [{r['index']:>3}] {r['role']:<10} {where:<12}{extra} {text}")
    return "\n".join(out)
