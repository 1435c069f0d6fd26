"""What a configuration key names outside the configuration file: a file to read, a
program to run, an environment variable.

Each such key carries a :class:`Resource` in its type (``Annotated[str | None,
SECRET_FILE]``), and each kind of resource has one check.  The same check serves twice:
when the configuration is loaded, for the values mailgate reads once and keeps (the
relay's password, the DKIM key, the reply-token key, the certificates), and in
:func:`check_resources`, which ``mailgate check-config`` runs over every key — also the
ones read only when they are used (an IMAP account's password file, read at each login;
its token command, run at each login; an environment variable that only the daemon's
environment holds, not the one Postfix gives ``mailgate deliver``).

A problem names what is wrong with the file or the program, never what a secret holds
nor the arguments of a command (they may carry one).
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Resource:
    """The kind of thing a key names, and how to check it: ``check(value, owner)`` raises
    ValueError saying what is wrong (``owner`` is the section holding the key, for a
    check that needs a neighbouring key)."""

    kind: str
    check: Callable[[str, Any], object]


@dataclass(frozen=True)
class Checked:
    """One key's resource, checked: ``problem`` is None when it is usable, and then
    ``content`` is what the check read (a file's text, a program's path)."""

    key: str
    resource: Resource
    value: str
    problem: str | None
    content: object = field(default=None, repr=False)

    @property
    def line(self) -> str:
        return f"{self.key}: {self.problem}"


def _read_bytes(path: str) -> bytes:
    if not path.strip():
        raise ValueError("expected the path of a file")
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e.strerror or type(e).__name__}") from None


def read_text(path: str) -> str:
    """A file of UTF-8 text."""
    try:
        return _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None


def read_secret(path: str) -> str:
    """A file holding a password or a client secret: UTF-8 text, not empty (the line
    end that editors add is not part of it)."""
    secret = read_text(path).strip()
    if not secret:
        raise ValueError(f"{path} is empty")
    return secret


# A reply-token key shorter than this is guessable.
MIN_HMAC_KEY_BYTES = 16


def read_hmac_key(path: str) -> bytes:
    """A file holding at least 16 random bytes (surrounding white space is not part of
    it)."""
    data = _read_bytes(path).strip()
    if len(data) < MIN_HMAC_KEY_BYTES:
        raise ValueError(
            f"{path} holds {len(data)} bytes; expected at least {MIN_HMAC_KEY_BYTES} random bytes"
        )
    return data


def read_rsa_key(path: str) -> tuple[bytes, int]:
    """A DKIM private key: RSA in PEM form, at least 1024 bits.  Its PEM and its size."""
    from dkim.crypto import parse_pem_private_key

    pem = _read_bytes(path)
    try:
        key = parse_pem_private_key(pem)
    except Exception as e:  # noqa: BLE001 - dkimpy's parser raises several kinds
        first = str(e).splitlines()[0].rstrip(" :") if str(e) else type(e).__name__
        raise ValueError(
            f"{path} is not an RSA private key in PEM form ({first}); "
            "make one with `openssl genrsa -out dkim.pem 2048`"
        ) from None
    bits = int(key["modulus"]).bit_length()
    # RFC 8301 §3.2: verifiers must not accept keys shorter than 1024 bits.
    if bits < 1024:
        raise ValueError(f"{path} holds a {bits}-bit key; expected at least 1024 (2048 is usual)")
    return pem, bits


def load_certificate(cert_file: str, key_file: str | None) -> None:
    """A server certificate chain and its private key (PEM; the key may be in the
    certificate's file), loaded as the listener loads them for STARTTLS."""
    _read_bytes(cert_file)
    if key_file:
        _read_bytes(key_file)
    import ssl  # here: only a configuration with a certificate needs it

    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert_file, key_file)
    except (OSError, ssl.SSLError) as e:
        raise ValueError(
            f"cannot load the certificate {cert_file} (key {key_file or 'in the same file'}): {e}"
        ) from None


def _check_certificate(cert_file: str, owner: Any) -> None:
    key_file = getattr(owner, "tls_key_file", None)
    if key_file and not os.access(key_file, os.R_OK):
        _read_bytes(cert_file)  # the key's own check says what is wrong with it
        return
    load_certificate(cert_file, key_file)


def load_ca_file(path: str) -> None:
    """Certificates of authorities (PEM) to check a server's certificate against."""
    _read_bytes(path)
    import ssl  # here: only a configuration with a certificate needs it

    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as e:
        raise ValueError(f"cannot load certificates from {path}: {e}") from None


def find_program(command: str) -> str:
    """The program a command line runs: an executable file, by its path or on PATH.
    The arguments are never repeated (a token command may carry a secret)."""
    try:
        argv = shlex.split(command)
    except ValueError:
        raise ValueError("expected a command line; its quotes are unbalanced") from None
    if not argv:
        raise ValueError("expected a command line; it is empty")
    program = argv[0]
    if "/" not in program:
        found = shutil.which(program)
        if found is None:
            raise ValueError(f"the program {program} is not found on PATH")
        return found
    if not Path(program).is_file():
        raise ValueError(f"the program {program} does not exist")
    if not os.access(program, os.X_OK):
        raise ValueError(f"the program {program} is not executable")
    return program


def check_environment(name: str) -> None:
    """An environment variable that holds a secret: set and not empty here.  Only the
    environment of the process that uses it counts (systemd's ``Environment=`` is not
    the environment of a shell, nor of Postfix's ``pipe(8)``)."""
    value = os.environ.get(name)
    if value is None:
        raise ValueError(f"the environment variable {name} is not set")
    if not value.strip():
        raise ValueError(f"the environment variable {name} is empty")


TEXT_FILE = Resource("a file of UTF-8 text", lambda v, _: read_text(v))
SECRET_FILE = Resource("a file holding a secret", lambda v, _: read_secret(v))
HMAC_KEY_FILE = Resource("a file holding a key", lambda v, _: read_hmac_key(v))
RSA_KEY_FILE = Resource("a PEM file holding an RSA private key", lambda v, _: read_rsa_key(v))
CERTIFICATE_FILE = Resource("a PEM certificate chain", _check_certificate)
PRIVATE_KEY_FILE = Resource("a PEM private key", lambda v, _: _read_bytes(v))
CA_FILE = Resource("a PEM file of certificate authorities", lambda v, _: load_ca_file(v))
PROGRAM = Resource("a command line", lambda v, _: find_program(v))
ENVIRONMENT = Resource("the name of an environment variable", lambda v, _: check_environment(v))


def check_resources(model: BaseModel, prefix: str = "") -> list[Checked]:
    """Every key of ``model`` (sections and lists of tables included) that names a
    resource and is set, each checked."""
    return list(_walk(model, prefix))


def require_usable(model: BaseModel, prefix: str) -> None:
    """For a section that reads its files as it is loaded: ValueError naming the first
    key whose resource is not usable."""
    for checked in _walk(model, prefix):
        if checked.problem:
            raise ValueError(checked.line)


def _walk(model: BaseModel, prefix: str) -> Iterator[Checked]:
    for name, info in type(model).model_fields.items():
        key = f"{prefix}{name}"
        value = getattr(model, name)
        resource = next((m for m in info.metadata if isinstance(m, Resource)), None)
        if resource is not None and value is not None:
            yield _check(key, resource, value, model)
        elif isinstance(value, BaseModel):
            yield from _walk(value, f"{key}.")
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, f"{key}[{i}].")


def _check(key: str, resource: Resource, value: object, owner: BaseModel) -> Checked:
    # A value read when loading (a secret, a key) names its file by ``path``.
    text = str(getattr(value, "path", value))
    try:
        return Checked(key, resource, text, None, resource.check(text, owner))
    except ValueError as e:
        return Checked(key, resource, text, str(e))
