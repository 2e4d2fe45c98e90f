"""Properties that must hold for any input (hypothesis; example counts kept modest).

For a deeper run: SIGDOCTOR_PROPERTY_EXAMPLES=3000 python3 -m pytest tests/hardening/test_properties.py
"""

from __future__ import annotations

import io
import json
import os
import re
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sigdoctor import reader
from sigdoctor.logs.record import ErrorRecord
from sigdoctor.redact import redact, redact_counted
from sigdoctor.templates import PLACEHOLDER, captures, compile_template
from sigdoctor.terminal import json_safe, safe

EXAMPLES = int(os.environ.get("SIGDOCTOR_PROPERTY_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(EXAMPLES // 4, 20), deadline=None, suppress_health_check=[HealthCheck.too_slow])

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
TOKEN = string.ascii_letters + string.digits + "._~+/-"
BASE64 = string.ascii_letters + string.digits + "+/="
PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " éß€"
NO_QUOTES = "".join(c for c in PRINTABLE if c not in "'\"\\")
NO_SPACE = "".join(c for c in NO_QUOTES if c != " ")
FIELD = "".join(c for c in NO_SPACE if c not in "&;,])}")

# Where secrets sit in real logs, with the characters a secret may hold there.
CONTEXTS = [
    ("    'Authorization': 'Bearer {s}'", TOKEN),
    ("Authorization                 : Bearer {s}", TOKEN),
    ("Authorization:{s}", TOKEN),
    ("'x-ms-authorization-auxiliary': 'Bearer abcdefghijklmnopqrstuvwxyz, Bearer {s}'", TOKEN),
    ("Command arguments: ['login', '--service-principal', '-u', 'app', '-p', {repr}, '--tenant', 't']", PRINTABLE),
    ("Command arguments: ['vm', 'create', '--admin-password', {repr}, '--debug']", PRINTABLE),
    ("+ az vm create -n vm1 --admin-password {s} --debug", NO_SPACE),
    ("az ad sp credential reset --client-secret={s}", NO_SPACE),
    ('Request body: {{"osProfile": {{"adminPassword": {json}, "adminUsername": "u"}}}}', PRINTABLE),
    ('      "adminPassword": {json},', PRINTABLE),
    ("{nested}", PRINTABLE),
    ("$pw = ConvertTo-SecureString '{s}' -AsPlainText -Force", NO_QUOTES),
    ("Connect-AzAccount -ServicePrincipal -ClientSecret '{s}' -Tenant t", NO_QUOTES),
    ("New-AzVM -Credential $c -AdminPassword '{ps}' -Name vm1", PRINTABLE),  # PowerShell doubles a ' in '...'
    ("https://acct.blob.core.windows.net/vhds/os.vhd?sv=2022-11-02&sr=b&sig={s}&se=2030", BASE64 + "%"),
    ("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={s};EndpointSuffix=core.windows.net", BASE64),
    ("grant_type=client_credentials&client_id=x&client_secret={s}&scope=y", FIELD),
    ("token: eyJ{s}", string.ascii_letters + string.digits + "_-"),  # a JWT cut before its first dot
    ('"accessToken": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.{s}"', string.ascii_letters + string.digits + "_-."),
]


def render(template: str, secret: str) -> str:
    nested = json.dumps({"message": json.dumps({"osProfile": {"adminPassword": secret}})})
    return template.format(s=secret, repr=repr(secret), json=json.dumps(secret), nested=nested,
                           ps=secret.replace("'", "''"))


@st.composite
def seeded(draw):
    template, alphabet = draw(st.sampled_from(CONTEXTS))
    secret = draw(st.text(alphabet=alphabet, min_size=10, max_size=40))
    assume(not re.fullmatch(r"[*\s]*|null|none|true|false|redacted", secret, re.IGNORECASE))
    assume(not secret.startswith(("$", "<", "{", "[", "-")))
    around = st.text(max_size=40)
    return draw(around), render(template, secret), draw(around), secret, render(template, "")


@FAST
@given(seeded())
def test_the_seeded_secret_never_survives(case):
    before, line, after, secret, _ = case
    text = f"{before}\n{line}\n{after}"
    assume(secret not in before + after)
    assert secret not in redact(text)
    assert secret not in redact(text, ids=True)


@FAST
@given(seeded())
def test_no_piece_of_a_secret_is_left_visible(case):
    before, line, after, secret, empty = case
    out = redact(f"{before}\n{line}\n{after}")
    context = f"{before}\n{empty}\n{after}"
    for i in range(len(secret) - 5):
        piece = secret[i:i + 6]
        assert piece not in out or piece in context, piece


@FAST
@given(st.one_of(st.text(max_size=400), seeded().map(lambda c: f"{c[0]} {c[1]} {c[2]}")), st.booleans())
def test_redaction_is_idempotent_and_never_lengthens(text, ids):
    once, found = redact_counted(text, ids=ids)
    assert len(once) <= len(text)
    again, found_again = redact_counted(once, ids=ids)
    assert again == once and not found_again


@FAST
@given(st.text(max_size=300))
def test_safe_leaves_no_control_characters(text):
    shown = safe(text)
    assert UNSAFE.search(shown) is None
    assert safe(shown) == shown


@FAST
@given(st.text(max_size=300))
def test_json_safe_is_lossless_and_inert(text):
    document = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(document)["t"] == text
    assert UNSAFE.search(document) is None


@FAST
@given(st.binary(max_size=4000))
def test_the_reader_raises_nothing_but_bad_input(data):
    try:
        lines = list(reader.iter_lines(io.BytesIO(data)))
    except reader.BadInput as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert all(isinstance(line, str) and "\x00" not in line for line in lines)


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=600).map(lambda t: "x" + t))
def test_the_reader_gives_utf8_text_back_unchanged_across_chunks_and_pieces(text):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader, "CHUNK", 7)  # every multi-byte character gets cut somewhere
        mp.setattr(reader, "MAX_LINE", 50)
        mp.setattr(reader, "_CUT_BACK", 10)
        lines = list(reader.iter_lines(io.BytesIO(text.encode("utf-8"))))
    assert "".join(lines) == text
    assert all(len(line) <= 50 for line in lines)


@pytest.fixture(scope="module")
def bundled_templates(catalog):
    return [(e.id, t) for e in catalog for t in e.templates]


@SLOW
@given(st.text(max_size=500))
def test_the_matcher_never_raises_and_is_deterministic(matcher, text):
    record = ErrorRecord(source="plain", line=1, message=text)
    first, second = matcher.match(record), matcher.match(record)
    assert first == second


@FAST
@given(st.text(max_size=120), st.text(max_size=300))
def test_any_template_compiles_and_searches(template, text):
    compiled = compile_template(template)
    m = compiled.pattern.search(text)
    if m:
        assert set(captures(compiled, m)) <= set(compiled.placeholders)


@SLOW
@given(st.data())
def test_a_template_matches_its_own_message(bundled_templates, data):
    entry_id, template = data.draw(st.sampled_from(bundled_templates))
    word = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1, max_size=24)
    values = {name: data.draw(word) for name in PLACEHOLDER.findall(template)}
    message = PLACEHOLDER.sub(lambda m: values[m.group(1)], template.replace("…", "and more"))
    compiled = compile_template(template)
    m = compiled.pattern.search(message)
    assert m, (entry_id, message)
    got = captures(compiled, m)
    assert {k: got[k] for k in values} == values or len(set(values.values())) < len(values)


def _parsers():
    from sigdoctor.logs import _parsers

    return _parsers()


@SLOW
@given(st.lists(st.sampled_from([
    "DEBUG: cli.azure.cli.core.sdk.policies: Response content:\n", "{\n", "}\n", '  "error": {\n',
    '"message": "x",\n', "ERROR: (Code) Message\n", "Code: X\n", "Message: y\n", "DEBUG: ", "Body:\n",
    "============================ HTTP RESPONSE ============================\n", "Error: ", 'Code="A" Message="B"\n',
    "\x1b[31m", "\r\n", "    + CategoryInfo          : x\n", "]", "[", '\\"', "\\\\r\\\\n",
]) | st.text(max_size=80), max_size=40))
def test_every_parser_survives_any_text(pieces):
    from sigdoctor.logs.blocks import group_json_blocks
    from sigdoctor.logs.clean import Cleaner
    from sigdoctor.logs.context import Context

    text = "".join(pieces)
    lines = text.splitlines(keepends=True)
    for parser in _parsers():  # called directly: scan_lines would hide a parser's exception
        ctx = Context()
        for line in group_json_blocks(Cleaner().lines(lines)):
            parser.feed(line, ctx, False)
        parser.close(ctx)


@SLOW
@given(st.text(max_size=1500))
def test_diagnose_never_raises(catalog, matcher, text):
    from sigdoctor.diagnose import diagnose_text

    for finding in diagnose_text(text, catalog, matcher):
        assert finding.record.message is not None
