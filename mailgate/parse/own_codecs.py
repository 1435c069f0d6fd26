"""The codecs mailgate adds to Python's, found by one search function.

Python looks a codec up by asking each registered search function in turn, and keeps
every function it is given: a module registering its own would add another on each
reload, and two modules could claim the same name without notice.  The charsets mail
programs write that Python has no codec for (:mod:`mailgate.parse.jis`'s Japanese with
Windows' additions, :mod:`mailgate.parse.viscii`'s Vietnamese) are added here instead,
each under its names; the search function is registered once, when this module is
first imported.

Names are compared as mail programs' labels vary them: without case and punctuation
("EUC-JP-MS", "euc_jp_ms" and "eucJP-ms" are one name).
"""

from __future__ import annotations

import codecs
import re

_NOT_NAME = re.compile(r"[^a-z0-9]")
# A name (as :func:`key` makes it) → its codec.
_CODECS: dict[str, codecs.CodecInfo] = {}


def key(name: str) -> str:
    """A codec name as the search compares it: lower case, letters and digits only."""
    return _NOT_NAME.sub("", name.lower())


def add(info: codecs.CodecInfo, *aliases: str) -> None:
    """Make ``info`` found under its name and ``aliases``.  Adding the same codec again
    changes nothing; a name another codec has, or one of Python's own codecs, is an
    error (the lookup would give either, by the order of imports)."""
    new = [name for name in (info.name, *aliases) if _CODECS.get(key(name)) is not info]
    for name in new:
        found = _CODECS.get(key(name))
        if found is not None:
            raise ValueError(f"codec name {name!r} is {found.name}'s already")
        if _python_has(name):
            raise ValueError(f"codec name {name!r} is one of Python's")
    # Only when every name is free: a refused codec leaves none behind.
    for name in new:
        _CODECS[key(name)] = info


def names() -> dict[str, str]:
    """Each name added (as :func:`key` makes it) → the name of its codec."""
    return {name: info.name for name, info in _CODECS.items()}


def _python_has(name: str) -> bool:
    try:
        found = codecs.lookup(name)
    except LookupError:
        return False
    return key(found.name) not in _CODECS


def _search(name: str) -> codecs.CodecInfo | None:
    return _CODECS.get(key(name))


codecs.register(_search)
