"""`mailgate deliver --help`, docs/commands.md and the code give the same exit codes."""

from __future__ import annotations

import re

from click.testing import CliRunner

from mailgate.cli.main import cli
from mailgate.receive import deliver
from tests.support.environment import REPO


def _documented() -> dict[int, str]:
    text = (REPO / "docs" / "commands.md").read_text()
    table = text[text.index("`mailgate deliver` exit codes") :]
    rows = re.findall(r"^\| (\d+)(?: `(EX_[A-Z]+)`)? \| ([^|]+) \|", table, re.M)
    return {int(code): name for code, name, _ in rows}


def _helped() -> dict[int, str]:
    shown = CliRunner().invoke(cli, ["deliver", "--help"], terminal_width=200).output
    said = " ".join(shown.split("Exit status:")[1].split("Options:")[0].split())
    return {int(code): what for code, what in re.findall(r"(\d+) ([^;.]+)", said)}


def test_the_help_the_docs_and_the_code_give_the_same_codes() -> None:
    documented = _documented()
    assert set(documented) == {0, 65, 67, 75}
    assert set(_helped()) == set(documented)
    for code, name in documented.items():
        if name:
            assert getattr(deliver, name) == code, name


def test_each_code_means_the_same_in_the_help_and_the_docs() -> None:
    helped = _helped()
    assert helped[0].startswith("stored")
    assert "no department" in helped[67]
    assert "no message" in helped[65]
    assert "max_message_bytes" in helped[65]
    assert "anything else" in helped[75]
