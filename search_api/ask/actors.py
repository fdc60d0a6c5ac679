"""Who did something or holds a role, answered with the sentence that says so, quoted whole.

"Wie besloot tot de naamswijziging?", "Wie heeft het eindrapport opgesteld?", "Wie zat de
vergadering voor?": no extraction marks people or bodies, and a name picked out of a sentence was
often another clause's actor, so the answer is the one sentence of the candidate pages that holds
the question's verb (or role), part of its subject, and a name or body, cited with its document and
page. The reader sees who in the words of the document; when two sentences with different words are
nearly as good, it is not answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from raadslens.models.normalize import fold, index_words
from raadslens.search_api.ask import evidence as ev_mod
from raadslens.search_api.ask.evidence import Evidence, Fact
from raadslens.search_api.ask.question import (
    QUESTION_WORDS,
    Question,
    names_event,
    verb_form,
    verb_roots,
)
from raadslens.search_api.ask.respond import LINE_MIN
from raadslens.search_api.ask.values import VERSION_PENALTY, _superseded

# How a sentence's evidence is weighed: its own words most, then the page and the document's title.
SENTENCE_WEIGHTS = {"line": 0.6, "page": 0.2, "title": 0.2}
ROLE_WEIGHTS = {"line": 0.2, "page": 0.4, "title": 0.4}
# Set on the tune split (all four files): a sentence with the question's verb must match well; a role
# word's sentence is weighed by its page and title (ROLE_WEIGHTS), so its scores are lower.
THRESHOLD = 0.7
ROLE_THRESHOLD = 0.3
MARGIN = 0.05
# "ingediend bij de provincie", "verzonden aan de raad": the body after the verb received, it did not act.
_RECIPIENT = re.compile(r"\s+(?:bij|aan|naar)\b")
# A person or a body in a sentence: initials and a surname, two capitalised words, a capitalised
# abbreviation (AO, B&W, GS), or a body named by its common noun.
NAME = re.compile(r"\b(?:[A-Z]\.){1,5}[A-Z]?\.?\s*(?:van |de |der |den |ter )*[A-Z][a-z]|"
                  r"(?:(?<=\s)|^)[A-Z][\w'&-]+\s+(?:(?:van|de|der|den|of|the)\s+)*[A-Z][\w'&-]+|"
                  r"(?:(?<=\s)|^)[A-Z][A-Z&]{1,5}\b|"
                  r"\b(?:het|de|the)\s+(?:college|stadsdeel|raad|bestuur|dagelijks bestuur|algemeen bestuur|"
                  r"ministerie|minister|staatssecretaris|burgemeester|gemeente|provincie|commissie|council|board)\b")
# Role words: "Wie was voorzitter …" asks the person beside the role, "Wie zat … voor" too.
ROLES = ("voorzitter", "gemeentesecretaris", "secretaris", "griffier", "wethouder", "gedeputeerde", "burgemeester",
         "notulist", "projectleider", "auteur", "chair", "secretary", "author")


@dataclass
class Sentence:
    page: ev_mod.Page
    start: int
    end: int
    text: str


def sentences(page: ev_mod.Page) -> list[Sentence]:
    """A page's lines, each split into its sentences."""
    text = page.hit["text"]
    out = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        cut = 0
        for m in [*ev_mod.SENTENCE_END.finditer(line), None]:
            end = m.start() if m else len(line)
            if line[cut:end].strip():
                out.append(Sentence(page, start + cut, start + end, line[cut:end].strip()))
            cut = m.end() if m else cut
    return out


def role_asked(q: Question) -> tuple[str, ...]:
    """The role a who-question asks the holder of ("Wie was voorzitter", "Wie zat … voor")."""
    f = fold(q.text)
    if re.search(r"\bzat\b.*\bvoor\b|\bvoorgezeten\b|\bchaired\b", f):
        return ("voorzitter", "voorzit", "opent de vergadering", "chair")
    return tuple(r for r in ROLES if re.search(rf"\b{r}\b", f))


def actor(store: Any, q: Question, ev: Evidence) -> Fact | None:
    """The best sentence that says who, or None when none is good enough or two differ and tie."""
    roles = role_asked(q)
    kind = re.match(r"(?:met |door |van )?welke? (\w+)", fold(q.text))
    # "Welk bureau begeleidt …" is answered where the document names the bureau: "het bureau Lysias Advies"
    named = re.compile(rf"\b(?i:{re.escape(kind.group(1))})\s+(?:[A-Z]\.)*[A-Z][\w&'-]+") if kind else None
    roots = () if roles or named else verb_roots(q.text)
    if not roles and not roots and not named:
        return None
    # a role is held in a meeting or a document: the role word is the sentence's evidence, and the
    # meeting is named by the page and the title ("Voorzitter Burgemeester L. de Lange" on the list)
    weights = ROLE_WEIGHTS if roles else SENTENCE_WEIGHTS
    dated = ev_mod.dated_pages(store, ev)  # "de vergadering van 18 maart 2025": that day's pages only
    old = _superseded(store, q, {p.hit["document_id"] for p in ev.pages})
    asked = frozenset(index_words(q.text))
    proper = bool(re.match(r"(?:met |door |van )?welke? ", fold(q.text)))
    ranked: list[tuple[float, Sentence, dict[str, float]]] = []
    for page in ev.pages:
        if dated is not None and page.key not in dated:
            continue
        page_cov = ev.terms.coverage(page.stems)
        title_cov = ev.terms.coverage(page.title_stems)
        for s in sentences(page):
            low = fold(s.text)
            if roles and not any(r in low for r in roles):
                continue
            if roots and not _acts(roots, s.text):
                continue
            if named and not named.search(s.text):
                continue
            if not names_in(s.text, proper) - asked:
                continue  # it names no one the question does not name already ("SamenTwente")
            parts = {"line": ev.terms.coverage(s.text), "page": page_cov, "title": title_cov}
            score = sum(weights[k] * v for k, v in parts.items()) - (VERSION_PENALTY if page.hit["document_id"] in old
                                                                       else 0.0)
            ranked.append((score, s, parts))
    if not ranked:
        return None
    ranked.sort(key=lambda r: (-r[0], r[1].page.hit["number"]))  # a tie: where the document says it first
    score, best, parts = ranked[0]
    who = names_in(best.text)
    # a rival is a sentence that names someone else: the same sentence in a duplicate document, or
    # another sentence about the same body ("Het college van B&W besluit op 29 mei …"), is none
    rival = next((sc for sc, s, _ in ranked[1:] if _words(s.text) != _words(best.text) and not names_in(s.text) & who),
                 0.0)
    parts["margin"] = score - rival
    least = ROLE_THRESHOLD if roles else THRESHOLD
    if score < least or (not roles and parts["line"] < LINE_MIN) or score - rival < MARGIN:
        return None
    h = best.page.hit
    row: Any = {"document_id": h["document_id"], "title": h["title"], "filename": h["filename"], "date": h["date"],
                "page": h["number"], "start": best.start, "end": best.end, "furniture": False}
    return Fact(row, "who", score, parts, best.text)


def _acts(roots: tuple[str, ...], text: str) -> bool:
    """Whether a sentence holds the verb with someone acting, not only receiving ("Ingediend bij
    Provincie Overijssel" says where a form went, not who filed it)."""
    if not names_event(roots, text):
        return False
    low = fold(text)
    for m in re.finditer(r"[a-z]+", low):
        if any(verb_form(m.group(0), r) for r in roots) and not _RECIPIENT.match(low, m.end()):
            return True
    return False


def names_in(text: str, proper: bool = False) -> frozenset[str]:
    """The words of the names and bodies a sentence holds, folded ("College van B&W" and "het college
    van B&W" share "b&w" and "college"); `proper`: capitalised names only ("Welk bureau …" asks a name,
    not "het algemeen bestuur")."""
    out = set()
    for m in NAME.finditer(text):
        if proper and not m.group(0)[:1].isupper():
            continue
        out |= {w for w in re.findall(r"[\w&'-]+", fold(m.group(0))) if len(w) > 1 and w not in QUESTION_WORDS}
    return frozenset(out)


def _words(text: str) -> str:
    """A sentence's words without layout: the same sentence in a duplicate document is no rival."""
    return " ".join(w for w in re.findall(r"\w+", fold(text)) if w not in QUESTION_WORDS)
