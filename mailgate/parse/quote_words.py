"""The words mail programs write around quoted history, in the languages they ship in.

Gathered from the clients themselves (Outlook's and Exchange's reply headers, Gmail's,
Apple Mail's, Thunderbird's and the mobile clients' attribution lines and footers) and
from the multilingual fixtures of mail-parser-reply and talon.  Each table is matched
case-insensitively against a whole line, never a fragment of a sentence.
"""

from __future__ import annotations

import re

from mailgate.parse.prefilter import prefiltered

# Outlook's reply header block ("From: … Sent: … To: … Subject: …"), per language.
FROM_LABELS = (
    "from", "von", "de", "da", "van", "fra", "från", "od", "lähettäjä", "от", "від",
    "feladó", "kimden", "mittente", "remetente", "expéditeur", "afzender", "avsändare",
    "avsender", "αποστολέας", "nadawca", "saatja", "odesílatel", "de la", "מאת", "من",
    "发件人", "發件人", "寄件者", "寄件人", "差出人", "보낸 사람", "보낸사람", "từ", "dari",
    "จาก", "از", "frá", "од", "šalje", "nuo", "no", "saatja", "lähettäjä", "από",
    "送信元", "보낸이",
    # The labels of the Thunderbird add-on that writes Outlook's header block, where
    # they are not Outlook's: Japanese "送信者" (sender).
    "送信者",
    # Outlook's in Malay, Hindi, Basque, Welsh, Belarusian.
    "daripada", "प्रेषक", "nork", "oddi wrth", "ад",
)  # fmt: skip
DATE_LABELS = (
    "sent", "date", "gesendet", "datum", "envoyé", "enviado", "enviado el", "enviada", "inviato",
    "verzonden", "sendt", "skickat", "wysłano", "wysłane", "odesláno", "lähetetty",
    "отправлено", "дата", "надіслано", "elküldve", "dátum", "gönderildi", "tarih", "fecha",
    "data", "dato", "päivämäärä", "ημερομηνία", "στάλθηκε", "envoyé le", "sent at",
    "发送时间", "發送時間", "日期", "寄件日期", "送信日時", "日付", "보낸 날짜", "날짜",
    "enviat", "trimis", "đã gửi", "ngày", "dikirim", "tanggal", "ส่ง", "วันที่",
    "تاريخ الإرسال", "ارسال شده", "تاریخ", "נשלח", "תאריך", "poslano", "odoslané",
    "išsiųsta", "nosūtīts", "saadetud", "sendur", "изпратено", "послато", "poslato",
    "odoslané", "datum slanja", "надіслано", "дата отправки", "dată", "päiväys",
    "data wysłania", "gönderilme tarihi", "送信日", "发送日期",
    # … and its dates: Japanese "日時", "送信メール"; Arabic with the article, "المرسلة".
    "日時", "送信メール", "التاريخ", "المرسلة",
    "dihantar", "भेजा गया", "noiz", "bidalia", "anfonwyd", "адпраўлена",
)  # fmt: skip
TO_LABELS = (
    "to", "an", "à", "a", "para", "aan", "til", "till", "do", "komu", "vastaanottaja",
    "кому", "címzett", "kime", "destinatario", "destinataire", "destinataires", "per",
    "προς", "收件人", "收件者", "宛先", "받는 사람", "받는사람", "per a", "către", "đến",
    "kepada", "ถึง", "إلى", "به", "אל", "komu", "adresát", "до", "за", "prima", "kam",
    "adressaat", "кому", "za", "kam", "címzettek", "alıcı",
    # … and its French "Pour" (for).
    "pour",
    "प्रति", "nori", "at", "каму",
)  # fmt: skip
CC_LABELS = (
    "cc", "kopie", "copie", "cópia", "kopia", "копия", "másolat", "抄送", "副本", "참조", "κοιν",
    # Outlook's Cc in the languages that translate it: Polish "DW" (do wiadomości),
    # Norwegian, Finnish, Turkish ("Bilgi"), Hungarian, Ukrainian, Hebrew, Arabic, the
    # Baltic and South Slavic languages, Estonian, Catalan.
    "dw", "kopi", "kopio", "bilgi", "másolatot kap", "копія", "копие", "עותק", "نسخة",
    "kopija", "kópia", "koopia", "a/c", "kp", "κοιν.", "bcc", "bc", "скрытая копия",
)  # fmt: skip
SUBJECT_LABELS = (
    "subject", "betreff", "objet", "asunto", "oggetto", "onderwerp", "emne", "ämne",
    "temat", "předmět", "aihe", "тема", "tárgy", "konu", "assunto", "θέμα", "sujet",
    "主题", "主旨", "件名", "제목", "assumpte", "subiect", "chủ đề", "perihal", "เรื่อง",
    "الموضوع", "موضوع", "נושא", "tema", "efni", "относно", "predmet", "zadeva", "tēma",
    "teema", "тема",
    # Italian webmail's abbreviation (Libero, Virgilio); Lotus Notes' German label.
    "ogg", "thema",
    # Outlook's in Malay (and Indonesian's Gmail), Hindi, Basque, Welsh, Belarusian.
    "subjek", "विषय", "gaia", "pwnc", "тэма",
)  # fmt: skip

# The fields Outlook adds under Subject when the message had them: its importance, the
# files it carried.  They belong to the block, and say nothing of who wrote it.
EXTRA_LABELS = (
    "importance", "priority", "attachments", "wichtigkeit", "priorität", "anlagen",
    "anhänge", "pièces jointes", "priorité", "importancia", "prioridad", "datos adjuntos",
    "importanza", "priorità", "allegati", "urgentie", "prioriteit", "bijlagen", "ważność",
    "priorytet", "załączniki", "важность", "вложения", "重要度", "添付ファイル", "重要性",
    "附件", "prioridade", "anexos", "prioritet", "bilagor", "vedhæftede filer",
)  # fmt: skip

LABEL_KIND: dict[str, str] = {}
for _kind, _labels in (
    ("extra", EXTRA_LABELS),
    ("to", TO_LABELS),
    ("cc", CC_LABELS),
    ("subject", SUBJECT_LABELS),
    ("date", DATE_LABELS),
    ("from", FROM_LABELS),
):
    for _label in _labels:
        LABEL_KIND.setdefault(_label, _kind)
# "De:" is French and Spanish for From; "Data:" is Italian and Polish for Date.
LABEL_KIND["de"] = "from"

# "*From:* Jo" (bold marks left by an HTML-to-text conversion), "From: Jo", "发件人： Jo".
HEADER_LINE = re.compile(
    r"^[\s>*]*(?P<label>[^\W\d_][^:：*\n]{0,24}?)\s*\**\s*[:：]\s*\**(?P<value>.*)$"
)

# Attribution lines end with the verb of "X wrote:".
WROTE = (
    r"wrote|writes|has written|schrieb|schreibt|a écrit|escribió|escribio|"
    r"ha escrit|va escriure|ha scritto|scrisse|schreef|het volgende geschreven|"
    r"folgendes geschrieben|"
    r"escreveu|skrev|skrifaði|kirjutas|napisał\(a\)|napisała|napisał|pisze|"
    r"napsal\(a\)|napsala|napsal|napísal\(a\)|napísal|napisao|napisala|napisal|"
    r"написал\(а\)|написала|написал|написав|написао|написа|пишет|kirjoitti|írta|yazdı|έγραψε|"
    r"a scris|đã viết|menulis|пише|쓴 글|"
    r"rašė|rakstīja|כתב|كتب|تمت كتابة ما يلي بواسطة|نوشت|เขียนว่า|ने लिखा|"
    r"写道|寫道|작성|のメッセージ|のメール|書きました|さんは書きました"
)
# "… wrote:", and Hungarian's "… ezt írta (időpont: 2014. márc. 20., Cs 8:48):".
# The verb may carry the other gender's ending after a slash ("napisao/la:", "je
# написао/ла:").
WROTE_END = prefiltered(
    rf"(?:{WROTE})(?:/\w{{1,3}})?\s*(?:\([^()]{{0,80}}\))?\s*[:：]\s*$", re.IGNORECASE
)
# The verb at the end of a line whose attribution goes on below ("Am … schrieb\nJo <…>:").
WROTE_OPEN = re.compile(rf"(?:{WROTE})\s*$", re.IGNORECASE)
# The verb first ("skrev Jo <jo@…>:", "Quoting Jo <jo@…>:").
WROTE_START = re.compile(rf"^\s*(?:{WROTE}|quoting|zitat von|citando)\b", re.IGNORECASE)
# The verb anywhere in a line, for an attribution folded after the name.
WROTE_WORD = prefiltered(rf"(?<!\w)(?:{WROTE})(?!\w)", re.IGNORECASE)
# The words an attribution begins with: "On …", "Am …", "Le …", "Dnia …".
# Romanian "În", Thai "เมื่อ" (when), Arabic "في" / "بتاريخ" (on / dated), Hebrew "ב-" /
# "בתאריך", Persian "در" (on) begin the attributions written in those languages.
ATTRIBUTION_START = re.compile(
    r"^\s*(?:On|Am|Le|El|Il|Op|Em|Den|Dnia|Dne|W dniu|Den|På|Pe|În|Στις|Vào|Pada|เมื่อ|"
    r"في\s|بتاريخ|ב-|בתאריך|در\s|\d)",
    re.IGNORECASE,
)

# "-----Original Message-----" and its translations; "Begin forwarded message:".
DIVIDER = re.compile(
    r"^\s*[-_=]{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|"
    r"weitergeleitete nachricht|originalnachricht|message d'origine|message original|"
    r"message transféré|mensaje original|mensaje reenviado|messaggio originale|"
    r"messaggio inoltrato|oorspronkelijk bericht|origineel bericht|doorgestuurd bericht|"
    r"oprindelig meddelelse|videresendt meddelelse|opprinnelig melding|"
    r"ursprungligt meddelande|vidarebefordrat meddelande|původní zpráva|"
    r"přeposlaná zpráva|wiadomość oryginalna|oryginalna wiadomość|przekazana wiadomość|"
    r"исходное сообщение|пересылаемое сообщение|alkuperäinen viesti|eredeti üzenet|"
    r"mensagem original|mensagem encaminhada|orijinal mesaj|原始邮件|原始郵件|"
    r"转发的邮件|転送メッセージ|元のメッセージ|원본 메시지|전달된 메시지|mesaj original|"
    r"mesaj redirecționat|missatge original|originalmeddelande|pôvodná správa|"
    r"izvorna poruka|původní e-mail|оригінальне повідомлення|original|mail original|"
    r"özgün (?:i̇|İ|i)leti|orijinal mesaj|αρχικό μήνυμα|προωθημένο μήνυμα|"
    r"пересланное сообщение|переслане повідомлення|原始郵件|轉寄的郵件|전달 메시지|"
    r"oprindelig besked|videresendt besked|välitetty viesti|továbbított üzenet|"
    r"originalna poruka|prosleđena poruka|původní zpráva|preposlana poruka|"
    r"alkuperäinen viesti|originaalsõnum|originali žinutė|sākotnējā ziņa)"
    r"\s*[-_=]{2,}\s*$"
    r"|^\s*(?:begin forwarded message|anfang der weitergeleiteten nachricht|"
    r"début du message réexpédié|inicio del mensaje reenviado|"
    r"inizio messaggio inoltrato|begin doorgestuurd bericht|"
    r"início da mensagem reencaminhada|vidarebefordrat mejl|"
    r"początek przekazywanej wiadomości|転送されたメッセージ|"
    r"начало переадресованного сообщения)\s*[:：]\s*$",
    re.IGNORECASE,
)
# The marker a ticket system puts above the quoted thread ("##- Please type your reply
# above this line -##"): what is above it is the reply.
REPLY_ABOVE = re.compile(
    r"^\W*(?:please\s+)?(?:type|write|enter|add)?\s*(?:your\s+)?(?:reply|response|answer)"
    # "Reply ABOVE THIS LINE to add a comment to this ticket": the line may say why.
    r"\s+above\s+this\s+line(?:\s+to\s+[\w\s]{1,60}?)?\W*$|"
    r"(?:oberhalb|über) dieser (?:zeile|linie)|au-dessus de cette ligne|"
    r"encima de esta l[ií]nea|sopra questa riga|boven deze regel|powyżej tej linii|"
    r"над этой строкой|acima desta linha|ovanför (?:denna|den här) (?:rad|linje)|"
    r"over denne linje[n]?\b|tämän rivin yläpuolelle|nad (?:tento|touto) řádek|"
    r"nad týmto riadkom|bu satırın (?:üzerine|üstüne)|(?:e|ezen|ez a) sor fölé|"
    r"deasupra acestei linii|πάνω από αυτή τη γραμμή|מעל שורה זו|この行より上|"
    r"此行(?:上方|以上)|이 줄 위에|"
    # "Please do not reply below this line": the same marker, told the other way.
    r"^\W*(?:please\s+)?(?:do\s+not|don't)\s+(?:reply|write|type|respond)\s+below\s+"
    r"this\s+line\W*$|nicht unter(?:halb)? dieser (?:zeile|linie)|"
    r"ne pas (?:\w+ ){0,2}(?:en[- ]dessous|au-dessous) de cette ligne|"
    r"no (?:\w+ ){0,2}(?:por )?debajo de esta l[ií]nea|non (?:\w+ ){0,2}sotto questa riga|"
    r"niet (?:\w+ ){0,2}onder deze regel|não (?:\w+ ){0,2}abaixo desta linha",
    re.IGNORECASE,
)
# The line a ticket system writes above a comment it sends on ("Kevin Walsh added a
# comment to Ticket #2207:", "Claire Dubois a commenté :"): who did what, and a colon.
NOTIFICATION_HEAD = re.compile(
    # … or a marketplace's "New message from: mike_on_the_moors (212)".
    r"^(?:new message from|you have a new message from|nouveau message de|"
    r"neue nachricht von|nuevo mensaje de|nuovo messaggio da|nieuw bericht van|"
    r"nowa wiadomość od|новое сообщение от|νέο μήνυμα από|nova mensagem de)\b[^.!?]{0,80}$|"
    # … or a tracker's "Ray Okonkwo commented on: Billing - seat count March".
    r"^[^.!?:]{1,60}?\b(?:commented|replied|posted) (?:on|in|to):[ \t][^.!?]{1,100}$|"
    r"^.{1,80}?\b(?:added a (?:comment|reply|note)|commented|replied|responded|"
    r"a (?:commenté|répondu|ajouté un commentaire)|hat (?:einen kommentar hinzugefügt|"
    r"kommentiert|geantwortet)|ha (?:comentado|respondido|commentato|risposto)|"
    r"heeft (?:gereageerd|een opmerking toegevoegd)|"
    # … in Spanish, Portuguese and Polish, in the past tense ("Lucía Romero comentó:").
    r"respondió|comentó|respondeu|comentou|(?:s?komentował|odpowiedział|dodał)a?\b)"
    r"\b.{0,120}[:：]\s*$|"
    # … and in Japanese: "佐藤 美咲さんが返信しました:".
    r"^.{1,40}?(?:さん|様)?が(?:返信|コメント|回答)しました\s*[:：]?\s*$",
    re.IGNORECASE,
)
# A rule above an entry of a ticket system's thread ("------" / "Jo Client" / "Nov 4,
# 2020, 15:02 GMT+1"): the newest entry comes first, the second begins the history.
ENTRY_RULE = re.compile(r"^\s*[-=_]{10,}\s*$")
# A line of underscores: Outlook's divider above its header block, and the rule
# mailing-list software draws above its footer.
RULE = re.compile(r"^\s*_{20,}\s*$")
SIGNATURE = re.compile(r"^--[ \t\u00a0]*$")
# The mark a mail program sets before each quoted line, one a level (RFC 3676 §4.5), and
# the marks with the blanks around them, as ``str.lstrip`` takes them off a line.
QUOTE_MARK = ">"
QUOTE_MARKS = f" \t{QUOTE_MARK}"

# Mobile and webmail footers: the phrase plus a few words, alone on a line.
MOBILE_FOOTER = re.compile(
    r"^[ \t]*(?:sent from my|sent from|sent via|sent with|sent using|get outlook for|"
    r"get (?:bluemail|typeapp|spark|edison mail) for|envoyé de mon|"
    r"envoyé depuis|envoyé avec|envoyé via|gesendet von|gesendet mit|gesendet via|von meinem|"
    r"enviado desde mi|enviado con|enviado vía|enviado via|inviato con|inviato tramite|"
    r"verzonden via|enviado a través de|enviado através de|envoyé par l'intermédiaire de|"
    r"gesendet über|"
    r"enviado desde|enviado do meu|enviado de meu|inviato dal mio|inviato da|verzonden met|"
    r"verstuurd vanaf mijn|verzonden vanaf|verzonden vanuit|verstuurd vanuit|"
    r"skickat från min|skickat från|sendt fra min|"
    r"sendt fra|lähetetty|wysłane ze?|wysłano ze?|odesláno ze?|odoslané zo?|trimis de pe|"
    r"poslano (?:s|sa|iz|z)|enviat des de|enviat des del|enviat amb|"
    r"envoyé de yahoo|envoyé d(?:e |')outlook|envoyé à partir de|von yahoo mail|von outlook|"
    r"diese nachricht wurde (?:von|mit) meinem|"
    r"отправлено с|отправлено из|"
    r"отправлено через|надіслано з|"
    r"iphoneから送信|发自我的|发自网易|发自手机|来自网易|来自我的|来自qq邮箱|从我的|从 ?outlook|"
    r"從我的|發自我的|寄自我的|"
    r"enviado do|נשלח מ|"
    r"trimis din|poslato sa|saadetud|išsiųsta iš|nosūtīts no|изпратено от|"
    r"أ\u064f?رسلت من|تم الإرسال من|ارسال شده از|στάλθηκε από|dikirim dari|dihantar dari|"
    r"được gửi từ|đã gửi từ|gửi từ|ส่งจาก)"
    # A phrase in a script without spaces runs into the device's name: "发自我的iPhone";
    # Hebrew writes its preposition on the word: "נשלח מה-iPhone".
    r"(?:\b|(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u05d0-\u05ea]))(?P<rest>.*)$",
    re.IGNORECASE,
)
# The same footers where the phrase comes after the device: "iPhone'umdan gönderildi",
# "Samsung Galaxy akıllı telefonumdan gönderildi" (… from my smartphone), "내 iPhone에서
# 보냄".  Matched only against the last short lines of a text.
MOBILE_SUFFIX = re.compile(
    r"(?:(?:['’](?:umdan|ümden|ımdan|imden|dan|den|tan|ten)|telefonumdan|cihazımdan|"
    r"tabletimden)[ \t]+gönderildi|에서[ \t]?보냄|"
    r"から送信|से भेजा गया|"
    # Hungarian: "Az iPhone-omról küldve", "… okostelefonomról küldve".
    r"r[óő]l[ \t]+küldve)[ \t]*\.?[ \t]*$",
    re.IGNORECASE,
)

# Closing formulas of a letter, alone on their line ("Best regards," / "Med venlig
# hilsen"); what follows them, a name, is the writer's sign-off.  "Thanks" is not one:
# it is as often the message itself.
VALEDICTION = prefiltered(
    r"^[ \t\u3000]*(?:best regards|kind regards|warm regards|warmest regards|regards|best wishes|"
    r"all the best|best|thanks and regards|thanks & regards|sincerely|yours sincerely|"
    r"sincerely yours|yours truly|yours faithfully|respectfully|take care|with thanks|"
    r"un cordial saludo|reciba un cordial saludo|saludos afectuosos|att\.?|atte\.?|"
    r"bonne journée|belle journée|bonne soirée|au plaisir|buona giornata|a presto|"
    r"parhain terveisin|thân mến|mvg|serdecznie pozdrawiam|saygılarımızla|"
    r"(?:i̇|İ|i)yi çalışmalar|تحياتي|"
    r"(?:viele |beste |liebe |herzliche |sonnige )?gr(?:ü|ue)(?:ß|ss)e aus [\w .-]{1,30}|"
    r"cheers|mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en|freundliche gr(?:ü|ue)(?:ß|ss)e|"
    r"viele gr(?:ü|ue)(?:ß|ss)e|beste gr(?:ü|ue)(?:ß|ss)e|liebe gr(?:ü|ue)(?:ß|ss)e|"
    r"herzliche gr(?:ü|ue)(?:ß|ss)e|sch(?:ö|oe)ne gr(?:ü|ue)(?:ß|ss)e|"
    r"mit besten gr(?:ü|ue)(?:ß|ss)en|"
    r"gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|mfg|lg|cordialement|bien cordialement|bien à vous|"
    r"salutations distinguées|meilleures salutations|salutations|"
    r"saludos|un saludo|saludos cordiales|atentamente|cordialmente|"
    r"cordiali saluti|distinti saluti|un cordiale saluto|saluti|abraços|"
    r"met vriendelijke groet(?:en)?|hartelijke groet(?:en)?|groetjes|"
    r"vriendelijke groet(?:en)?|groeten|groet|med vänliga? hälsning(?:ar)?|"
    r"vänliga hälsningar|hälsningar|mvh|med venlig hilsen|venlig hilsen|"
    r"med vennlig hilsen|vennlig hilsen|hilsen|kh|pozdrawiam|z poważaniem|"
    r"z powazaniem|s pozdravem|s pozdravom|ystävällisin terveisin|terveisin|"
    r"с уважением|с наилучшими пожеланиями|atenciosamente|cumprimentos|üdvözlettel|"
    r"saygılarımla|敬具|此致敬礼|此致|敬礼|祝好|with (?:kind|best|warm) regards|"
    r"many thanks and (?:best|kind) regards|thanks and best regards|best wishes|"
    r"un saluto|tanti saluti|un abrazo|abrazos|saludos cordiales|"
    r"pozdrawiam serdecznie|z wyrazami szacunku|s přátelským pozdravem|"
    r"всего доброго|всего наилучшего|iyi çalışmalar|com os melhores cumprimentos|"
    r"melhores cumprimentos|abraço|trân trọng|hormat saya|salam|با احترام|"
    r"با سپاس|با تشکر|ارادتمند|مع تحياتي|مع خالص التحيات|ขอแสดงความนับถือ|בברכה|"
    r"ด้วยความเคารพ|ด้วยความนับถือ|"
    r"مع (?:أطيب|اطيب|أجمل|خالص|فائق) (?:التحيات|الاحترام|التقدير)|مع التحية|مع التقدير|"
    r"(?:引き続き|今後とも|何卒|どうぞ)?、?(?:よろしく|宜しく)お願い(?:いたします|致します|します|申し上げます)|"
    r"よろしくお願いいたします|よろしくお願い致します|宜しくお願い致します|"
    r"よろしくお願いします|以上、?よろしくお願いいたします|με εκτίμηση|敬祝|順祝|顺祝|商祺|"
    r"時祺|时祺|安好|順頌|顺颂|"
    r"με φιλικούς χαιρετισμούς|φιλικά|με τιμή|顺祝商祺|顺颂商祺|顺颂时祺|祝商祺|祝好运|"
    r"敬上|謹上|thân ái|thân chào|kính thư|و?تفضلوا بقبول (?:فائق|وافر) الاحترام|"
    r"поздрави|srdačan pozdrav|lep pozdrav|lp|s poštovanjem|pagarbiai|ar cieņu|"
    r"lugupidamisega|parimate soovidega|з повагою|с поздрав|"
    # Hungarian's short greeting, Romanian's, Slovak's, Hebrew's and Indonesian's formulas.
    r"üdv|cu respect|toate cele bune|o zi bună|o zi frumoasă|s úctou|בכבוד רב|"
    r"salam hangat|hormat kami|salam sejahtera|(?:děkuji a |díky a )?zdravím|"
    r"з найкращими побажаннями|всього найкращого|"
    # The short and the familiar closings: English, Turkish's, Malay's and Indonesian's,
    # Japanese's "草々", Korean's, and the kisses French, Spanish and Portuguese send.
    r"warmly|yours|talk soon|love|saygılar|salam hormat|草々|수고하세요|잘 부탁드립니다|"
    r"bisous|bises|besos|beijos|beijinhos|tschüss|tschüs)"
    # An abbreviation's dot may stand before the mark: "Üdv.:", "Mvh.,".
    r"[ \t]*\.?[,.!:،。，！、～~]?[ \t]*$",
    re.IGNORECASE,
)
# The words closings are made of, in the languages clients write: a short line that
# begins or ends with one ("Mit sportlichen Grüßen", "Cu stimă", "Warm regards from
# Leeds") closes a letter, whatever words stand beside it.
# The letters of a name, with the vowel signs and other marks the Indic, Thai, Hebrew and
# Arabic scripts write over and under them (not word characters to the regex engine).
_NAME_MARKS = "\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff"
CLOSING_WORDS = (
    r"regards|wishes|sincerely|faithfully|respectfully|cheers|greetings|"
    r"gr(?:ü|ue|u)(?:ß|ss)|gru(?:ß|ss)|groet|hälsning|hilsen|hilsner|pozdrawiam|pozdrowienia|"
    r"poważaniem|powazaniem|szacunkiem|pozdrav|уважением|повагою|поздрав|пожелани|"
    r"salutations|cordialement|amitiés|saludo|atentamente|cordialmente|abrazo|saluti|"
    r"saluto|cordialità|cumprimentos|atenciosamente|abraço|saudações|stimă|stima|salutări|"
    r"üdvözlettel|tisztelettel|köszönettel|terveisin|terveiset|saygılarımla|saygılarımızla|selamlar|"
    r"χαιρετισμ|εκτίμηση|lugupidamisega|cieņu|pagarbiai|poštovanjem|trân trọng|"
    r"احترام|ارادتمند|(?:ال)?تحيات|الاحترام|(?:ال)?تقدير|सादर|भवदीय|सहित"
)
CLOSING = prefiltered(
    rf"^[ \t]*(?:[^\W\d_][\w{_NAME_MARKS}]*[ \t]+){{0,4}}(?:{CLOSING_WORDS})[^\W\d_]*"
    rf"(?:[ \t]+[^\W\d_][\w{_NAME_MARKS}]*){{0,4}}[ \t]*[,.!:،。，！]?[ \t]*$",
    re.IGNORECASE,
)
# Thanks at the end of a message: the writer's words ("Thanks," is as often the message
# itself), but a signature block under them is not.
THANKS = prefiltered(
    r"^[ \t]*(?:thanks|thank you|many thanks|thanks again|thanks a lot|thx|danke|"
    r"vielen dank|danke schön|merci|merci beaucoup|gracias|muchas gracias|grazie|"
    r"grazie mille|bedankt|dank je|dank u|dziękuję|dzięki|děkuji|спасибо|"
    r"большое спасибо|obrigado|obrigada|teşekkürler|teşekkür ederim|tack|tak|kiitos|"
    r"köszönöm|감사합니다|고맙습니다|谢谢|謝謝|ありがとうございます|ขอบคุณครับ|ขอบคุณค่ะ|"
    r"ขอบคุณ|ممنون|متشکرم|شكرا|תודה רבה|תודה|cảm ơn|terima kasih|ευχαριστώ πολύ|"
    r"ευχαριστώ)[ \t]*[,.!،。！]?[ \t]*$",
    re.IGNORECASE,
)
# A Korean sign-off: the name and 드림 or 올림 ("given by").
KOREAN_SIGNED = re.compile(
    r"^[ \t]*\S{1,12}(?:[ \t]\S{1,12})?[ \t]?(?:드림|올림|敬上|謹上|拜上|上)[ \t]*$"
)
# Lines of a company's legal particulars, which follow a signature however long they are.
LEGAL_LINE = prefiltered(
    r"amtsgericht|registergericht|handelsregister|\bHRB\b|\bHRA\b|geschäftsführ|"
    r"sitz der gesellschaft|ust-?id|steuernummer|registered (?:in|office)|"
    r"company (?:no|number|reg)|"
    r"\bVAT\b|\bKvK\b|\bBTW\b|\bNIP\b|\bREGON\b|\bKRS\b|\bSIRET\b|\bSIREN\b|\bRCS\b|"
    r"capital social|partita iva|p\.\s?iva|\bCIF\b|\bNIF\b|\bIČO?\b|\bDIČ\b|\bИНН\b|\bОГРН\b",
    re.IGNORECASE,
)
# A company's legal form, as it follows the name on a signature's company line; the
# short ones as they are written, in capitals ("Norrmark AB", "Sørensen A/S").
COMPANY_FORM = re.compile(
    r"(?i:(?<!\w)(?:ltd|limited|llc|llp|plc|inc|corp|pty|gmbh|ohg|e\.\s?k|"
    r"b\.\s?v|n\.\s?v|s\.\s?a|s\.\s?l|sarl|s\.\s?p\.\s?a|s\.\s?r\.\s?l|srl|"
    r"aps|asa|oyj|ehf|s\.\s?r\.\s?o|a\.\s?s|kft|zrt|sp\.\s?z\s?o\.\s?o|"
    r"d\.\s?o\.\s?o|ltda|lda|s\.\s?a\.\s?s|a\.\s?ş|ltd\.\s?şti|e\.\s?v|gbr|mbh|"
    # Poland's partnerships: "Sp. k.", "Sp. j.", "Sp. p.", "S.K.A.".
    r"sp\.\s?[kjp]|s\.\s?k\.\s?a|"
    # Greece's: "Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε.".
    r"α\.\s?ε|ε\.\s?π\.\s?ε|ι\.\s?κ\.\s?ε|ο\.\s?ε)\.?(?!\w))|"
    r"(?<!\w)(?:AB|AG|AS|A/S|KG|eG|Oy|Bt|SAS|SpA|ООО|ТОВ|ОАО|ЗАО|ПАО|АО)\.?(?!\w)|"
    r"株式会社|有限会社|有限公司|股份公司|주식회사|\(주\)|ذ\.\s?م\.\s?م|ش\.\s?م\.\s?[مع]"
)
# The words job titles are made of, in the languages clients write ("Head of IT",
# "Leiter Einkauf", "Jefa de Sistemas", "Kierownik działu IT", "Руководитель отдела",
# "情報システム部 課長", "信息技术部经理", "정보시스템팀 과장", "مدير المشتريات",
# "Bilgi İşlem Müdürü"): a line under a name with one of them is the writer's title, not
# another name in a list.  Matched at the beginning of a word with up to four letters
# more, so that the word's forms count too ("Managerin", "Müdürü", "Leiterin"), and a
# name that begins so does not ("Leadbetter").
TITLE_WORDS = re.compile(
    r"(?i:(?<![^\W\d_])(?:manager|director|head of|chief|lead|leader|officer|assistant|"
    r"coordinator|specialist|consultant|administrator|analyst|engineer|developer|"
    r"president|founder|owner|partner|secretary|accountant|bookkeeper|supervisor|"
    r"executive|representative|advisor|adviser|technician|architect|designer|clerk|"
    r"receptionist|department|team|sales|support|finance|accounts|operations|"
    r"procurement|purchasing|"
    r"leiter|teamleiter|geschäftsführ|inhaber|mitarbeiter|sachbearbeiter|referent|"
    r"abteilung|vertrieb|einkauf|buchhaltung|prokurist|vorstand|"
    r"directeur|directrice|responsable|chef|gérant|chargé|comptable|ingénieur|"
    r"médecin|infirmi|coordinat|pharmacien|farmacéutic|arzt|ärztin|"
    r"jefe|jefa|director|gerente|coordinador|técnic|administrativ|departamento|"
    r"direttore|direttrice|responsabile|ufficio|amministrazion|impiegat|"
    r"diretor|coordenador|gestor|"
    r"teamleider|medewerker|afdeling|adviseur|directie|"
    r"kierownik|dyrektor|specjalist|prezes|dział|księgow|"
    r"jednatel|ředitel|vedoucí|účetní|asistent|"
    r"ügyvezető|igazgató|vezető|könyvelő|"
    r"contabil|"
    r"ansvarig|ekonomi|handläggare|leder|ansvarlig|rådgiver|konsulent|"
    r"päällikkö|johtaja|asiantuntija|vastaava|sihteeri|"
    r"руководител|директор|менеджер|специалист|начальник|отдел|инженер|бухгалтер|"
    r"керівник|фахівець|"
    r"διευθυντ|υπεύθυν|λογιστ|"
    r"müdür|uzman|sorumlu|mühendis|yönetici|departman|şef|"
    r"manajer|kepala|direktur|staf|"
    r"trưởng phòng|giám đốc|kế toán|nhân viên|"
    r"مدير|مديرة|رئيس|قسم|مسؤول|مهندس|مدیر|کارشناس|مسئول|رئیس|מנהל)"
    r"[^\W\d_]{0,4}(?![^\W\d_]))"
    # Abbreviations, as written: "Leiter IT", "Gerente de TI", "VP Sales".
    r"|(?<!\w)(?:IT|ICT|HR|TI|ИТ|CEO|CTO|CFO|COO|CIO|VP|EDV)(?!\w)"
    r"|部長|課長|係長|主任|担当|室長|社長|代表取締役|部門|课长|经理|經理|总监|總監|主管|部门|"
    r"工程师|과장|부장|대리|사원|팀장|팀|이사|대표|실장|주임|ผู้จัดการ"
)


# A label that names a person's part in what the client asks — whom to send to, whom to
# call, who asked, where to deliver — over the name or the company it gives ("Recipient"
# / "Mary Jones", "Người nhận" / "Mai", "Ansprechpartner vor Ort" / "Max Müller",
# "Adresse de livraison" / "Jean Dupont", "Requested by" / …): the client's data, not a
# closing in a language no table knows, nor a signature.  The label's word begins the
# line (as Romance languages put the head of "Dirección de envío") or ends it (as
# Germanic ones put it in "Delivery address", or in a compound: "Rechnungsempfänger",
# "Lieferadresse"); a line that ends on "by" or "to" ("Requested by", "Ship to") labels
# too.  A job title's word on the line makes it a department ("Customer Support").
_LABEL_WORDS = (
    r"recipients?|addressee|sender|customer|client|users?|contact(?: person)?|"
    r"account holder|holder|full name|name|requester|approver|driver|guest|"
    r"patient|tenant|member|employee|attendee|participant|address|numbers?|"
    r"nummern?|numéros?|números?|numer[oi]?|номер[аи]?|"
    r"empfänger(?:in)?|absender(?:in)?|kund(?:e|in)|benutzer(?:in)?|nutzer(?:in)?|"
    r"ansprechpartner(?:in)?|kontakt(?:person)?|inhaber(?:in)?|fahrer(?:in)?|mieter(?:in)?|"
    r"teilnehmer(?:in)?|adresse|anschrift|destinataire|expéditeur|expéditrice|cliente?|"
    r"utilisat(?:eur|rice)|titulaire|interlocut(?:eur|rice)|locataire|destinatari[oa]|"
    r"remitente|usuari[oa]|contacto|titular|dirección|direccion|mittente|utente|"
    r"referente|intestatari[oa]|indirizzo|destinatário|remetente|utilizador|contato|"
    r"endereço|morada|ontvanger|afzender|klant|gebruiker|contactpersoon|naam|adres|"
    r"odbiorca|nadawca|klient|użytkownik|osoba kontaktowa|osoba|imię|nazwisko|příjemce|"
    r"odesílatel|zákazník|uživatel|kontaktní osoba|jméno|adresa|"
    r"получатель|отправитель|клиент|пользователь|контактное лицо|фио|имя|адрес|"
    r"alıcı|gönderen|müşteri|kullanıcı|yetkili|kişi(?:si)?|adı soyadı|ad soyad|adres|"
    r"người nhận|người gửi|khách hàng|người dùng|người liên hệ|họ và tên|họ tên|tên|"
    r"địa chỉ|penerima|pengirim|pelanggan|pengguna|kontak|nama|alamat|mottagare|"
    r"avsändare|kund|användare|kontaktperson|namn|adress|modtager|afsender|bruger|"
    r"mottaker|avsender|bruker|navn|címzett|feladó|ügyfél|felhasználó|kapcsolattartó|"
    r"név|cím|vastaanottaja|lähettäjä|asiakas|käyttäjä|yhteyshenkilö|nimi|osoite|"
    r"παραλήπτης|αποστολέας|πελάτης|χρήστης|όνομα|διεύθυνση|"
    r"נמען|שולח|לקוח|משתמש|איש קשר|כתובת|المستلم|المرسل|العميل|المستخدم|الاسم|العنوان|"
    r"گیرنده|فرستنده|مشتری|کاربر|آدرس|ผู้รับ|ผู้ส่ง|ลูกค้า|ผู้ใช้|ผู้ติดต่อ|ที่อยู่|"
    r"宛先|受取人|担当者|氏名|名前|住所|收件人|联系人|聯絡人|客户|客戶|用户|用戶|姓名|地址|"
    r"수신인|수신자|받는 ?사람|담당자|고객|이름|주소"
)
PERSON_LABEL = prefiltered(
    rf"^[ \t]*(?:{_LABEL_WORDS})(?![^\W\d_])[^\n]{{0,40}}$"
    rf"|^[^\n]{{0,40}}(?<![^\W\d_])(?:{_LABEL_WORDS}|by|von|par|por|door|przez|av|af|od|от|to)"
    r"[ \t]*:?[ \t]*$"
    # German compounds: "Rechnungsempfänger", "Lieferadresse", "Ansprechpartnerin".
    r"|^[ \t]*[^\W\d_]*(?:empfänger|adresse|anschrift|ansprechpartner|kontakt|nummer)(?:in|n)?"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE,
)


def labels_person(line: str) -> bool:
    """Whether ``line`` is a label over the name or the company the client gives
    (:data:`PERSON_LABEL`), no department's name."""
    text = line.strip()
    return (
        0 < len(text.split()) <= _LABEL_WORDS_MAX
        and not text.endswith((".", "!", "?", ","))
        and PERSON_LABEL.search(text) is not None
        and TITLE_WORDS.search(text) is None
    )


_LABEL_WORDS_MAX = 4


# A rule drawn above a signature: dashes, underscores, box-drawing or full-width lines.
# (Possessive: a line of thousands of dashes is read in one pass.)
SIGNATURE_RULE = re.compile(r"^[ \t]*+(?:[-_=*~#━─═＝－―—–＿＊＃・][ \t]*+){3,}+$")
# "-Jo Client", "/John": a name signed with a dash or a slash.
# A name as the writer signs with it: one to three words that begin with a letter.
NAME_WORDS = rf"[^\W\d_][\w.'{_NAME_MARKS}-]*(?:[ \t][^\W\d_][\w.'{_NAME_MARKS}-]*){{0,2}}"
NAME = re.compile(rf"^[ \t]*{NAME_WORDS}[ \t]*$")
# Two hyphens as one dash, as people type it: "--Jo", "-- Jo Client".
DASHED_NAME = re.compile(rf"^[ \t]*(?:--|[-–—/])[ \t]?{NAME_WORDS}[ \t]*$")
# Initials signed under a message: "/mk", "-JD", "– A.K.", "--JD".
INITIALS = re.compile(r"^[ \t]*(?:--|[-–—/~])[ \t]?(?:[^\W\d_]\.?){1,3}[ \t]*$")


# A link or a mail address anywhere in a line.
# An address's match begins where its run of address characters begins
# (``(?<![\w.+-])``): tried from every character of a long run ("-----…"), the run
# would be read to its end each time.
LINK_OR_ADDRESS = re.compile(r"https?://|www\.|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")


# The end of a sentence, in the scripts mail is written in.
SENTENCE_END = (".", "!", "?", ":", ";", "。", "！", "？")
# The end of a sentence proper (a colon or a semicolon goes on), and of a question.
FULL_STOP = (".", "!", "?", "。", "！", "？", "؟")
QUESTION_END = ("?", "？", "؟")
# Invisible direction marks Gmail puts around a right-to-left attribution (U+202B …
# U+202C).
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


# Every invisible format mark a mail program writes into right-to-left text or around a
# closing, a name, a number: the direction marks above, the Arabic letter mark, the
# zero-width space, the word joiner and the byte order mark (U+FEFF, a zero-width
# no-break space inside text).  The joiners U+200C and U+200D are left: they shape
# Persian words and emoji.
FORMAT_MARKS = _DIRECTION_MARKS + "\u061c\u200b\u2060\ufeff"
_NO_FORMAT_MARKS = str.maketrans("", "", FORMAT_MARKS)


def without_marks(text: str) -> str:
    """``text`` without its invisible format marks (:data:`FORMAT_MARKS`): what the rules
    read, so that "בברכה,\u200f" is the closing "בברכה,"."""
    return text.translate(_NO_FORMAT_MARKS)


def line_end(line: str) -> str:
    """``line`` without the spaces and direction marks at its end."""
    return line.rstrip().rstrip(_DIRECTION_MARKS).rstrip()


def announced(lines: list[str], start: int) -> bool:
    """Whether the block of text that begins on line ``start`` is what the writer's line
    above it announces ("Our list server adds this footer to every post:"): a footer or a
    signature the writer pastes to show it is theirs to keep."""
    above = start - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or start - above > _ANNOUNCED_GAP:
        return False
    # A sentence announces; a closing written with a colon ("Üdvözlettel:") does not.
    said = line_end(lines[above])
    if said[-_AS_FOLLOWS_CHARS:].rstrip(".。!！ \t").casefold().endswith(_AS_FOLLOWS):
        return True  # "… 아래와 같습니다.", "… 下記の通りです。", "… are as follows."
    if said.rpartition(" ")[2].casefold() in _DANGLING and len(said.split()) >= _ANNOUNCING_WORDS:
        # A sentence that stops on a word no sentence ends with — an article, a
        # preposition; not "da" or "na", which end German and Slavic sentences ("Ab
        # Montag bin ich wieder da") — goes on in the block: "Merci d'adresser les factures à" /
        # "Centre de santé des Lilas" / "12 rue de Paris".
        return True
    if not said.endswith((":", "：")):
        return False
    # The sentence may be wrapped: "… Odbiorcy widzą na" / "dole coś takiego:".
    words = _word_count(said)
    first = above
    while words < _ANNOUNCING_WORDS and first > 0 and above - first < _ANNOUNCING_LINES:
        first -= 1
        before = lines[first].strip()
        if not before or before.endswith((".", "!", "?", ":", "：")):
            break
        words += _word_count(before)
    return words >= _ANNOUNCING_WORDS


def _word_count(text: str) -> int:
    """How many words ``text`` has: those spaces part, and each ideograph or kana as
    one, as Chinese and Japanese write without spaces ("产品名称：" is no one word)."""
    return len(text.split()) + len(_UNSPACED_SCRIPT.findall(text))


_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


# A sentence that announces what follows with its words, not a colon: "as follows", as
# Korean, Japanese and Chinese end such a sentence with a full stop ("연락처는 아래와
# 같습니다.", "送付先は下記の通りです。", "地址如下。") and other languages may.
_AS_FOLLOWS = (
    "아래와 같습니다", "다음과 같습니다", "下記の通りです", "下記のとおりです", "以下の通りです",
    "以下のとおりです", "下記になります", "以下になります", "如下",
    "as follows", "wie folgt", "comme suit", "come segue", "como sigue", "als volgt",
)  # fmt: skip
_AS_FOLLOWS_CHARS = 24
# Words no sentence ends with, in the languages clients write: articles, prepositions of
# the languages that never leave one at a sentence's end, "the following", "lautet" (the
# German "reads").  (Not the prepositions of English, German or Dutch, which end
# sentences and separable verbs: "Rufen Sie mich bitte an".)
_DANGLING = frozenset(
    [
        "the", "a", "an", "via", "following", "lautet", "lauten", "folgende", "für", "von",
        "à", "au", "aux", "chez", "pour", "par", "avec", "sur", "le", "la", "les", "du",
        "des", "de", "suivante", "suivantes", "suivant",
        "al", "el", "los", "las", "para", "con", "en", "del", "siguiente", "siguientes",
        "alla", "presso", "il", "di", "della", "seguente", "seguenti",
        "ao", "em", "seguinte", "seguintes",
        "het", "een", "volgende",
        "dla", "pod",
    ]
)  # fmt: skip
# At most two blank lines between the announcing line and the block.
_ANNOUNCED_GAP = 3
_ANNOUNCING_WORDS = 4
_ANNOUNCING_LINES = 2


# A service's note that no one reads the mailbox its mail comes from — a send-only or
# no-reply address, a mailbox not monitored, replies that reach no one — in the
# languages services write it in ("This mailbox is not monitored.", "Diese Adresse wird
# nicht überwacht.", "※本メールは送信専用アドレスから配信しています。"), one list: all of
# it tells a service's mail (:mod:`mailgate.parse.wrappers`), where the note stands
# under a person's words; its English sentence is also a footer's line in any mail
# (:mod:`mailgate.parse.footers`), cut from a text's end with no more than a question
# mark or an "I" to keep it — which the other wordings, read so, do not have enough of.
UNREAD_MAILBOX_SENTENCE = r"\bthis (?:mailbox|address|inbox) is not monitored\b"
UNREAD_MAILBOX = (
    rf"{UNREAD_MAILBOX_SENTENCE}|"
    r"\b(?:sent|send) from an? (?:unmonitored|send-?only|no-?reply|notification-?only|"
    r"automated|outgoing-?only) (?:e-?mail )?(?:address|mailbox|account)\b|"
    r"\bthis (?:e-?mail address is not (?:monitored|read|attended)|(?:mailbox|inbox|address) "
    r"is not (?:read|attended))\b|"
    r"\brepl(?:y|ies) to this (?:e-?mail|message|address) (?:is|are|will|won't|cannot|can't)"
    r"(?: not)? (?:be )?(?:monitored|read|answered|delivered|reach|received)\b|"
    r"\b(?:diese|die) (?:e-?mail-?)?adresse (?:ist|wird) nicht (?:überwacht|besetzt|gelesen)|"
    r"\bantworten auf diese (?:e-?mail|nachricht) (?:werden|können) nicht\b|"
    r"\b(?:cette |l')(?:adresse|boîte)\b.{0,20}\bn'est pas (?:surveillée|consultée|relevée)|"
    r"\badresse (?:d'envoi uniquement|ne (?:permettant|pouvant) pas (?:de )?recevoir)|"
    r"\b(?:esta|la) (?:dirección|cuenta|casilla|buzón)\b.{0,20}\bno (?:está|es) "
    r"(?:monitorizad|supervisad|atendid|revisad)|"
    r"\bquesta (?:casella|e-?mail|indirizzo)\b.{0,20}\bnon (?:è )?(?:monitorat|presidiat)|"
    r"\b(?:dit|deze) (?:e-?mailadres|adres|mailbox)\b.{0,20}\bwordt niet (?:gelezen|"
    r"gecontroleerd|bewaakt)|"
    r"\beste (?:endereço|e-?mail)\b.{0,20}\bnão (?:é|está|será) (?:monitorad|verificad|lid)|"
    r"\b(?:ta skrzynka|ten adres)\b.{0,20}\bnie jest (?:monitorowan|sprawdzan)|"
    r"\b(?:tato (?:adresa|schránka)|tento (?:e-?mail|účet))\b.{0,20}\bnení "
    r"(?:monitorován|sledován|čten)|"
    r"\b(?:den här|denna) (?:adress|e-?postadress|brevlåda)(?:en)?\b.{0,20}\b(?:övervakas|"
    r"läses) inte|"
    r"\bэтот (?:почтовый )?(?:ящик|адрес)\b.{0,20}\bне (?:отслеживается|проверяется|читается)|"
    r"\bbu (?:e-?posta )?adres\w*\b.{0,20}\b(?:izlenmemektedir|kontrol edilmemektedir|"
    r"takip edilmemektedir)|غير مراقب|"
    # A mailbox named, and that no one watches it, whichever comes first: "… sent from a
    # mailbox that is not monitored", "… vanuit een postvak dat niet wordt gecontroleerd",
    # "… von einem nicht überwachten Postfach".
    r"(?:mailbox|inbox|postfach|postvak|boîte|buzón|casella|caixa|skrzynk|schránk|brevlåd|"
    r"postkasse|почтов\w* ящик|posta kutusu)\w*\b.{0,40}(?:not monitored|nicht überwacht|"
    r"niet (?:wordt )?(?:gecontroleerd|gelezen|bewaakt)|wordt niet (?:gecontroleerd|gelezen|"
    r"bewaakt)|n'est pas (?:surveillée|consultée)|no (?:está |es |se )?(?:supervisad|"
    r"monitorizad|supervisa|revisa)|non (?:è )?monitorat|não (?:é )?monitorad|"
    r"nie jest monitorowan|není monitorován|inte övervakas|не отслеживается|izlenmiyor)|"
    r"(?:unmonitored|nicht überwachten|niet-gecontroleerd\w*|non surveillée|no supervisad\w*|"
    r"non monitorat\w*|não monitorad\w*|niemonitorowan\w*|nemonitorovan\w*|"
    r"oövervakad\w*|неотслеживаем\w*) (?:mailbox|inbox|postfach|postvak|boîte|buzón|casella|"
    r"caixa|skrzynk|schránk|brevlåd|почтов)|"
    r"送信専用|配信専用|返信(?:されても|いただいても|いただきましても).{0,30}(?:届きません|"
    r"お答えできません|対応できません|確認できません)|"
    r"(?:发信|發信|发送|發送)专用|(?:系统|系統)自动(?:发送|發送).{0,10}(?:请勿|請勿)|발신 ?전용"
)


def speaks_for_self(text: str) -> bool:
    """Whether ``text`` is the writer speaking of themselves ("I", "we", "our", "ich",
    "nous" …): software's footers speak of the message and to its reader, never in the
    first person of the one who wrote it, nor does a service's note of its own."""
    text = without_dutch_je(text)
    return bool(_SELF.search(text) or SELF_I.search(text))


def without_dutch_je(text: str) -> str:
    """``text`` without the Dutch "je" that is the reader (:data:`_DUTCH_JE`): its
    "je" is no writer's "I"."""
    return _DUTCH_JE.sub(" ", text) if "je" in text or "Je" in text else text


# The Dutch "je" is the reader, not the French "I": "Om je af te melden", "Wil je deze
# e-mails niet meer ontvangen? Meld je hier af."
_DUTCH_JE = re.compile(
    r"\b(?:om|omdat|wanneer|wil|meld|kun|kan|als|zodat|werk|beheer|wijzig|ontvang\w*|heb|"
    r"bent|dat|waarop) je\b|"
    r"\bje (?:af|aan|hier|wilt|kunt|ontvangt|bent|hebt|deze|dit|abonnement|voorkeuren|"
    r"e-?mail\w*|instellingen|account|profiel|"
    r"gegevens)\b",
    re.IGNORECASE,
)


# The first person, in the languages clients write in (the English "I" apart: only as a
# capital is it the pronoun).
_SELF = prefiltered(
    r"(?<![\w'’./@-])(?:i'm|i've|i'd|me|my|mine|we|we're|we've|our|ours|us|ich|mich|mir|mein|"
    r"meine[mnrs]?|wir|uns|unser[emns]?|je|j'|moi|mon|ma|mes|nous|notre|nos|yo|mí|mis|"
    r"nosotros|nuestr[ao]s?|io|mio|mia|miei|noi|nostr[aoie]|ik|mij|mijn|wij|onze|ja|mój|"
    # Not Norwegian "meg" nor Czech "já": Hungarian "meg" is a verb's prefix ("adja meg")
    # and Portuguese "já" is "already", both in the footers those languages write.
    r"moja|moje|mnie|nasz[aey]?|я|мы|наш[аеи]?|мой|eu|meu|minha|nós|nosso|nossa|jeg|jag|mig|"
    r"minä)(?![\w'’/@-]|\.\w)",
    re.IGNORECASE,
)
SELF_I = re.compile(r"(?<![\w'’./@-])I(?![\w'’/@-]|\.\w)")


# The words a letter's greeting begins with, in the languages mail is written in.
GREETING_WORDS = (
    r"(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hallo|liebe|lieber|liebes|"
    r"guten (?:morgen|tag|abend)|moin|servus|grüß dich|bonjour|bonsoir|salut|cher|chère|"
    r"hola|buenos días|buenas tardes|buenas|estimados|estimadas|estimado|estimada|"
    r"querido|querida|olá|oi|prezado|prezada|caro|cara|ciao|buongiorno|buonasera|gentile|"
    r"salve|hej|hei|moi|terve|hoi|beste|goedendag|dag|goedemorgen|goedemiddag|cześć|witaj|"
    r"witam|dzień dobry|dobrý den|ahoj|dobrý deň|zdravo|здравствуйте|привет|добрый день|"
    r"добрый вечер|уважаемый|уважаемая|вітаю|добрий день|merhaba|sayın|selam|γεια σας|"
    r"γεια|αγαπητέ|αγαπητή|kedves|szia|jó napot|bună ziua|dragă|stimate|stimată|"
    r"xin chào|chào|halo|selamat pagi|selamat siang)"
)
# A salutation that opens a letter, whoever it greets ("Hallo Acme Support,", "Dear
# Sir or Madam,", "Hi all,"): the greeting's word, a few words, its mark.
SALUTATION = re.compile(GREETING_WORDS + r"(?![^\W\d_])[^.?]{0,40}[,!:：،]$", re.IGNORECASE)
