"""The new part of a reply: quoted history and signature removed.

Mail programs quote in two ways, and the reply is read differently for each:

- **Below a header** (Outlook's "From: … Sent: … To: … Subject: …" block in any
  language, "-----Original Message-----", "On … wrote:" followed by unquoted text, a
  forwarded message): everything from the header on is history.  The reply is what
  comes before it.
- **With ``>`` marks** (Gmail, Apple Mail, Thunderbird, mutt; HTML blockquotes are
  turned into ``>`` lines before this runs): the quoted lines and the attribution line
  that introduces them ("On … wrote:", "26.06.2014, 14:41, "Jo" <jo@…>:") are history;
  every other line is the writer's — above the quote, below it (bottom posting) or
  between its pieces (inline answers).

Then the signature goes: an RFC 3676 delimiter ("-- ") and everything after it, and
a mobile footer line ("Sent from my iPhone", "Von meinem iPhone gesendet", …) when it
is a footer — the phrase and a few words — not a sentence that happens to begin so.

Every rule reads one line, or a few lines around it, so the work is linear in the
length of the text whatever it holds (a 766 KB quote costs milliseconds).  The full
text is always kept beside the reply.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from mailgate.parse.footers import (
    cited_references,
    cut_banner,
    cut_footer_citing,
    is_instruction,
    split_references,
)
from mailgate.parse.heads import own_heading, service_footer, without_head
from mailgate.parse.quote_words import (
    ATTRIBUTION_START,
    DIVIDER,
    ENTRY_RULE,
    HEADER_LINE,
    LABEL_KIND,
    LINK_OR_ADDRESS,
    NOTIFICATION_HEAD,
    QUOTE_MARK,
    QUOTE_MARKS,
    REPLY_ABOVE,
    RULE,
    SENTENCE_END,
    WROTE_END,
    WROTE_OPEN,
    WROTE_START,
    WROTE_WORD,
    announced,
    line_end,
    speaks_for_self,
    without_marks,
)
from mailgate.parse.signoff import (
    cut_after_sign_off,
    cut_own_signature,
    cut_sign_off,
    cut_signature,
    greeted_writer,
    is_mobile_footer,
    signature_name,
    signed_by_handle,
    split_postscript,
    trim_end,
    without_name,
)
from mailgate.parse.wrappers import enclosed_message, says_sent_by_a_machine, service_record
from mailgate.parse.wrapping import mark_wrapped_tails

# A line longer than this is a paragraph, not a header or an attribution.
_MAX_HEADER_LINE = 400
_EMAIL = re.compile(r"[^\s<>\"()@]+@[^\s<>\"()@]+\.[^\s<>\"()@]+")
_DATE_OR_TIME = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\d{4}年"
)
_RULE_STARTS = frozenset("-_=")
# (With the box-drawing and full-width rules Japanese and Chinese mail draws, "━━━",
# "＿＿＿", the underscores a converter to Markdown escapes, "\\_\\_\\_", and the
# dashes and bars of any kind.)
_ONLY_PUNCTUATION = re.compile(r"^[\s\-_=*~#.·•—–―‒━─═＝－＿＊＃・\\]*$")


def reply_text(
    text: str,
    list_marks: tuple[str, ...] = (),
    writer: str = "",
    wrapped: bool = False,
    *,
    handle: bool = False,
    subject: str = "",
    notice: bool = False,
) -> str:
    """The new part of ``text`` (a plain-text body, LF line ends).  ``list_marks`` are the
    addresses and links of the list the message came through (:func:`footers.list_marks`),
    which its footer repeats; ``writer`` is the name the From field gives, which the
    writer may type under their text ("Thanks,\nBarb"); ``wrapped``: the message is a
    service's notification that carries a person's words (:mod:`wrappers`); ``handle``:
    ``writer`` is what the address spells, the From field giving no name
    (:func:`signed_by_handle`); ``subject``: the mail's subject, which a service's
    heading repeats; ``notice``: the header says a service sent it
    (:func:`heads.service_headers`).

    The rules read the lines without their invisible format marks (:func:`without_marks`:
    the direction marks right-to-left mail programs put around a closing, a name, an
    attribution); each line the reply keeps whole keeps its marks."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    plain = without_marks(text)
    if plain == text:
        return _reply_text(text, list_marks, writer, wrapped, handle, subject, notice)
    reply = _reply_text(plain, list_marks, without_marks(writer), wrapped, handle, subject, notice)
    return _with_marks(reply, text.split("\n"))


def _with_marks(reply: str, lines: list[str]) -> str:
    """``reply``, read from ``lines`` without their format marks, with each of its lines
    that one of ``lines`` gives whole written as that line is (marks and all), in order."""
    at: dict[str, list[int]] = {}
    for j, line in enumerate(lines):
        at.setdefault(without_marks(line).strip(), []).append(j)
    kept: list[str] = []
    after = 0
    for line in reply.split("\n"):
        text = line.strip()
        found = at.get(text) if text else None
        k = bisect_left(found, after) if found else 0
        if not found or k == len(found):
            kept.append(line)
            continue
        after = found[k] + 1
        indent = line[: len(line) - len(line.lstrip())]
        kept.append(f"{indent}{lines[found[k]].strip()}{line[len(line.rstrip()) :]}")
    return "\n".join(kept)


def _reply_text(
    text: str,
    list_marks: tuple[str, ...],
    writer: str,
    wrapped: bool,
    handle: bool = False,
    subject: str = "",
    notice: bool = False,
) -> str:
    """:func:`reply_text` of ``text`` (LF line ends) as the rules read it."""
    if not text.strip():
        return ""
    lines = _enclosed(text.split("\n"))
    quoted = [_is_quoted(line) for line in lines]
    mark_wrapped_tails(lines, quoted)
    next_content = _next_content(lines)
    headers: set[int] = set()
    end, header_end = _history_start(lines, quoted, next_content, 0, headers)
    while wrapped and end < len(lines) and service_record(lines[end:header_end]):
        end, header_end = _history_start(lines, quoted, next_content, header_end, headers)
    if header_end < len(lines) and all(
        is_mobile_footer(line.strip()) for line in lines[:end] if line.strip()
    ):
        # Nothing above the header, or only the phone's tagline ("Sent from my iPhone" /
        # "Begin forwarded message:"): a message forwarded (or pasted) without a word of
        # its own.  Its text, up to the history it quotes in turn, is what was sent.
        start = header_end
        end, _ = _history_start(lines, quoted, next_content, start)
        lines, quoted, end = lines[start:end], quoted[start:end], end - start
        next_content = _next_content(lines)
        headers = set()
    hidden = _attributions(lines[:end], quoted, next_content) | headers
    if wrapped:
        _unquote_enclosed(lines, quoted, hidden, end)
    hidden |= _notification_head(lines[:end], next_content, hidden)
    hidden |= _comment_head(lines[:end], hidden)
    kept: list[str] = []
    breaks: list[int] = []  # where a quote was between two pieces of the writer's
    for i in range(end):
        if quoted[i] or i in hidden:
            # A quote between two pieces of the reply stays a paragraph break.
            if kept and kept[-1].strip():
                kept.append("")
            if kept and (not breaks or breaks[-1] < len(kept) - 1):
                breaks.append(len(kept) - 1)
            continue
        kept.append(lines[i])
    if handle:
        # An address without a name: the name the helpdesk's message greets them by, or
        # the one it spells in part.
        history = [line for i, line in enumerate(lines) if quoted[i] or i >= end]
        writer = greeted_writer(writer, history)
        writer = signed_by_handle(writer, kept)
    kept = _unsigned_pieces(kept, breaks, writer)
    # A ticket system's marker over the text, nothing of the writer's above it ("##
    # Please reply above this line ##" / "Megan Ortiz replied:" / …): the system's
    # notification of an entry, whatever mailbox it came from.
    marked = any(REPLY_ABOVE.search(lines[i]) for i in headers if i < end)
    said = notice or wrapped
    enclosed = wrapped or marked or (not list_marks and says_sent_by_a_machine(kept))
    if said:
        served = True
    elif enclosed:
        served = service_footer(kept)
    else:
        # Nothing enclosed: the footer would only let a head go, so it is read only when
        # one stands above the words (most mail has none).
        served = without_head(kept, subject, writer, False, False) is not kept and (
            service_footer(kept)
        )
    if served and enclosed and not (wrapped or marked):
        # A text read as a service's by its words alone: when the service's head is found
        # above the words, a short line of the person's own that opens them ("Update" /
        # the words) is theirs, not the wrapper's heading.
        headless = without_head(kept, subject, writer, False, said)
        if headless is not kept:
            inner = enclosed_message(headless, writer)
            kept, enclosed = [*own_heading(headless, inner), *inner], False
    if enclosed:
        kept = enclosed_message(kept, writer)
    if served:
        # The service's head above the person's words: its heading, the author's line,
        # its greeting and introduction, the place and the date.
        kept = without_head(kept, subject, writer, enclosed, said)
    signed_name = signature_name(kept)
    lines, references = split_references(cut_banner(kept))
    lines = cut_footer_citing(lines, references, list_marks)
    if not references:
        # The writer's references above a footer that went ("[1] https://…" / the list's
        # footer).
        lines, references = split_references(lines)
    lines = cut_signature(cut_after_sign_off(lines, writer))
    above, postscript = split_postscript(lines)
    signed = cut_own_signature(cut_sign_off(above, writer), writer)
    if not postscript and signed != above:
        # A signature went from under a postscript ("Best,\nJordan" / "P.S. …" / the
        # signature block): the sign-off above the postscript is looked for too.
        lines = signed
        above, postscript = split_postscript(lines, marked_only=True)
        signed = cut_own_signature(cut_sign_off(above, writer), writer) if postscript else lines
    if postscript and signed == above and writer:
        # The writer's name typed alone above the postscript ("MJ" / "" / "P.S. …").
        signed = without_name("\n".join(above), writer).split("\n")
    if postscript:
        # Kept whole unless a sign-off above the postscript went.
        signed = [*trim_end(signed), "", *postscript] if signed != above else lines
    reply = _tidy(signed)
    for name in (writer, signed_name):
        # The name the From field gives, and the name the signature block gives.
        reply = without_name(reply, name) if name else reply
    cited = cited_references(references, reply)
    if cited:
        # The references the reply cites, under it as the program listed them.
        reply = "\n".join([reply, "", *cited])
    return reply


def forwarded_alone(text: str) -> bool:
    """Whether ``text`` is a message forwarded without a word of the sender's own (only,
    perhaps, the phone's tagline above it): the header block it begins with names a
    forward ("---------- Forwarded message ---------", "Begin forwarded message:")."""
    lines = without_marks(text).replace("\r\n", "\n").split("\n")
    quoted = [_is_quoted(line) for line in lines]
    end, header_end = _history_start(lines, quoted, _next_content(lines), 0, set())
    if header_end >= len(lines):
        return False
    if not all(is_mobile_footer(line.strip()) for line in lines[:end] if line.strip()):
        return False
    return any(_FORWARDED.search(line) for line in lines[end:header_end])


def unquoted_forward(text: str) -> str | None:
    """The message ``text`` forwards with ``>`` marks and without a word of the sender's
    own (only, perhaps, the phone's tagline or the program's "-------- Forwarded Message
    --------" above it): its lines with one level of marks taken off, as
    :func:`forwarded_alone` reads them; None for any other text — a reply that only quotes
    ("On … wrote:" / "> …") forwards nothing."""
    lines = text.replace("\r\n", "\n").split("\n")
    quoted = [_is_quoted(line) for line in lines]
    if not any(quoted):
        return None
    unquoted = [
        _ONE_QUOTE_LEVEL.sub("", line, count=1) if q else line
        for line, q in zip(lines, quoted, strict=True)
    ]
    forward = "\n".join(unquoted)
    return forward if forwarded_alone(forward) else None


_ONE_QUOTE_LEVEL = re.compile(r"^[ \t]*> ?")


def _unquote_enclosed(lines: list[str], quoted: list[bool], hidden: set[int], end: int) -> None:
    """In a service's notification, the person's message set in a quotation (an HTML
    blockquote read as "> " lines, under "Petra sent you a message about …:"): the only
    quoted passage, with no attribution above it — a service quotes no history — is the
    message, and is read as text (``lines`` and ``quoted`` changed in place)."""
    runs: list[tuple[int, int]] = []
    for i in range(end):
        if quoted[i] and not (runs and runs[-1][1] == i):
            runs.append((i, i + 1))
        elif quoted[i]:
            runs[-1] = (runs[-1][0], i + 1)
    if len(runs) != 1:
        return
    start, stop = runs[0]
    above = next((j for j in range(start - 1, -1, -1) if lines[j].strip()), None)
    if above is None or above in hidden:
        return
    for i in range(start, stop):
        lines[i] = _QUOTE_MARK.sub("", lines[i], count=1)
        quoted[i] = False


_QUOTE_MARK = re.compile(rf"^[ \t]*{QUOTE_MARK}[ \t]?")


def _box_header(lines: list[str], i: int) -> bool:
    """Whether the border on line ``i`` opens a header drawn as a box, as Lotus Notes
    writes it in plain text ("|----+---->" / "|    |  "Acme Support"  |" / "|    |
    <support@helpdesk|" / "|    |  .example>  |" / "|    |  18/04/2006 15:22 |"): the
    cells under it give an address."""
    cells: list[str] = []
    for line in lines[i + 1 : i + 1 + _BOX_LINES]:
        if not line.startswith("|"):
            break
        cells += [cell.strip() for cell in line.split("|") if cell.strip()]
    # An address (or a Notes name, "Tom Harper/Accounts/Acme@Acme"): a table the writer
    # draws of dates has none.
    return "@" in "".join(cells)


_BOX_BORDER = re.compile(r"^\|[-+]{3,}[-+>|]*\s*$")
_BOX_LINES = 12


def _enclosed(lines: list[str]) -> list[str]:
    """The person's message a service encloses in its own text — a forum's "Here is the
    message that has just been posted:" or "Message sent to you follows" over a rule of
    stars, tildes, equals signs or hashes, the message, and the same rule or the service's footer
    under it — or ``lines`` when they enclose none.  The service's text above names
    where it comes from (a link, an address); the line above the rule announces a
    message."""
    looked = 0
    for i, line in enumerate(lines):
        if looked >= _ENCLOSING_LINES:
            break
        if not line.strip():
            continue
        looked += 1
        if _INVITATION_RULE.match(line) and looked > 1:
            # Outlook's meeting request: "When: … Where: …", this rule, the organiser's
            # note.
            return lines[i + 1 :] if any(text.strip() for text in lines[i + 1 :]) else lines
        rule = _ENCLOSING_RULE.match(line)
        if rule is None or i == 0:
            continue
        above = lines[i - 1].strip()
        said = above.rstrip(":：").strip()
        if not (above.endswith((":", "：")) or said.lower().endswith(_FOLLOWS)):
            continue
        if not _MESSAGE_WORD.search(above) or _FIRST_PERSON.search(above):
            continue
        if not any(LINK_OR_ADDRESS.search(text) for text in lines[:i]):
            continue
        mark = rule.group(1)[0]
        end = next(
            (j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(mark * 5)),
            len(lines),
        )
        inner = lines[i + 1 : end]
        return inner if any(text.strip() for text in inner) else lines
    return lines


_ENCLOSING_LINES = 25
_INVITATION_RULE = re.compile(r"^\s*(?:\*~){4,}\*?\s*$")
_ENCLOSING_RULE = re.compile(r"^\s*(([*~=#])\2{4,})\s*$")
_FOLLOWS = ("follows", "below", "folgt", "suit", "sigue", "segue")
_MESSAGE_WORD = re.compile(
    r"\b(?:message|post|reply|comment|nachricht|beitrag|antwort|mensaje|respuesta|"
    r"messaggio|risposta|bericht|reactie|wiadomość|odpowiedź|сообщение|ответ|mensagem|"
    r"resposta)\b",
    re.IGNORECASE,
)
# The writer's own announcement ("This is the error message I get:") is theirs.
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|my|me|we|our|us|ich|mein|meine|wir|unser|je|j'|mon|ma|mes|nous|notre|"
    r"yo|mi|mis|nosotros|nuestro|io|il mio|noi|ik|mijn|wij|ons|ja|mój|moja|я|мой|мы)\b",
    re.IGNORECASE,
)


def _unsigned_pieces(lines: list[str], breaks: list[int], writer: str) -> list[str]:
    """``lines`` — the writer's pieces with a quote removed between them — without a
    sign-off that ends a piece other than the last: a note on top signed before the
    answers typed under the quoted questions ("… meine Antworten stehen unter Ihren
    Fragen." / "Viele Grüße" / "Dr. Martin Albers")."""
    out: list[str] = []
    start = 0
    for at in breaks:
        piece = lines[start:at]
        if _answers_follow(lines[at:]) and any(line.strip() for line in piece):
            # "Answers below" / "Sent from my iPhone", then the answers under the quote.
            piece = cut_own_signature(cut_sign_off(cut_signature(piece), writer), writer)
        out += [*piece, ""]
        start = at + 1
    return [*out, *lines[start:]]


def _answers_follow(lines: list[str]) -> bool:
    """Whether the writer's next piece in ``lines`` begins as a sentence does — an
    answer typed under a quoted question — not as the rest of a quoted line the program
    wrapped ("or-shared-mailboxes…", "(naklejka na spodzie…") or a footer's rule."""
    first = next((line.strip() for line in lines if line.strip()), "")
    return bool(first) and first[0].isalnum() and not first[0].islower() and "://" not in first


# Supercite's quoting, as The Bat! and some Usenet-era programs write it: the quoted
# writer's initials before the mark ("AS> …", " JD>> …").
_INITIALS_QUOTE = re.compile(r"^[ \t]{0,2}[A-ZА-ЯЁ]{1,3}>+(?:[ \t]|$)")


def _is_quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(QUOTE_MARK) or bool(_INITIALS_QUOTE.match(line))


def _next_content(lines: list[str]) -> list[int]:
    """For each line, the index of the first non-blank line after it (len(lines) if
    none): one pass from the end, so no rule ever scans ahead."""
    out = [len(lines)] * len(lines)
    nxt = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nxt
        if lines[i].strip():
            nxt = i
    return out


def _history_start(
    lines: list[str],
    quoted: list[bool],
    next_content: list[int],
    begin: int,
    hidden: set[int] | None = None,
) -> tuple[int, int]:
    """The first line of history quoted below a header (not with ``>``) from ``begin``
    on, and the line after that header; (len(lines), len(lines)) if there is none.  A
    header followed by ``>`` lines (Zimbra's "----- Original Message -----" block above a
    quote the writer answers inside) is no cut: its lines are added to ``hidden``."""
    checked_until = begin
    skip_to = begin
    seen_content = False
    entries = 0
    for i in range(begin, len(lines)):
        line = lines[i]
        if i < skip_to or len(line) > _MAX_HEADER_LINE:
            continue
        if quoted[i]:
            if line.startswith(">>>") and _groupwise_header(line):
                following = next_content[i]
                # (Read as written: the line under it is no tail of it wrapped.)
                if following >= len(lines) or not _is_quoted(lines[following]):
                    return i, i + 1  # the history under it is not quoted
            continue
        if len(line) < 120 and _may_mark(line) and REPLY_ABOVE.search(line):
            if seen_content:
                return i, i + 1
            if hidden is not None:
                hidden.add(i)
            # The first entry's author and date right under the marker, without a rule
            # above them ("## Please reply above this line ##" / "Megan Ortiz" / "Jun 4,
            # 2025, 10:02"): the next entry's rule begins the history.
            entries = entries or int(_entry_header_at(lines, next_content, i))
            continue
        if ENTRY_RULE.match(line) and _entry_header_at(lines, next_content, i):
            if entries:
                return i, i + 1  # the second entry: the thread's history
            entries += 1
            if hidden is not None:
                hidden.add(i)
            continue
        # A rule drawn above the marker is not text of a reply.
        seen_content = seen_content or not _ONLY_PUNCTUATION.match(line)
        if line.startswith("|") and _BOX_BORDER.match(line) and _box_header(lines, i):
            return i, i + 1
        if "@" in line and ">" in line and _notes_block_at(lines, next_content, i):
            return i, i + 1
        # Every header, attribution and divider has a colon or begins with a rule
        # character: most lines are passed over on this test alone.
        if ":" not in line and "：" not in line and line.lstrip()[:1] not in _RULE_STARTS:
            continue
        if (DIVIDER.match(line) or RULE.match(line)) and not announced(lines, i):
            # The header block Outlook and Gmail write under their divider belongs to it.
            following = next_content[i]
            found, block_end = _header_block_at(lines, min(following, len(lines) - 1))
            end = block_end if found else i + 1
            if _introduces_quote(quoted, next_content, end, hidden, i):
                skip_to = end
                continue
            return i, end
        if i >= checked_until:
            found, block_end = _header_block_at(lines, i)
            record_end = _pasted_record(lines, i) if found else None
            if record_end is not None:
                # The writer's paste of a log or a record, announced: no header.
                checked_until = skip_to = record_end
                continue
            top = _titled_rule_above(lines, i) if found else i
            if found and _introduces_quote(quoted, next_content, block_end, hidden, top):
                skip_to = checked_until = block_end
                continue
            if found:
                return top, block_end
            # A run of label lines without a block in it has none from any of its lines.
            checked_until = block_end
        start = _attribution_at(lines, i)
        if start is None:
            start = _dated_attribution_at(lines, i)
        if start is not None:
            last = _folded_down_to(lines, start, i)
            start = _paragraph_top(lines, start, last)
            following = next_content[last]
            if following < len(lines) and quoted[following]:
                skip_to = last + 1
                continue  # introduces a ">" quote: hidden with it, not a cut
            return start, last + 1
    return len(lines), len(lines)


# The word for "above" (or "below") in each of REPLY_ABOVE's languages: only a line with one is
# matched against it.
_ABOVE = (
    "above",
    "oberhalb",
    "über",
    "au-dessus",
    "encima",
    "sopra",
    "boven",
    "powyżej",
    "над",
    "acima",
    "ovanför",
    "over denne",
    "yläpuolelle",
    "nad t",
    "üzerine",
    "üstüne",
    "fölé",
    "deasupra",
    "πάνω",
    "מעל",
    "より上",
    "此行",
    "위에",
    # … and for "below", where the marker says not to write there.
    "below",
    "nicht unter",
    "dessous",
    "debajo",
    "sotto",
    "onder deze",
    "abaixo",
)


_ABOVE_WORD = re.compile("|".join(re.escape(word) for word in _ABOVE))


def _may_mark(line: str) -> bool:
    return _ABOVE_WORD.search(line.lower()) is not None


def _comment_head(lines: list[str], hidden: set[int]) -> set[int]:
    """The line a ticket system writes above the comment it sends on, when nothing of
    the writer's stands above it (a marker or a rule may): "Kevin Walsh added a comment
    to Ticket #2207 – Scanner on 3rd floor:"."""
    links: set[int] = set()
    for i, line in enumerate(lines[:_HEAD_LINES]):
        if not line.strip() or i in hidden or _ONLY_PUNCTUATION.match(line):
            continue
        if is_instruction(line):
            continue  # the service's instruction above it: "Reply to this email to add …"
        if _LINK_ALONE.match(line):
            # The entry's link above it, as Jira sets it: "[ https://…#comment-… ]".
            links.add(i)
            continue
        if len(line) > _MAX_HEADER_LINE:
            return set()
        if NOTIFICATION_HEAD.match(line):
            if links and i + 1 < len(lines) and _ONLY_PUNCTUATION.match(lines[i + 1]):
                links.add(i + 1)  # … and the rule Jira underlines the head with
            return {i} | links
        # … or folded onto the next line by the width of the text.
        below = lines[i + 1] if i + 1 < len(lines) else ""
        folded = f"{line.rstrip()} {below.strip()}"
        if below.strip() and len(below) <= _MAX_HEADER_LINE and NOTIFICATION_HEAD.match(folded):
            return {i, i + 1}
        return set()
    return set()


# How far down the head of a notification is looked for.
_HEAD_LINES = 12
# A link alone on its line, in brackets or not.
_LINK_ALONE = re.compile(r"^\s*(?:[\[<(]\s*)?https?://\S+(?:\s*[\]>)])?\s*$")


def _notification_head(lines: list[str], next_content: list[int], hidden: set[int]) -> set[int]:
    """What a ticket system writes above the newest entry of its notification: the
    marker, a line saying the request was updated, the entry's rule and the entry's
    author and date ("##- Please type your reply above this line -##" / "Your request
    (4521) has been updated." / "-----" / "Markus Weber" / "7 Nov 2024, 10:14").  The
    marker and the rule are already hidden; nothing of the writer's is above them."""
    marked = [i for i in sorted(hidden) if REPLY_ABOVE.search(lines[i])]
    rules = [i for i in sorted(hidden) if ENTRY_RULE.match(lines[i])]
    if marked and not rules and _entry_header_at(lines, next_content, marked[0]):
        # The entry's author and date right under the marker, without a rule between
        # ("## Please reply above this line ##" / "Megan Ortiz" / "Jun 4, 2025 10:02 AM").
        name_at = next_content[marked[0]]
        return set(range(marked[0])) | {name_at, next_content[name_at]}
    if not marked or not rules or marked[0] > rules[0]:
        return set()
    rule = rules[0]
    notice = [i for i in range(rule) if lines[i].strip() and i not in hidden]
    if len(notice) > _NOTICE_LINES or not _entry_header_at(lines, next_content, rule):
        return set()
    name_at = next_content[rule]
    return set(range(rule)) | {name_at, next_content[name_at]}


# Lines a ticket system writes between its marker and the first entry, at most.
_NOTICE_LINES = 2


def _entry_header_at(lines: list[str], next_content: list[int], i: int) -> bool:
    """Whether the rule on line ``i`` stands above an entry of a ticket system's thread:
    a short name line, then a line with the date."""
    name_at = next_content[i]
    if name_at >= len(lines):
        return False
    date_at = next_content[name_at]
    if date_at >= len(lines) or date_at - name_at > 3:  # two blank lines between, at most
        return False
    name, date = line_end(lines[name_at]), line_end(lines[date_at])
    return (
        0 < len(name) <= 60
        and not name.endswith(SENTENCE_END)
        and len(date) <= 60
        and bool(_DATE_OR_TIME.search(date))
    )


def _folded_down_to(lines: list[str], start: int, i: int) -> int:
    """The last line of the attribution found on line ``i``: ``i``, or — Zoho's "---- On
    … Jo" folded onto "<jo@…> wrote ----" — the line below that closes its dashes."""
    if start != i or line_end(lines[i]).endswith("--"):
        return i
    for j in range(i + 1, min(len(lines), i + 1 + _FOLDED_LINES)):
        if line_end(lines[j]).endswith("--"):
            return j
    return i


def _is_dashed_attribution(line: str) -> bool:
    """Zoho's "---- On Thu, 20 Mar 2014 08:48 +0100 Jo <jo@…> wrote ----", in any
    language: the verb of writing at the end of what the dashes enclose."""
    text = line.strip()
    if not (text.startswith("--") and text.endswith("--")):
        return False
    inner = text.strip("-").strip()
    # The verb last ("---- On … Jo <jo@…> wrote ----"), or before the name in the
    # languages that put it there ("---- Am … schrieb Jo <jo@…> ----").
    return bool(inner) and (WROTE_OPEN.search(inner) is not None or _verb_before_name(inner))


# A divider that names what follows in words between dashes, in any language ("--------
# Αρχικό μήνυμα --------", "----- Původní e-mail -----").
# A hyphen inside a word belongs to the title ("-----Original-Nachricht-----").
_TITLED_RULE = re.compile(
    r"^\s*[-_=]{3,}\s*[^\W\d_](?:[^-_=]|-(?=[^\W\d_])){0,40}?\s*[-_=]{3,}\s*$"
)


def _titled_rule_above(lines: list[str], i: int) -> int:
    """Where the header block found on line ``i`` begins: on the line above when that is
    a divider naming it in words between dashes, in whatever language, or a program's
    line announcing a forwarded message ("Začátek přeposlané zprávy:", a blank line
    between or not); else on ``i``."""
    if i > 0 and (_TITLED_RULE.match(lines[i - 1]) or _dated_title(lines[i - 1])):
        return i - 1
    above = i - 1 if i > 0 and lines[i - 1].strip() else i - 2
    if above >= 0 and (_forward_announced(lines[above]) or _forward_rule(lines[above])):
        return above
    return i


def _forward_rule(line: str) -> bool:
    """mutt's divider above a forwarded message, which names its sender: "-----
    Forwarded message from Jo <jo@…> -----", in the languages it is set in."""
    text = line.strip()
    if not (text.startswith("---") and text.endswith("---")):
        return False
    inner = text.strip("-").strip()
    return 0 < len(inner) <= _MAX_HEADER_LINE // 2 and _FORWARDED.search(inner) is not None


# GroupWise's attribution: ">>> Jo Client <jo@…> 02.06.2025 10:04 >>>".
_GROUPWISE = re.compile(r"^>>>[ \t]+(?P<who>\S.{0,150}?)[ \t]+>>>[ \t]*$")


def _groupwise_header(line: str) -> bool:
    m = _GROUPWISE.match(line_end(line))
    return m is not None and _DATE_OR_TIME.search(m.group("who")) is not None


def _notes_block_at(lines: list[str], next_content: list[int], i: int) -> bool:
    """Lotus Notes' header of the history, as its table turns into text: the sender and
    the address, the date (on the line or under it), then the labels alone on their
    lines or before a tab, the recipients' first, the subject's later ("Jo Client
    <jo@…>" / "02.06.2025 10:04" / "To" / "jane@…" / "cc" / "Subject" / "Re: …")."""
    line = line_end(lines[i])
    if len(line) > _FOLDED_NAME or not _BRACKETED_EMAIL.search(line) or line.endswith(":"):
        return False
    j = next_content[i]
    if not _DATE_OR_TIME.search(line.rsplit(">", 1)[-1]):
        if j >= len(lines) or not _date_line(lines[j]):
            return False
        j = next_content[j]
    seen_to = False
    for k in range(j, min(len(lines), j + _NOTES_LINES)):
        label = lines[k].strip().split("\t", 1)[0].strip().lower()
        kind = LABEL_KIND.get(label) if label and len(label) <= _NOTES_LABEL else None
        if kind in _RECIPIENT_KINDS:
            seen_to = True
        elif kind == "subject":
            return seen_to
        elif k == j:
            return False  # the labels begin under the date
    return False


_NOTES_LINES = 10
_NOTES_LABEL = 20


def _date_line(line: str) -> bool:
    """A line that is a date and a time alone ("02.06.2025 10:04", "06/02/2025 10:04 AM")."""
    text = line.strip()
    return (
        len(text) <= _DATED_TITLE
        and _DATE_OR_TIME.search(text) is not None
        and len(text.split()) <= _DATE_TOKENS
        and all(_DATE_TOKEN.fullmatch(t) for t in text.split())
    )


def _dated_title(line: str) -> bool:
    """A program's title line right above its header block, naming the message and its
    date ("Message du 02/06/25 10:04", Orange's webmail): a few words, one of them
    "message", a date, no sentence."""
    text = line_end(line).lstrip(QUOTE_MARKS)
    return (
        len(text) <= _DATED_TITLE
        and len(text.split()) <= _ANNOUNCING_WORDS
        and not text.endswith(SENTENCE_END)
        and _DATE_OR_TIME.search(text) is not None
        and _MESSAGE_WORD.search(text) is not None
        and _FIRST_PERSON.search(text) is None
    )


_DATED_TITLE = 60


# The stem of "forwarded" in the languages mail programs write it: Apple Mail's "Begin
# forwarded message:" and its translations name it.
_FORWARDED = re.compile(
    r"forward|weitergeleitet|réexpédié|transféré|reenviad|inoltrat|doorgestuurd|"
    r"encaminhad|vidarebefordra|videresend|välitet|přeposla|preposla|przekazyw|"
    r"przekazan|переадресова|пересла|továbbít|iletilen|προωθημέν|redirecționat|"
    r"转发|轉寄|転送|전달",
    re.IGNORECASE,
)
# A program's announcing line is short: "Anfang der weitergeleiteten Nachricht:".
_ANNOUNCING_WORDS = 6


def _forward_announced(line: str) -> bool:
    """A program's line announcing the forwarded message under it: a few words naming a
    forward, ending with a colon, no sentence inside."""
    text = line_end(line)
    return (
        text.endswith((":", "："))
        and len(text.split()) <= _ANNOUNCING_WORDS
        and len(text) <= _FOLDED_VERB * 3
        and not any(mark in text[:-1] for mark in ".!?;,")
        and _FORWARDED.search(text) is not None
        # The writer's own "Please see the forwarded mail below:" is theirs.
        and _FIRST_PERSON.search(text) is None
        and _WRITERS_POINTER.search(text) is None
    )


_WRITERS_POINTER = re.compile(
    r"\b(?:please|see|below|here|bitte|siehe|unten|hier|voir|voici|ci-dessous|ver|abajo|"
    r"aquí|vedi|sotto|ecco|zie|onder|hieronder|veja|abaixo|segue|zobacz|poniżej|см|ниже|"
    r"вот)\b",
    re.IGNORECASE,
)


def _introduces_quote(
    quoted: list[bool], next_content: list[int], end: int, hidden: set[int] | None, start: int
) -> bool:
    """Whether the header on lines ``start``…``end - 1`` stands above a ``>`` quote; if so
    (and ``hidden`` is given) its lines are hidden as an attribution's are."""
    if hidden is None or end >= len(quoted):
        return False
    following = end if quoted[end] else next_content[end]
    if following >= len(quoted) or not quoted[following]:
        return False
    hidden.update(range(start, end))
    return True


# The end of a name (and address) folded onto a line of its own under an attribution.
_FOLDED_NAME = 80
# The sender's address as attributions write it: "<jo@…>", "(jo@…)", "[mailto:jo@…]";
# a bare address is a sentence's.
_BRACKETED_EMAIL = re.compile(
    r"[<(\[](?:mailto:)?[^\s<>\"()@\[\]]+@[^\s<>\"()@\[\]]+\.[^\s<>\"()@\[\]]+[>)\]]"
)
_TIME = re.compile(r"\d:\d")
# An attribution without a verb is short: a date, a name, an address.
_MAX_DATED_ATTRIBUTION = 160


def _dated_attribution_at(lines: list[str], i: int) -> int | None:
    """Where an attribution that has no verb ends on line ``i`` — the date and the
    sender's address ending in a colon, as Gmail writes it in several languages
    ("2014-03-20 8:48 GMT+01:00 Jo <jo@…>:", "2014年3月20日(木) 8:48 Jo <jo@…>:") — or
    None.  The date may be on the line above ("26.06.2014, 14:41,\n"Jo" <jo@…>:")."""
    line = line_end(lines[i])
    if not line.endswith((":", "：")) or len(line) > _MAX_DATED_ATTRIBUTION:
        return None
    if not _BRACKETED_EMAIL.search(line):
        return i if _dated_bare_address(line) else None
    if _label_kind(line) is not None:
        return None
    if ":" in _TIME.sub("", line[:-1]):
        return None  # "… mailer[231]: to=<jo@…>, status=deferred:": a log line
    if _DATE_OR_TIME.search(line):
        return i
    above = line_end(lines[i - 1]) if i > 0 else ""
    if above.endswith((",", "<")) and _DATE_OR_TIME.search(above) and len(above) < 80:
        return i - 1
    return None


# "02.06.2025, 10:04 von jo@…:", "Jun 2, 2025, 10:04 by jo@…:" (Tutanota): a date, a
# short word or none, the bare address and a colon, nothing else.
_DATED_BARE_ADDRESS = re.compile(
    r"^[ \t]*(?P<date>\S.{2,50}?)[ \t]+(?:[^\W\d_]{1,5}[ \t]+)?"
    r"[^\s<>\"()@]+@[^\s<>\"()@]+\.[^\s<>\"()@:：]+[ \t]*[:：]$"
)
_DATE_TOKEN = re.compile(r"[\d.,:/-]+|[^\W\d_]{1,10}\.?,?")
_DATE_TOKENS = 6


def _dated_bare_address(line: str) -> bool:
    """Whether ``line`` is an attribution made of a date and the sender's bare address;
    each word before the address is a number, a date's or a time's, or the short name of
    a month or a day, and the time of day is given ("Invoice 2025-06 to jo@…:" is a
    sentence's)."""
    m = _DATED_BARE_ADDRESS.match(line)
    if m is None:
        return False
    tokens = m.group("date").split()
    return (
        len(tokens) <= _DATE_TOKENS
        and any(t[:1].isdigit() for t in tokens[:2])
        and _TIME.search(m.group("date")) is not None
        and all(_DATE_TOKEN.fullmatch(t) for t in tokens)
    )


@lru_cache(maxsize=4096)
def _label_kind(line: str) -> str | None:
    colon = min((p for p in (line.find(":"), line.find("：")) if p >= 0), default=-1)
    if colon < 0 or colon > 40:
        return None
    m = HEADER_LINE.match(line, 0, colon + 8)
    if m is None:
        return None
    return LABEL_KIND.get(" ".join(m.group("label").lower().split()))


def _header_block_at(lines: list[str], i: int) -> tuple[bool, int]:
    """Outlook's reply header: a run of "Label: value" lines naming the sender and the date
    or the subject (a long To: may wrap onto a line of its own); "From: Monday / To:
    Friday" in a sentence's list is not one.
    Whether there is one at ``i``, and the line after the run of label lines read."""
    first = _label_kind(lines[i])
    if first is None:
        return False, i + 1
    kinds = {first}
    wrapped = 0
    kind: str | None = first
    end = i + 1
    senders = [lines[i]] if first == "from" else []
    spaced = False
    for j in range(i + 1, min(len(lines), i + _HEADER_BLOCK_LINES)):
        line = lines[j]
        label = kind
        kind = _label_kind(line) if len(line) <= _MAX_HEADER_LINE else None
        if kind is None:
            if not line.strip() and j + 1 < len(lines) and _label_kind(lines[j + 1]) is not None:
                # Each field a paragraph of its own, as a converter sets the block's
                # paragraphs apart ("From: …" / "" / "Sent: …" / "" / "To: …").
                spaced = True
                kind = label
                continue
            # A list of recipients wraps over several lines; any other value over two.
            room = _WRAPPED_RECIPIENTS if label in _RECIPIENT_KINDS else 1
            if not line.strip() or wrapped >= room:
                break
            wrapped += 1
            kind = label
            if end == j and len(line_end(lines[j - 1])) >= _FILLED_VALUE:
                # The value's rest under a line filled to the width of the text: the
                # block's last line too ("Subject: … on the second" / "floor").
                end = j + 1
            continue
        wrapped = 0
        kinds.add(kind)
        end = j + 1
        if kind == "from":
            senders.append(line)
    found = "from" in kinds and bool(kinds & {"date", "subject"})
    if spaced:
        # Fields apart by blank lines are a header only whole: the writer's paragraphs
        # may begin "From:" and "Subject:".
        found = kinds >= _WHOLE_BLOCK
    return found and not any(_sentence_value(line) for line in senders), end


_WHOLE_BLOCK = frozenset({"from", "date", "to", "subject"})


def _sentence_value(line: str) -> bool:
    """Whether the value of the "From:" line ``line`` is a sentence of the writer's
    ("From: the supplier, no answer since Monday.", "From: 9 to 17."), not a sender: no
    address, and a figure first, a sentence's end after a word or a sentence's length."""
    m = HEADER_LINE.match(line)
    value = m.group("value").strip(" \t*") if m else ""
    if "@" in value or not value:
        return False
    words = value.split()
    return (
        value[:1].isdigit()  # "From: 9 to 17.": hours, a figure; a name begins with a letter
        or value.endswith(("!", "?", "！", "？", "。"))
        or (value.endswith(".") and len(words[-1]) > _ABBREVIATION and "." not in words[-1][:-1])
        or len(words) > _SENDER_WORDS
    )


# "Jr.", "Ltd.", "Inc.", "M.Sc." end a sender's name with a full stop; a sender is this many
# words at most ("Support Team <…> On Behalf Of Anna Schmidt" has an address).
_ABBREVIATION = 4
_SENDER_WORDS = 10


def _pasted_record(lines: list[str], i: int) -> int | None:
    """Where a run of "Label: value" lines that begins on line ``i`` ends, when the run is
    a log or a record the writer pastes rather than a program's header: the writer's
    sentence above announces it ("Our mail server logged these lines:", "Das Protokoll
    zeigt Folgendes:") and a line of it has a label no mail program's header has
    ("Status: 550 …", "Result: rejected").  None when it is not so."""
    if not announced(lines, i):
        return None
    end = min(len(lines), i + _HEADER_BLOCK_LINES)
    foreign = False
    for j in range(i, end):
        line = lines[j]
        if not line.strip():
            return j if foreign else None
        label = HEADER_LINE.match(line) if len(line) <= _MAX_HEADER_LINE else None
        if label is not None and _label_kind(line) is None and "//" not in label.group("value")[:2]:
            foreign = True
    return end if foreign else None


# A line of a header block this long was filled to the width the text was wrapped at: the
# line under it may hold the rest of its value.
_FILLED_VALUE = 50
# A header block's lines, its wrapped recipient lists included, at most; the lines a
# wrapped list of recipients (To, Cc) takes below its label's line, at most.
_HEADER_BLOCK_LINES = 14
_WRAPPED_RECIPIENTS = 5
_RECIPIENT_KINDS = frozenset({"to", "cc"})


def _attribution_at(lines: list[str], i: int, quote_below: bool = False) -> int | None:
    """Where an "X wrote:" attribution ending on line ``i`` begins, or — Zoho's "----
    On … wrote ----" folded — beginning on it; None if there is none."""
    start = _attribution_ending(lines, i, quote_below)
    return start if start is not None else _folded_attribution_at(lines, i)


# A sentence ended before the verb: "… left a note on the job sheet. He wrote:" is the
# writer's prose; "Am 18. April schrieb", "Dr. Smith wrote:" end no sentence.
_PROSE = re.compile(r"[^\W\d_]*[a-zà-ÿ]{4}[.!?][ \t]+[A-ZÀ-Ý]")


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence of the writer's — a question, an exclamation, a
    word longer than a month's abbreviation with a full stop — and so is no part of an
    attribution folded under it ("Could you have another look at it this week?" /
    "02.06.2025, 10:04, "Jo" <jo@…>:")."""
    if text.endswith(("?", "!", "？", "！", "。")):
        return True
    word = text[-6:-1]
    return text.endswith(".") and len(word) == _WORD_BEFORE_STOP and word.isalpha()


_WORD_BEFORE_STOP = 5


def _folded_attribution_at(lines: list[str], i: int) -> int | None:
    """An attribution a program folded wherever its width ran out, over two or three
    lines ("Jo <jo@…> ezt írta (időpont: 2022. ápr." / "6., Sze," / "9:55):", "---- On
    Thu, 12 Oct 2023 14:08:33 +0530 Acme" / "Support<support@…> wrote ---"): the lines
    read as one are an attribution.  Where it begins on a colon's line ending it, or on
    a line of dashes opening it."""
    if not _may_fold(lines[i]):
        return None
    line = line_end(lines[i])
    for k in range(1, _FOLDED_LINES + 1):
        if line.endswith((":", "：")) or line.endswith("--"):
            j = i - k
            if j < 0 or not _may_fold(lines[j]) or _ends_sentence(lines[j].rstrip()):
                break
            if k == _FOLDED_LINES and not any("@" in text for text in lines[j : i + 1]):
                break  # four lines are a long name's and address's fold
            joined = " ".join(line_end(text).strip() for text in lines[j : i + 1])
            one = [joined]
            if (
                _is_dashed_attribution(joined)
                or _attribution_ending(one, 0) == 0
                # Without a verb, the lines folded above the last hold some of the
                # date or the address ("Thanks, it works." above one is the writer's).
                or (_folded_part(lines[j:i]) and _dated_attribution_at(one, 0) == 0)
            ):
                return j
        elif line.lstrip().startswith("--"):
            j = i + k
            if j >= len(lines) or not _may_fold(lines[j]):
                break
            joined = " ".join(line_end(text).strip() for text in lines[i : j + 1])
            if _is_dashed_attribution(joined):
                return i
        else:
            break
    return None


def _folded_part(lines: list[str]) -> bool:
    """Whether ``lines`` hold some of an attribution's date or its address."""
    return any("@" in line or _DATE_OR_TIME.search(line) for line in lines)


# An attribution is folded over four lines at most.
_FOLDED_LINES = 3
# The verb of writing alone on the line an attribution is folded onto ("пише:").
_FOLDED_VERB = 24


def _may_fold(line: str) -> bool:
    """A line that may be part of a folded attribution: text, not quoted, short."""
    return bool(line.strip()) and not _is_quoted(line) and len(line) <= _MAX_HEADER_LINE


def _attribution_ending(lines: list[str], i: int, quote_below: bool = False) -> int | None:
    """Where an "X wrote:" attribution ending on line ``i`` begins (mail programs fold it
    over up to three lines), or None.  Zoho's "---- On … wrote ----" is one too, and so
    is a line with an address and a colon under a line ending in the verb ("Am … um
    08:48 schrieb" / "Jo <jo@…>:")."""
    line = line_end(lines[i])
    if _is_dashed_attribution(line):
        return i
    if not line.endswith((":", "：")) or _PROSE.search(line):
        return None
    last = i
    if not WROTE_END.search(line) and not _verb_inside(line):
        above = line_end(lines[i - 1]) if i > 0 else ""
        # The verb folded over two lines ("… <jo@…> a" / "écrit :"), or ending the line
        # above the address.
        folded = len(line) < _FOLDED_VERB and bool(above) and WROTE_END.search(f"{above} {line}")
        # … or the name folded onto the line below: "Am 02.12.25 um 11:47 schrieb Acme
        # Abrechnung der" / "Beispiel GmbH:".
        name_folded = (
            len(line) <= _FOLDED_NAME
            and bool(WROTE_WORD.search(above))
            and bool(_DATE_OR_TIME.search(above))
            and not _is_quoted(lines[i - 1])
        )
        # … or the verb first, the date on the line above (Claws: "Den tis 29 aug 2023
        # 15:42:10 +0200" / "skrev Jo <jo@…>:").
        if WROTE_START.match(line) and (_BRACKETED_EMAIL.search(line) or _named_after_verb(line)):
            if not (_DATE_OR_TIME.search(above) and _begins_attribution(above)):
                return i
        elif not (folded or name_folded or (_EMAIL.search(line) and WROTE_OPEN.search(above))):
            return None
        i -= 1
    start = i
    for k in (1, 2):
        j = i - k
        if j < 0 or not lines[j].strip() or len(lines[j]) > _MAX_HEADER_LINE:
            break
        if _is_quoted(lines[j]) or lines[j].rstrip().endswith((".", "!", "?")):
            break
        if ATTRIBUTION_START.match(lines[start]):
            break
        if not (
            ATTRIBUTION_START.match(lines[j])
            or _EMAIL.search(lines[j])
            or _DATE_OR_TIME.search(lines[j])
        ):
            break
        start = j
    joined = " ".join(line_end(text).strip() for text in lines[start : last + 1])
    if (
        "@" not in joined
        and not _DATE_OR_TIME.search(joined)
        and not _names_sender(joined, quote_below)
    ):
        return None  # "Yesterday your colleague Tom wrote:": the writer's sentence
    return start


def _names_sender(text: str, quote_below: bool = False) -> bool:
    """Whether the words before the verb of an attribution that gives neither a date nor
    an address ("Anna Schmidt wrote:", "jdoe wrote:", Thunderbird's and the forums'
    shortest) are a name, not the writer's sentence ("Yesterday your colleague Tom
    wrote:", "Rekan Anda kemarin menulis:"): a few words, each with a capital first (or
    in a script without capitals), a name's particles ("von", "de") apart, or one word
    of any case (a user name); not the writer's own "I" or "we".  Right above a ``>``
    quote (``quote_below``), where programs put their attribution, the words may be in
    lower case too ("Acme support wrote:", a display name as a company writes it): only
    the determiner first, the writer's "I" and a sentence's length tell the writer's."""
    verb = WROTE_END.search(text)
    if verb is None:
        return True  # the verb first ("skrev Jo:"): its name is read where it is found
    name = text[: verb.start()].rstrip(" ,")
    if ATTRIBUTION_START.match(name) and any(c.isdigit() for c in name):
        return True  # "Le lundi 2 juin, Anna a écrit :": a date without its year
    words = [word for word in name.split() if word.casefold() not in _VERB_PARTICLES]
    if not words or len(words) > _NAME_WORDS or speaks_for_self(name):
        return False
    if words[0].casefold() in _DETERMINERS:
        return False  # "Ihr Techniker schrieb:", "The technician wrote:"
    if len(words) == 1 or quote_below:
        return True
    return all(
        word[:1].isupper()
        or not word[:1].isalpha()
        or word[:1].lower() == word[:1].upper()
        or word.casefold() in _NAME_PARTICLES
        for word in words
    )


# The words that go with the verb in some languages' attributions: Hungarian "ezt írta"
# (wrote this), Turkish "şunu yazdı", Greek "ο/η … έγραψε" (the article before the name).
_VERB_PARTICLES = frozenset(["ezt", "şunu", "şunları", "ο/η", "ο", "η"])
# The articles and the possessives of the reader and of others, which begin a sentence's
# subject, never a name ("Your colleague", "Ihr Techniker" — German writes its nouns with
# a capital).
_DETERMINERS = frozenset(
    ["the", "a", "an", "your", "his", "her", "their", "this", "that", "der", "die", "das",
     "ein", "eine", "ihr", "ihre", "sein", "seine", "dieser", "diese", "le", "la", "les",
     "un", "une", "votre", "vos", "son", "sa", "ce", "cette", "el", "los", "las", "su",
     "sus", "il", "lo", "gli", "het", "een", "uw", "zijn", "haar", "o", "os", "as", "seu",
     "sua", "twój", "pański", "ваш", "ваша", "этот", "эта"]
)  # fmt: skip
# The particles of family names, in lower case inside a name ("Anna von der Heide"), and
# the "via" of a list that sends for its member ("Anna Schmidt via Helpdesk").
_NAME_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "del", "dos", "das", "zu",
     "ten", "ter", "bin", "al", "y", "e", "via"]
)  # fmt: skip


def _named_after_verb(line: str) -> bool:
    """Whether ``line`` is the verb of writing, a name and a colon, nothing else: the
    attribution of the languages that put the verb first, without the sender's address
    ("كتب Anna Schmidt:", "skrev Jo:").  The name is a few words, each with a capital
    first (in a script without capitals, words after the verb may as well be the
    writer's: "كتب لي المورد:", the supplier wrote to me), no figure, no punctuation,
    not the writer's own "me" or "us"."""
    verb = WROTE_START.match(line)
    if verb is None:
        return False
    name = line[verb.end() :].rstrip().rstrip(":：").strip()
    words = name.split()
    return (
        0 < len(words) <= _VERB_FIRST_NAME_WORDS
        and not any(c in name for c in _NOT_IN_A_NAME)
        and all(w[:1].isupper() for w in words)
        and not speaks_for_self(name)
    )


_VERB_FIRST_NAME_WORDS = 4
_NOT_IN_A_NAME = frozenset('.,;!?"«»“”0123456789')


def _verb_inside(line: str) -> bool:
    """Whether ``line`` is an attribution with its verb inside it rather than last: before
    the name (:func:`_verb_before_name`) or before the date (:func:`_verb_before_date`)."""
    verb = WROTE_WORD.search(line)
    if verb is None:  # most lines: one search, and done
        return False
    return _verb_before_name(line, verb) or _verb_before_date(line, verb)


def _verb_before_name(line: str, verb: re.Match[str] | None = None) -> bool:
    """Thunderbird's attribution in the languages that put the verb before the name:
    "Am 02.06.2025 um 10:04 schrieb Anna Schmidt:", "Den 02.06.2025 kl. 10:04 skrev Jo:",
    "Le 02/06/2025 à 10:04, Jo a écrit :" has it last.  The line begins as attributions
    do, dates the message before the verb, and names no more than a person (and an
    address) after it.  ``verb`` is the verb's match in ``line``, when it was looked for."""
    if not ATTRIBUTION_START.match(line):
        return False
    verb = verb or WROTE_WORD.search(line)
    if verb is None:
        return False
    if not _DATE_OR_TIME.search(line[: verb.start()]):
        return False
    name = _EMAIL.sub("", line[verb.end() :]).rstrip().rstrip(":：").strip()
    return (
        0 < len(name.split()) <= _NAME_WORDS
        and not any(c in name for c in "!?;")
        and not _said_by_the_writer(line[: verb.start()], name)
    )


def _said_by_the_writer(before: str, after: str) -> bool:
    """Whether the word next to the verb is the writer's own "I" or "we": "On Monday at
    10:00 I wrote to the supplier:", "Am 3.6. um 9:00 schrieb ich an Herrn Wolf:" are the
    writer's sentences, not a program's attribution."""
    words = [*before.split()[-1:], *after.split()[:1]]
    return any(_FIRST_PERSON.fullmatch(word.strip(",")) for word in words)


# A name with an address after the verb: "schrieb Dr. Anna Maria Schmidt <anna@…>".
_NAME_WORDS = 6


def _verb_before_date(line: str, verb: re.Match[str]) -> bool:
    """The attribution Thunderbird writes when set to put the date last, and Gmail on
    Android in some languages: "Anna Schmidt wrote on 02/06/2025 10:04:", "Anna Schmidt
    <anna@…> schrieb am Mo., 2. Juni 2025, 10:04:" — a name (not the writer's "I"), the
    verb, a date, a colon.  ``verb`` is the verb's match in ``line``."""
    if not line.endswith((":", "：")):
        return False
    name = _EMAIL.sub("", line[: verb.start()]).strip(" <>()\"'")
    dated = line[verb.end() :]
    return (
        0 < len(name.split()) <= _NAME_WORDS
        and not any(c in name for c in ".!?;:")
        and _FIRST_PERSON.search(name) is None
        and len(dated) <= _DATE_AFTER_VERB
        and _DATE_OR_TIME.search(dated) is not None
        # The date ends the line: "… to the supplier at 10:00:" is a sentence's.
        and _DATE_LAST.search(dated) is not None
    )


# The last word before the colon is a date's or a time's: a figure, AM/PM, a zone, "Uhr".
_DATE_LAST = re.compile(r"(?:\d\S*|[AaPp]\.?[Mm]\.?|[A-Z]{2,5}|GMT\S*|Uhr|h)\s*[:：]$")


# "on Monday, 2 June 2025 at 10:04 AM:" and its translations, at most.
_DATE_AFTER_VERB = 60


def _attributions(lines: list[str], quoted: list[bool], next_content: list[int]) -> set[int]:
    """Lines that introduce a ``>`` quote: the verb of "wrote:" or, in clients that write
    none, a date or an address, ending in a colon just above the quote."""
    hidden: set[int] = set()
    last_content = -1
    for i, line in enumerate(lines):
        if line.strip():
            if not quoted[i] and last_content >= 0 and quoted[last_content] and _forward_rule(line):
                hidden.add(i)  # mutt's "----- End forwarded message -----" under the quote
            last_content = i
        following = next_content[i]
        if quoted[i] or following >= len(quoted) or not quoted[following]:
            continue
        stripped = line_end(line)
        if len(line) > _MAX_HEADER_LINE:
            continue
        if not stripped.endswith((":", "：")):
            # Zoho's "---- On … wrote ----", or a bare "From: Jo <jo@…>" above the quote.
            folded = _folded_attribution_at(lines, i) if stripped.endswith("--") else None
            if folded is not None and folded < i:
                hidden.update(range(_paragraph_top(lines, folded, i), i + 1))
            elif (
                _is_dashed_attribution(stripped)
                or _forward_rule(stripped)
                or (_EMAIL.search(stripped) and _label_kind(stripped) == "from")
                or (  # "On Tue, 3 Mar 2020 at 10:04, Jo wrote" without its colon
                    ATTRIBUTION_START.match(stripped)
                    and WROTE_OPEN.search(stripped)
                    and _DATE_OR_TIME.search(stripped)
                )
                or (  # alot's "Quoting Jo (2020-03-03 10:04:00)"
                    WROTE_START.match(stripped)
                    and stripped.endswith(")")
                    and _DATE_OR_TIME.search(stripped)
                    and len(stripped) <= _MAX_DATED_ATTRIBUTION
                )
            ):
                hidden.add(i)
            continue
        start = _attribution_at(lines, i, quote_below=True)
        if start is None:
            if not (_EMAIL.search(line) or _DATE_OR_TIME.search(line)):
                # The verb folded alone onto the line under the date and the address
                # ("пт, 31 січ. 2025 р. о 17:40 Acme <support@…>" / "пише:").
                above = lines[i - 1] if i > 0 else ""
                if (
                    len(stripped) < _FOLDED_VERB
                    and _may_fold(above)
                    and _EMAIL.search(above)
                    and _DATE_OR_TIME.search(above)
                    and not line_end(above).endswith((".", "!", "?"))
                ):
                    hidden.update((i - 1, i))
                continue
            start = i
            # "… пользователь "bob@…" <\nbob@…> написал:" is caught above; a date on
            # the line before ("26.06.2014, 14:41,\n"Jo" <jo@…>:") is taken here.
            before = line_end(lines[i - 1]) if i > 0 else ""
            if _DATE_OR_TIME.search(before) and (
                before.endswith((",", "<")) or _begins_attribution(before)
            ):
                start = i - 1
        hidden.update(range(_paragraph_top(lines, start, i), i + 1))
    return hidden


# An attribution folded over lines, its name and address included, is this long at most.
_FOLDED_ATTRIBUTION = 240


def _paragraph_top(lines: list[str], start: int, last: int) -> int:
    """Where the attribution found on lines ``start``…``last`` begins when the program
    folded it over more lines than were read (a long name and address: "Wiadomość
    napisana przez Anna-Katharina Schmidt-Weissenfels" / "<anna-katharina…> w dniu 2
    cze" / "2025, o godz. 10:04:"): an attribution is a paragraph of its own, so the
    lines above ``start`` up to a blank line (at most two, none ending a sentence) are
    its beginning, when the whole gives the sender's address and is short."""
    first = lines[start].lstrip()
    if ATTRIBUTION_START.match(first) and not first[:1].isdigit():
        return start  # "On …", "Am …", "Le …": it begins here
    top = start
    while top > 0 and start - top < _FOLDED_LINES and lines[top - 1].strip():
        above = line_end(lines[top - 1])
        if _is_quoted(above) or len(above) > _FOLDED_NAME or above.endswith(SENTENCE_END):
            return start
        top -= 1
    if top == start or (top > 0 and lines[top - 1].strip()):
        return start
    joined = " ".join(line_end(line).strip() for line in lines[top : last + 1])
    if len(joined) > _FOLDED_ATTRIBUTION or not _BRACKETED_EMAIL.search(joined):
        return start
    return top


def _begins_attribution(line: str) -> bool:
    """The first line of an attribution folded over two: "Den tis 29 aug 2023 15:42:10
    +0200" above "skrev Jo <jo@…>:" — short, no sentence, beginning as they do."""
    return (
        len(line) < 80
        and not line.endswith((".", "!", "?"))
        and bool(ATTRIBUTION_START.match(line))
    )


def _tidy(lines: list[str]) -> str:
    # A divider left above the history that was cut ("------", "______") goes with it,
    # and so does a rule a ticket system draws above its marker.
    end = len(lines)
    while end > 0 and _ONLY_PUNCTUATION.match(lines[end - 1]):
        end -= 1
    start = 0
    while start < end and _ONLY_PUNCTUATION.match(lines[start]):
        start += 1
    return "\n".join(line.rstrip() for line in lines[start:end]).strip("\n").strip()
