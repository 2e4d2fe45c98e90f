"""Control characters and escape sequences from the input never reach the terminal raw.

`sigdoctor redact` writes a faithful copy to a file or a pipe (control characters kept,
secrets masked) and escapes them only when its standard output is a terminal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from sigdoctor.exit_codes import ExitCode
from sigdoctor.terminal import json_safe, safe

# Everything a terminal would act on. Tab and newline are fine; a CR only as part of CRLF.
RAW = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
HOSTILE = ("\x1b]0;owned\x07"  # OSC: rewrite the window title
           "\x1b[2J\x1b[1;1H"  # clear the screen, move the cursor home
           "\x08\x08\x08"  # backspaces that hide what came before
           "\u009b31m"  # 8-bit CSI (C1)
           "\u202egnp.exe"  # right-to-left override
           "\x07")  # BEL
# A message the catalog knows (SIG1007), with the hostile bytes inside the captured gallery name.
LOG = ("ERROR: (GalleryNameNotUnique) The gallery name gal" + HOSTILE + "prod is not unique within the "
       "subscription 0b1f6471-1bf0-4dda-aec3-cb9272f09590. Please pick another gallery name\n"
       "ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions. " + HOSTILE + "\n")


def assert_no_raw_controls(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group(0)!r} at {found.start()}: {text[max(0, found.start() - 40):found.end() + 10]!r}"


@pytest.fixture
def hostile_log(tmp_path):
    path = tmp_path / "hostile.log"
    path.write_bytes(LOG.encode("utf-8"))
    return path


def test_safe_escapes_each_kind():
    assert safe(HOSTILE) == ("\\x1b]0;owned\\x07\\x1b[2J\\x1b[1;1H\\x08\\x08\\x08\\x9b31m\\u202egnp.exe\\x07")
    assert safe("line\r\nnext\tcol") == "line\r\nnext\tcol"
    assert safe("over\rwrite") == "over\\x0dwrite"


def test_json_safe_is_the_same_json_value():
    document = json.dumps({"m": HOSTILE + "\x85\u2066"}, ensure_ascii=False)
    assert json.loads(json_safe(document)) == json.loads(document)
    assert_no_raw_controls(json_safe(document))


def test_diagnose_text_shows_control_characters_escaped(invoke, hostile_log):
    result = invoke("diagnose", hostile_log)
    assert result.exit_code == ExitCode.KNOWN_ERROR, result.output
    assert_no_raw_controls(result.stdout)
    assert_no_raw_controls(result.stderr)
    # The log cleaner drops ANSI/OSC sequences; what is left is shown escaped, in the message,
    # in the prose and in the commands the captured name is filled into.
    assert "gal\\x08\\x08\\x08\\x9b31m\\u202egnp.exe\\x07prod" in result.stdout


def test_diagnose_json_escapes_them_and_keeps_them(invoke, hostile_log):
    result = invoke("diagnose", hostile_log, "--json")
    assert_no_raw_controls(result.stdout)
    messages = " ".join(f["error"]["message"] for f in json.loads(result.stdout)["findings"])
    assert "\u202e" in messages  # lossless: JSON readers get the text, terminals get escapes


def test_redact_to_a_file_or_pipe_keeps_the_bytes_as_they_were(invoke, hostile_log, tmp_path):
    copy = tmp_path / "copy.log"
    assert invoke("redact", hostile_log, "-o", copy).exit_code == ExitCode.OK
    text = copy.read_text(encoding="utf-8")
    assert HOSTILE in text and "0b1f6471" not in text
    piped = invoke("redact", hostile_log)
    assert HOSTILE in piped.stdout


def test_redact_json_is_escaped(invoke, hostile_log):
    result = invoke("redact", hostile_log, "--json")
    assert_no_raw_controls(result.stdout)
    assert HOSTILE in json.loads(result.stdout)["text"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_redact_to_a_terminal_escapes(hostile_log):
    import pty

    main, child = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "sigdoctor", "redact", str(hostile_log)],
                              stdout=child, stderr=subprocess.PIPE, timeout=60)
        os.close(child)
        child = -1
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
        if child >= 0:
            os.close(child)
    assert done.returncode == ExitCode.OK, done.stderr
    text = seen.decode("utf-8").replace("\r\n", "\n")  # the pty turns \n into \r\n
    assert_no_raw_controls(text)
    assert "\\x1b]0;owned" in text


def test_a_file_name_with_escapes_is_escaped_in_the_error(invoke, tmp_path):
    result = invoke("diagnose", tmp_path / "\x1b]0;owned\x07.log")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert_no_raw_controls(result.stderr)
    assert "\\x1b]0;owned" in result.stderr


def test_a_usage_error_quoting_escapes_is_escaped():
    done = subprocess.run([sys.executable, "-m", "sigdoctor", "diagnose", "--\x1b[2Jnope"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == ExitCode.USAGE
    assert_no_raw_controls(done.stderr)
    assert "Traceback" not in done.stderr
