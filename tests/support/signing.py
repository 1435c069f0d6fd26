"""DKIM in tests: a key of client.test that signs mail, and the DNS answer publishing it."""

from __future__ import annotations

import base64

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class Signer:
    """A DKIM key of client.test and the DNS answer that publishes it."""

    def __init__(self) -> None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
        self.published = True

    def sign(self, raw: bytes, domain: bytes = b"client.test") -> bytes:
        signature = dkim.sign(raw, b"s1", domain, self.pem, include_headers=[b"from", b"subject"])
        return bytes(signature) + raw

    def dns(self, name: bytes, timeout: int = 5) -> bytes | None:
        if self.published and name.rstrip(b".") == b"s1._domainkey.client.test":
            return self.record
        return None
