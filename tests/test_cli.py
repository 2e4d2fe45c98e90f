"""The commands as a user runs them: exit code first, then what they see."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sigdoctor.cli import cli
from sigdoctor.exit_codes import ExitCode

DATA = Path(__file__).parent / "data"

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


def test_lookup_by_code_lists_every_entry_with_it_best_first(catalog):
    result = run("lookup", "ParentResourceNotFound", "--json")
    assert result.exit_code == ExitCode.OK
    ids = [r["id"] for r in json.loads(result.stdout)["results"]]
    expected = {e.id for e in catalog.active() if "ParentResourceNotFound" in e.codes}
    assert set(ids) == expected and len(ids) >= 2
    text = run("lookup", "ParentResourceNotFound").stdout.splitlines()
    assert len(text) == len(ids) and all(line.startswith("SIG") for line in text)


def test_lookup_by_id_and_by_words():
    result = json.loads(run("lookup", "sig2006", "--json").stdout)["results"]
    assert [r["id"] for r in result] == ["SIG2006"] and result[0]["score"] == 1.0
    words = json.loads(run("lookup", "duplicate", "publishing", "regions", "--json").stdout)["results"]
    assert words[0]["id"] == "SIG3035"
    assert all(0 <= r["score"] <= 1 for r in words)


def test_lookup_with_nothing_to_find_says_so():
    result = run("lookup", "zzqx", "--json")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert json.loads(result.stdout)["results"] == []


def test_show_json_has_the_documented_fields():
    result = run("show", "SIG2006", "--json")
    assert result.exit_code == ExitCode.OK
    doc = json.loads(result.stdout)
    for field in ("id", "area", "codes", "templates", "title", "cause", "workaround", "steps", "language"):
        assert field in doc
    assert doc["codes"] == ["ParentResourceNotFound"]
    assert doc["steps"][0]["az"] and doc["steps"][0]["powershell"]


def test_show_unknown_id_is_one_line_and_exit_66():
    result = runner.invoke(cli, ["show", "SIG0000"])
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "SIG0000" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_list_json_and_area_filter(catalog):
    doc = json.loads(run("list", "--json").stdout)
    assert len(doc["entries"]) == len(catalog.active())
    assert {"id", "area", "title"} <= set(doc["entries"][0])
    gallery = json.loads(run("list", "--area", "gallery", "--json").stdout)["entries"]
    assert gallery and all(e["area"] == "gallery" for e in gallery)
    assert run("list", "--area", "nope").exit_code == ExitCode.USAGE


def test_check_is_clean_on_the_bundled_catalog():
    result = run("check")
    assert result.exit_code == ExitCode.OK, result.stdout


def test_check_reports_every_problem_as_path_message(tmp_path):
    (tmp_path / "SIG1999.toml").write_text('id = "SIG1998"\narea = "disk-from-image-version"\n')
    (tmp_path / "SIG2999.toml").write_text("id = [broken")
    result = run("check", str(tmp_path))
    assert result.exit_code == ExitCode.CATALOG_INVALID
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(tmp_path))]
    assert any("SIG1999.toml: id:" in line for line in lines)
    assert any("SIG2999.toml: not valid TOML" in line for line in lines)
    assert len(lines) >= 4


def test_unknown_language_is_a_usage_error():
    result = runner.invoke(cli, ["list", "--lang", "de"])
    assert result.exit_code == ExitCode.USAGE
    assert "de" in result.stderr


def test_diagnose_missing_file_is_one_line_and_bad_input(tmp_path):
    result = runner.invoke(cli, ["diagnose", str(tmp_path / "nope.log")])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "no such file" in result.stderr


def test_python_dash_m_works():
    done = subprocess.run([sys.executable, "-m", "sigdoctor", "show", "SIG2006"], capture_output=True, text=True)
    assert done.returncode == 0 and "SIG2006" in done.stdout


@pytest.mark.parametrize("sample, expected", [("sample-az-debug.log", "SIG3024"),
                                              ("sample-powershell-debug.log", "SIG3005")])
def test_diagnose_bundled_samples(sample, expected):
    path = DATA / sample
    if not path.exists():
        pytest.skip("sample not written yet")
    result = run("diagnose", str(path), "--json")
    assert result.exit_code == ExitCode.KNOWN_ERROR
    findings = json.loads(result.stdout)["findings"]
    assert findings[0]["match"]["id"] == expected
    assert 0.8 <= findings[0]["match"]["confidence"] <= 1


def test_piped_stdin_without_command_diagnoses(tmp_path):
    text = ("ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions.\n"
            "Code: InvalidParameter\nMessage: Duplicate regions are not allowed in target publishing regions.\n")
    done = subprocess.run([sys.executable, "-m", "sigdoctor"], input=text, capture_output=True, text=True)
    assert done.returncode == ExitCode.KNOWN_ERROR, done.stderr
    assert "SIG3035" in done.stdout


def test_a_corrupt_cache_is_rebuilt_not_fatal(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert run("lookup", "SIG2006").exit_code == ExitCode.OK
    for cached in (tmp_path / "sigdoctor").glob("*.json"):
        cached.write_text("{not json")
    result = run("lookup", "cannot", "delete", "gallery", "--json")
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["results"][0]["id"] == "SIG1005"
