"""The HTTP API in tests: a configuration that serves it with agents' tokens, and a
front end's client speaking JSON to it over urllib."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.config import make_toml
from tests.support.environment import free_port

ANN = "ann@helpdesk-staff.test"
AGENT_TOKEN = "ann-token-4f9c2e7a1b3d5f60"
PLAIN_TOKEN = "plain-token-8e1a6c0b2d4f7a93"
NAMED_TOKEN = "named-token-3b7d1f9e5a2c4e86"

TOKENS = f"""\
# the support team's front end, acting as Ann
{AGENT_TOKEN} {ANN}
{PLAIN_TOKEN}   # a script; what it does is recorded as "api token"
{NAMED_TOKEN} reporting
"""


def api_toml(tmp: Path, db_url: str | None = None, *, max_request_bytes: int = 4096) -> str:
    (tmp / "api.tokens").write_text(TOKENS)
    # An admin's template that fails to render (a variable that does not exist).
    broken = tmp / "templates" / "broken_reply"
    broken.mkdir(parents=True, exist_ok=True)
    (broken / "subject.txt").write_text("{{ ticket.subject }}\n")
    (broken / "body.txt").write_text("{{ reply.body }}\n{{ no_such_variable.name }}\n")
    return make_toml(
        tmp,
        db_url,
        extra=f"""
[[agents]]
address = "{ANN}"
name = "Ann Agent"

[templates]
directory = "{tmp / "templates"}"

[http]
enabled = true
host = "127.0.0.1"
port = {free_port()}
tokens_file = "{tmp / "api.tokens"}"
max_request_bytes = {max_request_bytes}
""",
    )


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


class Client:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"

    def request(
        self,
        method: str,
        path: str,
        *,
        token: str | None = AGENT_TOKEN,
        doc: object = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        data = raw if raw is not None else None if doc is None else json.dumps(doc).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token is not None:
            req.add_header("Authorization", f"Bearer {token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                status, hdrs, body = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            status, hdrs, body = e.code, dict(e.headers), e.read()
        assert hdrs.get("Content-Type", "").startswith("application/json"), (status, body)
        return Reply(status, hdrs, json.loads(body))

    def raw(
        self, path: str, *, token: str | None = AGENT_TOKEN
    ) -> tuple[int, dict[str, str], bytes]:
        """GET ``path`` as it comes: status, headers, body (a file, not JSON)."""
        req = urllib.request.Request(self.base + path)
        if token is not None:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=15) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    def patch(self, path: str, doc: object = None, **kw: Any) -> Reply:
        return self.request("PATCH", path, doc=doc, **kw)

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, doc: object = None, **kw: Any) -> Reply:
        return self.request("POST", path, doc=doc, **kw)
