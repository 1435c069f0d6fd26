"""Outlook's ``winmail.dat`` (``application/ms-tnef``): the files inside it.

Outlook and Exchange wrap the attachments (and a copy of the body) of "rich text" mail
in a TNEF container that no other mail program opens; a client's screenshot sent from
Outlook arrives as ``winmail.dat``.  tnefparse reads the container; mailgate takes the
files and, when the mail has no text of its own, the body.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from mailgate.parse.charsets import decode_bytes

# tnefparse warns about every checksum and unknown property: noise for a gateway that
# records what it could not read as a defect of its own.
logging.getLogger("tnefparse").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Unpacked:
    files: list[tuple[str, bytes]] = field(default_factory=list)
    text: str = ""
    error: str | None = None


def unpack_tnef(data: bytes) -> Unpacked:
    """The files and the plain-text body of a TNEF container.  Never raises."""
    # Imported here, as few messages hold a container: a command that reads none does
    # without it.
    from tnefparse import TNEF

    try:
        tnef = TNEF(data, do_checksum=False)
        files: list[tuple[str, bytes]] = []
        for position, att in enumerate(tnef.attachments, start=1):
            payload = att.data
            if not isinstance(payload, bytes) or not payload:
                continue
            files.append((_name(att.long_filename(), position), payload))
        body = tnef.body
    except Exception as e:  # noqa: BLE001 - a hostile container can break the reader anywhere
        return Unpacked(error=f"{type(e).__name__}: {e}"[:200])
    text = ""
    if isinstance(body, bytes):
        text = decode_bytes(body.rstrip(b"\x00"), None, what="winmail.dat body").text
    elif isinstance(body, str):
        text = body.rstrip("\x00")
    return Unpacked(files=files, text=text.replace("\r\n", "\n").strip())


def _name(value: object, position: int) -> str:
    if isinstance(value, bytes):
        value = decode_bytes(value, None, what="winmail.dat name").text
    name = str(value or "").strip("\x00").strip()
    return name or f"winmail-{position}.bin"
