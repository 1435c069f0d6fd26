"""Running the ``mailgate`` command line in a test, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    config_text: str,
    tmp_path: Path,
    *args: str,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``mailgate --config <tmp_path>/mailgate.toml ARGS…`` with ``config_text`` written
    there (and ``env`` added to the environment); its exit status, stdout and stderr."""
    conf = tmp_path / "mailgate.toml"
    conf.write_text(config_text)
    return subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args],
        capture_output=True,
        text=True,
        input=input,
        env=os.environ | (env or {}),
        timeout=60,
        check=False,
    )
