"""A ticket's page (to come)."""

from __future__ import annotations

from aiohttp import web


def add_routes(app: web.Application) -> None:
    """No route yet."""
