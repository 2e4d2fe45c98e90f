"""The skimmer (skim.py) passes over quiet az requests: the findings must be exactly those of a
line-by-line read, whatever interrupts the quiet traffic and wherever the chunks are cut."""

from __future__ import annotations

import io
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigdoctor import reader
from sigdoctor.logs import _parsers, clean, scan, scan_chunks, scan_text, scan_with
from sigdoctor.logs.skim import Skimmer

P = "DEBUG: cli.azure.cli.core.sdk.policies: "
GALLERY = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/"


def request(n: int, method: str = "GET", status: int = 200, body: str = "", request_body: str = "",
            headers: tuple[str, ...] = (), warning: bool = False, path: str = "") -> str:
    path = path or f"{GALLERY}1.0.{n}?api-version=2023-07-03"
    body = body or f'{{"name":"1.0.{n}","properties":{{"provisioningState":"Succeeded"}}}}'
    return "".join((
        f"{P}Request URL: 'https://management.azure.com{path}'\n",
        f"{P}Request method: '{method}'\n",
        f"{P}Request headers:\n",
        f"{P}    'Accept': 'application/json'\n",
        f"{P}    'x-ms-client-request-id': '{uuid.UUID(int=n)}'\n",
        f"{P}Request body:\n",
        f"{P}{request_body or 'This request has no body'}\n",
        "DEBUG: urllib3.connectionpool: Starting new HTTPS connection (1): management.azure.com:443\n" if n % 7 == 0
        else "",
        f'DEBUG: urllib3.connectionpool: https://management.azure.com:443 "{method} {path} HTTP/1.1" {status} 535\n',
        f"{P}Response status: {status}\n",
        f"{P}Response headers:\n",
        *(f"{P}    {header}\n" for header in headers),
        f"{P}    'x-ms-request-id': '{uuid.UUID(int=n + 1)}'\n",
        f"{P}    'x-ms-correlation-request-id': '{uuid.UUID(int=n + 2)}'\n",
        f"{P}Response content:\n",
        f"{P}{body}\n",
        "WARNING: cli.azure.cli.core.sdk.policies: polling: status Succeeded\n" if warning else "",
    ))


def quiet(first: int, count: int) -> str:
    return "".join(request(n, warning=n % 3 == 0) for n in range(first, first + count))


def polls(count: int) -> str:
    operation = "/subscriptions/s/providers/Microsoft.Compute/locations/westeurope/operations/4f1c?api-version=2023-07-03"
    return "".join(request(n, path=operation, body='{"status":"InProgress"}') for n in range(count))


def failed(status: str) -> str:
    return f'{{"status":"{status}","error":{{"code":"ReplicationFailed","message":"Replication to westus failed."}}}}'


END = ("ERROR: (InvalidParameter) The image version name is invalid.\nCode: InvalidParameter\n"
       "Message: The image version name is invalid.\n")
INTERRUPTIONS = {
    "failed body": request(900, body=failed("Failed")),
    "FAILED body": request(900, body=failed("FAILED")),
    "mixed-case body": request(900, body=failed("fAiLeD")),
    "escaped body": request(900, body=failed("F\\u0061iled")),
    "replication state": request(900, body='{"properties":{"replicationStatus":{"summary":'
                                            '[{"region":"westus","state":"Failed","details":"Copy failed."}]}}}'),
    "404 check": request(900, status=404, body='{"error":{"code":"ResourceNotFound","message":"Not found."}}'),
    "PUT accepted": request(900, method="PUT", status=201, request_body='{"location":"westeurope"}'),
    "DELETE accepted": request(900, method="DELETE", status=202, body="{}"),
    "PUT refused": request(900, method="PUT", status=400, request_body="{}",
                           body='{"error":{"code":"InvalidParameter","message":"Bad name."}}'),
    "500": request(900, status=500, body='{"error":{"code":"InternalServerError","message":"Retry."}}'),
    "carriage return": request(900, headers=("'x-ms-note': 'a\rERROR: (Boom) Hidden by a carriage return.'",)),
    "colour": request(900, headers=("'x-ms-note': '\x1b[31mred\x1b[0m'",)),
    "overwritten request": ("ERROR: (Gone) See https://management.azure.com/subscriptions/s/resourceGroups/rg/x/y/z\n"
                            + P + "Request URL: 'https://x'\r/providers/Microsoft.Compute/galleries/g?a=1\n"),
    "error line": END,
    "traceback": ("DEBUG: cli.azure.cli.core.azclierror: Traceback (most recent call last):\n"
                  '  File "x.py", line 1, in <module>\n'
                  "azure.core.exceptions.ResourceNotFoundError: (ResourceNotFound) Gone.\n"),
    "command": "DEBUG: cli.knack.cli: Command arguments: ['sig', 'image-version', 'delete', '--debug']\n",
    "powershell": "DEBUG: ============================ HTTP REQUEST ============================\n",
    "open JSON": P + "{\n" + '  "error": {"code": "Pretty", "message": "Printed over lines."}\n}\n',
    "logfmt body": request(900, status=400, body='{"error":{"code":"X","message":"time=t level=error msg=boom"}}'),
}


def records(found) -> list[dict]:
    return [r.to_dict() for r in found]


def line_by_line(text: str, chunk: int = reader.CHUNK) -> list[dict]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader, "CHUNK", chunk)  # the first read decides what the input is
        return records(scan_with(_parsers(), reader.iter_lines(io.BytesIO(text.encode()))))


def skimmed(text: str, chunk: int) -> list[dict]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader, "CHUNK", chunk)
        return records(scan_chunks(reader.iter_chunks(io.BytesIO(text.encode()))))


@pytest.fixture(autouse=True)
def small_sample(monkeypatch):
    monkeypatch.setattr(clean, "SAMPLE_LINES", 40)  # the skimmer waits for the cleaner's sample


@pytest.fixture
def skipped(monkeypatch):
    counted = []
    original = scan.Scan.skip
    monkeypatch.setattr(scan.Scan, "skip", lambda self, count: (counted.append(count), original(self, count)))
    return counted


@pytest.mark.parametrize("name", sorted(INTERRUPTIONS))
@pytest.mark.parametrize("where", [0, 1, 9, 30])
def test_whatever_interrupts_quiet_traffic_is_found_as_line_by_line(name, where, skipped):
    text = quiet(0, 6) + quiet(6, where) + INTERRUPTIONS[name] + quiet(100, 40) + END
    expected = line_by_line(text)
    assert expected  # the interruption or the final error
    for chunk in (1000, 1 << 16):
        assert skimmed(text, chunk) == expected, chunk
    assert sum(skipped) > 0


@pytest.mark.parametrize("change", ["PUT accepted", "DELETE accepted", "PUT refused", "404 check", "failed body"])
def test_polling_after_a_change_keeps_the_change_as_the_failing_request(change, skipped):
    text = quiet(0, 6) + INTERRUPTIONS[change] + polls(40) + END
    expected = line_by_line(text)
    assert skimmed(text, 1 << 16) == expected
    assert sum(skipped) > 0


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from([quiet(0, 4), quiet(4, 4), polls(3), *INTERRUPTIONS.values()])
                | st.text(max_size=60), min_size=1, max_size=24),
       st.sampled_from([64, 700, 1 << 16]))
def test_any_mix_reads_as_line_by_line(pieces, chunk):
    text = "".join(pieces)
    try:
        found = skimmed(text, chunk)
    except reader.BadInput:
        return  # empty, or refused as binary: nothing is read either way
    assert found == line_by_line(text, chunk)


def test_quiet_traffic_is_passed_over_and_lines_stay_exact(skipped):
    text = quiet(0, 300) + END
    found = skimmed(text, 1 << 16)
    assert found == line_by_line(text)
    assert [r["line"] for r in found] == [text.count("\n") - 2]
    assert sum(skipped) > 0.9 * text.count("\n")


@pytest.mark.parametrize("chunk", [7, 333, 4096])
def test_chunks_cut_anywhere(chunk):
    text = quiet(0, 60) + INTERRUPTIONS["404 check"] + quiet(60, 60) + INTERRUPTIONS["failed body"] + END
    assert skimmed(text, chunk) == line_by_line(text)


def test_scan_text_reads_the_same_lines():
    text = quiet(0, 80) + INTERRUPTIONS["failed body"] + quiet(80, 10) + END + "no newline at the end"
    assert records(scan_text(text)) == line_by_line(text)


def test_the_last_request_of_a_run_is_left_to_the_parsers():
    text = quiet(0, 3) + INTERRUPTIONS["PUT accepted"]
    skimmer = Skimmer(text)
    stop, end = skimmer.quiet(0)
    assert text[stop:].startswith(request(2, warning=False)[:80])
    assert end == len(quiet(0, 3))


@pytest.mark.parametrize("name", ["failed body", "FAILED body", "mixed-case body", "escaped body", "carriage return",
                                  "colour", "PUT accepted", "DELETE accepted", "404 check"])
def test_the_skimmer_stops_before_a_request_it_cannot_vouch_for(name):
    text = quiet(0, 5) + INTERRUPTIONS[name] + quiet(5, 5)
    stop, _ = Skimmer(text).quiet(0)
    assert stop <= len(quiet(0, 5))
