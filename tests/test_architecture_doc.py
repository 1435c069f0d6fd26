"""docs/architecture.md says what the code does: its rule tables are the code's tables,
rendered again here, and its table of layers is ``LAYERS`` of tests/support/layers.py."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from mailgate.classify.rules import precedence
from mailgate.process.disposition import held_rate_limited, join_ticket, reopen_window
from mailgate.process.tables import TABLES, actions, match_rules, rewrite, verdict_kinds
from mailgate.thread import by_references
from tests.support.layers import LAYERS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "architecture.md"
COMMAND = ".venv/bin/python -m mailgate.process.tables docs/architecture.md"


def test_the_generated_tables_are_the_codes() -> None:
    text = PAGE.read_text(encoding="utf-8")
    expected = rewrite(text)
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            "docs/architecture.md",
            "from the code",
        )
    )
    assert text == expected, (
        f"the rule tables of docs/architecture.md differ from the code; `{COMMAND}` "
        f"rewrites them:\n{diff}"
    )


def test_a_table_edited_by_hand_is_caught() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for row in ("| `held_bounce` | `hold` |", "| `references` |", "| `list_headers` |"):
        assert row in text
        edited = text.replace(row, row.replace("` |", "_old` |", 1))
        assert edited != text
        assert rewrite(edited) != edited
        assert rewrite(edited) == rewrite(text)


def test_every_table_has_its_block() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for name in TABLES:
        assert f"<!-- generated: {name} -->" in text
        block = rf"<!-- generated: {name} -->.*?<!-- end generated -->"
        without = re.sub(block, "", text, count=1, flags=re.S)
        with pytest.raises(ValueError, match=name):
            rewrite(without)
    with pytest.raises(ValueError, match="unknown"):
        rewrite(text + "<!-- generated: nothing -->\n<!-- end generated -->\n")


def test_what_a_rule_decides_is_read_from_its_source() -> None:
    assert verdict_kinds(precedence) == ["auto_reply", "auto_generated", "list"]
    assert match_rules(by_references) == ["references", "new_ticket"]
    assert match_rules(reopen_window) == ["new_ticket"]
    # Through the module's helper that builds the disposition (``_hold``).
    assert actions(held_rate_limited) == ["hold"]
    assert actions(join_ticket) == ["join"]


def _layer_rows(text: str) -> list[tuple[str, list[str]]]:
    m = re.search(r"<!-- layers:[^\n]*-->\n(.*?)<!-- end layers -->", text, re.S)
    assert m is not None, "docs/architecture.md has no <!-- layers: … --> table"
    rows = []
    for line in m.group(1).splitlines()[2:]:
        _n, name, modules = (cell.strip() for cell in line.strip("|").split("|"))
        rows.append((name, re.findall(r"`([^`]+)`", modules)))
    return rows


def test_the_table_of_layers_is_LAYERS() -> None:
    expected = [(name, list(entries)) for name, entries in LAYERS]
    assert _layer_rows(PAGE.read_text(encoding="utf-8")) == expected, (
        "docs/architecture.md's table of layers differs from LAYERS in tests/support/layers.py"
    )


@pytest.mark.parametrize("page", ["README.md", "docs/design.md"])
def test_the_page_is_linked(page: str) -> None:
    assert "architecture.md" in (ROOT / page).read_text(encoding="utf-8")
