"""One tree of exceptions, translated once where foreign errors enter, mapped once per edge."""

from __future__ import annotations

import ast
import importlib
import inspect
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

import mailgate
from mailgate import errors
from mailgate.api.app import STATUS_CODES
from mailgate.cli.common import EXIT_CODES, exit_for
from mailgate.cli.main import cli
from mailgate.config import DatabaseConfig
from mailgate.errors import (
    ConfigError,
    MailgateError,
    NotHeld,
    SchemaError,
    TemplateError,
    TicketNotFound,
    TransitionRefused,
    Unavailable,
)
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.timebox import ParseTimeLimit

# Exceptions raised and caught inside one module, never seen outside it.
PRIVATE_PREFIX = "_"
# A BaseException on purpose: a CPU-time bound must get through `except Exception`.
OUTSIDE_THE_TREE = {ParseTimeLimit}


def _modules() -> list[str]:
    root = Path(mailgate.__file__).parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if "migrations" in parts or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_exception_mailgate_defines_is_in_errors_under_one_base() -> None:
    elsewhere = []
    for name in _modules():
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, BaseException) or cls.__module__ != name:
                continue
            if cls_name.startswith(PRIVATE_PREFIX) or cls in OUTSIDE_THE_TREE:
                continue
            if name != "mailgate.errors":
                elsewhere.append(f"{name}.{cls_name}")
            assert issubclass(cls, MailgateError), f"{name}.{cls_name} is outside the tree"
    assert not elsewhere, f"exceptions defined outside mailgate/errors.py: {elsewhere}"


def test_the_tree_in_the_docstring_names_every_class() -> None:
    defined = {
        n
        for n, c in inspect.getmembers(errors, inspect.isclass)
        if c.__module__ == "mailgate.errors"
    }
    drawn = {
        line.split("──")[1].split()[0]
        for line in (errors.__doc__ or "").splitlines()
        if "──" in line
    }
    assert drawn | {"MailgateError"} == defined


def test_every_class_of_the_tree_is_raised_somewhere() -> None:
    raised: set[str] = set()
    for path in Path(mailgate.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Raise) and node.exc is not None:
                call = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                if isinstance(call, ast.Name):
                    raised.add(call.id)
    defined = {
        n
        for n, c in inspect.getmembers(errors, inspect.isclass)
        if c.__module__ == "mailgate.errors"
    }
    # The bases are caught by kind, never raised themselves.
    bases = {
        "MailgateError",
        "Invalid",
        "NotFound",
        "Refused",
        "DeliveryFailure",
        "ClientViolation",
    }
    assert defined - bases - raised == set()


def _sqlite(tmp_path: Path, busy_timeout: str = "0.3s") -> Store:
    store = Store(
        DatabaseConfig(url=f"sqlite:///{tmp_path / 'db.sqlite'}", busy_timeout=busy_timeout)
    )
    upgrade(store)
    return store


def test_a_write_lock_held_past_the_busy_timeout_is_unavailable(tmp_path: Path) -> None:
    store = _sqlite(tmp_path)
    other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Unavailable, match="database unavailable"), store.write() as session:
            session.execute(text("SELECT 1"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    with store.write() as session:  # and once it is released, writing works again
        session.execute(text("SELECT 1"))


def test_a_wrong_statement_is_not_unavailability(tmp_path: Path) -> None:
    store = _sqlite(tmp_path)
    with pytest.raises(OperationalError, match="no such table") as caught, store.read() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(caught.value, Unavailable)


def test_a_database_that_cannot_be_opened_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    store = Store(DatabaseConfig(url=f"sqlite:///{tmp_path / 'dir'}"))  # a directory
    with pytest.raises(Unavailable, match="unable to open"), store.read() as session:
        session.execute(text("SELECT 1"))


def test_a_postgresql_server_that_refuses_connections_is_unavailable() -> None:
    # Port 1 on loopback: nothing listens there.
    store = Store(DatabaseConfig(url="postgresql+psycopg://nobody@127.0.0.1:1/none"), pool=False)
    with pytest.raises(Unavailable, match="database unavailable"), store.read() as session:
        session.execute(text("SELECT 1"))


@pytest.mark.parametrize(
    ("error", "code", "line"),
    [
        (ConfigError("x.toml", ["[database] url: wrong"]), 2, "invalid configuration x.toml"),
        (SchemaError("the schema is old"), 2, "the schema is old"),
        (Unavailable("database unavailable: locked"), 75, "database unavailable"),
        (TemplateError("reply.txt line 3"), 1, "template error, nothing was sent: reply.txt"),
        (TicketNotFound(7), 1, "no ticket 7"),
        (TransitionRefused("closed", "agent_reply"), 1, "not allowed"),
        (MailgateError("anything else"), 1, "anything else"),
    ],
)
def test_each_error_ends_a_command_with_its_code(
    error: MailgateError, code: int, line: str
) -> None:
    got, said = exit_for(error)
    assert got == code
    assert line in said


def test_the_edges_tables_end_with_their_catch_all() -> None:
    assert EXIT_CODES[-1][0] is MailgateError
    assert {kind for kind, _, _ in STATUS_CODES} >= {Unavailable, TemplateError}
    assert issubclass(NotHeld, LookupError)  # callers catch it by its stdlib kind too


def test_a_locked_database_ends_a_command_with_75_and_one_line(tmp_path: Path) -> None:
    store = _sqlite(tmp_path)
    store.dispose()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite"}"\nbusy_timeout = "0.3s"\n'
        '[helpdesk]\ndomain = "helpdesk.test"\n'
        '[[departments]]\nname = "support"\naddress = "support@helpdesk.test"\n'
    )
    other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(cli, ["--config", str(conf), "accept", "1"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.exit_code == 75, result.output
    assert "database unavailable" in result.output
    assert "Traceback" not in result.output
