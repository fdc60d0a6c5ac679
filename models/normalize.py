"""Text normalisation for the index: the same for documents and for queries.

Words are lower-cased, diacritics are folded ("geïnformeerd" → "geinformeerd") and
each word is reduced with the Snowball "dutch" stemmer (PyStemmer), so
"meldingen" and "melding" meet in the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)

_stemmer = Stemmer.Stemmer("dutch")


_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case and strip diacritics (works on whole pages: one pass, no per-character Python)."""
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.lower()))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Stem one word (already a single \\w+ token)."""
    return _stemmer.stemWord(fold(word))


def stem_text(text: str) -> str:
    """The text as the index stores it: stemmed, folded words separated by spaces."""
    return stem_words(index_words(text))


def index_words(text: str) -> list[str]:
    """The folded words of a text, as the index and the version shingles see them."""
    return WORD_RE.findall(fold(text))


def stem_words(words: list[str]) -> str:
    return " ".join(_stemmer.stemWords(words))


def index_tokens(stemmed: str) -> list[str]:
    """The tokens FTS5 (unicode61) makes of stemmed text: its words, split again at "_"."""
    return stemmed.replace("_", " ").split()
