"""Quote headers as mail programs write them in the languages they ship in, over a grid:
each client's text × each program's header (Outlook's block of localised labels — with
its rule of underscores or its localised "-----Original Message-----" above it, a Cc
line, a list of recipients wrapped at the width of the text, labels in bold from an
HTML part turned into text —, Outlook for Mac's, Gmail's, Apple Mail's, Thunderbird's,
Yahoo's and Zoho's attribution lines, folded where the width ran out, the mobile
clients' "-------- Original message --------" blocks, a forwarded message's header)
× the history under it, quoted with ``>`` or not.  The mails are built as the programs
send them: a text/plain part in UTF-8 (quoted-printable or base64) or in the legacy
charset of the language, the writer in the From field.

Whatever the shape, the reply is the client's text, word for word, and nothing of the
header or the history; a "From:" in a sentence, a name and an address in a sentence,
a line of dashes the client draws keep the text whole.
"""

from __future__ import annotations

import textwrap
import unicodedata
from dataclasses import dataclass, replace

import pytest

from mailgate.parse.quotes import reply_text
from tests.support.cost import assert_grows_linearly
from tests.support.quote_grid import ORIGINAL, SUBJECT, read

SUPPORT = "Anna Schmidt"
SUPPORT_MAIL = "anna@helpdesk.example"


@dataclass(frozen=True)
class Lang:
    # What the client writes: a short note, and two paragraphs.
    texts: tuple[str, ...]
    # Outlook's labels: From, Sent, To, Cc, Subject; its date; the reply prefix.
    outlook: tuple[str, str, str, str, str]
    outlook_date: str
    prefix: str
    # Outlook's localised divider, the mobile clients' (Samsung, Android mail).
    divider: str
    mobile_divider: str
    # The mobile clients' labels: From, Date, To, Subject; their date.
    mobile: tuple[str, str, str, str]
    # Gmail's, Apple Mail's, Thunderbird's attribution lines.
    gmail: str
    apple: str
    thunderbird: str
    # The charset the language's older programs write plain text in.
    legacy: str = "utf-8"
    # Yahoo's, Zoho's and Lotus Notes' attributions, in the languages they were seen in.
    yahoo: str = ""
    zoho: str = ""
    notes: str = ""
    # The support's name and address as the headers give them.
    sender: str = f"{SUPPORT} <{SUPPORT_MAIL}>"


A = f"{SUPPORT} <{SUPPORT_MAIL}>"

LANGS: dict[str, Lang] = {
    "en": Lang(
        texts=(
            "Thanks, the printer works again.",
            "Hi Anna,\n\nthe scanner on the second floor still sends empty pages.\n"
            "Could you have another look at it this week?",
        ),
        outlook=("From", "Sent", "To", "Cc", "Subject"),
        outlook_date="Monday, June 2, 2025 10:04 AM",
        prefix="RE:",
        divider="-----Original Message-----",
        mobile_divider="-------- Original message --------",
        mobile=("From", "Date", "To", "Subject"),
        gmail=f"On Mon, Jun 2, 2025 at 10:04 AM {A} wrote:",
        apple=f"On 2 Jun 2025, at 10:04, {A} wrote:",
        thunderbird=f"On 02/06/2025 10:04, {SUPPORT} wrote:",
        yahoo=f"On Monday, June 2, 2025, 10:04:12 AM GMT+2, {A} wrote:",
        zoho=f"---- On Mon, 02 Jun 2025 10:04:00 +0200 {A} wrote ----",
        notes=f"{A} wrote on 02/06/2025 10:04:08:",
    ),
    "de": Lang(
        texts=(
            "Danke, der Drucker geht wieder.",
            "Hallo Frau Schmidt,\n\nder Scanner im zweiten Stock schickt immer noch leere "
            "Seiten.\nKönnten Sie sich das diese Woche noch einmal ansehen?",
        ),
        outlook=("Von", "Gesendet", "An", "Cc", "Betreff"),
        outlook_date="Montag, 2. Juni 2025 10:04",
        prefix="AW:",
        divider="-----Ursprüngliche Nachricht-----",
        mobile_divider="-------- Ursprüngliche Nachricht --------",
        mobile=("Von", "Datum", "An", "Betreff"),
        gmail=f"Am Mo., 2. Juni 2025 um 10:04 Uhr schrieb {A}:",
        apple=f"Am 02.06.2025 um 10:04 schrieb {A}:",
        thunderbird=f"Am 02.06.2025 um 10:04 schrieb {SUPPORT}:",
        legacy="iso-8859-1",
        yahoo=f"Am Montag, 2. Juni 2025, 10:04:12 MESZ hat {A} Folgendes geschrieben:",
        zoho=f"---- Am Mo, 02 Jun 2025 10:04:00 +0200 schrieb {A} ---",
        notes=f"{A} schrieb am 02.06.2025 10:04:08:",
    ),
    "fr": Lang(
        texts=(
            "Merci, l'imprimante fonctionne de nouveau.",
            "Bonjour Anna,\n\nle scanner du deuxième étage envoie toujours des pages "
            "blanches.\nPourriez-vous y jeter un œil cette semaine ?",
        ),
        outlook=("De", "Envoyé", "À", "Cc", "Objet"),
        outlook_date="lundi 2 juin 2025 10:04",
        prefix="RE :",
        divider="-----Message d'origine-----",
        mobile_divider="-------- Message d'origine --------",
        mobile=("De ", "Date ", "À ", "Objet "),
        gmail=f"Le lun. 2 juin 2025 à 10:04, {A} a écrit :",
        apple=f"Le 2 juin 2025 à 10:04, {A} a écrit :",
        thunderbird=f"Le 02/06/2025 à 10:04, {SUPPORT} a écrit :",
        legacy="iso-8859-15",
        yahoo=f"Le lundi 2 juin 2025, 10:04:12 UTC+2, {A} a écrit :",
        zoho=f"---- Le lun., 02 juin 2025 10:04:00 +0200 {A} a écrit ----",
        notes=f"{A} a écrit le 02/06/2025 10:04:08 :",
    ),
    "es": Lang(
        texts=(
            "Gracias, la impresora ya funciona.",
            "Hola Anna:\n\nel escáner de la segunda planta sigue enviando páginas en "
            "blanco.\n¿Podrías revisarlo otra vez esta semana?",
        ),
        outlook=("De", "Enviado el", "Para", "CC", "Asunto"),
        outlook_date="lunes, 2 de junio de 2025 10:04",
        prefix="RE:",
        divider="-----Mensaje original-----",
        mobile_divider="-------- Mensaje original --------",
        mobile=("De", "Fecha", "Para", "Asunto"),
        gmail=f"El lun, 2 jun 2025 a las 10:04, {SUPPORT} (<{SUPPORT_MAIL}>) escribió:",
        apple=f"El 2 jun 2025, a las 10:04, {A} escribió:",
        thunderbird=f"El 2/6/25 a las 10:04, {SUPPORT} escribió:",
        legacy="iso-8859-1",
        yahoo=f"El lunes, 2 de junio de 2025, 10:04:12 CEST, {A} escribió:",
        zoho=f"---- El lun, 02 jun 2025 10:04:00 +0200 {A} escribió ----",
        notes=f"{A} escribió el 02/06/2025 10:04:08:",
    ),
    "it": Lang(
        texts=(
            "Grazie, la stampante funziona di nuovo.",
            "Ciao Anna,\n\nlo scanner del secondo piano manda ancora pagine bianche.\n"
            "Potresti darci un'altra occhiata questa settimana?",
        ),
        outlook=("Da", "Inviato", "A", "Cc", "Oggetto"),
        outlook_date="lunedì 2 giugno 2025 10:04",
        prefix="R:",
        divider="-----Messaggio originale-----",
        mobile_divider="-------- Messaggio originale --------",
        mobile=("Da", "Data", "A", "Oggetto"),
        gmail=f"Il giorno lun 2 giu 2025 alle ore 10:04 {A} ha scritto:",
        apple=f"Il giorno 2 giu 2025, alle ore 10:04, {A} ha scritto:",
        thunderbird=f"Il 02/06/2025 10:04, {SUPPORT} ha scritto:",
        yahoo=f"Il lunedì 2 giugno 2025, 10:04:12 CEST, {A} ha scritto:",
        zoho=f"---- Il lun, 02 giu 2025 10:04:00 +0200 {A} ha scritto ----",
        notes=f"{A} ha scritto il 02/06/2025 10:04:08:",
    ),
    "pt": Lang(
        texts=(
            "Obrigado, a impressora voltou a funcionar.",
            "Olá Anna,\n\no scanner do segundo andar continua a enviar páginas em branco.\n"
            "Pode verificar de novo esta semana?",
        ),
        outlook=("De", "Enviado", "Para", "Cc", "Assunto"),
        outlook_date="segunda-feira, 2 de junho de 2025 10:04",
        prefix="RE:",
        divider="-----Mensagem original-----",
        mobile_divider="-------- Mensagem original --------",
        mobile=("De", "Data", "Para", "Assunto"),
        gmail=f"Em seg., 2 de jun. de 2025 às 10:04, {A} escreveu:",
        apple=f"Em 2 de jun. de 2025, à(s) 10:04, {A} escreveu:",
        thunderbird=f"Em 02/06/2025 10:04, {SUPPORT} escreveu:",
        yahoo=f"Em segunda-feira, 2 de junho de 2025, 10:04:12 BRT, {A} escreveu:",
        zoho=f"---- Em seg, 02 jun 2025 10:04:00 -0300 {A} escreveu ----",
        notes=f"{A} escreveu em 02/06/2025 10:04:08:",
    ),
    "nl": Lang(
        texts=(
            "Bedankt, de printer doet het weer.",
            "Hoi Anna,\n\nde scanner op de tweede verdieping stuurt nog steeds lege "
            "pagina's.\nKun je er deze week nog eens naar kijken?",
        ),
        outlook=("Van", "Verzonden", "Aan", "CC", "Onderwerp"),
        outlook_date="maandag 2 juni 2025 10:04",
        prefix="RE:",
        divider="-----Oorspronkelijk bericht-----",
        mobile_divider="-------- Origineel bericht --------",
        mobile=("Van", "Datum", "Aan", "Onderwerp"),
        gmail=f"Op ma 2 jun 2025 om 10:04 schreef {A}:",
        apple=f"Op 2 jun. 2025 om 10:04 heeft {A} het volgende geschreven:",
        thunderbird=f"Op 02-06-2025 om 10:04 schreef {SUPPORT}:",
        notes=f"{A} schreef op 02-06-2025 10:04:08:",
    ),
    "pl": Lang(
        texts=(
            "Dziękuję, drukarka znowu działa.",
            "Dzień dobry,\n\nskaner na drugim piętrze nadal wysyła puste strony.\n"
            "Czy mogą Państwo jeszcze raz to sprawdzić w tym tygodniu?",
        ),
        outlook=("Od", "Wysłano", "Do", "DW", "Temat"),
        outlook_date="poniedziałek, 2 czerwca 2025 10:04",
        prefix="RE:",
        divider="-----Wiadomość oryginalna-----",
        mobile_divider="-------- Oryginalna wiadomość --------",
        mobile=("Od", "Data", "Do", "Temat"),
        gmail=f"pon., 2 cze 2025 o 10:04 {A} napisał(a):",
        apple=f"Wiadomość napisana przez {A} w dniu 2 cze 2025, o godz. 10:04:",
        thunderbird=f"W dniu 2.06.2025 o 10:04, {SUPPORT} pisze:",
        legacy="iso-8859-2",
    ),
    "sv": Lang(
        texts=(
            "Tack, skrivaren fungerar igen.",
            "Hej Anna,\n\nskannern på andra våningen skickar fortfarande tomma sidor.\n"
            "Kan du titta på det igen den här veckan?",
        ),
        outlook=("Från", "Skickat", "Till", "Kopia", "Ämne"),
        outlook_date="den 2 juni 2025 10:04",
        prefix="SV:",
        divider="-----Ursprungligt meddelande-----",
        mobile_divider="-------- Originalmeddelande --------",
        mobile=("Från", "Datum", "Till", "Ämne"),
        gmail=f"Den mån 2 juni 2025 kl 10:04 skrev {A}:",
        apple=f"2 juni 2025 kl. 10:04 skrev {A}:",
        thunderbird=f"Den 2025-06-02 kl. 10:04, skrev {SUPPORT}:",
    ),
    "da": Lang(
        texts=(
            "Tak, printeren virker igen.",
            "Hej Anna,\n\nscanneren på anden sal sender stadig tomme sider.\n"
            "Kan du kigge på det igen i denne uge?",
        ),
        outlook=("Fra", "Sendt", "Til", "Cc", "Emne"),
        outlook_date="2. juni 2025 10:04",
        prefix="SV:",
        divider="-----Oprindelig meddelelse-----",
        mobile_divider="-------- Oprindelig meddelelse --------",
        mobile=("Fra", "Dato", "Til", "Emne"),
        gmail=f"Den man. 2. jun. 2025 kl. 10.04 skrev {A}:",
        apple=f"Den 2. jun. 2025 kl. 10.04 skrev {A}:",
        thunderbird=f"Den 02.06.2025 kl. 10.04 skrev {SUPPORT}:",
    ),
    "no": Lang(
        texts=(
            "Takk, skriveren virker igjen.",
            "Hei Anna,\n\nskanneren i andre etasje sender fortsatt tomme sider.\n"
            "Kan du se på det igjen denne uken?",
        ),
        outlook=("Fra", "Sendt", "Til", "Kopi", "Emne"),
        outlook_date="mandag 2. juni 2025 10:04",
        prefix="SV:",
        divider="-----Opprinnelig melding-----",
        mobile_divider="-------- Opprinnelig melding --------",
        mobile=("Fra", "Dato", "Til", "Emne"),
        gmail=f"man. 2. jun. 2025 kl. 10:04 skrev {A}:",
        apple=f"2. jun. 2025 kl. 10:04 skrev {A}:",
        thunderbird=f"Den 02.06.2025 10:04, skrev {SUPPORT}:",
    ),
    "fi": Lang(
        texts=(
            "Kiitos, tulostin toimii taas.",
            "Hei Anna,\n\ntoisen kerroksen skanneri lähettää yhä tyhjiä sivuja.\n"
            "Voisitko katsoa sitä uudelleen tällä viikolla?",
        ),
        outlook=("Lähettäjä", "Lähetetty", "Vastaanottaja", "Kopio", "Aihe"),
        outlook_date="maanantai 2. kesäkuuta 2025 10.04",
        prefix="VS:",
        divider="-----Alkuperäinen viesti-----",
        mobile_divider="-------- Alkuperäinen viesti --------",
        mobile=("Lähettäjä", "Päivämäärä", "Vastaanottaja", "Aihe"),
        gmail=f"ma 2. kesäk. 2025 klo 10.04 {SUPPORT} ({SUPPORT_MAIL}) kirjoitti:",
        apple=f"{A} kirjoitti 2.6.2025 kello 10.04:",
        thunderbird=f"{SUPPORT} kirjoitti 2.6.2025 klo 10.04:",
    ),
    "cs": Lang(
        texts=(
            "Děkuji, tiskárna zase funguje.",
            "Dobrý den,\n\nskener ve druhém patře pořád posílá prázdné stránky.\n"
            "Mohli byste se na to tento týden znovu podívat?",
        ),
        outlook=("Od", "Odesláno", "Komu", "Kopie", "Předmět"),
        outlook_date="pondělí 2. června 2025 10:04",
        prefix="RE:",
        divider="-----Původní zpráva-----",
        mobile_divider="-------- Původní zpráva --------",
        mobile=("Od", "Datum", "Komu", "Předmět"),
        gmail=f"po 2. 6. 2025 v 10:04 odesílatel {A} napsal:",
        apple=f"2. 6. 2025 v 10:04, {A}:",
        thunderbird=f"Dne 02. 06. 25 v 10:04 {SUPPORT} napsal(a):",
        legacy="iso-8859-2",
    ),
    "ru": Lang(
        texts=(
            "Спасибо, принтер снова работает.",
            "Здравствуйте, Анна!\n\nСканер на втором этаже по-прежнему присылает пустые "
            "страницы.\nНе могли бы вы ещё раз посмотреть на этой неделе?",
        ),
        outlook=("От", "Отправлено", "Кому", "Копия", "Тема"),
        outlook_date="2 июня 2025 г. 10:04",
        prefix="RE:",
        divider="-----Исходное сообщение-----",
        mobile_divider="-------- Исходное сообщение --------",
        mobile=("От", "Дата", "Кому", "Тема"),
        gmail=f"пн, 2 июн. 2025 г. в 10:04, {A}:",
        apple=f"2 июня 2025 г., в 10:04, {A} написал(а):",
        thunderbird=f"02.06.2025 10:04, {SUPPORT} пишет:",
        legacy="koi8-r",
    ),
    "uk": Lang(
        texts=(
            "Дякую, принтер знову працює.",
            "Добрий день, Анно!\n\nСканер на другому поверсі досі надсилає порожні "
            "сторінки.\nЧи могли б ви ще раз подивитися цього тижня?",
        ),
        outlook=("Від", "Надіслано", "Кому", "Копія", "Тема"),
        outlook_date="2 червня 2025 р. 10:04",
        prefix="RE:",
        divider="-----Оригінальне повідомлення-----",
        mobile_divider="-------- Оригінальне повідомлення --------",
        mobile=("Від", "Дата", "Кому", "Тема"),
        gmail=f"пн, 2 черв. 2025 р. о 10:04 {A} пише:",
        apple=f"2 черв. 2025 р. о 10:04 {A} написав(ла):",
        thunderbird=f"02.06.2025 10:04, {SUPPORT} пише:",
    ),
    "tr": Lang(
        texts=(
            "Teşekkürler, yazıcı yeniden çalışıyor.",
            "Merhaba Anna,\n\nikinci kattaki tarayıcı hâlâ boş sayfa gönderiyor.\n"
            "Bu hafta bir kez daha bakabilir misiniz?",
        ),
        outlook=("Kimden", "Gönderildi", "Kime", "Bilgi", "Konu"),
        outlook_date="2 Haziran 2025 Pazartesi 10:04",
        prefix="YNT:",
        divider="-----Özgün İleti-----",
        mobile_divider="-------- Orijinal mesaj --------",
        mobile=("Kimden", "Tarih", "Kime", "Konu"),
        gmail=f"{A}, 2 Haz 2025 Pzt, 10:04 tarihinde şunu yazdı:",
        apple=f"{A} şu yazıyı yazdı (2 Haz 2025 10:04):",
        thunderbird=f"2.06.2025 10:04 tarihinde {SUPPORT} yazdı:",
    ),
    "hu": Lang(
        texts=(
            "Köszönöm, a nyomtató újra működik.",
            "Kedves Anna!\n\nA második emeleti szkenner még mindig üres oldalakat küld.\n"
            "Megnéznéd még egyszer ezen a héten?",
        ),
        outlook=("Feladó", "Elküldve", "Címzett", "Másolatot kap", "Tárgy"),
        outlook_date="2025. június 2., hétfő 10:04",
        prefix="VS:",
        divider="-----Eredeti üzenet-----",
        mobile_divider="-------- Eredeti üzenet --------",
        mobile=("Feladó", "Dátum", "Címzett", "Tárgy"),
        gmail=f"{A} ezt írta (időpont: 2025. jún. 2., H, 10:04):",
        apple=f"{A} ezt írta (időpont: 2025. jún. 2. 10:04):",
        thunderbird=f"2025. 06. 02. 10:04 keltezéssel, {SUPPORT} írta:",
        legacy="iso-8859-2",
    ),
    "ro": Lang(
        texts=(
            "Mulțumesc, imprimanta funcționează din nou.",
            "Bună ziua,\n\nscanerul de la etajul doi trimite în continuare pagini goale.\n"
            "Puteți să vă uitați din nou săptămâna aceasta?",
        ),
        outlook=("De la", "Trimis", "Către", "Cc", "Subiect"),
        outlook_date="luni, 2 iunie 2025 10:04",
        prefix="RE:",
        divider="-----Mesaj original-----",
        mobile_divider="-------- Mesaj original --------",
        mobile=("De la", "Dată", "Către", "Subiect"),
        gmail=f"{A} a scris (lun., 2 iun. 2025, 10:04):",
        apple=f"Pe 2 iunie 2025, la 10:04, {A} a scris:",
        thunderbird=f"Pe 02.06.2025 10:04, {SUPPORT} a scris:",
    ),
    "el": Lang(
        texts=(
            "Ευχαριστώ, ο εκτυπωτής λειτουργεί ξανά.",
            "Καλημέρα Άννα,\n\nο σαρωτής στον δεύτερο όροφο στέλνει ακόμα κενές σελίδες.\n"
            "Μπορείτε να το ξανακοιτάξετε αυτή την εβδομάδα;",
        ),
        outlook=("Από", "Στάλθηκε", "Προς", "Κοιν.", "Θέμα"),
        outlook_date="Δευτέρα, 2 Ιουνίου 2025 10:04 πμ",
        prefix="ΑΠ:",
        divider="-----Αρχικό μήνυμα-----",
        mobile_divider="-------- Αρχικό μήνυμα --------",
        mobile=("Από", "Ημερομηνία", "Προς", "Θέμα"),
        gmail=f"Στις Δευ 2 Ιουν 2025 στις 10:04, ο/η {A} έγραψε:",
        apple=f"Στις 2 Ιουν 2025, στις 10:04, ο χρήστης {A} έγραψε:",
        thunderbird=f"Στις 2/6/2025 10:04, ο/η {SUPPORT} έγραψε:",
        legacy="iso-8859-7",
    ),
    "ja": Lang(
        texts=(
            "ありがとうございます。プリンターが直りました。",
            "お世話になっております。\n\n二階のスキャナーから相変わらず白紙が送られてきます。\n"
            "今週もう一度見ていただけますか。",
        ),
        outlook=("差出人", "送信日時", "宛先", "CC", "件名"),
        outlook_date="2025年6月2日 10:04",
        prefix="RE:",
        divider="-----Original Message-----",
        mobile_divider="-------- 元のメッセージ --------",
        mobile=("送信元", "日付", "宛先", "件名"),
        gmail=f"2025年6月2日(月) 10:04 {A}:",
        apple=f"2025/06/02 10:04、{A}のメール:",
        thunderbird=f"{SUPPORT} wrote on 2025/06/02 10:04:",
        legacy="iso-2022-jp",
        zoho=f"---- 2025/06/02 (月) 10:04:00 {A} さんは書きました ----",
    ),
    "zh": Lang(
        texts=(
            "谢谢，打印机又能用了。",
            "您好，\n\n二楼的扫描仪还是发出空白页。\n这周能再帮忙看一下吗？",
        ),
        outlook=("发件人", "发送时间", "收件人", "抄送", "主题"),
        outlook_date="2025年6月2日 10:04",
        prefix="答复:",
        divider="-----原始邮件-----",
        mobile_divider="-------- 原始邮件 --------",
        mobile=("发件人", "日期", "收件人", "主题"),
        gmail=f"{A} 于2025年6月2日周一 10:04写道：",
        apple=f"2025年6月2日 10:04，{A} 写道：",
        thunderbird=f"在 2025/6/2 10:04, {SUPPORT} 写道:",
        legacy="gb2312",
    ),
    "zh-tw": Lang(
        texts=(
            "謝謝，印表機又能用了。",
            "您好，\n\n二樓的掃描器還是寄出空白頁。\n這週能再幫忙看一下嗎？",
        ),
        outlook=("寄件者", "寄件日期", "收件者", "副本", "主旨"),
        outlook_date="2025年6月2日 上午 10:04",
        prefix="回覆:",
        divider="-----原始郵件-----",
        mobile_divider="-------- 原始郵件 --------",
        mobile=("寄件者", "日期", "收件者", "主旨"),
        gmail=f"{A} 於 2025年6月2日 週一 上午10:04寫道：",
        apple=f"{A} 於 2025年6月2日 上午10:04 寫道：",
        thunderbird=f"{SUPPORT} 於 2025/6/2 上午 10:04 寫道:",
        legacy="big5",
    ),
    "ko": Lang(
        texts=(
            "감사합니다. 프린터가 다시 작동합니다.",
            "안녕하세요.\n\n2층 스캐너가 아직도 빈 페이지를 보냅니다.\n"
            "이번 주에 한 번 더 봐주실 수 있을까요?",
        ),
        outlook=("보낸 사람", "보낸 날짜", "받는 사람", "참조", "제목"),
        outlook_date="2025년 6월 2일 월요일 오전 10:04",
        prefix="RE:",
        divider="-----원본 메시지-----",
        mobile_divider="-------- 원본 메시지 --------",
        mobile=("보낸 사람", "날짜", "받는 사람", "제목"),
        gmail=f"2025년 6월 2일 (월) 오전 10:04, {SUPPORT} <{SUPPORT_MAIL}>님이 작성:",
        apple=f"2025. 6. 2. 오전 10:04, {A} 작성:",
        thunderbird=f"2025-06-02 오전 10:04에 {SUPPORT} 이(가) 쓴 글:",
        legacy="euc-kr",
    ),
}

RECIPIENTS = (
    "Jane Client <jane@client.example>; Office Team <office@client.example>; "
    "Facilities <facilities@client.example>; Reception <reception@client.example>"
)
COPIED = "Office Team <office@client.example>; Tom Baker <tom.baker@client.example>"


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fold(line: str, width: int | None) -> list[str]:
    """``line`` folded at ``width`` columns as a program without format=flowed folds a
    long header line of its text: at the last space before the width."""
    if width is None or columns(line) <= width:
        return [line]
    return textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]


def outlook(lang: Lang, *, rule: str, bold: bool, cc: bool, width: int | None) -> list[str]:
    """Outlook's header block, as its plain text or an HTML part turned into text writes
    it: the localised labels, a long To wrapped at the width, a Cc line or not."""
    frm, sent, to, copy, subject = lang.outlook

    def field(label: str, value: str) -> list[str]:
        head = f"*{label}:* " if bold else f"{label}: "
        return fold(f"{head}{value}", width)

    block = [
        *field(frm, lang.sender),
        *field(sent, lang.outlook_date),
        *field(to, RECIPIENTS),
        *(field(copy, COPIED) if cc else []),
        *field(subject, f"{lang.prefix} {SUBJECT}"),
    ]
    if rule == "underscores":
        return ["_" * 32, *block]
    if rule == "divider":
        return [lang.divider, *block]
    return block


def mobile(lang: Lang) -> list[str]:
    """The block Samsung's and Android's mail apps write above the original."""
    frm, date, to, subject = lang.mobile
    sep = "：" if lang.mobile[0] == "发件人" else ": "

    def field(label: str, value: str) -> str:
        return f"{label.rstrip()}{sep}{value}" if not label.endswith(" ") else f"{label}: {value}"

    return [
        lang.mobile_divider,
        field(frm, lang.sender),
        field(date, "02.06.2025 10:04 (GMT+01:00)"),
        field(to, "Jane Client <jane@client.example>"),
        field(subject, f"{lang.prefix} {SUBJECT}"),
    ]


def mac(lang: Lang) -> list[str]:
    """Outlook for Mac's block: the mobile clients' labels, no divider, Outlook's date."""
    frm, date, to, subject = (label.rstrip() for label in lang.mobile)
    return [
        f"{frm}: {lang.sender}",
        f"{date}: {lang.outlook_date}",
        f"{to}: Jane Client <jane@client.example>",
        f"{subject}: {lang.prefix} {SUBJECT}",
    ]


def forward(lang: Lang) -> list[str]:
    """Gmail's forwarded message: its divider, the fields in its order, some of its
    labels left in English in several languages."""
    frm = lang.mobile[0]
    return [
        "---------- Forwarded message ---------",
        f"{frm.rstrip()}: {lang.sender}",
        "Date: Mon, Jun 2, 2025 at 10:04 AM",
        f"Subject: {SUBJECT}",
        "To: Jane Client <jane@client.example>",
    ]


HEADERS = {
    "outlook": lambda lang, w: outlook(lang, rule="underscores", bold=False, cc=True, width=w),
    "outlook-bold": lambda lang, w: outlook(lang, rule="underscores", bold=True, cc=True, width=w),
    "outlook-divider": lambda lang, w: outlook(lang, rule="divider", bold=False, cc=False, width=w),
    "outlook-bare": lambda lang, w: outlook(lang, rule="none", bold=False, cc=True, width=w),
    "mobile": lambda lang, w: mobile(lang),
    "gmail": lambda lang, w: fold(lang.gmail, w),
    "apple": lambda lang, w: fold(lang.apple, w),
    "thunderbird": lambda lang, w: fold(lang.thunderbird, w),
    "yahoo": lambda lang, w: fold(lang.yahoo, w),
    "zoho": lambda lang, w: fold(lang.zoho, w),
    "notes": lambda lang, w: fold(lang.notes, w),
    "mac": lambda lang, w: mac(lang),
    "forward": lambda lang, w: forward(lang),
}
# The attributions only some languages have.
OPTIONAL = {"yahoo", "zoho", "notes"}
# The header lines as sent (998), and folded at the widths programs fold plain text at.
WIDTHS = (None, 76, 72)


def encodings(lang: Lang) -> list[tuple[str, str]]:
    out = [("utf-8", "quoted-printable"), ("utf-8", "base64")]
    if lang.legacy != "utf-8":
        out.append((lang.legacy, "7bit" if lang.legacy == "iso-2022-jp" else "8bit"))
    return out


# A long name and address, as a company's directory gives them: the attribution folds
# over two or three lines.
LONG_NAME = "Anna-Katharina Schmidt-Weissenfels"
LONG_MAIL = "anna-katharina.schmidt-weissenfels@beispiel-logistik.example"


def long_named(lang: Lang) -> Lang:
    """``lang`` with the support's long name and address in every header."""
    changes = {
        name: getattr(lang, name).replace(SUPPORT_MAIL, LONG_MAIL).replace(SUPPORT, LONG_NAME)
        for name in ("gmail", "apple", "thunderbird", "yahoo", "zoho", "notes", "sender")
    }
    return replace(lang, **changes)


def _layouts(lang: Lang, header: str) -> list[tuple[str, str, str, str]]:
    """(mail text, expected reply, charset, transfer encoding) for each client text,
    width, history quoted or not, and encoding of the language."""
    out = []
    codings = encodings(lang)
    for n, text in enumerate(lang.texts):
        for k, width in enumerate(WIDTHS):
            named = long_named(lang) if (n + k) % 2 else lang
            head = HEADERS[header](named, width)
            for quote in (False, True):
                original = [f"> {line}".rstrip() for line in ORIGINAL] if quote else ORIGINAL
                body = "\n".join([text, "", *head, *([""] if quote else []), *original, ""])
                charset, cte = codings[(n + 2 * k + quote) % len(codings)]
                out.append((body, text, charset, cte))
    return out


GRID = [
    (code, header)
    for code, lang in LANGS.items()
    for header in HEADERS
    if header not in OPTIONAL or getattr(lang, header)
]


@pytest.mark.parametrize(("code", "header"), GRID, ids=[f"{c}-{h}" for c, h in GRID])
def test_the_header_and_the_history_under_it_go(code: str, header: str) -> None:
    lang = LANGS[code]
    missed = []
    for body, expected, charset, cte in _layouts(lang, header):
        got = read(body, charset, cte)
        if got.split() != expected.split():
            missed.append(f"[{charset} {cte}]\n{body}\n---> {got!r}")
    assert not missed, "\n\n".join(missed)


# Foxmail and QQ Mail: their divider, full-width colons and quoted names with a
# semicolon; NetEase's attribution; Naver's block in its order.
OTHER_BLOCKS = {
    "qq": [
        "------------------ 原始邮件 ------------------",
        f'发件人: "{SUPPORT}"<{SUPPORT_MAIL}>;',
        "发送时间: 2025年6月2日(星期一) 上午10:04",
        '收件人: "Jane Client"<jane@client.example>;',
        f"主题: Re: {SUBJECT}",
    ],
    "foxmail": [
        "------------------ Original ------------------",
        f"From:  {SUPPORT}<{SUPPORT_MAIL}>;",
        "Date:  Mon, Jun 2, 2025 10:04 AM",
        "To:  Jane Client<jane@client.example>;",
        f"Subject:  Re: {SUBJECT}",
    ],
    "foxmail-full-width": [
        f"发件人：{SUPPORT} <{SUPPORT_MAIL}>",
        "发送时间：2025年6月2日 10:04",
        "收件人：Jane Client <jane@client.example>",
        f"主题：回复：{SUBJECT}",
    ],
    "netease": [f'在 2025-06-02 10:04:00，"{SUPPORT}" <{SUPPORT_MAIL}> 写道：'],
    "naver": [
        "-----Original Message-----",
        f'From: "{SUPPORT}"<{SUPPORT_MAIL}>',
        'To: "Jane Client"<jane@client.example>;',
        "Cc: ",
        "Sent: 2025-06-02 (월) 10:04:00 (GMT+09:00)",
        f"Subject: {SUBJECT}",
    ],
    "lotus-notes": [
        f"From:\t{SUPPORT}/Helpdesk/Example",
        "To:\tJane Client/Client@Client",
        "Date:\t02.06.2025 10:04",
        f"Subject:\tRe: {SUBJECT}",
    ],
    "lotus-notes-german": [
        f"Von:\t{SUPPORT}/Helpdesk/Example",
        "An:\tJane Client/Client@Client",
        "Kopie:\tOffice Team/Client@Client",
        "Datum:\t02.06.2025 10:04",
        f"Betreff:\tAntwort: {SUBJECT}",
    ],
    "yahoo-divider": [
        "----- Original Message -----",
        f"From: {SUPPORT} <{SUPPORT_MAIL}>",
        "To: Jane Client <jane@client.example>",
        "Sent: Monday, June 2, 2025 10:04 AM",
        f"Subject: Re: {SUBJECT}",
    ],
    "mail-ru": [f"Понедельник, 2 июня 2025, 10:04 +03:00 от {SUPPORT} <{SUPPORT_MAIL}>:"],
    "yandex": [f'02.06.2025, 10:04, "{SUPPORT}" <{SUPPORT_MAIL}>:'],
}


@pytest.mark.parametrize("blank", [True, False], ids=["blank-above", "right-under"])
@pytest.mark.parametrize("shape", sorted(OTHER_BLOCKS))
def test_other_programs_headers_and_the_history_under_them_go(shape: str, blank: bool) -> None:
    """Right under the client's text (no blank line between) as well as a paragraph
    below it; the history quoted or not."""
    head = OTHER_BLOCKS[shape]
    for lang in ("en", "de", "zh", "ru"):
        text = LANGS[lang].texts[1]
        for quote in (False, True):
            original = [f"> {line}".rstrip() for line in ORIGINAL] if quote else ORIGINAL
            gap = [""] if blank else []
            body = "\n".join([text, *gap, *head, *([""] if quote else []), *original, ""])
            got = read(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"


# The client's own lines that only look like a header: they stay.
KEPT = [
    "The error says From: address not verified when I send to the group.",
    "Anna Schmidt <anna@helpdesk.example> wrote to us last week, but nobody called back.",
    "Von: Montag bis Freitag sind wir von 8 bis 17 Uhr erreichbar.\nAn: Feiertagen nicht.",
    "De : lundi à vendredi, de 9 h à 18 h.",
    "Subject: the printer on the second floor\n\nIt prints empty pages since Monday.",
    "Datum: 2. Juni 2025\nUhrzeit: 10:04\nFehler: Papierstau in Fach 2",
    "-----\nNo change since yesterday.\n-----",
    "----- Summary -----\nThe scanner works, the printer does not.",
    "Please send the invoice to Jane Client <jane@client.example>, not to me.",
    "On Monday I wrote to the supplier, nobody answered.",
    "Am Montag habe ich geschrieben: bitte den Toner tauschen.",
    # The shapes of the second grid's headers (test_quote_header_grid2.py).
    "Invoice 2025-06 to billing@client.example:\n- 3 toner cartridges\n- 1 drum unit",
    "02.06.2025, 10:04 Uhr: Drucker neu gestartet, der Fehler bleibt.",
    "Call me at 10:04 on 02.06.2025 at jane@client.example:\nI am at my desk all day.",
    "Message from 02/06/2025: the printer showed error E45.",
    "Message du 02/06/25 10:04\nL'imprimante affiche toujours l'erreur E45.",
    "Jane Client <jane@client.example>\n02.06.2025 10:04\n\nThe printer still shows E45.",
    "The log shows >>> 02.06.2025 10:04 >>> then nothing until noon.",
    "To reach me: Jane Client <jane@client.example>\n\nTo\nthe second floor, please.",
    "Between 02.06.2025 10:04 and noon, send the logs to it@client.example:\nall of them.",
]


@pytest.mark.parametrize("kept", KEPT)
def test_a_clients_line_that_only_looks_like_a_header_stays(kept: str) -> None:
    text = f"Hello,\n\n{kept}\n\nThe printer still does not work."
    got = read(text)
    assert got.split() == text.split(), got


def test_folded_attributions_cost_linear_time() -> None:
    """Thousands of attributions folded over three and four lines, each above its quote,
    and as many lines ending in a colon: each is read from the few lines around it."""

    def make(n: int) -> str:
        piece = [
            "",
            "Anna-Katharina Schmidt-Weissenfels",
            f"<{LONG_MAIL}> w dniu 2 cze",
            "2025, o godz. 10:04:",
            "> we restarted the print server.",
            "",
            "Point three of the list is this one:",
            "and the answer under it.",
        ]
        return "\n".join(["Thanks, the printer works again.", *piece * n])

    got = assert_grows_linearly(make, reply_text, 2400)
    assert "Anna-Katharina" not in got


# Gmail's divider above a forwarded message, and Apple Mail's announcing line, in the
# languages of the grid.
GMAIL_FORWARD = {
    "en": "Forwarded message", "de": "Weitergeleitete Nachricht", "fr": "Message transféré",
    "es": "Mensaje reenviado", "it": "Messaggio inoltrato", "pt": "Mensagem encaminhada",
    "nl": "Doorgestuurd bericht", "pl": "Przekazana wiadomość", "sv": "Vidarebefordrat meddelande",
    "da": "Videresendt meddelelse", "no": "Videresendt melding", "fi": "Välitetty viesti",
    "cs": "Přeposlaná zpráva", "ru": "Пересылаемое сообщение", "uk": "Переслане повідомлення",
    "tr": "İletilen ileti", "hu": "Továbbított üzenet", "ro": "Mesaj redirecționat",
    "el": "Προωθημένο μήνυμα", "ja": "転送されたメッセージ", "zh": "转发的邮件",
    "zh-tw": "轉寄的郵件", "ko": "전달된 메일",
}  # fmt: skip
APPLE_FORWARD = {
    "en": "Begin forwarded message:", "de": "Anfang der weitergeleiteten Nachricht:",
    "fr": "Début du message réexpédié :", "es": "Inicio del mensaje reenviado:",
    "it": "Inizio messaggio inoltrato:", "pt": "Início da mensagem reencaminhada:",
    "nl": "Begin doorgestuurd bericht:", "pl": "Początek przekazywanej wiadomości:",
    "sv": "Vidarebefordrat mejl:", "da": "Start på videresendt besked:",
    "no": "Start på videresendt melding:", "fi": "Välitetty viesti alkaa:",
    "cs": "Začátek přeposlané zprávy:", "ru": "Начало переадресованного сообщения:",
    "uk": "Початок пересланого повідомлення:", "tr": "İletilen ileti başlangıcı:",
    "hu": "Továbbított levél kezdete:", "ro": "Începutul mesajului redirecționat:",
    "el": "Έναρξη προωθημένου μηνύματος:", "ja": "転送されたメッセージ:",
    "zh": "以下为转发的邮件：", "zh-tw": "以下為轉寄的郵件：", "ko": "전달된 메일:",
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(LANGS))
def test_a_forwarded_message_under_the_clients_note_goes(code: str) -> None:
    lang = LANGS[code]
    frm, date, to, subject = (label.rstrip() for label in lang.mobile)
    block = [
        f"{frm}: {A}",
        f"{subject}: {SUBJECT}",
        f"{date}: 2. 6. 2025 10:04",
        f"{to}: Jane Client <jane@client.example>",
    ]
    heads = {
        "gmail": [f"---------- {GMAIL_FORWARD[code]} ---------", *block],
        "apple": [APPLE_FORWARD[code], "", *block],
    }
    for head in heads.values():
        for text in lang.texts:
            body = "\n".join([text, "", *head, "", *ORIGINAL])
            got = read(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"


def test_the_clients_own_line_above_a_forward_stays() -> None:
    note = "Hi Anna,\n\nthe supplier answered me yesterday.\nPlease see the forwarded mail below:"
    block = [f"From: {A}", f"Subject: {SUBJECT}", "Date: 2 June 2025 10:04", "To: Jane Client"]
    got = read("\n".join([note, "", *block, "", *ORIGINAL]))
    assert got.split() == note.split(), got


# Outlook's block in more of the languages it is translated to, right-to-left scripts,
# Thai and the Baltic and South Slavic languages among them.
MORE_OUTLOOK = {
    "he": [
        "מאת: " + A,
        "נשלח: יום שני 2 יוני 2025 10:04",
        "אל: Jane Client <jane@client.example>",
        "עותק: Office <office@client.example>",
        "נושא: RE: [#4521] מדפסת",
    ],
    "ar": [
        "من: " + A,
        "تاريخ الإرسال: الاثنين، 2 يونيو 2025 10:04 ص",
        "إلى: Jane Client <jane@client.example>",
        "نسخة: Office <office@client.example>",
        "الموضوع: RE: [#4521] طابعة",
    ],
    "vi": [
        "Từ: " + A,
        "Đã gửi: Thứ Hai, ngày 2 tháng 6 năm 2025 10:04",
        "Đến: Jane Client <jane@client.example>",
        "Cc: Office <office@client.example>",
        "Chủ đề: RE: [#4521] Máy in",
    ],
    "id": [
        "Dari: " + A,
        "Dikirim: Senin, 02 Juni 2025 10.04",
        "Kepada: Jane Client <jane@client.example>",
        "Cc: Office <office@client.example>",
        "Perihal: RE: [#4521] Printer",
    ],
    "th": [
        "จาก: " + A,
        "ส่ง: วันจันทร์ที่ 2 มิถุนายน 2025 10:04",
        "ถึง: Jane Client <jane@client.example>",
        "สำเนา: Office <office@client.example>",
        "เรื่อง: RE: [#4521] เครื่องพิมพ์",
    ],
    "fa": [
        "از: " + A,
        "ارسال شده: دوشنبه، 2 ژوئن 2025 10:04",
        "به: Jane Client <jane@client.example>",
        "رونوشت: Office <office@client.example>",
        "موضوع: RE: [#4521] چاپگر",
    ],
    "sk": [
        "Od: " + A,
        "Odoslané: pondelok 2. júna 2025 10:04",
        "Komu: Jane Client <jane@client.example>",
        "Kópia: Office <office@client.example>",
        "Predmet: RE: [#4521] Tlačiareň",
    ],
    "hr": [
        "Šalje: " + A,
        "Poslano: ponedjeljak, 2. lipnja 2025. 10:04",
        "Prima: Jane Client <jane@client.example>",
        "Kopija: Office <office@client.example>",
        "Predmet: RE: [#4521] Pisač",
    ],
    "sl": [
        "Od: " + A,
        "Poslano: ponedeljek, 02. junij 2025 10:04",
        "Za: Jane Client <jane@client.example>",
        "Kp: Office <office@client.example>",
        "Zadeva: RE: [#4521] Tiskalnik",
    ],
    "bg": [
        "От: " + A,
        "Изпратено: понеделник, 2 юни 2025 г. 10:04",
        "До: Jane Client <jane@client.example>",
        "Копие: Office <office@client.example>",
        "Относно: RE: [#4521] Принтер",
    ],
    "lt": [
        "Nuo: " + A,
        "Išsiųsta: 2025 m. birželio 2 d. 10:04",
        "Kam: Jane Client <jane@client.example>",
        "Kopija: Office <office@client.example>",
        "Tema: RE: [#4521] Spausdintuvas",
    ],
    "lv": [
        "No: " + A,
        "Nosūtīts: pirmdiena, 2025. gada 2. jūnijs 10:04",
        "Kam: Jane Client <jane@client.example>",
        "Kopija: Office <office@client.example>",
        "Tēma: RE: [#4521] Printeris",
    ],
    "et": [
        "Saatja: " + A,
        "Saadetud: esmaspäev, 2. juuni 2025 10:04",
        "Adressaat: Jane Client <jane@client.example>",
        "Koopia: Office <office@client.example>",
        "Teema: RE: [#4521] Printer",
    ],
    "ca": [
        "De: " + A,
        "Enviat el: dilluns, 2 de juny de 2025 10:04",
        "Per a: Jane Client <jane@client.example>",
        "A/c: Office <office@client.example>",
        "Assumpte: RE: [#4521] Impressora",
    ],
    "sr": [
        "Od: " + A,
        "Poslato: ponedeljak, 2. jun 2025. 10:04",
        "Za: Jane Client <jane@client.example>",
        "Cc: Office <office@client.example>",
        "Tema: RE: [#4521] Štampač",
    ],
}


@pytest.mark.parametrize("code", sorted(MORE_OUTLOOK))
def test_outlooks_block_in_more_languages_goes(code: str) -> None:
    text = "Thanks, it works again."
    for quote in (False, True):
        original = [f"> {line}".rstrip() for line in ORIGINAL] if quote else ORIGINAL
        for rule in ([], ["_" * 32]):
            body = "\n".join([text, "", *rule, *MORE_OUTLOOK[code], "", *original])
            got = read(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"
