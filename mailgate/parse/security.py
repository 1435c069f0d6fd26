"""Signed and encrypted mail: recognised, noted, stored as it came.

mailgate holds no keys and verifies nothing: a signature is noted (``S/MIME``,
``PGP/MIME``, ``inline PGP``) so that an agent knows the client signed, and the
signature stays an attachment (``smime.p7s``, ``signature.asc``) of the raw message,
which is stored byte for byte.  Encrypted mail cannot be read; it is noted too, and
its parts are kept as attachments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message

_SMIME_SIGNATURE = ("application/pkcs7-signature", "application/x-pkcs7-signature")
_SMIME_MIME = ("application/pkcs7-mime", "application/x-pkcs7-mime")
_INLINE_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----"
_INLINE_ENCRYPTED = "-----BEGIN PGP MESSAGE-----"
# RFC 4880 §7: the armor around a clear-signed text.
_CLEARSIGN = re.compile(
    r"^-----BEGIN PGP SIGNED MESSAGE-----\n(?:[A-Za-z-]+: [^\n]*\n)*\n"
    r"(?P<text>.*?)\n-----BEGIN PGP SIGNATURE-----\n.*?^-----END PGP SIGNATURE-----[ \t]*$",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Security:
    signature: str | None = None
    encryption: str | None = None


def inspect(msg: Message, text: str, max_parts: int) -> Security:
    """How ``msg`` is signed or encrypted (its MIME structure, then the armor of inline
    PGP in its text)."""
    signature: str | None = None
    encryption: str | None = None
    stack = [msg]
    seen = 0
    while stack and seen < max_parts:
        part = stack.pop()
        seen += 1
        ctype = part.get_content_type()
        if ctype == "multipart/signed" and signature is None:
            protocol = str(part.get_param("protocol") or "").lower()
            if protocol in _SMIME_SIGNATURE:
                signature = "S/MIME"
            elif protocol == "application/pgp-signature":
                signature = "PGP/MIME"
        elif ctype in _SMIME_MIME:
            kind = str(part.get_param("smime-type") or "").lower()
            name = str(part.get_param("name") or "").lower()
            if kind == "signed-data" or name.endswith(".p7s"):
                signature = signature or "S/MIME"
            else:
                encryption = encryption or "S/MIME"
        elif ctype == "multipart/encrypted":
            protocol = str(part.get_param("protocol") or "").lower()
            if protocol == "application/pgp-encrypted":
                encryption = encryption or "PGP/MIME"
        if part.is_multipart():
            # Only a container's payload is read: a leaf's 8-bit text would be decoded
            # in its declared charset, and the stdlib raises on some ("idna").
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(p for p in payload if isinstance(p, Message))
    if signature is None and _INLINE_SIGNED in text:
        signature = "inline PGP"
    if encryption is None and _INLINE_ENCRYPTED in text:
        encryption = "inline PGP"
    return Security(signature, encryption)


_SIGNATURE_TYPES = {
    "application/pkcs7-signature": "S/MIME",
    "application/x-pkcs7-signature": "S/MIME",
    "application/pgp-signature": "PGP/MIME",
}


def stored_signature(content_types: list[str], text: str) -> str | None:
    """How a stored message was signed, read back from what is kept of it: its signature
    attachment, or the armor of an inline PGP signature in its text."""
    for ctype in content_types:
        if ctype in _SIGNATURE_TYPES:
            return _SIGNATURE_TYPES[ctype]
    return "inline PGP" if _INLINE_SIGNED in text else None


def without_clearsign_armor(text: str) -> str:
    """A clear-signed text as its writer wrote it: the armor lines and the signature
    block removed, dash-escaped lines ("- -- ") restored (RFC 4880 §7.1)."""
    if _INLINE_SIGNED not in text or text.count(_INLINE_SIGNED) > 20:
        return text

    def unarmor(m: re.Match[str]) -> str:
        return re.sub(r"(?m)^- ", "", m.group("text"))

    # A signed text signed again (a forward of signed mail) is unwrapped layer by layer.
    for _ in range(3):
        text = _CLEARSIGN.sub(unarmor, text)
        if _INLINE_SIGNED not in text:
            break
    return text
