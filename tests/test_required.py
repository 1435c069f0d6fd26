"""Under ``MAILGATE_REQUIRE_SERVICES=1`` (what CI sets) no test passes by skipping: a
missing corpus, a missing tool, a file limit too low for a test fail the run like a
missing server.  Without it, they skip with a message saying what is missing."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_run(
    *args: str,
    require: bool,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "MAILGATE_REQUIRE_SERVICES"}
    if require:
        environment["MAILGATE_REQUIRE_SERVICES"] = "1"
    environment |= env or {}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=preexec,  # sets a resource limit in the child only
        check=False,
    )


def test_missing_corpora_fail_under_the_variable_and_skip_without(tmp_path: Path) -> None:
    test = "tests/test_classify_corpus.py::test_every_bounce_carries_a_report"
    away = {"MAILGATE_CORPORA": str(tmp_path / "no-corpora")}
    loose = pytest_run(test, require=False, env=away)
    assert loose.returncode == 0, loose.stdout
    assert "1 skipped" in loose.stdout
    strict = pytest_run(test, require=True, env=away)
    assert strict.returncode == 1, strict.stdout
    assert "the corpora are not at" in strict.stdout
    assert "1 skipped" not in strict.stdout


def test_a_missing_systemd_analyze_fails_under_the_variable(tmp_path: Path) -> None:
    test = "tests/test_unit_file.py::test_unit_passes_systemd_analyze_verify"
    no_path = {"PATH": str(tmp_path)}  # an empty directory: no systemd-analyze on it
    assert pytest_run(test, require=False, env=no_path).returncode == 0
    strict = pytest_run(test, require=True, env=no_path)
    assert strict.returncode == 1, strict.stdout
    assert "systemd-analyze is not installed" in strict.stdout


def test_a_missing_chromium_skips_the_browser_tests_and_fails_under_the_variable(
    tmp_path: Path,
) -> None:
    test = (
        "tests/browser/test_console.py::"
        "test_a_new_client_mail_appears_in_the_queue_without_a_reload"
    )
    no_path = {"PATH": str(tmp_path)}  # an empty directory: no chromium, no chromedriver
    loose = pytest_run(test, "-rs", require=False, env=no_path)
    assert loose.returncode == 0, loose.stdout
    assert "1 skipped" in loose.stdout
    assert "chromium and chromedriver not installed" in loose.stdout
    strict = pytest_run(test, require=True, env=no_path)
    assert strict.returncode == 1, strict.stdout
    assert "chromium and chromedriver not installed" in strict.stdout


def test_a_file_limit_too_low_fails_under_the_variable() -> None:
    test = (
        "tests/safety/test_smtp_listener.py::"
        "test_500_idle_connections_and_a_slow_sender_leave_room_for_a_real_client"
    )

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    loose = pytest_run(test, require=False, preexec=low_limit)
    assert loose.returncode == 0, loose.stdout
    assert "1 skipped" in loose.stdout
    strict = pytest_run(test, require=True, preexec=low_limit)
    assert strict.returncode == 1, strict.stdout
    assert "the file limit (1024) is too low" in strict.stdout


def test_any_other_skip_fails_under_the_variable(tmp_path: Path) -> None:
    """Whatever a future test skips for, CI does not pass by it."""
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\ndef test_skips() -> None:\n    pytest.skip('no reason')\n")
    # The tests' conftest, loaded as a plugin for a test file outside the tree.
    args = ("-p", "tests.conftest", f"--rootdir={tmp_path}", str(probe))
    assert pytest_run(*args, require=False).returncode == 0
    strict = pytest_run(*args, require=True)
    assert strict.returncode == 1, strict.stdout
    assert "MAILGATE_REQUIRE_SERVICES=1 does not allow: Skipped: no reason" in strict.stdout


@pytest.mark.parametrize("name", ["MAILGATE_REQUIRE_SERVICES"])
def test_ci_sets_the_variable(name: str) -> None:
    assert f"export {name}=1" in (REPO / ".ci" / "run").read_text()
