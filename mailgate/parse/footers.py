"""Footers that software appends to a person's mail: what a list, a forum, a code host,
a virus scanner or a company's server adds below the writer's words.

A helpdesk gets such mail when its address is subscribed to a project's list or copied
on a thread there, or from clients whose server stamps a disclaimer on every message.
None of it is what the client wrote.  A footer is recognised by what it says, in the
shapes the programs write it:

- **list and group software** (Mailman, Sympa, LISTSERV, Google Groups, groups.io):
  "<list> mailing list", a ``…/listinfo/…`` address, "To unsubscribe send an email to
  …", "You received this message because you are subscribed to …";
- **services** (code hosts, forums, newsletters): "Reply to this email directly or view
  it on …", "You are receiving this because …", "Visit Topic … to respond",
  an "Unsubscribe" or "Manage preferences" link;
- **scanners and servers**: "This email has been checked for viruses by …", a
  confidentiality notice — a paragraph that calls the message confidential and speaks of
  its intended recipient — in the languages companies write them in.

A footer is only looked for at the end of the text, and cut from the paragraph it
begins in (with the rule or the dashes drawn above it); a sentence of the writer's that
mentions unsubscribing is not one: the word needs the link or the address beside it.
"""

from __future__ import annotations

import re

from mailgate.parse.quote_words import LINK_OR_ADDRESS, announced

# How far from the end of the text a footer begins at most.
_FOOTER_LINES = 30

# Lines that only list, group and notification software writes.
_FOOTER_LINE = re.compile(
    r"^[\w.+-]+\s+mailing list\s*$|^\S*(?:/listinfo/|/mailman3?/)\S*$|"
    r"^to unsubscribe\b.{0,80}(?:list|group|these|this|emails|messages|click|send)\b|"
    r"you received this message because you are subscribed to|"
    r"(?:received|erhalten|reçu|recibi\w*|recebeu|ontvangen|ricevuto|otrzyma\w*|получил\w*)"
    r"\b.{0,50}\b(?:because|weil|da\b|car\b|porque|omdat|perch[ée]|ponieważ|так как)\b.{0,80}"
    r"(?:subscri|abonn|mitglied|suscri|inscri|geabonneerd|iscritt|członk|подпис|group|"
    r"gruppe|groupe|grupo|groep|gruppo)|"
    r"^(?:this (?:e-?mail|message) was sent to|diese (?:e-?mail|nachricht) wurde an|"
    r"cet e-?mail a été envoyé à|este (?:correo|mensaje) (?:fue|ha sido) enviado a|"
    r"deze e-?mail is (?:verzonden|verstuurd) naar|questa e-?mail è stata inviata a)\b|"
    r"think before you print|before printing|bitte (?:drucken sie|denken sie)|"
    r"antes de imprimir|avant d'imprimer|prima di stampare|vor dem ausdrucken|"
    r"^(?:información básica sobre protección de datos|informativa (?:sulla )?privacy|"
    r"datenschutzhinweis|protection des données personnelles|privacy notice)\b|"
    r"you are receiving this because\b|you('re| are) receiving this (?:email|message|mail)\b|"
    r"reply (?:directly )?to this (?:e-?mail|message)\b.{0,40}\b(?:view|comment|respond)|"
    r"^view it on github\b|"
    r"^visit topic\b|reply to this email to respond\b|"
    r"^how (?:would you|did we) rate\b|^(?:please )?rate (?:my|our|this) (?:reply|response|"
    r"support|service)\b|"
    r"^this (?:e-?mail|message|notification) (?:is|was) (?:a service from|generated|sent "
    r"(?:to you )?(?:by|from|via|through|automatically)|automatically generated)\b|"
    r"\b(?:delivered|powered) by (?:zendesk|freshdesk|help ?scout|intercom|zoho desk|"
    r"jira|atlassian|hubspot|salesforce|servicenow)\b|"
    r"^(?:this|the) link (?:only works|works only|will only work|expires)\b|"
    r"^\[?(?:privacy (?:statement|policy|notice)|datenschutz(?:erklärung)?|"
    r"politique de confidentialité)\]?(?:\(https?://\S*\))?\s*$|"
    r"^groups\.io links\b|you receive all messages sent to this group|"
    r"^yahoo!? groups links\b|^-=-=-=-=|"
    r"this (?:e-?mail|message)(?: and any attachments?)? (?:has|have) been (?:checked|scanned|"
    r"filtered)(?: for (?:viruses|malware|spam|threats)| by)\b|"
    r"yahoo!?\s*(?:groups|grupos|groupes|gruppen|gruppi)\b|"
    r"^powered by(?: [\w.&-]+){1,3}\s*$|"
    r"\b(?:sent you this (?:message|e-?mail)|vous a envoyé ce message|"
    r"hat ihnen diese (?:nachricht|e-?mail) gesendet|le ha enviado este mensaje)\b|"
    r"\b(?:(?:turn off|disable|mute|stop) (?:these |this |all )?notifications|"
    r"désactiver les notifications|benachrichtigungen deaktivieren|"
    r"desactivar (?:las )?notificaciones)\b|"
    r"^sent (?:via|through) [\w ]{1,30} \(?https?://|"
    r"(?:environment|umwelt|environnement|medio ambiente|ambiente|milieu|środowisk|"
    r"окружающ).{0,60}(?:print|ausdruck|imprim|stamp|drukuj|печат)|"
    r"diese e-?mail wurde (?:von|mit) .{0,40}(?:geprüft|gescannt)|"
    r"\byou(?:'re| are)? receiv(?:ed|ing) this (?:e-?mail |message |notification )?because\b|"
    r"\b(?:do not|don't|please do not) reply (?:directly )?to this (?:e-?mail|message)\b|"
    # The same in the languages services write it in.
    r"\b(?:prosimy (?:na ni[ąa] )?nie odpowiada|nie odpowiadaj|bitte (?:antworten sie nicht|"
    r"nicht (?:direkt )?(?:auf diese (?:e-?mail|nachricht) )?antworten)|"
    r"(?:merci de|veuillez|prière de) ne pas (?:y )?répondre|ne répondez pas à (?:ce|cet)|"
    r"(?:por favor,? )?no (?:responda|conteste)s? (?:a )?(?:este|esta)|"
    r"non rispondere (?:a )?quest|niet (?:op deze (?:e-?mail|mail|bericht) )?beantwoorden|"
    r"reageer niet op|não responda|neodpovídejte|neodpovedajte|не отвечайте на|"
    r"не відповідайте на|yanıtlamayınız|cevaplamayınız|svara inte på|svar ikke på|"
    r"ikke svar på|älä vastaa|ne válaszoljon|μην απαντ|nu răspunde[țţ]i)|"
    r"返信しないでください|返信はできません|请勿(?:直接)?回复|請勿(?:直接)?回[覆复]|"
    r"회신하지 마|발신 ?전용|"
    r"\b(?:this (?:mailbox|address|inbox) is not monitored|we don't check this mailbox)\b",
    re.IGNORECASE,
)
# A footer's link label at the start of its line ("Unsubscribe | Manage preferences",
# "Désinscription : https://…"): written with its capital, or alone on its line — a
# line of the writer's wrapped sentence may begin with the word ("… un lien de" /
# "désinscription est confirmée").
_FOOTER_LABEL = re.compile(
    r"^(?:unsubscribe|manage (?:your )?(?:preferences|subscription|notifications))\b"
    r"[^.!?]{0,60}$|"
    r"^(?:abmelden|se désabonner|désinscription|darse de baja|cancelar suscripción)\b",
    re.IGNORECASE,
)
# The words of an unsubscribe link, in the languages it is written in: a footer only
# with a link or an address on the same line.
_UNSUBSCRIBE = re.compile(
    r"unsubscrib|opt[ -]?out|abmelden|abbestellen|désabonner|désinscri|darse de baja|"
    r"cancelar (?:la )?suscripci|annulla(?:re)? (?:l')?iscrizione|disiscriv|uitschrijven|"
    r"afmelden|wypisz|wypisać|odhlásit|отписаться|退订|取消订阅|配信停止|수신거부|"
    r"abonelikten çık",
    re.IGNORECASE,
)
_LINK = LINK_OR_ADDRESS

# A confidentiality notice: the message called confidential, and its intended recipient.
_CONFIDENTIAL = re.compile(
    r"confidential|privileged|vertraulich|confidentiel|confidencial|riservat|vertrouwelijk|"
    r"poufn|důvěrn|конфиденциальн|機密|保密|gizli|sigilos|fortrolig|konfidentiell|"
    r"luottamuksellinen|기밀|비밀|秘密|機密情報|機密資訊|bizalmas|confiden[țţ]ial|"
    r"εμπιστευτικ|απόρρητ|חסוי|סודי|سري|محرمانه|ความลับ|bảo mật|rahasia|rahsia|"
    r"konfidensiell|конфіденційн",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(
    r"intended|addressee|recipient|empfänger|adressat|destinataire|destinatari|"
    r"bestemd|geadresseerde|adresat|adresát|адресат|получател|宛先|收件人|alıcı|"
    r"destinatário|mottagare|modtager|vastaanottaja|수신인|수신자|受信者|收件者|接收者|"
    r"受取人|příjemce|adresáta|címzett|destinatar|παραλήπτ|נמען|المرسل إليه|المستلم|"
    r"گیرنده|ผู้รับ|người nhận|penerima|mottaker|одержувач",
    re.IGNORECASE,
)
# "… intended solely for …", "… received this in error …".
_ALONE = re.compile(
    r"solely|exclusively|only for|in error|by mistake|ausschließlich|irrtümlich|"
    r"exclusivement|par erreur|exclusivamente|por error|esclusivamente|per errore|"
    r"uitsluitend|abusievelijk|ten onrechte|wyłącznie|omyłkowo|przez pomyłkę|"
    r"исключительно|по ошибке|výhradně|omylem|yalnızca|yanlışlıkla|専ら|誤って|仅供|误收|"
    r"kizárólag|tévedésből|exclusiv|din gre[șş]eal|αποκλειστικά|κατά λάθος|בטעות|"
    r"بالخطأ|عن طريق الخطأ|به اشتباه|โดยผิดพลาด|nhầm|ved en feil|ved en fejl|av misstag|"
    r"vahingossa|erehdyksessä|помилково|por engano|误发|誤送|잘못 (?:전송|수신|발송)",
    re.IGNORECASE,
)
# "… any other use is prohibited".
_PROHIBITED = re.compile(
    r"prohibited|forbidden|not permitted|untersagt|verboten|nicht gestattet|interdit|"
    r"prohibid|proibid|vietat|verboden|niet toegestaan|zabronion|запрещ|заборон|zakázán|"
    r"yasak|禁止|tilos|interzis|απαγορεύ|אסור|يحظر|محظور|ممنوع|ห้าม|nghiêm cấm|dilarang|"
    r"forbudt|förbjud|kielletty|금지",
    re.IGNORECASE,
)
_RULE_LINE = re.compile(r"^\s*(?:[-_=*~—–]{2,}|-- ?|—|–)\s*$")


def list_marks(headers: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """What a list's own footer repeats of its header fields (RFC 2369): the addresses
    and links of List-Post, List-Unsubscribe, List-Help, List-Subscribe and List-Archive,
    without their scheme and query ("lists.acme.example/mailman/listinfo/users")."""
    marks: list[str] = []
    for name, value in headers:
        if name not in _LIST_FIELDS:
            continue
        for target in _ANGLED.findall(value):
            mark = _SCHEME.sub("", target).split("?", 1)[0].rstrip("/").lower()
            if len(mark) >= 8 and mark not in marks:
                marks.append(mark)
    return tuple(marks)


_LIST_FIELDS = frozenset(
    ("list-post", "list-unsubscribe", "list-help", "list-subscribe", "list-archive")
)
_ANGLED = re.compile(r"<([^<>\s]+)>")
_SCHEME = re.compile(r"^(?:mailto:|https?://)", re.IGNORECASE)


def cut_banner(lines: list[str]) -> list[str]:
    """``lines`` without the warning a mail server or a gateway put above the text
    ("CAUTION: This email originated from outside of the organization. …", "ACHTUNG:
    Diese E-Mail stammt von einem externen Absender …", Microsoft's "You don't often get
    email from … Learn why this is important"), a newsletter's "view it in your browser"
    line with its link, or a service's instruction ("Reply to this email to add a
    comment"): the first paragraph, when it is one."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    start = end = content[0]
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    paragraph = " ".join(line.strip() for line in lines[start : end + 1])
    if end - start >= _BANNER_LINES or len(paragraph) > _BANNER_CHARS:
        return lines
    # A service's instruction alone above the text: "Reply to this email to add a comment".
    instructs = start == end and is_instruction(lines[start])
    warns = _WARNING.match(paragraph) and _OUTSIDE.search(paragraph) and _MAIL.search(paragraph)
    online = _VIEW_ONLINE.search(paragraph) and _LINK.search(paragraph)
    if not (instructs or warns or online or _SENDER_TIP.search(paragraph)):
        return lines
    rest = lines[end + 1 :]
    return rest if any(line.strip() for line in rest) else lines


_BANNER_LINES = 5
_BANNER_CHARS = 600
# The banner's first word, in the languages gateways write it, and a tag in brackets.
_WARNING = re.compile(
    r"^\W{0,3}(?:caution|warning|attention|achtung|vorsicht|warnung|atención|precaución|"
    r"aviso|attenzione|avviso|let op|waarschuwing|uwaga|ostrzeżenie|upozornění|pozor|"
    r"внимание|осторожно|увага|dikkat|uyarı|varning|obs|advarsel|huomio|varoitus|"
    r"figyelem|atenție|atentie|προσοχή|זהירות|אזהרה|تنبيه|تحذير|هشدار|اخطار|توجه|"
    r"चेतावनी|सावधान|คำเตือน|โปรดระวัง|注意|警告|주의|경고|"
    r"cảnh báo|perhatian|peringatan|external|extern|externe|externo|esterno)(?!\w)",
    re.IGNORECASE,
)
# … and what it warns of: mail from outside the organisation.
_OUTSIDE = re.compile(
    r"outside|external|extern|externo|esterno|zewn|spoza|mimo|вне\b|внешн|зовнішн|"
    r"\bdış|dışından|utanför|utenfor|udefra|ulkopuol|kívül|din afara|din exterior|"
    r"εκτός|εξωτερικ|חיצוני|מחוץ|خارج|بیرون|बाहर|बाहरी|ภายนอก|外部|組織外|외부|bên ngoài|"
    r"luar|buiten",
    re.IGNORECASE,
)
# A newsletter's "View this email in your browser" line, with its link.
_VIEW_ONLINE = re.compile(
    r"view (?:this (?:e-?mail|message) |it )?(?:in (?:your|a) (?:web )?browser|online)|"
    r"(?:nicht (?:korrekt|richtig) angezeigt|im browser (?:anzeigen|ansehen|öffnen))|"
    r"(?:dans votre navigateur|version en ligne)|(?:en (?:su|el) navegador|versión web)|"
    r"nel (?:tuo )?browser|in je browser|in uw browser|w przeglądarce|в браузере|"
    r"no (?:seu )?navegador|i (?:din )?webbläsare|selaimessa|tarayıcıda|ブラウザ|浏览器|브라우저",
    re.IGNORECASE,
)
# … and it speaks of the mail or its sender ("Attention: the external drive is not
# recognised" is the writer's).
_MAIL = re.compile(
    r"e-?mail|message|mail\b|sender|absender|expéditeur|courriel|remitente|correo|"
    r"mittente|afzender|nadawca|wiadomoś|отправител|сообщени|письм|лист|повідомлен|"
    r"mensaje|messaggio|nachricht|bericht|mensagem|remetente|meddelande|avsändare|"
    r"besked|afsender|avsender|melding|viesti|lähettäjä|zpráv|odesílatel|üzenet|feladó|"
    r"mesaj|gönderen|μήνυμα|αποστολέα|הודעה|שולח|رسالة|المرسل|پیام|فرستنده|邮件|郵件|"
    r"メール|差出人|메일|발신자|thư|pengirim|pesan|expeditor|ایمیل|نامه|ईमेल|संदेश|प्रेषक|"
    r"อีเมล|ข้อความ|ผู้ส่ง",
    re.IGNORECASE,
)
# Microsoft 365's first-contact safety tip, in every language, by its link.
_SENDER_TIP = re.compile(r"aka\.ms/LearnAboutSenderIdentification", re.IGNORECASE)


def cut_footer(lines: list[str], marks: tuple[str, ...] = ()) -> list[str]:
    """``lines`` without the footer software added at their end, if there is one;
    ``marks`` (:func:`list_marks`) are what a line of the list's footer names."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    first_looked = max(0, len(lines) - _FOOTER_LINES)
    for i in content:
        if i < first_looked:
            continue
        named = marks and any(m in lines[i].lower() for m in marks)
        if (
            named
            or is_footer_line(lines[i], lines[i - 1] if i else "")
            or _unsubscribe_then_link(lines, i)
            or _is_notice(lines, i)
            or _is_link_block(lines, i)
        ):
            start = _links_above(lines, _paragraph_start(lines, i))
            if start > 0 and _RULE_LINE.match(lines[start - 1]):
                start -= 1
            if announced(lines, start):
                continue  # a footer the writer pastes to show it
            kept = lines[:start]
            if any(line.strip() for line in kept):
                return kept
            # A service's line at the top ("Reply to this email to add a comment") is
            # no footer of the text under it: the footer is looked for further down.
    return lines


def is_instruction(line: str) -> bool:
    """A service's instruction to the reader of its notification ("Reply to this email
    to add a comment", "… reply to this email to respond")."""
    return len(line) <= _INSTRUCTION_CHARS and bool(_INSTRUCTION.search(line))


_INSTRUCTION_CHARS = 120
_INSTRUCTION = re.compile(
    r"reply (?:directly )?to this (?:e-?mail|message)\b.{0,40}\b(?:view|comment|respond)|"
    r"reply to this email to respond\b",
    re.IGNORECASE,
)


def is_footer_line(line: str, above: str = "") -> bool:
    """A line only a footer writes; ``above`` is the line over it, blank or not."""
    text = line.strip()
    if len(text) > 300:
        return False
    if _FOOTER_LINE.search(text):
        return True
    if _FOOTER_LABEL.search(text) and (text[:1].isupper() or not _continued(above)):
        return True
    if _ANTIVIRUS.search(text) and _SCANNED.search(text):
        return True
    if _ANTIVIRUS.search(text) and _SCANNED.search(above):
        return True  # "Geprüft durch AVG" / "Virendatenbank: 3184/6349"
    return bool(_UNSUBSCRIBE.search(text) and _LINK.search(text))


def _continued(above: str) -> bool:
    """Whether the line under ``above`` goes on with its sentence: ``above`` has text
    and ends without a mark that ends a sentence or a label."""
    text = above.rstrip()
    return bool(text) and (text[-1].isalnum() or text.endswith(","))


def _unsubscribe_then_link(lines: list[str], i: int) -> bool:
    """ "To unsubscribe from the X list, click the following link:" with the link on the
    line below."""
    text = lines[i].strip()
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return (
        len(text) <= 200
        and text.endswith(":")
        and bool(_UNSUBSCRIBE.search(text))
        and bool(_LINK.match(below))
    )


# A scanner's stamp: its name and what it did, or its signature database, or its link.
_ANTIVIRUS = re.compile(
    r"anti-?vir|v[ií]rus|vir[ůu]\b|virüs|viren|wirus|вирус|ウイルス|病毒|바이러스", re.IGNORECASE
)
_SCANNED = re.compile(
    r"checked|scanned|free\b|geprüft|gescannt|virenfrei|vérifié|analys|analiz|sprawdzon|"
    r"провер|controllat|gecontroleerd|escaneado|revisado|database|datenbank|signature|sygnatur|"
    r"\(\d{8}\)|https?://|www\.",
    re.IGNORECASE,
)


def _is_notice(lines: list[str], i: int) -> bool:
    """A confidentiality notice begins on line ``i``: its paragraph speaks of the
    message's intended recipient and calls it confidential, meant for them alone, or
    received in error."""
    if i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1]):
        return False  # not the first line of a paragraph
    text = " ".join(_paragraph_at(lines, i, _NOTICE_LINES))
    if _CONFIDENTIAL.search(text):
        return bool(_RECIPIENT.search(text) or _PROHIBITED.search(text) or _ALONE.search(text))
    # Without the word "confidential": a notice speaks of the message in the third
    # person ("this e-mail is intended only for …"); the writer's own sentence about a
    # mistake ("I sent the invoice to the wrong recipient by mistake") is theirs.
    return bool(
        _ALONE.search(text)
        and (_RECIPIENT.search(text) or _PROHIBITED.search(text))
        and _MESSAGE.search(text)
        and not _FIRST_PERSON.search(text)
    )


# What a notice calls the message it is stamped on.
_MESSAGE = re.compile(
    r"message|e-?mail|communication|transmission|nachricht|courriel|mensaje|correo|"
    r"messaggio|mensagem|bericht|wiadomoś|zpráv|сообщени|письм|повідомлен|メール|邮件|郵件|"
    r"메일|e-posta|ileti|meddelande|meddelelse|melding|viesti|üzenet|mesaj|μήνυμα|הודעה|"
    r"رسالة|پیام|ข้อความ|thư|surel|pesan",
    re.IGNORECASE,
)
# The writer speaking of what they did, in the languages notices are written in.
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ii]ch|[Jj]e|[Jj]'|[Yy]o|[Ii]o|[Ii]k|[Jj]ag|[Jj]eg|[Mm]inä|[Jj]a|[Яя])\b"
)


def _is_link_block(lines: list[str], i: int) -> bool:
    """A paragraph of a service's links that begins on line ``i``: two lines or more,
    each a few words and a link ("Reply to Group Online: https://…", "View Thread
    <https://…>") — what forums, communities and notification services put under a
    post; a writer gives a link with a sentence."""
    if i > 0 and lines[i - 1].strip():
        return False
    paragraph = _labels_with_links(_paragraph_at(lines, i, 2 * _LINK_BLOCK_LINES + 1))
    # A heading may stand above the links ("How would you rate our reply?").
    links = paragraph[1:] if paragraph and not _LABELLED_LINK.match(paragraph[0]) else paragraph
    heading = paragraph[: len(paragraph) - len(links)]
    if heading and len(heading[0].split()) > _HEADING_WORDS:
        return False
    return len(links) >= 2 and all(_LABELLED_LINK.match(line) for line in links)


_LINK_BLOCK_LINES = 12


def _labels_with_links(paragraph: list[str]) -> list[str]:
    """``paragraph`` with each label and the link on the line under it ("Good:" /
    "https://…") read as one line, as a narrower layout folds them."""
    out: list[str] = []
    for line in paragraph:
        if out and _BARE_LINK.match(line) and _LABEL.match(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


_BARE_LINK = re.compile(r"^\s*[<(\[]?https?://\S+\s*$")
_LABEL = re.compile(r"^\s*[^\W\d_][\w'’ -]{0,40}?:\s*$")
_HEADING_WORDS = 8
_LABELLED_LINK = re.compile(
    r"^\s*[^\W\d_][\w'’ -]{0,40}?\s*(?::\s*|\s[<(\[]\s*)https?://\S+\s*[>)\]]?\s*$"
)


def _paragraph_at(lines: list[str], i: int, most: int) -> list[str]:
    """The paragraph that begins on line ``i``, at most ``most`` lines of it."""
    paragraph: list[str] = []
    for line in lines[i : i + most]:
        if not line.strip():
            break
        paragraph.append(line)
    return paragraph


# How many lines of a paragraph a notice is read in.
_NOTICE_LINES = 12


def _links_above(lines: list[str], start: int) -> int:
    """Where a footer that begins on line ``start`` begins with the paragraphs of a
    service's labelled links right above it ("View task in Asana: https://…", "Reply:
    https://…"): the buttons of a notification, under the message they carry."""
    while start > 0:
        end = start - 1
        while end > 0 and not lines[end].strip():
            end -= 1
        top = _paragraph_start(lines, end)
        paragraph = [line for line in lines[top : end + 1] if line.strip()]
        if not paragraph or top == 0 or not all(_LABELLED_LINK.match(x) for x in paragraph):
            return start
        start = top
    return start


def _paragraph_start(lines: list[str], i: int) -> int:
    while i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1]):
        i -= 1
    return i
