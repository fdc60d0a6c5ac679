const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));

function pageLink(c) {
  return `<a href="/documents/${encodeURIComponent(c.document_id)}/pages/${c.page}">${esc(c.document_title || c.title)}, p. ${c.page}</a>`;
}

async function runSearch(q) {
  $("answer").hidden = true;
  const r = await fetch(`/search?q=${encodeURIComponent(q)}&limit=20`);
  const body = await r.json();
  if (!r.ok) { $("status").innerHTML = `<span class="error">${esc(body.detail)}</span>`; $("results").innerHTML = ""; return; }
  $("status").textContent = `${body.total} pagina's gevonden` + (body.expanded_to ? ` (ook: ${body.expanded_to.join(", ")})` : "");
  // snippets are HTML-escaped by the server; only <mark> is markup
  $("results").innerHTML = body.hits.map((h) =>
    `<div class="hit"><div class="meta">${pageLink(h)} · ${esc(h.date || "zonder datum")}${h.ocr ? " · OCR" : ""}</div><div class="snippet">${h.snippet}</div></div>`
  ).join("");
}

async function runAsk(q) {
  const r = await fetch(`/ask?q=${encodeURIComponent(q)}`);
  const body = await r.json();
  $("answer").hidden = false;
  if (!r.ok) {
    const d = body.detail || {};
    $("answer").innerHTML = `<span class="error">${esc(d.message || d)}</span><ul>${(d.can_answer || []).map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`;
    $("results").innerHTML = ""; $("status").textContent = "";
    return;
  }
  $("answer").textContent = body.answer;
  $("status").textContent = `${body.citations.length} bronnen`;
  $("results").innerHTML = body.citations.map((c) =>
    `<div class="cite"><div class="meta">${pageLink(c)}${c.date ? " · " + esc(c.date) : ""}</div><div>“${esc(c.quote).replace(/&lt;(\/?)mark&gt;/g, "<$1mark>")}”</div></div>`
  ).join("");
}

$("search-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("q").value; history.replaceState(null, "", `?q=${encodeURIComponent(q)}`); runSearch(q); });
$("ask-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("ask").value; history.replaceState(null, "", `?ask=${encodeURIComponent(q)}`); runAsk(q); });
const params = new URLSearchParams(location.search);
if (params.get("q")) { $("q").value = params.get("q"); runSearch(params.get("q")); }
else if (params.get("ask")) { $("ask").value = params.get("ask"); runAsk(params.get("ask")); }
