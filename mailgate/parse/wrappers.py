"""A person's message inside a service's notification.

E-signature requests, marketplaces, booking sites, task trackers, shared documents,
chat tools and website forms send a person's words to the helpdesk wrapped in their own
text: a heading and a line saying who wrote ("Murat Aydın asked you to sign …", "kasia_b92
sent you a message about:"), labelled links ("Review document: https://…"), the sender's
name and address, the fields of a form, and under the message the service's notes,
links and legal lines.  Such mail comes from the service's machine — a no-reply
address, a From that is not the person the Reply-To names — and is recognised by its
header (:func:`from_a_service`), never by its wording, which each service writes in
every language.

:func:`enclosed_message` keeps the person's words by the shape of what surrounds them:
the service's lines are links, labels, form fields, addresses and legal lines, and the
message is the longest stretch of prose between them.  A form's message is its longest
free-text field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mailgate.parse.footers import (
    POSTAL_CHARS,
    is_footer_line,
    postal_line,
    tells_why_received,
)
from mailgate.parse.heads import greets
from mailgate.parse.prefilter import prefiltered
from mailgate.parse.quote_words import (
    NOTIFICATION_HEAD,
    UNREAD_MAILBOX,
    announced,
    speaks_for_self,
)
from mailgate.parse.signoff import fold_accents, name_words

# The mailboxes services send from: no-reply, notifications, automated …
_MACHINE = re.compile(
    r"^(?:.*no[-_.]?reply.*|.*do[-_.]?not[-_.]?reply.*|notifications?|notify|automated|"
    r"auto|mailer|system|alerts?|messages?|wordpress|forms?|dse(?:_\w+)?|bounces?|"
    # Devices that mail what a person left them: scanners, copiers, telephone systems.
    r"scan(?:ner)?s?|mfp|copier|printer|fax|pbx|voicemail|asterisk|"
    # The same mailboxes named in the services' languages: "ne-pas-repondre",
    # "no-responder", "keine-antwort", "powiadomienia", "benachrichtigungen" …
    r".*(?:ne[-_.]?pas[-_.]?repondre|no[-_.]?responder|nao[-_.]?responda|"
    r"non[-_.]?rispondere|keine[-_.]?antwort|nicht[-_.]?antworten|niet[-_.]?beantwoorden|"
    r"nie[-_.]?odpowiadaj|bez[-_.]?odpowiedzi).*|"
    r"benachrichtigung(?:en)?|mitteilungen|notificaci(?:on|ones)|notifica(?:coes|zioni)|"
    r"notifiche|meldingen|powiadomieni[ae]|uvedomleni(?:e|ya))$",
    re.IGNORECASE,
)


def from_a_service(
    headers: Sequence[tuple[str, str]], from_address: str | None, reply_to: Sequence[str]
) -> bool:
    """Whether a message is a service's notification carrying a person's words: sent by
    a machine's mailbox, or for a person the Reply-To names; never a list's mail (a
    list's footer is read by :mod:`mailgate.parse.footers`)."""
    names = {name for name, _ in headers}
    if "list-id" in names or not from_address:
        return False
    local = from_address.rsplit("@", 1)[0]
    if _MACHINE.match(local) or _RELAY_FROM.search(local):
        return True
    others = [a for a in reply_to if a.lower() != from_address.lower()]
    automatic = any(
        name == "auto-submitted" and value.strip().lower().startswith("auto-generated")
        for name, value in headers
    )
    # A reply address the service made for the conversation: "reply+k3x9…@",
    # "c3f8a12e9b4d7@members…", "1839204417-c7e2a9b1@reply…".
    relayed = any(_RELAY.search(a.rsplit("@", 1)[0]) for a in others)
    return bool(others) and (automatic or relayed)


def service_record(block: list[str]) -> bool:
    """Whether a header block in a service's notification is the service's own record,
    not the header of a quoted message: a telephone system's record of a call ("From:
    Greg Talbot (+1 555 0163)" / "To: Support (ext. 800)" / "Date: …" / "Duration:
    00:00:41", no line of it gives an e-mail address), or a ticket system's fields of a
    new request above its text ("From: Megan Ortiz <megan@…>" / "Department: Support" /
    "Subject: …", as osTicket and OTRS alert their agents: no line gives a date or a
    time, which a quoted message's header always does)."""
    if not any(_EMAIL.search(line) for line in block):
        return True
    return not any(_YEAR.search(line) or _TIME.search(line) for line in block)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")


def says_sent_by_a_machine(lines: list[str]) -> bool:
    """Whether the end of a text (``lines``, quotes gone) says it was sent from a
    mailbox no one reads — a send-only or no-reply address, a mailbox not monitored,
    replies that reach no one ("※本メールは送信専用アドレスから配信しています。", "This
    mailbox is not monitored.", "Diese Adresse wird nicht überwacht.") — as a service
    that carries a person's words says of its mail when its header does not."""
    content = [line.strip() for line in lines if line.strip()]
    # The note is a sentence of its own: a line that ends as one (most lines of a text,
    # folded at its width, do not, and are not read further).
    if any(
        _machine_note(line)
        for line in content[-_MACHINE_NOTE_LINES:]
        if line.endswith(_NOTE_END) and not line[0].islower()
    ):
        return True
    # A notification's heading over the text ("You have a new direct message from Megan
    # Ortiz") and, under it, why the reader gets the service's mail.
    # (A heading over a greeting is a person's own: "Quotation for barcode scanners" /
    # "Hello Acme Support," / their words, sent with a mailing tool's footer.)
    return (
        len(content) > 2
        and _heading_line(content[0])
        and not greets(content[1])
        and not any(comma in content[0] for comma in _COMMAS)
        and not _link_only(content[0])
        and any(map(tells_why_received, content[-_MACHINE_NOTE_LINES:]))
    )


def _machine_note(line: str) -> bool:
    """A service's note that its mailbox is read by no one: short, no question, not in
    the writer's first person ("I got a reply that this mailbox is not monitored")."""
    return (
        len(line) <= _MACHINE_NOTE_CHARS
        and bool(_MACHINE_NOTE.search(line))
        and not any(mark in line for mark in ("?", "？", "¿", "؟"))
        and not speaks_for_self(line)
    )


_MACHINE_NOTE_LINES = 8
_NOTE_END = (".", "。", "!", "！", ")", "）")
_MACHINE_NOTE_CHARS = 200
_MACHINE_NOTE = prefiltered(UNREAD_MAILBOX, re.IGNORECASE)


# A From address the service made for the conversation: "5102887734-c7e41b.f02a@guest…"
# (digits alone are an address too: QQ's).
_RELAY_FROM = re.compile(r"\d{6,}[-.][0-9a-f]{4,}", re.IGNORECASE)
_RELAY = re.compile(
    r"^reply[+.-]|\+[\w-]{10,}|(?<![a-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![a-z])|\d{8,}",
    re.IGNORECASE,
)


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A label and its value: "Name: Sanne", "お名前：…", or a table's cells a tab apart
# ("Name\tSanne", as a form service's notification reads as text).
# A colon between two digits is a time's ("Megan Ortiz  10:02"), not a label's.
# A label in lenticular brackets is a field too ("【お名前】佐藤 美咲", as Japanese form
# plugins write it, and their translations).
_FIELD = re.compile(
    r"^\s*(?:[■●•▪◆*-]\s*|【)?([^:：\t】]{1,40}?)\s*(?:(?<!\d)[:：]|[:：](?!\d)|\t|】)\s*(.*)$"
)
_RULE = re.compile(r"^\s*[-_=*~━─—–·•.]{3,}\s*$")
_LEGAL = re.compile(r"©|\(c\) ?\d{4}|copyright|all rights reserved", re.IGNORECASE)
_SENTENCE_END = (".", "?", "!", "。", "？", "！", "।", "؟", "…")
# A line of prose written without spaces between words (Chinese, Japanese, Thai).
_UNSPACED_PROSE = 20


def _words(text: str) -> list[str]:
    return text.split()


def _link_only(line: str) -> bool:
    """A link, alone or with a few words of label ("Review document: https://…")."""
    if not _URL.search(line):
        return False
    rest = _URL.sub(" ", line)
    rest = re.sub(r"[<>()\[\]|:：]", " ", rest)
    return len(_words(rest)) <= 5


def _label(line: str) -> bool:
    """A label or heading that introduces what follows: "Sender's message:"."""
    text = line.strip()
    return (
        (text.endswith((":", "：")) or (text.startswith("【") and text.endswith("】")))
        and 0 < len(_words(text)) <= 5
        and len(text) <= 50
        and "," not in text  # "Hi, two things:" begins a message
    )


def _field(line: str) -> bool:
    """A form's or a notice's short field: "Order number: 338011", "E-mail: jo@…"."""
    m = _FIELD.match(line)
    if m is None or not m.group(2).strip():
        return False
    label, value = m.group(1).strip(), m.group(2).strip()
    return (
        0 < len(_words(label)) <= 5
        and not label.endswith(".")  # a sentence before a colon is prose
        and "http" not in label.lower()
        and len(value) <= 80
    )


def _short(line: str) -> bool:
    """A short line without a sentence: a name, a heading, an item."""
    text = line.strip()
    return len(_words(text)) <= 4 and not text.endswith(_SENTENCE_END) and len(text) <= 40


def _service_line(line: str) -> bool:
    text = line.strip()
    return (
        _link_only(text)
        or _label(text)
        or (_field(text) and not _labelled_message(text) and not _sentence_field(text))
        or bool(_RULE.match(text))
        or bool(_LEGAL.search(text))
        or (bool(_EMAIL.fullmatch(text.strip("<>() "))))
        or is_footer_line(text)
        or _reply_hint(text)
        or _MESSAGE_LABEL_LINE.match(text) is not None
        or _machine_note(text)
        or postal_line(text)
        or bool(_RECEIVE_CONDITION.match(text))
    )


def _sentence_field(line: str) -> bool:
    """A label the person set before a sentence of their own ("Hora: 10:02, la impresora
    se reinició sola y ahora imprime todo dos veces."): a field of a word or two whose
    value reads as a sentence, long and ended, is the person's prose, not a form's or a
    notice's value."""
    m = _FIELD.match(line)
    if m is None:
        return False
    value = m.group(2).strip()
    return (
        len(_words(m.group(1))) <= _SENTENCE_FIELD_LABEL
        and len(_words(value)) >= _SENTENCE_FIELD_WORDS
        and value.endswith(_SENTENCE_END)
        and not _URL.search(value)
        and not _EMAIL.search(value)
    )


_SENTENCE_FIELD_WORDS = 8
# A word or two: a notice's longer label ("Ne továbbítsa ezt az e-mailt: ha …") is the
# service's.
_SENTENCE_FIELD_LABEL = 2


# A service's note to the reader who does not want its mail ("If you don't want to
# receive files from this person, block the sender", "Wenn Sie keine … erhalten möchten").
_RECEIVE_CONDITION = re.compile(
    r"^\W{0,3}(?:if you (?:don't|do not|no longer) (?:want|wish) to (?:receive|get)\b|"
    r"wenn sie (?:keine|diese)\b.{0,40}\b(?:nicht mehr )?(?:erhalten|empfangen) möchten|"
    r"si vous ne (?:souhaitez|voulez) (?:plus|pas) recevoir|si no (?:desea|deseas|quiere|"
    r"quieres) recibir|se non (?:desideri|vuoi|desidera) (?:più )?ricevere|"
    r"se (?:você )?não (?:deseja|quiser) (?:mais )?receber|als (?:je|u) (?:geen|deze)\b.{0,40}"
    r"\bwilt ontvangen|jeśli nie chcesz otrzymywać)",
    re.IGNORECASE,
)


def _reply_hint(line: str) -> bool:
    """A service's hint that a reply by mail reaches the person or the conversation
    ("You can reply to this email directly.", "Sie können direkt auf diese E-Mail
    antworten.", "このメールに直接返信することもできます。"): short, and not the person's
    own first person."""
    return (
        len(line) <= _HINT_CHARS
        and bool(_REPLY_HINT.search(line))
        and not any(q in line for q in _QUOTE_PAIRS)
        and not speaks_for_self(line)
    )


_HINT_CHARS = 140
# The hint, in the languages services send it in: the reader may reply to this mail
# (directly), or is told to reply to it to answer, comment or continue.
_REPLY_HINT = prefiltered(
    r"^\W{0,3}(?:"
    r"you (?:can|may) (?:also |simply )?reply (?:directly )?to this (?:e-?mail|message)|"
    r"(?:simply )?reply[- ](?:directly )?to this (?:e-?mail|message) to\b|"
    r"(?:sie können|du kannst) (?:auch )?(?:direkt|einfach) auf diese (?:e-?mail|nachricht) "
    r"antworten|antworten sie (?:direkt |einfach )?auf diese (?:e-?mail|nachricht),? um\b|"
    r"(?:vous pouvez|tu peux) (?:aussi |simplement )?répondre (?:directement )?à (?:cet|ce) "
    r"(?:e-?mail|message|courriel)|répondez (?:directement )?à (?:cet|ce) (?:e-?mail|message|"
    r"courriel) pour\b|"
    r"(?:puedes|puede) (?:también )?responder (?:directamente )?a este (?:correo|mensaje|"
    r"e-?mail)|responde (?:directamente )?a este (?:correo|mensaje) para\b|"
    r"(?:puoi|può) (?:anche )?rispondere (?:direttamente )?a quest[ao] (?:e-?mail|messaggio)|"
    r"rispondi a quest[ao] (?:e-?mail|messaggio) per\b|"
    r"(?:você pode|pode) (?:também )?responder (?:diretamente )?a est[ea] (?:e-?mail|mensagem)|"
    r"responda a est[ea] (?:e-?mail|mensagem) para\b|"
    r"(?:je kunt|u kunt) (?:ook )?(?:rechtstreeks|direct|gewoon) op (?:deze e-?mail|dit bericht) "
    r"(?:reageren|antwoorden)|beantwoord (?:deze e-?mail|dit bericht) om\b|"
    r"możesz (?:też )?odpowiedzieć (?:bezpośrednio )?na tę wiadomość|"
    r"odpowiedz na tę wiadomość,? aby\b|"
    r"na tento e-?mail (?:můžete|můžeš) (?:přímo )?odpovědět|"
    r"du kan (?:också )?svara direkt på (?:det här|detta) (?:mejl|e-?postmeddelande|meddelande)|"
    r"вы можете (?:также )?ответить (?:прямо |непосредственно )?на это (?:письмо|сообщение)|"
    r"ответьте на это (?:письмо|сообщение),? чтобы\b|"
    r"bu e-?postayı doğrudan yanıtlayabilirsiniz|"
    r"يمكنك الرد مباشرة على هذه الرسالة)|"
    r"^(?:この|本)メールに(?:直接)?返信(?:することもできます|すると|して)|"
    r"^(?:您|你)可以直接回复(?:此|这封|本)(?:邮件|郵件)|^直接回复(?:此|本)(?:邮件|郵件)",
    re.IGNORECASE,
)


def _prose(line: str) -> int:
    """How much of a sentence ``line`` is: its length when it reads as one, else 0."""
    text = line.strip()
    if not text or _service_line(text):
        return 0
    if len(_words(text)) >= 4 or text.endswith(_SENTENCE_END) or len(text) >= _UNSPACED_PROSE:
        return len(text)
    return 0


def _value_prose(value: str) -> int:
    """How much of a sentence a field's value on its label's line is: a colon inside it
    is the person's ("im Kontaktformular steht unter Nachricht: nur ein leeres Feld"),
    not another field."""
    text = value.strip()
    if not text or _link_only(text) or _EMAIL.fullmatch(text):
        return 0
    if len(_words(text)) >= 4 or text.endswith(_SENTENCE_END) or len(text) >= _UNSPACED_PROSE:
        return len(text)
    return 0


def _sentence(line: str) -> int:
    """How much of a sentence ``line`` is, strictly: a line ending as a sentence does,
    a long one, or one written without spaces; not a heading ("Jonas commented on a
    task", "Warehouse > Scanners > Dock 3")."""
    text = line.strip()
    if not _prose(text):
        return 0
    words = len(_words(text))
    if text.endswith(_SENTENCE_END) or words >= _SENTENCE_WORDS:
        return len(text)
    return len(text) if words <= 2 and len(text) >= _UNSPACED_PROSE else 0


_SENTENCE_WORDS = 10


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) ranges; a label line ("Sender's message:", or a
    message's label without its colon, "Wiadomość") heads a block of its own."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            if start is not None:
                out.append((start, i))
                start = None
            continue
        label = _label(line) or _MESSAGE_LABEL_LINE.match(line) is not None
        if label and start is not None:
            out.append((start, i))
            start = None
        if start is None:
            start = i
        if label:
            out.append((start, i + 1))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


def _is_service_block(lines: list[str]) -> bool:
    """A block of the service's: links, labels, fields, addresses, rules and legal lines
    (a heading may stand above them), or an address or a link with short lines beside it
    (the sender's name and address)."""
    body = lines[1:] if len(lines) > 1 and _short(lines[0]) else lines
    if all(_service_line(line) for line in body):
        return True
    if (
        len(body) > 2
        and all(_service_line(line) for line in body[:-1])
        and any(is_footer_line(line) for line in body[:-1])
        and len(body[-1].strip()) <= POSTAL_CHARS
        and not body[-1].rstrip().endswith(_SENTENCE_END)
    ):
        return True  # the footer's lines and, last, the company's line ("Acme Ltd, …")
    linked = any(_link_only(line) or _EMAIL.search(line) for line in lines)
    return linked and all(_service_line(line) or _short(line) for line in lines)


def enclosed_message(lines: list[str], writer: str = "") -> list[str]:
    """The person's words in a service's notification (``lines`` of its text, quotes
    already gone): a form's longest free-text field, else the first long stretch of
    prose between the service's blocks (the service's notes under the message may be
    longer); ``lines`` when they hold no such structure.  ``writer``: the name the From
    field gives, which the service may write on a line of its own above the words."""
    # A text between a heading and a closing line drawn alike ("---- Begin message ----"
    # / "---- End message ----") is the enclosed text, whatever fields the service
    # wrote around it.
    field = _framed_message(lines, closed=True)
    if field is None:
        field = _form_message(lines)
    if field is None:
        field = _stacked_form_message(lines)
    if field is None:
        field = _question_form_message(lines)
    if field is None:
        field = _framed_message(lines)
    if field is not None:
        return _unquoted(field)
    blocks = _blocks(lines)
    service = [_is_service_block(lines[a:b]) for a, b in blocks]
    if not any(service):
        return lines
    runs: list[list[int]] = []
    for k, is_service in enumerate(service):
        if is_service:
            continue
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    if not runs:
        return lines

    def score(run: list[int]) -> float:
        # Each paragraph weighed on its own: the service's notes under the message
        # ("Do not share this email" / "This message was sent automatically.") count
        # for less, the message above them does not.
        return sum(
            sum(_sentence(line) for line in text) * _weight(text) * _not_heading(text, writer)
            for text in (lines[slice(*blocks[k])] for k in run)
        )

    most = max(map(score, runs))
    if most < _UNSPACED_PROSE:
        return lines
    # The first long stretch, but not a one-line heading ("Olga sent you a document.").
    best = next(
        run
        for run in runs
        if score(run) == most
        or (score(run) >= _FIRST_RUN * most and blocks[run[-1]][1] - blocks[run[0]][0] > 1)
    )
    best = _without_sections(lines, blocks, best, writer)
    if best[-1] + 1 < len(blocks):  # the service's blocks under the run
        best = _before_button(lines, blocks, best)
    best = _without_head(lines, blocks, best, writer)
    best = _without_tail(lines, blocks, best)
    start, end = blocks[best[0]][0], blocks[best[-1]][1]
    return _unquoted(_unlabelled(_from_label(_after_name(lines[start:end], writer, lines[:start]))))


def _before_button(lines: list[str], blocks: list[tuple[int, int]], run: list[int]) -> list[int]:
    """The run up to a button's label on a paragraph of its own under the message, its
    link lost with the HTML ("Reply", "Nachricht ansehen", "Répondre", "返信する"): what
    is under it is the service's notes ("Always communicate through …")."""
    for n, k in enumerate(run[1:], start=1):
        block = [line.strip() for line in lines[slice(*blocks[k])] if line.strip()]
        if len(block) == 1 and _button(block[0]):
            above = [line for j in run[:n] for line in lines[slice(*blocks[j])]]
            below = [line for j in run[n + 1 :] for line in lines[slice(*blocks[j])]]
            if sum(map(_sentence, above)) >= _UNSPACED_PROSE and not any(
                speaks_for_self(line) for line in below
            ):
                # (A person's words under it — "See you soon" / "I attached the
                # invoice." — make it theirs, not a button.)
                return run[:n]
    return run


def _button(line: str) -> bool:
    """A button's label: a few words without a sentence's punctuation or a number, one
    of them a verb of answering, viewing or opening."""
    return (
        0 < len(_words(line)) <= _BUTTON_WORDS
        and len(line) <= _BUTTON_LENGTH
        and not line.endswith(_CLAUSE_END)
        and not any(c.isdigit() for c in line)
        and _BUTTON_VERB.search(line) is not None
    )


_BUTTON_WORDS = 4
_BUTTON_LENGTH = 40
# The verbs of a service's buttons under a message, in the languages services send in.
_BUTTON_VERB = re.compile(
    r"(?<!\w)(?:reply|respond|answer|view|open|see|read|"
    r"antworten|beantworten|ansehen|anzeigen|öffnen|lesen|"
    r"répondre|voir|ouvrir|afficher|consulter|lire|"
    r"responder|ver|abrir|mostrar|leer|visualizar|ler|"
    r"rispondi|rispondere|visualizza|apri|vedi|leggi|"
    r"reageren|antwoorden|beantwoorden|bekijk|bekijken|openen|lezen|"
    r"odpowiedz|odpowiedź|zobacz|otwórz|wyświetl|przeczytaj)(?!\w)|"
    r"返信|表示|開く|を見る|确认|回复|查看|打开",
    re.IGNORECASE,
)


def _not_heading(text: list[str], writer: str) -> float:
    """0 for the service's heading that names the writer in the third person on a line
    of its own ("Claire Dubois vous invite à signer le document « Contrat 2025 ».",
    "Jonas Weber hat Ihnen ein Dokument … gesendet."), which is no stretch of their
    words; 1 for any other paragraph."""
    content = [line for line in text if line.strip()]
    heading = (
        len(content) == 1 and _mentions(content[0], writer) and not speaks_for_self(content[0])
    )
    return 0.0 if heading else 1.0


def _labelled_message(line: str) -> bool:
    """A message on its label's line ("留言： 您好，…"): the person's text, however short
    a field's value it would make."""
    m = _MESSAGE_LABEL.match(line)
    return m is not None and bool(_value_prose(line[m.end() :]))


def _unlabelled(lines: list[str]) -> list[str]:
    """``lines`` without the service's label on the first line of the message ("Message:
    Hi, the scanner …", "Nachricht: …", "Mensaje: …", "留言：…"): a label that names a
    message or a comment, its text after it on the same line."""
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _MESSAGE_LABEL_LINE.match(line):
            return (
                [*lines[:i], *lines[i + 1 :]] if any(x.strip() for x in lines[i + 1 :]) else lines
            )
        m = _MESSAGE_LABEL.match(line)
        if m is None or not _prose(line[m.end() :]):
            return lines
        return [*lines[:i], line[m.end() :], *lines[i + 1 :]]
    return lines


def _from_label(lines: list[str]) -> list[str]:
    """``lines`` from the service's label of the message further down ("Has recibido un
    nuevo pedido de Lucía Romero." / the order's rows / "Total: 41,90 €" / "Nota: Hola,
    …"): a label that heads its paragraph or stands under a field, over more prose than
    all the lines above it hold (a person's "Comment: …" under their own words stays)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    for i in content[1:]:
        line = lines[i]
        m = _MESSAGE_LABEL.match(line)
        alone = _MESSAGE_LABEL_LINE.match(line) is not None and any(
            x.strip() for x in lines[i + 1 :]
        )
        if not alone and (m is None or not _value_prose(line[m.end() :])):
            continue
        if lines[i - 1].strip() and not _field(lines[i - 1]):
            return lines
        below = [line[m.end() :]] if m is not None and not alone else []
        below += lines[i + 1 :]
        if sum(map(_prose, below)) > sum(map(_prose, lines[:i])):
            return lines[i:]
        return lines
    return lines


# What a service calls the person's message on the label before it, in the languages
# services write their notifications in.
_MESSAGE_WORDS = (
    r"(?:your |the |sender'?s |member'?s |customer'?s )?(?:message|comments?|enquiry|inquiry)|"
    r"message body|(?:customer |order )?(?:provided )?notes?|anmerkung(?:en)?|bemerkung(?:en)?|"
    r"remarques?|notas?|opmerking|uwagi|備考|"
    r"(?:ihre |deine )?(?:nachricht|mitteilung|kommentar|anfrage)|"
    r"(?:votre |ton )?(?:message|commentaire)|(?:su |tu )?(?:mensaje|comentarios?|consulta)|"
    r"(?:il tuo |il suo )?(?:messaggio|commento)|(?:sua |a sua )?(?:mensagem|comentário)|"
    r"(?:uw |je )?(?:bericht|opmerkingen?)|wiadomość|treść(?: wiadomości)?|komentarz|"
    r"zpráva|text zprávy|komentář|(?:ditt )?meddelande|kommentar|"
    r"(?:ваше )?(?:сообщение|комментарий)|mesaj(?:ınız)?|yorum|"
    r"メッセージ|お問い合わせ内容|本文|コメント|留言(?:内容)?|消息|评论|"
    r"الرسالة|رسالة|تعليق|نص الرسالة"
)
_MESSAGE_LABEL = re.compile(
    rf"^\s*(?:[■●•▪◆*-]\s*)?(?:{_MESSAGE_WORDS})\s*[:：]\s*|^\s*【(?:{_MESSAGE_WORDS})】\s*",
    re.IGNORECASE,
)
# … alone on its line over the text, as an HTML form's label reads ("Wiadomość").
_MESSAGE_LABEL_LINE = re.compile(
    rf"^\s*(?:[■●•▪◆*-]\s*)?(?:{_MESSAGE_WORDS})\s*[:：]?\s*$|^\s*【(?:{_MESSAGE_WORDS})】\s*$",
    re.IGNORECASE,
)
# A service's introduction of the message that speaks of it ("Sanne heeft je een bericht
# gestuurd over Linnen jurk, M:").
_MESSAGE_NOUN = re.compile(
    r"\b(?:message|nachricht|bericht|mensaje|messaggio|mensagem|wiadomoś\w*|zpráv\w*|"
    r"meddelande|сообщени\w*|mesaj\w*)\b|メッセージ|留言|消息|رسالة",
    re.IGNORECASE,
)


# The message is the first stretch of prose at least this share of the longest one.
_FIRST_RUN = 0.4


def _after_name(lines: list[str], writer: str, above: Sequence[str] = ()) -> list[str]:
    """``lines`` from under the line that names the writer alone ("Jéssica Moura",
    "Megan Ortiz:"), the service's heading of the message; the name in full, never a
    first name signed under the text.  The service's heading ``above`` may name the
    writer where the From field does not ("Megan Ortiz sent you a message" / "Megan
    Ortiz" / the words): a name on the first line that the heading holds goes too."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    for i in content[:-1]:
        if _names(lines[i], writer):
            return _after_time(lines[i + 1 :])
    if len(content) > 1 and (_stamp(lines[content[0]]) or _named_above(lines[content[0]], above)):
        return _after_time(lines[content[0] + 1 :])
    if (
        len(content) > 2
        and _short(lines[content[0]])
        and _written_as_name(lines[content[0]])
        and _TIME.fullmatch(lines[content[1]].strip()) is not None
    ):
        # The author's name over the time on a line of its own ("Jonas Weber" / "10:42").
        return lines[content[1] + 1 :]
    return lines


def _after_time(lines: list[str]) -> list[str]:
    """``lines`` without the time on a line of its own at their head, under the name
    that went ("Jonas Weber" / "10:42" / the words), when words follow it."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) > 1 and _TIME.fullmatch(lines[content[0]].strip()) is not None:
        return lines[content[0] + 1 :]
    return lines


def _named_above(line: str, above: Sequence[str]) -> bool:
    """Whether ``line`` is a name alone (:func:`_written_as_name`) that a line ``above``
    holds."""
    text = line.strip().rstrip(":：")
    return _written_as_name(line) and any(text in " ".join(_words(a)) for a in above if a.strip())


def _written_as_name(line: str) -> bool:
    """Whether ``line`` is written as a name alone: two to four words, the first and the
    last capitalised or of a script without case ("Sanne de Vries" allowing its
    particle), no sentence's end ("New start time" is no name)."""
    text = line.strip().rstrip(":：")
    words = _words(text)
    return (
        2 <= len(words) <= _NAME_WORDS
        and len(text) <= _DETAIL_LENGTH
        and not text.endswith(_CLAUSE_END)
        and all(w[0].isalpha() for w in words)
        and words[0][0].upper() == words[0][0]
        and words[-1][0].upper() == words[-1][0]
    )


_NAME_WORDS = 4


def _stamp(line: str) -> bool:
    """A chat's or a thread's line over a message: the author's name and the time it was
    written ("Megan Ortiz  10:02 AM", "Megan Ortiz · 4 Jun, 10:02") — a few words, a
    time, no sentence."""
    text = line.strip()
    # The words of the name and the date's month and prepositions ("Lucía Romero · 4 de
    # junio de 2025, 10:02"): the numbers and the dots between do not count.
    worded = [w for w in _words(text) if any(c.isalpha() for c in w)]
    return (
        len(worded) <= _STAMP_WORDS
        and len(_words(text)) <= _STAMP_LENGTH
        and _TIME.search(text) is not None
        and not text.endswith((*_SENTENCE_END, ",", "，", ":", "："))
        and not _URL.search(text)
    )


_STAMP_WORDS = 6
_STAMP_LENGTH = 12
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?![\d.:])")


def _names(line: str, writer: str) -> bool:
    """Whether ``line`` is the writer's full name alone (a colon after it or not)."""
    name = name_words(writer)
    return len(name) >= 2 and [fold_accents(w) for w in line.strip().rstrip(":：").split()] == name


def _weight(text: list[str]) -> float:
    """Prose among legal or footer lines is the service's own: it counts for less."""
    legal = any(_LEGAL.search(line) or is_footer_line(line) for line in text)
    return _LEGAL_WEIGHT if legal else 1.0


_LEGAL_WEIGHT = 0.3


def _without_head(
    lines: list[str], blocks: list[tuple[int, int]], run: list[int], writer: str
) -> list[int]:
    """The run without the service's heading and its lines naming the writer above the
    message: everything down to a block whose line ending with a colon introduces an
    item ("… sent you a message about:" / "Linen dress, M · 189,00 zł"), then headings,
    names and details without a sentence's punctuation ("New message from Katerina" /
    "Katerina" / "Guest · Villa Elia · 25–30 Apr"), and a line ending with a colon that
    names the writer ("Eszter Szilágyi (eszter@…) wrote:")."""
    for n, k in enumerate(run[:-1]):
        block = lines[slice(*blocks[k])]
        for i, line in enumerate(block[:-1]):
            below = block[i + 1 :]
            if line.rstrip().endswith((":", "：")) and not any(
                x.rstrip().endswith(_SENTENCE_END) for x in below
            ):
                return _without_head(lines, blocks, run[n + 1 :], writer)
    for n, k in enumerate(run[: min(len(run) - 1, _INTRO_BLOCKS)]):
        # The service's introduction of the message, with the item or the person it
        # names by its link or address ("Petra hat dir eine Nachricht zu [Leinenkleid,
        # M](https://…) geschickt:"): it and its greeting above go.
        block = [line for line in lines[slice(*blocks[k])] if line.strip()]
        last = block[-1].rstrip()
        if (
            len(block) <= _DETAIL_LINES
            and last.endswith((":", "："))
            and (
                _URL.search(last)
                or _EMAIL.search(last)
                or (_MESSAGE_NOUN.search(last) and len(last) <= _HEADING_LENGTH)
            )
        ):
            return _without_head(lines, blocks, run[n + 1 :], writer)
        if len(block) >= 2 and len(block) <= _DETAIL_LINES and _link_only(last):
            # … or with the item after its colon and the item's link under it ("marc_k
            # t'a envoyé un message à propos de : Veste d'hiver" / "https://…").
            intro = block[-2]
            colon = max(intro.find(":"), intro.find("："))
            if (
                colon > 0
                and len(intro) <= _HEADING_LENGTH
                and _MESSAGE_NOUN.search(intro[:colon])
                and not intro.rstrip().endswith(_SENTENCE_END)
            ):
                return _without_head(lines, blocks, run[n + 1 :], writer)
    while len(run) > 1:
        block = [line for line in lines[slice(*blocks[run[0]])] if line.strip()]
        # A service's heading of a line ("Megan Ortiz commented on the card Till 2 scanner
        # on Store ops"), longer than a detail, over the message.
        heading = len(block) == 1 and _heading_line(block[0])
        introduces = block[-1].rstrip().endswith((":", "：")) and (
            _EMAIL.search(block[-1]) is not None or _mentions(block[-1], writer)
        )
        # "Eszter Szilágyi sent you a document to sign: …": the writer in the third
        # person, whose own words do not name them in full.
        named = len(block) <= 2 and any(_mentions(line, writer) for line in block)
        # "Sanne de Vries heeft een opmerking toegevoegd:", "Lucía Romero comentó:": who
        # did what, over the entry, as a ticket system or a tracker writes it.
        noted = len(block) == 1 and (
            NOTIFICATION_HEAD.match(block[0].strip()) is not None
            or (len(block[0].strip()) <= _HEADING_LENGTH and _UPDATE_NOTICE.search(block[0]))
        )
        if not (_unpunctuated(block) or heading or introduces or named or noted):
            break
        run = run[1:]
    return run


# A tracker's sentence over an update: the item changed and by whom ("Issue #4521 has
# been updated by Megan Ortiz.", "Ticket #4521 wurde von Petra Vogel aktualisiert."), as
# Redmine and the trackers like it write it above the list of changes and the note.
_UPDATE_NOTICE = re.compile(
    r"\b(?:has been|was) (?:updated|created|edited|reopened|resolved|closed) by\b|"
    r"\bwurde von\b.{1,60}\b(?:aktualisiert|erstellt|bearbeitet|geändert|geschlossen)\b|"
    r"\ba été (?:mise? à jour|créée?|modifiée?|fermée?|résolue?) par\b|"
    r"\bha sido (?:actualizad[ao]|cread[ao]|modificad[ao]|cerrad[ao]|resuelt[ao]) por\b|"
    r"\bfoi (?:atualizad[ao]|criad[ao]|modificad[ao]|fechad[ao]|resolvid[ao]) por\b|"
    r"\bè stat[ao] (?:aggiornat[ao]|creat[ao]|modificat[ao]|chius[ao]|risolt[ao]) da\b|"
    r"\bis (?:bijgewerkt|aangemaakt|gewijzigd|gesloten|opgelost) door\b|"
    r"\bzostał[ao]? (?:zaktualizowan[aey]|utworzon[aey]|zmienion[aey]|zamknięt[aey]) przez\b|"
    r"(?:さん)?によって(?:更新|作成|変更)されました",
    re.IGNORECASE,
)


def _unpunctuated(block: list[str]) -> bool:
    """A heading, a name, an item's details: a few short lines, none ending as a
    sentence, a greeting or an introduction does."""
    return len(block) <= _DETAIL_LINES and all(
        len(line.strip()) <= _DETAIL_LENGTH and not line.rstrip().endswith(_CLAUSE_END)
        for line in block
    )


_DETAIL_LINES = 3
# A greeting's comma in the scripts mail is written in ("Hallo,", "مرحبًا،", "您好，").
_COMMAS = (",", "，", "،", "、")
# How a sentence, a greeting, a clause or an introduction ends: no heading ends so.
_CLAUSE_END = (*_SENTENCE_END, *_COMMAS, ":", "：", ";", "؛", ")")
# How many paragraphs of a run a service's introduction of the message is looked for in.
_INTRO_BLOCKS = 3
_DETAIL_LENGTH = 60
_HEADING_LENGTH = 100


def _heading_line(line: str) -> bool:
    """A service's heading on a line of its own: without a sentence's punctuation, no
    longer than a heading is."""
    text = line.strip()
    return len(text) <= _HEADING_LENGTH and not text.endswith(_CLAUSE_END)


_HEADING_WORDS = 6


def _mentions(line: str, writer: str) -> bool:
    name = name_words(writer)
    return len(name) >= 2 and " ".join(name) in " ".join(fold_accents(line).split())


def _without_tail(lines: list[str], blocks: list[tuple[int, int]], run: list[int]) -> list[int]:
    """The run without what the service writes under the message: a file's or an
    item's card (short lines without a sentence's punctuation) and a call to action
    ("Click here to review and sign: https://…")."""
    while len(run) > 1:
        block = [line for line in lines[slice(*blocks[run[-1]])] if line.strip()]
        linked = len(block) <= 2 and (_call_to_action(block[-1]) or _link_only(block[-1]))
        noted = len(block) <= 2 and any(_SERVICE_NOTE.search(line) for line in block)
        if not (_unpunctuated(block) or linked or noted):
            break
        run = run[:-1]
    return run


def _call_to_action(line: str) -> bool:
    m = _URL.search(line)
    if m is None or line[m.end() :].strip(" >)]"):
        return False
    text = line[: m.start()].rstrip(" <([")
    return text.endswith((":", "：")) and len(_words(text)) <= 12


def _without_sections(
    lines: list[str], blocks: list[tuple[int, int]], run: list[int], writer: str
) -> list[int]:
    """The run up to the service's first section under the message: a block headed by a
    short line without a sentence's end ("Do not share this email" / its text), under
    more prose than it holds (a chat's "Marco Bellini" / his message is the message)."""
    above = 0
    sentences = 0
    # Not above the paragraph that holds most of the run's prose, unless sentences stay
    # above the cut: a device's fields over the message are no section under it.
    prose = [sum(map(_prose, lines[slice(*blocks[k])])) for k in run]
    main = prose.index(max(prose))
    for n, k in enumerate(run[1:], start=1):
        block = lines[slice(*blocks[k])]
        above += prose[n - 1]
        sentences += sum(map(_sentence, lines[slice(*blocks[run[n - 1]])]))
        # Another section after it: the service's notes come several at a time.
        more = any(_section(lines[slice(*blocks[j])], writer) for j in run[n + 1 :])
        message_above = n > main or sentences >= 2 * _UNSPACED_PROSE
        if message_above and (above >= prose[n] or more) and _section(block, writer):
            return run[:n]
    return run


def _section(block: list[str], writer: str) -> bool:
    """A block headed by a short line without a sentence's end, over text."""
    head = block[0].strip()
    return (
        len(block) >= 2
        and not _names(head, writer)
        and len(_words(head)) <= _HEADING_WORDS
        and len(head) <= _DETAIL_LENGTH
        and not head.endswith((*_SENTENCE_END, ",", ":", "："))
        and not head.startswith(("-", "*", "•", "–"))
        and not head[:1].isdigit()
    )


def _field_with_text(line: str) -> bool:
    """A field whose value is a text on the label's line ("Message : Depuis lundi, …"):
    a label of a word or three before the colon."""
    m = _FIELD.match(line)
    return (
        m is not None
        and bool(m.group(2).strip())
        and 0 < len(_words(m.group(1))) <= _TEXT_LABEL_WORDS
        and not m.group(1).strip().endswith(".")
        and "http" not in m.group(1).lower()
    )


_TEXT_LABEL_WORDS = 3

# A form's fields, at least: name, address and message.
_FORM_FIELDS = 3


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """``lines`` in paragraphs: runs of lines between blank lines."""
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _paragraph_prose(paragraph: list[str]) -> float:
    return sum(map(_prose, paragraph)) * _weight(paragraph)


# A line of prose as a program wraps it: this many words or more.
_WRAPPED_WORDS = 6


def _runs_on(lines: list[str], i: int) -> bool:
    """Whether line ``i``, which reads as a field ("afgeschreven: de terminal geeft …"),
    is a sentence that runs on from the line above: a program wrapped the paragraph where
    a word with a colon fell.  The line above is prose without a sentence's end, and the
    label starts in lower case (a form of lower-case labels has fields above it), and no
    field follows it (the form's fields stand one under the other: "phone: +48 …" /
    "company: Wrona Logistics" under a message that ends without a full stop)."""
    if i == 0:
        return False
    above, text = lines[i - 1].strip(), lines[i].strip()
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return (
        text[:1].islower()
        and len(_words(above)) >= _WRAPPED_WORDS
        and not above.endswith((*_SENTENCE_END, ":", "："))
        and not _field(above)
        and not _field(below)
    )


def _before_data(value: list[str], above: list[str]) -> list[str]:
    """A field's value written on its label's line, up to a paragraph of the service's
    data under it: a label of a few words, lines of no prose under it, three lines or
    more, one of them an e-mail address, a telephone number or the name the service's
    lines ``above`` give ("Note: Hello, …" / "" / "Billing address" / "Megan Ortiz" / the
    street / the town) — the order's next block, not more of the person's words. A block
    the person's words announce, or an address they add with nothing the service
    records of them ("Back door" / the street / the town), is theirs."""
    for j in range(1, len(value)):
        if value[j - 1].strip() or not value[j].strip():
            continue
        end = next((k for k in range(j, len(value)) if not value[k].strip()), len(value))
        block = value[j:end]
        label = block[0].strip()
        if announced(value, j):
            continue  # "Please deliver to our new address:" / the address: the person's
        if (
            len(block) >= _DATA_LINES
            and len(label.split()) <= _DATA_LABEL_WORDS
            and not label.endswith(_SENTENCE_END)
            and all(_data_line(line) for line in block[1:])
            and any(_recorded(line.strip(), above) for line in block[1:])
        ):
            return value[:j]
    return value


def _recorded(line: str, above: list[str]) -> bool:
    """Whether ``line`` is what a service records of a person: an e-mail address, a
    telephone number, or a name its lines ``above`` give ("… a new order from Megan
    Ortiz.")."""
    if _EMAIL.search(line) or sum(ch.isdigit() for ch in line) >= _PHONE_DIGITS:
        return True
    return _written_as_name(line) and any(line in a for a in above)


_PHONE_DIGITS = 7


def _data_line(line: str) -> bool:
    """A line of a block of data: a few words, no sentence's end ("Dock 4, Hafenstraße
    1", "+49 40 555 0100")."""
    text = line.strip()
    return len(text.split()) <= _DATA_LINE_WORDS and not text.endswith(_SENTENCE_END)


_DATA_LINES = 3
_DATA_LABEL_WORDS = 4
_DATA_LINE_WORDS = 5


def _form_message(lines: list[str]) -> list[str] | None:
    """The value of a form's free-text field: a form has at least three fields ("Name:
    Sanne", or the label alone on its line and the value under it), and the message is
    the field whose value holds the most prose, up to the next field or the service's
    lines."""
    starts: list[tuple[int, int]] = []  # (label line, first line of its value)
    for i, line in enumerate(lines):
        text = line.strip()
        if (_label(text) and not _URL.search(text)) or _dashed_label(text):
            starts.append((i, i + 1))
        elif (_field(text) and not _runs_on(lines, i)) or (
            starts and starts[-1][1] == i - 1 and _field_with_text(text)
        ):
            starts.append((i, i))
    # The service's buttons ("View ticket: https://…", "Open in Slack: https://…") end a
    # field but are none of the form's: a comment over three of them is no form.
    if sum(not _link_only(lines[at]) for at, _ in starts) < _FORM_FIELDS:
        return None
    best: tuple[float, list[str], bool, int] | None = None
    for n, (at, value_at) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        value = lines[value_at:end]
        m = _FIELD.match(lines[at])
        if value_at == at and m is not None:  # "Message: the first line …"
            value = [m.group(2), *value[1:]]
            if not _value_prose(m.group(2)) and not m.group(2).rstrip().endswith((",", "，", ":")):
                # A short value ("Order number: 17-09845-33120") is its line and the
                # lines under it: the paragraph below is not the field's.
                value = value[: next((j for j, x in enumerate(value) if not x.strip()), None)]
        if value_at == at and m is not None:
            value = _before_data(value, lines[:at])
        # Legal lines under the value make it the service's text; a footer line ("This
        # is an automated message …") under a voicemail's transcription does not.
        legal = any(_LEGAL.search(line) for line in value)
        # The value ends where the service's lines begin.
        for j, line in enumerate(value):
            if j and line.strip() and _service_line(line) and not _field(line):
                value = value[:j]
                break
            if j and not value[j - 1].strip() and _SERVICE_NOTE.search(line):
                value = value[:j]  # "The voicemail recording is attached to this email."
                break
        inline = value_at == at and m is not None
        chars = sum(
            _value_prose(line) if inline and j == 0 else _prose(line)
            for j, line in enumerate(value)
        ) * (_LEGAL_WEIGHT if legal else _weight(value))
        if best is None or chars > best[0]:
            best = (chars, value, value_at > at, value_at)
    if best is None or best[0] < 2 * _UNSPACED_PROSE:
        return None
    chars, value, under_label, value_at = best
    # The field holds most of the text's prose: a notification's links under a
    # message are not a form.  A value under a label of its own ("■お問い合わせ内容："
    # / the text) need only hold more than any paragraph of the service's around it
    # (its greeting above the fields, its notes under them).
    outside = lines[:value_at] + lines[value_at + len(value) :]
    # So need a message's field on its label's line ("Bericht: Hoi, …").
    labelled = under_label or _MESSAGE_LABEL.match(lines[value_at]) is not None
    if chars < sum(map(_prose, lines)) / 2 and not (
        labelled and chars > max(map(_paragraph_prose, _paragraphs(outside)), default=0)
    ):
        return None
    while value and not value[-1].strip():
        value = value[:-1]
    return _answer(value, lines[value_at - 1] if under_label else "")


def _answer(value: list[str], label: str) -> list[str]:
    """A field's ``value`` without the question a booking form asked over its answer
    ("Questions:" / "Please share anything that will help prepare for our meeting." /
    the answer): the question is the service's, the answer the person's words, and the
    service's one-line links under it ("View event in Calendly") go too.  Only a question
    the form asks of a meeting, or any question under a label that names the questions:
    a message that opens with its own question ("Can you help?" / …) stays whole."""
    first = next((j for j, line in enumerate(value) if line.strip()), None)
    if first is None or first + 1 >= len(value) or not value[first + 1].strip():
        return value  # no answer under the first line, in its paragraph
    head = value[first].strip()
    asked = (_BOOKING_PROMPT.search(head) and _PREPARE.search(head)) or (
        _QUESTIONS_LABEL.match(label.strip()) and _question(head)
    )
    if not asked:
        return value
    value = value[first + 1 :]
    # The service's one-line paragraphs under the answer, without a sentence's end.
    while len(value) >= 2:
        end = max(j for j, line in enumerate(value) if line.strip())
        start = end
        while start > 0 and value[start - 1].strip():
            start -= 1
        if start == 0 or start != end or value[end].rstrip().endswith(_SENTENCE_END):
            break
        value = value[:start]
        while value and not value[-1].strip():
            value = value[:-1]
    return value


# A booking form's question of the meeting, as scheduling services ask it by default:
# "Please share anything that will help prepare for our meeting.", "Bitte teilen Sie
# uns alles mit, was zur Vorbereitung unseres Termins beiträgt."
_BOOKING_PROMPT = re.compile(
    r"^(?:please |kindly )?(?:share|tell us|let us know|describe|provide)\b.{0,80}"
    r"\b(?:meeting|call|appointment|session|consultation|visit|demo)\W*$|"
    r"^bitte (?:teilen|geben|beschreiben)\b.{0,80}\b(?:termin\w*|treffen\w*|besprechung|"
    r"gespräch\w*)\b.{0,30}$|"
    r"^(?:veuillez|merci de) (?:partager|indiquer|décrire)\b.{0,80}\b(?:réunion|rendez-vous|"
    r"entretien|appel)\b.{0,20}$|"
    r"^(?:por favor,? )?(?:comparte|comparta|indica|indique|describe|describa)\b.{0,80}"
    r"\b(?:reunión|cita|llamada|sesión)\b.{0,20}$|"
    r"^(?:per favore,? )?(?:condividi|indica|descrivi)\b.{0,80}\b(?:riunione|incontro|"
    r"appuntamento|chiamata)\b.{0,20}$|"
    r"^(?:deel|geef|beschrijf)\b.{0,80}\b(?:afspraak|vergadering|gesprek|meeting)\b.{0,20}$|"
    r"^(?:por favor,? )?(?:compartilhe|partilhe|indique|descreva)\b.{0,80}\b(?:reunião|"
    r"encontro|chamada|consulta)\b.{0,20}$|"
    r"^(?:proszę )?(?:podziel się|podaj|opisz)\b.{0,80}\b(?:spotkani\w*|rozmow\w*|"
    r"wizyt\w*)\b.{0,20}$",
    re.IGNORECASE,
)
# … that asks for anything that helps prepare it ("Please share the slides from our last
# meeting." is a person's request).
_PREPARE = re.compile(
    r"anything|prepar|vorbereit|alles|\btout\b|cualquier|qualsiasi|qualquer|voorbereid|"
    r"przygotow|wszystk",
    re.IGNORECASE,
)
# A label over a booking form's questions and their answers.
_QUESTIONS_LABEL = re.compile(
    r"^(?:questions?|fragen|preguntas|domande|vragen|perguntas|pytania)(?: and answers)?\s*[:：]$",
    re.IGNORECASE,
)


# A form's label drawn between dashes, as WPForms writes its plain-text notification
# ("--- Comment or Message ---" over the value, blank lines around).
_DASHED_LABEL = re.compile(r"^\s*-{3}\s+([^\s-][^:：]{0,40}?)\s+-{3}\s*$")


def _dashed_label(line: str) -> bool:
    m = _DASHED_LABEL.match(line)
    return m is not None and 0 < len(_words(m.group(1))) <= _TEXT_LABEL_WORDS + 2


# Quotation marks a service sets around the person's words ("Hanna Berg sent a message
# to Acme Shop" / "“…”"): the opening mark and its closing one.
_QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "「": "」", "『": "』"}


def _unquoted(lines: list[str]) -> list[str]:
    """``lines`` without the quotation marks the service set around them: the first
    line opens with a mark, the last closes with its pair, and neither appears between."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return lines
    first, last = content[0], content[-1]
    head, tail = lines[first].lstrip(), lines[last].rstrip()
    close = _QUOTE_PAIRS.get(head[:1])
    if close is None or not tail.endswith(close) or (first == last and len(head) < 2):
        return lines
    inner = "\n".join(lines[first : last + 1]).strip()[1:-1]
    if head[0] in inner or close in inner:
        return lines
    return [*lines[:first], *inner.split("\n"), *lines[last + 1 :]]


# A service's note on what it attached to its own mail, a paragraph under the person's
# words: "The voicemail recording is attached to this email.", "Die Aufnahme ist dieser
# E-Mail angehängt."  A person who writes in a form cannot attach to its mail.
_SERVICE_NOTE = re.compile(
    r"\b(?:is|are) attached to this (?:e-?mail|message)\b|"
    r"\b(?:ist|sind) (?:dieser|der) (?:e-?mail|nachricht) (?:angehängt|beigefügt)|"
    r"\b(?:est|sont) joint(?:e|s|es)? (?:à|a) (?:ce|cet) (?:message|e-?mail|courriel)|"
    r"\bse adjunta (?:a|en) este (?:correo|mensaje)|\badjunt[oa] a este (?:correo|mensaje)|"
    r"\b(?:è|sono) allegat[aoie] a quest[ao] (?:e-?mail|messaggio)|"
    r"\bis (?:bijgevoegd|toegevoegd) aan (?:deze e-?mail|dit bericht)|"
    r"\b(?:jest|są) załączon\w* do tej wiadomości|"
    # A Japanese service's "this mail is sent from a send-only address".
    r"(?:送信|配信)専用",
    re.IGNORECASE,
)


# A heading set in a rule: "---- Transcription (automatic, may contain errors) ----".
_FRAMED_HEADING = re.compile(r"^\s*([-=*~])\1{2,}\s*([^:：\s][^:：]{0,60}?)\s*\1{3,}\s*$")


def _framed_heading(line: str) -> bool:
    """A heading drawn in a rule, with words in it: not a rule alone, not the service's
    notice ("---- Do not reply to this email ----")."""
    m = _FRAMED_HEADING.match(line)
    return m is not None and any(c.isalpha() for c in m.group(2)) and not is_footer_line(m.group(2))


def _framed_message(lines: list[str], closed: bool = False) -> list[str] | None:
    """The text a service sets under a heading drawn in a rule and over a closing rule
    (or the end of the mail): a telephone system's transcription of a voicemail under its
    "---- Transcription ----" line, below the system's own notice of the call.  With
    ``closed``, only a text closed by a line drawn as its heading is."""
    for i, line in enumerate(lines):
        if not _framed_heading(line):
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(lines))
                if _RULE.match(lines[j]) or _framed_heading(lines[j])
            ),
            len(lines),
        )
        inner = lines[i + 1 : end]
        # A closing line drawn as the heading was ("---- End message ----") closes the
        # text; a heading over more text after it begins another of the service's sections.
        closing = end < len(lines) and _framed_heading(lines[end])
        if closed and not closing:
            return None
        if any(map(_framed_heading, lines[end + 1 if closing else end :])):
            return None  # sections of the service's, not one enclosed text
        if sum(map(_sentence, inner)) * _weight(inner) < 2 * _UNSPACED_PROSE:
            return None
        while inner and not inner[0].strip():
            inner = inner[1:]
        while inner and not inner[-1].strip():
            inner = inner[:-1]
        return inner
    return None


# A label over its value: a word or two, without a colon or a sentence's end.
_STACKED_LABEL_WORDS = 3
_STACKED_LABEL_LENGTH = 30


def _stacked_label(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(_words(text)) <= _STACKED_LABEL_WORDS
        and len(text) <= _STACKED_LABEL_LENGTH
        and not text.endswith((*_SENTENCE_END, ",", "，", ":", "："))
        and not any(c.isdigit() for c in text)
        and not _EMAIL.search(text)
        and not _URL.search(text)
    )


def _stacked_form_message(lines: list[str]) -> list[str] | None:
    """The free-text value of a form written as labels over values without a colon, as
    an HTML form notification reads as text ("Name" / "Maryam Rezaei" / "Email" /
    "maryam@…" / "Message" / the text): at least three labels over one-line values, one
    of them an e-mail address, the last value (the text) running to the paragraph's
    end; the value with the most prose is the message.  The form may begin under the
    service's heading ("New submission: Contact form"): at one of the first paragraphs."""
    starts = [
        i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())
    ]
    for start in starts[:_FORM_START_PARAGRAPHS]:
        found = _stacked_form_at(lines, start)
        if found is not None:
            return found
    return None


_FORM_START_PARAGRAPHS = 3


def _stacked_form_at(lines: list[str], i: int) -> list[str] | None:
    """The message of a form of stacked labels that begins on line ``i``, if one does."""
    values: list[list[str]] = []
    while i + 1 < len(lines) and _stacked_label(lines[i]) and lines[i + 1].strip():
        if _prose(lines[i + 1]) and not _stacked_label(lines[i + 2] if i + 2 < len(lines) else ""):
            # A text: to the end of its paragraph.
            end = next((j for j in range(i + 1, len(lines)) if not lines[j].strip()), len(lines))
            values.append(lines[i + 1 : end])
            break
        values.append([lines[i + 1]])
        i += 2
    if len(values) < _FORM_FIELDS or not any(_EMAIL.search(v[0]) for v in values):
        return None
    best = max(values, key=lambda v: sum(map(_prose, v)))
    return best if sum(map(_prose, best)) >= 2 * _UNSPACED_PROSE else None


# A form's question over its answer ("How can we help?" / the text), as survey and form
# services write their notifications: a short line ending with a question mark.
_QUESTION_WORDS = 10
_QUESTION_LENGTH = 80


def _question(line: str) -> bool:
    text = line.strip()
    return (
        text.endswith(("?", "？", "¿", "؟"))
        and 0 < len(_words(text)) <= _QUESTION_WORDS
        and len(text) <= _QUESTION_LENGTH
        and not _URL.search(text)
    )


def _question_form_message(lines: list[str]) -> list[str] | None:
    """The answer to a form's free-text question, when the form is written as questions
    over their answers, a paragraph each ("What's your name?" / "Hanna Berg", "What's
    your email address?" / "hanna@…", "How can we help?" / the text): three answers or
    more, one of them an e-mail address; the answer with the most prose is the
    message."""
    answers = [p[1:] for p in _paragraphs(lines) if len(p) >= 2 and _question(p[0])]
    if len(answers) < _FORM_FIELDS or not any(_EMAIL.fullmatch(a[0].strip()) for a in answers):
        return None
    best = max(answers, key=lambda a: sum(map(_prose, a)))
    return best if sum(map(_prose, best)) >= 2 * _UNSPACED_PROSE else None
