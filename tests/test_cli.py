"""The command line as a person uses it: an editor for an answer written on a terminal,
an unknown ticket said first, only the choices that can succeed, tables that fit the
terminal and colour only where it shows, the secrets a checkout holds kept out of git."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from mailgate.addresses import is_mailbox
from mailgate.config import config_from_toml
from mailgate.errors import ConfigError
from mailgate.lifecycle import CUSTOMER_REPLY, DEFAULT, STATUSES
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, OutboxRow, Participant, utcnow
from mailgate.store.suppressions_repo import SuppressionRepo
from tests.support.cli import in_terminal, run_cli
from tests.support.config import make_toml
from tests.support.environment import REPO, missing_service
from tests.support.mailfactory import build
from tests.support.store import receive

TEAM = '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'
LONG_SUBJECT = "The printer on the third floor prints every page twice and then jams " * 2
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def open_tickets(store: Store, processor: Processor, n: int = 1) -> None:
    for i in range(n):
        receive(store, build(from_=f"Jo <jo{i}@client.test>", subject=f"{LONG_SUBJECT}{i}"))
    processor.run_once()


def outbox_kinds(store: Store) -> list[str]:
    with store.read() as s:
        return [r.kind for r in s.query(OutboxRow).order_by(OutboxRow.id)]


def editor(tmp_path: Path, answer: str, *, save: bool = True) -> str:
    """An $EDITOR that keeps a copy of the file it was given (``seen.txt``) and writes
    ``answer`` above its text."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "f = pathlib.Path(sys.argv[1])\n"
        "text = f.read_text()\n"
        f"pathlib.Path({str(tmp_path / 'seen.txt')!r}).write_text(text)\n"
        + (f"f.write_text({answer!r} + text)\n" if save else "")
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


# -- answering on a terminal -----------------------------------------------------------------


def test_reply_on_a_terminal_opens_the_editor_and_sends_what_was_written(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    open_tickets(store, processor)
    code, out = in_terminal(
        tmp_path,
        make_toml(tmp_path, extra=TEAM),
        "reply",
        "1",
        "--as",
        "ann@staff.test",
        env={"EDITOR": editor(tmp_path, "Please restart it.\n# a note to myself\n\nAnn\n")},
    )
    assert code == 0, out
    assert "ticket 1: mail <mg." in out
    seen = (tmp_path / "seen.txt").read_text()
    help_lines = [line for line in seen.splitlines() if line]
    assert all(line.startswith("#") for line in help_lines), seen
    assert f"# Ticket:   #[1] {LONG_SUBJECT}0" in seen
    assert "# To:       Jo <jo0@client.test>" in seen
    assert "# Status:   open → answered" in seen
    assert "# As:       Ann <ann@staff.test>" in seen
    assert "#   My printer is broken." in seen, "the client's last message, quoted"
    with store.read() as s:
        reply = s.query(OutboxRow).filter_by(kind="agent_reply").one()
    assert b"Please restart it.\r\n\r\nAnn\r\n" in reply.raw
    assert b"a note to myself" not in reply.raw
    assert b"My printer is broken" not in reply.raw


@pytest.mark.parametrize("save", [True, False], ids=["saved-empty", "not-saved"])
def test_reply_on_a_terminal_with_an_empty_answer_sends_nothing(
    tmp_path: Path, store: Store, processor: Processor, save: bool
) -> None:
    open_tickets(store, processor)
    before = outbox_kinds(store)
    code, out = in_terminal(
        tmp_path,
        make_toml(tmp_path),
        "reply",
        "1",
        env={"EDITOR": editor(tmp_path, "\n   \n# only a comment\n", save=save)},
    )
    assert code == 1, out
    assert "mailgate: nothing sent: the answer is empty" in out
    assert outbox_kinds(store) == before


def test_reply_reads_standard_input_when_it_is_not_a_terminal(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    open_tickets(store, processor)
    env = {"EDITOR": editor(tmp_path, "from the editor\n")}
    p = run_cli(make_toml(tmp_path), tmp_path, "reply", "1", input="From stdin.\n", env=env)
    assert p.returncode == 0, p.stderr
    assert not (tmp_path / "seen.txt").exists(), "no editor without a terminal"
    with store.read() as s:
        reply = s.query(OutboxRow).filter_by(kind="agent_reply").one()
    assert b"From stdin." in reply.raw


def test_an_unknown_ticket_is_said_before_anything_else(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    open_tickets(store, processor)
    code, out = in_terminal(
        tmp_path,
        make_toml(tmp_path),
        "reply",
        "999",
        env={"EDITOR": editor(tmp_path, "lost words\n")},
    )
    assert (code, out) == (1, "mailgate: no ticket 999\n")
    assert not (tmp_path / "seen.txt").exists(), "no editor opened for a ticket that is not"
    for args in (
        ("reply", "999"),  # standard input is not read: it would wait for ever on a pipe
        ("ticket", "999"),
        ("ticket", "999", "--status", "closed"),
        ("assign", "999", "none"),
    ):
        p = run_cli(make_toml(tmp_path), tmp_path, *args)
        assert (p.returncode, p.stderr) == (1, "mailgate: no ticket 999\n"), args


# -- who acts -------------------------------------------------------------------------------


def test_commands_act_as_the_default_agent_or_else_as_the_system(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    open_tickets(store, processor, 2)
    plain = make_toml(tmp_path, extra=TEAM)
    p = run_cli(plain, tmp_path, "reply", "1", input="Restart it.\n")
    assert p.returncode == 0, p.stderr
    assert "as the system, signed Test Support" in p.stdout
    for args in (
        ("ticket", "1", "--status", "on_hold", "--priority", "high", "--department", "billing"),
        ("assign", "1", "ann@staff.test"),
    ):
        p = run_cli(plain, tmp_path, *args)
        assert p.returncode == 0, p.stderr
    defaulted = plain.replace(
        'name = "Test Helpdesk"', 'name = "T"\ndefault_agent = "Ann@Staff.test"'
    )
    p = run_cli(defaulted, tmp_path, "reply", "2", input="Restart it.\n")
    assert p.returncode == 0, p.stderr
    assert "as Ann <ann@staff.test>" in p.stdout
    with store.read() as s:
        actors = {
            (e.ticket_id, e.kind, e.actor)
            for e in s.query(Event)
            if e.kind not in ("ticket_opened", "mail_queued")
        }
        people = [(p.ticket_id, p.address, p.role) for p in s.query(Participant)]
    assert actors == {
        (1, "agent_reply", "system"),
        (1, "status_changed", "system"),
        (1, "priority_changed", "system"),
        (1, "department_changed", "system"),
        (1, "assigned", "system"),
        (2, "agent_reply", "ann@staff.test"),
        (2, "status_changed", "ann@staff.test"),
    }
    assert all(is_mailbox(address) for _, address, _ in people), people
    assert sorted(people) == [
        (1, "jo0@client.test", "requester"),
        (2, "ann@staff.test", "agent"),
        (2, "jo1@client.test", "requester"),
    ]


def test_the_default_agent_must_be_an_agent() -> None:
    base = '[[departments]]\nname = "s"\naddress = "s@helpdesk.test"\n'
    with pytest.raises(ConfigError, match=r"helpdesk\.default_agent: 'root' is not the address"):
        config_from_toml('[helpdesk]\ndefault_agent = "root"\n' + base + TEAM)
    with pytest.raises(ConfigError, match=r"\[\[agents\]\] lists none"):
        config_from_toml('[helpdesk]\ndefault_agent = "ann@staff.test"\n' + base)
    config = config_from_toml('[helpdesk]\ndefault_agent = "ANN@staff.test"\n' + base + TEAM)
    assert config.helpdesk.default_agent == "ann@staff.test"


# -- the choices offered --------------------------------------------------------------------


def test_help_offers_only_the_statuses_an_agent_may_set(tmp_path: Path) -> None:
    def offered(command: str) -> list[str]:
        p = run_cli("", tmp_path, command, "--help")
        assert p.returncode == 0, p.stderr
        found = re.search(r"--status \[([a-z_|]+)\]", p.stdout)
        assert found is not None, p.stdout
        return found.group(1).split("|")

    for command in ("reply", "ticket"):
        assert CUSTOMER_REPLY not in offered(command), "offered, and always refused"
        assert offered(command) == list(DEFAULT.agent_statuses())
        assert set(offered(command)) == set(STATUSES) - {CUSTOMER_REPLY}
        p = run_cli(make_toml(tmp_path), tmp_path, command, "1", "--status", CUSTOMER_REPLY)
        assert p.returncode == 2
        assert "'customer_reply' is not one of" in p.stderr
    assert offered("tickets") == list(STATUSES), "a filter offers every status"


# -- tables ---------------------------------------------------------------------------------


def _fill(tmp_path: Path, store: Store, processor: Processor) -> str:
    """Tickets with long subjects, a quarantined message, a suppressed address, an IMAP
    account never read; the configuration to see them with."""
    open_tickets(store, processor, 3)
    receive(store, build(from_="root", subject=LONG_SUBJECT), sender="root")  # held: no sender
    processor.run_once()
    with store.write() as s:
        now = utcnow()
        SuppressionRepo(s).suppress(
            "gone@client.test", now + timedelta(days=7), "550 5.1.1 " + LONG_SUBJECT, now
        )
    (tmp_path / "imap.password").write_text("secret\n")
    return make_toml(
        tmp_path,
        extra=f"""
[[inbound.imap]]
name = "support-mailbox-with-a-long-name"
host = "127.0.0.1"
tls = "none"
username = "support"
password_file = "{tmp_path / "imap.password"}"
""",
    )


# Each table's header, and a text of its that does not fit in 80 columns.
TABLES = {
    "tickets": ("#  STATUS", LONG_SUBJECT.strip()),
    "quarantine": ("ID  RECEIVED", "no sender address to open a ticket for"),
    "suppressions": ("ADDRESS", "550 5.1.1 " + LONG_SUBJECT.strip()),
    "status": ("JOB", None),
    "imap status": ("ACCOUNT", "support-mailbox-with-a-long-name"),
}


def _width(line: str) -> int:
    from mailgate.cli.table import width

    return width(line)


def test_tables_fit_the_terminal_and_keep_whole_lines_in_a_file(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    conf = _fill(tmp_path, store, processor)
    for command, (header, long_text) in TABLES.items():
        code, fitted = in_terminal(tmp_path, conf, *command.split(), columns=80)
        assert code == 0, fitted
        lines = ANSI.sub("", fitted).splitlines()
        assert lines[0].startswith(header), fitted
        assert all(_width(line) <= 80 for line in lines), fitted
        # Piped, with COLUMNS exported or not: whole lines, no colour.
        for env in ({}, {"COLUMNS": "80"}):
            whole = run_cli(conf, tmp_path, *command.split(), env=env)
            assert whole.returncode == 0, whole.stderr
            assert whole.stdout.splitlines()[0].startswith(header)
            assert not ANSI.search(whole.stdout), "colour in a pipe"
            if long_text is not None:
                assert long_text in whole.stdout, "a file gets whole lines"
        if long_text is not None:
            assert long_text not in fitted
            assert "…" in fitted
    tickets = run_cli(conf, tmp_path, "tickets").stdout.splitlines()
    # Aligned: every row's subject starts where the header's SUBJECT does.
    column = tickets[0].index("SUBJECT")
    assert [line[column:].startswith("The printer") for line in tickets[1:]] == [True] * 3


def test_a_subject_cannot_move_the_terminals_cursor(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    receive(store, build(subject="Help \x1b[2J\x1b[31mred\u202etxt.exe"))
    processor.run_once()
    p = run_cli(make_toml(tmp_path), tmp_path, "tickets")
    assert "\x1b" not in p.stdout
    assert "\u202e" not in p.stdout
    assert "Help" in p.stdout


def test_colour_only_on_a_terminal_and_never_with_no_color(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    open_tickets(store, processor)
    conf = make_toml(tmp_path)
    code, out = in_terminal(tmp_path, conf, "tickets")
    assert code == 0, out
    assert ANSI.search(out), "a terminal gets colour"
    assert all(_width(ANSI.sub("", line)) <= 100 for line in out.splitlines()), out
    assert "…" in out, "cut to the terminal's 100 columns"
    code, out = in_terminal(tmp_path, conf, "tickets", env={"NO_COLOR": "1"})
    assert code == 0, out
    assert not ANSI.search(out)
    assert "open" in out
    code, out = in_terminal(tmp_path, conf, "tickets", "--json")
    assert not ANSI.search(out)
    assert json.loads(out)[0]["subject"] == f"{LONG_SUBJECT}0"


def test_status_says_one_word_for_one_thing(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    """A message *waits* in the inbox until processed and in the outbox until sent (the
    ``*_backlog`` gauges of /metrics); *received* is what was stored, by source."""
    open_tickets(store, processor, 2)
    receive(store, build(subject="not processed yet"))
    conf = make_toml(tmp_path)
    p = run_cli(conf, tmp_path, "status")
    assert p.returncode == 0, p.stderr
    doc = json.loads(run_cli(conf, tmp_path, "status", "--json").stdout)
    text = p.stdout
    for word in ("backlog", "queued", "pending", "sending"):
        assert word not in text.lower(), f"{word!r}: another word for waiting"
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("QUEUE"))
    assert header.split() == [
        "QUEUE",
        "WAITING",
        "OLDEST",
        "RETRYING",
        "PROCESSED",
        "SENT",
        "HELD",
        "QUARANTINED",
        "FAILED",
    ]
    inbox = next(line for line in lines if line.startswith("inbox ")).split()
    outbox = next(line for line in lines if line.startswith("outbox ")).split()
    assert int(inbox[1]) == doc["health"]["inbox"]["waiting"] == doc["inbox"]["received"] == 1
    assert int(outbox[1]) == doc["health"]["outbox"]["waiting"] == doc["outbox"]["queued"]
    assert re.search(r"^SOURCE\s+RECEIVED$", text, re.M)
    assert re.search(r"^smtp\s+3$", text, re.M)
    assert re.search(r"^VERDICT\s+PROCESSED$", text, re.M)
    assert [line.split() for line in lines if "received" in line.lower()] == [
        ["SOURCE", "RECEIVED"]
    ]


# -- secrets in a checkout ------------------------------------------------------------------

# The keys whose files hold secrets; a new one is listed here and in .gitignore.
SECRET_KEYS = (
    "secret_file",
    "password_file",
    "client_secret_file",
    "tls_key_file",
    "key_file",
    "tokens_file",
)


def test_the_secret_files_the_docs_name_are_ignored_by_git() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        missing_service("git and a git checkout of mailgate")
    texts = [(REPO / "mailgate.toml.example").read_text()]
    texts += [p.read_text() for p in sorted((REPO / "docs").glob("*.md"))]
    names: set[str] = set()
    for text in texts:
        for key, path in re.findall(r"\b(\w+)\s*=\s*\"(/[^\"]+)\"", text):
            if key in SECRET_KEYS:
                names.add(Path(path).name)
        names.update(Path(p).name for p in re.findall(r"/etc/mailgate/secrets/[\w.-]+", text))
    assert {"reply.secret", "imap.password", "api.tokens", "dkim.pem"} <= names, names
    for name in sorted(names):
        for path in (name, f"etc/{name}", f"secrets/{name}"):
            p = subprocess.run(
                ["git", "-C", str(REPO), "check-ignore", "--no-index", "-q", path],
                capture_output=True,
                timeout=60,
                check=False,
            )
            assert p.returncode == 0, f"{path}: not ignored by git"
    for kept in ("mailgate.toml.example", "docs/api.md", "mailgate/api/tokens.py"):
        p = subprocess.run(
            ["git", "-C", str(REPO), "check-ignore", "--no-index", "-q", kept],
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert p.returncode == 1, f"{kept}: ignored"
