"""The Dutch calendar words, for every stage that reads dates: month names and abbreviations,
written day numbers, ordinals and seasons.

Letter metadata (`ingest`) and date mentions (`extract`) read the same months, so
"febr." or "okt" means the same month in a letter's Datum field and in its text.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# each month's full name: its first spelling above ("januari" … "december")
MONTH_NAMES: list[str] = [next(k for k, v in MONTHS.items() if v == m) for m in range(1, 13)]

# the English month names that differ from every Dutch form above (questions may be English)
EN_MONTHS: dict[str, int] = {"january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
                             "august": 8, "october": 10}

ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3,
    "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4,
}
_UNITS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
          "achttien", "negentien"]


def _ordinal(word: str) -> str:
    """"twee" → "tweede", "twintig" → "twintigste", "acht" → "achtste"."""
    if word in ("een", "drie"):
        return {"een": "eerste", "drie": "derde"}[word]
    return word + ("ste" if word.endswith(("tig", "acht")) else "de")


def _day_words() -> dict[str, int]:
    """Written day numbers 2-31, cardinal and ordinal ("twaalf", "veertiende",
    "eenentwintigste"). "een" alone is left out: "een maart-vergadering" is no date."""
    cardinals = {w: i for i, w in enumerate(_UNITS + _TEENS, 1)}
    for tens, base in (("twintig", 20), ("dertig", 30)):
        cardinals[tens] = base
        for i, u in enumerate(_UNITS[: 9 if base == 20 else 1], 1):
            cardinals[u + ("ën" if u.endswith("e") else "en") + tens] = base + i
    out = {_ordinal(w): n for w, n in cardinals.items()}
    out.update({w: n for w, n in cardinals.items() if w != "een"})
    return out


DAY_WORDS = _day_words()
SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11),
           "herfst": (9, 11), "winter": (12, 14)}
