"""English message templates -> tolerant, bounded regular expressions.

A template is Azure's wording with `<name>` placeholders. The compiled pattern
tolerates what pastes do to text (whitespace runs, optional quotes, trailing
period, case) and captures each placeholder by name.

Linear time on any input, with Python 3.10's `re` (no atomic groups):
- every quantifier is bounded;
- a placeholder's value may not run past the start of the text that follows
  it (a "tempered" repetition), so from a given start each placeholder has one
  possible end, and a failed attempt never retries combinations of ends;
- a placeholder that begins the template starts only at a word boundary and
  takes no spaces, so not every position of the input is a candidate start.
tests/benchmarks/patterns.py measures this on adversarial input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PLACEHOLDER = re.compile(r"<([A-Za-z][A-Za-z0-9_]*)>")
PROSE_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = "'\"\u2018\u2019\u201c\u201d`"
_QUOTE_CLASS = "[" + re.escape(_QUOTES) + "]"
MAX_VALUE = 400  # longest placeholder value we capture (resource ids are < 300)


# Between words, and around values, any run of white space and quotes: re-wrapped pastes
# add and lose spaces, and values arrive quoted or not. One class, so never two ways to match.
_QUOTE_CHARS = re.escape(_QUOTES)
_SEP_CHARS = r"\s" + _QUOTE_CHARS
_SEP = f"[{_SEP_CHARS}]{{0,16}}"
_ANY = r"[^\n]"
_NEXT_CHARS = 40  # how much of the following text a placeholder checks it does not run into
_BOUNDARY = f"(?<![^{_SEP_CHARS}(\\[{{:,;=])"  # start of input or after a separator
_SEPARATORS = re.compile(f"[{_SEP_CHARS}]+")


def _value_class(name: str) -> tuple[str, int]:
    """The characters a placeholder's value may hold (a negated class body), and how many."""
    lowered = name.lower()
    if lowered.endswith("name") or lowered in {"resourcegroup", "character"}:
        # Names never contain a slash or white space; this keeps a gallery name
        # from swallowing "gallery/definition".
        return r"\s/'\"", 260
    if lowered.startswith(("region", "location", "sourceregion")) or lowered in {"number", "lun"}:
        return r"\s'\"\],;", 80
    return r"\n", MAX_VALUE


def _value(name: str, follows: str | None, leading: bool) -> str:
    """A value: never starts with a separator, never runs into the text after it."""
    excluded, most = _value_class(name)
    first = f"[^{_SEP_CHARS}{excluded}]"
    if leading:
        # One word from a word boundary: otherwise every position of the input
        # would be a candidate start.
        return f"{_BOUNDARY}{first}[^{_SEP_CHARS}]{{0,{most - 1}}}"
    if follows is None and excluded == r"\n":
        # Last in the template: the rest of the sentence up to a quote, not its final period.
        return f"{first}(?:(?!\\.\\s)[^{_QUOTE_CHARS}\\n]){{0,{most - 2}}}[^{_SEP_CHARS}.]|{first}"
    if follows is None:
        return f"{first}[^{excluded}]{{0,{most - 1}}}"
    return f"{first}(?:(?!{follows})[^{excluded}]){{0,{most - 1}}}?"


def _literal(text: str) -> str:
    """Fixed wording: words as they are (any case), runs of spaces and quotes as _SEP."""
    out = []
    for i, token in enumerate(_SEPARATORS.split(text)):
        if i:
            out.append(_SEP)
        out.append(re.escape(token))
    return "".join(out)


def _follows(part: str | None) -> str | None:
    """The start of the text after a placeholder, as its tempering lookahead; None if there is none."""
    if part is None or part == "…" or PLACEHOLDER.fullmatch(part):
        return None
    head = _SEPARATORS.sub(" ", part).strip()[:_NEXT_CHARS]
    return _SEP + _literal(head) if head else None


def _opening(parts: list[str]) -> str | None:
    """The template's first words (then a separator, if the template has one there)."""
    head = _SEPARATORS.sub(" ", parts[0]).strip()[:_NEXT_CHARS] if parts else ""
    if not head or PLACEHOLDER.fullmatch(parts[0]) or parts[0] == "…":
        return None
    ends_apart = len(head) < _NEXT_CHARS and parts[0][-1:] in _QUOTES + " \t"
    return _literal(head) + (f"[{_SEP_CHARS}]" if ends_apart else "")


def _next_text(parts: list[str], i: int) -> str | None:
    """The part a placeholder at parts[i] runs up to; an ellipsis in between is skipped."""
    for part in parts[i + 1:i + 3]:
        if part != "…":
            return part
    return None


@dataclass
class CompiledTemplate:
    template: str
    source: str  # the regular expression, compiled on first use (most templates never run)
    placeholders: tuple[str, ...]
    group_names: dict[str, str]  # regex group -> placeholder name
    literal_chars: int  # how much fixed text the template has: its specificity
    anchor: str  # longest literal word run, lowercase: a cheap pre-filter
    normalized: str  # wording without placeholders, for fuzzy matching and duplicate checks
    _pattern: re.Pattern | None = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            self._pattern = re.compile(self.source, re.IGNORECASE | re.DOTALL)
        return self._pattern


def placeholders_of(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def normalize_words(text: str) -> str:
    """Lowercase words only: the shape two templates are compared in."""
    text = PLACEHOLDER.sub(" ", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


@lru_cache(maxsize=2048)
def compile_template(template: str) -> CompiledTemplate:
    body = template.strip()
    body = _ELLIPSIS.sub(" … ", body).strip()
    if body.endswith("…"):
        body = body[:-1].rstrip()  # "…" at the end: anything may follow, search needs nothing
    body = body.rstrip(". ")
    parts = [p for p in re.split(r"(<[A-Za-z][A-Za-z0-9_]*>|…)", body) if p]
    regex: list[str] = []
    names: list[str] = []
    groups: dict[str, str] = {}
    literal_chars = 0
    literals: list[str] = []
    opening = _opening(parts)
    for i, part in enumerate(parts):
        follows = _follows(_next_text(parts, i))
        if opening:
            # Nor may a value run into the message's own opening words: on input that repeats
            # them, each start then costs the distance to the next one, not MAX_VALUE.
            follows = f"{follows}|{opening}" if follows else None
        m = PLACEHOLDER.fullmatch(part)
        if m:
            name = m.group(1)
            group = f"p{len(groups)}"
            groups[group] = name
            if name not in names:
                names.append(name)
            leading = not any(_SEPARATORS.sub("", lit) for lit in literals)
            regex.append(f"{_SEP}(?P<{group}>{_value(name, follows, leading)}){_SEP}")
        elif part == "…":
            gap = f"(?:(?!{follows}){_ANY})" if follows else _ANY
            regex.append(f"{_SEP}(?:[^{_SEP_CHARS}]{gap}{{0,{MAX_VALUE - 1}}}?)?{_SEP}")
        else:
            regex.append(_literal(part))
            literal_chars += len(part.strip())
            literals.append(part)
    # Runs of separators where two parts meet collapse into one: one way to match them.
    source = re.sub(f"(?:{re.escape(_SEP)})+", lambda _: _SEP, "".join(regex)) + r"\.?"
    source = source.removeprefix(_SEP)  # a leading one would only make every position a start
    if re.match(r"\w", body):
        source = r"\b" + source  # "Source …" must not start inside "Resource"
    words = [w for lit in literals for w in re.findall(r"[A-Za-z0-9]{3,}", lit)]
    anchor = max(words, key=len).lower() if words else ""
    return CompiledTemplate(
        template=template,
        source=source,
        placeholders=tuple(names),
        group_names=groups,
        literal_chars=literal_chars,
        anchor=anchor,
        normalized=normalize_words(template),
    )


def captures(compiled: CompiledTemplate, match: re.Match) -> dict[str, str]:
    """Placeholder values from a match; the first occurrence of a name wins."""
    values: dict[str, str] = {}
    for group, name in compiled.group_names.items():
        value = match.group(group)
        if value is not None and name not in values:
            values[name] = value.strip().strip(_QUOTES).strip()
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """Put known values into {placeholders}; unknown ones show as <name>."""
    return PROSE_PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or f"<{m.group(1)}>", text)
