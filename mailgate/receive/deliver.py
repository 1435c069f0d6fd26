"""``mailgate deliver``: one message on standard input, for an MTA pipe.

Postfix ``pipe(8)``, procmail and fetchmail read the exit status as sysexits(3): 0 means
delivered, 75 (EX_TEMPFAIL) means keep the message and try again, and anything else
bounces it.  So the status is 0 only after the commit, 67 for a recipient no department
owns, 65 for a message over the size limit (what SMTP says with 552: the sender is told,
nothing is retried), and 75 for everything else — no message on standard input, bad
arguments, a bad configuration, a locked or unreachable database, and any unexpected
error — because a bounce loses the client's mail and a retry does not.
"""

from __future__ import annotations

import logging
import sys
from typing import BinaryIO

from mailgate.config import Config
from mailgate.envelope import Envelope, reverse_path
from mailgate.inbox import NotStored, store_messages
from mailgate.store.engine import Store
from mailgate.store.migrate import ensure_schema

log = logging.getLogger(__name__)

EX_OK = 0
EX_DATAERR = 65
EX_NOUSER = 67
EX_TEMPFAIL = 75


def deliver(
    config: Config, stdin: BinaryIO, sender: str | None, recipients: tuple[str, ...]
) -> int:
    for rcpt in recipients:
        if config.department_for(rcpt) is None:
            print(
                f"mailgate: <{rcpt}>: no such mailbox here (no department owns it)", file=sys.stderr
            )
            return EX_NOUSER
    limit = config.inbound.smtp.max_message_bytes
    raw = stdin.read(limit + 1)
    if not raw.strip():
        # A pipe that hands over nothing is misconfigured; the MTA keeps the message.
        print("mailgate: no message on standard input", file=sys.stderr)
        return EX_TEMPFAIL
    if len(raw) > limit:
        print(f"mailgate: message larger than the limit of {limit} bytes", file=sys.stderr)
        return EX_DATAERR
    store = Store(config.database, pool=False)
    try:
        ensure_schema(store, create_if_empty=store.is_sqlite)
        envelope = Envelope("deliver", reverse_path(sender), recipients, None)
        [result] = store_messages(store, [(envelope, raw)])
    except NotStored as e:
        print(f"mailgate: message not stored, try again later: {e}", file=sys.stderr)
        return EX_TEMPFAIL
    finally:
        store.dispose()
    what = "duplicate of" if result.duplicate else "stored as"
    log.info("%s inbox %d", what, result.inbox_id, extra={"inbox": result.inbox_id})
    return EX_OK
