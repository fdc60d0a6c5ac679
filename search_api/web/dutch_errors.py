"""Request validation errors (422) in Dutch, naming the parameter: "limit moet een geheel getal zijn".

pydantic's messages are English; its error `type` and `ctx` say what was wrong, so the Dutch
message is built from those. An unknown type keeps a general Dutch sentence with the parameter.
"""

from __future__ import annotations

from typing import Any

WHERE = {"query": "", "path": " (in het pad)", "header": " (header)", "body": " (body)"}


def _name(loc: list[Any] | tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc[1:]] or [str(p) for p in loc]
    return ".".join(parts) or "de invoer"


def _number(v: Any) -> str:
    return str(v).replace(".", ",") if isinstance(v, float) else str(v)


def dutch_message(error: dict[str, Any]) -> str:
    """One pydantic error as a Dutch sentence that starts with the parameter's name."""
    loc = error.get("loc") or ()
    name = _name(loc) + WHERE.get(str(loc[0]) if loc else "", "")
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    templates = {
        "missing": "{n} ontbreekt: deze parameter is verplicht",
        "int_parsing": "{n} moet een geheel getal zijn",
        "int_from_float": "{n} moet een geheel getal zijn",
        "int_type": "{n} moet een geheel getal zijn",
        "float_parsing": "{n} moet een getal zijn (met een punt als decimaalteken)",
        "float_type": "{n} moet een getal zijn",
        "finite_number": "{n} moet een eindig getal zijn (geen inf of nan)",
        "bool_parsing": "{n} moet true of false zijn",
        "greater_than_equal": "{n} moet {ge} of groter zijn",
        "greater_than": "{n} moet groter zijn dan {gt}",
        "less_than_equal": "{n} moet {le} of kleiner zijn",
        "less_than": "{n} moet kleiner zijn dan {lt}",
        "string_too_long": "{n} mag hoogstens {max_length} tekens lang zijn",
        "string_too_short": "{n} moet minstens {min_length} tekens lang zijn",
        "literal_error": "{n} moet een van deze waarden zijn: {expected}",
        "enum": "{n} moet een van deze waarden zijn: {expected}",
        "string_type": "{n} moet tekst zijn",
    }
    if kind == "string_pattern_mismatch":
        if "\\d{4}-\\d{2}-\\d{2}" in str(ctx.get("pattern", "")):
            return f"{name} moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2025-03-26"
        return f"{name} heeft niet de juiste vorm"
    template = templates.get(kind)
    if template is None:
        return f"{name} is ongeldig"
    values = {k: _number(v) for k, v in ctx.items()}
    if "expected" in values:
        values["expected"] = values["expected"].replace("' or '", "', '")
    try:
        return template.format(n=name, **values)
    except (KeyError, IndexError):
        return f"{name} is ongeldig"


def dutch_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The errors with `msg` in Dutch (loc, type, input and ctx kept for programs)."""
    return [{**e, "msg": dutch_message(e)} for e in errors]
