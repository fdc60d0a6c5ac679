"""Is a page's text layer usable? A score from how word-like and how Dutch its text is.

A layer made with Type 3 fonts without a Unicode map (seen in a municipal annual account)
has plenty of characters but they are control codes or random letters; the mere
presence of characters says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

COMMON = frozenset(
    ["de", "het", "een", "en", "van", "in", "op", "te", "is", "dat", "voor", "met", "zijn", "niet", "aan", "er", "om", "als", "ook", "door", "bij", "of", "naar", "uit", "over", "tot", "dan", "die", "dit", "deze", "wordt", "worden", "werd", "kan", "kunnen", "zal", "zullen", "moet", "heeft", "hebben", "was", "waren", "nog", "wel", "geen", "meer", "al", "maar", "wat", "wij", "we", "u", "uw", "hij", "zij", "ze", "ons", "onze", "zich", "hun", "haar", "hem", "men", "jaar", "jaren", "gemeente", "raad", "college", "per", "na", "onder", "tussen", "zoals", "andere", "alle", "ook", "binnen", "totaal", "euro", "begroting", "besluit", "artikel", "pagina", "datum", "the", "of", "and", "to", "be", "is", "are", "for"]
)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[^\s\w!-/:-@\[-`{-~\u00a0-\u024f\u2010-\u2044\u20ac\u2022\u25aa-\u25cf]")
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")


@dataclass(frozen=True)
class Quality:
    chars: int  # non-space characters
    printable: float  # share of non-space characters that are printable
    wordlike: float  # share of letter tokens that look like words
    common: float  # share of letter tokens that are common Dutch/English words
    score: float  # 0..1

    def describe(self) -> str:
        return (
            f"{self.chars} chars, {self.printable:.0%} printable, {self.wordlike:.0%} word-like,"
            f" {self.common:.0%} common words, score {self.score:.2f}"
        )


@lru_cache(maxsize=1 << 16)
def _wordlike(tok: str) -> bool:
    low = tok.lower()
    if len(low) == 1:
        return low in "aeiou"
    if len(low) > 25:
        return False
    has_vowel = any(c in _VOWELS for c in low)
    mixed = not (tok.islower() or tok.isupper() or tok.istitle())
    return has_vowel and not mixed


def text_quality(text: str) -> Quality:
    text = text[:4000]  # enough to judge a page
    n = sum(map(len, text.split()))  # non-space characters (str.split and \s agree on whitespace)
    if not n:
        return Quality(0, 0.0, 0.0, 0.0, 0.0)
    printable = 1.0 - len(_CONTROL.findall(text)) / n
    tokens = _TOKEN.findall(text, 0, 2500)[:250]
    nonspace = range(n)
    if not tokens:
        # numbers only (a table page) are fine if they are printable
        return Quality(len(nonspace), printable, 0.0, 0.0, printable * 0.6)
    wordlike = sum(map(_wordlike, tokens)) / len(tokens)
    common = sum(map(COMMON.__contains__, map(str.lower, tokens))) / len(tokens)
    score = printable * (0.6 * wordlike + 0.4 * min(1.0, common / 0.15))
    return Quality(len(nonspace), printable, wordlike, common, round(score, 3))


def usable(q: Quality) -> bool:
    """A text layer worth keeping: enough characters and a decent score."""
    if q.chars < 20:
        return False
    return q.score >= 0.45
