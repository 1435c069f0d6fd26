"""The writer's signature and sign-off at the end of a reply: an RFC 3676 "-- "
delimiter and what follows it, a mobile footer ("Sent from my iPhone"), a closing formula
or a thanks with the name, title, company and contact lines under it, a name block with
no closing.  Each rule reads the last lines of the reply, so the cost is linear."""

from __future__ import annotations

import bisect
import re
import unicodedata
from email.utils import getaddresses
from functools import lru_cache

from anyascii import anyascii

from mailgate.parse.nicknames import FAMILY_NAME_STARTS, is_short_form, spelled
from mailgate.parse.prefilter import prefiltered
from mailgate.parse.quote_words import (
    CLOSING,
    CLOSING_WORDS,
    COMPANY_FORM,
    DASHED_NAME,
    FULL_STOP,
    GREETING_WORDS,
    INITIALS,
    KOREAN_SIGNED,
    LEGAL_LINE,
    MOBILE_FOOTER,
    MOBILE_SUFFIX,
    NAME,
    QUESTION_END,
    QUOTE_MARKS,
    SALUTATION,
    SIGNATURE,
    SIGNATURE_RULE,
    THANKS,
    TITLE_WORDS,
    VALEDICTION,
    announced,
    labels_person,
    line_end,
)

# The names and words folded that are kept for the next reply: the lines of a few
# replies.
_NAMES_CACHED = 4096

_SIGNATURE_OR_FOOTER = re.compile(
    rf"^(?:--[ \t\u00a0\r]*$|{MOBILE_FOOTER.pattern.lstrip('^')})", re.MULTILINE | re.IGNORECASE
)


def cut_signature(lines: list[str]) -> list[str]:
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
        if _pasted(lines, at):
            continue  # inside a block the writer announces and pastes
        if SIGNATURE.match(lines[at].rstrip("\r")) or is_mobile_footer(lines[at]):
            below = _written_below(lines[at + 1 :])
            return [*trim_end(lines[:at]), *below] if below else lines[:at]
    return lines


def _rows_from(lines: list[str], content: list[int], at: int) -> list[int]:
    """The lines from the first of the rows in columns that line ``at`` is among to the
    end: the rows above it, one under the other or a paragraph each (as an HTML mail's
    are read), each of two cells or more; at most as many rows as a signature has
    lines are looked at."""
    k = bisect.bisect_left(content, at)
    top = max(0, k - _OWN_SIGNATURE_LINES)
    while k > top and len(_cells(lines[content[k - 1]])) > 1:
        k -= 1
    return content[k:]


def _pasted(lines: list[str], at: int) -> bool:
    """Whether line ``at`` is inside a block of lines the writer announces with a colon
    above it ("Recipients see this at the bottom:"), or is what the line right above it
    announces ("The error page shows:" / "--" / "Session expired")."""
    start = at
    while start > 0 and lines[start - 1].strip():
        start -= 1
    if start < at and line_end(lines[at - 1]).endswith((":", "：")):
        return not _is_valediction(lines[at - 1])  # "Üdvözlettel:" / "-- " is a sign-off
    return announced(lines, start)


def _written_below(lines: list[str]) -> list[str]:
    """What the writer typed below their signature or a mobile footer: a paragraph that
    is a postscript or asks a question ("P.S. …", "And I forgot to ask: …?"); no footer
    does either."""
    kept: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if paragraph and (
            _POSTSCRIPT.match(paragraph[0].strip())
            or (len(paragraph) <= _ASKED_LINES and line_end(paragraph[-1]).endswith(QUESTION_END))
        ):
            kept += ["", *paragraph]
        paragraph = []
    return kept


# A question typed below a signature is a short paragraph.
_ASKED_LINES = 4


def _cut_suffix_footer(lines: list[str]) -> list[str]:
    """A mobile footer whose phrase follows the device ("iPhone'umdan gönderildi"), on
    one of the last lines: short, so the search costs nothing."""
    content = [i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()][:_FOOTER_TAIL]
    for i in content:
        line = without_links(lines[i]).strip()
        suffix = MOBILE_SUFFIX.search(line) if len(line) <= 60 else None
        if suffix is not None and len(line[: suffix.start()].split()) <= _DEVICE_WORDS:
            return lines[:i]
        if len(line) <= 60 and len(line.split()) <= 8 and _APP_FOOTER.search(line):
            return lines[:i]
    return lines


def without_links(line: str) -> str:
    """``line`` without the links a footer carries ("Sent via Superhuman ( https://… )",
    "Get Outlook for Android<https://aka.ms/…>")."""
    return _LINK.sub("", line)


# A match begins where a run of spaces begins (``(?<!\s)``): tried from every space of a
# long run, ``\s*`` would read the rest of the run each time.
_LINK = re.compile(
    r"(?<!\s)\s*(?:[(<\[]\s*(?:https?://|mailto:|www\.)[^()<>\[\]]*[)>\]]|https?://\S+)"
)


# Outlook's mobile footer in every language it is translated to — "Get Outlook for
# iOS", "获取 Outlook for iOS", "Outlook für Android herunterladen", "iOS용 Outlook 받기":
# a short line that names the program and the system, nothing else that is a sentence.
_APP_FOOTER = re.compile(
    r"^[^.?!:;]*(?:(?<![A-Za-z])Outlook(?![A-Za-z])[^.?!:;]{0,30}(?<![A-Za-z])"
    r"(?:iOS|Android)(?![A-Za-z])|(?<![A-Za-z])(?:iOS|Android)(?![A-Za-z])[^.?!:;]{0,12}"
    r"(?<![A-Za-z])Outlook(?![A-Za-z]))[^.?!:;]*$"
)


# How many of the last lines a suffixed mobile footer is looked for in.
_FOOTER_TAIL = 3
# The words before the phrase name the device: "iPhone'umdan gönderildi", "Samsung
# Galaxy akıllı telefonumdan gönderildi" ("… from my smartphone").
_DEVICE_WORDS = 3


def cut_sign_off(lines: list[str], writer: str = "") -> list[str]:
    """The writer's sign-off at the end of the reply: a closing formula ("Best regards,",
    "Mit freundlichen Grüßen") and at most three short lines under it — name, title,
    company, a telephone number; blank lines between them or not — or a name signed with
    a dash ("-Jo").  Kept when anything else follows the formula (a postscript, a
    sentence), and when nothing else would be left.  ``writer`` is the name the From
    field gives: a block it heads is a signature."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    stated = _company_statement(lines, content, writer)
    if stated is None:
        stated = _signature_note(lines, content, writer)
    if stated is not None:
        return stated
    last = content[-1]
    listed = _same_item(lines[content[-2]], lines[last])
    if content[-2] < last - 1 and INITIALS.match(lines[last]) and not listed:
        signed = lines[last].strip().lstrip("-–—/~").strip()
        if not _initials_of(signed, writer) and _others_initials(signed, writer):
            return lines  # "- NY": a place, a code; the writer is someone else
        return lines[:last]
    if (
        content[-2] == last - 1
        and INITIALS.match(lines[last])
        and not _LIST_ITEM.match(lines[content[-2]])
        and line_end(lines[content[-2]]).endswith(FULL_STOP)
        and _initials_of(lines[last].strip().lstrip("-–—/~").strip(), writer)
    ):
        return lines[:last]  # the writer's initials right under the last sentence
    if (
        content[-2] < last - 1
        and DASHED_NAME.match(lines[last])
        and not announced(lines, last)
        and not listed
    ):
        # A name alone in its paragraph, each word capitalised: "- restart the printer"
        # is a list's last item, and so is one the line above announces ("Please give
        # access to:" / "- Jane Doe").
        words = lines[last].strip().lstrip("-–—/").split()
        if all(_capitalised(w) for w in words):
            return lines[:last]
    above = lines[content[-2]]
    if (
        _signed_by_team(lines[last])
        and _ends_sentence(above)
        and not (_is_valediction(above) or _LIST_ITEM.match(above) or announced(lines, last))
    ):
        return lines[:last]  # "The Acme IT team", "Équipe Acme" under the text
    if KOREAN_SIGNED.match(lines[last]):
        # "감사합니다." above "NAME 드림" is the letter's closing formula: both go.
        thanks = THANKS.match(lines[content[-2]]) and len(content) >= 3
        return lines[: content[-2] if thanks else last]
    lone = _lone_closing(lines, content)
    if lone is None and len(content) >= 3:
        lone = _closing_and_block(lines, content)
    if lone is not None:
        return lines[:lone]
    for k in range(len(content) - 1, max(0, len(content) - 2 - _SIGNED_LINES), -1):
        line = lines[content[k]]
        below = len(content) - 1 - k
        if _is_valediction(line):
            if below == 0 and _closing_word_in_sentence(line):
                break  # "Saygılarımla birlikte teşekkürlerimi de iletirim.": a sentence
            if below >= 1 and _greets_another(line, lines[content[k + 1]], writer):
                break  # "Pozdrawiam Jana Kowalskiego" / "z działu IT": a greeting sent on
            # Two closings one above the other: "此致" / "敬礼", "Grüße" / "Regards".
            top = k
            while top > 1 and _is_valediction(lines[content[top - 1]]):
                top -= 1
            if announced(lines, content[top]):
                break  # "Please end our template with:" / "Kind regards Mark", "此致办公"
            return lines[: content[top]]
        thanked = bool(THANKS.match(line)) or (
            below >= 2 and _exclaimed(line, lines[content[k + 1]])
        )
        if thanked and below >= 2 and _given_under_thanks(lines, content[k + 1 :], writer):
            break  # a table, a list, an address the writer gives under "Thanks"
        if thanked and (below >= 2 or (below == 1 and _signed_on_one_line(lines[content[k + 1]]))):
            if KOREAN_SIGNED.match(lines[content[k + 1]]):
                return lines[: content[k]]  # "감사합니다." / "NAME 드림" / the block
            # "Thanks," stays; the block under it goes when it is more than a name.
            return lines[: content[k] + 1]
        if (SIGNATURE_RULE.match(line) or _is_ornament_rule(line)) and below >= 1 and k > 0:
            if _pasted(lines, content[k]) or _listed(lines, content[k + 1 :]):
                break  # a heading's underline, a rule above what the writer shows
            # A rule above the signature; a closing may stand above the rule.
            return cut_sign_off(lines[: content[k]], writer)
        if not _is_signature_line(line):
            break
    closing = _closing_paragraph(lines, content, writer)
    if closing is not None:
        return lines[:closing]
    cut = _cut_signature_block(lines, content, writer)
    if cut is not lines:
        cut = _without_name_above(cut, writer)
        # A closing alone above the block that went: "С поштовањем," / "" / the block.
        left = [i for i, line in enumerate(cut) if line.strip()]
        lone = _lone_closing(cut, left) if len(left) >= 2 else None
        if lone is not None:
            return cut[:lone]
    return cut


def _signed_by_team(line: str) -> bool:
    """Whether ``line`` is a team or a company's support signing ("The Acme IT team",
    "Acme Support", "L'équipe Acme", "Ihr Acme-Team", "Il team Acme"): an article or a
    possessive perhaps, then capitalised words with the word for a team first or last —
    not a sentence, not a product that has the word inside its name ("Acme Support
    Portal")."""
    text = line.strip().strip("-–—/~ ").replace("’", "'")
    if len(text) > _LONE_LINE or _LONE_LINE_MARKS.search(text) or text.endswith(_TEAM_NOT_ENDS):
        return False
    words = [w for w in _TEAM_SPLIT.split(text) if w]
    while words and words[0].casefold() in _TEAM_ARTICLES:
        words = words[1:]
    if not 2 <= len(words) <= _TEAM_WORDS_MAX:
        return False
    team = [w.casefold() in _TEAM_WORDS for w in words]
    return (
        (team[0] or team[-1])
        and all(is_team or w[:1].isupper() for w, is_team in zip(words, team, strict=True))
        and not all(team)
    )


_TEAM_SPLIT = re.compile(r"\s+|-|(?<=^[lLdD]')")
_TEAM_NOT_ENDS = ("?", "!", ".", ":", ";", "؟")
_TEAM_WORDS_MAX = 4
# The words for a team or a support desk that sign for it, in the languages clients write.
_TEAM_WORDS = frozenset(
    [
        "team", "support", "helpdesk", "équipe", "equipe", "equipo", "equipa", "squadra",
        "zespół", "tým", "tiimi", "csapat", "ekibi", "команда", "ομάδα", "teamet",
    ]
)  # fmt: skip
_TEAM_ARTICLES = frozenset(
    [
        "the", "your", "our", "ihr", "ihre", "euer", "dein", "das", "die", "l'", "la", "le",
        "el", "il", "lo", "o", "a", "het", "de", "votre", "vos", "su", "tu", "vostro",
        "vostra", "din", "ditt", "jeres", "seu", "sua", "teu", "vaše", "ваша",
    ]
)  # fmt: skip


def _greets_another(line: str, under: str, writer: str) -> bool:
    """Whether ``line``, a formula with a name after it ("Pozdrawiam Jana Kowalskiego"),
    greets someone other than the writer in a sentence the line ``under`` it goes on
    with in lower case ("z działu IT": from the IT department): the writer sends their
    greetings to a colleague.  The writer's own name, in whatever form the language
    declines it to, makes it their closing."""
    going_on = under.split()[:1]
    if not going_on or (going_on[0] not in _GOES_ON_WITH and going_on[0] not in _FROM_WORDS):
        return False  # "С уважением, Ольга Смирнова" / "ведущий специалист": a title
    words = line.strip().rstrip(",.!").split()
    for k in range(1, min(len(words), _CLOSING_WORDS + 1)):
        if not _formula(" ".join(words[:k])):
            continue
        if words[k - 1].endswith(_COMMAS):
            return False  # "Best regards, Mary Jones": the name signed after the comma
        name = words[k:]
        if not 1 <= len(name) <= _SUBJECT_WORDS or not all(
            w[:1].isalpha() and _capitalised(w) for w in name
        ):
            return False
        return not (writer and _declined_name(" ".join(name), writer))
    return False


# The prepositions a sentence goes on with after a person's name, saying where they work
# or come from ("z działu IT", "from accounting", "aus der Buchhaltung", "de
# contabilidad", "из бухгалтерии"): no title or company line begins so in lower case.
_FROM_WORDS = frozenset(
    [
        "z", "ze", "od", "from", "of", "in", "at", "aus", "von", "vom", "bei", "de", "del",
        "da", "di", "du", "des", "dal", "della", "do", "dos", "das", "uit", "van", "från",
        "fra", "из", "от", "з", "від",
    ]
)  # fmt: skip


def _declined_name(typed: str, writer: str) -> bool:
    """Whether ``typed`` is the writer's name as it is or declined as Slavic and Baltic
    languages decline names, each word the name's stem and an ending of a few letters
    ("Jana Kowalskiego" of Jan Kowalski, "Annę Nowak" of Anna Nowak)."""
    if _names_writer(typed, writer):
        return True
    own = name_words(writer)
    signed = [fold_accents(w) for w in typed.split()]
    if not own or len(signed) not in (1, len(own)):
        return False
    return all(
        word.startswith(stem := name.rstrip("aeiouy") or name)
        and len(word) - len(stem) <= _ENDING_LETTERS
        for word, name in zip(signed, own, strict=False)
    )


# The longest ending a declined name takes: "Kowalsk|iego".
_ENDING_LETTERS = 4


def _given_under_thanks(lines: list[str], at: list[int], writer: str) -> bool:
    """Whether the lines ``at``, under a thanks, are what the writer gives, not their
    signature: a table (:func:`_is_pasted_rows`), a bulleted or numbered list, a
    company's postal address with no person and no way to reach anyone, or lines of
    which none names anyone, a company or a way to reach them ("Paper x10" / "Toner
    x2")."""
    block = [lines[i] for i in at]
    if _is_pasted_rows(lines, at, writer) or _listed(lines, at) or _is_postal_address(block):
        return True
    if _names_listed(block, writer):
        return True
    return not any(_signs_for(line, writer) for line in block)


def _names_listed(block: list[str], writer: str, least: int = 3) -> bool:
    """Whether ``block`` is people's full names one under the other, ``least`` at least,
    none the writer's, no title or company among them ("Mary Jones" / "Peter Brown" /
    "Anna Lee"): those the client asks about; a signature names one person."""
    return (
        len(block) >= least
        and all(
            len(line.split()) >= _FULL_NAME
            and _is_signed_name(line.strip())
            and _looks_like_name(line)
            and not (writer and _names_writer(line, writer))
            for line in block
        )
        and not any(_names_company(line, block[0].strip()) for line in block[1:])
    )


_FULL_NAME = 2


def _signs_for(line: str, writer: str) -> bool:
    """Whether ``line`` is one a signature is known by: a name (the writer's, or one
    as names are written, with what people put beside it), a title, a company, a way
    to reach someone, a logo, legal particulars, a signature on one line."""
    text = line.strip()
    name = _NAME_EXTRAS.sub("", text).strip()
    return bool(
        (writer and _names_writer(text, writer))
        or _is_signed_name(name)
        or _titled_name(name)
        or TITLE_WORDS.search(text)
        or COMPANY_FORM.search(text)
        or LEGAL_LINE.search(text)
        or _reaches(text)
        or _MOTTO.match(text)
        or _is_signature_row(text)
        or any(_is_signed_name(cell) for cell in _cells(text))
    )


def _same_item(above: str, line: str) -> bool:
    """Whether ``line`` is the next item of the list ``above`` ends with, marked as it
    is ("- LA" / "- SF": a list's items a paragraph each, as an HTML list is read), not
    initials signed with a dash under it."""
    marks = [_LIST_ITEM.match(text) for text in (above, line)]
    return all(marks) and len({re.sub(r"\d+", "0", m.group(1)) for m in marks if m}) == 1


def _listed(lines: list[str], at: list[int]) -> bool:
    """Whether the lines ``at`` are a list the writer writes: two items or more, each
    numbered or bulleted ("1. Open the order", "- click Export"); a signature lists
    nothing."""
    items = sum(1 for i in at if _LIST_ITEM.match(lines[i]))
    return items >= _LIST_ITEMS and items == len(at)


_LIST_ITEM = re.compile(r"^[ \t]*(\d{1,2}[.)]|[-*•–][ \t])[ \t]*\S")
_LIST_ITEMS = 2


def _closing_word_in_sentence(line: str) -> bool:
    """Whether ``line``, the text's last, is a sentence a closing's word begins or is
    in ("With regards to the invoice …", "Saygılarımla birlikte teşekkürlerimi de
    iletirim."): no formula, five words or more, a full stop after a word in lower case
    at its end (not a name's degree: "S pozdravem Ing. Jan Novák, Ph.D.")."""
    text = line.strip()
    words = text.split()
    return (
        len(words) >= _SENTENCE_WORDS
        and text.endswith(FULL_STOP)
        and words[-1].rstrip("".join(FULL_STOP)).isalpha()
        and words[-1].islower()
        and not _formula(text)
        and not THANKS.match(text)
    )


# A closing is a few words; a line of five or more that ends with a full stop is a
# sentence.
_SENTENCE_WORDS = 5


def _exclaimed(line: str, below: str) -> bool:
    """A word or two exclaimed above a signature block ("Дякую!", "Köszönöm!", "Danke!"
    / "Olena Kovalenko" / …, or the block's logo or company first): the writer's thanks
    in whatever language, kept as a thanks is; the block under it goes."""
    return _EXCLAIMED.match(line) is not None and _is_signature_line(below)


_EXCLAIMED = re.compile(r"^[ \t]*[^\W\d_]+(?:[ \t][^\W\d_]+)?[ \t]*!+[ \t]*$")


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` ends with a sentence's full stop, not an initial's ("Jo M.")."""
    text = line_end(line)
    return text.endswith(FULL_STOP) and len(text.split()[-1]) > _INITIAL_WITH_DOT


_INITIAL_WITH_DOT = 2


def _without_name_above(lines: list[str], writer: str) -> list[str]:
    """``lines`` — a signature block cut from under them — without the name that heads
    the block a blank line above it ("Jane Doe" / "" / "Acme Ltd" / "221B Baker Street"
    / …): a paragraph of one line, a name, under text that ended its sentence or a
    closing."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2 or content[-2] == content[-1] - 1:
        return lines
    last = lines[content[-1]]
    name = _NAME_EXTRAS.sub("", last).strip()
    if not (_is_signed_name(name) or (writer and _names_writer(last, writer))):
        return lines
    if TITLE_WORDS.search(name) or THANKS.match(name) or _ends_sentence(name):
        return lines  # a title, the writer's thanks ("Vielen Dank", "Дякую.")
    above = line_end(lines[content[-2]])
    if not (above.endswith((*_ENDED, *_COMMAS)) or _is_valediction(above)):
        return lines
    return trim_end(lines[: content[-1]])


def _company_statement(lines: list[str], content: list[int], writer: str) -> list[str] | None:
    """``lines`` without a sign-off whose signature ends with the company's own
    statement, a paragraph each sentence of which names a company line of the block
    above it ("Southbank Physio acknowledges the Traditional Owners of the land …"), or
    None.  The statement goes with the signature; it is no sentence of the writer's."""
    start = _last_paragraph(content)
    if start < 2:
        return None
    top = _last_paragraph(content[:start])
    block = [lines[i] for i in content[top:start]]
    statement = [lines[i] for i in content[start:]]
    text = " ".join(line.strip() for line in statement)
    if (
        "?" in text
        or _POSTSCRIPT.match(text)
        or not all(_is_signature_line(line) for line in block)
        or not _states_for(block, text)
    ):
        return None
    above = trim_end(lines[: content[start]])
    cut = cut_sign_off(above, writer)
    return cut if cut != above else None


def _signature_note(lines: list[str], content: list[int], writer: str) -> list[str] | None:
    """``lines`` without a sign-off whose signature ends with a note of its own — the
    writer's hours, a closure, a new address, a booking line ("I work Mon–Thu.", "We are
    closed from 23 December to 2 January.", "Now booking projects for Q3!") — under the
    signature lines or a blank line lower, or None.  The note goes with the signature,
    as it does under a "-- " delimiter; a question or a postscript is the writer's and
    stays.  The signature must be one: a name and two lines more at least, one of them
    a title, a company or a way to reach the writer."""
    # The note: the last lines, under the signature's last line of its own kind (a title,
    # a company, a way to reach the writer), however a program wrapped them.
    top, chars = len(content), 0
    while top > 1 and len(content) - top < _NOTE_LINES:
        line = lines[content[top - 1]].strip()
        # (A signature's line is short: the dearer test is made on short lines only.)
        if len(line) <= _FIELD_LINE and _formed(line):
            if top < len(content):
                break
            if _is_signature_line(line):
                return None  # the signature's own last line: no note under it
        chars += len(line)
        if (
            chars > _NOTE_CHARS
            or any(mark in line for mark in QUESTION_END)
            or line.endswith((":", "："))
        ):
            return None  # a paragraph, a question, what a line announces: the writer's
        top -= 1
    else:
        return None
    if _POSTSCRIPT.match(lines[content[top]].strip()) or any(
        _signs(lines[i]) for i in content[top:]
    ):
        return None  # a postscript; a sign-off of its own, read as one
    # Short lines up from the signature's last line to the closing or the name that
    # heads it (looked for before the dearer search of the sign-off).
    start = top - 1
    while start >= 0 and top - start <= _SIGNED_LINES:
        line = lines[content[start]]
        if len(line) > _MAX_SIGNATURE_LINE:
            return None
        if _signs(line) or (writer and _names_writer(line, writer)):
            break
        start -= 1
    else:
        return None
    above = trim_end(lines[: content[top]])
    cut = cut_sign_off(above, writer)
    if cut == above:
        cut = cut_own_signature(above, writer)
    if cut == above or above[: len(cut)] != cut:
        return None
    removed = [line for line in above[len(cut) :] if line.strip()]
    if len(removed) < _NOTED_SIGNATURE or not any(_formed(line) for line in removed):
        return None
    # The signature opens with a closing (kept, as a thanks is, or gone with it) or the
    # writer's own name — not with a form's fields, nor with a contact the writer gives
    # ("Our new contact person" / "Jane Roe" / "Head of Finance" / … / "She starts on
    # Monday.").
    head = _NAME_EXTRAS.sub("", removed[0]).strip()
    kept = next((line for line in reversed(cut) if line.strip()), "")
    opened = (
        _is_valediction(head)
        or THANKS.match(head) is not None
        or _is_valediction(kept)
        or THANKS.match(kept) is not None
        or (bool(writer) and _names_writer(head, writer))
    )
    return cut if opened else None


def _signs(line: str) -> bool:
    """Whether ``line`` signs a text: a closing, a thanks, a name signed."""
    return bool(
        THANKS.match(line)
        or _is_valediction(line)
        or KOREAN_SIGNED.match(line)
        or _is_signed_name(line)
        or DASHED_NAME.match(line)
        or INITIALS.match(line)
    )


def _formed(line: str) -> bool:
    """Whether ``line`` is one a signature is made of and a sentence seldom is: a title,
    a company, a way to reach someone, legal particulars."""
    return bool(
        LEGAL_LINE.search(line)
        or _reaches(line)
        or COMPANY_FORM.search(line)
        or TITLE_WORDS.search(line)
    )


# A signature with a note under it: a name and two lines more at least; the note is
# short, two sentences or so, however wrapped.
_NOTED_SIGNATURE = 3
_NOTE_LINES = 6
_NOTE_CHARS = 300
_FIELD_LINE = 72


def cut_own_signature(lines: list[str], writer: str) -> list[str]:
    """The writer's signature found by their own name, in whatever language and layout:
    a short line that names them (the name the From field gives, whole, in either order,
    or its first word; with a title or a closing beside it) near the end, with nothing
    under it but name, title, company, contact and legal lines.  A closing directly
    above the name goes with it ("Üdvözlettel:" / "Kovács Zsófia"); a thanks stays."""
    if not writer.split():
        return lines
    content = [i for i, line in enumerate(lines) if line.strip()]
    tail = content[-_OWN_SIGNATURE_LINES:]
    for k, i in enumerate(tail):
        # A short form of the name ("Bob") counts with lines under it or apart from the
        # text, not as the text's last line ("We ship to\nAsia").
        forms = (
            i != content[-1]
            or not lines[i - 1].strip()
            or _signs(lines[i - 1])
            or _is_closing_line(lines[i - 1])
        )
        if i == content[0] or not _names_writer(lines[i], writer, forms=forms):
            continue
        below = tail[k + 1 :]
        signed = _signed_lines(lines, below)
        if signed < len(below) and not _speaks_for(
            [lines[j] for j in below[:signed]], [lines[j] for j in below[signed:]]
        ):
            continue
        above = content.index(i) - 1
        introduced = line_end(lines[content[above]]).endswith((":", "："))
        if introduced and not _is_valediction(lines[content[above]]):
            continue  # what the line above announces: a list the writer is on
        if _pasted(lines, i):
            continue  # inside a block announced above it: an address to deliver to
        if _gives_client_data([lines[j] for j in [i, *below]], lines[content[above]]):
            continue  # the writer's name over where to deliver: "请按以下信息发货。" / …
        if _is_pasted_rows(lines, _rows_from(lines, content, i), writer):
            continue  # a row of a table the writer gives: "Jane Doe<TAB>07700 900123" / …
        start = i
        # The closing above the name, on the line above or a blank line higher.
        closing = content[above]
        right_above = closing == i - 1 and _is_closing_line(lines[closing])
        apart = i - _BLANK_LINES_APART - 1 <= closing < i - 1
        if above > 0 and (right_above or (apart and _closes_alone(lines, closing))):
            start = closing
        return _cut_at(lines, start)
    return lines


# A closing and the name under it, blank lines between: at most two.
_BLANK_LINES_APART = 2


def _signed_lines(lines: list[str], at: list[int]) -> int:
    """How many of the lines ``at`` (indexes of lines with text), from the first on, are
    signature lines — a company's legal particulars wrapped over two lines ("… is the
    trading name of Hargreaves & Lowe Ltd," / "registered in England and Wales …")
    among them."""
    n = 0
    while n < len(at):
        if _is_signature_line(lines[at[n]]):
            n += 1
            continue
        if n + 1 < len(at) and at[n + 1] == at[n] + 1:
            joined = f"{lines[at[n]].strip()} {lines[at[n + 1]].strip()}"
            if LEGAL_LINE.search(joined) and len(joined) <= 2 * _MAX_SIGNATURE_LINE:
                n += 2
                continue
        break
    return n


def _speaks_for(block: list[str], rest: list[str]) -> bool:
    """Whether ``rest``, under the signature lines ``block``, belongs to the signature,
    asking nothing and no postscript: the company's own statement, each sentence naming
    a company line of the block ("Southbank Physio acknowledges the Traditional Owners
    …"), or a short note that sends the reader to another address ("I'm on leave until
    4 July. For anything urgent please contact studio@…")."""
    text = " ".join(line.strip() for line in rest)
    if "?" in text or (rest and _POSTSCRIPT.match(rest[0].strip())):
        return False
    if len(rest) <= _SIGNATURE_NOTE_LINES and _reaches(text):
        return True
    return _states_for(block, text)


def _states_for(block: list[str], text: str) -> bool:
    """Whether each sentence of ``text`` names a company line of the signature lines
    ``block``: the company's own statement under its signature."""
    names = [line.strip().casefold() for line in block if len(line.split()) >= 2]
    names = [n for n in names if len(n) <= _COMPANY_NAME and not any(map(str.isdigit, n))]
    # Read by sentence: a program may have wrapped the statement over lines.
    sentences = text.split(". ")
    return bool(names) and all(
        any(n in sentence.casefold() for n in names) for sentence in sentences
    )


# A company's name on a line of its own is short.
_COMPANY_NAME = 40
_SIGNATURE_NOTE_LINES = 3


def _cut_at(lines: list[str], start: int) -> list[str]:
    """``lines`` up to ``start``, without the blank lines that end them; all of them
    when nothing would be left."""
    kept = trim_end(lines[:start])
    return kept if kept else lines


def trim_end(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines that end them."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return lines[:end]


# How far from the end the writer's own signature is looked for, in lines with text.
_OWN_SIGNATURE_LINES = 20
# … or the gap of two columns ("Jane Doe<TAB>Head of IT", a table's row flattened).
_NAME_SEPARATORS = re.compile(r"\s*(?:[|,·•/]|\s[-–—]\s)\s*|[ \u00a0]*\t\s*|[ \u00a0]{2,}")


def _names_writer(line: str, writer: str, *, forms: bool = True) -> bool:
    """Whether ``line`` is the writer's name, alone or first on it ("Zsófia Kovács |
    ügyvezető"), with a short closing before it ("t. Jussi"), in either order;
    ``forms`` as :func:`is_own_name` takes it."""
    text = line.strip().strip("-–—/~*_ ")
    if not text or len(text) > _MAX_SIGNATURE_LINE or text.endswith(("?", "!", ":", ";")):
        return False
    first = _NAME_SEPARATORS.split(text, maxsplit=1)[0].strip(" .")
    if is_own_name(first, writer, forms=forms):
        return True
    words = set(name_words(writer))
    if ":" in first:
        return False  # a label and what it names: "Geschäftsführer: Jens Möller"
    typed = first.replace(".", " ").split()
    folded = {fold_accents(w) for w in typed}
    if len(words) >= 2 and folded >= words and len(typed) <= len(words) + 2:
        return True  # "Dr. Anna Berg", "Berg Anna"
    # A short closing on the name's line: "t. Jussi", "Gr. Anna".
    return len(typed) == 2 and len(typed[0]) <= 3 and is_own_name(typed[1], writer)


def _closes_alone(lines: list[str], at: int) -> bool:
    """A closing alone in its paragraph ("С поштовањем," then a blank line and the
    name): a formula, or a few words ending with a comma — not a thanks."""
    text = lines[at].strip()
    if at == 0 or lines[at - 1].strip() or THANKS.match(text) or len(text) > _CLOSING_LENGTH:
        return False
    return _is_valediction(text) or (text.endswith(_COMMAS) and len(text.split()) <= _CLOSING_WORDS)


def _is_closing_line(line: str) -> bool:
    """A closing above the writer's name, in any language: a few words, no sentence;
    a thanks is the writer's words and stays."""
    text = line.strip()
    if THANKS.match(line) or not text or len(text) > _CLOSING_LENGTH:
        return False
    if _is_valediction(line):
        return True
    last = text.split()[-1].casefold()
    return (
        len(text.split()) <= _CLOSING_WORDS
        and not text.endswith(_SENTENCE_ENDS)
        and "," not in text[:-1]
        # A sentence that goes on in the line under it: "We ship to" / "Asia", "Please
        # ask my colleague" / "Bill".
        and last not in _STOPS_ON
        and last not in _RUNS_ON
    )


# How a sentence ends, not a closing: in Latin letters, and in the scripts that write
# no space between words ("附件是今天早上的日志。" is one "word").
_SENTENCE_ENDS = ("?", ".", ";", "。", "？", "؟", "；", "．")


def cut_after_sign_off(lines: list[str], writer: str = "") -> list[str]:
    """A sign-off with a block of text under it that no writer adds to their own words:
    a notice in a language or a wording no table knows, a scanner's stamp, a list's
    footer.  The block is below a closing or the writer's name and the lines signed under
    it, and it is drawn off with a rule, or it is paragraphs of long statements (no
    question, no postscript).  The sign-off goes with it; a thanks stays."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    for i in content[-_AFTER_SIGN_OFF_LINES:]:
        if i == content[0]:
            continue
        thanks = bool(THANKS.match(lines[i]))
        closing = thanks or _is_valediction(lines[i])
        named = bool(writer) and _names_writer(lines[i], writer)
        # A name block: a name alone after a blank line, its title and company under it.
        alone = not lines[i - 1].strip() and _is_name_line(lines[i])
        if not (closing or named or alone):
            continue  # (before the signed lines are read: most lines are none of these)
        end = i + 1
        while end < len(lines) and lines[end].strip() and _is_signature_line(lines[end]):
            end += 1
        block = alone and end > i + 1
        if not (closing or named or block):
            continue
        if closing and end == i + 1:
            continue  # nothing signed under the closing
        if not _is_notice_block(lines[end:]):
            continue
        start = i + 1 if thanks else i
        if not closing and i - 1 >= 0 and _is_closing_line(lines[i - 1]):
            start = i - 1
        return _cut_at(lines, start)
    return lines


# How far from the end a sign-off with a block under it is looked for, in lines.
_AFTER_SIGN_OFF_LINES = 40
# A paragraph of a notice is a long statement.
_NOTICE_PARAGRAPH = 150


def _is_notice_block(lines: list[str]) -> bool:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if not paragraphs:
        return False
    first = next(line for line in lines if line.strip())
    if _RULE.match(first):
        return True
    statements = [
        len(p) >= _NOTICE_PARAGRAPH and "?" not in p and not _POSTSCRIPT.match(p)
        for p in paragraphs
    ]
    # A link of the notice's own ("Request #238117: https://…") may stand beside it.
    links = [
        len(p) <= _MAX_SIGNATURE_LINE * 2 and _LINK_TEXT.search(p) is not None for p in paragraphs
    ]
    return any(statements) and all(s or link for s, link in zip(statements, links, strict=True))


_LINK_TEXT = re.compile(r"https?://|www\.")


def _is_name_line(line: str) -> bool:
    """A person's name alone on a line, with what people put beside it ("Dr.", "(she/
    her)"): two or three capitalised words."""
    name = _NAME_EXTRAS.sub("", line).strip()
    return len(name.split()) >= 2 and _is_signed_name(name)


_RULE = re.compile(r"^\s*(?:[-_=*~—–]\s?){3,}\s*$")


def split_postscript(lines: list[str], *, marked_only: bool = False) -> tuple[list[str], list[str]]:
    """The text above an afterthought that ends it (a postscript, a question), and the
    afterthought: "Kind regards,\nTom\n\nP.S. Our VAT number has changed" — the
    afterthought is the writer's, the sign-off above it is not, and is looked for above
    it.  ``marked_only``: a postscript marked as one ("P.S."), not a question."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    start = _postscript_start(lines, content) if len(content) >= 2 else None
    if start is not None and marked_only and not _POSTSCRIPT.match(lines[start].strip()):
        start = None
    if start is None:
        return lines, []
    return trim_end(lines[:start]), lines[start:]


def _last_paragraph(content: list[int]) -> int:
    """Where in ``content`` (the indexes of the lines with text) the last paragraph
    begins."""
    start = len(content) - 1
    while start > 0 and content[start - 1] == content[start] - 1:
        start -= 1
    return start


def _lone_closing(lines: list[str], content: list[int]) -> int | None:
    """Where a closing in any language ends the text — a short line ending with a comma
    ("Un saúdo,", "Is mise le meas,"), alone in its paragraph or with one name under it,
    right under it or a blank line lower ("Kveðja,\nSiggi") — or None.  No sentence of
    a letter ends with a comma; a thanks stays (it is the writer's words)."""
    last = content[-1]
    for at in (last, content[-2]):
        line = lines[at].strip()
        below = [i for i in content if i > at]
        if (
            at == content[0]
            or content[content.index(at) - 1] == at - 1  # not the first line of a paragraph
            or not line.endswith(_COMMAS)
            or len(line) > _CLOSING_LENGTH
            or len(line.split()) > _CLOSING_SENTENCE_WORDS
            or THANKS.match(line)
        ):
            continue
        if not below or (
            len(below) == 1
            and below[0] - at - 1 <= _BLANK_LINES_APART
            and _is_signed_name(lines[below[0]])
        ):
            return at  # "Un saúdo," / "" / "Uxía" too
    return None


def _closing_paragraph(lines: list[str], content: list[int], writer: str) -> int | None:
    """Where the last paragraph begins when it is a sign-off in a language no table
    knows: a few words that are no sentence ("Hälsningar", "Groetjes", "Pozdrowienia
    z Krakowa"), a name under them — the writer's, or a name as names are written —
    and signature lines under that.  The text above must have ended its sentence; a
    thanks stays."""
    start = _last_paragraph(content)
    block = content[start:]
    if start == 0 or len(block) < 2 or len(block) > _SIGNED_LINES:
        return None
    top = lines[block[0]].strip()
    if (
        len(top.split()) > _CLOSING_WORDS
        or len(top) > _CLOSING_LENGTH
        or top.endswith((".", "?", ":", ";", "؟", "？", "。"))
        or any(map(str.isdigit, top))
        or THANKS.match(top)
        or _is_signed_name(top)  # names one under the other: a list
        # A label over the name ("Recipient" / "Mary Jones") or a role ("Team lead" /
        # "Mary Jones"): the client's data; no closing names either.
        or labels_person(top)
        or TITLE_WORDS.search(top)
        # A sentence that goes on in the lines under it ("The users are" / names) or
        # asks ("Can you call" / a name and a number): no closing begins or ends so.
        or _ASKS.match(top)
        or top.rpartition(" ")[2] in _STOPS_ON
        or not line_end(lines[content[start - 1]]).endswith(_ENDED)
    ):
        return None
    if _names_listed([lines[i] for i in block[1:]], writer, least=_HEADED_NAMES):
        return None  # "My colleagues" / "Mary Jones" / "Peter Brown": names the writer lists
    # The name with what people put beside it ("(she/her)"), or a signature on one line.
    name = _NAME_EXTRAS.sub("", lines[block[1]]).strip()
    if not (
        _is_signed_name(name)
        or (writer and _names_writer(name, writer))
        or _is_signature_row(lines[block[1]])
    ):
        return None
    if not all(_is_signature_line(lines[i]) for i in block[2:]):
        return None
    return block[0]


# Under a line that heads them, two names are a list: a signature names one person.
_HEADED_NAMES = 2


# The words a request or a question begins with, and the words a sentence cannot stop
# on, in the languages clients write (copulas, prepositions, articles, conjunctions).
_ASKS = re.compile(
    r"(?:can|could|would|will|please|pls|do|does|did|kannst|können|könnten|würden|bitte|"
    r"pouvez|pourriez|peux|merci de|puede|podría|podrían|pueden|por favor|può|potete|"
    r"potrebbe|per favore|pode|podem|poderia|kunt|kun|kunnen|zou|czy|proszę|můžete|"
    r"prosím|можете|пожалуйста)(?![^\W\d_])",
    re.IGNORECASE,
)
_STOPS_ON = frozenset(
    [
        "is", "are", "was", "were", "be", "to", "for", "by", "of", "with", "from", "at",
        "the", "a", "an", "and", "or", "ist", "sind", "war", "waren", "für", "von", "mit",
        "und", "oder", "der", "die", "das", "est", "sont", "à", "de", "pour", "avec",
        "et", "ou", "le", "la", "les", "es", "son", "para", "con", "y", "el", "los",
        "las", "è", "sono", "per", "di", "il", "é", "são", "em", "zijn", "voor", "van",
        "het", "een", "jest", "są", "dla", "jsou", "pro", "это",
    ]
)  # fmt: skip
# The words a sentence that goes on into the block under it stops on — a copula, an
# article, a conjunction, in lower case (not the name "Nguyễn Văn An") — and how many
# words such a sentence has at least.
_RUNS_INTO = frozenset(
    ["is", "are", "the", "a", "an", "and", "ist", "sind", "und", "est", "sont", "et",
     "es", "son", "y", "è", "sono", "é", "são", "zijn", "jest", "są", "jsou"]
)  # fmt: skip
_STOPS_ON_WORDS = 3
# How the text above a sign-off ends: its last sentence ("… Plattform?"), not a colon
# announcing what follows.
_ENDED = (*FULL_STOP, ")", "»", "”", '"')


def _closing_and_block(lines: list[str], content: list[int]) -> int | None:
    """Where a closing sentence ends with a comma above a signed block ("Thank you for
    supporting our work," / "Grace Whitfield" / "Operations Coordinator"): a name right
    under it, signature lines under that to the end."""
    for k in range(len(content) - 3, max(0, len(content) - 3 - _SIGNED_LINES), -1):
        at = content[k]
        line = lines[at].strip()
        if (
            content[k + 1] != at + 1
            or not line.endswith(_COMMAS)
            or len(line.split()) > _CLOSING_SENTENCE_WORDS
            or THANKS.match(line)
            or (k > 0 and content[k - 1] == at - 1)
        ):
            continue
        if _is_signed_name(lines[at + 1]) and all(
            _is_signature_line(lines[i]) for i in content[k + 2 :]
        ):
            return at
    return None


# A closing written as a short sentence: "Thank you for supporting our work,".
_CLOSING_SENTENCE_WORDS = 7


# A closing of a few words, in any language, ending with a comma in its script.
_CLOSING_WORDS = 4
_COMMAS = (",", "،", "，")


def _is_signed_name(line: str) -> bool:
    """A name signed on a line of its own: one to three capitalised words."""
    words = line.split()
    return 1 <= len(words) <= 3 and NAME.match(line) is not None and _written_as_name(line)


def _postscript_start(lines: list[str], content: list[int]) -> int | None:
    """Where the last paragraph begins when it is an afterthought with text above it —
    a postscript ("P.S. …", "PS: …") or a short question ("And I forgot to ask: …?") —
    else None."""
    start = _last_paragraph(content)
    if start == 0:
        return None
    first, last = lines[content[start]].strip(), lines[content[-1]]
    asks = len(content) - start <= _ASKED_LINES and line_end(last).endswith(QUESTION_END)
    if not (_POSTSCRIPT.match(first) or asks):
        return None
    if not _POSTSCRIPT.match(first) and SALUTATION.match(lines[content[start - 1]].strip()):
        return None  # "Hallo Acme Support," / "" / the question: the letter, no afterthought
    return content[start]


# The degrees and credentials written after a name, as people write them: "Ph.D.",
# "PhD", "MBA", "CPA", "M.Sc.", "CSc." — an abbreviation with its dots, or capitals.
_POST_NOMINAL = r"(?-i:Ph\.?\s?D\.?|[A-Z][A-Za-z]{0,4}\.(?:[A-Za-z]{1,4}\.)*|[A-Z]{2,6}|[MB]Sc)"
# The titles written before a name: academic and professional ones as each country
# writes them ("Dipl.-Ing.", "Mag.", "Ing.", "Mgr.", "Bc.", "MUDr.", "dr inż.", "ir.",
# "drs.", "Dott.", "Avv.", "Lic.", "Eng.", "Me", "Δρ.", "ד״ר", "م." for an engineer,
# "د.", "डॉ.", "श्री", "ดร.", "คุณ"), "ppa." of a German holder of procuration.
_TITLE_BEFORE_NAME = (
    r"(?:(?:univ\.-)?prof|dr|dipl\.-(?:ing|kfm|kff|inf|oec)|mgr|mudr|judr|phdr|"
    r"rndr|mvdr|paeddr|inż|drs|mr|mrs|ms|dott(?:\.ssa)?|avv|ppa|δρ|habil|rer\.\s?nat)\.?"
    # Those that are also given names or words ("Phil", "Doc", "Me"): with their dot.
    r"|(?:ing|mag|bc|doc|hab|ir|me|arch|lic|eng|sr|sra|κ|med|dent|vet|phil|jur)\."
    r"|ד[״\"]ר|פרופ[׳']|עו[״\"]ד|[مدأ]\.|डॉ\.|श्री(?:मती)?|ดร\.|คุณ"
)
_TITLE_WORD = re.compile(_TITLE_BEFORE_NAME, re.IGNORECASE)
_NAME_EXTRAS = re.compile(
    rf"^(?:(?:i\.\s?A\.|i\.\s?V\.|p\.\s?p\.|pp\.?|{_TITLE_BEFORE_NAME})\s+)+(?=\S)"
    r"|\s*\([^()]{1,20}\)\s*$"
    # After the name and a comma: "Jan Novák, Ph.D.", "Michael Chen, CPA, MBA".
    rf"|,\s*{_POST_NOMINAL}(?:\s*,?\s*{_POST_NOMINAL}){{0,2}}\s*$",
    re.IGNORECASE,
)


def _cut_signature_block(lines: list[str], content: list[int], writer: str) -> list[str]:
    """A signature without a closing: the last paragraph a name and, under it, title,
    company and contact lines ("Steve Marsh" / "Marsh Heating & Cooling").
    A name alone is kept (it is how many sign a short message), and names one under the
    other unless the first is the writer's own."""
    glued = _under_closing_sentence(lines, content, writer)
    if glued is None:
        glued = _spread_block(lines, content, writer)
    if glued is not None:
        return glued
    start = _column_rows_start(lines, content, _last_paragraph(content), writer)
    block = [lines[i] for i in content[start:]]
    if start == 0 or len(block) > _SIGNED_LINES:
        return lines
    if line_end(lines[content[start - 1]]).endswith((":", "：")) or announced(
        lines, content[start]
    ):
        return lines  # what the line above announces
    if _is_pasted_rows(lines, content[start:], writer):
        return lines  # a table the writer pasted: invoices, orders, servers, people
    said_above = lines[content[start - 1]].split()
    if len(said_above) >= _STOPS_ON_WORDS and said_above[-1] in _RUNS_INTO:
        return lines  # "The new contact for deliveries is" / "" / the name and number
    if (
        len(block) >= 2
        and len(block[0].split()) >= _STOPS_ON_WORDS
        and block[0].split()[-1] in _RUNS_INTO
    ):
        return lines  # "The numbers that fail are" / "+44 …" / "+44 …"
    if (
        len(block) >= 2
        and _is_valediction(block[0])
        and _greets_another(block[0], block[1], writer)
    ):
        return lines  # "Pozdrawiam Jana Kowalskiego" / "z działu IT": a greeting sent on
    if len(block) >= 2 and labels_person(block[0]):
        # "Delivery address" / "Mary Jones" / the street, "Rechnungsempfänger" / "Acme
        # GmbH" / …, "Neue Nummer" / "+49 …": what the client gives under its label.
        return lines
    if _gives_client_data(block, lines[content[start - 1]]):
        return lines  # an order's number, where to deliver, whom the courier calls
    block = _in_columns(block, writer) or block
    if len(block) == 1 and _signed_with_number(lines, content, start):
        return lines[: content[start]]  # "张伟 13812345678" under the text
    if len(block) == 1:
        # A signature on one line: "Jane Doe | Head of IT | Acme GmbH | +49 30 …".
        return lines[: content[start]] if _is_signature_row(block[0]) else lines
    if _is_contact_block(block):
        return lines[: content[start]]
    said = line_end(lines[content[start - 1]])
    ended = said.endswith(FULL_STOP) and not _is_valediction(said)
    if (ended or THANKS.match(said)) and _is_postal_address(block):
        # "Is this the right address?" / "Acme Ltd" / "12 Market Street" / …, "The
        # replacement goes to our Athens office." or "Thanks" / the office's address.
        return lines
    # The name, with what people put beside it: "Dr.", "i. A.", "(she/her)"; or its
    # title or company on its line ("Sarah Khan – Clinical Director"), when no other
    # line of the block is so made (names and roles one under the other: a list).
    first = _NAME_EXTRAS.sub("", block[0]).strip()
    titled = _titled_name(first)
    if titled and not any(_titled_name(line.strip(), roles=True) for line in block[1:]):
        first = titled
    if not NAME.match(first):
        first = _name_beside_company(block[0]) or first  # "鈴木一郎（株式会社サンプル）"
    if not first or len(first) > 40 or not NAME.match(first) or THANKS.match(first):
        return lines
    if not _written_as_name(first):
        return lines
    if not all(_is_signature_line(line) for line in block[1:]):
        return lines
    if (
        all(_looks_like_name(line) for line in block[1:])
        and not is_own_name(first, writer)
        and not any(_names_company(line, first) for line in block[1:])
    ):
        return lines  # names one under the other: a list as likely as a signature
    return lines[: content[start]]


def _column_rows_start(lines: list[str], content: list[int], start: int, writer: str) -> int:
    """Where in ``content`` the rows in two columns that the last paragraph (beginning
    at ``start``) is made of begin, when an HTML mail's table set each of them in a
    paragraph of its own ("Jane Doe  Head of IT" / "" / "+44 20 …  jane@…"); else
    ``start``."""
    if not all(len(_column_cells(lines[i])) == _TABLE_ROWS for i in content[start:]):
        return start
    top = start
    while (
        top > 0
        and len(content) - top < _SIGNED_LINES
        and content[top] - content[top - 1] == _PARAGRAPH_STEP
        and len(_column_cells(lines[content[top - 1]])) == _TABLE_ROWS
    ):
        top -= 1
    if (
        top > 0
        and content[top] - content[top - 1] == _PARAGRAPH_STEP
        and _is_signed_name(lines[content[top - 1]].strip())
        and not THANKS.match(lines[content[top - 1]])
        and not _is_pasted_rows(lines, content[top:], writer)
    ):
        top -= 1  # the name above the columns, in a paragraph of its own
    return top if _last_paragraph(content[: top + 1]) == top else start


# Rows a paragraph each: one blank line between them.
_PARAGRAPH_STEP = 2


def _in_columns(block: list[str], writer: str) -> list[str] | None:
    """The lines of a signature laid out in two columns, apart with tabs or runs of
    spaces ("Jane Doe<TAB>Head of IT" / "+44 20 …<TAB>jane@…"), read column by column as
    a block one field to a line: every row of two cells (the first may be the name
    alone), the first a name (as names are written, or the writer's), one a way to
    reach the writer — or None.  (Rows that
    reach no one are the writer's table, :func:`_is_pasted_rows`; rows that begin with
    a label, "Old number<TAB>+44 …" / "New number<TAB>+44 …", are too.)"""
    rows = [_column_cells(line) for line in block]
    if len(rows) < _TABLE_ROWS or any(len(row) != _TABLE_ROWS for row in rows[1:]):
        return None
    if len(rows[0]) > _TABLE_ROWS:
        return None  # (the name may stand alone above the columns)
    name = _NAME_EXTRAS.sub("", rows[0][0]).strip()
    if not (_is_signed_name(name) or (writer and _names_writer(name, writer))):
        return None
    if not any(_reaches(cell) for row in rows for cell in row):
        return None
    return [row[0] for row in rows] + [row[1] for row in rows if len(row) > 1]


def _titled_name(line: str, *, roles: bool = False) -> str:
    """The name at the head of ``line`` when its title or company follow it, apart
    with a dash, a bar or a comma ("Sarah Khan – Clinical Director", "Jo Client,
    Acme Ltd"), or "".  ``roles``: a title only, no company ("Tom Baker – Receptionist"
    under "Jane Roe – Practice Manager": people and their roles)."""
    if NAME.match(line):
        return ""
    parts = _NAME_SEPARATORS.split(line, maxsplit=1)
    if len(parts) != 2 or not NAME.match(parts[0]):
        return ""
    rest = parts[1]
    if roles and (COMPANY_FORM.search(line) or not TITLE_WORDS.search(rest)):
        return ""
    if not (TITLE_WORDS.search(rest) or COMPANY_FORM.search(rest)):
        return ""
    return parts[0].strip() if _is_signature_line(rest) else ""


def _is_postal_address(block: list[str]) -> bool:
    """Whether ``block`` is a postal address and nothing more: a company first (its
    legal form), a street or a postcode, and no person's title nor any way to reach
    someone (a signature gives one) — the address a question above it asks about."""
    return (
        COMPANY_FORM.search(block[0]) is not None
        and any(ch.isdigit() for line in block[1:] for ch in line)
        and not any(_reaches(line) or TITLE_WORDS.search(line) for line in block)
    )


def _written_as_name(name: str) -> bool:
    """Whether the words of ``name`` are written as a name's are: the first
    capitalised, each other capitalised or a particle of a family name ("Sanne de
    Vries", "Ludwig van Beethoven")."""
    words = name.split()
    return (
        bool(words)
        and _capitalised(words[0])
        and all(_capitalised(w) or w in _NAME_PARTICLES for w in words[1:])
    )


# The particles family names carry in the languages clients write, in lower case.
_NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "zu",
        "le",
        "la",
        "du",
        "des",
        "ter",
        "ten",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
        "af",
        "av",
    ]
)


def _looks_like_name(line: str) -> bool:
    """Whether ``line``, under a name, may be another name in a list ("Maria Lopez" /
    "Kenji Watanabe"): one to three words, none a job title's ("Head of IT", "Leiter
    Einkauf", "Responsable informatique", "信息技术部经理").  A line in lower case may
    be a title ("головний бухгалтер") or the rest of a sentence ("still cannot log in"):
    only its words tell."""
    text = _NAME_EXTRAS.sub("", line).strip()
    if NAME.match(text) is None or TITLE_WORDS.search(text):
        return False
    # A capital and then one word in lower case that is no particle of a family name,
    # or a particle and such a word ("Médecin coordinateur", "Assistante de direction"):
    # a title as sentences write it, no name.  (Three words of a sentence, "Sera absente
    # lundi", may be a name the reader does not know.)
    words = text.split()
    if not words[0][:1].isupper() or not words[-1][:1].islower():
        return True
    if words[-1] in _NAME_PARTICLES:
        return True
    return not (len(words) == 2 or (len(words) == 3 and words[1] in _NAME_PARTICLES))


# What separates the fields of a signature written on one line ("Jane Doe | Head of
# IT | Acme GmbH | +49 30 …", "Acme B.V. · Keizersgracht 1 · Amsterdam").
_FIELD_SEPARATOR = re.compile(r"(?<!\s)\s+[|·•]\s+")
# A signature on one line has a name and two fields more at least.
_ROW_FIELDS = 3


def _is_signature_row(line: str) -> bool:
    """A signature written on one line: a name first, then fields apart with bars or
    dots, each a signature line, two of them of two kinds: a title, a company, a way to
    reach the writer ("Jane Doe | Head of IT | Acme GmbH | +49 30 1234 5678")."""
    fields = [f.strip() for f in _FIELD_SEPARATOR.split(line.strip())]
    if len(fields) < _ROW_FIELDS or len(line.strip()) > 2 * _MAX_SIGNATURE_LINE:
        return False
    name = _NAME_EXTRAS.sub("", fields[0]).strip()
    if not (_is_signed_name(name) or (name and NAME.match(name) and _written_as_name(name))):
        return False
    if not all(_is_signature_line(f) for f in fields[1:]):
        return False
    # Two kinds of field at least: a product's line ("Lenovo ThinkPad | Intel Core i5 |
    # 16 GB | S/N 5CG1234567") has a number, no title and no company.
    kinds = [
        any(TITLE_WORDS.search(f) for f in fields[1:]),
        any(COMPANY_FORM.search(f) for f in fields[1:]),
        any(_reaches(f) for f in fields[1:]),
    ]
    return sum(kinds) >= _ROW_KINDS


_ROW_KINDS = 2


def _names_company(line: str, name: str) -> bool:
    """Whether ``line``, under the name ``name``, is a company's: with its legal form
    ("Holt Logistics Ltd"), or named after the person ("Margaret Quinn" / "Quinn's
    Bakery")."""
    if COMPANY_FORM.search(line):
        return True
    family = fold_accents(name.rsplit(maxsplit=1)[-1]) if len(name.split()) >= 2 else ""
    words = {fold_accents(w).removesuffix("'s").removesuffix("’s") for w in line.split()}
    return len(family) >= _FAMILY_NAME and family in words


_FAMILY_NAME = 3


def _is_contact_block(block: list[str]) -> bool:
    """A signature that does not begin with a name ("[Logo]" / "Finance department" /
    "Acme GmbH · Hauptstr. 1" / "Tel. +49 …"): three lines or more, each a signature
    line, two of them a way to reach the writer (a telephone number, an address, a web
    site) or a company's legal particulars."""
    if len(block) < _CONTACT_BLOCK or not all(_is_signature_line(line) for line in block):
        return False
    reach = sum(1 for line in block if _reaches(line) or LEGAL_LINE.search(line))
    return reach >= _CONTACT_LINES or (reach == 1 and _company_reached(block))


def _is_table(block: list[str]) -> bool:
    """Whether ``block`` is a table the writer pasted — invoices, orders, servers, one
    to a row, their columns apart with tabs or runs of spaces: every row of as many
    cells, three at least (a signature laid out in columns has two: who, and how to
    reach them)."""
    counts = {len(_column_cells(line)) for line in block}
    return len(counts) == 1 and counts.pop() >= _TABLE_COLUMNS


_TABLE_COLUMNS = 3


def _is_pasted_rows(lines: list[str], at: list[int], writer: str) -> bool:
    """Whether the lines ``at`` (the last paragraph or paragraphs, one row to a line)
    are rows the writer pastes, as many cells apart with tabs or runs of spaces on each:
    a table (:func:`_is_table`), people and their numbers (:func:`_is_people_list`), or
    two columns that reach no one and name not the writer ("A4 paper<TAB>10 boxes",
    "Login<TAB>OK") — a signature in columns names the writer and how to reach them."""
    rows = [lines[i] for i in at]
    if len(rows) < _TABLE_ROWS or _is_table(rows) or _is_people_list(rows):
        return len(rows) >= _TABLE_ROWS
    cells = [_cells(row) for row in rows]
    if any(len(row) != _TABLE_ROWS for row in cells):
        return False
    return not any(
        _reaches(cell) or COMPANY_FORM.search(cell) or (writer and _names_writer(cell, writer))
        for row in cells
        for cell in row
    )


# A table the writer pastes has two rows at least; a two-column one, two cells a row.
_TABLE_ROWS = 2


def _column_cells(row: str) -> list[str]:
    """The cells of ``row`` apart with tabs or runs of spaces, without those that are
    only a bar or a dot between them ("Jane Doe<TAB>|<TAB>Head of IT": two cells)."""
    text = row.strip()
    if "\t" not in text and "  " not in text and "\u00a0" not in text and "\u3000" not in text:
        return [text]  # no gap a column could have (most lines)
    return [cell for cell in _COLUMN_GAP.split(text) if not _BORDER.fullmatch(cell)]


_BORDER = re.compile(r"[|¦·•]+")


def _cells(row: str) -> list[str]:
    """The cells of a row: apart with tabs or runs of spaces, or else with bars or dots
    between spaces ("Tom Baker | 07700 900321")."""
    cells = _column_cells(row)
    if len(cells) == 1:
        cells = _FIELD_SEPARATOR.split(row.strip())
    if len(cells) == 1 and (number := _TRAILING_NUMBER.search(row.strip())) is not None:
        cells = [row.strip()[: number.start()], number.group().strip()]
    return cells


# A telephone number at the end of a row, after a name and a single space.
_TRAILING_NUMBER = re.compile(r"(?<=[^\W\d_])[ \t]+\+?\d[\d ()./-]{5,}\d$")


def _is_people_list(block: list[str]) -> bool:
    """Whether ``block`` lists people in columns, a name and a way to reach them on each
    row ("Max Müller<TAB>0171 2345678" / "Erika Mustermann<TAB>0172 3456789"): a
    signature names one person, its other rows a title, a company, an address."""
    cells = _cells(block[0])
    if len(block) > 2 and len(cells) >= 2 and not any(ch.isdigit() for ch in block[0]):
        block = block[1:]  # the columns' heads: "Name<TAB>Phone"
    names = set()
    for line in block:
        cells = _cells(line)
        if len(cells) < 2 or not _reaches(cells[-1]) or COMPANY_FORM.search(cells[0]):
            return False
        if not (_is_signed_name(cells[0]) and _looks_like_name(cells[0])):
            return False
        names.add(cells[0])
    return len(names) == len(block)


def _reaches(line: str) -> bool:
    """Whether ``line`` gives a way to reach someone: a telephone number (not a date
    written with dots, dashes or slashes), an address, a web site."""
    if any(not _DATE.fullmatch(m.group().strip()) for m in _REACH.finditer(line)):
        return True
    return _WIDE_FORMS.search(line) is not None and _reaches_wide(line)


_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


_CONTACT_BLOCK = 3
_CONTACT_LINES = 2
# A telephone number (six digits or more, spaced as people space them), an address, a
# web site.
_REACH = re.compile(r"\+?\d[\d ()./-]{5,}\d|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|\bwww\.|https?://")


def _wide_folded(text: str) -> str:
    """``text`` with the full-width forms East Asian input methods type read as their
    ASCII forms ("ＴＥＬ：０３－１２３４" is "TEL:03-1234"), the ideographic space as a
    space, and the dashes typed or decoded between the figures of a number as hyphens:
    the minus sign a JIS decoder reads the full-width hyphen as ("03−1234−5678"), the
    prolonged sound mark an input method leaves ("03ー1234ー5678"), an en dash."""
    return _DASH_BETWEEN_FIGURES.sub("-", unicodedata.normalize("NFKC", text))


def _reaches_wide(line: str) -> bool:
    """:func:`_reaches` of a line written in full-width forms or with another dash
    between the figures of its number."""
    folded = _wide_folded(line)
    return any(not _DATE.fullmatch(m.group().strip()) for m in _REACH.finditer(folded))


# Full-width figures, the full-width hyphen and at sign, and a dash after a figure.
_WIDE_FORMS = re.compile(r"[\uff10-\uff19\uff0d\uff20]|\d[\u2010-\u2015\u2212\u30fc\uff70]")
_DASH_BETWEEN_FIGURES = re.compile(r"(?<=\d)[\u2010-\u2015\u2212\u30fc\uff70](?=\d)")


def _company_reached(block: list[str]) -> bool:
    """Whether ``block`` begins with a company's line (its legal form: "(주)예시상사
    경영지원팀", "Örnek Ticaret Ltd. Şti.") and gives two ways to reach it on one line
    ("Tel: 02-1234-5678  Fax: 02-1234-5679"), as a department signs without a name."""
    if COMPANY_FORM.search(block[0]) is None:
        return False
    ways = [m for line in block for m in _REACH.finditer(_wide_folded(line))]
    return len([m for m in ways if not _DATE.fullmatch(m.group().strip())]) >= _CONTACT_LINES


# Signature blocks in the scripts without capitals and in full-width forms: the rules a
# Japanese, Chinese or Korean signature is framed with, a name signed with its number on
# one line, a name beside its company; and the client's data that looks like one.


# The marks such rules are drawn with: lines and boxes, the geometric shapes, the white
# star, the geta mark, the reference mark, dots, and their full-width forms — not a
# filled star nor an emoji, which rate and feel ("★★★★☆", a row of smiles).
_ORNAMENTS = (
    r"\u2500-\u257f\u25a0-\u25ff\u2606\u3013\u203b\u30fb\uff65\u2026\u00b7"
    r"*=~+\-_#.:\uff0a\uff1d\uff5e\uff0b\uff0d\u301c\u2015\u2014\u2013"
)


def _is_ornament_rule(line: str) -> bool:
    """A rule of ornaments drawn above a signature, as Japanese and Chinese writers frame
    theirs ("☆☆☆☆☆", "■□■□■□", "〓〓〓〓", "◆◇◆◇", "･････"): five marks or more, no
    letter nor figure, no quotation mark (">") nor the marks a writer's words end with."""
    return _ORNAMENT_RULE.fullmatch(line) is not None


_ORNAMENT_RULE = re.compile(rf"[ \t\u3000]*(?:[{_ORNAMENTS}][ \t\u3000]*){{5,}}")


def _signed_on_one_line(line: str) -> bool:
    """A signature on one line: fields apart with bars (:func:`_is_signature_row`), or a
    name and the number to reach the writer by (:func:`_name_and_number`)."""
    return _is_signature_row(line) or _name_and_number(line)


def _name_and_number(line: str) -> bool:
    """A name and the number or address to reach them by on one line, as Chinese,
    Korean and Japanese writers sign a short message ("张伟 13812345678", "김민수 과장 /
    010-1234-5678", "鈴木 TEL：03-1234-5678"): the name first (one to three words, a
    rank perhaps), a label of the number perhaps, the number; after it only another
    labelled number.  A sentence around a number goes on after it ("请撥打 02-1234-5678
    找我") or begins with no name ("Call 0171 1234567"); in Latin letters a name is two
    words and its number a telephone's ("Jan Kowalski +48 601 234 567"), not a
    reference ("Purchase Order 4500012345")."""
    text = _wide_folded(line).strip()
    if len(text) > _MAX_SIGNATURE_LINE:
        return False
    ways = [m for m in _REACH.finditer(text) if not _DATE.fullmatch(m.group().strip())]
    if not ways:
        return False
    after = _REACH.sub(" ", text[ways[0].start() :])
    if not all(_NUMBER_LABEL.fullmatch(w) for w in _ROW_SPLIT.split(after) if w):
        return False
    words = [w for w in _ROW_SPLIT.split(text[: ways[0].start()]) if w]
    labelled = bool(words) and _NUMBER_LABEL.fullmatch(words[-1]) is not None
    if labelled:
        words = words[:-1]  # "TEL", "手机：", "M."
    name = " ".join(words)
    if any(c.isupper() or c.islower() for c in name) and (
        len(words) < _FULL_NAME or not (labelled or ways[0].group()[0] in _DIALLED_FIRST)
    ):
        return False
    return (
        1 <= len(words) <= _SIGNED_NAME_WORDS + 1
        and _CLIENT_DATA.search(name) is None
        and NAME.match(name) is not None
        and _written_as_name(name)
        and not labels_person(name)
        and not THANKS.match(name)
        and not _is_valediction(name)
    )


# The separators between the fields of a row, and the label of a number: a word with its
# colon ("手机：", "휴대폰:", "Моб.:"), an abbreviation with its dot ("Tel.", "M."), or a
# telephone's word ("TEL", "Fax", "Mobile"); and how a telephone number is dialled first:
# abroad, a trunk prefix, Russia's 8.
_ROW_SPLIT = re.compile(r"[\s/|,;·•–—]+")
_NUMBER_LABEL = re.compile(
    r"[^\s:]{1,8}:|[^\W\d_]{1,4}\.|(?i:tel|phone|mobile|mob|cell|fax|gsm|hp|tlf|t|m|f)"
)
_DIALLED_FIRST = "+08"


def _signed_with_number(lines: list[str], content: list[int], start: int) -> bool:
    """Whether the last paragraph, line ``content[start]``, is a name and a number on one
    line (:func:`_name_and_number`) that signs the text: not the last of rows that each
    give someone and a number, one a paragraph as an HTML mail's are read ("Tom Baker
    07700 900321" / "" / "Amy Clark 07700 900654")."""
    above = lines[content[start - 1]]
    return _name_and_number(lines[content[start]]) and not (
        _name_and_number(above) or len(_cells(above)) > 1
    )


def _name_beside_company(line: str) -> str:
    """The name on a signature's first line that gives the company or the department
    beside it, in full-width brackets or after a slash ("鈴木一郎（株式会社サンプル商事）",
    "鈴木一郎 / サンプル商事", "サンプル商事　鈴木"); "" when it gives no name."""
    text = _NAME_EXTRAS.sub("", _wide_folded(line)).strip()
    name, *fields = [f.strip() for f in _NAME_AND_COMPANY.split(text)]
    if fields and not all(_is_signature_line(f) for f in fields):
        return ""
    return name if NAME.match(name) and _written_as_name(name) else ""


_NAME_AND_COMPANY = re.compile(r"\s+[/|]\s+")


def _under_closing_sentence(lines: list[str], content: list[int], writer: str) -> list[str] | None:
    """The text and a short closing sentence, when the signature block follows the
    sentence on the next line with no blank line between ("Cảm ơn anh/chị." /
    "Nguyễn Văn An" / title, company, telephone; "Kolay gelsin." / …): the sentence
    stays, the block under it goes as it would a paragraph lower.  Not a sentence that
    speaks of an address, a delivery or a contact ("Please deliver it here."): the
    block is what it gives.  None when the last paragraph is no such sentence and
    block."""
    start = _last_paragraph(content)
    block = content[start:]
    if (
        start == 0
        or len(block) < _GLUED_BLOCK
        or (len(block) == _GLUED_BLOCK and not _name_and_number(lines[block[1]]))
    ):
        return None
    said = lines[block[0]].strip()
    if (
        not said.endswith(_CLOSING_SENTENCE_ENDS)
        or len(said) > _CLOSING_LENGTH
        or len(said.split()) > _CLOSING_SENTENCE_WORDS
        or _NAMES_DATA.search(said)
        or _LIST_ITEM.match(said)
        # A company's name with its legal form's dot ("Příklad s.r.o.") is no sentence.
        or COMPANY_FORM.search(said)
        or (_is_signature_line(said) and not _caseless_sentence(said))
        or not any(_reaches(lines[i]) for i in block[1:])
    ):
        return None
    at = block[0] + 1
    apart = [*lines[:at], "", *lines[at:]]
    cut = _cut_signature_block(apart, [i if i < at else i + 1 for i in content], writer)
    return lines[:at] if len(cut) <= at + 1 else None


# A closing sentence and a block under it: two lines at least, the block a name and a
# number on one line, or more lines.
_GLUED_BLOCK = 2
_CLOSING_SENTENCE_ENDS = (".", "!", "。", "！")


def _spread_block(lines: list[str], content: list[int], writer: str) -> list[str] | None:
    """The text without a signature block read from an HTML mail whose every line is a
    paragraph of its own (Outlook's and the web mailers' HTML sent alone, a ``<p>`` a
    line: "张伟" / "" / "销售部 经理" / "" / … / "手机：138 1234 5678"), with no closing
    above it: the paragraphs of one line from the end up to the text's last sentence,
    the block a name or a company first, then signature lines that give a way to reach
    the writer — a contact block, or a name and lines under it.  None when the text's
    last paragraphs are no such block: longer paragraphs, a list of people and their
    numbers, an order's details, a block a line above announces."""
    if len(content) < _SPREAD_LINES + 1 or content[-1] - content[-2] != _PARAGRAPH_STEP:
        return None
    run = len(content)
    while run > 1 and len(content) - run < _SIGNED_LINES:
        line = lines[content[run - 1]]
        if (
            content[run - 1] - content[run - 2] < _PARAGRAPH_STEP
            or not _is_signature_line(line)
            or line_end(line).endswith(_COMMAS)  # "您好，", "Hi,": the greeting
            or line_end(line).endswith(_SPREAD_TEXT_ENDS[len(_ENDED) :])  # "…ครับ"
            or _caseless_sentence(line)
            or _is_valediction(line)
            or THANKS.match(line)
        ):
            break
        run -= 1
    for top in range(max(run, 1), len(content) - _SPREAD_LINES + 1):
        block = [lines[i] for i in content[top:]]
        said = lines[content[top - 1]]
        ended = line_end(said).endswith(_SPREAD_TEXT_ENDS) and not COMPANY_FORM.search(said)
        if not (ended or _caseless_sentence(said) or THANKS.match(said) or _is_valediction(said)):
            continue  # the block begins under the text's last sentence or a closing
        headed = _heads_block(block[0], writer)
        if not (headed or _is_contact_block(block)):
            continue
        if announced(lines, content[top]) or _gives_client_data(block, said):
            return None
        if _is_people_list(block) or _is_table(block) or _names_listed(block, writer):
            return None
        # A number or an address to write to: a link alone may be what the text points to.
        reached = sum(_numbers_and_mails(line) for line in block[1:])
        if not (reached >= _CONTACT_LINES or (headed and reached)):
            continue
        # The block read as one paragraph, as a text mail writes it, by the rules of a
        # block under the text: a label over it, a sentence that runs into it, …
        at = content[top]
        joined = [*lines[:at], *block]
        cut = _cut_signature_block(joined, [*content[:top], *range(at, at + len(block))], writer)
        return lines[:at] if len(cut) <= at else None
    return None


def _numbers_and_mails(line: str) -> int:
    """How many telephone numbers and e-mail addresses ``line`` gives (not links, nor
    dates)."""
    return sum(
        (m.group()[0] == "+" or m.group()[0].isdigit() or "@" in m.group())
        and not _DATE.fullmatch(m.group().strip())
        for m in _REACH.finditer(_wide_folded(line))
    )


# A block spread over paragraphs has a name and a way to reach the writer at least.
_SPREAD_LINES = 2
# How the text's last sentence ends: its mark (the Greek question mark typed as a
# semicolon, the Arabic one), or the polite particle a Thai sentence ends with.
_SPREAD_TEXT_ENDS = (*_ENDED, ";", "\u037e", "؛", "ครับ", "ค่ะ", "คะ", "นะคะ", "จ้ะ")


def _heads_block(line: str, writer: str) -> bool:
    """Whether ``line`` may head a signature block: a company's line (its legal form),
    the writer's name, or a name as names are written — in a script that writes no space
    between words, a name's few signs ("张伟", "鈴木 一郎", "김민수 과장"), not a sentence's."""
    text = _NAME_EXTRAS.sub("", _wide_folded(line)).strip()
    if COMPANY_FORM.search(text) or (writer and _names_writer(text, writer)):
        return True
    text = _name_beside_company(text) or text  # "김민수 | 영업팀 과장"
    words = text.split()
    return (
        1 <= len(words) <= _SIGNED_NAME_WORDS + 1
        and NAME.match(text) is not None
        and _written_as_name(text)
        and all(len(_UNSPACED_SIGNS.findall(w)) <= _NAME_SIGNS for w in words)
        and not THANKS.match(text)
        and not labels_person(text)
    )


_UNSPACED_SIGNS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NAME_SIGNS = 4


def _gives_client_data(block: list[str], said: str) -> bool:
    """Whether ``block``, the last paragraph with ways to reach someone in it, is data the
    client gives rather than their signature: a line labelled with what an order or a
    delivery records ("订单号：…", "收货人：张伟", "Адрес доставки: …", "Телефон для
    курьера: …"); a first line that is a sentence in a script without capitals and
    names an address, where to deliver or a contact ("배송지 정보입니다.", "연락처
    변경되었습니다."); or a block the sentence
    above points to and names as an address or a contact ("下記の住所に送ってください。",
    "请按以下信息发货。", "Xin gửi hàng đến địa chỉ sau.")."""
    if any(_labels_client_data(line) for line in block):
        return True
    if _caseless_sentence(block[0]) and _TELLS_OF_DATA.search(block[0]):
        return True
    return _POINTS_BELOW.search(said) is not None and _NAMES_DATA.search(said) is not None


def _labels_client_data(line: str) -> bool:
    """Whether ``line`` is a field of an order or a delivery: its label (the text before
    the colon, or the line's first words) names one of :data:`_CLIENT_DATA`."""
    text = _wide_folded(line).strip()
    label, colon, _ = text.partition(":")
    if _CLIENT_DATA.search(label[:_DATA_LABEL_CHARS]) is None:
        return False
    return bool(colon) or any(ch.isdigit() for ch in text)


_DATA_LABEL_CHARS = 30
# What an order or a delivery records and no signature names: the order's number, the
# address to deliver to, the recipient, the courier — in the languages clients write.
_CLIENT_DATA = prefiltered(
    r"(?i:(?<![^\W\d_])(?:order|deliver|shipping|ship to|recipient|consignee|courier|"
    r"tracking|bestell|liefer|empfänger|sendungs|commande|livraison|destinataire|pedido|"
    r"entrega|destinatari|ordine|consegna|spedizion|encomenda|sipariş|teslimat|kargo|"
    r"alıcı|zamówieni|dostaw|kurier|odbiorc|objednávk|doručen|rendelés|szállítás|futár|"
    r"címzett|đơn hàng|giao hàng|người nhận|nhận hàng|заказ|доставк|курьер|получател|"
    r"замовлен|кур'єр|одержувач|поръчк|куриер|παραγγελ|αποστολ|παράδοσ|παραλήπτ|"
    r"pesanan|pengiriman|penerima))"
    r"|הזמנה|משלוח|שליח|מקבל|נמען|الطلب|طلب|التوصيل|توصيل|المندوب|الشحن|شحن|المستلم|"
    r"سفارش|تحویل|گیرنده|คำสั่งซื้อ|จัดส่ง|ผู้รับ|注文|受注|発注|届け先|お届け|送付先|配送|"
    r"納品先|受取人|新担当|後任|订单|訂單|收货|收貨|收件|快递|快遞|送货|送貨|寄送|주문|배송|받는|수령|수취|택배"
)


def _caseless_sentence(line: str) -> bool:
    """A sentence in a script without capitals, ended with its full stop ("배송지
    정보입니다.", "担当者が変わりました。", "ที่อยู่ใหม่ค่ะ."): a signature's lines name and
    label, they state nothing."""
    text = line.strip()
    return len(text) >= _SENTENCE_CHARS and _CASELESS_END.search(text) is not None


_SENTENCE_CHARS = 4
_CASELESS_END = re.compile(
    r"[\u0590-\u06ff\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][)）」』]?[.。!！]$"
)
# A sentence that points to what follows it ("下記", "以下", "如下", "아래", "ниже",
# "below", "following") and one that names an address, a delivery or a contact.
_POINTS_BELOW = re.compile(
    r"(?i:下記|以下|如下|下列|下面|아래|다음|ниже|следующ|нижче|наступн|по-долу|below|"
    r"following|folgende|ci-dessous|suivante|a continuación|siguiente|seguente|poniżej|"
    r"następując|alább|következő|aşağıda|dưới đây|địa chỉ sau|thông tin sau|ด้านล่าง|"
    r"ดังนี้|להלן|הבא|التالي|أدناه|زیر|παρακάτω|εξής)"
)
# The address, the place to deliver to or the contact a sentence in a script without
# capitals gives ("배송지 정보입니다.", "연락처 변경되었습니다.").
_TELLS_OF_DATA = re.compile(
    r"住所|届け先|送付先|連絡先|地址|收货|收貨|联系方式|聯絡方式|주소|배송지|연락처|ที่อยู่|"
    r"ที่จัดส่ง|العنوان|عنوان|آدرس|כתובת"
)
_NAMES_DATA = re.compile(
    r"(?i:住所|送|届|連絡先|地址|发货|發貨|寄|联系|聯絡|주소|배송|보내|연락처|адрес|достав|"
    r"отправ|надіш|изпрат|địa chỉ|gửi|giao|address|deliver|ship|send|contact|adresse|"
    r"liefer|schick|livr|envoy|direcci|envi|entreg|indirizzo|spedi|consegn|adres|wysł|"
    r"dostarcz|kontakt|cím|küld|szállít|gönder|teslim|ที่อยู่|ส่ง|כתובת|שלח|משלוח|العنوان|"
    r"أرسل|ارسل|توصيل|آدرس|ارسال|διεύθυνσ|στείλ|αποστολ|παράδοσ)"
)


def _capitalised(word: str) -> bool:
    """A word written as a name is: a capital first, or a script without capitals
    (Chinese, Japanese, Arabic, Hebrew, Thai, the Indian scripts)."""
    return not word[:1].islower()


def _is_valediction(line: str) -> bool:
    """A closing formula, also two of them side by side ("Mit freundlichen Grüßen / Best
    regards"), or with the name on its line ("Best regards, Jo Client")."""
    if _formula(line):
        return True
    # "Best regards to Mary Jones", "Grüße an Frau Weber": a sentence.  (Asked last: the
    # most lines are no closing at all.)
    return _closing_read(line) and not (
        len(line) <= _CLOSING_LENGTH + _MAX_NAME and _SENT_TO.search(line)
    )


def _closing_read(line: str) -> bool:
    """:func:`_is_valediction`'s readings after the formula: a closing's words, with the
    name after a comma, a name in a script without capitals, a title and a name, or
    closings side by side."""
    if len(line) <= _CLOSING_LENGTH and CLOSING.match(line):
        return True
    comma = _CLOSING_COMMA.search(line) if len(line) <= _MAX_SIGNATURE_LINE else None
    if comma is not None and line[comma.end() :].strip():
        # … and the title or the company after the name: "Best regards, Jo Client, IT
        # Manager"; a title before it: "Saludos cordiales, Ing. Alejandro Torres Ramírez".
        # (The name is read first: most lines with a comma have none after it.)
        name, *fields = _ROW_FIELD.split(line[comma.end() :].strip(), maxsplit=_CLOSING_ROW_FIELDS)
        name = _NAME_EXTRAS.sub("", name)
        closing = line[: comma.start()]
        if (
            NAME.match(name)
            and len(name.strip()) <= _MAX_NAME
            and (_formula(closing) or (len(closing) <= _CLOSING_LENGTH and CLOSING.match(closing)))
        ):
            return all(_capitalised(w) for w in name.split()) and all(
                _is_signature_line(f) and not _ends_sentence(f) for f in fields
            )
    if len(line) <= _CLOSING_LENGTH + _MAX_NAME and _caseless_name_after(line):
        return True
    if "." in line and len(line) <= _CLOSING_LENGTH + _MAX_NAME:
        # The name with its title after the formula, no comma between: "Cordiali saluti
        # Dott. Marco Bianchi", "Z poważaniem dr inż. Piotr Zieliński".
        words = line.split()
        for k in range(1, min(len(words) - 1, _CLOSING_WORDS + 1)):
            if _TITLE_WORD.fullmatch(words[k]) and _formula(" ".join(words[:k])):
                name = _NAME_EXTRAS.sub("", " ".join(words[k:]))
                return bool(NAME.match(name)) and all(_capitalised(w) for w in name.split())
    # Two or three side by side: "Best regards / Mit freundlichen Grüßen / Cordialement".
    parts = line.split(" / ")
    return 2 <= len(parts) <= _CLOSINGS_SIDE_BY_SIDE and all(
        _formula(p) or (len(p) <= _CLOSING_LENGTH and CLOSING.match(p)) for p in parts
    )


# A closing's word with the one the writer sends it to, or what they give it for, after
# it: "Best regards to Mary Jones" (give her my regards), "Grüße an Frau Weber", "Mes
# amitiés à Paul", "Saludos a María de contabilidad", "Saluti a Marco", "Pozdrowienia
# dla Ani", "Groeten aan Piet", "Hälsningar till Eva", "Cheers for the quick fix" — the
# writer's sentence about someone else, not their closing.  ("Greetings from Leeds",
# "Cheers for now" close a letter.)
_SENT_TO = re.compile(
    rf"(?<![^\W\d_])(?:{CLOSING_WORDS})[^\W\d_]*[ \t]+"
    r"(?:(?:to|an|à|aux|au|a|al|alla|ai|ao|aos|para|aan|dla|till|til)[ \t]+[^\W\d_]"
    r"|for[ \t]+[^\W\d_]+[ \t]+[^\W\d_])",
    re.IGNORECASE,
)


def _caseless_name_after(line: str) -> bool:
    """A formula and the name after it with only a space between, as Thai and Chinese
    writers sign ("ขอแสดงความนับถือ สมชาย", "此致 王伟", "敬祝 商祺 林志明"): a script
    without capitals, where no capital marks the name, and a name as such names are
    written (one to three words)."""
    words = line.split()
    if len(words) == 1:
        return _ideographs_after(words[0])
    if not 2 <= len(words) <= _CLOSING_WORDS + 1 or not words[-1][:1].isalpha():
        return False
    if any(c.isupper() or c.islower() for c in words[-1]):
        return False
    for k in range(1, min(len(words), _CLOSING_WORDS + 1)):
        if not _formula(words[k - 1]) and not _formula(" ".join(words[:k])):
            return False
        name = " ".join(words[k:])
        if not any(c.isupper() or c.islower() for c in name) and _is_signed_name(name):
            return True
    return False


def _ideographs_after(word: str) -> bool:
    """A formula and a name in ideographs run together, as Chinese and Japanese writers
    also sign ("此致王伟", "敬具山田", "顺祝商祺李娜"): the formula first, then a name of
    two to four ideographs that is no formula itself ("此致敬礼" is two closings)."""
    for k in range(1, len(word) - 1):
        name = word[k:]
        if _IDEOGRAPHIC_RUN.fullmatch(name) and _formula(word[:k]) and not _formula(name):
            return True
    return False


_IDEOGRAPHIC_RUN = re.compile(r"[\u3400-\u9fff]{2,4}")


def _formula(line: str) -> bool:
    """A closing formula alone on its line, or its abbreviation (looked for on a short
    line only: the abbreviations are letters any word holds)."""
    return VALEDICTION.match(line) is not None or (
        len(line) <= _ABBREVIATION_LENGTH and _ABBREVIATED_CLOSING.match(line) is not None
    )


# The closings' abbreviations, as people type them in a hurry: English "BR", "KR",
# "Rgds"; German "VG", "BG", "SG"; Dutch "Gr.", "Grtz"; Polish "Pozdr.", "Pzdr"; French
# "Cdlt"; Spanish "Slds"; Portuguese "Abs", "Bjs".
_ABBREVIATED_CLOSING = re.compile(
    r"^[ \t]*(?:br|kr|rgds|brgds|krgds|regds|vg|bg|sg|gr|grtz|pozdr|pzdr|cdlt|slds|abs|bjs)"
    r"[ \t]*[,.!:]?[ \t]*$",
    re.IGNORECASE,
)
_ABBREVIATION_LENGTH = 12


# The comma after a closing, in its script: "Saludos,", "مع أطيب التحيات،", "此致，";
# Hungarian's colon: "Üdvözlettel: Dr. Kovács Anna".
_CLOSING_COMMA = re.compile(r"[,،，:]")
_ROW_FIELD = re.compile(r"\s*,\s*|\s+[|·–—-]\s+")
_CLOSING_ROW_FIELDS = 2
_CLOSINGS_SIDE_BY_SIDE = 3


# A closing is a short line ("Mit den besten sportlichen Grüßen aus Rotenbach").
_CLOSING_LENGTH = 50

# Under a closing formula: a name, a title, a company, a telephone number, a web address,
# a postal address and the company's legal particulars — at most this many lines.
_SIGNED_LINES = 20
# A postscript's mark, as each language writes it: "P.S.", "PS:", "P.P.S.", French
# "P.-S.", "N.B."; Spanish and Catalan "P.D." (posdata), Greek "Υ.Γ.", Hungarian "U.i."
# (utóirat), Hebrew "נ.ב.", Thai "ป.ล.", Persian "پ.ن."; the words Japanese, Chinese,
# Korean and Hindi write (追伸, 附言, 又及, 추신, पुनश्च); and, with their colon, the words
# for a note that Arabic, Turkish and German writers put under their name ("ملاحظة:",
# "Not:", "Nachtrag:").
_POSTSCRIPT = re.compile(
    r"^(?:(?:(?:p\.?\s?)?p\.?\s?-?\s?s|n\.?\s?b|p\.\s?d\.|pd:|υ\.\s?γ\.|u\.\s?i\.|"
    r"נ\.\s?ב\.|נ[\"״]ב|ป\.\s?ล\.|پ\.\s?ن\.)(?!\w)"
    r"|(?:追伸|附言|又及|추신|पुनश्च)|(?:ملاحظة|ملحوظة|not|nachtrag)\s?[:：])",
    re.IGNORECASE,
)


# What separates the parts of a contact line ("Acme B.V. | Keizersgracht 1 · Amsterdam").
_SEPARATORS = frozenset("|·•–—-/")
_MAX_SIGNATURE_LINE = 80


def _is_signature_line(line: str) -> bool:
    """A name, title, company or contact line ("Jo Client", "Senior Support Engineer",
    "ACME France SAS", "Tel. +33 1 23 45 67 89", "Acme B.V. | Keizersgracht 1 | 1015 AA
    Amsterdam"), not a sentence or a postscript."""
    text = line.strip()
    words = [w for w in text.split() if w not in _SEPARATORS]
    if text.endswith(QUESTION_END):
        return False  # a question, whatever it speaks of
    if len(words) >= _GOES_ON_WITH_WORDS and words[0] in _GOES_ON_WITH:
        return False  # a sentence wrapped onto it: "Mary Jones" / "will call you today"
    if _named_subject(words):
        return False  # "Mary Jones will test it tomorrow": a sentence about someone
    if ("\t" in text or "  " in text or "\u3000" in text) and _COLUMN_GAP.search(text):
        # The columns of an HTML signature's table flattened to text, a tab or a run of
        # spaces between them ("Olga Smirnova<TAB>Tel.: +7 …", "[image: logo]  Head of
        # IT"): each cell a signature line.
        cells = _COLUMN_GAP.split(text)
        return len(cells) <= _COLUMNS and all(_is_signature_line(cell) for cell in cells)
    if LEGAL_LINE.search(text) and len(text) <= 2 * _MAX_SIGNATURE_LINE:
        return True
    if _MOTTO.match(text) and len(text) <= 2 * _MAX_SIGNATURE_LINE:
        return True  # a quotation under the name: "“Simplicity is …”"
    if " / " in text and len(text) > _MAX_SIGNATURE_LINE:
        # Two languages side by side: "Kerkstraat 18, 1080 Molenbeek / Rue de l'Église 18".
        return all(_is_signature_line(part) for part in text.split(" / "))
    if len(text) > _MAX_SIGNATURE_LINE and _FIELD_SEPARATOR.search(text):
        # Fields side by side, each a signature line: "Jane Doe | Head of IT | …".
        fields = _FIELD_SEPARATOR.split(text)
        return len(text) <= 2 * _MAX_SIGNATURE_LINE and all(
            len(f) <= _MAX_SIGNATURE_LINE and _is_signature_line(f) for f in fields
        )
    # An address line runs longer: "Acme Sp. z o.o., ul. Ogrodowa 7, 60-101 Poznań".
    most = _ADDRESS_WORDS if any(map(str.isdigit, text)) else _LINE_WORDS
    if len(without_links(text)) > _MAX_SIGNATURE_LINE or _POSTSCRIPT.match(text):
        return False
    # A telephone number written in groups is one word ("Standard : 04 55 50 12 40 –
    # Ligne directe : 04 55 50 12 47").  (Counted on a short line only: the address
    # pattern reads a long run of letters once from each of them.)
    counted = [w for w in _REACH.sub("0", text).split() if w not in _SEPARATORS]
    if len(counted) > most:
        return False
    if text.endswith(("!", ":", "：")):
        return False
    if _reaches(text):
        # A contact line: the number or address, a label and a short note beside it
        # ("Tél. : 04 55 50 63 20 (lundi et jeudi)"); a sentence around a number says
        # more ("You can reach me on 0171 1234567 after five.").
        rest = [w for w in _REACH.sub(" ", text).split() if any(ch.isalnum() for ch in w)]
        if len(rest) <= _CONTACT_NOTE_WORDS and not text.endswith(FULL_STOP):
            return True
    # "Call me back." is a sentence; "ACME Inc." a company, "Acme Sp. z o.o." too.
    if (
        text.endswith(".")
        and "." not in words[-1][:-1]
        # A house number with its dot, as Hungarian writes it: "Andrássy út 12."
        and not words[-1][:-1].isdigit()
        and any(w[:1].islower() for w in words[1:])
        and not words[-1][:1].isupper()
        and not _ends_with_company_form(words)
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
        # An abbreviation's dot ("ds.", "z o.o.") is no sentence's.
        unabbreviated = _ABBREVIATION.sub(" ", text)
        if len(words) <= _LOWER_TITLE_WORDS and not _SENTENCE_MARKS.search(unabbreviated):
            return True
        # A postal address, its parts apart with commas or bars ("12, rue de la Gare |
        # L-3236 Bettembourg", "ul. Długa 8/2, 31-147 Kraków"): a number, no sentence.
        return any(map(str.isdigit, text)) and not _ADDRESS_BREAKS.search(unabbreviated)
    return True


# The words, in lower case, that go on with a sentence the line above began — a relative
# pronoun, an auxiliary, a subject's pronoun, a conjunction ("Viele Grüße an Max" / "der
# uns geholfen hat", "Saluti a Marco" / "che ci ha aiutato"); no title, company or contact
# line begins so.  (Not "and", "und", "et": "John Smith" / "and the facilities team"
# signs for more than one.)
_GOES_ON_WITH = frozenset(
    [
        "who", "which", "whom", "whose", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "has", "have", "had", "is", "was", "are", "were",
        "did", "does", "but", "because", "der", "welcher", "welche", "wird",
        "werden", "hat", "haben", "ist", "sind", "war", "aber", "weil", "dass",
        "qui", "que", "nous", "vous", "je", "il", "elle", "ils", "elles", "ont", "est",
        "sont", "mais", "car", "quien", "quienes", "han", "es", "son", "pero",
        "porque", "che", "chi", "ha", "hanno", "è", "sono", "ma", "perché", "quem", "vai",
        "vão", "é", "são", "mas", "heeft", "hebben", "maar", "omdat", "który", "która",
        "które", "którzy", "jest", "są", "ale", "bo", "że", "který", "která", "které",
        "kteří", "jsou", "protože", "что", "который", "которая", "которые", "но",
        "потому", "он", "она", "они",
    ]
)  # fmt: skip
_GOES_ON_WITH_WORDS = 3


def _named_subject(words: list[str]) -> bool:
    """Whether ``words`` are a sentence a name begins, a verb of :data:`_GOES_ON_WITH` after
    it and more words after that ("Mary Jones will test it tomorrow", "Frau Weber hat
    die Rechnung", "Paul est en congé"): a name is a sentence's subject, no signature's
    line."""
    for k in range(1, min(len(words) - 1, _SUBJECT_WORDS + 1)):
        if words[k] in _PREDICATES:
            return all(_capitalised(w) and w[:1].isalpha() for w in words[:k])
        if not _capitalised(words[k]):
            return False
    return False


# A name of one to three words, a title before it ("Frau Weber", "Dr. Anna Berg").
_SUBJECT_WORDS = 3
# The auxiliaries and copulas a sentence about someone goes on with after their name,
# in the languages clients write (not an article, a pronoun or a word that is also
# "and": "Ihr Team der Möller GmbH", "Šťastný a syn s.r.o." sign).
_PREDICATES = frozenset(
    [
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has",
        "have", "had", "is", "was", "are", "were", "did", "does", "wird", "werden", "hat",
        "haben", "ist", "sind", "war", "kann", "muss", "soll", "ont", "est", "sont", "va",
        "vont", "peut", "doit", "han", "ha", "es", "son", "puede", "debe", "hanno", "è",
        "sono", "può", "deve", "vai", "vão", "é", "são", "pode", "heeft", "hebben", "zal",
        "moet", "jest", "są", "będzie", "może", "musi", "jsou", "bude", "může", "má",
    ]
)  # fmt: skip


def _ends_with_company_form(words: list[str]) -> bool:
    """Whether the words of a line end with a company's legal form, its dot the line's
    last ("Climatisation Laurentides inc.", "Zieliński i Wspólnicy Sp. k.")."""
    tail = " ".join(words[-2:])
    return any(m.end() >= len(tail) - 1 for m in COMPANY_FORM.finditer(tail))


_LOWER_TITLE_WORDS = 7
# Between two cells of a row: a tab, or two spaces and more (as the text of an HTML
# table is laid out) — not after a label's colon, which people align values with
# ("Tlf.:     +45 33 12 34 56").
_COLUMN_GAP = re.compile(r"(?<=[^\s:：])(?:[ \u00a0]*\t[ \t\u00a0]*|[ \u00a0]{2,}|\u3000+)(?=\S)")
_COLUMNS = 4
_CONTACT_NOTE_WORDS = 4
_ABBREVIATION = re.compile(r"(?<!\w)(?:\w{1,3}\.)+")
_LINE_WORDS = 10
_ADDRESS_WORDS = 14
_SENTENCE_MARKS = re.compile(r"[,;:.!?]")
_ADDRESS_BREAKS = re.compile(r"[;:.!?]")


# A line that is all one quotation, in the marks of the languages.
# … or an image's placeholder: "[cid:image001.png@01D…]", "[A blue logo  Description
# automatically generated]".
# The quotation may name its author after a dash: "“…” – Robert Frost".
_MOTTO = re.compile(
    r'^(?:"[^"]+"|“[^”]+”|„[^“”]+[“”]|«[^»]+»|»[^«]+«|「[^」]+」|\[[^\[\]]+\])[.!]?'
    r"(?:[ \t]*[-–—―~][ \t]*[^\W\d_][\w.'’]*(?:[ \t][\w.'’]+){0,3})?$"
)
_CONTACT_TOKEN = re.compile(r"\d|@|^www\.|^https?:|[:.]$")


def without_name(text: str, name: str) -> str:
    """``text`` without the writer's name typed at its end — "Ann" or "-Ann" on the last
    line, or after a short closing on it ("Thanks, Ann" keeps "Thanks,") — for a mail
    whose signature or From field names the writer already.  The name typed is matched
    by :func:`is_own_name`."""
    lines = text.rstrip().split("\n")
    if not name.split() or announced(lines, len(lines) - 1):
        return text  # "Please give access to:" / "- Jane Doe": what the writer lists
    last = _without_symbols(lines[-1]).strip()
    if len(lines) >= 2:
        typed = last.strip("-–—/~.,!; ")
        # A short form of the name counts alone in its paragraph or under a sentence the
        # text ended, not on a line a sentence goes on to ("We ship to\nAsia").
        alone = not lines[-2].strip()
        if is_own_name(typed, name, forms=alone or _ends_sentence(lines[-2])):
            return "\n".join(lines[:-1]).rstrip()
        prior = next((line for line in reversed(lines[:-1]) if line.strip()), "")
        if (
            (alone or _said(lines[-2]))
            and not _LIST_ITEM.match(prior)  # "- NY" / "- JD": a list's items
            and _signed_alone(last, typed, name, alone, text)
        ):
            return "\n".join(lines[:-1]).rstrip()
        # The thanks or the closing above, on the line above or a blank line higher
        # ("Thanks," / "" / "Jo", as an HTML mail's paragraphs are read).
        above = len(lines) - 2
        while (
            above > 0 and not lines[above].strip() and len(lines) - 2 - above < _BLANK_LINES_APART
        ):
            above -= 1
        closed = THANKS.match(lines[above]) or _is_valediction(lines[above])
        # A Korean name with the writer's rank after it: "박지현 대리", "김민준 과장".
        typed = _KOREAN_RANK.sub("", typed) if closed else typed
        if closed and (_initials_of(last, name) or is_own_name(typed, name, short=True)):
            # "Merci,\nJB" from Jean-Baptiste Morel, "Thanks,\nJo" from Joanne Reid
            return "\n".join(lines[:-1]).rstrip()
        if closed and _signed_unread(typed, name):
            return "\n".join(lines[:-1]).rstrip()
    # A closing and the name on the last line, alone ("Grazie mille, Chiara Conti",
    # "Thanks! Jo") or after the last sentence ("… by Friday? Thanks, Anna"): the
    # closing stays, the name goes.
    pieces = _SENTENCE_BREAK.split(last)
    sentence = pieces[-1]
    # A thanks of its own ends its sentence: "Thanks! Jo", "감사합니다. 민준".
    exclaimed = (
        len(pieces) >= 2
        and len(pieces[-2].split()) <= 4
        and (pieces[-2].endswith("!") or THANKS.match(pieces[-2]) is not None)
    )
    if exclaimed and is_own_name(sentence.strip(_SIGNED_MARKS), name, short=True):
        return _without_signed(lines, sentence)  # "Thanks! Jo", "Thanks so much! -Lena"
    dashes = list(_SPACED_DASH.finditer(sentence))
    if dashes:
        # The whole name or the initials after a dash: "Thanks – Jane Doe", "Thanks - JD".
        closing, signed = sentence[: dashes[-1].start()], sentence[dashes[-1].end() :]
        typed = signed.strip(_SIGNED_MARKS)
        if (
            closing.strip()
            and len(closing.split()) <= _CLOSING_WORDS
            and (is_own_name(typed, name, short=True) or _initials_of(typed, name))
        ):
            return _without_signed(lines, signed.strip())
    for mark in (",", "!", " "):
        closing, found, signed = sentence.rpartition(mark)
        if not found or not closing.strip():
            continue
        closing = closing + (mark if mark != " " else "")
        # The name signed with a dash after the closing: "Cheers - Jo", "Thanks -Lena".
        dashed = signed.startswith(_DASHES) or closing.rstrip().endswith(_DASHES)
        # … or a formula alone, an emoji between it and the name: "Cheers 🙂 Lena".
        formula = mark == " " and (THANKS.match(closing) or _is_valediction(closing))
        if (
            (closing.rstrip().endswith((",", "!")) or dashed or formula)
            and len(closing.split()) <= 4
            and is_own_name(signed.strip(_SIGNED_MARKS), name, short=True)
        ):
            return _without_signed(lines, signed.strip())
    return text


_SPACED_DASH = re.compile(r"\s[-–—]{1,2}\s*")


def _said(line: str) -> bool:
    """Whether ``line``, the one above a short last line, is a sentence the writer
    ended: with its full stop, with a Thai polite particle (Thai writes no full stop:
    "… ด้วยครับ"), or a sentence of three words or more (in a script that spaces its
    words) with no mark at its end whose
    last word is none a sentence goes on from ("Can you check this asap" / "MJ"; not
    "We ship to" / "Asia", nor a colon's or a comma's line).  (A short form in Latin
    letters, which may be a word, wants the full stop: "… on the latest" / "Bill".)"""
    text = line_end(line)
    if _ends_sentence(text) or text.endswith(_THAI_PARTICLES):
        return True
    words = text.split()
    return (
        _UNSPACED_SCRIPT.search(text) is None  # its words are not counted by spaces
        and len(words) >= _SAID_WORDS
        and words[-1][-1:].isalpha()
        and words[-1].casefold() not in _STOPS_ON
        and words[-1].casefold() not in _RUNS_ON
    )


_SAID_WORDS = 3
_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")
# The polite particles a Thai sentence ends with.
_THAI_PARTICLES = ("ครับ", "ค่ะ", "คะ", "จ้ะ", "นะ")
# Words a sentence goes on from, beyond :data:`_STOPS_ON`'s: "called", "named", "my",
# "our", "your", "their", "his", "her", "dear", "colleague", "mr", "ms".
_RUNS_ON = frozenset(
    [
        "called", "named", "my", "our", "your", "their", "his", "her", "its", "dear",
        "colleague", "colleagues", "mr", "mrs", "ms", "dr", "on", "in", "into", "than",
        "as", "like", "about", "but", "so", "that", "which", "who", "ask", "tell", "call",
    ]
)  # fmt: skip


def _signed_alone(line: str, typed: str, name: str, alone: bool, text: str) -> bool:
    """Whether ``line``, the text's short last line with no closing above it, alone in
    its paragraph (``alone``) or right under the sentence the text ended, is the
    writer's name signed otherwise than the From field's ``name`` writes it: a pet form
    ("Toninho" of Antonio, "Катя" of Ekaterina), the name in the letters of another
    script as Hebrew, Arabic, Persian and Thai write it ("נועה" of Noa, "สมชาย" of
    Somchai), the initials ("MJ", "M.J.", "mj" of Mary Jones), or in a Japanese mail
    the family name in kanji, "より" (from) after it or not ("山田" of Taro Yamada,
    whose reading the Latin letters cannot show).  A short line that is a word of the
    writer's — an answer ("OK"), a place, another person's name — is none of these."""
    if len(line) > _LONE_LINE or _LONE_LINE_MARKS.search(line) or not typed:
        return False
    if _signed_initials(typed, name):
        return True
    words = name_words(name)
    if (
        len(typed) == 1
        and words
        and (line.startswith(_SIGNING_MARKS) or (alone and line.endswith(".")))
    ):
        # "/M", "~M", "- M" of Mary Jones (or of Jones Mary, the family name first); in
        # its paragraph, "M." too.
        return typed.casefold() in (words[0][0], words[-1][0])
    # In another script than the From field's a name is read by its letters (no word
    # of two letters: "لا", no); in Latin letters a pet form counts in its paragraph.
    if (
        (alone or typed.isascii() != name.isascii())
        and len(typed) >= _SHORTENED
        and is_own_name(typed, name, short=True)
    ):
        return True
    family = typed.removesuffix("より").strip()
    return (
        _KANA.search(text) is not None
        and not family.endswith(_ADDRESSEE_MARKS)  # "田中 宛", "山田様": the recipient
        and name.isascii()
        and _IDEOGRAPHIC_NAME.fullmatch(family) is not None
        and family[0] in FAMILY_NAME_STARTS
    )


# A name, initials or a team signed alone is a short line; a comma, a figure, a link or
# an address makes it the writer's data.
_LONE_LINE = 25
_LONE_LINE_MARKS = re.compile(r"[,，،\d@:]|https?|www\.")
_SIGNING_MARKS = ("-", "–", "—", "/", "~")
# What a Japanese name of the one it is sent to takes: "宛" (to), "様", "殿", "御中".
_ADDRESSEE_MARKS = ("宛", "様", "殿", "御中", "さん")
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa]")


def _signed_initials(typed: str, name: str) -> bool:
    """Whether ``typed`` is the initials of ``name`` written in one case, with dots or
    hyphens or none ("MJ", "M.J.", "mj", "J-B"), no word an answer is ("OK", "no")."""
    letters = typed.replace(".", "").replace("-", "").replace(" ", "")
    if not (letters.isupper() or letters.islower()) or letters.casefold() in _ANSWERS:
        return False
    words = name_words(name)
    if len(words) >= 2 and letters.casefold() in (
        words[0][0] + words[-1][0],  # "RM" of Robert J. Miller
        words[-1][0] + words[0][0],  # "RM" of Miller Robert, the family name first
    ):
        return True
    return _initials_of(letters.upper(), name)


# Short answers people write on a line of their own, in the letters of initials.
_ANSWERS = frozenset(["ok", "no", "ja", "si", "sí", "da", "oui", "non", "nej", "nee", "tak"])


# The ranks Korean writers put after their name: 대리 (assistant manager), 과장
# (manager), 차장, 부장, 팀장, 실장, 이사, 대표, 사원, 주임, 선임, 책임, 수석, 매니저.
_KOREAN_RANK = re.compile(
    r"(?<=[\uac00-\ud7af])[ \t]?(?:대리|과장|차장|부장|팀장|실장|이사|대표|사원|주임|선임|"
    r"책임|수석|매니저|본부장|상무|전무|사장)$"
)


def _signed_unread(typed: str, name: str) -> bool:
    """Whether ``typed``, a line under a thanks or a closing, is a name signed where the
    From field's ``name`` cannot tell whose: the From field names a mailbox, not a
    person ("Accounts", "Phòng Kế toán", "Acme Ltd", "info@…"), and the line is a name
    as names are written ("Thanks,\nMaria"); or the name is written in ideographs whose
    reading the From field's Latin letters do not spell as anyascii reads them (a
    Japanese name's readings, a Cantonese romanisation: "ありがとうございます。\n田中"
    from Tanaka Yuki)."""
    if _IDEOGRAPHIC_NAME.fullmatch(typed):
        # Ideographs are a name only from a family name on ("明天见" is "see you
        # tomorrow"); then one the From field's Latin letters cannot spell is signed.
        if typed[0] not in FAMILY_NAME_STARTS:
            return False
        if name.isascii():
            return True
    words = typed.split()
    return (
        1 <= len(words) <= _SIGNED_NAME_WORDS
        and _is_signed_name(typed)
        and not (THANKS.match(typed) or _is_valediction(typed) or TITLE_WORDS.search(typed))
        and names_a_mailbox(name)
    )


_SIGNED_NAME_WORDS = 2
# A name in ideographs: a family name of one or two, a given name of one to three.
_IDEOGRAPHIC_NAME = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff]{1,2}[ \u3000]?[\u3400-\u4dbf\u4e00-\u9fff]{1,3}"
)


def names_a_mailbox(name: str) -> bool:
    """Whether the From field's ``name`` (or the name its address spells) is a shared
    mailbox's, not a person's: a department, a title or a team ("Accounts", "Phòng Kế
    toán", "Support Team"), a company with its legal form, a mailbox's word ("Info",
    "Office", "Empfang", "Reception"), or digits."""
    return bool(
        TITLE_WORDS.search(name)
        or COMPANY_FORM.search(name)
        or _MAILBOX_WORDS.search(name)
        or any(ch.isdigit() for ch in name)
    )


# The words shared mailboxes are named with, in the languages clients write.
_MAILBOX_WORDS = re.compile(
    r"(?i:(?<![^\W\d_])(?:info|office|admin|reception|contact|kontakt|billing|invoices?|"
    r"orders?|service|helpdesk|hello|mail|shop|store|empfang|verwaltung|sekretariat|büro|"
    r"bureau|accueil|oficina|recepción|recepcion|segreteria|kantoor|kontor|biuro|"
    r"kancelaria|sekretariát|recepce|iroda|ofis|escritório|escritorio)(?![^\W\d_]))"
)


_DASHES = ("-", "–", "—")
# What stands around a name typed after a closing: "Jo.", "-Lena", "Jo!".
_SIGNED_MARKS = " .!-–—"


def _without_signed(lines: list[str], signed: str) -> str:
    """``lines`` joined, the name ``signed`` taken off the end of the last one (the
    line as written: emoji before the name stay)."""
    last = lines[-1]
    at = last.rfind(signed)
    kept = last[:at].rstrip().rstrip("-–—").rstrip() if at >= 0 else last
    return "\n".join([*lines[:-1], kept]).rstrip()


# Where a sentence ends inside a line ("… by Friday? Thanks, Anna").
# Greek asks with ";" (and its own "\u037e"), Arabic and Persian with "؟".
_SENTENCE_BREAK = re.compile(r"(?<=[.?!;\u037e؟。？！])\s+")


def _without_symbols(text: str) -> str:
    """``text`` without emoji and other symbols ("Thanks! 🙏 Jo")."""
    return "".join(
        ch for ch in text if unicodedata.category(ch) not in ("So", "Sk") and ch != "\ufe0f"
    )


def is_own_name(typed: str, name: str, *, short: bool = False, forms: bool = True) -> bool:
    """Whether ``typed`` is how the person called ``name`` signs: the whole name, its
    first word, the first word shortened as people shorten it ("Barb" for "Barbara",
    three letters at least, two under a closing when they begin it: "Jo" for Joanne), or
    the family name after an initial ("B. Kowalczyk").
    The name is read as :func:`name_words` reads it; case and accents are ignored.
    ``forms``: the short forms a language makes ("Bob" for Robert) count — not for a
    last line under the text, which may be a word ("Bill", "Memo", "Asia")."""
    if not (typed.isascii() and name.isascii()) and _own_name(typed, name, short, forms):
        return True
    # In another script than the From field gives it ("Γιώργος", Giorgos Papadakis):
    # both read in Latin letters.
    if _own_name(anyascii(typed), anyascii(name), short, forms):
        return True
    if typed.isascii() == name.isascii():
        return False
    # Each script is written in Latin letters more than one way ("Юлия": Yulia, Yuliya,
    # Iuliia; "Алексей": Alexey, Aleksei; "Ольга": Olga, Ol'ga): both read as one
    # spelling does.
    if _own_name(_romanized(typed), _romanized(name), short, forms):
        return True
    # Ukrainian and Belarusian write h with "г", which is g in Russian ("Сергій" from
    # Serhiy, "Євген" from Yevhen).
    if ("г" in typed or "Г" in typed) and _own_name(
        _romanized(typed.replace("г", "h").replace("Г", "H")), _romanized(name), short, forms
    ):
        return True
    # The other way round: the name in Latin letters where the From field writes it in
    # Hebrew, Arabic, Persian or Thai letters ("Noa" of נועה לוי, "Somchai" of สมชาย
    # ใจดี), read by the consonants as the other way.
    own = name.split()
    if (
        short
        and typed.isascii()
        and own
        and (_ABJAD_NAME.fullmatch(own[0]) or _THAI_NAME.fullmatch(own[0]))
    ):
        return is_own_name(" ".join(own[: len(typed.split())]), typed, short=True)
    # A Korean name signed whole, family name first (김민준), where the From field
    # spells the family name as its bearer does (Kim, not Gim): its given name.
    signed = typed.strip()
    if _HANGUL_NAME.fullmatch(signed) is not None and _own_name(
        _romanized(signed[1:]), _romanized(name), short, forms
    ):
        return True
    # Korean names are spelled in Latin letters by the older and the revised
    # romanization ("현": hyun, hyeon; "성": sung, seong; "영": young, yeong).
    if _HANGUL.search(signed) is not None:
        given = signed[1:] if _HANGUL_NAME.fullmatch(signed) else signed
        if _own_name(_korean_folded(given), _korean_folded(name), short, forms):
            return True
    # Hebrew and Arabic write a name's consonants, a few vowels as letters ("נועה" for
    # Noa, "عمر" for Omar): under a closing, the consonants of the first name, or of
    # the given and the family name ("علی رضایی" of Ali Rezaei; the letter the Persian
    # reads z and the Arabic d, "ض", either).
    abjad = signed.split()
    if (
        short
        and 1 <= len(abjad) <= _SIGNED_NAME_WORDS
        and all(_ABJAD_NAME.fullmatch(w) for w in abjad)
        and name.isascii()
    ):
        words = name_words(name)
        pairs = list(zip(abjad, words, strict=False))
        return len(words) >= len(abjad) and all(
            (consonants := _consonants(anyascii(t)).replace("z", "d"))
            and consonants == _consonants(w).replace("z", "d")
            for t, w in pairs
        )
    # The Indian scripts write a consonant's inherent vowel not at all, and anyascii
    # reads none ("शर्मा" is "srma" for Sharma): each word by its consonants.
    if _INDIC_NAME.fullmatch(signed) is not None and name.isascii():
        typed_words, words = signed.split(), name_words(name)
        if len(typed_words) == 1 and not short:
            return False
        pairs = list(zip(typed_words, words, strict=False))
        return (
            len(typed_words) in (1, len(words))
            and bool(pairs)
            and all(
                len(_consonants(anyascii(t))) >= _SHORTEST
                and _consonants(anyascii(t)) == _consonants(w)
                for t, w in pairs
            )
        )
    # Thai writes a syllable's inherent vowel not at all ("สมชาย" for Somchai, "ธนากร"
    # for Thanakorn): under a closing, the consonants of the first name, or their
    # beginning (a final consonant read as another).
    if short and _THAI_NAME.fullmatch(signed) is not None and name.isascii():
        words = name_words(name)
        consonants = _consonants(anyascii(signed))
        return (
            bool(words)
            and len(consonants) >= _THAI_CONSONANTS
            and _consonants(words[0]).startswith(consonants)
        )
    return False


_INDIC_NAME = re.compile(r"[\u0900-\u0aff]{2,12}(?: [\u0900-\u0aff]{2,12}){0,2}")
_THAI_NAME = re.compile(r"[\u0e01-\u0e4e]{2,16}")
_THAI_CONSONANTS = 3


def _consonants(text: str) -> str:
    """The consonants of a name in Latin letters as Hebrew and Arabic write them — the
    vowels, and the letters those scripts write vowels and breath with (h, v, w, y, the
    glottal stops), left out; "ch", "c" and "q" as "k"; a doubled letter as one."""
    latin = _DOUBLED.sub(r"\1", fold_accents(text))
    latin = latin.replace("ch", "k").replace("c", "k").replace("q", "k").replace("x", "ks")
    return _NOT_CONSONANT.sub("", latin)


_ABJAD_NAME = re.compile(r"[\u05d0-\u05ea\u0620-\u064a\u0671-\u06d3]{2,8}")
_NOT_CONSONANT = re.compile(r"[^bdfgjklmnprstz]")


def _romanized(text: str) -> str:
    """``text`` in Latin letters, the letters that transliterations of one sound differ
    by read as one ("ks" for x, "i" for y and j, a letter doubled once, no apostrophe of
    a soft sign, "f" for ph), Greek "ου" as "ou", "ευ" and "αυ" as "ef", "af" before a
    voiceless consonant and "ev", "av" elsewhere ("Λευτέρης": Lefteris, "Ευάγγελος":
    Evangelos), "γγ" as "ng"."""
    greek = _GREEK_U.sub(
        lambda m: m.group(1) + ("f" if m.group(2) else "v"),
        text.replace("ου", "ou").replace("Ου", "Ou").replace("γγ", "ng"),
    )
    latin = anyascii(greek).casefold()
    return spelled(_SOFT_SIGN.sub("", latin))


# Greek's "ευ", "αυ" (accented or not), and the voiceless consonant after them.
_GREEK_U = re.compile(r"([εΕαΑέΈάΆ])[υύΥ](?=([θκξπστφχψςΘΚΞΠΣΤΦΧΨ])?)")


def _korean_folded(text: str) -> str:
    """``text`` romanized, the vowels the Korean romanizations spell differently read as
    one ("eo", "ou" and "oo" as "u")."""
    latin = anyascii(text).casefold().replace("eo", "u").replace("ou", "u").replace("oo", "u")
    return spelled(_SOFT_SIGN.sub("", latin))


_HANGUL = re.compile(r"[\uac00-\ud7af]")
_SOFT_SIGN = re.compile(r"['`’]")
_DOUBLED = re.compile(r"(\w)\1+")
_HANGUL_NAME = re.compile(r"[\uac00-\ud7af]{3,4}")


def _own_name(typed: str, name: str, short: bool = False, forms: bool = True) -> bool:
    words = name_words(name)
    typed = fold_accents(" ".join(typed.split()))
    if not words or not typed:
        return False
    first = words[0]
    if typed in (" ".join(words), first) and len(typed) >= 2:
        return True
    # A double given name with a hyphen or a space, the other way than the From field
    # writes it: "Anna-Maria" of Anna Maria Berg, "Jean Pierre" of Jean-Pierre Dubois.
    spaced = typed.replace("-", " ")
    if " " in spaced and spaced in (first.replace("-", " "), " ".join(words[:2])):
        return len(words) >= _GIVEN_NAMES_AND_FAMILY or "-" in first
    if len(words) == 2 and typed in (words[1], f"{words[1]} {words[0]}") and len(typed) >= 2:
        return True  # a name written family name first ("Kovács Zsófia", "王 磊")
    # A Vietnamese name, family name first, the given name last ("Trần Thị Mai"): its
    # bearer signs with the given name ("Mai"), or its last two words.
    vietnamese = words[0].replace("đ", "d") in _VIETNAMESE_FAMILY_NAMES
    if (
        len(words) >= _GIVEN_NAMES_AND_FAMILY
        and vietnamese
        and typed in (words[-1], " ".join(words[-2:]))
        and len(typed) >= _SHORTEST
    ):
        return True
    if len(words) >= 2 and typed in ("".join(words), "".join(reversed(words))):
        return True  # read in Latin letters without its spaces: "王伟" → "WangWei"
    parts = typed.replace(".", ". ").split()
    if len(words) >= 2 and len(parts) == 2 and parts[0] == f"{first[0]}." and parts[1] == words[-1]:
        return True
    if _UNSPACED_NAME.fullmatch(first) and len(first) > len(typed) and first.endswith(typed):
        return True  # the given name without the family name before it: "怡君" of 陳怡君
    if len(words) == 1 and _spells_handle(parts, first):
        return True  # "John Doe" where only the address names the writer: "jdoe@…"
    if " " in typed or len(typed) < _SHORTEST:
        return False
    # The given name, and the second of two ("Pili" of Mª Pilar Fernández Ruiz, "Toni"
    # of José Antonio Ruiz Gil).
    given = words[:2] if len(words) >= _GIVEN_NAMES_AND_FAMILY else words[:1]
    if any(_shortened(typed, word, short, forms) for word in given if word.isalpha()):
        return True
    # A name written family name first ("Nagy István"): the short forms of its last word.
    return forms and len(words) == 2 and is_short_form(typed, words[1])


# The family names most Vietnamese bear, written without their accents, as the From
# field's name is read: a name of three words that begins with one ends with the given
# name.
_VIETNAMESE_FAMILY_NAMES = frozenset(
    [
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang",
        "bui", "do", "ho", "ngo", "duong", "ly", "dinh", "trinh", "truong", "doan",
    ]
)  # fmt: skip


# A name of three words or more may give two given names before the family name.
_GIVEN_NAMES_AND_FAMILY = 3


def _shortened(typed: str, first: str, short: bool, forms: bool = True) -> bool:
    """Whether ``typed`` is the given name ``first`` shortened as people shorten it."""
    if len(typed) < _SHORTENED:
        # Under a closing: "Jo" for Joanne, "Al" for Albert — two letters that end where
        # a syllable of the name can end, not "Ba" for Bar-bara; a short form of two
        # letters its language makes ("Zé" for José, "Mo" for Mohammed).
        return (short and first.startswith(typed) and _ends_a_syllable(first, len(typed))) or (
            forms and is_short_form(typed, first)
        )
    # Its beginning ("Barb" for Barbara) or a part of it ("Toni" for Antonia, "Liz" for
    # Elizabeth, "Nando" for Fernando); a short form of the language's ("Bob" for
    # Robert, "Sasha" for Aleksandr), or under a closing the name clipped with a
    # diminutive ending ("Pili" for Pilar, "Steffi" for Stefanie).
    return (
        first.startswith(typed)
        or (len(first) > len(typed) + 1 and typed in first)
        or (forms and is_short_form(typed, first, diminutive=short))
    )


def _spells_handle(parts: list[str], handle: str) -> bool:
    """Whether a name typed in two or three words (``parts``) is the one an address's
    local part spells as mail systems make them: initial and family name ("jdoe"), both
    names run together ("johndoe"), the family name and an initial ("doej")."""
    words = [p.strip(".") for p in parts if p.strip(".")]
    if not 2 <= len(words) <= 3 or len(handle) < _HANDLE or not all(w.isalpha() for w in words):
        return False
    given, family = words[0], words[-1]
    initials = "".join(w[0] for w in words[:-1])
    return handle in {
        initials + family,
        given + family,
        given + family[0],
        family + given[0],
        family + given,
    }


_HANDLE = 4


def _ends_a_syllable(name: str, at: int) -> bool:
    """Whether a syllable of the (Latin-lettered) name can end after its first ``at``
    letters: they hold a vowel, and what follows does not start with two consonants
    (which would close the syllable first: "Bar|bara", "Mar|tin")."""
    head, rest = name[:at], name[at : at + 2]
    if not (head.isascii() and rest.isascii()) or not any(c in _VOWELS for c in head):
        return False
    return not (len(rest) == 2 and all(c.isalpha() and c not in _VOWELS for c in rest))


_VOWELS = frozenset("aeiouy")
# A first name shortened: three letters at least; two under a closing ("Thanks! Jo").
_SHORTENED = 3
_SHORTEST = 2


# A name in a script that writes it without a space, family name first: Chinese,
# Japanese, Korean (陳怡君, 김민준).
_UNSPACED_NAME = re.compile(r"[\u3400-\u9fff\uac00-\ud7af]{2,4}")


def signature_name(lines: list[str]) -> str:
    """The name that heads the writer's signature block — the first line under the
    "-- " delimiter or a mobile footer ("-- " / "陳怡君 Yi-Chun Chen" / "門市主任｜…"),
    up to a field separator — or "".  The writer's own name as they sign, which may be
    in another script than the From field's or the From field may not give: the name
    typed under their text ("謝謝！\n怡君", "Thanks,\nRob") is read by it too."""
    for at, line in enumerate(lines):
        if not (SIGNATURE.match(line.rstrip("\r")) or is_mobile_footer(line)):
            continue
        if _pasted(lines, at):
            continue  # what the writer shows: "The error page shows:" / "--" / …
        below = next((text.strip() for text in lines[at + 1 :] if text.strip()), "")
        name = _SIGNATURE_FIELD.split(below, maxsplit=1)[0].strip()
        if (
            not name
            or len(name) > _MAX_NAME
            or len(name.split()) > _NAME_WORDS
            or any(ch.isdigit() or ch in "@:/" for ch in name)
            or THANKS.match(name)
            or _is_valediction(name)
            or TITLE_WORDS.search(name)
            or COMPANY_FORM.search(name)
        ):
            return ""
        return name
    return ""


_SIGNATURE_FIELD = re.compile(r"\s*[|｜,·•]\s*|\s[-–—]\s")
_MAX_NAME = 40
# A name and the same name in Latin letters: "陳怡君 Yi-Chun Chen".
_NAME_WORDS = 4


def _initials_of(typed: str, name: str) -> bool:
    """Whether ``typed`` is the initials of ``name`` in capitals ("JB", "J.-B.M." for
    Jean-Baptiste Morel): signed under a closing, never alone."""
    letters = typed.replace(".", "").replace("-", "").replace(" ", "")
    if not 2 <= len(letters) <= _INITIALS or not letters.isalpha() or not letters.isupper():
        return False
    parts = [p for w in name_words(name) for p in w.split("-") if p]
    initials = "".join(p[0] for p in parts).upper()
    return len(parts) >= 2 and (letters == initials or letters == initials[: len(letters)])


_INITIALS = 4


def _others_initials(typed: str, name: str) -> bool:
    """Whether ``typed``, two capitals or more, cannot be the initials of the person
    the From field names: they begin with a letter no word of the name begins with."""
    letters = typed.replace(".", "").replace(" ", "")
    words = name_words(name) if name.split() and not names_a_mailbox(name) else []
    return (
        len(words) >= 2
        and len(letters) >= 2
        and letters.isupper()
        and letters[0].casefold() not in {w[0] for w in words}
    )


def writer_name(display: str, address: str) -> str:
    """The writer's name: the one the From field gives, or when it gives none, the one
    the address spells ("margaret.quinn@…" → Margaret Quinn, "mike@…" → Mike) — words
    of letters, an initial or a number left out; "" when the address spells no name."""
    if display.split():
        return display
    local = address.rpartition("@")[0].partition("+")[0]
    parts = [p for p in _ADDRESS_NAME_SEPARATORS.split(local) if len(p) >= 2]
    if not parts or len(parts) > _ADDRESS_NAME_WORDS or not all(p.isalpha() for p in parts):
        return ""
    return " ".join(p.capitalize() for p in parts)


_ADDRESS_NAME_SEPARATORS = re.compile(r"[._-]+|\d+")
_ADDRESS_NAME_WORDS = 3


def signed_by_handle(writer: str, lines: list[str]) -> str:
    """The writer's name as their lines sign it, when the From field gave only an
    address whose handle spells part of it (:func:`writer_name` made ``writer`` of the
    handle): the family name alone ("svobodova@…" signing "Jana Svobodová"), or the
    family name after the given name's initial ("bkowalczyk58@…" signing "Thank you," /
    "Barb") — an initial alone says little, so only a word right under a closing or a
    thanks is read so ("The module is called" / "Billing" is no name).  The one name
    line among ``lines`` (the writer's own) that the handle spells so gives the name;
    when none does, or more than one, ``writer`` stays."""
    handle = fold_accents(writer.strip())
    if not handle.isalpha() or not handle.isascii():
        return writer  # a name of words (the From field's, or "Margaret Quinn")
    found: set[str] = set()
    above = ""  # the line with text above
    for line in lines:
        if not line.strip():
            continue
        closed, above = bool(THANKS.match(above) or _is_valediction(above)), line
        words = line.strip().split()
        if not 1 <= len(words) <= _HANDLE_NAME_WORDS or not all(
            w.replace("-", "").replace("'", "").isalpha() and w[:1].isupper() for w in words
        ):
            continue
        folded = [fold_accents(anyascii(w)).replace("'", "") for w in words]
        if len(words) >= 2 and handle in folded[1:] and handle != folded[0]:
            found.add(" ".join(words))  # the family name: "Jana Svobodová"
        elif (
            closed
            and len(words) == 1
            and len(handle) - 1 >= _HANDLE_FAMILY
            and folded[0][:1] == handle[0]
            and folded[0] != handle
            and words[0][1:].islower()
        ):
            # The given name's initial and the family name: "Lauren" of lmitchell.
            found.add(f"{words[0]} {handle[1:].capitalize()}")
    return found.pop() if len(found) == 1 else writer


# A name line is a few words; a family name after an initial has four letters or more
# ("jdoe" is read by :func:`is_own_name` itself).
_HANDLE_NAME_WORDS = 3
_HANDLE_FAMILY = 4


def greeted_writer(writer: str, history: list[str]) -> str:
    """The writer's name as the helpdesk's message they answer greets them ("Hi
    Barbara," in ``history``, the quoted lines), for a writer whose From field gave
    only an address (:func:`writer_name` made ``writer`` of its handle): the greeted
    given name with the family name the handle runs after its initial ("bkeane1958@…"
    greeted "Hi Barbara," → Barbara Keane); the given name alone when the address spells
    no name or one that is no person's ("info@…", "x@…").  ``writer`` when no line
    greets anyone, when a handle spells another name, or when the greeting is a
    title's ("Dear Ms Keane,")."""
    handle = fold_accents(writer.strip())
    if " " in handle:
        return writer  # the address spells a whole name ("margaret.quinn@…")
    for line in history:
        greeting = _GREETING.match(line.lstrip(QUOTE_MARKS))
        if greeting is None:
            continue
        given = greeting.group(1)
        folded = fold_accents(anyascii(given))
        if (
            folded.rstrip(".") in _HONORIFICS
            or folded in _GREETED_NOBODY
            or given[:1].islower()
            or not given[1:].islower()
        ):
            # "Dear Ms Keane": a title; "Dear Sir", "Hi there", "Hi ACME team": no one's
            # given name.
            return writer
        if not handle or not handle.isalpha():
            return given
        if handle.startswith(folded):
            return writer  # "mike@…" greeted "Hi Mike,": the handle says it already
        if handle[0] == folded[0] and len(handle) - 1 >= _HANDLE_FAMILY:
            return f"{given} {handle[1:].capitalize()}"
        return writer  # the handle spells someone else, or a mailbox's role
    return writer


# What a greeting addresses when it names no one.
_GREETED_NOBODY = frozenset(
    [
        "sir",
        "madam",
        "madame",
        "monsieur",
        "mademoiselle",
        "senor",
        "senora",
        "signore",
        "signora",
        "customer",
        "client",
        "cliente",
        "kunde",
        "kundin",
        "team",
        "all",
        "everyone",
        "everybody",
        "colleague",
        "colleagues",
        "friend",
        "friends",
        "support",
        "there",
    ]
)
# The helpdesk's greeting at the head of its message, and the given name it greets:
# "Hi Barbara,", "Liebe Anna,", "Hola Pili:", "Здравствуйте, Ольга!".
_GREETING = re.compile(GREETING_WORDS + r",?[ \t]+([^\W\d_][\w'-]*)\.?[ \t]*[,!:،]", re.IGNORECASE)


def name_beside_address(address: str, text: str) -> str:
    """The name a header block in ``text`` gives the mailbox ``address`` — a quoted
    history's "To: Rhys Llewellyn <clerc@…>", "From: 'Rhys Llewellyn'
    [mailto:clerc@…]", "Cc: …; Llewellyn, Rhys <clerc@…>" — for a writer whose From field
    gives no name: the helpdesk's reply they answer was addressed to them by name.
    The first such name of a few words of letters; "" when no header line gives one."""
    wanted = address.strip().casefold()
    if "@" not in wanted or wanted not in text.casefold():
        return ""
    for line in text.split("\n"):
        if wanted not in line.casefold():
            continue
        field = _ADDRESS_FIELD.match(line.lstrip(QUOTE_MARKS))
        if field is None:
            continue
        value = _MAILTO.sub(r"<\1>", field.group(1)).replace(";", ",")
        for given, found in getaddresses([value]):
            name = given.strip(" '\"")
            if found.casefold() == wanted and _is_name_of_words(name):
                return name
    return ""


def _is_name_of_words(name: str) -> bool:
    words = name.replace(",", " ").split()
    return 1 <= len(words) <= _FIELD_NAME_WORDS and all(
        w[:1].isalpha() and all(ch.isalpha() or ch in "-'." for ch in w) for w in words
    )


# A header line of a quoted history: a label of a few words and a colon ("To:",
# "Cc:", "An:", "À :", "Kime:", "收件人："), the addresses after it.
_ADDRESS_FIELD = re.compile(r"\*?[^\W\d][^:：<>@\n]{0,24}\*?\s?[:：]\*?\s*(.+)")
_MAILTO = re.compile(r"\[mailto:([^\]\s]+)\]", re.IGNORECASE)
_FIELD_NAME_WORDS = 4


def name_words(name: str) -> list[str]:
    """The words of a person's name as a From field gives it, given name first, folded:
    "Kowalczyk, Barbara" → barbara kowalczyk; what stands beside the name goes
    ("Anna Berg (ACME)", "Anna Berg | Norrmark AB", "Dr. Anna Berg")."""
    return list(_name_words(name))


@lru_cache(maxsize=_NAMES_CACHED)
def _name_words(name: str) -> tuple[str, ...]:
    # One reply asks for the words of its writer's name for each line it reads.
    text = _BESIDE_NAME.split(_BRACKETED.sub(" ", name.replace('"', " ")), maxsplit=1)[0]
    family, comma, given = text.partition(",")
    if comma and given.strip() and len(family.split()) <= 2:
        text = f"{given} {family}"
    typed = [w for w in text.split() if "@" not in w]
    # The family name in capitals, as company directories write it first ("QUINN
    # Margaret", "DUPONT Jean-Luc"): after the given names.
    capitals = [w for w in typed if len(w) >= 2 and w.isalpha() and w.isupper()]
    if len(capitals) == 1 and len(typed) >= 2:
        typed = [w for w in typed if w is not capitals[0]] + capitals
    words = [fold_accents(w) for w in typed]
    while len(words) > 1 and words[0].rstrip(".") in _HONORIFICS:
        words = words[1:]
    return tuple(w for w in words if w)


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>")
# … and the service a person's mail came through, as a relay names it in its language
# ("Jonas Weber via DocuSign", "… über DocuSign", "… vía …", "… tramite …", "… przez …").
_BESIDE_NAME = re.compile(r"\s[|/–—-]\s|\s@\s|\s(?:via|über|vía|tramite|przez)\s")
_HONORIFICS = frozenset(
    [
        "dr",
        "prof",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "herr",
        "frau",
        "m",
        "mme",
        "mlle",
        "sr",
        "sra",
        "srta",
        "sig",
        "dott",
        "ing",
        "mgr",
        "pan",
        "pani",
        "hr",
        "fr",
    ]
)


@lru_cache(maxsize=_NAMES_CACHED)
def fold_accents(text: str) -> str:
    """``text`` in lower case without accents: "Zoë" and "Zoe" are one name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# "Sent from my BlackBerry® wireless device from U.S. Cellular": the phrase and at most
# this many words.
_FOOTER_WORDS = 8


# The apology for brevity that K-9 Mail and old mobile programs add to their footer
# ("Sent from my Android device with K-9 Mail. Please excuse my brevity.").
_BREVITY = re.compile(
    r"(?<=[.!])\s+(?:please excuse (?:my|any|the) (?:brevity|typos?|spelling(?: mistakes)?)|"
    r"(?:please )?excuse (?:my )?brevity|veuillez excuser ma brièveté|"
    r"bitte entschuldigen sie (?:die|meine) (?:kürze|tippfehler)|"
    r"disculpe (?:la|mi) brevedad|scusate la brevità|scusa la brevità)[.!]?\s*$",
    re.IGNORECASE,
)


def is_mobile_footer(line: str) -> bool:
    """ "Sent from my iPhone", "Get Outlook for Android": the phrase and at most eight
    words, no sentence ("Sent from my desk, is much easier …" is the writer's)."""
    line = _BREVITY.sub("", without_links(line))
    if len(line) > 80:
        return False
    m = MOBILE_FOOTER.match(line)
    if m is None:
        return False
    # A carrier names its phone after a comma: "Sent via the Samsung Galaxy S23, an AT&T
    # 5G smartphone", "Sent from my Verizon, Samsung Galaxy smartphone".
    rest = _APP_APPOSITION.sub("", _CARRIERS_PHONE.sub("", m.group("rest")))
    # "sent via courier this morning: the new router." goes on past a colon: the writer's.
    return len(rest.split()) <= _FOOTER_WORDS and "," not in rest and not _PAST_A_COLON.search(rest)


_CARRIERS_PHONE = re.compile(
    r",\s+(?:(?i:an?)\s+[^,]{1,40}?|(?:[A-Z0-9][\w&+-]*\s+){1,4})"
    r"(?i:smartphone|phone|device|tablet)\s*$"
)
# A mail app describes itself after a comma: "Sent with Tutanota, the secure & ad-free
# mailbox."
_APP_APPOSITION = re.compile(
    r",\s+(?i:the|an?|die|das|der|la|le|el|il)\s+[^,]{1,40}?"
    r"(?i:mailbox|mail|e-?mail|app|client|postfach|messagerie|correo)\W*$"
)
# A colon with words after it: the sentence goes on.
_PAST_A_COLON = re.compile(r":\s*\w")
