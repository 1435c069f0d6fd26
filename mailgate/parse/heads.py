"""The head a service writes above a person's words in its notification.

Forums, Q&A sites, social networks, trackers, chat tools, review sites, marketplaces,
booking and school apps send a person's post or message with a few short lines above
it, a blank line between them: a heading that repeats the mail's subject or the item's
title ("Re: Printer jams on tray 2"), a line naming the author with a verb of writing
("Megan Ortiz replied to your topic", "Megan Ortiz hat geantwortet", "Megan Ortiz a
répondu :"), a greeting to the reader followed by the service's introduction ("Hi Acme
Support," / "You have a new message in Community Forum:"), the place ("in #support",
"Community Forum › Printers"), a date or a time, label lines ("Topic: …", "Posted by:
…").  Below the words comes the service's footer.

:func:`without_head` takes such a head off when the mail is a service's: its header
says so (:func:`service_headers`, or the wrappers' reading of its From) or its footer
tells the reader why they receive it or how to answer (:func:`service_footer`).  A head
is cut only when it holds a heading of the service's kind — the subject repeated, the
author named with a verb, a label naming the author, the service's introduction — and
prose stands below it: a person's own mail that opens with a heading, a greeting or a
list of fields keeps them, having no such footer or header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from mailgate.parse.footers import is_instruction, tells_why_received
from mailgate.parse.quote_words import GREETING_WORDS, SALUTATION, speaks_for_self
from mailgate.parse.signoff import fold_accents

# How many lines at the top a head is looked for in, and how long a head's line is.
_HEAD_LINES = 8
_HEAD_LENGTH = 120
# How many lines at the end a service's footer is looked for in.
_FOOTER_LINES = 12
# A footer's line is never longer.
_FOOTER_LENGTH = 300
# The prose under a head: this many characters of sentences at least.
_PROSE = 20

# The header fields of the platforms that send notifications ("X-Discourse-Post-Id",
# "X-GitLab-Project", "X-Gitea-Reason", "X-YouTrack-…", "X-Zulip-…", "X-Mattermost-…").
_PLATFORM_FIELD = re.compile(
    r"^x-(?:discourse|gitlab|gitea|forgejo|github|gogs|youtrack|redmine|jira|atlassian|"
    r"confluence|asana|clickup|basecamp|notion|trello|linear|zulip|mattermost|rocketchat|"
    r"rocket-chat|slack|discord|teams|phabricator|bugzilla|mantis|trac|nextdoor|meetup|"
    r"moodle|canvas|schoology|flarum|nodebb|vbulletin|phpbb|xenforo|mybb|invision|"
    r"stackexchange|wordpress|disqus|facebook|linkedin|yammer|workplace)\b",
    re.IGNORECASE,
)


def service_headers(headers: Sequence[tuple[str, str]], from_address: str | None) -> bool:
    """Whether the header says a service sent the mail: ``Auto-Submitted:
    auto-generated`` (RFC 3834), a platform's own fields, or a From whose mailbox is
    named as a label of its host ("forum@forum.acme.example", as a community's software
    is set up).  A display name that relays a person ("Megan Ortiz via Acme Community")
    says nothing: Google Groups relays a person's own mail so."""
    for name, value in headers:
        if name == "auto-submitted" and value.strip().lower().split(";")[0] in _GENERATED:
            return True
        if _PLATFORM_FIELD.match(name):
            return True
    if from_address and "@" in from_address:
        local, _, host = from_address.lower().rpartition("@")
        labels = host.split(".")[:-2]  # the host's own labels, not the registered name
        if local in labels:
            return True
    return False


# Auto-Submitted's values for mail a program made on its own (RFC 3834, RFC 5436);
# "auto-replied" is an answer, an out-of-office written by a person.
_GENERATED = frozenset({"auto-generated", "auto-notified"})


def service_footer(lines: Sequence[str]) -> bool:
    """Whether the end of ``lines`` is a service's footer: why the reader receives the
    mail, how to answer it, how to stop it."""
    content = [line.strip() for line in lines if line.strip()]
    content = [line for line in content if len(line) <= _FOOTER_LENGTH]
    return any(
        tells_why_received(line)
        or is_instruction(line)
        or _REPLY_BY_MAIL.search(line) is not None
        or (_STOP_WORDS.search(_URL.sub("", line)) is not None and not speaks_for_self(line))
        for line in content[-_FOOTER_LINES:]
    )


# A service's note on answering by mail, short: "Reply to this email to respond",
# "Antworte auf diese E-Mail, um …", "Répondez à cet e-mail …", "Responde a este correo …".
_REPLY_BY_MAIL = re.compile(
    r"^.{0,60}\b(?:reply|respond) (?:directly )?to this (?:e-?mail|message|notification)\b|"
    r"^.{0,60}\b(?:antworte|antworten sie|antworten) (?:direkt |einfach )?auf diese "
    r"(?:e-?mail|nachricht)\b|"
    r"^.{0,60}\brépond(?:ez|s|re) (?:directement )?à (?:cet|ce) (?:e-?mail|message|courriel)\b|"
    r"^.{0,60}\brespond(?:e|a|er) (?:directamente )?a este (?:correo|mensaje|e-?mail)\b|"
    r"^.{0,60}\brispond(?:i|ere) (?:direttamente )?a quest[ao] (?:e-?mail|messaggio)\b|"
    r"^.{0,60}\b(?:reageer|antwoord|beantwoord) (?:direct |rechtstreeks )?(?:op )?"
    r"(?:deze e-?mail|dit bericht)\b|"
    r"^.{0,60}\bodpowiedz na (?:tę|ten) (?:wiadomość|e-?mail)\b|"
    r"^.{0,60}\brespond(?:a|er) (?:diretamente )?a est[ea] (?:e-?mail|mensagem)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\s*[(<\[]?(?:https?://|www\.)\S+")
# A footer's way out: an unsubscribe link, the notification settings.
_STOP_WORDS = re.compile(
    r"^.{0,40}\b(?:unsubscribe|notification settings|manage (?:your )?(?:notifications|"
    r"email preferences|preferences|subscriptions?)|email preferences|"
    r"abbestellen|abmelden|benachrichtigungseinstellungen|e-mail-einstellungen|"
    r"se désabonner|désabonnement|se désinscrire|paramètres de notification|"
    r"préférences de notification|darse de baja|cancelar (?:la )?suscripción|"
    r"preferencias de notificación|configuración de notificaciones|annulla iscrizione|"
    r"disiscriviti|impostazioni (?:di|delle) notifich\w+|afmelden|uitschrijven|"
    r"meldingsinstellingen|e-?mailvoorkeuren|wypisz się|ustawienia powiadomień|"
    r"cancelar (?:a )?inscrição|descadastrar|configurações de notificação|"
    r"配信停止|通知設定|登録解除)\b[^.!?]{0,80}$",
    re.IGNORECASE,
)


def without_head(
    lines: list[str], subject: str, writer: str, enclosed: bool = False, said: bool = False
) -> list[str]:
    """``lines`` (a service's notification, quotes gone) without the head above the
    person's words; ``lines`` when no head of the service's kind stands above prose.
    ``enclosed``: ``lines`` are what the service enclosed (:func:`enclosed_message`),
    its own lines around gone: a date or a place left above the words is the service's
    too.  ``said``: the header says a service sent the mail; else a heading that
    repeats the subject is the service's only beside another line of its head (a
    person's mail sent through a mailing tool may open with its subject)."""
    content = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    author = _author_of(writer)
    names = {author} if len(author.split()) >= 2 else set()
    head: list[tuple[int, str]] = []
    for i in content:
        kind = _head_kind(lines[i].strip(), subject, names, head)
        if kind is None:
            break
        head.append((i, kind))
    # The head ends with its paragraph, or with a line that introduces what follows
    # (an author's line ending with a colon, a chat's name over the message).
    while head:
        i, kind = head[-1]
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if not below.strip() or lines[i].rstrip().endswith((":", "：")) or kind == _NAME:
            break
        head.pop()
    # A greeting alone, a place, a date are no head of the service's: it names the
    # author, repeats the subject or introduces the item.
    if not any(kind in _STRONG or (enclosed and kind in _DETAILS) for _, kind in head):
        return lines
    kinds = {kind for _, kind in head}
    if not said and not enclosed and kinds & _STRONG == {_SUBJECT}:
        return lines
    while head and head[-1][1] == _GREETING:
        head.pop()
    if not head:
        return lines
    rest = lines[head[-1][0] + 1 :]
    if sum(_sentence(line) for line in rest) < _PROSE:
        return lines
    while rest and not rest[0].strip():
        rest = rest[1:]
    return rest


def own_heading(lines: list[str], inner: list[str]) -> list[str]:
    """The person's own short heading over their words that the wrapper reading left out:
    ``lines`` are the text under the service's head, ``inner`` what that reading kept of
    them; a single short line without digits ("Update", "New comment field is broken")
    between the head and ``inner`` is the person's, a name and a time ("Megan Ortiz
    10:02 AM") or a label is the service's.  The line and the blank under it, or []."""
    top = next((i for i, line in enumerate(lines) if line.strip()), None)
    first = next((line.strip() for line in inner if line.strip()), None)
    if top is None or first is None:
        return []
    start = next((i for i in range(top, len(lines)) if lines[i].strip() == first), None)
    if start is None or start <= top:
        return []
    gap = [line.strip() for line in lines[top:start] if line.strip()]
    if len(gap) != 1:
        return []
    line = gap[0]
    if (
        len(line) > _OWN_HEADING_LENGTH
        or len(line.split()) > _OWN_HEADING_WORDS
        or any(c.isdigit() for c in line)
        or line.endswith((":", "：", ","))
    ):
        return []
    return lines[top:start]


_OWN_HEADING_LENGTH = 60
_OWN_HEADING_WORDS = 8


_SUBJECT = "subject"
_AUTHOR = "author"
_INTRO = "intro"
_LABELS = "labels"
_NAME = "name"
_GREETING = "greeting"
_PLACE = "place"
_DATE = "date"
_FIELD = "field"
_STRONG = {_SUBJECT, _AUTHOR, _INTRO, _LABELS}
_DETAILS = {_DATE, _PLACE, _NAME}


def _head_kind(line: str, subject: str, names: set[str], head: list[tuple[int, str]]) -> str | None:
    """What a line of a notification's head is, or None for a line of none."""
    if len(line) > _HEAD_LENGTH:
        return None
    author = _author_line(line)
    if author is not None:
        names.add(author)
        return _AUTHOR
    if _repeats_subject(line, subject):
        return _SUBJECT
    if _intro_line(line):
        return _INTRO
    field = _LABEL_FIELD.match(line)
    if field is not None and len(field.group("value")) <= _FIELD_VALUE:
        value = field.group("value").strip()
        if field.group("by") is not None and _written_as_name(value.lstrip("@")):
            names.add(fold_accents(value.lstrip("@")))
            return _LABELS
        if _repeats_subject(value, subject):
            return _LABELS
        if value.endswith(("?", "!", ".", "？", "！", "。")) or len(value.split()) > _FIELD_WORDS:
            return None  # "Question: does anyone know how to reset tray 2?": the person's
        return _FIELD
    if fold_accents(line.rstrip(":：").strip()) in names or (
        head and head[-1][1] in (_AUTHOR, _LABELS) and _stamp(line, names)
    ):
        return _NAME
    if _GREETING_LINE.match(line):
        return _GREETING
    if _RATING.match(line):
        return _PLACE
    if _place_line(line):
        return _PLACE
    if _date_line(line):
        return _DATE
    return None


def _author_of(writer: str) -> str:
    """The person a From field names ("Megan Ortiz via Acme", "Megan Ortiz (Acme)" →
    megan ortiz), folded."""
    name = re.split(r"\s+(?:via|über)\s+|\s*[(\[|]", writer, maxsplit=1)[0]
    return " ".join(fold_accents(name).split())


@lru_cache(maxsize=4096)
def _bare(text: str) -> str:
    """A subject or a heading without its tags, reply prefixes, quotation marks and case."""
    text = fold_accents(text)
    while True:
        stripped = _SUBJECT_PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _QUOTE_MARKS.sub(" ", text)
    return " ".join(text.split()).strip(" .:：-–—|")


_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{0,60}\]|(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|r|odp|ynt|antw|ref|res)"
    r"(?:\[\d+\])?\s*[:：])\s*"
)
_QUOTE_MARKS = re.compile(r"[\"“”„«»‘’‚「」『』]")


def _repeats_subject(line: str, subject: str) -> bool:
    """Whether ``line`` is the mail's subject or the title the subject holds, written
    as a heading."""
    bare, topic = _bare(line), _bare(subject)
    if not bare or not topic or (line.rstrip().endswith((",", "?", "!")) and bare != topic):
        return False
    if bare == topic:
        return True
    # The item's title inside the subject ("[Acme Community] [Printers] Printer jams …",
    # "Megan Ortiz replied to “Printer jams on tray 2”"): a few words, as whole words.
    return (
        len(bare.split()) >= _TITLE_WORDS and len(bare) >= _TITLE_LENGTH and _as_words(bare, topic)
    )


def _as_words(part: str, text: str) -> bool:
    """Whether ``part`` stands in ``text`` as whole words (no letter, digit or "_" on
    either side)."""
    start = text.find(part)
    while start != -1:
        end = start + len(part)
        if not (start and _word_char(text[start - 1])) and not (
            end < len(text) and _word_char(text[end])
        ):
            return True
        start = text.find(part, start + 1)
    return False


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_TITLE_WORDS = 2
_TITLE_LENGTH = 8


# The verbs of writing, answering, posting and mentioning a service puts after the
# author's name, in the languages services write their notifications in.
_VERBS = (
    # English, in the past and present perfect.
    r"(?:has |just )?(?:replied|responded|answered|commented|posted|wrote|written|"
    r"mentioned you|sent you|sent a (?:new )?(?:message|reply|post)|asked|shared|published|"
    r"added an? (?:new )?(?:comment|reply|note|post|answer|message|review)|"
    r"left an? (?:comment|review|message|note|reply)|reviewed|messaged you|"
    r"started an? (?:new )?(?:topic|discussion|thread|conversation)|"
    r"created an? (?:new )?(?:topic|post|thread|discussion|issue|task|question))|"
    r"is asking|"
    # German: "hat (auf dein Thema) geantwortet", "schrieb".
    r"hat (?:\S+ ){0,5}?(?:geantwortet|kommentiert|geschrieben|gepostet|veröffentlicht|"
    r"erwähnt|gesendet|geschickt|gefragt|hinzugefügt|geteilt|beantwortet|hinterlassen|"
    r"bewertet|erstellt|eröffnet|verfasst)|antwortete|schrieb|kommentierte|fragt|"
    # French: "a répondu (à votre sujet)", "vous a mentionné".
    r"(?:vous |t'|t’)?a (?:\S+ ){0,4}?(?:répondu|commenté|écrit|publié|posté|mentionné|"
    r"envoyé|demandé|ajouté|partagé|laissé|évalué|créé)|"
    # Spanish and Italian, in both pasts.
    r"(?:te |le |ti |vi )?(?:ha|han) (?:\S+ ){0,4}?(?:respondido|comentado|escrito|publicado|"
    r"mencionado|enviado|preguntado|compartido|dejado|risposto|commentato|scritto|"
    r"pubblicato|menzionato|inviato|chiesto|condiviso|lasciato|creado|creato)|"
    r"(?:te |le )?(?:respondió|comentó|escribió|publicó|mencionó|envió|preguntó|compartió|"
    r"dejó)|"
    # Portuguese.
    r"(?:te |lhe )?(?:respondeu|comentou|escreveu|publicou|mencionou|enviou|perguntou|"
    r"compartilhou|partilhou|deixou)|"
    # Dutch.
    r"heeft (?:\S+ ){0,4}?(?:gereageerd|geantwoord|geschreven|geplaatst|genoemd|vermeld|"
    r"gestuurd|verstuurd|gevraagd|toegevoegd|gedeeld|achtergelaten|beantwoord)|"
    r"reageerde|schreef|antwoordde|"
    # Polish, Russian, the Scandinavian languages.
    r"(?:s?komentował|odpowiedział|napisał|opublikował|dodał|wysłał|wspomniał|zapytał|"
    r"udostępnił|zostawił)a?|"
    r"(?:ответил|прокомментировал|написал|опубликовал|отправил|упомянул|спросил|добавил)а?|"
    r"svarade|svarede|svarte|kommenterade|kommenterede|kommenterte|skrev|publicerade|"
    r"publicerede|publiserte|nämnde dig|nævnte dig|nevnte deg"
)
_AUTHOR_LINE = re.compile(
    rf"^@?(?P<who>[^\s:：,.!?][^:：,!?]{{0,60}}?)\s+(?:\([^()]{{1,40}}\)\s+)?(?:{_VERBS})"
    rf"(?![\w-])(?P<rest>[^.!?]{{0,100}})[.:：]?$",
    re.IGNORECASE,
)
# … and after it, as a passive or a noun: "Posted by Megan Ortiz", "New reply from Megan
# Ortiz", "Neue Antwort von …", "Nouvelle réponse de …", "Nueva respuesta de …".
_BY_LINE = re.compile(
    r"^(?:(?:an? )?(?:new |neue[rs]? |nouvel(?:le)? |nouveau |nuev[ao] |nuov[ao] |nieuwe? |"
    r"now[aey] |nov[ao] )?(?:reply|comment|post|message|answer|response|review|"
    r"antwort|kommentar|beitrag|nachricht|réponse|commentaire|publication|respuesta|"
    r"comentario|publicación|mensaje|risposta|commento|messaggio|reactie|antwoord|bericht|"
    r"odpowiedź|komentarz|wpis|wiadomość|resposta|comentário|mensagem|publicação)|"
    r"posted|written|sent|submitted|asked|answered|gepostet|geschrieben|verfasst|gesendet|"
    r"publié|écrit|posté|envoyé|publicado|escrito|enviado|pubblicato|scritto|inviato|"
    r"geplaatst|geschreven|verstuurd|opublikowan[ey]|napisan[ey]|wysłan[ey])"
    r" (?:by|from|von|de|par|por|da|di|van|door|od|przez|от)\s*[:：]?\s*"
    r"@?(?P<who>[^:：,.!?]{2,60}?)"
    r"(?:\s+(?:in|im|dans|en|nel|in het|w|no|em|on|am|le|el|il|op|[·|–—-])\s[^.!?]{0,80})?[:：]?$",
    re.IGNORECASE,
)
# The words before the verb that name no author: a pronoun, an article.
_NOT_A_NAME = frozenset(
    re.findall(
        r"\S+",
        "i we you he she they it this that there here ich wir du sie er es ihr man je nous "
        "vous tu il elle ils elles on yo nosotros usted él ella ellos io noi lui lei ik wij "
        "jij hij zij ja my ty on ona oni eu nós ele ela the a an der die das ein eine le la "
        "les un une el los las il lo gli de het een ten",
    )
)
# … but "someone", "a user" name an author the service keeps anonymous.
_SOMEONE = re.compile(
    r"^(?:someone|somebody|a (?:user|member|customer|student|teacher|parent|neighbou?r)|"
    r"jemand|ein (?:nutzer|mitglied)|quelqu'un|un (?:utilisateur|membre)|alguien|"
    r"un (?:usuario|miembro)|qualcuno|un (?:utente|membro)|iemand|een (?:gebruiker|lid)|"
    r"ktoś|alguém|um (?:usuário|membro))$",
    re.IGNORECASE,
)


# … and in Japanese, the verb after the name and its particle: "佐藤 美咲さんがあなたの
# トピックに返信しました".
_AUTHOR_LINE_JA = re.compile(
    r"^(?P<who>[^\s:：、。]{1,12}(?:\s[^\s:：、。]{1,12})?)(?:さん|様)?が.{0,30}?"
    r"(?:返信|コメント|投稿|回答|メッセージを送信)しました[:：]?$"
)


def _author_line(line: str) -> str | None:
    """The author a line names with a verb of writing ("Megan Ortiz replied to your
    topic", "@megan.o mentioned you in #support", "Posted by Megan Ortiz"), folded;
    None for any other line, and for the writer's own sentence ("I replied …", "We
    posted …", "The technician wrote that …")."""
    m = _AUTHOR_LINE.match(line) or _BY_LINE.match(line) or _AUTHOR_LINE_JA.match(line)
    if m is None:
        return None
    who = m.group("who").strip().lstrip("@")
    if speaks_for_self(line) and not _TO_READER.search(line):
        # "Maria Lopez replied to my ticket", full stop or not; a service's line speaks
        # to the reader ("… heeft op je onderwerp gereageerd": "je" is no French "I" there).
        return None
    if line.rstrip().endswith(".") and (len(line) > _DOTTED_HEAD or not _TO_READER.search(line)):
        # A sentence ("Jonas Weber answered the supplier yesterday.") is the person's;
        # a service's ends so only when it speaks to the reader ("… sent you a message.").
        return None
    if speaks_for_self(who) or not (_written_as_name(who) or _SOMEONE.match(who)):
        return None
    return fold_accents(who)


_DOTTED_HEAD = 90
# The reader, as a service addresses them.
_TO_READER = re.compile(
    r"(?<!\w)(?:you|your|du|dir|dich|dein\w*|sie|ihnen|ihr(?:e[mnrs]?)?|vous|votre|vos|te|"
    r"tu|tus|tienes|tiene|ti|tuo|tua|hai|je|jou|jouw|u|uw|ci|cię|tobie|masz|twó\w*|"
    r"twoj\w*|você|seu|sua|dig|din|ditt|вы|вас|вам|ваш\w*|ты|тебе|тебя)(?!\w)",
    re.IGNORECASE,
)


def _written_as_name(text: str) -> bool:
    """A name or a handle: a word to five, each capitalised or of a script without case
    (a particle may be lower case: "Sanne de Vries"), or a handle ("megan.o", "m_ortiz")."""
    words = text.split()
    if not 0 < len(words) <= _NAME_WORDS or words[0].casefold() in _NOT_A_NAME:
        return False
    if len(words) == 1 and re.fullmatch(r"[\w.-]*[._\d][\w.-]*", words[0]):
        return True  # a handle
    capital = [w for w in words if w[:1].isupper() or not w[:1].islower()]
    return (
        len(capital) >= len(words) - 1
        and (words[0][:1].isupper() or not words[0][:1].islower())
        and all(w[:1].isalpha() or w[:1] == "@" for w in words)
    )


_NAME_WORDS = 5


# The service's introduction of the item: "You have a new message in Community Forum:",
# "There is a new reply in the topic …", "Sie haben eine neue Nachricht …", "Vous avez
# reçu une nouvelle réponse …", "Tienes un nuevo mensaje …", "Hai un nuovo messaggio …".
_INTRO_LINE = re.compile(
    r"\b(?:new|neue[nrs]?|nouvel(?:le)?|nouveaux?|nuev[ao]s?|nuov[aoie]|nieuwe?|now[aeyą]|"
    r"nov[ao]s?|новое|новый|новая|ny|nyt|nytt)\s+(?:\w+\s+)?(?:reply|replies|comments?|posts?|"
    r"messages?|answers?|responses?|topic|thread|discussion|mentions?|reviews?|"
    r"antwort(?:en)?|kommentar(?:e)?|beitr[aä]g(?:e)?|nachricht(?:en)?|erwähnung|thema|"
    r"réponses?|commentaires?|publications?|sujet|mentions?|respuestas?|comentarios?|"
    r"publicaci[oó]n|mensajes?|tema|rispost[ae]|comment[oi]|messaggi?o?|argomento|reacties?|"
    r"antwoord(?:en)?|berichten?|onderwerp|odpowied[źz]\w*|komentarz\w*|wpis\w*|wiadomoś\w*|"
    r"temat|respostas?|comentários?|mensage(?:m|ns)|tópico|ответ|комментарий|сообщение|"
    r"svar|kommentar|meddelande|besked|melding)\b",
    re.IGNORECASE,
)


def _intro_line(line: str) -> bool:
    """The service's line that introduces the item it sends, short, not the writer's:
    it speaks to the reader, says there is a new item, introduces it with a colon, or is
    a heading of two words ("New reply", "Neue Nachricht") — "New comment field is
    broken" is the writer's."""
    if (
        len(line) > _HEAD_LENGTH
        or _INTRO_LINE.search(line) is None
        or line.endswith(("?", "!"))
        or speaks_for_self(line)
        or ". " in line
    ):
        return False
    return (
        line.endswith((":", "："))
        or _TO_READER.search(line) is not None
        or _THERE_IS.match(line) is not None
        or len(line.split()) <= _INTRO_HEADING_WORDS
    )


_INTRO_HEADING_WORDS = 2
# "There is a new reply …", "Es gibt …", "Il y a …", "Hay …", "C'è …", "Er is …".
_THERE_IS = re.compile(
    r"^(?:there (?:is|are|was)|es gibt|il y a|hay|c'è|c’è|ci sono|er (?:is|zijn)|"
    r"pojawił\w* się|jest|há|tem|det finns|есть)\b",
    re.IGNORECASE,
)


# A notification's label and its value: "Topic: …", "Posted by: …", "Forum: …".
_LABEL_FIELD = re.compile(
    r"^(?:(?P<by>posted by|author|by|from|reply from|sender|asked by|written by|"
    r"verfasst von|geschrieben von|autor(?:in)?|von|absender|auteur|publié par|"
    r"écrit par|par|de|expéditeur|publicado por|escrito por|remitente|pubblicato da|"
    r"scritto da|autore|mittente|da|geplaatst door|geschreven door|auteur|afzender|van|"
    r"od|nadawca|опубликовал|автор|от|postat av|skrevet af|skrevet av)|"
    r"topic|thread|subject|title|post|question|forum|category|channel|group|board|space|"
    r"rating|bewertung|valoración|valutazione|beoordeling|ocena|avaliação|"
    r"project|issue|task|page|course|class|listing|item|date|posted|time|"
    r"thema|betreff|titel|frage|kategorie|kanal|gruppe|projekt|aufgabe|seite|kurs|datum|"
    r"zeit|beitrag|sujet|objet|titre|catégorie|canal|groupe|projet|tâche|cours|heure|"
    r"tema|asunto|título|pregunta|foro|categoría|grupo|proyecto|tarea|curso|fecha|hora|"
    r"argomento|oggetto|titolo|domanda|categoria|canale|gruppo|progetto|attività|corso|"
    r"data|ora|onderwerp|vraag|categorie|kanaal|groep|taak|cursus|tijd|temat|tytuł|"
    r"pytanie|kategoria|kanał|grupa|projekt|zadanie|kurs|godzina|tópico|assunto|"
    r"pergunta|fórum|tarefa|тема|форум|дата|ämne|emne)"
    r"\s*[:：]\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_FIELD_VALUE = 80
_FIELD_WORDS = 7


def _stamp(line: str, names: set[str]) -> bool:
    """The author's name with a time beside it ("Megan Ortiz · 10:02 AM"), under the
    line that named them."""
    folded = fold_accents(line)
    return any(
        name and folded.startswith(name) and _date_line(folded[len(name) :].strip(" ·|-–—,"))
        for name in names
    )


# A greeting to the reader: "Hi Acme Support,", "Hallo Acme Support,", "Bonjour,"; in a
# head its mark may be left off.
_GREETING_LINE = re.compile(rf"^{GREETING_WORDS}\b[^.!?]{{0,50}}[,!:：]?$", re.IGNORECASE)


def greets(line: str) -> bool:
    """Whether ``line`` is a greeting to the reader alone, with its mark ("Hi Acme
    Support,"; not "Hey there is a new reply")."""
    return SALUTATION.match(line.strip()) is not None


# The place of the item: "in #support", "im Forum Drucker", "Community Forum ›
# Printers", "#support".
_PLACE_IN = re.compile(
    r"^(?:in|im|in der|in den|dans|dans le|en|en el|nel|nella|in het|w|no|na|em|på|i)\s+"
    r"(?:[#@]\S+|[^\s#@a-zà-ÿ]\S*)(?:\s+\S+){0,5}$|^[#@][\w.-]+$",
)
# A review's rating: "★★★★☆", "⭐⭐⭐⭐⭐ (5/5)", "4/5", "4 out of 5 stars".
_RATING = re.compile(
    r"^[★☆⭐✩✭✮✯\s]{3,}(?:\(?\d(?:[.,]\d)?\s?/\s?\d+\)?)?$|^\d(?:[.,]\d)?\s?/\s?(?:5|10)$|"
    r"^\d(?:[.,]\d)? (?:out of|von|sur|de|su|van|z|na) (?:5|10)(?: \w+)?$",
    re.IGNORECASE,
)
_CRUMB = re.compile(r"\s+(?:›|»|>|/|\||·|•|→|»)\s+")


def _place_line(line: str) -> bool:
    if line.endswith((".", "?", "!", ",", ";")) or len(line) > _PLACE_LENGTH:
        return False
    if _PLACE_IN.match(line):
        return True
    parts = _CRUMB.split(line)
    return len(parts) >= 2 and all(
        part.strip() and len(part.split()) <= _CRUMB_WORDS and not part[:1].islower()
        for part in parts
    )


_PLACE_LENGTH = 80
_CRUMB_WORDS = 5

_TIME_OR_DATE = re.compile(
    r"(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?<!\d)(?:19|20)\d{2}(?!\d)"
)


def _date_line(line: str) -> bool:
    """A date or a time on a line of its own ("Jun 4, 2025, 10:02 AM", "4. Juni 2025 um
    10:02", "Today at 10:02")."""
    text = line.strip()
    return (
        0 < len(text) <= _DATE_LENGTH
        and len(text.split()) <= _DATE_WORDS
        and _TIME_OR_DATE.search(text) is not None
        and not text.endswith(("?", "!", ",", ";", ":"))
        and not speaks_for_self(text)
    )


_DATE_LENGTH = 60
_DATE_WORDS = 9


def _sentence(line: str) -> int:
    """How much of a sentence ``line`` is: its length when it reads as one."""
    text = line.strip()
    if len(text.split()) >= _SENTENCE_WORDS or text.endswith((".", "?", "!", "。", "？", "！")):
        return len(text)
    return 0


_SENTENCE_WORDS = 5
