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
import unicodedata
from functools import lru_cache

from mailgate.parse.footers import cut_footer
from mailgate.parse.quote_words import (
    ATTRIBUTION_START,
    DASHED_NAME,
    DIVIDER,
    ENTRY_RULE,
    HEADER_LINE,
    KOREAN_SIGNED,
    LABEL_KIND,
    LEGAL_LINE,
    MOBILE_FOOTER,
    MOBILE_SUFFIX,
    REPLY_ABOVE,
    RULE,
    SIGNATURE,
    SIGNATURE_RULE,
    THANKS,
    VALEDICTION,
    WROTE_END,
    WROTE_OPEN,
    WROTE_START,
    WROTE_WORD,
)

# A line longer than this is a paragraph, not a header or an attribution.
_MAX_HEADER_LINE = 400
_EMAIL = re.compile(r"[^\s<>\"()@]+@[^\s<>\"()@]+\.[^\s<>\"()@]+")
_DATE_OR_TIME = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\d{4}年"
)
_RULE_STARTS = frozenset("-_=")
_SIGNATURE_OR_FOOTER = re.compile(
    rf"^(?:-- ?\r?$|{MOBILE_FOOTER.pattern.lstrip('^')})", re.MULTILINE | re.IGNORECASE
)
_ONLY_PUNCTUATION = re.compile(r"^[\s\-_=*~#.·•]*$")


def reply_text(text: str, list_marks: tuple[str, ...] = ()) -> str:
    """The new part of ``text`` (a plain-text body, LF line ends).  ``list_marks`` are the
    addresses and links of the list the message came through (:func:`footers.list_marks`),
    which its footer repeats."""
    if not text.strip():
        return ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    quoted = [_is_quoted(line) for line in lines]
    _mark_wrapped_tails(lines, quoted)
    next_content = _next_content(lines)
    headers: set[int] = set()
    end, header_end = _history_start(lines, quoted, next_content, 0, headers)
    if not any(line.strip() for line in lines[:end]) and header_end < len(lines):
        # Nothing above the header: a message forwarded (or pasted) without a word of
        # its own.  Its text, up to the history it quotes in turn, is what was sent.
        start = header_end
        end, _ = _history_start(lines, quoted, next_content, start)
        lines, quoted, end = lines[start:end], quoted[start:end], end - start
        next_content = _next_content(lines)
        headers = set()
    hidden = _attributions(lines[:end], quoted, next_content) | headers
    kept: list[str] = []
    for i in range(end):
        if quoted[i] or i in hidden:
            # A quote between two pieces of the reply stays a paragraph break.
            if kept and kept[-1].strip():
                kept.append("")
            continue
        kept.append(lines[i])
    return _tidy(_cut_sign_off(_cut_signature(cut_footer(kept, list_marks))))


# Supercite's quoting, as The Bat! and some Usenet-era programs write it: the quoted
# writer's initials before the mark ("AS> …", " JD>> …").
_INITIALS_QUOTE = re.compile(r"^[ \t]{0,2}[A-ZА-ЯЁ]{1,3}>+(?:[ \t]|$)")


def _is_quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(">") or bool(_INITIALS_QUOTE.match(line))


# Wrapping: the column the sender's program wrapped the quote at is at least this, and
# lines longer than the other bound are unwrapped paragraphs, not a wrapped quote's.
_MIN_WRAP = 60
_MAX_WRAP = 100
_MAX_TAIL_LINES = 3
_WRAP_SLACK = 2
# A tail this short that ends the sentence the quoted line broke off.
_SHORT_TAIL = 40
_SENTENCE_END = (".", "!", "?", ":", ";", "。", "！", "？")


def _mark_wrapped_tails(lines: list[str], quoted: list[bool]) -> None:
    """Mark as quoted the tails of quoted lines that a mail program wrapped after adding
    ``> ``: the rest of a long quoted line, on a line of its own without the mark.

    A line is such a tail when the quoted line above it reaches the wrap column, so that
    the tail's first word would not have fitted on it, and either the quote goes on
    right below the tail (or below up to three such lines: the tail of a paragraph sent
    as one long line), or the quoted line breaks off mid-sentence and the tail ends its
    paragraph or begins in lower case.  A line the writer typed under a quote fits
    neither: the quote above it ends short of the column or with its sentence."""
    widths = [_columns(line.rstrip()) for i, line in enumerate(lines) if quoted[i]]
    widths = [w for w in widths if w <= _MAX_WRAP]
    if not widths:
        return
    width = max(_MIN_WRAP, *widths)
    i = 1
    while i < len(lines):
        if quoted[i] or not quoted[i - 1] or not lines[i].strip():
            i += 1
            continue
        run = _tail_run(lines, quoted, i, width)
        if run is None:
            i += 1
            continue
        for k in range(i, run + 1):
            quoted[k] = True
        i = run + 1


def _tail_run(lines: list[str], quoted: list[bool], i: int, width: int) -> int | None:
    """The last line of the wrapped tail that begins on line ``i`` under a quoted line,
    or None when line ``i`` is the writer's."""
    line, prev = lines[i], _end(lines[i - 1])
    if _columns(line) > _MAX_WRAP:
        return None
    first = line.split()[0]
    # The first word would not have fitted on the quoted line (text without spaces
    # breaks anywhere: its first character); wrappers differ by a column or two.
    first_width = _columns(first[0]) if _columns(first[0]) == 2 else _columns(first)
    room = width - _WRAP_SLACK
    if _columns(prev) + 1 + first_width <= room or _columns(prev) < width - 20:
        return None
    # The tail of a line longer than two widths takes more than one line: each but the
    # last reaches the column and does not end a sentence.
    run = i
    while (
        run + 1 < len(lines)
        and run + 1 - i < _MAX_TAIL_LINES
        and not quoted[run + 1]
        and lines[run + 1].strip()
        and width - 20 <= _columns(lines[run]) <= width
        and not _end(lines[run]).endswith(_SENTENCE_END)
    ):
        run += 1
    after = run + 1
    if after < len(lines) and quoted[after]:
        return run  # between two quoted lines
    broken_off = not prev.endswith(_SENTENCE_END)
    if broken_off and (after >= len(lines) or not lines[after].strip()):
        return run  # the rest of the quoted paragraph
    ends_sentence = len(line.strip()) <= _SHORT_TAIL and _end(line).endswith(_SENTENCE_END)
    if broken_off and (first[:1].islower() or ends_sentence):
        return i  # the rest of the quoted sentence, the writer's answer under it
    return None


def _columns(text: str) -> int:
    """How many columns ``text`` takes in a fixed-width font: two for a wide (East
    Asian) character, as mail programs count when they wrap."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Invisible direction marks Gmail puts around a right-to-left attribution (U+202B …
# U+202C).
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _end(line: str) -> str:
    """``line`` without the spaces and direction marks at its end."""
    return line.rstrip().rstrip(_DIRECTION_MARKS).rstrip()


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
        if i < skip_to or quoted[i] or len(line) > _MAX_HEADER_LINE:
            continue
        if len(line) < 120 and _may_mark(line) and REPLY_ABOVE.search(line):
            if seen_content:
                return i, i + 1
            if hidden is not None:
                hidden.add(i)
            continue
        if ENTRY_RULE.match(line) and _entry_header_at(lines, next_content, i):
            if entries:
                return i, i + 1  # the second entry: the thread's history
            entries += 1
            if hidden is not None:
                hidden.add(i)
            continue
        seen_content = seen_content or bool(line.strip())
        # Every header, attribution and divider has a colon or begins with a rule
        # character: most lines are passed over on this test alone.
        if ":" not in line and "：" not in line and line.lstrip()[:1] not in _RULE_STARTS:
            continue
        if DIVIDER.match(line) or RULE.match(line):
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
            if found and _introduces_quote(quoted, next_content, block_end, hidden, i):
                skip_to = checked_until = block_end
                continue
            if found:
                return i, block_end
            # A run of label lines without a block in it has none from any of its lines.
            checked_until = block_end
        start = _attribution_at(lines, i)
        if start is None:
            start = _dated_attribution_at(lines, i)
        if start is not None:
            following = next_content[i]
            if following < len(lines) and quoted[following]:
                continue  # introduces a ">" quote: hidden with it, not a cut
            return start, i + 1
    return len(lines), len(lines)


# The word for "above" in each of REPLY_ABOVE's languages: only a line with one is
# matched against it.
_ABOVE = ("above", "oberhalb", "au-dessus", "encima", "sopra", "boven", "powyżej", "над", "acima")


def _may_mark(line: str) -> bool:
    lower = line.lower()
    return any(word in lower for word in _ABOVE)


def _entry_header_at(lines: list[str], next_content: list[int], i: int) -> bool:
    """Whether the rule on line ``i`` stands above an entry of a ticket system's thread:
    a short name line, then a line with the date."""
    name_at = next_content[i]
    if name_at >= len(lines):
        return False
    date_at = next_content[name_at]
    if date_at >= len(lines) or date_at - name_at > 2:
        return False
    name, date = _end(lines[name_at]), _end(lines[date_at])
    return (
        0 < len(name) <= 60
        and not name.endswith(_SENTENCE_END)
        and len(date) <= 60
        and bool(_DATE_OR_TIME.search(date))
    )


def _is_dashed_attribution(line: str) -> bool:
    """Zoho's "---- On Thu, 20 Mar 2014 08:48 +0100 Jo <jo@…> wrote ----", in any
    language: the verb of writing at the end of what the dashes enclose."""
    text = line.strip()
    if not (text.startswith("--") and text.endswith("--")):
        return False
    inner = text.strip("-").strip()
    return bool(inner) and WROTE_OPEN.search(inner) is not None


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
    line = _end(lines[i])
    if not line.endswith((":", "：")) or len(line) > _MAX_DATED_ATTRIBUTION:
        return None
    if not _BRACKETED_EMAIL.search(line) or _label_kind(line) is not None:
        return None
    if ":" in _TIME.sub("", line[:-1]):
        return None  # "… mailer[231]: to=<jo@…>, status=deferred:": a log line
    if _DATE_OR_TIME.search(line):
        return i
    above = _end(lines[i - 1]) if i > 0 else ""
    if above.endswith((",", "<")) and _DATE_OR_TIME.search(above) and len(above) < 80:
        return i - 1
    return None


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
    end = i + 1
    for j in range(i + 1, min(len(lines), i + 8)):
        line = lines[j]
        kind = _label_kind(line) if len(line) <= _MAX_HEADER_LINE else None
        if kind is None:
            if not line.strip() or wrapped >= 1:
                break
            wrapped += 1
            continue
        wrapped = 0
        kinds.add(kind)
        end = j + 1
    return "from" in kinds and bool(kinds & {"date", "subject"}), end


def _attribution_at(lines: list[str], i: int) -> int | None:
    """Where an "X wrote:" attribution ending on line ``i`` begins (mail programs fold it
    over up to three lines), or None.  Zoho's "---- On … wrote ----" is one too, and so
    is a line with an address and a colon under a line ending in the verb ("Am … um
    08:48 schrieb" / "Jo <jo@…>:")."""
    line = _end(lines[i])
    if _is_dashed_attribution(line):
        return i
    if not line.endswith((":", "：")):
        return None
    if not WROTE_END.search(line):
        above = _end(lines[i - 1]) if i > 0 else ""
        # The verb folded over two lines ("… <jo@…> a" / "écrit :"), or ending the line
        # above the address.
        folded = len(line) < 24 and bool(above) and WROTE_END.search(f"{above} {line}")
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
        if WROTE_START.match(line) and _BRACKETED_EMAIL.search(line):
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
    return start


def _attributions(lines: list[str], quoted: list[bool], next_content: list[int]) -> set[int]:
    """Lines that introduce a ``>`` quote: the verb of "wrote:" or, in clients that write
    none, a date or an address, ending in a colon just above the quote."""
    hidden: set[int] = set()
    for i, line in enumerate(lines):
        following = next_content[i]
        if quoted[i] or following >= len(quoted) or not quoted[following]:
            continue
        stripped = _end(line)
        if len(line) > _MAX_HEADER_LINE:
            continue
        if not stripped.endswith((":", "：")):
            # Zoho's "---- On … wrote ----", or a bare "From: Jo <jo@…>" above the quote.
            if (
                _is_dashed_attribution(stripped)
                or (_EMAIL.search(stripped) and _label_kind(stripped) == "from")
                or (  # "On Tue, 3 Mar 2020 at 10:04, Jo wrote" without its colon
                    ATTRIBUTION_START.match(stripped)
                    and WROTE_OPEN.search(stripped)
                    and _DATE_OR_TIME.search(stripped)
                )
            ):
                hidden.add(i)
            continue
        start = _attribution_at(lines, i)
        if start is None:
            if not (_EMAIL.search(line) or _DATE_OR_TIME.search(line)):
                continue
            start = i
            # "… пользователь "bob@…" <\nbob@…> написал:" is caught above; a date on
            # the line before ("26.06.2014, 14:41,\n"Jo" <jo@…>:") is taken here.
            before = _end(lines[i - 1]) if i > 0 else ""
            if _DATE_OR_TIME.search(before) and (
                before.endswith((",", "<")) or _begins_attribution(before)
            ):
                start = i - 1
        hidden.update(range(start, i + 1))
    return hidden


def _begins_attribution(line: str) -> bool:
    """The first line of an attribution folded over two: "Den tis 29 aug 2023 15:42:10
    +0200" above "skrev Jo <jo@…>:" — short, no sentence, beginning as they do."""
    return (
        len(line) < 80
        and not line.endswith((".", "!", "?"))
        and bool(ATTRIBUTION_START.match(line))
    )


def _cut_signature(lines: list[str]) -> list[str]:
    lines = _cut_suffix_footer(lines)
    text = "\n".join(lines)
    # One search over the whole text finds the candidates; only they are looked at.
    candidates = [m.start() for m in _SIGNATURE_OR_FOOTER.finditer(text)]
    if not candidates:
        return lines
    starts: dict[int, int] = {}
    pos = 0
    for i, line in enumerate(lines):
        starts[pos] = i
        pos += len(line) + 1
    for offset in candidates:
        at = starts.get(offset)
        if at is None:
            continue
        if SIGNATURE.match(lines[at].rstrip("\r")) or _is_mobile_footer(lines[at]):
            return lines[:at]
    return lines


def _cut_suffix_footer(lines: list[str]) -> list[str]:
    """A mobile footer whose phrase follows the device ("iPhone'umdan gönderildi"), on
    one of the last lines: short, so the search costs nothing."""
    content = [i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()][:_FOOTER_TAIL]
    for i in content:
        line = lines[i].strip()
        if len(line) <= 60 and len(line.split()) <= 4 and MOBILE_SUFFIX.search(line):
            return lines[:i]
    return lines


# How many of the last lines a suffixed mobile footer is looked for in.
_FOOTER_TAIL = 3


def _cut_sign_off(lines: list[str]) -> list[str]:
    """The writer's sign-off at the end of the reply: a closing formula ("Best regards,",
    "Mit freundlichen Grüßen") and at most three short lines under it — name, title,
    company, a telephone number; blank lines between them or not — or a name signed with
    a dash ("-Jo").  Kept when anything else follows the formula (a postscript, a
    sentence), and when nothing else would be left."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    last = content[-1]
    if content[-2] < last - 1 and DASHED_NAME.match(lines[last]):
        # A name alone in its paragraph, each word capitalised: "- restart the printer"
        # is a list's last item.
        words = lines[last].strip().lstrip("-–—/").split()
        if all(w[:1].isupper() for w in words):
            return lines[:last]
    if KOREAN_SIGNED.match(lines[last]):
        return lines[:last]
    for k in range(len(content) - 1, max(0, len(content) - 2 - _SIGNED_LINES), -1):
        line = lines[content[k]]
        below = len(content) - 1 - k
        if _is_valediction(line):
            # Two closings one above the other: "此致" / "敬礼", "Grüße" / "Regards".
            top = k
            while top > 1 and _is_valediction(lines[content[top - 1]]):
                top -= 1
            return lines[: content[top]]
        if THANKS.match(line) and (below >= 2 or (below == 1 and KOREAN_SIGNED.match(lines[last]))):
            # "Thanks," stays; the block under it goes when it is more than a name.
            return lines[: content[k] + 1]
        if SIGNATURE_RULE.match(line) and below >= 1 and k > 0:
            # A rule above the signature; a closing may stand above the rule.
            return _cut_sign_off(lines[: content[k]])
        if not _is_signature_line(line):
            break
    return _cut_signature_block(lines, content)


# A name as the writer signs with it: one to three capitalised words.
_NAME = re.compile(r"^[ \t]*[^\W\d_][\w.'-]*(?:[ \t][^\W\d_][\w.'-]*){0,2}[ \t]*$")


_NAME_EXTRAS = re.compile(
    r"^(?:i\.\s?A\.|i\.\s?V\.|p\.\s?p\.|pp\.?)\s+|\s*\([^()]{1,20}\)\s*$", re.IGNORECASE
)


def _cut_signature_block(lines: list[str], content: list[int]) -> list[str]:
    """A signature without a closing: the last paragraph a name and, under it, title,
    company and contact lines ("Steve Marsh" / "Marsh Heating & Cooling").
    A name alone is kept (it is how many sign a short message)."""
    start = len(content) - 1
    while start > 0 and content[start - 1] == content[start] - 1:
        start -= 1
    block = [lines[i] for i in content[start:]]
    if start == 0 or not 2 <= len(block) <= _SIGNED_LINES:
        return lines
    # The name, with what people put beside it: "Dr.", "i. A.", "(she/her)".
    first = _NAME_EXTRAS.sub("", block[0]).strip()
    if not first or len(first) > 40 or not _NAME.match(first) or THANKS.match(first):
        return lines
    if not all(w[:1].isupper() for w in first.split()):
        return lines
    if not all(_is_signature_line(line) for line in block[1:]):
        return lines
    if all(_NAME.match(line) for line in block[1:]):
        return lines  # names one under the other: a list as likely as a signature
    if _end(lines[content[start - 1]]).endswith((":", "：")):
        return lines  # what the line above announces
    return lines[: content[start]]


def _is_valediction(line: str) -> bool:
    """A closing formula, also two of them side by side ("Mit freundlichen Grüßen / Best
    regards"), or with the name on its line ("Best regards, Jo Client")."""
    if VALEDICTION.match(line):
        return True
    closing, comma, name = line.partition(",")
    if comma and VALEDICTION.match(closing) and _NAME.match(name) and len(name.strip()) <= 40:
        return all(w[:1].isupper() for w in name.split())
    parts = line.split(" / ")
    return len(parts) == 2 and all(VALEDICTION.match(p) for p in parts)


# Under a closing formula: a name, a title, a company, a telephone number, a web address,
# a postal address and the company's legal particulars — at most this many lines.
_SIGNED_LINES = 12
_POSTSCRIPT = re.compile(r"^(?:p\.?\s?s|n\.?\s?b)\b", re.IGNORECASE)


# What separates the parts of a contact line ("Acme B.V. | Keizersgracht 1 · Amsterdam").
_SEPARATORS = frozenset("|·•–—-/")
_MAX_SIGNATURE_LINE = 80


def _is_signature_line(line: str) -> bool:
    """A name, title, company or contact line ("Jo Client", "Senior Support Engineer",
    "ACME France SAS", "Tel. +33 1 23 45 67 89", "Acme B.V. | Keizersgracht 1 | 1015 AA
    Amsterdam"), not a sentence or a postscript."""
    text = line.strip()
    words = [w for w in text.split() if w not in _SEPARATORS]
    if LEGAL_LINE.search(text) and len(text) <= 2 * _MAX_SIGNATURE_LINE:
        return True
    if _MOTTO.match(text) and len(text) <= 2 * _MAX_SIGNATURE_LINE:
        return True  # a quotation under the name: "“Simplicity is …”"
    if len(text) > _MAX_SIGNATURE_LINE or len(words) > 10 or _POSTSCRIPT.match(text):
        return False
    if text.endswith(("?", "!", ":", "؟", "？")):
        return False
    # "Call me back." is a sentence; "ACME Inc." a company, "Acme Sp. z o.o." too.
    if (
        text.endswith(".")
        and "." not in words[-1][:-1]
        and any(w[:1].islower() for w in words[1:])
        and not words[-1][:1].isupper()
    ):
        return False
    if len(words) > 4:
        # A longer line is a title, a company, an address or a contact line: mostly
        # capitalised words (scripts without capitals count as capitalised); numbers,
        # addresses and labels ("tel.:") say nothing either way.
        alpha = [w for w in words if w[:1].isalpha() and not _CONTACT_TOKEN.search(w)]
        if 2 * sum(not w[:1].islower() for w in alpha) >= len(alpha):
            return True
        # A title in lower case, as Czech, Polish and Russian write them ("менеджер по
        # работе с ключевыми клиентами"): a few words, no punctuation of a sentence.
        return len(words) <= _LOWER_TITLE_WORDS and not _SENTENCE_MARKS.search(text)
    return True


_LOWER_TITLE_WORDS = 7
_SENTENCE_MARKS = re.compile(r"[,;:.!?]")


# A line that is all one quotation, in the marks of the languages.
# … or an image's placeholder: "[cid:image001.png@01D…]", "[A blue logo  Description
# automatically generated]".
_MOTTO = re.compile(
    r'^(?:"[^"]+"|“[^”]+”|„[^“”]+[“”]|«[^»]+»|»[^«]+«|「[^」]+」|\[[^\[\]]+\])[.!]?$'
)
_CONTACT_TOKEN = re.compile(r"\d|@|^www\.|^https?:|[:.]$")


def without_name(text: str, name: str) -> str:
    """``text`` without the writer's name typed at its end — "Ann" or "-Ann" on the last
    line, or after a short closing on it ("Thanks, Ann" keeps "Thanks,") — for a mail
    whose signature names the writer already.  ``name`` is matched whole or by its first
    word, ignoring case."""
    words = name.split()
    lines = text.rstrip().split("\n")
    if not words or len(lines) < 2:
        return text
    names = {" ".join(words).casefold()}
    if len(words[0]) >= 2:
        names.add(words[0].casefold())
    last = lines[-1].strip()
    if " ".join(last.strip("-–—/~.,!; ").split()).casefold() in names:
        return "\n".join(lines[:-1]).rstrip()
    closing, _, signed = last.rpartition(" ")
    if (
        closing
        and closing.rstrip().endswith((",", "!"))
        and len(closing.split()) <= 4
        and signed.strip(".!").casefold() in names
    ):
        return "\n".join([*lines[:-1], closing.rstrip()])
    return text


# "Sent from my BlackBerry® wireless device from U.S. Cellular": the phrase and at most
# this many words.
_FOOTER_WORDS = 8


def _is_mobile_footer(line: str) -> bool:
    """ "Sent from my iPhone", "Get Outlook for Android": the phrase and at most eight
    words, no sentence ("Sent from my desk, is much easier …" is the writer's)."""
    if len(line) > 80:
        return False
    m = MOBILE_FOOTER.match(line)
    if m is None:
        return False
    rest = m.group("rest")
    return len(rest.split()) <= _FOOTER_WORDS and "," not in rest


def _tidy(lines: list[str]) -> str:
    # A divider left above the history that was cut ("------", "______") goes with it.
    end = len(lines)
    while end > 0 and _ONLY_PUNCTUATION.match(lines[end - 1]):
        end -= 1
    return "\n".join(line.rstrip() for line in lines[:end]).strip("\n").strip()
