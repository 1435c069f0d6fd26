"""The languages and signature-block shapes of the sign-off grids
(``tests/test_signoff_grid.py``, ``tests/test_signoff_grid2.py``): each language's
reply text, closings and people, and each shape of block people and companies put
under a closing; and the mails the sign-off grids send them in, as the programs write
them (``tests/test_signoff_grid*.py``)."""

from __future__ import annotations

import base64
import quopri
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from html import escape


@dataclass(frozen=True)
class Language:
    body: str
    closings: tuple[str, ...]
    thanks: str
    name: str
    # The writer's name as the From field gives it: in Latin letters where they sign
    # in another script.
    from_name: str
    title: str
    company: str
    phone: str
    mobile: str
    fax: str
    street: str
    city: str
    web: str
    mail: str
    footer: str


LANGUAGES = {
    "en": Language(
        body="Hi,\n\nthe CSV export still fails with a timeout since the last update. "
        "I attached the log from this morning.",
        closings=("Best regards,", "Kind regards", "Cheers,", "All the best,"),
        thanks="Thanks,",
        name="Jane Doe",
        from_name="Jane Doe",
        title="Head of IT",
        company="Northwind Traders Ltd",
        phone="Tel: +44 20 7946 0958",
        mobile="Mobile: +44 7700 900123",
        fax="Fax: +44 20 7946 0959",
        street="221B Baker Street",
        city="London NW1 6XE",
        web="www.northwind.example",
        mail="jane.doe@northwind.example",
        footer="Sent from my iPhone",
    ),
    "de": Language(
        body="Hallo zusammen,\n\nder Export nach CSV bricht seit dem letzten Update mit "
        "einem Timeout ab. Das Log von heute Morgen hängt an.",
        closings=("Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße,", "LG"),
        thanks="Vielen Dank,",
        name="Jonas Müller",
        from_name="Müller, Jonas",
        title="Leiter IT",
        company="Beispiel Logistik GmbH",
        phone="Tel.: +49 30 12345678",
        mobile="Mobil: +49 171 1234567",
        fax="Fax: +49 30 12345679",
        street="Hauptstraße 12",
        city="10115 Berlin",
        web="www.beispiel-logistik.example",
        mail="j.mueller@beispiel-logistik.example",
        footer="Von meinem iPhone gesendet",
    ),
    "fr": Language(
        body="Bonjour,\n\nl'export CSV échoue toujours avec un délai dépassé depuis la "
        "dernière mise à jour. Je joins le journal de ce matin.",
        closings=("Cordialement,", "Bien cordialement", "Bonne journée,"),
        thanks="Merci,",
        name="Claire Dubois",
        from_name="Claire Dubois",
        title="Responsable informatique",
        company="Exemple Conseil SARL",
        phone="Tél. : 01 23 45 67 89",
        mobile="Portable : 06 12 34 56 78",
        fax="Fax : 01 23 45 67 90",
        street="12, rue de la Paix",
        city="75002 Paris",
        web="www.exemple-conseil.example",
        mail="c.dubois@exemple-conseil.example",
        footer="Envoyé de mon iPhone",
    ),
    "es": Language(
        body="Hola,\n\nla exportación a CSV sigue fallando con un error de tiempo de "
        "espera desde la última actualización. Adjunto el registro de esta mañana.",
        closings=("Saludos,", "Un saludo,", "Atentamente,"),
        thanks="Gracias,",
        name="Lucía Fernández",
        from_name="Lucia Fernandez",
        title="Jefa de Sistemas",
        company="Ejemplo Servicios S.L.",
        phone="Tel.: +34 912 345 678",
        mobile="Móvil: 612 345 678",
        fax="Fax: +34 912 345 679",
        street="Calle Mayor, 10, 3º B",
        city="28013 Madrid",
        web="www.ejemplo-servicios.example",
        mail="lfernandez@ejemplo-servicios.example",
        footer="Enviado desde mi smartphone Samsung Galaxy.",
    ),
    "it": Language(
        body="Buongiorno,\n\nl'esportazione in CSV continua a fallire con un timeout "
        "dopo l'ultimo aggiornamento. Allego il log di stamattina.",
        closings=("Cordiali saluti", "Distinti saluti,", "Saluti,"),
        thanks="Grazie,",
        name="Giulia Rossi",
        from_name="Giulia Rossi",
        title="Responsabile IT",
        company="Esempio Sistemi S.r.l.",
        phone="Tel. +39 02 1234 5678",
        mobile="Cell. +39 347 123 4567",
        fax="Fax +39 02 1234 5679",
        street="Via Roma, 15",
        city="20121 Milano (MI)",
        web="www.esempio-sistemi.example",
        mail="g.rossi@esempio-sistemi.example",
        footer="Inviato dal mio iPhone",
    ),
    "pt": Language(
        body="Olá,\n\na exportação para CSV continua a falhar com um erro de tempo "
        "limite desde a última atualização. Segue em anexo o registo desta manhã.",
        closings=("Atenciosamente,", "Cumprimentos,", "Abraço,"),
        thanks="Obrigado,",
        name="João Silva",
        from_name="Joao Silva",
        title="Gerente de TI",
        company="Exemplo Tecnologia Ltda.",
        phone="Tel.: +55 11 3456-7890",
        mobile="Cel.: +55 11 98765-4321",
        fax="Fax: +55 11 3456-7891",
        street="Av. Paulista, 1000 - 10º andar",
        city="01310-100 São Paulo - SP",
        web="www.exemplo-tecnologia.example",
        mail="joao.silva@exemplo-tecnologia.example",
        footer="Enviado do meu iPhone",
    ),
    "nl": Language(
        body="Hallo,\n\nde export naar CSV mislukt nog steeds met een time-out sinds de "
        "laatste update. Het logbestand van vanochtend zit in de bijlage.",
        closings=("Met vriendelijke groet,", "Groeten,", "Groetjes"),
        thanks="Bedankt,",
        name="Sanne de Vries",
        from_name="Sanne de Vries",
        title="Teamleider ICT",
        company="Voorbeeld Installaties B.V.",
        phone="T: +31 20 123 4567",
        mobile="M: +31 6 12345678",
        fax="F: +31 20 123 4568",
        street="Keizersgracht 123",
        city="1015 CJ Amsterdam",
        web="www.voorbeeld-installaties.example",
        mail="s.devries@voorbeeld-installaties.example",
        footer="Verzonden vanaf mijn iPhone",
    ),
    "pl": Language(
        body="Dzień dobry,\n\neksport do CSV nadal kończy się błędem przekroczenia czasu "
        "od ostatniej aktualizacji. W załączniku przesyłam log z dzisiejszego ranka.",
        closings=("Pozdrawiam,", "Z poważaniem", "Pozdrawiam serdecznie"),
        thanks="Dziękuję,",
        name="Katarzyna Nowak",
        from_name="Katarzyna Nowak",
        title="Kierownik działu IT",
        company="Przykład Sp. z o.o.",
        phone="tel. +48 22 123 45 67",
        mobile="kom. +48 601 234 567",
        fax="fax +48 22 123 45 68",
        street="ul. Marszałkowska 10/12",
        city="00-590 Warszawa",
        web="www.przyklad.example",
        mail="k.nowak@przyklad.example",
        footer="Wysłane z iPhone'a",
    ),
    "ru": Language(
        body="Здравствуйте!\n\nЭкспорт в CSV после последнего обновления по-прежнему "
        "завершается ошибкой тайм-аута. Лог за сегодняшнее утро во вложении.",
        closings=("С уважением,", "С уважением", "Всего доброго,"),
        thanks="Спасибо!",
        name="Дмитрий Иванов",
        from_name="Dmitry Ivanov",
        title="Руководитель отдела ИТ",
        company="ООО «Пример»",
        phone="Тел.: +7 (495) 123-45-67",
        mobile="Моб.: +7 916 123-45-67",
        fax="Факс: +7 (495) 123-45-68",
        street="ул. Тверская, д. 7, офис 12",
        city="125009, г. Москва",
        web="www.primer.example",
        mail="d.ivanov@primer.example",
        footer="Отправлено с iPhone",
    ),
    "ja": Language(
        body="お世話になっております。\n\n前回のアップデート以降、CSVへのエクスポートが"
        "タイムアウトで失敗します。今朝のログを添付いたします。",
        closings=("よろしくお願いいたします。", "以上、よろしくお願いいたします。"),
        thanks="ありがとうございます。",
        name="山田 太郎",
        from_name="Taro Yamada",
        title="情報システム部 課長",
        company="株式会社サンプル",
        phone="TEL: 03-1234-5678",
        mobile="携帯: 090-1234-5678",
        fax="FAX: 03-1234-5679",
        street="〒100-0005 東京都千代田区丸の内1-2-3",
        city="サンプルビル5F",
        web="https://www.sample.example/",
        mail="yamada@sample.example",
        footer="iPhoneから送信",
    ),
    "zh": Language(
        body="您好，\n\n自上次更新以来，导出CSV仍然因超时而失败。附件是今天早上的日志。",
        closings=("祝好！", "此致\n敬礼！", "顺祝商祺！"),
        thanks="谢谢！",
        name="王伟",
        from_name="Wang Wei",
        title="信息技术部经理",
        company="示例科技有限公司",
        phone="电话：+86 10 1234 5678",
        mobile="手机：138 0013 8000",
        fax="传真：+86 10 1234 5679",
        street="地址：北京市朝阳区建国路88号",
        city="邮编：100022",
        web="www.shili.example",
        mail="邮箱：wangwei@shili.example",
        footer="发自我的iPhone",
    ),
    "ko": Language(
        body="안녕하세요.\n\n지난 업데이트 이후 CSV 내보내기가 계속 시간 초과로 "
        "실패합니다. 오늘 아침 로그를 첨부합니다.",
        closings=("좋은 하루 되세요.", "수고하세요."),
        thanks="감사합니다.",
        name="김민준",
        from_name="Minjun Kim",
        title="정보시스템팀 과장",
        company="(주)예시상사",
        phone="Tel. 02-1234-5678",
        mobile="H.P. 010-1234-5678",
        fax="Fax. 02-1234-5679",
        street="서울특별시 중구 세종대로 110",
        city="예시빌딩 7층",
        web="www.yesi.example",
        mail="mjkim@yesi.example",
        footer="내 iPhone에서 보냄",
    ),
    "ar": Language(
        body="مرحباً،\n\nلا يزال التصدير إلى CSV يفشل بسبب انتهاء المهلة منذ التحديث "
        "الأخير. أرفقت سجل هذا الصباح.",
        closings=("مع خالص التحيات،", "تحياتي،", "مع تحياتي"),
        thanks="شكرا،",
        name="أحمد علي",
        from_name="Ahmed Ali",
        title="مدير تقنية المعلومات",
        company="شركة المثال للتجارة ذ.م.م",
        phone="هاتف: +971 4 123 4567",
        mobile="جوال: +971 50 123 4567",
        fax="فاكس: +971 4 123 4568",
        street="ص.ب. 12345",
        city="دبي، الإمارات العربية المتحدة",
        web="www.almithal.example",
        mail="ahmed.ali@almithal.example",
        footer="أُرسلت من الـ iPhone الخاص بي",
    ),
    "fa": Language(
        body="سلام،\n\nخروجی CSV از آخرین به‌روزرسانی همچنان با خطای پایان مهلت متوقف "
        "می‌شود. لاگ امروز صبح پیوست است.",
        closings=("با احترام،", "با سپاس", "ارادتمند"),
        thanks="ممنون،",
        name="علی رضایی",
        from_name="Ali Rezaei",
        title="مدیر فناوری اطلاعات",
        company="شرکت نمونه پردازش",
        phone="تلفن: ۰۲۱-۸۸۷۷۶۶۵۵",
        mobile="همراه: ۰۹۱۲ ۳۴۵ ۶۷۸۹",
        fax="فکس: ۰۲۱-۸۸۷۷۶۶۵۶",
        street="تهران، خیابان ولیعصر، پلاک ۱۲",
        city="کد پستی: ۱۵۹۸۷۶۵۴۳۲",
        web="www.nemooneh.example",
        mail="a.rezaei@nemooneh.example",
        footer="Sent from my iPhone",
    ),
    "tr": Language(
        body="Merhaba,\n\nSon güncellemeden beri CSV dışa aktarımı zaman aşımı hatasıyla "
        "başarısız oluyor. Bu sabahki günlük dosyasını ekte gönderiyorum.",
        closings=("Saygılarımla,", "İyi çalışmalar,", "Selamlar"),
        thanks="Teşekkürler,",
        name="Ayşe Yılmaz",
        from_name="Ayse Yilmaz",
        title="Bilgi İşlem Müdürü",
        company="Örnek Yazılım A.Ş.",
        phone="Tel: +90 212 123 45 67",
        mobile="Cep: +90 532 123 45 67",
        fax="Faks: +90 212 123 45 68",
        street="Büyükdere Cad. No: 123 Kat: 4",
        city="34394 Şişli/İstanbul",
        web="www.ornekyazilim.example",
        mail="ayse.yilmaz@ornekyazilim.example",
        footer="iPhone'umdan gönderildi",
    ),
}


# The blocks people and companies put under their closing, one line a list item.
BLOCKS: dict[str, Callable[[Language], list[str]]] = {
    "name": lambda lang: [lang.name],
    "name-title": lambda lang: [lang.name, lang.title],
    "name-title-company": lambda lang: [lang.name, lang.title, lang.company],
    "contact": lambda lang: [
        lang.name,
        lang.title,
        lang.company,
        lang.phone,
        lang.mobile,
        lang.mail,
    ],
    "address": lambda lang: [
        lang.name,
        "",
        lang.company,
        lang.street,
        lang.city,
        f"{lang.phone} | {lang.fax}",
        lang.web,
    ],
    "one-liner": lambda lang: [f"{lang.name} | {lang.title} | {lang.company} | {lang.phone}"],
    "logo": lambda lang: [
        "[cid:image001.png@01DA3F2C.5B7E1A90]",
        lang.name,
        lang.title,
        lang.company,
        lang.phone,
    ],
    "logo-under": lambda lang: [lang.name, lang.title, "[Logo]", lang.company, lang.web],
    "pronouns": lambda lang: [f"{lang.name} (she/her)", lang.title, lang.company],
    "social": lambda lang: [
        lang.name,
        lang.title,
        lang.company,
        lang.web,
        "LinkedIn | Twitter | Facebook",
    ],
    "company-first": lambda lang: [
        lang.company,
        lang.street,
        lang.city,
        lang.phone,
        lang.web,
    ],
    "title-first": lambda lang: [lang.name, f"{lang.title}, {lang.company}", lang.mobile],
}


# -- the mails the grids send --------------------------------------------------------------


def headed(sender: str, subject: str, date: str, message_id: str) -> EmailMessage:
    """A message from ``sender`` to the helpdesk, its body still to be set."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = "Helpdesk <support@helpdesk.example>"
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = message_id
    return msg


def gmail(text: str, msg: EmailMessage, escaped: bool = True) -> None:
    """``text`` as Gmail sends it in ``msg``: the plain text and, beside it, the HTML
    rendering, a ``<br>`` a line (the lines escaped, or, unless ``escaped``, set in as
    they are typed)."""
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    lines = [escape(line) for line in text.split("\n")] if escaped else text.split("\n")
    html = '<div dir="ltr">' + "<br>".join(lines) + "</div>"
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")


# The programs that send a text/plain part of their own: its charset label, the codec,
# the transfer encoding, and whether it wraps the text as format=flowed.  Outlook writes
# windows-1252 while the text fits it (:func:`plain_part`).
PLAIN_PROGRAMS = {
    "outlook": ("windows-1252", "cp1252", "quoted-printable", False),
    "thunderbird": ("UTF-8", "utf-8", "8bit", True),
    "flowed": ("UTF-8", "utf-8", "8bit", True),
    "base64": ("utf-8", "utf-8", "base64", False),
    "iso-2022-jp": ("ISO-2022-JP", "iso2022_jp", "7bit", False),
    "ks_c_5601-1987": ("ks_c_5601-1987", "cp949", "base64", False),
    "gb2312": ("GB2312", "gb2312", "base64", False),
    "koi8": ("KOI8-R", "koi8_r", "8bit", False),
    "cp1251": ("windows-1251", "cp1251", "8bit", False),
    "iso-8859-7": ("ISO-8859-7", "iso8859_7", "quoted-printable", False),
}


def plain_part(text: str, program: str) -> bytes:
    """The text/plain part ``program`` (:data:`PLAIN_PROGRAMS`) writes of ``text``: its
    header fields, a blank line, the body."""
    charset, codec, cte, flowed = PLAIN_PROGRAMS[program]
    if program == "outlook" and not all(ch.encode("cp1252", "ignore") for ch in text):
        charset, codec = "utf-8", "utf-8"  # a character windows-1252 does not have
    data = text.replace("\n", "\r\n").encode(codec)
    if cte == "quoted-printable":
        payload = quopri.encodestring(data)
    elif cte == "base64":
        payload = base64.encodebytes(data).replace(b"\n", b"\r\n")
    else:
        payload = data
    extra = "; format=flowed" if flowed else ""
    return (
        f'Content-Type: text/plain; charset="{charset}"{extra}\r\n'
        f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    ).encode() + payload


def with_plain_part(msg: EmailMessage, text: str, program: str) -> bytes:
    """``msg``'s header and ``program``'s text/plain part of ``text`` under it."""
    msg["MIME-Version"] = "1.0"
    return bytes(msg)[:-2] + plain_part(text, program)
