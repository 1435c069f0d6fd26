"""The Postfix recipes of ``config/postfix`` with a real Postfix in front of mailgate.

Each test starts a private Postfix instance from a temporary directory: its own
configuration, queue and data directories, its SMTP server on a free loopback port, no
delivery anywhere but to mailgate (every other transport is ``error:``, so nothing
leaves the machine), and the recipe's files copied from ``config/postfix`` with only
ports, paths and the pipe's user substituted.  The machine's own Postfix service is
never started, and ports 25 and 587 are never used.  The test talks SMTP to that
Postfix as a sending server on the internet would (loopback is not in its
``mynetworks``).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import smtplib
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, Ticket
from tests.support.daemon import RunningDaemon
from tests.support.environment import REPO, free_port, missing_service
from tests.support.mailfactory import build
from tests.support.waiting import wait_for

RECIPES = REPO / "config" / "postfix"

# What the recipes name, and what a test puts in its place.
RECIPE_ETC = "/etc/postfix/"
RECIPE_LMTP = "127.0.0.1:2525"
RECIPE_COMMAND = "/opt/mailgate/bin/mailgate"
RECIPE_CONFIG = "/etc/mailgate/mailgate.toml"
RECIPE_USER = "user=mailgate"
# The pipe runs mailgate deliver as a user that is neither root nor Postfix's own.
PIPE_USER = "nobody"

# The instance itself: where it keeps its files, and that it delivers nowhere else.  A
# deferred message waits an hour: only `postqueue -f` brings it out in a test.
BASE_MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.example.com
mydomain = example.com
myorigin = example.com
mydestination = example.com
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 192.0.2.1/32
alias_maps =
alias_database =
default_transport = error:5.3.0 nothing leaves this test
relay_transport = error:5.3.0 nothing leaves this test
# Not error: for the local domain, or Postfix would refuse its users before it looks them up.
local_transport = discard:local mailboxes are not part of this test
virtual_transport = error:5.3.0 nothing leaves this test
smtp_dns_support_level = disabled
queue_run_delay = 3600s
minimal_backoff_time = 3600s
maximal_backoff_time = 3600s
"""
BASE_MASTER_CF = """\
127.0.0.1:{smtpd_port} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""

# mailgate's side: the departments whose addresses the recipes list.
MAILGATE_TOML = """
[helpdesk]
domain = "helpdesk.example.com"

[[departments]]
name = "support"
address = "support@helpdesk.example.com"

[[departments]]
name = "billing"
address = "billing@helpdesk.example.com"

[[departments]]
name = "sales"
address = "sales@example.com"

[database]
url = "{db_url}"

[inbound.smtp]
protocol = "lmtp"
host = "127.0.0.1"
port = {lmtp_port}

[processing]
poll_interval = "100ms"

[outbound]
directory = "{root}/outbox"
"""


def postfix_command() -> str:
    found = shutil.which("postfix") or "/usr/sbin/postfix"
    if not os.access(found, os.X_OK):
        missing_service("Postfix is not installed (`make test` installs it)")
    if os.geteuid() != 0:
        missing_service("a private Postfix instance must be started by root")
    return found


class Postfix:
    """A private Postfix instance with one recipe's files."""

    def __init__(
        self, root: Path, recipe: str, lmtp_port: int, mailgate_config: Path, command: Path
    ) -> None:
        self.command = postfix_command()
        self.root = root
        self.etc = root / "etc"
        self.smtpd_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        for d in ("etc", "queue", "data"):
            (root / d).mkdir(parents=True)
        shutil.chown(root / "data", "postfix")
        substitutions = {
            RECIPE_ETC: f"{self.etc}/",
            RECIPE_LMTP: f"127.0.0.1:{lmtp_port}",
            RECIPE_COMMAND: str(command),
            RECIPE_CONFIG: str(mailgate_config),
            RECIPE_USER: f"user={PIPE_USER}",
        }

        def recipe_file(path: Path) -> str:
            text = path.read_text()
            for old, new in substitutions.items():
                text = text.replace(old, new)
            return text

        main_cf = BASE_MAIN_CF.format(root=root) + recipe_file(RECIPES / recipe / "main.cf")
        master_cf = BASE_MASTER_CF.format(smtpd_port=self.smtpd_port)
        if (RECIPES / recipe / "master.cf").exists():
            master_cf += recipe_file(RECIPES / recipe / "master.cf")
        (self.etc / "main.cf").write_text(main_cf)
        (self.etc / "master.cf").write_text(master_cf)
        (self.etc / "transport").write_text(recipe_file(RECIPES / recipe / "transport"))
        shutil.copy(RECIPES / "mailgate_recipients", self.etc / "mailgate_recipients")
        self.run("postmap", *(f"hash:{self.etc / t}" for t in ("transport", "mailgate_recipients")))

    def run(self, program: str, *args: str) -> str:
        p = subprocess.run(
            [str(Path(self.command).with_name(program)), "-c", str(self.etc), *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert p.returncode == 0, f"{program} {args}: {p.stderr}\n{self.log()}"
        return p.stdout

    def start(self) -> Postfix:
        # In the foreground, as a child of the test: stopped and reaped by it.
        self.process = subprocess.Popen(
            [self.command, "-c", str(self.etc), "start-fg"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, 30, f"Postfix listening on port {self.smtpd_port}\n{self.log()}")
        return self

    def _answers(self) -> bool:
        assert self.process is not None
        assert self.process.poll() is None, f"Postfix exited:\n{self.log()}"
        try:
            with smtplib.SMTP("127.0.0.1", self.smtpd_port, timeout=5):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is None:
            return
        subprocess.run([self.command, "-c", str(self.etc), "stop"], capture_output=True, timeout=30)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def queue(self) -> list[dict[str, Any]]:
        """The messages in Postfix's queue (``postqueue -j``)."""
        out = self.run("postqueue", "-j")
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def flush(self) -> None:
        self.run("postqueue", "-f")

    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace")[-4000:] if path.exists() else "(no maillog)"

    def smtp(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.smtpd_port, "client.example", timeout=30)


@pytest.fixture
def workdir() -> Iterator[Path]:
    # Not pytest's tmp_path: the pipe's user must reach mailgate's configuration, and
    # Postfix's own user its queue, through every directory above them.
    root = Path(tempfile.mkdtemp(prefix="mailgate-postfix-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postfix(workdir: Path) -> Iterator[Callable[[str, Config, Path], Postfix]]:
    started: list[Postfix] = []

    def start(recipe: str, config: Config, config_file: Path) -> Postfix:
        postfix_command()  # skips first when Postfix cannot run here
        command = pipe_command(workdir) if recipe == "pipe" else Path("/nonexistent")
        pf = Postfix(workdir / "postfix", recipe, config.inbound.smtp.port, config_file, command)
        started.append(pf)
        return pf.start()

    yield start
    for pf in started:
        pf.stop()


def pipe_command(workdir: Path) -> Path:
    """The ``mailgate`` command as the pipe's user can run it: this checkout's package
    and libraries, under this Python or, when that one lives where the user cannot go
    (a home directory), the system's Python of the same version."""
    try:
        pwd.getpwnam(PIPE_USER)
    except KeyError:
        missing_service(f"no user {PIPE_USER} to run mailgate deliver as")
    paths = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    command = workdir / "mailgate"
    for python in (os.path.realpath(sys.executable), f"/usr/bin/python{version}"):
        command.write_text(
            "#!/bin/sh\n"
            f"PYTHONPATH={':'.join([str(REPO), *sorted(paths)])} PYTHONDONTWRITEBYTECODE=1 "
            f'exec {python} -m mailgate "$@"\n'
        )
        command.chmod(0o755)
        p = subprocess.run(
            [str(command), "--version"], user=PIPE_USER, capture_output=True, timeout=60
        )
        if p.returncode == 0:
            return command
    missing_service(f"no Python {version} that user {PIPE_USER} can run mailgate with")
    raise AssertionError("unreachable")


def mailgate_config(workdir: Path, db_url: str) -> tuple[Config, Path]:
    text = MAILGATE_TOML.format(db_url=db_url, lmtp_port=free_port(), root=workdir)
    path = workdir / "mailgate.toml"
    path.write_text(text)
    path.chmod(0o644)
    return config_from_toml(text, str(path)), path


def inbox(config: Config) -> list[InboxRow]:
    store = Store(config.database)
    try:
        with store.read() as s:
            return list(s.query(InboxRow).order_by(InboxRow.id))
    finally:
        store.dispose()


def tickets(config: Config) -> list[tuple[str, str, str]]:
    store = Store(config.database)
    try:
        with store.read() as s:
            return sorted((t.department, t.requester, t.subject) for t in s.query(Ticket))
    finally:
        store.dispose()


def send(pf: Postfix, sender: str, recipients: list[str], raw: bytes) -> None:
    with pf.smtp() as c:
        refused = c.sendmail(sender, recipients, raw)
    assert refused == {}, refused


def rcpt_replies(pf: Postfix, recipients: list[str]) -> list[tuple[int, str]]:
    """Postfix's answer to each RCPT of one transaction, which then sends no data."""
    with pf.smtp() as c:
        c.ehlo()
        c.mail("jo@client.example")
        replies = [c.rcpt(r) for r in recipients]
        c.rset()
    return [(code, text.decode()) for code, text in replies]


def wait_delivered(pf: Postfix, what: str) -> None:
    wait_for(lambda: pf.queue() == [], 30, f"Postfix's queue to empty ({what})\n{pf.log()}")


def one_mail(subject: str, to: str = "support@helpdesk.example.com") -> bytes:
    return build(from_="Jo Client <jo@client.example>", to=to, subject=subject)


def assert_refused_at_rcpt_and_nothing_queued(pf: Postfix, config: Config) -> None:
    replies = rcpt_replies(
        pf,
        [
            "nobody@helpdesk.example.com",  # the helpdesk's domain, no department
            "no-such-user@example.com",  # the domain Postfix also serves, no such user
            "someone@elsewhere.example",  # not ours at all: no relaying
            "support@helpdesk.example.com",
        ],
    )
    assert [code for code, _ in replies] == [550, 550, replies[2][0], 250], replies
    assert "5.1.1" in replies[0][1]
    assert "relay recipient table" in replies[0][1]
    assert "5.1.1" in replies[1][1]
    assert "local recipient table" in replies[1][1]
    # Refused, now (554) or later (454, this Postfix's default): never relayed.
    assert replies[2][0] in (454, 554)
    assert "Relay access denied" in replies[2][1]
    assert pf.queue() == []
    assert inbox(config) == []


def test_lmtp_recipe_takes_exactly_the_helpdesk_addresses_and_refuses_others_at_rcpt(
    workdir: Path, postfix: Callable[..., Postfix], run_daemon: Callable[..., RunningDaemon]
) -> None:
    config, path = mailgate_config(workdir, f"sqlite:///{workdir / 'mailgate.db'}")
    run_daemon(config, ("smtp", "process"))
    pf = postfix("lmtp", config, path)
    assert_refused_at_rcpt_and_nothing_queued(pf, config)
    # The helpdesk's own domain, a tagged reply address in it, and an address inside a
    # domain Postfix also serves itself.
    send(pf, "jo@client.example", ["support@helpdesk.example.com"], one_mail("Printer"))
    send(
        pf,
        "jo@client.example",
        ["support+4711.k3x9@helpdesk.example.com"],
        one_mail("Tagged", to="support+4711.k3x9@helpdesk.example.com"),
    )
    send(pf, "jo@client.example", ["sales@example.com"], one_mail("Quote", to="sales@example.com"))
    wait_delivered(pf, "three messages over LMTP")
    rows = inbox(config)
    assert sorted((r.source, r.envelope_sender, tuple(r.recipients)) for r in rows) == [
        ("lmtp", "jo@client.example", ("sales@example.com",)),
        ("lmtp", "jo@client.example", ("support+4711.k3x9@helpdesk.example.com",)),
        ("lmtp", "jo@client.example", ("support@helpdesk.example.com",)),
    ]
    wait_for(lambda: len(tickets(config)) == 3, 30, "three tickets")
    assert tickets(config) == [
        ("sales", "jo@client.example", "Quote"),
        ("support", "jo@client.example", "Printer"),
        ("support", "jo@client.example", "Tagged"),
    ]


def test_lmtp_recipe_keeps_mail_queued_while_mailgate_is_down(
    workdir: Path, postfix: Callable[..., Postfix], run_daemon: Callable[..., RunningDaemon]
) -> None:
    config, path = mailgate_config(workdir, f"sqlite:///{workdir / 'mailgate.db'}")
    pf = postfix("lmtp", config, path)
    send(pf, "jo@client.example", ["support@helpdesk.example.com"], one_mail("While down"))
    [queued] = wait_for(
        lambda: [m for m in pf.queue() if m["queue_name"] == "deferred"],
        30,
        f"the message deferred\n{pf.log()}",
    )
    assert "refused" in queued["recipients"][0]["delay_reason"], queued
    run_daemon(config, ("smtp", "process"))
    pf.flush()
    wait_delivered(pf, "after mailgate came back")
    wait_for(lambda: tickets(config), 30, "a ticket")
    assert tickets(config) == [("support", "jo@client.example", "While down")]


def pipe_setup(
    workdir: Path, pg_url: str, postfix: Callable[..., Postfix]
) -> tuple[Config, Path, Postfix]:
    # PostgreSQL: the pipe's user and the test reach the same database over TCP.
    config, path = mailgate_config(workdir, pg_url)
    from mailgate.store.migrate import upgrade

    store = Store(config.database)
    upgrade(store)
    store.dispose()
    return config, path, postfix("pipe", config, path)


def test_pipe_recipe_takes_exactly_the_helpdesk_addresses_through_mailgate_deliver(
    workdir: Path,
    pg_url: str,
    postfix: Callable[..., Postfix],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    config, _, pf = pipe_setup(workdir, pg_url, postfix)
    assert_refused_at_rcpt_and_nothing_queued(pf, config)
    both = build(
        from_="Jo Client <jo@client.example>",
        to="support@helpdesk.example.com, billing@helpdesk.example.com",
        subject="Invoice and printer",
        message_id="both@client.example",
    )
    send(pf, "jo@client.example", ["support@helpdesk.example.com", "sales@example.com"], both)
    bounce = build(from_="MAILER-DAEMON@mx.client.example", subject="Undelivered Mail")
    send(pf, "", ["support+4711.k3x9@helpdesk.example.com"], bounce)
    wait_delivered(pf, "through mailgate deliver")
    bounced, first = sorted(inbox(config), key=lambda r: r.envelope_sender or "")
    # One call per recipient; the second copy of the same message joins the first.
    assert (first.source, first.envelope_sender, sorted(first.recipients)) == (
        "deliver",
        "jo@client.example",
        ["sales@example.com", "support@helpdesk.example.com"],
    )
    # pipe's flags R and D: the envelope as header fields.
    assert first.raw.startswith(b"Return-Path: <jo@client.example>\nDelivered-To: ")
    # A bounce's empty sender stays empty, as argument and as Return-Path.
    assert (bounced.envelope_sender, bounced.recipients) == (
        "",
        ["support+4711.k3x9@helpdesk.example.com"],
    )
    assert bounced.raw.startswith(b"Return-Path: <>\n")
    run_daemon(config, ("process",))
    wait_for(lambda: all(r.state != "received" for r in inbox(config)), 30, "processing")
    [(_, requester, subject)] = tickets(config)  # none for the bounce
    assert (requester, subject) == ("jo@client.example", "Invoice and printer")


def test_pipe_recipe_keeps_mail_queued_while_mailgate_cannot_store_it(
    workdir: Path, pg_url: str, postfix: Callable[..., Postfix]
) -> None:
    config, path, pf = pipe_setup(workdir, pg_url, postfix)
    good = path.read_text()
    path.write_text(good.replace('protocol = "lmtp"', 'protocol = "carrier pigeon"'))
    send(pf, "jo@client.example", ["support@helpdesk.example.com"], one_mail("Kept"))
    [queued] = wait_for(
        lambda: [m for m in pf.queue() if m["queue_name"] == "deferred"],
        30,
        f"the message deferred\n{pf.log()}",
    )
    assert "inbound.smtp.protocol" in queued["recipients"][0]["delay_reason"], queued
    assert inbox(config) == []
    path.write_text(good)
    pf.flush()
    wait_delivered(pf, "after the configuration was fixed")
    assert [r.recipients for r in inbox(config)] == [["support@helpdesk.example.com"]]


def recipe_settings(recipe: str) -> dict[str, str]:
    text = (RECIPES / recipe / "main.cf").read_text()
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line and line[0] != "#")
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.mark.parametrize("recipe", ["lmtp", "pipe"])
def test_recipes_stay_under_mailgates_size_limit_and_share_its_delimiter(recipe: str) -> None:
    # Without Postfix: what the files say against what mailgate does by default.
    defaults = config_from_toml('[[departments]]\nname = "s"\naddress = "s@example.com"\n')
    settings = recipe_settings(recipe)
    assert int(settings["message_size_limit"]) < defaults.inbound.smtp.max_message_bytes
    assert settings["recipient_delimiter"] == defaults.helpdesk.recipient_delimiter
    maps = RECIPE_ETC + "mailgate_recipients"
    assert settings["relay_recipient_maps"] == f"hash:{maps}"
    assert settings["local_recipient_maps"].endswith(f"hash:{maps}")
    listed = {
        line.split()[0]
        for line in (RECIPES / "mailgate_recipients").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    # The departments of this module's mailgate.toml are the addresses the recipe lists.
    test_config = config_from_toml(
        MAILGATE_TOML.format(db_url="sqlite://", lmtp_port=2525, root="/")
    )
    assert listed == test_config.own_addresses()
