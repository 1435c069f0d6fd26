"""The systemd unit shipped in ``config/``: systemd's own checks, where systemd-analyze is
installed (a real systemd cannot run here; the notification protocol itself is tested
in test_service.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.environment import missing_service

REPO = Path(__file__).resolve().parents[1]
UNIT = REPO / "config" / "mailgate.service"
PRODUCTION = REPO / "docs" / "production.md"
# Where docs/production.md installs mailgate: a virtual environment of its own.
COMMAND = "/opt/mailgate/bin/mailgate"


@pytest.fixture
def analyze() -> str:
    path = shutil.which("systemd-analyze")
    if path is None:
        missing_service("systemd-analyze is not installed (Debian: apt-get install systemd)")
    assert path is not None
    return path


def settings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_unit_runs_mailgate_as_a_notify_service_with_reload() -> None:
    s = settings()
    assert s["Type"] == ["notify"]  # systemd 252 has no notify-reload
    assert s["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert s["ExecStart"][0].endswith(" run")
    assert s["User"] == ["mailgate"]
    assert "DynamicUser" not in s  # Postfix's pipe(8) needs a real user
    assert s["StateDirectory"] == ["mailgate"]
    for key in ("NoNewPrivileges", "PrivateTmp"):
        assert s[key] == ["yes"], key
    assert s["ProtectSystem"] == ["strict"]
    assert "WatchdogSec" in s
    assert s["KillMode"] == ["mixed"]


def test_unit_and_pipe_recipe_run_the_mailgate_that_production_md_installs() -> None:
    s = settings()
    for key in ("ExecStartPre", "ExecStart"):
        [command] = s[key]
        assert command.startswith(f"{COMMAND} --config /etc/mailgate/mailgate.toml "), key
    doc = PRODUCTION.read_text()
    assert "python3 -m venv /opt/mailgate && /opt/mailgate/bin/pip install ." in doc
    pipes = re.findall(r"argv=(\S+)", doc)
    assert pipes, "docs/production.md shows the pipe(8) recipe"
    assert set(pipes) == {COMMAND}
    assert "/usr/local/bin/mailgate" not in doc + UNIT.read_text()


def test_unit_passes_systemd_analyze_verify(tmp_path: Path, analyze: str) -> None:
    # verify checks that the commands exist: point them at this installation's mailgate.
    here = Path(sys.executable).parent / "mailgate"
    if not here.exists():
        missing_service(f"no mailgate command at {here}")
    unit = tmp_path / "mailgate.service"
    unit.write_text(UNIT.read_text().replace(COMMAND, str(here)))
    p = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert "mailgate.service" not in p.stderr, p.stderr


def test_security_exposure_is_at_most_3_and_the_docs_say_it(analyze: str) -> None:
    p = subprocess.run(
        [analyze, "security", "--offline=true", str(UNIT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    m = re.search(r"Overall exposure level for mailgate\.service: (\d+\.\d)", p.stdout)
    assert m, p.stdout + p.stderr
    score = float(m.group(1))
    assert score <= 3.0, p.stdout
    readme = (REPO / "docs" / "production.md").read_text()
    assert f"exposure level {m.group(1)}" in readme
