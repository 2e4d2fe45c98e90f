"""Whatever sigdoctor is pointed at ends with a clear line and a documented exit code, or quietly.

Never with a traceback. Big inputs are measured in tests/benchmarks/big_inputs.py, not here.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from sigdoctor.exit_codes import ExitCode
from sigdoctor.reader import MAX_LINE, BadInput, iter_lines

ERROR = ("ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions.\n"
         "Code: InvalidParameter\nMessage: Duplicate regions are not allowed in target publishing regions.\n")
SIGDOCTOR = [sys.executable, "-m", "sigdoctor"]


def lines_of(data: bytes) -> list[str]:
    return list(iter_lines(io.BytesIO(data)))


@pytest.mark.parametrize("name, data", [
    ("utf-8", ERROR.encode()),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + ERROR.encode()),
    ("utf-16 with BOM (PowerShell 5.1 >)", ERROR.encode("utf-16")),
    ("utf-16-le without BOM", ERROR.encode("utf-16-le")),
    ("utf-16-be without BOM", ERROR.encode("utf-16-be")),
    ("crlf", ERROR.replace("\n", "\r\n").encode()),
    ("invalid utf-8 around it", b"abc \xc3( \x80\xff garbage\n" + ERROR.encode() + b"\xe2\x82\n"),
    ("cp1252 then utf-16 appended", "Détails: é à\n".encode("cp1252") + b"\n" + ERROR.encode("utf-16-le")),
    ("NUL bytes inside", ERROR.replace("Duplicate", "Dup\x00licate", 1).encode() + b"\x00" * 4),
])
def test_text_in_any_encoding_is_read_and_diagnosed(invoke, tmp_path, name, data):
    path = tmp_path / "input.log"
    path.write_bytes(data)
    result = invoke("diagnose", path, "--json")
    assert result.exit_code == ExitCode.KNOWN_ERROR, (name, result.stdout, result.stderr)
    assert '"SIG3035"' in result.stdout


@pytest.mark.parametrize("name, data, says", [
    ("empty", b"", "the input is empty"),
    ("gzip", gzip.compress(ERROR.encode() * 20), "gzip file: decompress it first"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "PNG image"),
    ("zip", b"PK\x03\x04" + bytes(300), "zip archive"),
    ("random bytes", random.Random(7).randbytes(20000), "binary file"),
    ("all NUL", bytes(5000), "binary file"),
])
def test_what_is_not_a_log_is_one_line_and_exit_65(invoke, tmp_path, name, data, says):
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    for command in ("diagnose", "redact"):
        result = invoke(command, path)
        assert result.exit_code == ExitCode.BAD_INPUT, (name, command, result.stdout)
        assert result.stdout == ""
        assert says in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_directory_and_a_missing_file(invoke, tmp_path):
    result = invoke("diagnose", tmp_path)
    assert result.exit_code == ExitCode.BAD_INPUT and "is a directory" in result.stderr
    result = invoke("redact", tmp_path / "nope.log")
    assert result.exit_code == ExitCode.BAD_INPUT and "no such file" in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file(invoke, tmp_path):
    path = tmp_path / "secret.log"
    path.write_text(ERROR)
    path.chmod(0)
    result = invoke("diagnose", path)
    assert result.exit_code == ExitCode.BAD_INPUT and "permission denied" in result.stderr


def test_redact_refuses_to_overwrite_its_input(invoke, tmp_path):
    path = tmp_path / "a.log"
    path.write_text(ERROR)
    result = invoke("redact", path, "-o", path)
    assert result.exit_code == ExitCode.USAGE and path.read_text() == ERROR


def test_redact_to_an_unwritable_place_is_one_line(invoke, tmp_path):
    path = tmp_path / "a.log"
    path.write_text(ERROR)
    result = invoke("redact", path, "-o", tmp_path / "no" / "such" / "dir.log")
    assert result.exit_code == ExitCode.USAGE and "cannot be written" in result.stderr


def test_a_line_longer_than_a_piece_streams_in_pieces():
    line = ("x" * 1000 + " ") * (3 * MAX_LINE // 1000)
    pieces = lines_of((line + "\n" + ERROR).encode())
    assert max(map(len, pieces)) <= MAX_LINE
    assert "".join(pieces) == line + "\n" + ERROR
    assert all(p.endswith(" ") for p in pieces[:3])  # cut after a separator, not inside a token


def test_a_long_single_line_is_diagnosed(invoke, tmp_path):
    path = tmp_path / "one-line.log"
    path.write_text("noise " * (2 * MAX_LINE // 6) + ERROR.splitlines()[0] + "\n")
    result = invoke("diagnose", path)
    assert result.exit_code in (ExitCode.OK, ExitCode.KNOWN_ERROR)
    assert "Traceback" not in result.output


def test_reader_never_raises_anything_but_bad_input():
    rnd = random.Random(11)
    for _ in range(200):
        data = rnd.randbytes(rnd.randint(0, 3000))
        try:
            lines_of(data)
        except BadInput:
            pass


def _big_log(tmp_path, count=4000):
    path = tmp_path / "big.log"
    with open(path, "w") as fh:
        for i in range(count):
            fh.write(f"ERROR: (InvalidParameter) The value {i} of parameter 'galleryImageVersion.properties."
                     f"publishingProfile.targetRegions[{i}].regionalReplicaCount' is out of range. The value must "
                     "be between '1' and '100', inclusive.\n")
    return path


@pytest.mark.skipif(os.name != "posix", reason="pipes and signals as on Unix")
@pytest.mark.parametrize("command", ["diagnose", "redact"])
def test_a_closed_pipe_ends_quietly(tmp_path, command):
    # sigdoctor … | head -1
    proc = subprocess.Popen([*SIGDOCTOR, command, str(_big_log(tmp_path))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert first
    assert code in (0, -signal.SIGPIPE), stderr
    assert "Traceback" not in stderr and "Exception" not in stderr


@pytest.mark.skipif(os.name != "posix", reason="signals as on Unix")
def test_ctrl_c_exits_130_without_a_traceback():
    proc = subprocess.Popen([*SIGDOCTOR, "diagnose", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(b"waiting for more input\n")
    proc.stdin.flush()
    time.sleep(2)  # let it import and block on the read
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED, stderr
    assert b"Traceback" not in stderr and b"interrupted" in stderr


def test_no_standard_input(tmp_path):
    done = subprocess.run([*SIGDOCTOR, "diagnose", "-"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == ExitCode.BAD_INPUT and "empty" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor in the child")
def test_a_closed_standard_output_is_one_line(tmp_path):
    path = tmp_path / "a.log"
    path.write_text(ERROR)
    done = subprocess.run([*SIGDOCTOR, "diagnose", str(path)], preexec_fn=lambda: os.close(1),
                          stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == ExitCode.USAGE and "standard output is closed" in done.stderr
