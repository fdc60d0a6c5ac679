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

import spacy
from spacy.language import Language

from extract import components  # noqa: F401  (registers the factories)

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
    return nlp


def add_raadslens_pipes(nlp: Language) -> Language:
    for name in components.PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def build_nlp(model: str | os.PathLike | None = None) -> Language:
    """A new pipeline (not cached); see `load_nlp`."""
    name = resolve_model_name(model)
    if name == BLANK:
        nlp = blank_dutch()
    else:
        if not Path(name).exists() and not spacy.util.is_package(name):
            raise OSError(
                f"spaCy model {name!r} is neither an installed package nor a directory; "
                f"install it (python -m spacy download {name}) or unset {ENV_VAR}"
            )
        nlp = spacy.load(name)
    return add_raadslens_pipes(nlp)


@functools.lru_cache(maxsize=4)
def _cached(name: str) -> Language:
    return build_nlp(name)


def load_nlp(model: str | os.PathLike | None = None) -> Language:
    """The raadslens pipeline, cached per resolved model name (one per process)."""
    return _cached(resolve_model_name(model))
