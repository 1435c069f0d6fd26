"""The readers compared on the corpora, each turned into the flat keys the scorers read
(``from_address``, ``from_name``, ``subject``, ``body_text``, ``reply_text``,
``attachments`` …).

Every reader gets the same input.  The reply-text libraries only strip quotes from a
plain-text body, so they are given the body text mailgate extracts from the message
(MIME walked, charset decoded, HTML converted): what differs between the rows of the
table is the reading of the reply alone.  Header fields and attachment names are
compared with the Python standard library's own ``email`` package (``policy.default``),
what a project without a mail parser of its own would use.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from mailgate.parse import parse_message

Flat = dict[str, Any]

# mail-parser-reply's own language list (its default is English only).
MPR_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "cs", "ja", "ko", "zh"]


def mailgate(raw: bytes) -> Flat:
    p = parse_message(raw)
    return {
        "from_address": p.from_.address if p.from_ else None,
        "from_name": p.from_.name if p.from_ else None,
        "subject": p.subject,
        "body_text": p.text,
        "body_html": p.html,
        "reply_text": p.reply_text,
        "attachments": [a.filename for a in p.attachments],
        "defects": list(p.defects),
    }


def _body_for_libraries(raw: bytes) -> str:
    return parse_message(raw).text


@lru_cache(maxsize=1)
def _mpr() -> Any:
    from mailparser_reply import EmailReplyParser

    return EmailReplyParser(languages=MPR_LANGUAGES)


def mail_parser_reply(raw: bytes) -> Flat:
    """alfonsrv/mail-parser-reply: the latest reply of the thread it splits."""
    text = _body_for_libraries(raw)
    return {"reply_text": _mpr().parse_reply(text=text) or ""}


def email_reply_parser(raw: bytes) -> Flat:
    """zapier/email-reply-parser (the Python port of GitHub's): its visible reply."""
    from email_reply_parser import EmailReplyParser

    text = _body_for_libraries(raw)
    return {"reply_text": EmailReplyParser.parse_reply(text) or ""}


def stdlib(raw: bytes) -> Flat:
    """Python's ``email`` package with ``policy.default``: decoded headers, the preferred
    body part, the names of the attachments it iterates."""
    out: Flat = {"subject": None, "from_address": None, "from_name": None, "attachments": []}
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # noqa: BLE001 - e.g. an RFC 2231 parameter it cannot decode
        return out
    try:
        out["subject"] = " ".join(str(msg.get("subject", "")).split())
    except Exception:  # noqa: BLE001 - the strict header classes raise on bad input
        out["subject"] = None
    try:
        addrs = msg["from"].addresses if msg["from"] is not None else ()
        if addrs:
            out["from_address"] = addrs[0].addr_spec
            out["from_name"] = addrs[0].display_name
    except Exception:  # noqa: BLE001
        pass
    try:
        body = msg.get_body(("plain", "html"))  # type: ignore[attr-defined]
        out["body_text"] = body.get_content() if body is not None else ""
    except Exception:  # noqa: BLE001
        out["body_text"] = ""
    try:
        out["attachments"] = [
            a.get_filename() or ""
            for a in msg.iter_attachments()  # type: ignore[attr-defined]
        ]
    except Exception:  # noqa: BLE001
        out["attachments"] = []
    return out


REPLY_ENGINES: dict[str, Callable[[bytes], Flat]] = {
    "mailgate": mailgate,
    "mail-parser-reply": mail_parser_reply,
    "email-reply-parser": email_reply_parser,
}
FIELD_ENGINES: dict[str, Callable[[bytes], Flat]] = {
    "mailgate": mailgate,
    "stdlib email": stdlib,
}
