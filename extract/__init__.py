"""Extraction stage: dates, amounts, zaaknummers, proposals (and decisions) as Mentions.

    from raadslens.extract.pipeline import extract_pages, extract_text
    mentions = extract_pages([(1, page_one_text), (2, page_two_text)], reference_date)

Modules: `nlp` (load the spaCy pipeline, cached), `pipeline` (pages → Mentions),
`components` (the spaCy factories), `extensions` (span attributes, in one place),
and the plain extractors `dates` (+ `date_rules`), `money`, `zaaknummers`,
`proposals`, `decisions`, with `scan` for shared scanning helpers.
Nothing heavy is imported here.
"""
