"""Read pasted Azure CLI / PowerShell / Terraform / Packer / ARM / SDK output and report the errors in it.

    scan_lines(lines) -> Iterator[ErrorRecord]   streaming, bounded memory
    scan_text(text)   -> list[ErrorRecord]

Pipeline: clean (normalise, unwrap) -> blocks (multi-line JSON) -> parsers in priority order, each
seeing every line and claiming the ones it used -> collect (dedupe, merge, judge, order).

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
from .blocks import group_json_blocks
from .clean import KEEP, MAX_LINE, Cleaner
from .collect import Collector
from .context import Context
from .packer import PackerParser
from .plain import PlainParser
from .powershell import PowerShellParser
from .record import ErrorRecord, Request
from .sdk import SdkParser
from .terraform import TerraformParser

__all__ = ["ErrorRecord", "Request", "scan_lines", "scan_text", "scan_with"]

FLUSH_EVERY = 500
SHAPED_LOG = 5  # recognised lines that make an input a log (a typed `az ...` line alone does not)  # lines between attempts to hand out finished records


def _parsers() -> list[Parser]:
    # Order matters: trace readers first (they own bodies), generic JSON and bare sentences last.
    return [AzDebugParser(), PowerShellParser(), SdkParser(), PackerParser(), TerraformParser(),
            AzErrorParser(), ArmJsonParser(), PlainParser()]


def scan_lines(lines: Iterable[str]) -> Iterator[ErrorRecord]:
    """Errors in the input, in the order they first appear. Never raises on bad input."""
    return scan_with(_parsers(), lines)


def scan_with(parsers: list[Parser], lines: Iterable[str]) -> Iterator[ErrorRecord]:
    """scan_lines with a chosen set of parsers (tests run one parser alone)."""
    ctx = Context()
    collector = Collector(ctx)
    fallbacks = [p for p in parsers if p.fallback]
    shaped = 0  # lines structured parsers recognised: a log, not a bare paste, when there are several
    last_flush = 0
    try:
        for line in group_json_blocks(Cleaner().lines(lines)):
            claimed = False
            for parser in parsers:
                found, took = _feed(parser, line, ctx, claimed)
                for item in found:
                    collector.add(item)
                claimed = claimed or took
                shaped += took and not parser.fallback
            if line.number - last_flush >= FLUSH_EVERY:
                last_flush = line.number
                yield from collector.flush(line.number)
    except Exception:  # noqa: BLE001 - a parser bug must not cost the user the errors found so far
        pass
    try:
        for parser in parsers:
            if not parser.fallback:
                for item in _close(parser, ctx):
                    collector.add(item)
        # Bare sentences are read only from a bare paste: in a recognised log with no
        # error, "Cannot enable color." or "Failed logon auditing: enabled" is chatter.
        if not collector.seen_any and shaped < SHAPED_LOG:
            for parser in fallbacks:
                for item in _close(parser, ctx):
                    collector.add(item)
        final = collector.flush(final=True)
    except Exception:  # noqa: BLE001
        return
    yield from final


def scan_text(text: str) -> list[ErrorRecord]:
    return list(scan_lines(_split_lines(text if isinstance(text, str) else str(text or ""))))


def _split_lines(text: str) -> Iterator[str]:
    """str.splitlines without building a list (the text may be huge); keeps \\r\\n for clean to strip.
    An enormous line is never copied whole: only the head and tail that clean would keep."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        if end - start > MAX_LINE:
            yield text[start : start + KEEP] + " … " + text[end - KEEP : end]
        else:
            yield text[start:end]
        start = end


def _feed(parser: Parser, line, ctx: Context, claimed: bool) -> tuple[list, bool]:
    try:
        return parser.feed(line, ctx, claimed)
    except Exception:  # noqa: BLE001 - one parser failing on odd input must not stop the others
        return [], False


def _close(parser: Parser, ctx: Context) -> list:
    try:
        return parser.close(ctx)
    except Exception:  # noqa: BLE001
        return []
