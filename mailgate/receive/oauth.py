"""Access tokens for IMAP's XOAUTH2 (Gmail and Microsoft 365 accept no passwords).

Two sources:

- ``token_command``: a command whose standard output is an access token.  It works with
  any provider and with the helpers people already use (oauth2ms, mutt_oauth2.py), which
  keep and refresh the refresh token themselves.  It runs at each login, so the token is
  always a fresh one.
- Microsoft's client-credentials flow through msal (``tenant_id``, ``client_id``,
  ``client_secret_file``): msal keeps the token and asks for a new one within five
  minutes of its expiry.

Either way the poller logs in again before the token of its session expires (servers
may end a session whose token has expired), at the latest every ``OAUTH_SESSION``.

A secret is read from its file when needed and never logged; an error says what failed
without the secret or the token.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from pathlib import Path
from typing import Any, Protocol

from mailgate.config import ImapAccountConfig
from mailgate.errors import OAuthTokenError

# The scope Exchange Online grants IMAP access with for the client-credentials flow.
M365_IMAP_SCOPE = "https://outlook.office365.com/.default"


class OAuthTokenSource(Protocol):
    def token(self) -> str:
        """A valid access token (a fresh one shortly before the last one expires)."""
        ...

    def expires_in(self) -> float | None:
        """Seconds the last token returned stays valid, if known."""
        ...


class CommandToken:
    def __init__(self, command: str, timeout: float) -> None:
        self.argv = shlex.split(command)
        self.timeout = timeout

    def token(self) -> str:
        try:
            p = subprocess.run(self.argv, capture_output=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired:
            # Not the exception's text: it holds the command line, secrets and all.
            raise OAuthTokenError(f"token_command did not finish in {self.timeout:g}s") from None
        except OSError as e:
            raise OAuthTokenError(
                f"token_command could not run: {e.strerror or type(e).__name__}"
            ) from None
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OAuthTokenError(
                f"token_command exited {p.returncode}" + (f": {err[-1][:200]}" if err else "")
            )
        token = p.stdout.decode("utf-8", "replace").strip()
        if not token or any(ch.isspace() for ch in token):
            raise OAuthTokenError("token_command printed no single token")
        return token

    def expires_in(self) -> float | None:
        return None  # the command's business: it runs again at each login


class MsalToken:
    def __init__(self, account: ImapAccountConfig, http_client: Any = None) -> None:
        import msal

        assert account.client_id
        assert account.client_secret_file
        assert account.tenant_id
        secret = _read_secret(account.client_secret_file, "client_secret_file")
        authority = account.authority or (f"https://login.microsoftonline.com/{account.tenant_id}")
        kwargs: dict[str, Any] = {}
        if http_client is not None:
            kwargs["http_client"] = http_client
        if account.authority:
            # A sovereign cloud's or a test's own endpoint, not one of Microsoft's
            # public ones that msal would look up first.
            kwargs["instance_discovery"] = False
        self._expires_at: float | None = None
        try:
            # msal reads the authority's OpenID configuration here, over the network.
            self.app = msal.ConfidentialClientApplication(
                account.client_id, client_credential=secret, authority=authority, **kwargs
            )
        except Exception as e:  # noqa: BLE001 - network and protocol errors alike
            raise OAuthTokenError(f"the authority {authority} failed: {type(e).__name__}") from None

    def token(self) -> str:
        # msal answers from its cache and asks for a new token shortly before it expires.
        try:
            result = self.app.acquire_token_for_client(scopes=[M365_IMAP_SCOPE])
        except Exception as e:  # noqa: BLE001 - network and protocol errors alike
            raise OAuthTokenError(f"the token endpoint failed: {type(e).__name__}") from None
        if "access_token" not in result:
            raise OAuthTokenError(
                f"the token endpoint refused: {result.get('error', 'error')}: "
                f"{str(result.get('error_description', ''))[:200]}"
            )
        self._expires_at = time.monotonic() + float(result.get("expires_in", 0) or 0)
        return str(result["access_token"])

    def expires_in(self) -> float | None:
        return None if self._expires_at is None else self._expires_at - time.monotonic()


def token_source(account: ImapAccountConfig) -> OAuthTokenSource:
    if account.token_command:
        return CommandToken(account.token_command, account.timeout)
    return MsalToken(account)


def _read_secret(path: str, key: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError as e:
        raise OAuthTokenError(f"{key}: cannot read {path}: {e.strerror}") from None


def account_password(account: ImapAccountConfig) -> str:
    """The mailbox's password: from the environment variable, or read from its file
    each time (a changed file is used at the next login)."""
    if account.password_env is not None:
        value = os.environ.get(account.password_env, "")
        if not value:
            raise OAuthTokenError(
                f"password_env: the environment variable {account.password_env} is empty"
            )
        return value
    assert account.password_file is not None
    return _read_secret(account.password_file, "password_file")
