"""What every command shares: the configuration, the store, errors turned into exit codes.

The command line starts in a fraction of the time the whole package takes to load:
``mailgate --help``, ``--version`` and every command's ``--help`` import click and the
modules of this folder, which import at their top only light modules (the error tree,
the state machine's table, the terminal's filter).  The configuration (pydantic), the
store (SQLAlchemy), the parser, the templates (jinja2) and the rest are imported by the
command that uses them, when it runs (tests/test_cli_startup.py checks which).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from mailgate.errors import (
    ConfigError,
    Invalid,
    MailgateError,
    NotFound,
    Refused,
    SchemaError,
    TemplateError,
    Unavailable,
)

if TYPE_CHECKING:
    from mailgate.config import Config
    from mailgate.store.engine import Store


@dataclass
class AppContext:
    config_path: str | None
    log_level: str | None
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            from mailgate.config import load_config
            from mailgate.logs import setup_logging

            self._config = load_config(self.config_path)
            setup_logging(
                self.log_level or self._config.log.level, self._config.log.format, stream=sys.stderr
            )
        return self._config

    @contextmanager
    def store(self, *, create_if_empty: bool = True) -> Iterator[Store]:
        """The database, its schema checked.  ``create_if_empty=False`` is for commands
        that only read: they do not create a database at a mistyped path."""
        from sqlalchemy.engine import make_url

        from mailgate.store.engine import Store
        from mailgate.store.migrate import ensure_schema

        url = make_url(self.config.database.url)
        if not create_if_empty and url.get_backend_name() == "sqlite":
            path = url.database or ""
            if path and path != ":memory:" and not Path(path).exists():
                fail(
                    f"no database at {path} (`mailgate run` or `mailgate db upgrade` creates it)",
                    code=2,
                )
        # One pooled connection for the command's life, not one per transaction: on
        # SQLite, closing the last connection checkpoints the WAL into the database
        # file, which a command of many short transactions (`mailgate process`) would
        # otherwise do after each of them.
        store = Store(self.config.database, pool=True)
        try:
            ensure_schema(store, create_if_empty=create_if_empty and store.is_sqlite)
            yield store
        finally:
            store.dispose()


pass_app = click.make_pass_decorator(AppContext)


class _Number(click.ParamType[int, object]):
    """A ticket number or an inbox id: ASCII digits only.  click's ``int`` is Python's,
    which reads every script's digits ("١٢", "１２") and "+1_2" as well."""

    name = "number"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            self.fail(f"{value!r} is not a number (digits 0-9)", param, ctx)
        return int(value)


NUMBER = _Number()


# What a command exits with for each kind of error, first match wins: 2 when nothing can
# run until a person fixes the configuration or the database's schema; 75 (EX_TEMPFAIL,
# as for `deliver`) when the database is away and the same command may succeed later; 1
# when the request itself is refused.  The message is the error's, after its prefix.
EXIT_CODES: tuple[tuple[type[MailgateError], int, str], ...] = (
    (ConfigError, 2, ""),
    (SchemaError, 2, ""),
    (Unavailable, 75, ""),
    (TemplateError, 1, "template error, nothing was sent: "),
    (NotFound, 1, ""),
    (Refused, 1, ""),
    (Invalid, 1, ""),
    (MailgateError, 1, ""),
)


def exit_for(error: MailgateError) -> tuple[int, str]:
    """The exit code and the line a command ends with for ``error``."""
    for kind, code, prefix in EXIT_CODES:
        if isinstance(error, kind):
            return code, prefix + str(error)
    raise AssertionError("MailgateError ends the table")  # pragma: no cover


class Commands(click.Group):
    """The command group: what a command raises from the error tree ends it with one
    line and the exit code of :data:`EXIT_CODES`, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MailgateError as e:
            code, message = exit_for(e)
            fail(message, code=code)


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"mailgate: {message}", err=True)
    sys.exit(code)


def dump_json(doc: Any) -> None:
    from mailgate.tickets.views import to_json

    click.echo(to_json(doc, indent=2))


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


F = TypeVar("F", bound=Callable[..., Any])


as_option = click.option(
    "--as",
    "as_",
    metavar="ADDRESS",
    help="Act as this agent of [[agents]] (default: [helpdesk] default_agent, else the system).",
)
"""``--as ADDRESS`` of a command an agent does: who acts (cli.agents.actor_of)."""


def workers_option(help: str) -> Callable[[F], F]:
    """``--workers N`` (``-j N``) of a command that spreads its work over processes:
    one per core when not given."""
    return click.option(
        "--workers",
        "-j",
        type=click.IntRange(1, 64),
        metavar="N",
        help=help,
        callback=lambda _ctx, _param, value: value or _cores(),
    )


def _cores() -> int:
    """The cores this process may run on."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
