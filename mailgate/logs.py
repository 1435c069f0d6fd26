"""Logging to stdout, one line per event, plain or JSON.

Log calls pass what a line is about as ``extra`` (``inbox``, ``ticket``, ``message_id``,
``outbox``); both formats carry those fields, so a line can be found by any of them.

A message often quotes what a stranger wrote — an SMTP command, an address, a subject, a
driver's error about a value — so its unsafe characters are escaped
(:func:`mailgate.printable.one_line`), in both formats and for every logger: nobody can
begin a line of their own in the log or send a terminal escape to whoever reads it.  A
traceback follows on lines of its own.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from mailgate.printable import one_line

FIELDS = ("inbox", "ticket", "message_id", "outbox")


def _message(record: logging.LogRecord) -> str:
    return one_line(record.getMessage())


class PlainFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        line = f"{when[:-4]}Z {record.levelname:<7} {record.name}: {_message(record)}"
        tags = [f"{k}={getattr(record, k)}" for k in FIELDS if getattr(record, k, None) is not None]
        if tags:
            line += " [" + " ".join(tags) + "]"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": _message(record),
        }
        for k in FIELDS:
            v = getattr(record, k, None)
            if v is not None:
                doc[k] = v
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)


def setup_logging(level: str = "info", fmt: str = "plain", stream: object = None) -> None:
    handler = logging.StreamHandler(stream or sys.stdout)  # type: ignore[arg-type]
    handler.setFormatter(JsonFormatter() if fmt == "json" else PlainFormatter())
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # aiosmtpd logs every connection at INFO; its errors still come through.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # imapclient logs every command and response at DEBUG, a login's secrets among them:
    # never, whatever the level asked for.  msal likewise logs its token traffic.
    logging.getLogger("imapclient").setLevel(logging.INFO)
    logging.getLogger("msal").setLevel(logging.WARNING)
