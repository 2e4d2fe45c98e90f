"""The wheel carries the catalog and the translations, and finds them from anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    if shutil.which("pip") is None and subprocess.run([sys.executable, "-m", "pip", "--version"],
                                                       capture_output=True).returncode:
        pytest.skip("pip is not available")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot build a wheel here: {done.stderr.strip()[-200:]}")
    return next(out.glob("sigdoctor-*.whl"))


def test_wheel_contains_every_entry_and_every_language(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    entries = {p.name for p in (ROOT / "knowledge").glob("SIG*.toml")}
    assert {f"sigdoctor/_data/knowledge/{n}" for n in entries} <= names
    for language in ("ko", "fr", "ru", "nl"):
        assert f"sigdoctor/_data/locales/{language}/LC_MESSAGES/sigdoctor.po" in names
    assert not any(n.endswith(".mo") for n in names)  # compiled in memory, never shipped stale


def test_installed_package_finds_its_data_from_any_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("from sigdoctor.catalog import load_catalog; from sigdoctor import i18n;"
            "c = load_catalog(); i18n.set_language('ko');"
            "from sigdoctor.localized import title; print(len(c), title(c.get('SIG2006')), c.directories[0])")
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "SIGDOCTOR_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr
    count, _, rest = done.stdout.partition(" ")
    assert int(count) >= 80
    assert "갤러리" in rest and str(site) in rest
