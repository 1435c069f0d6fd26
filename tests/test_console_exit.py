"""The console script leaves without the interpreter's teardown (``mailgate.__main__.run``)
and still exits as ``sys.exit`` would: the same status, everything written to its
standard streams delivered, its exit handlers run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailgate.__main__ import exit_status
from tests.support.environment import REPO


def _mailgate(tmp_path: Path, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "MAILGATE_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "mailgate", *args],
        cwd=tmp_path,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_success_and_its_output(tmp_path: Path) -> None:
    done = _mailgate(tmp_path, "--version")
    assert done.returncode == 0
    assert done.stdout.decode().startswith("mailgate, version ")


def test_a_usage_error_keeps_its_status_and_message(tmp_path: Path) -> None:
    done = _mailgate(tmp_path, "no-such-command")
    assert done.returncode == 2
    assert b"No such command" in done.stderr


def test_a_long_output_arrives_whole(tmp_path: Path) -> None:
    # Far more than a pipe's buffer, written just before the process leaves.
    body = "".join(f"Line {i} of a long message about the printer.\n" for i in range(20_000))
    mail = tmp_path / "long.eml"
    mail.write_bytes(
        b"From: jo@client.example\r\nTo: support@helpdesk.example\r\nSubject: long\r\n\r\n"
        + body.encode()
    )
    done = _mailgate(tmp_path, "parse", str(mail), "--json")
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert parsed["text"].count("\n") >= 19_999


def test_an_error_exits_non_zero(tmp_path: Path) -> None:
    done = _mailgate(tmp_path, "parse", str(tmp_path / "missing.eml"))
    assert done.returncode != 0
    assert done.stderr


@pytest.mark.parametrize(
    ("code", "status"),
    [(None, 0), (0, 0), (1, 1), (2, 2), (75, 75), (256, 0), (-1, 255), (True, 1)],
)
def test_status_as_sys_exit_gives_it(code: object, status: int) -> None:
    assert exit_status(code) == status


def test_a_message_as_the_code_is_printed_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status("the database is gone") == 1
    assert "the database is gone" in capsys.readouterr().err
