"""One vocabulary: the states, statuses, verdict kinds and rules are string enums, whose
values are what the database, the API, the command line and the metrics say; no module
compares them with bare strings."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path
from typing import get_args

import mailgate
from mailgate.api import openapi, schemas
from mailgate.classify.verdict import Kind
from mailgate.cli.agents import tickets_cmd
from mailgate.cli.mail import quarantine_cmd
from mailgate.lifecycle import DEFAULT, Event, Status
from mailgate.process.disposition import DESCRIPTIONS, HOLD_RULES, HoldRule
from mailgate.store.inbox_repo import FOR_A_PERSON
from mailgate.store.models import InboxState, LinkKind, OutboxState
from mailgate.thread import RULES as THREAD_RULES
from mailgate.thread import ThreadRule

ENUMS: tuple[type[StrEnum], ...] = (
    Status,
    Event,
    Kind,
    InboxState,
    OutboxState,
    ThreadRule,
    HoldRule,
    LinkKind,
)
# The names under which the code keeps these values: what a bare string compared with
# one of them would be a value of.
FIELDS = {"state", "status", "kind", "verdict", "rule", "thread_rule", "previous_status"}


def _values(enum: type[StrEnum]) -> list[str]:
    return [m.value for m in enum]


def test_the_values_are_the_ones_the_database_holds() -> None:
    assert _values(Status) == [
        "open",
        "in_progress",
        "answered",
        "customer_reply",
        "on_hold",
        "closed",
    ]
    assert _values(InboxState) == ["received", "processed", "held", "quarantined", "failed"]
    assert _values(OutboxState) == ["queued", "sending", "sent", "failed"]
    assert "human" in _values(Kind)
    assert ThreadRule.REPLY_ADDRESS == "reply_token"  # the stored name predates the member's


def test_a_member_is_its_value_wherever_it_is_written() -> None:
    assert f"{Status.OPEN}" == str(Status.OPEN) == "open"
    assert "%s" % InboxState.HELD == "held"  # noqa: UP031 - the log's formatting
    assert Status("customer_reply") is Status.CUSTOMER_REPLY
    assert f"{Status.OPEN!r}" == "'open'"  # messages written with !r read as before


def test_the_api_and_the_command_line_offer_the_same_values() -> None:
    assert list(get_args(schemas.Status)) == _values(Status)
    assert set(get_args(schemas.AgentStatus)) == {str(s) for s in DEFAULT.agent_statuses()}
    assert list(get_args(schemas.InboxState)) == [str(s) for s in FOR_A_PERSON]
    state = schemas.Delivery.model_fields["state"].annotation
    assert list(get_args(state)) == _values(OutboxState)
    held = openapi.openapi_document()["paths"]["/api/held"]["get"]["parameters"]
    (state_parameter,) = [p for p in held if p["name"] == "state"]
    assert state_parameter["schema"]["enum"] == [str(s) for s in FOR_A_PERSON]
    options = {p.name: p for p in quarantine_cmd.params}
    assert list(options["state"].type.choices) == [str(s) for s in FOR_A_PERSON]  # type: ignore[attr-defined]
    options = {p.name: p for p in tickets_cmd.params}
    assert list(options["status"].type.choices) == _values(Status)  # type: ignore[attr-defined]


def test_every_rule_stored_as_thread_rule_is_a_member() -> None:
    assert [name for name, _ in THREAD_RULES] == [
        ThreadRule.REPLY_ADDRESS,
        ThreadRule.REFERENCES,
        ThreadRule.SUBJECT_TOKEN,
    ]
    assert [name for name, _ in HOLD_RULES] == list(HoldRule)
    assert list(DESCRIPTIONS) == list(HoldRule)
    assert not set(_values(ThreadRule)) & set(_values(HoldRule))


def _bare_values(path: Path, vocabulary: dict[str, str]) -> list[str]:
    found = []

    def named(node: ast.expr) -> bool:
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        return name in FIELDS

    for node in ast.walk(ast.parse(path.read_text())):
        constants: list[ast.expr] = []
        if isinstance(node, ast.Compare) and named(node.left):
            for c in node.comparators:
                constants += c.elts if isinstance(c, ast.Tuple | ast.List | ast.Set) else [c]
        elif isinstance(node, ast.keyword) and node.arg in FIELDS:
            constants.append(node.value)
        elif isinstance(node, ast.Dict):
            constants += [
                v
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value in FIELDS
            ]
        for c in constants:
            if isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in vocabulary:
                found.append(f"{path}:{c.lineno}: {c.value!r} is {vocabulary[c.value]}")
    return found


def test_no_module_compares_a_state_with_a_bare_string() -> None:
    vocabulary = {m.value: f"{type(m).__name__}.{m.name}" for enum in ENUMS for m in enum}
    root = Path(mailgate.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts:  # a migration keeps the values of its day
            found += _bare_values(path, vocabulary)
    assert not found, "bare strings of the vocabulary:\n  " + "\n  ".join(found)


def test_the_scan_finds_a_bare_state(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('if row.state == "held":\n    pass\nx = f(status="closed")\n')
    found = _bare_values(sample, {"held": "InboxState.HELD", "closed": "Status.CLOSED"})
    assert len(found) == 2
