"""What a ticket's page loads beside it: a message's HTML, sanitized again, for a
sandboxed frame; attachments, downloaded (and raster images previewed)."""

from __future__ import annotations

from aiohttp import web

from mailgate.api.files import attachment_response
from mailgate.console.common import console_of, route, run
from mailgate.console.thread_view import PREVIEWABLE
from mailgate.console.ticket import number_of
from mailgate.parse.html import sanitize
from mailgate.store.models import Message
from mailgate.tickets.views import AttachmentFile, attachment_file

# The frame that shows a message's HTML: no script, no form, no plugin, no navigation
# of the console; images only as data: URLs (remote images would tell the sender the
# mail was read).
FRAME_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
)


async def message_html(request: web.Request) -> web.Response:
    """A message's HTML, sanitized again, for a sandboxed frame of the ticket's page."""
    api = console_of(request).api
    number, message = number_of(request), number_of(request, "message")

    def read() -> str | None:
        with api.store.read() as session:
            m = session.get(Message, message)
            if m is None or m.ticket_id != number or not m.html:
                return None
            return sanitize(m.html)

    html = await run(request, read)
    if html is None:
        raise web.HTTPNotFound(text="This message has no HTML.")
    return web.Response(
        text=html,
        content_type="text/html",
        charset="utf-8",
        headers={"Content-Security-Policy": FRAME_CSP, "X-Frame-Options": "SAMEORIGIN"},
    )


async def _attachment(request: web.Request, inline: bool) -> web.Response:
    api = console_of(request).api
    number, attachment = number_of(request), number_of(request, "attachment")

    def read() -> AttachmentFile | None:
        with api.store.read() as session:
            return attachment_file(session, number, attachment)

    found = await run(request, read)
    if found is None:
        raise web.HTTPNotFound(text="No such attachment on this ticket.")
    if inline and (found.content_type.lower() not in PREVIEWABLE or found.executable):
        raise web.HTTPNotFound(text="This attachment cannot be previewed.")
    return attachment_response(found.filename, found.content_type, found.data, inline=inline)


async def download(request: web.Request) -> web.Response:
    return await _attachment(request, inline=False)


async def preview_image(request: web.Request) -> web.Response:
    return await _attachment(request, inline=True)


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/tickets/{number:[0-9]+}/messages/{message:[0-9]+}/html", message_html)
    route(app, "GET", "/tickets/{number:[0-9]+}/attachments/{attachment:[0-9]+}", download)
    route(
        app,
        "GET",
        "/tickets/{number:[0-9]+}/attachments/{attachment:[0-9]+}/preview",
        preview_image,
    )
