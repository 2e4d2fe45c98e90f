"""Fixtures for the hardening tests: the CLI, run in-process."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sigdoctor.cli import cli


@pytest.fixture(scope="session")
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    def run(*args, input=None, env=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, env=env, catch_exceptions=False)
    return run
