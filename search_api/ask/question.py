"""A question read in general terms: what kind of fact it asks for, and the words it is about.

Nothing here knows a dossier. The intent comes from the question's own
interrogative and verbs ("hoeveel", "wanneer", "welk kenmerk", "wie"), the
subject terms are the question's remaining content words (stemmed as the index
stems them), and the constraints (a date, a zaaknummer, a version word) are
read from its text. Which documents, pages and facts match is decided later,
by the evidence, never by a table of subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from raadslens.models.months import EN_MONTHS, MONTHS
from raadslens.models.normalize import fold, index_words, stem
from raadslens.search_api.ask.english import to_dutch

# The kinds of fact a question can ask for, tried in order (the first that fits wins):
# more specific forms first, so "Wanneer is X verzonden?" is `published`, not `date`.
INTENT_PATTERNS: list[tuple[str, str]] = [
    ("zaak_about", r"\b(waar gaat|waarover gaat|wat is|what is|what does)\b.*\b(zaak|kenmerk|zaaknummer|"
                   r"verzoeknummer|case|reference)\b.*\b(over|about)\b"),
    ("zaak_documents", r"\b(welke|which)\b.*\b(documenten|stukken|documents|papers)\b.*\b(zaak\w*|kenmerk|case)"),
    ("documents", r"\b(welke|which)\s+(documenten|stukken|brieven|besluiten|documents|letters|papers)\b"),
    # word starts only: a "naamswijziging" is a subject, not a question about versions
    ("changes", r"\bverander|\bgewijzigd|\bwijziging|\bverschil|\bchanged?\b|\bdifference|\bdiffer"),
    ("proposals", r"beslispunt|keuzemogelijkhe|keuzes|\bopties\b|\boptions\b|\bchoices\b|voorstellen liggen"),
    ("zaaknummer", r"zaak\s*nummer|zaaknummer|kenmerk|\breference\b|case\s*number|registratie|dossiernummer|"
                   r"referentie|\bwelk nummer\b|\bwhich number\b|\bgeregistreerd\b"),
    ("who", r"^(wie|who)\b|\b(wie|who)\s|welk(e)? (bureau|organisatie|bedrijf|adviesbureau)|which (firm|agency)"),
    ("published", r"\b(gepubliceerd|verzonden|verstuurd|aangeboden|gedateerd|ingediend|published|sent|dated|"
                  r"submitted)\b|what is the date of|welke datum draagt"),
    ("date", r"\bwanneer\b|\bwhen\b|welke datum|op welke \w*dag\b|welke dagen|welke week|what date|which day|"
             r"tot wanneer|until when|welke periode|which period|what period|\bperiode\b|\bperiod\b"),
    ("total", r"\btotaal|\btotale\b|in totaal|subtotaal|\bsaldo\b|\bin total\b|\btotal\b|\bsum\b"),
    ("amount", r"hoeveel|bedrag|\bkost|bespaar|besparing|oplever|levert .* op|how much|\bcosts?\b|\bsaves?\b|"
               r"saving|financiele effect|financial effect|\braamt\b|\blasten\b|\bbaten\b|\bresultaat\b|"
               r"\bresult\b|krediet|\bbudget|subsidie|vergoeding|\bamounts?\b|^hoe (hoog|groot) (is|zijn|was|waren)\b|"
               r"^how (large|high|big) (is|are|was|were)\b"),
    ("decision", r"besloot|besloten|\bbesluit\b|besluiten|decided?|decision|stemde|\bvoted?\b|vastgesteld|"
                 r"\badvies\b|\badvice\b|\badviseerde|\badviseert|wat doet|what does .* do|ingestemd|aangenomen|"
                 r"\bstelden? .* vast\b|\bafgesproken\b|\bagreed\b"),
]
_INTENTS = [(name, re.compile(p)) for name, p in INTENT_PATTERNS]
ASKS_DECISION = re.compile(r"^(wat|what)\s+(besloot|besloten|heeft .* besloten|hebben .* besloten|decided|did .* decide)\b")

# Words that say what is asked, not what it is about: never subject terms.
_QUESTION_WORDS = """
wat wie wanneer waar waarom hoe hoeveel welk welke waarover wat's op tot van voor met door over in uit
om bij aan naar de het een en of is zijn was waren wordt worden werd werden heeft hebben had hadden
zal zullen zou zouden kan kunnen moet moeten mag mogen wil willen gaat gaan doet doen er dit dat deze
die daar hier nog ook al dan als ten ter te elk elke jaarlijks volgens eerst eerste
hij zij ze wij we u jij je hun hen haar zijn mijn ons onze uw jullie zich
what who when where why how which whose does do did is are was were the a an of for to in on at by
from with about and or will would can could should must has have had been be it its this that these
those there their they any per each between tussen after before
"""
_INTENT_WORDS = """
datum dag dagen week periode bedrag bedragen kost kosten nummer zaaknummer kenmerk registratie referentie
date day days period amount number reference case gepubliceerd verzonden verstuurd gedateerd dated sent
published changed change changes veranderde veranderd versie versies version versions verschil
"""
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
INTENT_WORDS = frozenset(_INTENT_WORDS.split())
ZAAK_IN_QUESTION = re.compile(  # the longest form first: "20240801 00131 000" is one number
    r"\b(\d{8} \d{5} \d{3}|\d{6,8}|[A-Z]{1,4}\d{2}[-.]\d{3,6}(?:/[A-Z]+-\d{2}-\d{3,6})?|Z/\d{2}/\d{4,}|"
    r"Z-\d{2}-\d{4,}|[A-Z]{1,3}\d{4}-\d{4,8}|\d{4}-\d{3,6})\b")
ABBREVIATION = re.compile(r"\b([A-Z][A-Z&]{1,6})\b")
ENGLISH = re.compile(r"\b(what|which|when|how|does|do|did|the|documents?|amounts?|between|versions?|"
                     r"changed?|belong|will|much|save|find|search|where|report|who|whose|is|of|was|were|are|would|must|to|for|"
                     r"on|at|by|and)\b", re.I)
CONCEPT = re.compile(r"\bconcept|\bdraft\b|\beerste versie\b|\bfirst version\b")
HAPPENED = re.compile(r"\b(besloot|besloten|heeft|hebben|had|is .* genomen|nam|did|decided|was|were|"
                      r"vond .* plaats|ontving|diende|stelde|sprak)\b")


# The event a "wanneer" question asks the date of is its verb ("Wanneer ontving …", "Wanneer is …
# bevestigd?"): the date's own sentence must name it. Verbs that name no event of their own:
_AUXILIARY_WORDS = """
is zijn was waren wordt worden werd werden heeft hebben had hadden zal zullen zou zouden kan kunnen
moet moeten mag mogen wil willen gaat gaan ging gingen komt komen kwam kwamen vindt vinden vond vonden
staat staan stond stonden ligt liggen lag lagen krijgt krijgen kreeg kregen doet doen deed deden
houdt houden hield hielden loopt lopen liep liepen geldt gelden gold golden
"""
_AUXILIARY = frozenset(_AUXILIARY_WORDS.split())
# Irregular Dutch verbs: every root their forms share ("ontving" is "ontvangen", "besloten" is "besluit").
_IRREGULAR = {
    "ontving": "ontv", "ontvingen": "ontv", "besloot": "beslo|beslu", "besloten": "beslo|beslu",
    "besluit": "beslo|beslu", "besluiten": "beslo|beslu", "neemt": "nam|neem|nom|nem", "nemen": "nam|neem|nom|nem",
    "nam": "nam|neem|nom|nem", "namen": "nam|neem|nom|nem", "genomen": "nam|neem|nom|nem",
    "sprak": "sprak|spreek|sprok|sprek", "spraken": "sprak|spreek|sprok|sprek", "gesproken": "sprak|spreek|sprok|sprek",
    "trad": "trad|treed|tred", "traden": "trad|treed|tred", "bood": "bood|bied|bod", "boden": "bood|bied|bod",
    "verzond": "verzond|verzend|verstuur", "verzonden": "verzond|verzend|verstuur", "zond": "zond|zend",
    "gaf": "gaf|geef|gev", "gaven": "gaf|geef|gev", "koos": "koos|kies|koz", "kozen": "koos|kies|koz",
    "begon": "begon|begin", "begonnen": "begon|begin", "schreef": "schreef|schrijf|schrev",
    "schreven": "schreef|schrijf|schrev", "sloot": "sloot|sluit|slot", "sloten": "sloot|sluit|slot",
    "sluit": "sloot|sluit|slot", "sluiten": "sloot|sluit|slot", "gesloten": "sloot|sluit|slot",
}
_LIGHT = frozenset(["neemt", "nemen", "nam", "namen", "genomen"])  # verbs whose noun names the event
_WH_DATE = re.compile(r"\b(?:wanneer|op welke (?:datum|dag|dagen)|in welke (?:week|maand|periode))\s+(\w+)")
_VERB_SUFFIX = re.compile(r"(?:den|ten|de|te|en|d|t)$")


_NOUN_BEFORE = frozenset(["de", "het", "een", "van", "met", "over", "voor", "naar", "bij", "aan", "op", "in", "uit",
                          "deze", "dit", "die", "dat", "haar", "zijn", "hun", "uw", "onze", "ons", "door", "tot"])
_PARTICLES = frozenset(["plaats", "in", "op", "aan", "af", "uit", "vast", "door", "mee", "voor", "over", "toe",
                        "terug", "bij"])


def event_roots(text: str) -> tuple[str, ...]:
    """The roots of the verb a Dutch date question asks about, or () when it names no event of its own:
    the word after "wanneer"; after an auxiliary, the question's last word (Dutch puts the participle
    or infinitive last: "Wanneer is de ontvangst … bevestigd?"), names and particles skipped."""
    return _roots_after(text, _WH_DATE, skip_nouns=True)


def verb_roots(text: str) -> tuple[str, ...]:
    """The roots of the verb a Dutch who-question asks about ("Wie besloot …", "Wie heeft … opgesteld?",
    "Met wie sluit …"), read as event_roots reads a date question's; () for English or none."""
    return _roots_after(text, _WH_WHO)


_WH_WHO = re.compile(r"\b(?:wie|welke? (?:bureau|organisatie|bedrijf|adviesbureau|partij))\s+(\w+)")


def _roots_after(text: str, wh_rx: re.Pattern[str], skip_nouns: bool = False) -> tuple[str, ...]:
    m = wh_rx.search(fold(text))
    if not m:
        return ()
    verb = m.group(1)
    if verb in _AUXILIARY or verb in QUESTION_WORDS:
        wh = re.compile(wh_rx.pattern, re.I).search(text)
        # a date question's last words are often a noun phrase: a word right after an article or a
        # preposition is a noun ("… beginnen met het verwijderen van de bomen?" asks when it begins)
        words = re.findall(r"[^\W\d_]+", text[wh.end():] if wh else "")
        content = [(i, w) for i, w in enumerate(words)
                   if not w[0].isupper() and fold(w) not in QUESTION_WORDS and fold(w) not in _AUXILIARY]
        # … unless it is all there is ("Op welke dag was de bestuurdersdag?": the event is the noun's)
        tail = [w for i, w in content if not (skip_nouns and i and fold(words[i - 1]) in _NOUN_BEFORE)] or \
            [w for _, w in content]
        if not tail or fold(tail[-1]) in _PARTICLES:
            return ()
        verb = fold(tail[-1])
    if verb in _LIGHT:  # "neemt … een besluit": the event is the noun's ("besluiten"), or the verb's own
        noun = re.search(r"\been\s+(\w+)", fold(text)[m.end():])
        if noun and noun.group(1) in _IRREGULAR:
            return tuple(_IRREGULAR[verb].split("|")) + tuple(_IRREGULAR[noun.group(1)].split("|"))
    if verb in _IRREGULAR:
        return tuple(_IRREGULAR[verb].split("|"))
    root = _VERB_SUFFIX.sub("", verb)
    if root.startswith("ge") and len(root) > 6:
        root = root[2:]
    return (root,) if len(root) >= 4 else ()


EVENT_PREFIX = 6  # letters a verb form may have before its root ("inge|diend", "vastge|steld"), not a compound's


def names_event(roots: tuple[str, ...], line: str) -> bool:
    """Whether a sentence holds one of the event's roots at the start of a word, after at most a verb's
    prefixes ("ingediend" holds "dien"; "voorbereidingsbesluit" is a noun, not "besloten")."""
    words = re.findall(r"[a-z]+", fold(line))
    return any(verb_form(w, r) for r in roots for w in words)


EVENT_SUFFIX = 5  # letters a verb form may have after its root ("beslu|iten", "ontv|angen"), not a compound's


def verb_form(word: str, root: str) -> bool:
    """Whether a word can be a form of the verb with this root: the root after at most a verb's prefixes
    and before at most its endings ("ingediend", "besloten"; not "voorbereidingsbesluit", "besluitvorming")."""
    i = word.find(root)
    return 0 <= i <= EVENT_PREFIX and len(word) - i - len(root) <= EVENT_SUFFIX


# A date question that asks for a limit, and the words by which a sentence states one.
DEADLINE_ASKED = re.compile(r"\btot wanneer\b|\buiterlijk\b|\buiterste\b|\bdeadline\b|\buntil when\b|\bby when\b|"
                            r"\bbeslistermijn\b")
DEADLINE_SAID = re.compile(r"\buiterlijk|\buiterste|\bdeadline|\btermijn|\btot\b|\bvoor\b|\bverdaagd|\buntil\b|"
                           r"\bby\b|\bbefore\b")


_MONTH_NUMBER = {**MONTHS, **EN_MONTHS}
_MONTH_WORD = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_DAY_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_WORD})\.?\s+(\d{{4}})\b|\b(\d{{1,2}})-(\d{{1,2}})-(\d{{4}})\b")


def question_dates(text: str) -> list[str]:
    """The whole days a question names ("op 24 mei 2022", "of 16 October 2020", "d.d. 10-12-2024")."""
    out = []
    for m in _DAY_DATE.finditer(fold(text)):
        if m.group(1):
            day, month, year = int(m.group(1)), _MONTH_NUMBER[m.group(2)], int(m.group(3))
        else:
            day, month, year = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if 1 <= day <= 31 and 1 <= month <= 12:
            out.append(f"{year:04d}-{month:02d}-{day:02d}")
    return out


_NAME = re.compile(r"(?<![\w-])([A-Z][a-z\u00e0-\u00ff]+(?:-[A-Za-z][a-z\u00e0-\u00ff]+)*)")


def question_names(text: str) -> list[str]:
    """The stems of the capitalised words inside the question (not its first word, not a month or a
    question word): the people, places and projects it is about ("raadslid Hendrickx", "de Meervaart")."""
    out: list[str] = []
    for m in _NAME.finditer(text):
        if m.start() == 0 or not text[:m.start()].strip():
            continue
        for w in index_words(m.group(1)):
            if w in QUESTION_WORDS or w in INTENT_WORDS or w in _MONTH_NUMBER or len(w) < 3:
                continue
            s = stem(w)
            if s not in out:
                out.append(s)
    return out


# A person the question names by a role ("raadslid Hendrickx", "wethouder Van Dolder", "de heer H. Jansen").
_PERSON = re.compile(r"\b(?:raadslid|raadsleden|wethouder|gedeputeerde|burgemeester|minister|staatssecretaris|"
                     r"griffier|secretaris|voorzitter|de heer|mevrouw|dhr\.?|mw\.?|mevr\.?|councillor|alderman|"
                     r"mayor|mr\.?|mrs\.?|ms\.?)\s+((?:[A-Z]\.\s*)*(?:(?:van|de|der|den|ter|Van|De)\s+)*"
                     r"[A-Z][\w\u00e0-\u00ff]+(?:-[A-Za-z][\w\u00e0-\u00ff]+)*)")


def question_persons(text: str) -> list[str]:
    """The stems of the surnames of the people the question names by their role: the one who asked,
    spoke or wrote ("Wanneer stelde raadslid Hendrickx vragen …"); a fact about another person is
    another answer."""
    out: list[str] = []
    for m in _PERSON.finditer(text):
        words = [w for w in index_words(m.group(1)) if w not in ("van", "de", "der", "den", "ter") and len(w) > 2]
        for w in words:
            s = stem(w)
            if s not in out:
                out.append(s)
    return out


# An identifier the question names: an amendment's or a motion's code ("A8.1", "M12"), or a numbered
# table, article or section ("tabel 12.5", "artikel 1.1"); a whole date or a zaaknummer is read apart.
_CODE = re.compile(r"(?<![\w.-])[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})*(?![\w-]|\.\d)")
_NUMBERED = re.compile(r"\b(?:tabel|table|artikel|article|versie|version)\s+(\d{1,3}(?:\.\d{1,3})+)(?![\w-]|\.\d)", re.I)


def question_codes(text: str) -> list[str]:
    """The identifiers a question names ("het amendement A8.1", "tabel 12.5"): the fact must be near one."""
    plain = _DAY_DATE.sub(" ", text)
    codes = [m.group(0) for m in _CODE.finditer(plain) if not re.fullmatch(r"[QK][1-4]", m.group(0))]
    return codes + [m.group(1) for m in _NUMBERED.finditer(plain)]


# After "hoeveel": words of money and its verbs; a plural noun or a unit of another kind asks a count.
_MONEY_AFTER_WORDS = """
kost kosten bespaart besparen bespaar levert leveren bedraagt bedragen ontvangt ontvangen betaalt betalen
krijgt krijgen raamt ramen trekt trekken is zijn wordt worden was waren geld euro budget krediet subsidie
extra meer minder hoger lager geeft geven vraagt vragen stelt stellen gaat gaan heeft hebben moet moeten mag
kan zal zullen bijdrage bijdragen investeringskrediet vergoeding middelen geraamd begroot uitgetrokken
"""
_MONEY_AFTER = frozenset(_MONEY_AFTER_WORDS.split())
_MEASURES_WORDS = """
hectare ha meter m2 km kilometer procent gwh mwh mw twh kwh fte uur uren dag dagen week weken maand maanden
jaar jaren keer stuks
"""
_MEASURES = frozenset(_MEASURES_WORDS.split())


def asks_count(text: str) -> bool:
    """Whether an amount question asks how many things ("Hoeveel stemmen kreeg de motie?", "How many
    wind turbines …") or a measure ("Voor hoeveel GWh …"), which no euro amount answers."""
    f = fold(text)
    if re.search(r"\bhow many\b", f):
        return True
    m = re.search(r"\bhoeveel\s+(\w+)", f)
    if not m:
        return False
    w = m.group(1)
    singular = {w[:-2], w[:-1]}  # "kredieten", "subsidies": money all the same
    return w in _MEASURES or (w not in _MONEY_AFTER and not singular & _MONEY_AFTER and len(w) > 3
                              and w.endswith(("en", "s")))


@dataclass
class Question:
    text: str
    intent: str
    language: str
    terms: list[str]  # stemmed subject terms, in question order
    words: list[str] = field(default_factory=list)  # the same terms as written (folded)
    abbreviations: list[str] = field(default_factory=list)
    zaak: str | None = None  # a zaaknummer written in the question
    concept: bool = False  # the question asks for a draft / concept version
    past: bool = False  # the question asks what happened, not what is planned
    saving: bool = False
    event: tuple[str, ...] = ()  # the roots of the verb a date question asks about (event_roots)
    dates: list[str] = field(default_factory=list)  # whole days the question names (question_dates)
    names: list[str] = field(default_factory=list)  # stems of the proper names it names (question_names)
    persons: list[str] = field(default_factory=list)  # surnames named by a role (question_persons)
    codes: list[str] = field(default_factory=list)  # identifiers it names (question_codes)
    count: bool = False  # "hoeveel stemmen", "how many": a number of things, not an amount of money
    deadline: bool = False  # "tot wanneer", "uiterlijk", "by when": the date asked is a limit (asks_deadline)

    def as_dict(self) -> dict[str, Any]:
        return {"intent": self.intent, "language": self.language, "terms": self.words,
                **({"zaak": self.zaak} if self.zaak else {}), **({"version": "concept"} if self.concept else {}),
                "tense": "past" if self.past else "present"}


ZAAK_ONLY_WORDS = 2  # content words beside a zaaknummer for a question with no intent word to be about the number


def _content_words(text: str, zaak: str) -> list[str]:
    """The question's words that are neither question words nor the zaaknummer's own parts: a question
    that asks something else about a numbered zaak ("Welke boomsoorten … verzoeknummer 2024…") has many."""
    skip = set(index_words(fold(zaak)))
    return [w for w in index_words(fold(text)) if w not in QUESTION_WORDS and w not in INTENT_WORDS
            and w not in skip and w not in ("zaak", "nummer", "over", "gaat")]


class NotAQuestion(ValueError):
    """The text asks for no fact raadslens can look for (no intent found)."""


def read_question(text: str) -> Question:
    f = fold(text)
    intent = next((name for name, rx in _INTENTS if rx.search(f)), None)
    zaak_m = ZAAK_IN_QUESTION.search(text)
    if intent in ("total", "amount") and ASKS_DECISION.search(f):
        intent = "decision"  # "Wat besloot het college over de subsidieplafonds?" asks the decision
    if zaak_m and re.search(r"\b(waar|waarover) gaat\b.*\bover\b|\bwhat is .* about\b", f):
        intent = "zaak_about"
    if intent is None and zaak_m and len(_content_words(text, zaak_m.group(1))) <= ZAAK_ONLY_WORDS:
        intent = "zaak_about"  # "Zaak 3825997?", "Wat is Z/23/091234?": the number is the question
    if intent in ("zaak_about", "zaak_documents") and not zaak_m:
        intent = "zaaknummer" if intent == "zaak_about" else "documents"
    if re.match(r"\s*(waarom|why)\b", f):
        intent = None  # a reason is no fact raadslens extracts: a decision's words would be a guess
    if intent is None:
        raise NotAQuestion(text)
    language = "en" if len(ENGLISH.findall(text)) >= 2 and not re.search(r"\b(het|de|een|van|welk\w*)\b", f) \
        else "nl"
    words, terms = [], []
    # a whole day the question names is a constraint on the pages (evidence.dated_pages), not a subject
    subject_text = _DAY_DATE.sub(" ", fold(text))
    subject_words = index_words(subject_text)
    if language == "en":  # the documents are Dutch: an English subject is looked for in its Dutch words
        subject_words = to_dutch([w for w in subject_words if w not in QUESTION_WORDS and w not in INTENT_WORDS])
    for w in subject_words:
        if w in QUESTION_WORDS or w in INTENT_WORDS or len(w) < 2:
            continue
        if zaak_m and w in fold(zaak_m.group(1)).split():
            continue
        s = stem(w)
        if s not in terms:
            words.append(w)
            terms.append(s)
    return Question(
        text=text, intent=intent, language=language, terms=terms, words=words,
        abbreviations=[a for a in ABBREVIATION.findall(text) if a not in ("EN", "OF", "IN")],
        zaak=zaak_m.group(1) if zaak_m else None, concept=bool(CONCEPT.search(f)),
        past=bool(HAPPENED.search(f)),
        event=event_roots(text) if language == "nl" else (), dates=question_dates(text),
        names=question_names(text), persons=question_persons(text), codes=question_codes(text), count=asks_count(text), deadline=bool(DEADLINE_ASKED.search(f)),
        saving=bool(re.search(r"bespaar|besparing|bezuinig|oplever|levert .* op|\bsaves?\b|saving|stoppen|"
                              r"stopping|beeindig", f)),
    )
