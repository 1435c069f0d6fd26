"""What every command shares: the configuration, the store, errors turned into exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from mailgate.config import Config, load_config
from mailgate.errors import ConfigError
from mailgate.logs import setup_logging

if TYPE_CHECKING:
    from mailgate.store.engine import Store


@dataclass
class AppContext:
    config_path: str | None
    log_level: str | None
    _config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ConfigError as e:
                fail(str(e), code=2)
            setup_logging(
                self.log_level or self._config.log.level, self._config.log.format, stream=sys.stderr
            )
        return self._config

    @contextmanager
    def store(self, *, create_if_empty: bool = True) -> Iterator[Store]:
        """The database, its schema checked.  ``create_if_empty=False`` is for commands
        that only read: they do not create a database at a mistyped path."""
        from sqlalchemy.engine import make_url

        from mailgate.errors import SchemaError
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
        store = Store(self.config.database, pool=False)
        try:
            try:
                ensure_schema(store, create_if_empty=create_if_empty and store.is_sqlite)
            except SchemaError as e:
                fail(str(e), code=2)
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


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"mailgate: {message}", err=True)
    sys.exit(code)


def dump_json(doc: Any) -> None:
    from mailgate.tickets.views import to_json

    click.echo(to_json(doc, indent=2))


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
