"""The texts, wrapping and program shapes of the wrapped-quote grids
(``tests/test_wrap_grid.py``, ``tests/test_wrap_grid2.py``): writers' texts and quoted
originals in several languages, hard wrapping as mail programs do it, attributions and
Outlook's header blocks, and the check of a reply read."""

from __future__ import annotations

import textwrap
import unicodedata

from mailgate.parse.quotes import reply_text

WIDTHS = (72, 76, 78, 80)
# Each width, the original sent wrapped at 72 columns and sent as long lines.
GRID = [(width, long_lines) for width in WIDTHS for long_lines in (False, True)]

# The writer's text, in the languages of the attributions below.
NEW = {
    "en": "Thanks, the new driver fixed it.\nThe printer on the second floor works again.",
    "de": "Danke, der neue Treiber hat geholfen.\nDer Drucker im zweiten Stock geht wieder.",
    "fr": "Merci, le nouveau pilote a réglé le problème.\nL'imprimante refonctionne.",
    "es": "Gracias, el nuevo controlador lo arregló.\nLa impresora vuelve a funcionar.",
    "it": "Grazie, il nuovo driver ha risolto.\nLa stampante funziona di nuovo.",
    "nl": "Bedankt, het nieuwe stuurprogramma werkt.\nDe printer doet het weer.",
    "pt": "Obrigado, o novo driver resolveu.\nA impressora voltou a funcionar.",
    "pl": "Dziękuję, nowy sterownik pomógł.\nDrukarka na drugim piętrze znowu działa.",
    "ru": "Спасибо, новый драйвер помог.\nПринтер на втором этаже снова работает.",
    "ja": "ありがとうございます。新しいドライバーで直りました。\n二階のプリンターがまた使えます。",
    "zh": "谢谢，新的驱动程序解决了问题。\n二楼的打印机又能用了。",
    "da": "Tak, den nye driver løste det.\nPrinteren virker igen.",
}

# The original the writer answers: paragraphs as its sender's program wrote them.
ORIGINAL = {
    "en": [
        "Hello Jane, thank you for your message about the printer on the second floor. "
        "We have looked at the logs of the print server and found that the driver "
        "installed last week does not support the duplex unit of this model.",
        "Please install the driver from the link below and restart the computer before "
        "you print again, otherwise the old driver stays loaded in memory.",
    ],
    "de": [
        "Hallo Frau Schmidt, vielen Dank für Ihre Nachricht zum Drucker im zweiten Stock. "
        "Wir haben die Protokolle des Druckservers geprüft und festgestellt, dass der "
        "letzte Woche installierte Treiber die Duplexeinheit dieses Modells nicht kennt.",
        "Bitte installieren Sie den Treiber über den Link unten und starten Sie den "
        "Rechner neu, bevor Sie wieder drucken, sonst bleibt der alte Treiber geladen.",
    ],
    "fr": [
        "Bonjour Madame Schmidt, merci pour votre message concernant l'imprimante du "
        "deuxième étage. Nous avons consulté les journaux du serveur d'impression et "
        "constaté que le pilote installé la semaine dernière ne gère pas le recto verso.",
        "Veuillez installer le pilote depuis le lien ci-dessous et redémarrer "
        "l'ordinateur avant d'imprimer de nouveau, sinon l'ancien pilote reste chargé.",
    ],
    "es": [
        "Hola Sra. Schmidt, gracias por su mensaje sobre la impresora de la segunda "
        "planta. Hemos revisado los registros del servidor de impresión y el controlador "
        "instalado la semana pasada no admite la unidad dúplex de este modelo.",
        "Instale el controlador desde el enlace de abajo y reinicie el ordenador antes "
        "de volver a imprimir, de lo contrario el controlador antiguo sigue cargado.",
    ],
    "pl": [
        "Dzień dobry, dziękujemy za wiadomość w sprawie drukarki na drugim piętrze. "
        "Sprawdziliśmy dzienniki serwera wydruku i okazało się, że sterownik "
        "zainstalowany w zeszłym tygodniu nie obsługuje modułu dupleksu tego modelu.",
        "Prosimy zainstalować sterownik z poniższego linku i ponownie uruchomić komputer "
        "przed kolejnym wydrukiem, inaczej stary sterownik pozostanie w pamięci.",
    ],
    "ru": [
        "Здравствуйте, спасибо за сообщение о принтере на втором этаже. Мы проверили "
        "журналы сервера печати и выяснили, что драйвер, установленный на прошлой "
        "неделе, не поддерживает модуль двусторонней печати этой модели.",
        "Пожалуйста, установите драйвер по ссылке ниже и перезагрузите компьютер перед "
        "следующей печатью, иначе старый драйвер останется в памяти.",
    ],
    "ja": [
        "いつもお世話になっております。二階のプリンターの件でご連絡いただきありがとうござい"
        "ます。印刷サーバーのログを確認したところ、先週インストールしたドライバーがこの機種の"
        "両面印刷ユニットに対応していないことが分かりました。",
        "下記のリンクからドライバーをインストールし、パソコンを再起動してから印刷してください。",
    ],
}
LINK = "https://support.helpdesk.example/downloads/drivers/printers/model-4521/v7.3.1/setup-x64.exe"


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_line(line: str, width: int) -> list[str]:
    """``line`` wrapped as a mail program wraps a plain-text body: at the last space
    before ``width`` columns (a word longer than the width stands alone, unbroken), and
    text without spaces (Japanese, Chinese) at the column itself."""
    if columns(line) <= width:
        return [line]
    if columns(line) < 2 * len(line) - len(line) // 4:  # words between spaces
        pieces = textwrap.wrap(
            line, width, break_long_words=False, break_on_hyphens=False, drop_whitespace=True
        )
        return pieces or [line]
    out, current = [], ""
    for ch in line:
        if columns(current + ch) > width:
            out.append(current)
            current = ch
        else:
            current += ch
    return [*out, current]


def hard_wrap(lines: list[str], width: int) -> list[str]:
    """Each line longer than ``width`` broken after a program added the quote marks: the
    continuation on lines of its own, without the mark."""
    return [piece for line in lines for piece in wrap_line(line, width)]


def quoted(paragraphs: list[str], mark: str = "> ", sender_width: int | None = 72) -> list[str]:
    """The original quoted: each line of it (as its sender's program wrapped it at
    ``sender_width``, or one long line per paragraph) with ``mark`` before it."""
    out: list[str] = []
    for k, para in enumerate(paragraphs):
        if k:
            out.append(mark.rstrip())
        lines = wrap_line(para, sender_width) if sender_width else [para]
        out += [f"{mark}{line}" for line in lines]
    return out


ATTRIBUTIONS = {
    "gmail": (
        "en",
        ["On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:"],
    ),
    "gmail folded address": (
        "en",
        [
            "On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt from Support <",
            "anna@helpdesk.example> wrote:",
        ],
    ),
    "gmail folded verb": (
        "en",
        [
            "On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt from Support <anna@helpdesk.example>",
            "wrote:",
        ],
    ),
    "apple mail": ("en", ["On 2 Jun 2025, at 10:04, Anna Schmidt <anna@helpdesk.example> wrote:"]),
    "thunderbird": ("en", ["On 02/06/2025 10:04, Anna Schmidt wrote:"]),
    "date first": ("en", ["2025-06-02 10:04 GMT+02:00 Anna Schmidt <anna@helpdesk.example>:"]),
    "gmail german": (
        "de",
        ["Am Mo., 2. Juni 2025 um 10:04 Uhr schrieb Anna Schmidt <anna@helpdesk.example>:"],
    ),
    "thunderbird german": ("de", ["Am 02.06.2025 um 10:04 schrieb Anna Schmidt:"]),
    "gmail french": (
        "fr",
        ["Le lun. 2 juin 2025 à 10:04, Anna Schmidt <anna@helpdesk.example> a écrit :"],
    ),
    "gmail spanish": (
        "es",
        ["El lun, 2 jun 2025 a las 10:04, Anna Schmidt (<anna@helpdesk.example>) escribió:"],
    ),
    "thunderbird polish": ("pl", ["W dniu 2.06.2025 o 10:04, Anna Schmidt pisze:"]),
    "thunderbird danish": ("da", ["Den 02.06.2025 kl. 10:04 skrev Anna Schmidt:"]),
    "gmail danish": (
        "da",
        ["Den man. 2. jun. 2025 kl. 10.04 skrev Anna Schmidt <anna@helpdesk.example>:"],
    ),
    "gmail dutch": (
        "nl",
        ["Op ma 2 jun 2025 om 10:04 schreef Anna Schmidt <anna@helpdesk.example>:"],
    ),
    "gmail italian": (
        "it",
        [
            "Il giorno lun 2 giu 2025 alle ore 10:04 Anna Schmidt <anna@helpdesk.example> ha",
            "scritto:",
        ],
    ),
    "gmail portuguese": (
        "pt",
        ["Em seg., 2 de jun. de 2025 às 10:04, Anna Schmidt <anna@helpdesk.example>", "escreveu:"],
    ),
    "gmail russian": ("ru", ["пн, 2 июн. 2025 г. в 10:04, Anna Schmidt <anna@helpdesk.example>:"]),
    "gmail japanese": ("ja", ["2025年6月2日(月) 10:04 Anna Schmidt <anna@helpdesk.example>:"]),
    "gmail chinese": (
        "zh",
        ["Anna Schmidt <anna@helpdesk.example> 于2025年6月2日周一 10:04写道："],
    ),
    "thunderbird date last": ("en", ["Anna Schmidt wrote on 02/06/2025 10:04:"]),
    "thunderbird german date last": ("de", ["Anna Schmidt schrieb am 02.06.2025 um 10:04:"]),
    "gmail android german": (
        "de",
        ["Anna Schmidt <anna@helpdesk.example> schrieb am Mo., 2. Juni 2025, 10:04:"],
    ),
    "kmail": ("en", ["On Monday, 2 June 2025 10:04:12 CEST Anna Schmidt wrote:"]),
    "apple japanese": ("ja", ["2025/06/02 10:04、Anna Schmidt <anna@helpdesk.example>のメール:"]),
    "apple dutch": (
        "nl",
        [
            "Op 2 jun. 2025 om 10:04 heeft Anna Schmidt <anna@helpdesk.example> het volgende",
            "geschreven:",
        ],
    ),
    "zoho german": (
        "de",
        [
            "---- Am Mo., 02 Jun 2025 10:04:00 +0200 schrieb Anna Schmidt "
            "<anna@helpdesk.example> ----"
        ],
    ),
    "gmail croatian": (
        "en",
        ["Dana pon, 2. lip 2025. u 10:04 Anna Schmidt <anna@helpdesk.example> je napisao/la:"],
    ),
    "zoho": (
        "en",
        ["---- On Mon, 02 Jun 2025 10:04:00 +0200 Anna Schmidt <anna@helpdesk.example> wrote ----"],
    ),
    "zoho folded": (
        "en",
        [
            "---- On Mon, 02 Jun 2025 10:04:00 +0200 Anna Schmidt",
            "<anna@helpdesk.example> wrote ----",
        ],
    ),
}

_OUTLOOK_LABELS = {
    "en": ("From", "Sent", "To", "Subject", "Monday, June 2, 2025 10:04 AM"),
    "de": ("Von", "Gesendet", "An", "Betreff", "Montag, 2. Juni 2025 10:04"),
    "fr": ("De", "Envoyé", "À", "Objet", "lundi 2 juin 2025 10:04"),
    "es": ("De", "Enviado el", "Para", "Asunto", "lunes, 2 de junio de 2025 10:04"),
    "it": ("Da", "Inviato", "A", "Oggetto", "lunedì 2 giugno 2025 10:04"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", "maandag 2 juni 2025 10:04"),
    "pt": ("De", "Enviado", "Para", "Assunto", "segunda-feira, 2 de junho de 2025 10:04"),
    "pl": ("Od", "Wysłano", "Do", "Temat", "poniedziałek, 2 czerwca 2025 10:04"),
    "ru": ("От", "Отправлено", "Кому", "Тема", "2 июня 2025 г. 10:04"),
    "ja": ("差出人", "送信日時", "宛先", "件名", "2025年6月2日 10:04"),
    "zh": ("发件人", "发送时间", "收件人", "主题", "2025年6月2日 10:04"),
}
_DIVIDERS = {
    "en": "-----Original Message-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "fr": "-----Message d'origine-----",
    "es": "-----Mensaje original-----",
    "it": "-----Messaggio originale-----",
    "nl": "-----Oorspronkelijk bericht-----",
    "pt": "-----Mensagem original-----",
    "pl": "-----Wiadomość oryginalna-----",
    "ru": "-----Исходное сообщение-----",
    "ja": "-----Original Message-----",
    "zh": "-----原始邮件-----",
}


_RECIPIENTS = (
    "Jane Client <jane@client.example>; Office Team <office@client.example>; "
    "Facilities <facilities@client.example>; Reception <reception@client.example>"
)


def outlook_header(lang: str, rule: str, width: int = 998) -> list[str]:
    """Outlook's header block above the original, its long recipient line wrapped at
    ``width`` as a program without format=flowed wraps it."""
    frm, sent, to, subject, date = _OUTLOOK_LABELS[lang]
    sep = "：" if lang == "zh" else ": "
    block = [
        f"{frm}{sep}Anna Schmidt <anna@helpdesk.example>",
        f"{sent}{sep}{date}",
        *wrap_line(f"{to}{sep}{_RECIPIENTS}", width),
        f"{subject}{sep}RE: [#4521] Printer",
    ]
    if rule == "divider":
        return [_DIVIDERS[lang], *block]
    if rule == "underscores":
        return ["_" * 32, *block]
    return block


def body_of(lang: str) -> list[str]:
    return ORIGINAL.get(lang, ORIGINAL["en"])


def assert_reply(text: str, expected: str, *, trailing: bool = True) -> None:
    """The reply read from ``text`` is ``expected``, word for word, and (``trailing``) so
    it is when the program left a space at the end of every line, as some do at a wrap."""
    layouts = [text]
    if trailing:
        layouts.append("\n".join(f"{line} " if line.strip() else line for line in text.split("\n")))
    for layout in layouts:
        got = reply_text(layout)
        assert got.split() == expected.split(), f"\n--- text ---\n{layout}\n--- got ---\n{got}"
