"""English question words in the Dutch the documents use: the vocabulary of public administration,
not of one dossier. An English question about a Dutch document names its subject in English
("the council's decision on the credit"); its terms are looked for in the documents' Dutch words.
A word not listed stays as it is (names, and words both languages share)."""

from __future__ import annotations

# English word (folded) -> the Dutch word(s) documents write for it. Generic words of councils,
# budgets, letters and Woo decisions only; a phrase is matched before its words.
PHRASES = {
    "annual accounts": "jaarrekening", "municipal executive": "college", "provincial executive": "gedeputeerde staten",
    "general board": "algemeen bestuur", "executive board": "dagelijks bestuur", "partial decision": "deelbesluit",
    "investment credit": "investeringskrediet", "core tasks": "kerntaken", "city council": "gemeenteraad",
}
WORDS = {
    "decision": "besluit", "decisions": "besluit", "decided": "besloten", "council": "raad", "councils": "raad",
    "cost": "kost", "costs": "kosten", "year": "jaar", "years": "jaar", "annual": "jaarlijks", "credit": "krediet",
    "agreement": "overeenkomst", "agreements": "afspraken", "ministry": "ministerie", "minister": "minister",
    "committee": "commissie", "contribution": "bijdrage", "investment": "investering", "investments": "investering",
    "publication": "publicatie", "published": "gepubliceerd", "signed": "ondertekend", "letter": "brief",
    "trees": "bomen", "tree": "boom", "felling": "kappen", "result": "resultaat", "capacity": "capaciteit",
    "task": "taak", "tasks": "taken", "saving": "besparing", "savings": "besparing", "budget": "begroting",
    "request": "verzoek", "requests": "verzoek", "meeting": "vergadering", "meetings": "vergadering",
    "report": "rapport", "design": "ontwerp", "technical": "technisch", "version": "versie", "municipality": "gemeente",
    "province": "provincie", "deadline": "termijn", "subsidy": "subsidie", "grant": "subsidie", "amendment":
    "amendement", "motion": "motie", "proposal": "voorstel", "proposals": "voorstellen", "preparatory": "voorbereidings",
    "wind": "wind", "solar": "zonne", "farm": "park", "park": "park", "project": "project", "projects": "project",
    "tax": "belasting", "reserve": "reserve", "balance": "saldo", "income": "baten", "expenditure": "lasten",
    "expenses": "lasten", "support": "ondersteuning", "youth": "jeugd", "care": "zorg", "health": "gezondheid",
    "safety": "veiligheid", "security": "veiligheid", "justice": "justitie", "housing": "wonen", "clinic": "kliniek",
    "clinics": "klinieken", "leave": "verlof", "conditions": "voorwaarden", "condition": "voorwaarde",
    "recommendation": "advies", "advice": "advies", "reappointment": "herbenoeming", "appointment": "benoeming",
    "confidentiality": "vertrouwens", "correspondence": "correspondentie", "documents": "documenten",
    "inventory": "inventarislijst", "period": "periode", "area": "gebied", "areas": "gebieden", "extra": "extra",
    "national": "rijks", "asphalt": "asfalt", "car": "auto", "parks": "parkeerterreinen", "parking": "parkeer",
    "notification": "melding", "notifier": "melder", "programme": "programma", "program": "programma",
    "keep": "handhaven", "maintain": "handhaven", "stop": "stoppen", "end": "beeindigen",
    "postpone": "uitstellen", "postponed": "uitgesteld", "business": "business", "case": "zaak",
}


def to_dutch(words: list[str]) -> list[str]:
    """Folded English words in their Dutch forms, phrases first; unknown words unchanged."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if pair in PHRASES:
            out += PHRASES[pair].split()
            i += 2
            continue
        out += WORDS.get(words[i], words[i]).split()
        i += 1
    return out
