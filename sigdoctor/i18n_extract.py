"""Babel extractor for knowledge/*.toml: each prose field with msgctxt "ID|field".

Registered in pyproject.toml ([tool.babel] mapping method
"sigdoctor.i18n_extract:extract_knowledge"). The English template goes along
as a translator comment, so a translator sees what the user's error said.
"""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .catalog import PROSE_FIELDS, STEP_PROSE_FIELDS, entry_from_dict
from .localized import context


def extract_knowledge(fileobj, keywords, comment_tags, options):
    """Yield (lineno, "pgettext", (msgctxt, msgid), comments) as Babel expects."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    entry = entry_from_dict(data, Path(getattr(fileobj, "name", "entry.toml")))
    if entry.status != "active":
        return  # a retired entry is never shown in full; nothing to translate
    notes = [f"Error message: {t}" for t in entry.templates] or [f"Entry {entry.id} ({entry.kind})"]
    if entry.templates:
        # A rendering of the message itself, so users can search with the wording
        # of a localized doc page; placeholders stay as they are.
        yield 0, "pgettext", (context(entry.id, "message"), entry.templates[0]), \
            [f"Entry {entry.id}: keep every <placeholder>"]
    if entry.keywords:
        yield 0, "pgettext", (context(entry.id, "keywords"), ", ".join(entry.keywords)), \
            ["Search words a user might type, comma-separated: translate freely, add local synonyms"]
    for field in PROSE_FIELDS:
        text = getattr(entry, field)
        if text:
            yield 0, "pgettext", (context(entry.id, field), text), notes
    for step in entry.steps:
        for field in STEP_PROSE_FIELDS:
            text = getattr(step, field)
            if text:
                comments = list(notes)
                for form in (step.az, step.powershell):
                    if form:
                        comments.append(f"Command: {form}")
                yield 0, "pgettext", (context(entry.id, field, step.id), text), comments
