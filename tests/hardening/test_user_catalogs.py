"""--knowledge DIR and SIGDOCTOR_KNOWLEDGE: validated before use, read as data, never run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sigdoctor import paths
from sigdoctor.exit_codes import ExitCode

ERROR = ("ERROR: (InvalidParameter) Duplicate regions are not allowed in target publishing regions.\n"
         "Code: InvalidParameter\nMessage: Duplicate regions are not allowed in target publishing regions.\n")
SOURCE = Path(paths.knowledge_dir()) / "SIG3035.toml"
PACKAGE = Path(paths.__file__).parent


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "error.log"
    path.write_text(ERROR)
    return path


def entry(tmp_path, name: str, text: str) -> Path:
    directory = tmp_path / "catalog"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


BASE = SOURCE.read_text(encoding="utf-8")
BAD = {
    "bad TOML": ("SIG3901.toml", 'id = "SIG3901"\ntitle = "unterminated\n', ["SIG3901.toml: not valid TOML"]),
    "wrong types": ("SIG3035.toml", BASE.replace('title = "The same region', 'title = 5\nx_title = "The same region', 1)
                    .replace('codes = ["InvalidParameter"]', 'codes = "InvalidParameter"'),
                    ["title: must be a string, not int", "codes: must be a list of strings", "x_title: unknown field"]),
    "step shapes": ("SIG3035.toml", BASE.replace('[[steps]]\nid = "map-region-names"',
                                                 '[[steps]]\nrun = "rm -rf /"\nid = "map-region-names"', 1),
                    ["steps[1].run: unknown field"]),
    "risky templates": ("SIG3035.toml", BASE.replace(
        '"Duplicate regions are not allowed in target publishing regions.",',
        '"Duplicate regions <a> <b> are not allowed in target publishing regions.",\n'
        '    "Duplicate <a>, <b>, <c>, <d>, <e>, <f>, <g>, <h>, <i> regions in target publishing regions.",\n'
        f'    "{"Duplicate regions are not allowed in target publishing regions. " * 9}",\n'
        '    "Duplicate regions \\u001b]0;owned\\u0007 are not allowed in target publishing regions.",'),
        ["templates[1]: two placeholders", "templates[2]: 9 placeholders; at most 8",
         "templates[3]: ", "characters; at most 500", "templates[4]: contains the control character U+001B"]),
    "nested too deeply": ("SIG3902.toml", "x = " + "[" * 3000 + "]" * 3000 + "\n", ["nested too deeply"]),
    "too big": ("SIG3903.toml", 'id = "SIG3903"\n' + "# padding\n" * 30000, ["bytes; an entry file is at most"]),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_bad_user_catalog_is_reported_and_nothing_is_diagnosed(invoke, tmp_path, log, case, how):
    name, text, expected = BAD[case]
    directory = entry(tmp_path, name, text)
    if how == "option":
        result = invoke("diagnose", log, "--knowledge", directory)
    else:
        result = invoke("diagnose", log, env={"SIGDOCTOR_KNOWLEDGE": str(directory)})
    assert result.exit_code == ExitCode.CATALOG_INVALID, result.output
    assert result.stdout == ""  # nothing diagnosed
    problems = result.stderr.strip().splitlines()
    assert problems[-1].startswith("sigdoctor: the catalog in ")
    for line in problems[:-1]:  # one line per problem, as path: field: problem
        assert line.startswith(str(directory)) and re.match(r".+\.toml: .+", line), line
    for wanted in expected:
        assert any(wanted in line for line in problems), (wanted, problems)


def test_every_problem_of_a_file_is_reported_at_once(invoke, tmp_path, log):
    directory = entry(tmp_path, *BAD["risky templates"][:2])
    result = invoke("diagnose", log, "--knowledge", directory)
    assert len([line for line in result.stderr.splitlines() if "templates[" in line]) >= 4


def test_a_good_user_catalog_overrides_an_entry(invoke, tmp_path, log):
    directory = entry(tmp_path, "SIG3035.toml", BASE.replace(
        "The same region appears twice in the image version's target regions", "Our own words for SIG3035", 1))
    result = invoke("diagnose", log, "--json", "--knowledge", directory)
    assert result.exit_code == ExitCode.KNOWN_ERROR, result.stderr
    match = json.loads(result.stdout)["findings"][0]["match"]
    assert match["id"] == "SIG3035" and match["title"] == "Our own words for SIG3035"
    shown = invoke("show", "SIG3035", env={"SIGDOCTOR_KNOWLEDGE": str(directory)})
    assert "Our own words for SIG3035" in shown.stdout


def test_a_user_directory_that_is_not_one_is_a_usage_error(invoke, tmp_path, log):
    result = invoke("diagnose", log, "--knowledge", tmp_path / "missing")
    assert result.exit_code == ExitCode.USAGE and "not a directory" in result.stderr


def test_catalog_text_is_never_run(invoke, tmp_path, log):
    marker = tmp_path / "ran"
    code = f"__import__('os').system('touch {marker}')"
    text = (BASE.replace("title = ", f'title = "{code}"\nx = ', 1) if False else
            BASE.replace('keywords = [', f'keywords = ["{code}", "{{{{0.__class__}}}}", ', 1)
            .replace("Each region \\\nmay appear", f"{{{{{code}}}}} Each region \\\nmay appear", 1))
    directory = entry(tmp_path, "SIG3035.toml", text)
    for args in (("diagnose", log), ("lookup", "touch"), ("show", "SIG3035"), ("list",)):
        invoke(*args, "--knowledge", directory)
    assert not marker.exists()


def test_the_package_has_no_way_to_run_data():
    # TOML is parsed with tomllib; nothing is evaluated, unpickled or imported by name.
    forbidden = re.compile(r"\b(?:eval|exec|compile)\(|\bpickle\b|\bmarshal\b|\bshelve\b|importlib|__import__|"
                           r"yaml\.load\(|\.format_map\(|\.format\(\*\*")
    for source in PACKAGE.rglob("*.py"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "re.compile(" in code or "compile_template(" in code:
                code = code.replace("re.compile(", "").replace("compile_template(", "")
            assert not forbidden.search(code), f"{source.name}:{number}: {line.strip()}"
