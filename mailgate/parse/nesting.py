"""How deep the parts of a message nest, measured on its bytes before it is parsed.

The stdlib parser (``email.feedparser``) recurses once per nested multipart or attached
message.  A thousand levels — a few kilobytes of mail — exhaust Python's stack: it
raises RecursionError, and the limit on nesting that the walk over the parsed tree
enforces (``max_mime_depth``) is never reached.  So the depth is measured first, without
recursion, by following the parser's own rules line by line: where a part's header
ends, which type it declares (``multipart/digest`` parts are messages unless they say
otherwise), which boundary lines — its own or an enclosing part's — end it.  A message
nested deeper than the limit is not handed to the parser at all.

A quick count comes first: a part can only be as deep as the number of container types
(``multipart/*``, ``message/*``) the message declares, so ordinary mail is not scanned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.parser import Parser
from email.policy import Policy

# What the parser takes for a header line and for the blank line that ends a header
# block (email.feedparser's headerRE and NLCRE).
_HEADER_LINE = re.compile(r"^(From |[\041-\071\073-\176]*:|[\t ])")
_BLANK = re.compile(r"\r\n|\r|\n")
# A line with its end, split as the parser splits (CR LF, CR or LF).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
# A declared container type, after the white space str.strip() removes (folding too).
_CONTAINER = re.compile(rb"[\t-\r\x1c-\x20]*(multipart/digest|multipart/|message/)", re.I)
_FIELD = b"content-type:"
_BLOCK = 1 << 20

Matcher = Callable[[str], "re.Match[str] | None"]


def nested_deeper_than(raw: bytes, limit: int, policy: Policy) -> bool:
    """Whether a part of ``raw``, as the parser (with ``policy``) would read it, lies
    deeper than ``limit``: the top-level message is at depth 0, each part of a multipart
    and the message inside a ``message/*`` part one deeper than their parent."""
    if _declared_containers(raw) <= limit:
        return False
    return _Scan(raw.decode("ascii", "surrogateescape"), limit, policy).deeper()


def _declared_containers(raw: bytes) -> int:
    """How many ``Content-Type`` fields at the start of a line declare a container type;
    a digest counts twice (its parts are messages unless they say otherwise).  Found with
    ``bytes.find`` in a lower-case copy of a block at a time (of the whole message, it
    would be one more copy of a message at the size limit): a regular expression over
    megabytes of base64 costs as much as the parse."""
    declared = 0
    for start in range(0, len(raw), _BLOCK):
        # A field starting in this block ends in it or in the extra octets.
        low = raw[start : start + _BLOCK + len(_FIELD) - 1].lower()
        at = low.find(_FIELD)
        while 0 <= at < _BLOCK:
            where = start + at
            if where == 0 or raw[where - 1] in b"\r\n":
                m = _CONTAINER.match(raw, where + len(_FIELD))
                if m is not None:
                    declared += 2 if m.group(1).lower() == b"multipart/digest" else 1
            at = low.find(_FIELD, at + len(_FIELD))
    return declared


class _Lines:
    """The parser's input (``BufferedSubFile``): lines, lines pushed back, and the
    stack of "false end of file" tests — the boundaries of the enclosing multiparts,
    the blank line ending a delivery-status block."""

    def __init__(self, text: str) -> None:
        self._lines = _LINE.findall(text)
        self._next = 0
        self._back: list[str] = []
        self.ends: list[Matcher] = []

    def readline(self) -> str:
        if self._back:
            line = self._back.pop()
        elif self._next < len(self._lines):
            line = self._lines[self._next]
            self._next += 1
        else:
            return ""
        if any(end(line) for end in self.ends):
            self._back.append(line)
            return ""
        return line

    def unreadline(self, line: str) -> None:
        self._back.append(line)

    def drain(self) -> None:
        while self.readline():
            pass


@dataclass
class _Part:
    """A part being read, and where its reading stands."""

    depth: int
    default_type: str
    counted: bool = True  # a delivery-status block is not a part the walk reads
    # header → body (read to its end) | message → done | report → report block → …
    # | parts → part → parts … (a multipart's parts, then its epilogue)
    step: str = "header"
    boundary: Matcher | None = None  # a multipart's
    child_type: str = "text/plain"  # the type of a multipart's parts that declare none
    in_preamble: bool = True


class _Scan:
    """email.feedparser's ``_parsegen``, its recursion unrolled into a stack of parts,
    keeping of each part only its depth and where its reading stands."""

    def __init__(self, text: str, limit: int, policy: Policy) -> None:
        self.lines = _Lines(text)
        self.limit = limit
        self.policy = policy

    def deeper(self) -> bool:
        lines = self.lines
        stack = [_Part(0, "text/plain")]
        while stack:
            part = stack[-1]
            if part.step == "header":
                if part.counted and part.depth > self.limit:
                    return True
                self._read_header(part)
            elif part.step in ("body", "done"):
                if part.step == "body":
                    lines.drain()
                stack.pop()
                self._resume(stack)
            elif part.step == "message":
                part.step = "done"
                stack.append(_Part(part.depth + 1, "text/plain"))
            elif part.step == "report":
                lines.ends.append(_BLANK.match)
                part.step = "report block"
                stack.append(_Part(part.depth + 1, "text/plain", counted=False))
            elif part.step == "parts":
                child = self._next_part(part)
                if child is None:
                    lines.drain()  # the epilogue
                    stack.pop()
                    self._resume(stack)
                else:
                    stack.append(child)
            else:
                raise AssertionError(part.step)
        return False

    def _read_header(self, part: _Part) -> None:
        lines = self.lines
        header: list[str] = []
        while line := lines.readline():
            if not _HEADER_LINE.match(line):
                if not _BLANK.match(line):
                    lines.unreadline(line)
                break
            header.append(line)
        ctype, boundary = self._content_type(header, part.default_type)
        if ctype == "message/delivery-status":
            part.step = "report"
        elif ctype.startswith("message/"):
            part.step = "message"
        elif ctype.startswith("multipart/") and boundary is not None:
            part.boundary = re.compile(
                "(?P<sep>" + re.escape("--" + boundary) + r")(?P<end>--)?(?P<ws>[ \t]*)"
                r"(?P<linesep>\r\n|\r|\n)?$"
            ).match
            part.step = "parts"
            part.child_type = "message/rfc822" if ctype == "multipart/digest" else "text/plain"
        else:
            part.step = "body"

    def _content_type(self, header: list[str], default: str) -> tuple[str, str | None]:
        if not any(line[:13].lower() == "content-type:" for line in header):
            return default, None
        msg: Message = Parser(policy=self.policy).parsestr("".join(header), headersonly=True)
        msg.set_default_type(default)
        ctype = msg.get_content_type()
        return ctype, msg.get_boundary() if ctype.startswith("multipart/") else None

    def _next_part(self, part: _Part) -> _Part | None:
        """Read a multipart's lines up to its next part (None: no more parts)."""
        lines, boundary = self.lines, part.boundary
        assert boundary is not None
        while line := lines.readline():
            found = boundary(line)
            if not found:
                continue  # the preamble
            if found.group("end"):
                return None
            if part.in_preamble:
                part.in_preamble = False
                lines.unreadline(line)
                continue
            # Boundary lines in a row enclose no part.
            while True:
                line = lines.readline()
                if not boundary(line):
                    lines.unreadline(line)
                    break
            lines.ends.append(boundary)
            part.step = "part"
            return _Part(part.depth + 1, part.child_type)
        return None

    def _resume(self, stack: list[_Part]) -> None:
        """The part on top of ``stack`` goes on after the one that ended inside it."""
        if not stack:
            return
        parent = stack[-1]
        if parent.step == "part":
            self.lines.ends.pop()
            parent.step = "parts"
        elif parent.step == "report block":
            self.lines.ends.pop()
            self.lines.readline()  # the blank line
            line = self.lines.readline()
            if line:
                self.lines.unreadline(line)
                parent.step = "report"
            else:
                parent.step = "done"
