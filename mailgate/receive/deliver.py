"""``mailgate deliver``: one message on standard input, for an MTA pipe.

Postfix ``pipe(8)``, procmail and fetchmail read the exit status as sysexits(3): 0 means
delivered, 75 (EX_TEMPFAIL) means keep the message and try again, and anything else
bounces it.  So the status is:

- 0 only after the commit;
- 67 (EX_NOUSER) for a recipient no department owns, what SMTP says with 550;
- 65 (EX_DATAERR) when the input is not a message that can be taken: nothing at all, or
  nothing but blank lines and spaces, or more than ``max_message_bytes`` (SMTP's 552).
  The same bytes would fail the same way at every retry, so retrying only delays the
  bounce by the MTA's queue lifetime.  Text without a header block is still someone's
  mail: it is stored like any other, and processing decides what it is;
- 75 for everything else — bad arguments, a bad configuration, a locked or unreachable
  database, and any unexpected error — because a bounce loses the client's mail and a
  retry does not.
"""

from __future__ import annotations

import logging
import sys
from typing import BinaryIO

from mailgate.config import Config
from mailgate.envelope import Envelope, reverse_path
from mailgate.errors import NotStored, SchemaError
from mailgate.inbox import StoreResult, store_messages
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
        print("mailgate: no message on standard input", file=sys.stderr)
        return EX_DATAERR
    if len(raw) > limit:
        print(f"mailgate: message larger than the limit of {limit} bytes", file=sys.stderr)
        return EX_DATAERR
    envelope = Envelope("deliver", reverse_path(sender), recipients, None)
    try:
        result = _store(config, envelope, raw)
    except NotStored as e:
        print(f"mailgate: message not stored, try again later: {e}", file=sys.stderr)
        return EX_TEMPFAIL
    what = "duplicate of" if result.duplicate else "stored as"
    log.info("%s inbox %d", what, result.inbox_id, extra={"inbox": result.inbox_id})
    return EX_OK


def _store(config: Config, envelope: Envelope, raw: bytes) -> StoreResult:
    """Commit the message, or :class:`NotStored`: a database that cannot be opened or
    reached, or whose schema is not upgraded yet, is a reason to try again, not a crash."""
    store: Store | None = None
    try:
        store = Store(config.database, pool=False)
        ensure_schema(store, create_if_empty=store.is_sqlite)
        [result] = store_messages(store, [(envelope, raw)])
        return result
    except NotStored:
        raise
    except SchemaError as e:
        raise NotStored(str(e)) from e
    except Exception as e:
        raise NotStored(f"{type(e).__name__}: {e}") from e
    finally:
        if store is not None:
            store.dispose()
