"""Load the spaCy pipeline for raadslens: one model per process.

`load_nlp()` picks, in order: the `model` argument, the environment variable
`RAADSLENS_SPACY_MODEL` (a package name or a path made with `nlp.to_disk()`),
`nl_core_news_lg` when installed, else `spacy.blank("nl")` with a sentencizer and
a lookup lemmatizer (tables from spacy-lookups-data). The raadslens components
are then added (dates, money, zaaknummers, proposals) unless already present.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_PUNCT, LEMMA, ORTH
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]  # a Cython module without stubs

from raadslens.extract import components  # noqa: F401  (registers the factories)

ENV_VAR = "RAADSLENS_SPACY_MODEL"
DEFAULT_MODEL = "nl_core_news_lg"
BLANK = "blank:nl"


def resolve_model_name(model: str | os.PathLike | None = None) -> str:
    """The model that `load_nlp(model)` will load ("blank:nl" for the fallback)."""
    if model:
        return str(model)
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return DEFAULT_MODEL if spacy.util.is_package(DEFAULT_MODEL) else BLANK


def _fast_lookup(lem) -> None:
    """Make the Dutch lookup lemmatizer set a doc's lemmas in one array pass.

    Same lemmas as `DutchLemmatizer.lookup_lemmatize` (the lowercased text looked up,
    else itself) for tokens without a lemma, but a dict lookup per token on the orth
    hash instead of a Python method call, a table lookup and a string-store write.
    """
    from spacy.lang.nl.lemmatizer import DutchLemmatizer

    if type(lem) is not DutchLemmatizer or lem.mode != "lookup" or lem.overwrite:
        return

    class FastDutchLookupLemmatizer(DutchLemmatizer):
        def __call__(self, doc):
            if not self._validated:
                self._validate_tables(Errors.E1004)
            if not len(doc):
                return doc
            arr = doc.to_array([ORTH, LEMMA])
            cache = self.__dict__.setdefault("_orth_lemma", {})
            strings = doc.vocab.strings
            table = None
            out = []
            # two flat lists: arr.tolist() would build a small list per token
            for orth, lemma in zip(arr[:, 0].tolist(), arr[:, 1].tolist()):
                if lemma:
                    out.append(lemma)
                    continue
                hit = cache.get(orth)
                if hit is None:
                    if table is None:
                        table = self.lookups.get_table("lemma_lookup", {})
                    low = strings[orth].lower()
                    hit = cache[orth] = strings.add(table.get(low, low))
                out.append(hit)
            doc.from_array([LEMMA], numpy.asarray(out, dtype="uint64").reshape(-1, 1))
            return doc

    lem.__class__ = FastDutchLookupLemmatizer


def _fast_sentencizer(sent) -> None:
    """Make the sentencizer's predict read token orths and punct flags as one array
    (same guesses as `Sentencizer.predict`, without a Token object per token)."""
    from spacy.pipeline import Sentencizer

    if type(sent) is not Sentencizer:
        return

    class FastSentencizer(Sentencizer):
        def _punct_orths(self, strings) -> set[int]:
            """The orth ids of `punct_chars` (string hashes: the same in every vocab),
            worked out once rather than per doc."""
            chars = self.punct_chars
            cached = self.__dict__.get("_punct")
            if cached is None or cached[0] is not chars:
                cached = self.__dict__["_punct"] = (chars, {strings[c] for c in chars})
            return cached[1]

        def predict(self, docs):
            guesses = []
            for doc in docs:
                n = len(doc)
                doc_guesses = [False] * n
                if n:
                    punct = self._punct_orths(doc.vocab.strings)
                    start = 0
                    seen_period = False
                    doc_guesses[0] = True
                    arr = doc.to_array([ORTH, IS_PUNCT])
                    orths, puncts = arr[:, 0].tolist(), arr[:, 1].tolist()
                    for i, (orth, is_punct) in enumerate(zip(orths, puncts)):
                        in_punct = orth in punct
                        if seen_period and not is_punct and not in_punct:
                            doc_guesses[start] = True
                            start = i
                            seen_period = False
                        elif in_punct:
                            seen_period = True
                    if start < n:
                        doc_guesses[start] = True
                guesses.append(doc_guesses)
            return guesses

    sent.__class__ = FastSentencizer


def blank_dutch() -> Language:
    """`spacy.blank("nl")` + sentencizer + lookup lemmatizer, initialised."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, OSError, KeyError):  # no spacy-lookups-data: no lemmas
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    _fast_sentencizer(nlp.get_pipe("sentencizer"))
    if "lemmatizer" in nlp.pipe_names:
        _fast_lookup(nlp.get_pipe("lemmatizer"))
    return nlp


def add_raadslens_pipes(nlp: Language) -> Language:
    for name in components.PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def model_pipes(name: str) -> list[str]:
    """The names of the components a saved model (a directory or an installed package) has."""
    if Path(name).exists():
        return list(spacy.util.load_config(Path(name) / "config.cfg")["nlp"]["pipeline"])
    meta = spacy.util.load_meta(spacy.util.get_package_path(name) / "meta.json")
    return list(meta.get("components") or meta.get("pipeline") or [])


@spacy.registry.tokenizers("raadslens.whitespace_tokenizer.v1")
def _whitespace_tokenizer():
    """A tokenizer that splits at whitespace only: no affix rules, no special cases."""
    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)
    return create


_WHITESPACE = {"nlp": {"tokenizer": {"@tokenizers": "raadslens.whitespace_tokenizer.v1"}}}


def build_nlp(model: str | os.PathLike | None = None, *, mentions_only: bool = False) -> Language:
    """A new pipeline (not cached); see `load_nlp`."""
    name = resolve_model_name(model)
    if name == BLANK:
        # mentions only: the Dutch tokenizer's rules are not even built (half of start-up)
        nlp = spacy.blank("nl", config=_WHITESPACE) if mentions_only else blank_dutch()
    else:
        if not Path(name).exists() and not spacy.util.is_package(name):
            raise OSError(
                f"spaCy model {name!r} is neither an installed package nor a directory; "
                f"install it (python -m spacy download {name}) or unset {ENV_VAR}"
            )
        exclude = [p for p in model_pipes(name) if not p.startswith("raadslens_")] if mentions_only else []
        nlp = spacy.load(name, exclude=exclude)
        if mentions_only:
            nlp.tokenizer = Tokenizer(nlp.vocab)
    return add_raadslens_pipes(nlp)


@functools.lru_cache(maxsize=4)
def _cached(name: str, mentions_only: bool) -> Language:
    return build_nlp(name, mentions_only=mentions_only)


def load_nlp(model: str | os.PathLike | None = None, *, mentions_only: bool = False) -> Language:
    """The raadslens pipeline, cached per resolved model name (one per process).

    `mentions_only` leaves out the model's own components (sentencizer and
    lemmatizer; with nl_core_news_lg also tagger, parser, NER and their weights):
    the raadslens components read only the text, so the batch job, which keeps
    nothing but the mentions, need not load them. Its tokenizer splits at whitespace
    only: a span there only carries a mention's exact character offsets
    (`span._.rl_chars`), which no token boundary changes, and the Dutch tokenizer's
    affix rules were a third of the extraction time. The mentions are the same.
    """
    return _cached(resolve_model_name(model), mentions_only)
