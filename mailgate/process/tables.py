"""tables: the named rules of classify, thread and the disposition, as the Markdown tables
of docs/architecture.md.

Those tables are written from the code, never by hand.  Each sits in the page between
``<!-- generated: NAME -->`` and ``<!-- end generated -->``;
``python -m mailgate.process.tables docs/architecture.md`` rewrites them in place, and
without a path prints them.  tests/test_architecture_doc.py fails when the page and the
code disagree.

A row is a rule's place in its table, its name, what it can decide and the first
paragraph of its docstring.  What a rule can decide is read from its source (stdlib
``ast``), with the helpers of its own module that it calls: the verdict kinds a
classification rule names, the rule names carried by the matches a threading rule
builds, the actions a disposition rule returns.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from mailgate.classify import KINDS
from mailgate.classify.rules import RULES as CLASSIFY_RULES
from mailgate.process.disposition import DISPOSITION_RULES, HOLD_RULES, TICKET_RULES, Action
from mailgate.thread import RULES as THREAD_RULES

Function = Callable[..., Any]

BLOCK = re.compile(
    r"(?P<start><!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)"
    r"(?P<end><!-- end generated -->)",
    re.S,
)
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")  # :mod:`mailgate.tokens` → `mailgate.tokens`


def summary(fn: Function) -> str:
    """The first paragraph of a rule's docstring, on one line, as Markdown."""
    if not fn.__doc__:
        raise ValueError(f"{fn.__module__}.{fn.__name__} has no docstring to describe it")
    text = " ".join(inspect.cleandoc(fn.__doc__).split("\n\n")[0].split())
    text = _ROLE.sub(r"``\1``", text).replace("``", "`")
    return text.replace("|", "\\|")


def _nodes(fn: Function, seen: set[str] | None = None) -> Iterator[ast.AST]:
    """Every node of ``fn``'s source and of the functions of its module that it calls."""
    seen = seen if seen is not None else set()
    seen.add(fn.__name__)
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    for node in _in_source_order(tree):
        yield node
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            callee = fn.__globals__.get(node.func.id)
            if (
                inspect.isfunction(callee)
                and callee.__module__ == fn.__module__
                and callee.__name__ not in seen
            ):
                yield from _nodes(callee, seen)


def _in_source_order(node: ast.AST) -> Iterator[ast.AST]:
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _in_source_order(child)


def _in_order(found: set[str], order: Sequence[str]) -> list[str]:
    return [value for value in order if value in found]


def verdict_kinds(rule: Function) -> list[str]:
    """The verdict kinds a classification rule names."""
    found = {
        value
        for node in _nodes(rule)
        if isinstance(node, ast.Name)
        and isinstance(value := rule.__globals__.get(node.id), str)
        and value in KINDS
    }
    return _in_order(found, KINDS)


def match_rules(rule: Function) -> list[str]:
    """The rule names of the matches a threading or ticket rule builds
    (``Match(ticket, "references", …)``)."""
    found: list[str] = []
    for node in _nodes(rule):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Match"
            and len(node.args) > 1
        ):
            name = _string(rule, node.args[1])
            if name is not None and name not in found:
                found.append(name)
    return found


def _string(rule: Function, node: ast.expr) -> str | None:
    """The string ``node`` is: a literal, or a member of a string enum (``ThreadRule.BOUNCE``)
    that ``rule``'s module imports."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = rule.__globals__.get(node.value.id)
        member = getattr(owner, node.attr, None)
        if isinstance(member, StrEnum):
            return member.value
    return None


def actions(rule: Function) -> list[str]:
    """The actions a disposition rule returns (``Action.HOLD`` …)."""
    found = {
        Action[node.attr].value
        for node in _nodes(rule)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Action"
    }
    return _in_order(found, [a.value for a in Action])


def _code(values: Sequence[str]) -> str:
    return ", ".join(f"`{v}`" for v in values) or "—"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def classification_table() -> str:
    rows = [
        [str(i), f"`{name}`", _code(verdict_kinds(rule)), summary(rule)]
        for i, (name, rule) in enumerate(CLASSIFY_RULES, 1)
    ]
    return _table(("#", "rule", "verdict", "what it means"), rows)


def threading_table() -> str:
    rows = [
        [str(i), f"`{name}`", _code(match_rules(rule)), summary(rule)]
        for i, (name, rule) in enumerate(THREAD_RULES, 1)
    ]
    return _table(("#", "rule", "match's rule", "what it means"), rows)


def ticket_rules_table() -> str:
    rows = [
        [str(i), f"`{name}`", _code(match_rules(rule)), summary(rule)]
        for i, (name, rule) in enumerate(TICKET_RULES, 1)
    ]
    return _table(("#", "rule", "match's rule", "what it means"), rows)


def dispositions_table() -> str:
    # DISPOSITION_RULES holds the hold rules wrapped (skipped for accepted mail); their
    # source and docstring are the rules' own.
    own = dict(HOLD_RULES)
    rows = []
    for i, (name, wrapped) in enumerate(DISPOSITION_RULES, 1):
        rule = own.get(name, wrapped)
        rows.append([str(i), f"`{name}`", _code(actions(rule)), summary(rule)])
    return _table(("#", "rule", "action", "what it means"), rows)


# The generated blocks of docs/architecture.md, by the name in their opening marker.
TABLES: dict[str, Callable[[], str]] = {
    "classification": classification_table,
    "threading": threading_table,
    "ticket-rules": ticket_rules_table,
    "dispositions": dispositions_table,
}


def rewrite(text: str) -> str:
    """``text`` with every generated block rendered again from the code.  Raises
    ValueError for a block of an unknown name, or a table that has no block."""
    seen: list[str] = []

    def render(m: re.Match[str]) -> str:
        name = m["name"]
        if name not in TABLES:
            raise ValueError(f"unknown generated block {name!r}: expected one of {list(TABLES)}")
        seen.append(name)
        return m["start"] + TABLES[name]() + m["end"]

    out = BLOCK.sub(render, text)
    missing = [name for name in TABLES if name not in seen]
    if missing:
        raise ValueError(f"no <!-- generated: NAME --> block for {missing}")
    return out


def main(argv: Sequence[str]) -> int:
    """No argument: print the tables.  A path: rewrite its generated blocks in place."""
    if not argv:
        for name, render in TABLES.items():
            sys.stdout.write(f"<!-- generated: {name} -->\n{render()}<!-- end generated -->\n\n")
        return 0
    if len(argv) > 1 or argv[0].startswith("-"):
        sys.stderr.write("usage: python -m mailgate.process.tables [docs/architecture.md]\n")
        return 2
    path = Path(argv[0])
    text = path.read_text(encoding="utf-8")
    new = rewrite(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        sys.stdout.write(f"{path}: tables rewritten\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
