"""Read pasted Azure CLI / PowerShell / Terraform / Packer / ARM / SDK output and report the errors in it.

    scan_chunks(chunks) -> Iterator[ErrorRecord]  streaming, bounded memory (reader.iter_chunks)
    scan_lines(lines) -> Iterator[ErrorRecord]    the same, a line at a time
    scan_text(text)   -> list[ErrorRecord]

Pipeline (scan.py): clean (normalise, unwrap) -> blocks (multi-line JSON) -> parsers in priority
order, each seeing every line and claiming the ones it used -> collect (dedupe, merge, judge, order).
From chunks, skim.py passes over runs of successful az requests whose lines could not change that.

Parsers: az_debug (CLI --debug HTTP trace), powershell (-Debug trace, exceptions, QoS), sdk (Go azcore,
Python and .NET exceptions), packer, terraform (autorest, go-azure-sdk, TF_LOG), az_error (the final
error text), arm_json (any JSON error document), plain (a bare sentence, only when nothing else matched).
Shared: text (string helpers), fields (`Code:`/`Message:` blocks), context (request, command, hints).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .arm_json import ArmJsonParser
from .az_debug import AzDebugParser
from .az_error import AzErrorParser
from .base import Parser
from .clean import KEEP, MAX_LINE
from .packer import PackerParser
from .plain import PlainParser
from .powershell import PowerShellParser
from .record import ErrorRecord, Request
from .scan import Scan, read_chunks, read_lines
from .sdk import SdkParser
from .terraform import TerraformParser

__all__ = ["ErrorRecord", "Request", "scan_chunks", "scan_lines", "scan_text", "scan_with"]

TEXT_CHUNK = 1 << 16  # scan_text hands the text on in pieces of whole lines this long (at most MAX_LINE)


def _parsers() -> list[Parser]:
    # Order matters: trace readers first (they own bodies), generic JSON and bare sentences last.
    return [AzDebugParser(), PowerShellParser(), SdkParser(), PackerParser(), TerraformParser(),
            AzErrorParser(), ArmJsonParser(), PlainParser()]


def scan_lines(lines: Iterable[str]) -> Iterator[ErrorRecord]:
    """Errors in the input, in the order they first appear. Never raises on bad input."""
    return scan_with(_parsers(), lines)


def scan_with(parsers: list[Parser], lines: Iterable[str]) -> Iterator[ErrorRecord]:
    """scan_lines with a chosen set of parsers (tests run one parser alone)."""
    return _scan(Scan(parsers), read_lines, lines)


def scan_chunks(chunks: Iterable[str]) -> Iterator[ErrorRecord]:
    """scan_lines for input in chunks of whole lines: what reader.iter_chunks gives, much faster."""
    return _scan(Scan(_parsers()), read_chunks, chunks)


def scan_text(text: str) -> list[ErrorRecord]:
    return list(scan_chunks(_text_chunks(text if isinstance(text, str) else str(text or ""))))


def _scan(scan: Scan, read, source) -> Iterator[ErrorRecord]:
    try:
        yield from read(scan, source)
        yield from scan.end_of_input()
    except Exception:  # noqa: BLE001 - a parser bug must not cost the user the errors found so far
        pass
    yield from scan.close()


def _text_chunks(text: str) -> Iterator[str]:
    """The text's lines ("\\n" ends one, and stays with it) in chunks, without copying it whole.
    An enormous line is never copied whole either: only the head and tail that clean would keep."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        if end - start > MAX_LINE:
            yield text[start : start + KEEP] + " … " + text[end - KEEP : end]
            start = end
            continue
        # More whole lines, each shorter than TEXT_CHUNK and so than MAX_LINE.
        cut = max(end, text.rfind("\n", end, start + TEXT_CHUNK) + 1)
        yield text[start:cut]
        start = cut
