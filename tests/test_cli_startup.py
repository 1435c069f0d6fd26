"""The command line loads what a command needs, not the whole package: the commands'
list and each one's options (``--help``), ``--version``, and the commands that need
neither the database nor the parser start without SQLAlchemy, the parser, the templates
or the listeners (bench/startup.py measures how long that takes; no test here times
anything).

Each case runs ``mailgate`` in a new interpreter, as a person or an MTA does, and reads
the modules it loaded from ``sys.modules`` at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from mailgate.cli.agents import PRIORITIES
from mailgate.cli.main import cli
from mailgate.tickets.incoming import PRIORITIES as TICKET_PRIORITIES
from tests.support.environment import REPO

# Runs `mailgate ARGS` for each ARGS of its first argument (JSON) in this one process, as
# the console script does, and writes their exit codes and the modules loaded to the
# file its second argument names (standard output is the commands').
LOADED = """
import json, sys
from mailgate.__main__ import main

runs, report = json.loads(sys.argv[1]), sys.argv[2]
codes = []
for args in runs:
    sys.argv = ["mailgate", *args]
    try:
        main()
    except SystemExit as e:
        codes.append(e.code or 0)
    else:
        codes.append(0)
with open(report, "w") as f:
    json.dump({"codes": codes, "modules": sorted(sys.modules)}, f)
"""

STORE = ("sqlalchemy", "alembic", "psycopg", "mailgate.store")
PARSER = ("mailgate.parse", "mailgate.classify", "lxml", "inscriptis", "nh3")
# What the daemon's roles bring: the listener, the mailbox reader, the scheduler, the API.
ROLES = ("aiosmtpd", "imapclient", "apscheduler", "aiohttp", "mailgate.ops.daemon")
TEMPLATES = ("jinja2", "mailgate.notify")
CONFIGURATION = ("pydantic", "mailgate.config")
# Nothing of this is needed to list the commands or a command's options.
HEAVY = (*STORE, *PARSER, *ROLES, *TEMPLATES, *CONFIGURATION, "mailgate.tickets", "asyncio")


def loaded(tmp_path: Path, *runs: Sequence[str], stdin: bytes = b"") -> tuple[list[int], set[str]]:
    """``mailgate RUN`` for each of ``runs``, one after the other in one new interpreter
    (in ``tmp_path``, on the embedded default configuration, ``stdin`` on its standard
    input): their exit codes, and every module loaded by the end."""
    report = tmp_path / "loaded.json"
    env = {k: v for k, v in os.environ.items() if k != "MAILGATE_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", LOADED, json.dumps([list(r) for r in runs]), str(report)],
        cwd=tmp_path,
        env=env,
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(report.read_text())
    return doc["codes"], set(doc["modules"])


def among(modules: set[str], names: Sequence[str]) -> list[str]:
    """Those of ``names`` that were loaded (a package is, whenever one of its modules is)."""
    return [name for name in names if name in modules]


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group under ``group``, as the words that name it."""
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))


def test_the_commands_and_their_options_are_listed_from_the_command_line_alone(
    tmp_path: Path,
) -> None:
    paths = list(command_paths(cli))
    assert ("tickets",) in paths
    assert ("jobs", "run") in paths
    runs = [["--help"], ["-h"], ["--version"], *([*p, "--help"] for p in paths)]
    codes, modules = loaded(tmp_path, *runs)
    assert codes == [0] * len(runs)
    assert among(modules, HEAVY) == []


def test_the_version_alone_loads_nothing_of_the_commands(tmp_path: Path) -> None:
    codes, modules = loaded(tmp_path, ["--version"])
    assert codes == [0]
    assert among(modules, HEAVY) == []


def test_check_config_needs_neither_the_store_nor_the_roles(tmp_path: Path) -> None:
    # It validates the configuration and renders every template with sample values
    # (pydantic, jinja2 and the mail composer are its work), without a database.
    codes, modules = loaded(tmp_path, ["check-config"])
    assert codes == [0]
    assert among(modules, (*STORE, *ROLES)) == []
    assert among(modules, ("mailgate.config", "jinja2")) == ["mailgate.config", "jinja2"]


def test_imap_test_needs_neither_the_store_nor_the_parser(tmp_path: Path) -> None:
    # Everything the command imports is imported before it looks the account up.
    codes, modules = loaded(tmp_path, ["imap", "test", "none-such"])
    assert codes == [2]
    assert among(modules, (*STORE, *PARSER, *TEMPLATES, "aiosmtpd", "apscheduler")) == []
    assert "imapclient" in modules


def test_parse_needs_no_database(tmp_path: Path) -> None:
    message = tmp_path / "message.eml"
    message.write_bytes(
        b"From: Client <client@customer.example>\r\nTo: support@helpdesk.example\r\n"
        b"Subject: Blank pages\r\n\r\nThe printer prints blank pages.\r\n"
    )
    codes, modules = loaded(tmp_path, ["parse", str(message)])
    assert codes == [0]
    assert among(modules, (*STORE, *ROLES, "jinja2")) == []
    assert "mailgate.parse" in modules


def test_a_command_on_the_database_loads_the_store(tmp_path: Path) -> None:
    # The cases above would pass if nothing were ever recorded: this one must see it.
    codes, modules = loaded(tmp_path, ["db", "current"])
    assert codes == [0]
    assert among(modules, ("sqlalchemy", "mailgate.store")) == ["sqlalchemy", "mailgate.store"]


def test_the_priorities_offered_are_the_tickets_ones() -> None:
    # Written out in the command line, whose options are built without mailgate.tickets.
    assert PRIORITIES == TICKET_PRIORITIES
    options = {p.name: p for p in cli.commands["ticket"].params}
    assert tuple(options["set_priority"].type.choices) == TICKET_PRIORITIES  # type: ignore[attr-defined]


def test_import_commits_without_the_orm_or_the_postgresql_dialect(tmp_path: Path) -> None:
    # ``deliver`` and ``import`` start a process per message or batch; on SQLite their
    # insert is Core (mailgate.store.inbox_rows), so the models are not theirs to load.
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "1.eml").write_bytes(
        b"From: Client <client@customer.example>\r\nTo: support@helpdesk.example\r\n"
        b"Message-ID: <startup@customer.example>\r\nSubject: Blank pages\r\n\r\n"
        b"The printer prints blank pages.\r\n"
    )
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    codes, modules = loaded(tmp_path, ["import", str(folder)])
    assert codes == [0]
    assert "mailgate.store.inbox_rows" in modules
    heavy = ("sqlalchemy.orm", "mailgate.store.models", "sqlalchemy.dialects.postgresql")
    assert among(modules, heavy) == []


# What reading a message needs only for some messages: HTML (lxml, inscriptis), a
# charset to detect (charset_normalizer) or East Asian text to weigh (chardet), a
# winmail.dat (tnefparse).
SOME_MESSAGES = ("lxml", "inscriptis", "charset_normalizer", "chardet", "tnefparse")
# What the mail-in commands never need on SQLite: the migrations' tool, the other
# database's dialect.
NEVER_ON_MAIL_IN = ("alembic", "sqlalchemy.dialects.postgresql", "psycopg")
PLAIN = (
    b"From: Client <client@customer.example>\r\nTo: support@helpdesk.example\r\n"
    b"Message-ID: <plain@customer.example>\r\nSubject: Blank pages\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"The printer prints blank pages.\r\n\r\nThanks,\r\nAnn\r\n"
)
HTML = (
    b"From: Client <client@customer.example>\r\nTo: support@helpdesk.example\r\n"
    b"Message-ID: <html@customer.example>\r\nSubject: Paper jam\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n\r\n"
    b"<p>The printer jams on every page.</p><p>Thanks,<br>Ann</p>\r\n"
)


def test_deliver_stores_without_the_orm_the_parser_or_the_daemon(tmp_path: Path) -> None:
    # The MTA starts it for every message: its work is the configuration, the schema's
    # revision and one insert (Core).  (A first run on no database makes it, Alembic's
    # work.)
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    codes, modules = loaded(tmp_path, ["deliver"], stdin=PLAIN)
    assert codes == [0]
    assert "mailgate.store.inbox_rows" in modules
    heavy = ("sqlalchemy.orm", "mailgate.store.models", "mailgate.store.search_repo")
    lazy = (*heavy, *PARSER, *SOME_MESSAGES, *TEMPLATES, *NEVER_ON_MAIL_IN)
    # Nor the daemon's: its roles, the shared values its processes write by
    # (multiprocessing, ctypes).
    assert among(modules, (*lazy, "multiprocessing", "ctypes", *ROLES)) == []


def test_import_of_an_empty_folder_loads_neither_the_parser_nor_alembic_nor_a_pool(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty").mkdir()
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    assert "alembic" in modules  # what the next run must not load
    codes, modules = loaded(tmp_path, ["import", str(tmp_path / "empty")])
    assert codes == [0]
    assert among(modules, (*PARSER, *SOME_MESSAGES, *TEMPLATES, *NEVER_ON_MAIL_IN)) == []
    # Its workers' pool is for a folder large enough to share out.
    assert among(modules, ("multiprocessing", "ctypes", "mailgate.lifeline")) == []


def test_process_reads_plain_text_mail_without_the_html_and_charset_readers(
    tmp_path: Path,
) -> None:
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    codes, modules = loaded(tmp_path, ["deliver"], ["process", "--workers", "1"], stdin=PLAIN)
    assert codes == [0, 0]
    assert among(modules, ("mailgate.parse", "jinja2")) == ["mailgate.parse", "jinja2"]
    assert among(modules, (*SOME_MESSAGES, *NEVER_ON_MAIL_IN)) == []


def test_process_with_nothing_due_loads_no_processing(tmp_path: Path) -> None:
    """Run from cron every minute, ``process`` finds nothing to do most of the time: it
    asks the inbox and the outbox and stops, the processing stage never loaded; with a
    message waiting it processes it (the case above)."""
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    codes, modules = loaded(tmp_path, ["process"])
    assert codes == [0]
    assert among(modules, ("mailgate.process", "mailgate.parse.reader", "mailgate.classify")) == []
    assert among(modules, (*TEMPLATES, *SOME_MESSAGES, *NEVER_ON_MAIL_IN)) == []
    codes, modules = loaded(tmp_path, ["deliver"], ["process", "--workers", "1"], stdin=PLAIN)
    assert codes == [0, 0]
    assert among(modules, ("mailgate.process", "mailgate.parse.reader")) == [
        "mailgate.process",
        "mailgate.parse.reader",
    ]


def test_process_loads_the_html_reader_for_html_mail(tmp_path: Path) -> None:
    # The case above would pass if the HTML reader were never loaded: this one sees it.
    codes, modules = loaded(tmp_path, ["db", "upgrade"])
    assert codes == [0]
    codes, modules = loaded(tmp_path, ["deliver"], ["process", "--workers", "1"], stdin=HTML)
    assert codes == [0, 0]
    assert among(modules, ("lxml", "inscriptis")) == ["lxml", "inscriptis"]
    assert among(modules, NEVER_ON_MAIL_IN) == []


def test_the_processing_stage_imports_without_the_templates_or_the_html_reader() -> None:
    # What ``mailgate process`` imports before its first message: jinja2 comes with the
    # first mail it sends, the HTML and charset readers with the first message needing
    # them.
    env = {k: v for k, v in os.environ.items() if k != "MAILGATE_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    code = "import json, sys, mailgate.process; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout))
    assert among(modules, ("mailgate.parse", "mailgate.notify")) == [
        "mailgate.parse",
        "mailgate.notify",
    ]
    assert among(modules, (*SOME_MESSAGES, "jinja2", *NEVER_ON_MAIL_IN)) == []
