"""DKIM signatures (RFC 6376), added as each message is sent.

The outbox keeps messages unsigned: a signature made at send time carries the key in
use then (a key rotated while mail waits for a relay signs that mail with the new
key), and a fresh ``t=`` on each attempt.  Canonicalization is relaxed/relaxed, which
survives the re-folding of headers and the trailing-space changes relays make.
dkimpy does the signing; the key was read and checked with the configuration.
"""

from __future__ import annotations

from mailgate.config import DkimConfig
from mailgate.errors import DkimError


class DkimSigner:
    def __init__(self, config: DkimConfig) -> None:
        self.selector = config.selector.encode("ascii")
        self.domain = config.domain
        self.key = config.key_file.pem
        self.headers = [h.lower().encode("ascii") for h in config.headers]

    def domain_for(self, sender: str) -> str:
        """The signing domain: the configured one, else the sending address's."""
        return self.domain or sender.rpartition("@")[2].lower()

    def sign(self, raw: bytes, sender: str) -> bytes:
        """``raw`` with a DKIM-Signature field in front."""
        # dkimpy (and the DNS library it loads) only where mail is signed: ``mailgate
        # process`` without a [dkim] key starts without it.
        import dkim

        domain = self.domain_for(sender)
        try:
            signature = dkim.sign(
                raw,
                self.selector,
                domain.encode("idna"),
                self.key,
                canonicalize=(b"relaxed", b"relaxed"),
                include_headers=self.headers,
            )
        except (dkim.DKIMException, UnicodeError) as e:
            raise DkimError(f"cannot sign for {domain}: {e}") from e
        return bytes(signature) + raw
