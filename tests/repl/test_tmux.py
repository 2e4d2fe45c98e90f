"""End to end: the installed `sigdoctor` in a real terminal (tmux), a bracketed paste, answers, the screen.

Set SIGDOCTOR_E2E_SCREEN=/some/file to keep the captured screen of the walk.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest

LOG = Path(__file__).parents[1] / "data" / "sample-az-debug.log"

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(shutil.which("sigdoctor") is None,
                       reason="the sigdoctor program is not on PATH (pip install -e . first)"),
    pytest.mark.skipif(not LOG.is_file(), reason=f"{LOG} is missing"),
]


class Terminal:
    """One tmux server of our own (its own socket), so a user's tmux is never touched."""

    def __init__(self, tmp_path: Path, command: str):
        self.socket = f"sigdoctor-test-{os.getpid()}-{id(self)}"
        env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} LANG=C.UTF-8 TERM=xterm-256color"
        self.tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", "doctor", f"{env} {command}")

    def tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                                capture_output=True, text=True, timeout=20, check=True)
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "doctor")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")

    def paste(self, path: Path) -> None:
        self.tmux("load-buffer", "-b", "log", str(path))
        self.tmux("paste-buffer", "-p", "-d", "-b", "log", "-t", "doctor")  # -p: bracketed paste

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "doctor", *keys)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def terminal(tmp_path):
    started = []

    def start(command: str) -> Terminal:
        started.append(Terminal(tmp_path, command))
        return started[-1]

    yield start
    for term in started:
        term.close()


def answer_yes_until_resolved(term: Terminal, limit: int = 8) -> str:
    for _ in range(limit):
        screen = term.screen()
        if "Resolved:" in screen:
            return screen
        term.keys("y", "Enter")
        time.sleep(0.3)
    return term.wait_for("Resolved:")


def keep(screen: str) -> None:
    target = os.environ.get("SIGDOCTOR_E2E_SCREEN")
    if target:
        Path(target).write_text(screen, encoding="utf-8")


def test_a_pasted_debug_log_is_diagnosed_and_walked_to_resolved(terminal):
    term = terminal("sigdoctor repl --lang en")
    term.wait_for("sigdoctor>")
    term.paste(LOG)
    screen = term.wait_for("Step 1 of")
    assert "[pasted " in screen  # the log went in as one input, shown as one line
    assert screen.count("Error 1 of 1") == 1
    assert "SIG3024 · " in screen and "1.0.0-beta" in screen
    assert "Run (az):" in screen and "gal_prod_weu" in screen  # a command filled with the user's names
    screen = answer_yes_until_resolved(term)
    assert "Resolved: SIG3024" in screen
    keep(screen)
    term.keys("C-d")


def test_piped_input_prints_then_walks_on_the_terminal(terminal):
    term = terminal(f"sh -c 'cat {shlex.quote(str(LOG))} | sigdoctor --lang en; echo EXIT=$?; sleep 30'")
    screen = term.wait_for("Step 1 of")
    assert "SIG3024 · " in screen and "Found 1 error." in screen
    screen = answer_yes_until_resolved(term)
    screen = term.wait_for("EXIT=1")  # the walk ends with the resolution; the code is diagnose's
    assert "Resolved: SIG3024" in screen


def test_piped_input_with_no_walk_only_prints(terminal):
    term = terminal(f"sh -c 'sigdoctor diagnose --no-walk --lang en < {shlex.quote(str(LOG))}; echo EXIT=$?; sleep 30'")
    screen = term.wait_for("EXIT=1")
    assert "SIG3024 · " in screen and "Step 1 of" not in screen
