"""The durable hand-off between receiving and processing.

Every receiver (SMTP/LMTP listener, ``deliver``, ``import``) does one thing: write the raw
bytes and the envelope to the inbox table in one transaction, then acknowledge.  Nothing
is acknowledged before the commit; a message that cannot be committed raises
:class:`NotStored` and each edge turns that into its own "try again later" (SMTP 451,
exit code 75).

The same message received twice — same Message-ID and same body — is stored once; the
second delivery is acknowledged with the first one's inbox id.

The commit and the recognising of duplicates are in ``commit``.  The listener's writes go
through the group-commit writer process in ``writer``; ``retention`` prunes the raw bytes
of processed mail.
"""

from mailgate.envelope import Envelope
from mailgate.inbox.commit import dedupe_fields, store_messages
from mailgate.store.inbox_rows import StoreResult

__all__ = [
    "Envelope",
    "StoreResult",
    "dedupe_fields",
    "store_messages",
]
