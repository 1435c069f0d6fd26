"""Attachments as HTTP responses, for the API and the console alike.

A file from a client's mail is the sender's content, not the helpdesk's: it is always
sent as a download (``Content-Disposition: attachment``), typed
``application/octet-stream`` unless its bytes are a raster image (whatever the mail
declared: an HTML page named ``photo.png`` and declared ``image/png`` is octets), never
sniffed by the browser (``nosniff``), and under a Content-Security-Policy that lets
nothing in it run should a browser open it anyway.  Only the console's image previews
are served ``inline``, and only for PNG, JPEG, GIF and WebP — never SVG, which is a
document that can hold script.
The name goes in ``filename*`` (RFC 6266/8187, UTF-8) with an ASCII ``filename`` beside
it for old clients; neither can carry a quote, a backslash, a control character or a
line break into the header.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse

from aiohttp import web

# Raster images a browser shows without running anything.
INLINE_IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9!#$&+.^_`|~ -]")


def image_type(data: bytes) -> str | None:
    """The media type of ``data`` when its bytes are a PNG, JPEG, GIF or WebP image (by
    their signature), else None."""
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The header's value for ``filename``: an ASCII fallback and the UTF-8 name."""
    name = (
        "".join(
            c for c in filename if unicodedata.category(c)[0] != "C" and c not in '\\/"'
        ).strip()
        or "attachment"
    )
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = _UNSAFE_ASCII.sub("_", fallback).strip() or "attachment"
    encoded = urllib.parse.quote(name, safe="")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def attachment_response(
    filename: str, content_type: str, data: bytes, *, inline: bool = False
) -> web.Response:
    """``data`` as a download named ``filename``; ``inline`` (an image preview) only for
    the raster images of :data:`INLINE_IMAGES` — anything else is still a download.  The
    bytes decide the type served; ``content_type`` (what the mail declared) must be an
    image too for a preview, so that both agree on what is shown."""
    declared = content_type.lower().split(";", 1)[0].strip()
    actual = image_type(data)
    image = actual if actual in INLINE_IMAGES else None
    shown = image or "application/octet-stream"
    return web.Response(
        body=data,
        headers={
            "Content-Type": shown,
            "Content-Disposition": content_disposition(
                filename, inline=inline and image is not None and declared in INLINE_IMAGES
            ),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": SANDBOX,
            "Cache-Control": "private, no-store",
            "Cross-Origin-Resource-Policy": "same-origin",
        },
    )
