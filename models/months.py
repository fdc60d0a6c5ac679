"""The one table of Dutch month names and abbreviations, for every stage that reads dates.

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
