"""Helpers for the hardening tests: the seeded logs, and finding a secret in any output."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).parents[1] / "data" / "corpus"
WINDOW = 12  # a secret leaks if any 12 characters of it in a row appear


def seeded_logs() -> dict[str, dict]:
    """Our logs: file name -> {"secrets": [...], "ids": [...]}."""
    with open(DATA / "secrets.toml", "rb") as fh:
        return tomllib.load(fh)


# The corpus manifest names the kinds of secret a log holds, not their values; these
# patterns (written apart from sigdoctor's own) find the values so the tests can look for them.
_CORPUS_SECRETS = {
    "jwt": r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    "aux-token": r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    "sas": r"[?&]sig=([^&'\"\s]+)",
    "account-key": r"AccountKey=([^;'\"\s]+)",
    "client-secret": r"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
    "password": r"(?:ConvertTo-SecureString\s+'([^']+)'|\"adminPassword\":\s*\"([^\"]+)\"|"
                r"'--admin-password',\s*'([^']+)'|--admin-password\s+([^\s{'-]\S*))",
}


def corpus_logs() -> dict[str, list[str]]:
    """Corpus logs marked with `secrets` in tests/data/corpus/manifest.toml -> the secret values in them."""
    manifest = CORPUS / "manifest.toml"
    if not manifest.exists():
        return {}
    with open(manifest, "rb") as fh:
        cases = tomllib.load(fh).get("case", [])
    found: dict[str, list[str]] = {}
    for case in cases:
        if not case.get("secrets"):
            continue
        text = (CORPUS / case["file"]).read_text(encoding="utf-8", errors="replace")
        values: set[str] = set()
        for kind in case["secrets"]:
            for m in re.finditer(_CORPUS_SECRETS.get(kind, r"(?!)"), text):
                value = next((g for g in m.groups() if g), None) if m.groups() else m.group(0)
                if value and value not in ("{}", "*****", "REDACTED") and not value.startswith("[parameters("):
                    values.add(value)
        found[case["file"]] = sorted(values)
    return found


def _forms(secret: str) -> set[str]:
    """The secret as it may be written: raw, JSON-escaped once or twice, Python-repr-escaped."""
    once = json.dumps(secret)[1:-1]
    return {secret, once, json.dumps(once)[1:-1], repr(secret)[1:-1]}


def leak(secret: str, text: str) -> str | None:
    """The piece of `secret` that `text` shows, or None."""
    for form in _forms(secret):
        size = min(WINDOW, len(form))
        for i in range(len(form) - size + 1):
            if form[i:i + size] in text:
                return form[i:i + size]
    return None


def strings_of(document) -> str:
    """Every string in a JSON document, decoded, one per line: what a reader of the JSON sees."""
    if isinstance(document, str):
        return document
    if isinstance(document, dict):
        return "\n".join(strings_of(k) + "\n" + strings_of(v) for k, v in document.items())
    if isinstance(document, list):
        return "\n".join(strings_of(v) for v in document)
    return str(document)
