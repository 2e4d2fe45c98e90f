"""No seeded secret appears in any output of any command: text, JSON, files, reports, errors."""

from __future__ import annotations

import json

import pytest

from sigdoctor.catalog import load_catalog
from sigdoctor.diagnose import diagnose_text
from sigdoctor.exit_codes import ExitCode
from sigdoctor.redact import redact

from .helpers import CORPUS, DATA, corpus_logs, leak, seeded_logs, strings_of

SEEDED = seeded_logs()
CORPUS_LOGS = corpus_logs()
LOGS = [(DATA / name, case["secrets"], case["ids"]) for name, case in SEEDED.items()]
LOGS += [(CORPUS / name, secrets, []) for name, secrets in CORPUS_LOGS.items() if secrets]
IDS = [path.name for path, _, _ in LOGS]

# (arguments after the path, masks ids, output is JSON)
DIAGNOSE = [((), False, False), (("--json",), False, True), (("--redact-ids",), True, False),
            (("--redact-ids", "--json"), True, True)]


def assert_clean(secrets, ids, *outputs):
    for output in outputs:
        for secret in secrets:
            assert leak(secret, output) is None, f"{leak(secret, output)!r} of a secret is in the output"
        for value in ids:
            assert value.lower() not in output.lower(), f"id {value} is in the output"


def shown(result, as_json: bool) -> str:
    """What a user sees: stdout (decoded if JSON, so escapes cannot hide a secret) and stderr."""
    out = strings_of(json.loads(result.stdout)) if as_json and result.stdout.strip() else result.stdout
    return out + "\n" + result.stderr


def test_the_seeded_logs_really_hold_their_secrets():
    for path, secrets, ids in LOGS:
        text = path.read_text(encoding="utf-8")
        for value in secrets + ids:
            assert leak(value, text), f"{path.name}: {value[:20]}… is not in the log"


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
@pytest.mark.parametrize("extra, masks_ids, as_json", DIAGNOSE, ids=["text", "json", "redact-ids", "redact-ids-json"])
def test_diagnose(invoke, path, secrets, ids, extra, masks_ids, as_json):
    result = invoke("diagnose", path, *extra)
    assert result.exit_code in (ExitCode.OK, ExitCode.KNOWN_ERROR, ExitCode.UNKNOWN_ERROR), result.stderr
    assert_clean(secrets, ids if masks_ids else [], shown(result, as_json))


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_diagnose_from_stdin(invoke, path, secrets, ids):
    result = invoke("diagnose", "-", input=path.read_bytes())
    assert_clean(secrets, [], shown(result, False))


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_redact_to_stdout_masks_secrets_and_ids(invoke, path, secrets, ids):
    result = invoke("redact", path)
    assert result.exit_code == ExitCode.OK
    assert_clean(secrets, ids, result.stdout, result.stderr)
    assert "Removed" in result.stderr


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_redact_json_and_file_copies(invoke, tmp_path, path, secrets, ids):
    result = invoke("redact", path, "--json")
    assert result.exit_code == ExitCode.OK
    document = json.loads(result.stdout)
    assert document["removed"] and sum(document["removed"].values()) >= len(secrets) // 2
    assert_clean(secrets, ids, strings_of(document), result.stderr)
    copy = tmp_path / "copy.log"
    result = invoke("redact", path, "-o", copy, "--json")
    assert result.exit_code == ExitCode.OK and json.loads(result.stdout)["output"] == str(copy)
    assert_clean(secrets, ids, copy.read_text(encoding="utf-8"), result.stdout)
    assert not list(tmp_path.glob(".*sigdoctor-tmp"))


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_redact_is_idempotent_on_the_logs(path, secrets, ids):
    once = redact(path.read_text(encoding="utf-8", errors="replace"), ids=True)
    assert redact(once, ids=True) == once


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_lookup_and_show_echo_nothing_secret(invoke, path, secrets, ids):
    # People paste a whole error line into lookup; show echoes an unknown id in its error.
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if any(leak(s, line) for s in secrets)][:3]
    for line in lines:
        for args in (("lookup", line), ("lookup", line, "--json"), ("show", line[:300])):
            result = invoke(*args)
            assert_clean(secrets, [], shown(result, "--json" in args))


@pytest.mark.parametrize("path, secrets, ids", LOGS, ids=IDS)
def test_the_support_report_the_repl_writes(path, secrets, ids):
    from sigdoctor.report import session_report

    catalog = load_catalog()
    findings = diagnose_text(path.read_text(encoding="utf-8"), catalog)
    for finding in findings or [None]:
        report = session_report(catalog, finding, [])
        assert_clean(secrets, ids, report)


def test_an_error_message_that_quotes_a_secret_is_diagnosed_with_it_masked(invoke):
    result = invoke("diagnose", DATA / "az-debug-secrets.log", "--json")
    findings = json.loads(result.stdout)["findings"]
    blob = [f for f in findings if f["match"] and f["match"]["id"] == "SIG3034"]
    assert blob, "the SAS-in-message error was not diagnosed"
    assert "sig=***" in blob[0]["error"]["message"]
    assert all("sig=***" in v or "sig=" not in v for v in blob[0]["match"]["variables"].values())
