"""``/metrics`` and ``/healthz`` on the ``[http]`` listener, without a token.

Both count rows of the inbox and the outbox (:mod:`mailgate.store.figures_repo`) in the
API's threads.  ``/healthz`` answers 200 with a JSON document when the database answers
and no queue is stuck (``[daemon] stuck_after``), else 503 with the problems named —
for a load balancer, a container orchestrator or a monitoring check.  ``/metrics``
answers 200 whenever the daemon runs; without the database it says so in
``mailgate_database_up 0`` and still serves what the daemon's own memory holds.
"""

from __future__ import annotations

import logging

from aiohttp import web

from mailgate.api.common import API
from mailgate.metrics import Health, SharedMetrics, health, health_document, render
from mailgate.store.figures_repo import Figures, FiguresRepo

log = logging.getLogger(__name__)

# Prometheus' text exposition format.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SHARED = web.AppKey("shared_metrics", SharedMetrics)


async def _figures(request: web.Request) -> tuple[Figures | None, Health, float]:
    api = request.app[API]
    stuck_after = api.config.daemon.stuck_after

    def count() -> Figures:
        with api.store.read() as session:
            return FiguresRepo(session).figures()

    try:
        figures: Figures | None = await api.run(count)
        error = None
    except Exception as e:  # noqa: BLE001 - whatever stops the count is the verdict's error
        said = str(getattr(e, "orig", None) or e).strip().splitlines()
        figures, error = None, said[0] if said else type(e).__name__
        log.error("%s: database unavailable: %s", request.path, error)
    return figures, health(figures, stuck_after, error), stuck_after


async def metrics(request: web.Request) -> web.Response:
    figures, verdict, _ = await _figures(request)
    shared = request.app.get(SHARED)
    text = render(request.app[API].config, figures, shared, verdict)
    return web.Response(
        body=text.encode(),
        headers={"Content-Type": CONTENT_TYPE, "Cache-Control": "no-store"},
    )


async def healthz(request: web.Request) -> web.Response:
    figures, verdict, stuck_after = await _figures(request)
    doc = health_document(figures, verdict, stuck_after)
    return web.json_response(
        doc, status=200 if verdict.ok else 503, headers={"Cache-Control": "no-store"}
    )


def add_routes(app: web.Application, shared: SharedMetrics | None) -> None:
    if shared is not None:
        app[SHARED] = shared
    app.router.add_get("/metrics", metrics, allow_head=False)
    app.router.add_get("/healthz", healthz, allow_head=False)
