"""Sign-offs of the shapes the first two grids leave out, read from whole mails as the
programs send them (Outlook's windows-1252 quoted-printable, Gmail's UTF-8 beside an
HTML part, Thunderbird's ``format=flowed``, Japanese ISO-2022-JP, Korean
ks_c_5601-1987, Chinese GB2312 base64, Russian KOI8-R, Greek ISO 8859-7):

- signatures of several lines under the name — title, company, postal address,
  telephone, mobile and fax labels in many languages, web, social handles, pronouns,
  a company's legal lines;
- a mobile footer under a sign-off;
- the signature introduced by "-- ", "--", "__", a row of dashes, underscores or
  equals signs;
- closings and name blocks of right-to-left and East Asian writing (Japanese 〒
  addresses between rules, "此致 敬礼", "감사합니다." over a name);
- names signed in another script than the From field gives them (Hangul, Cyrillic,
  Greek), initials ("- JD", "/mk"), a name glued to the last sentence ("Thanks, John");
- and a client's text that ends with a short line that is no signature — a question,
  an order number, a list's last item, a name the writer asks about — which stays.

Each case is (the From field, the mail's text, what of the text is the client's); the
reply must be the client's text, a thanks above the signature allowed to stay.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from tests.support.signoff_grid import gmail, headed, with_plain_part

EN = "Hi,\n\nthe CSV export still fails with a timeout since Friday's update. I attached the log."
DE = (
    "Hallo,\n\n"
    "der CSV-Export bricht seit dem Update am Freitag mit einem Timeout ab. Das Log hängt an."
)
FR = (
    "Bonjour,\n\n"
    "l'export CSV échoue toujours depuis la mise à jour de vendredi. Le journal est joint."
)
ES = (
    "Hola,\n\n"
    "la exportación a CSV sigue fallando desde la actualización del viernes. Adjunto el registro."
)
IT = (
    "Buongiorno,\n\n"
    "l'esportazione CSV non funziona ancora dall'aggiornamento di venerdì. Allego il log."
)
PT = (
    "Olá,\n\n"
    "a exportação para CSV continua falhando desde a atualização de sexta. Segue o log em anexo."
)
NL = (
    "Hallo,\n\n"
    "de CSV-export mislukt nog steeds sinds de update van vrijdag. Het logbestand is bijgevoegd."
)
PL = (
    "Dzień dobry,\n\n"
    "eksport do CSV nadal kończy się błędem od piątkowej aktualizacji. Log w załączniku."
)
RU = (
    "Добрый день!\n\n"
    "Экспорт в CSV после обновления в пятницу всё ещё падает по таймауту. Лог во вложении."
)
UK = "Доброго дня!\n\nЕкспорт у CSV після оновлення в п'ятницю досі не працює. Журнал у вкладенні."
EL = (
    "Καλημέρα,\n\n"
    "η εξαγωγή σε CSV αποτυγχάνει ακόμα μετά την ενημέρωση της Παρασκευής. Επισυνάπτω το αρχείο."
)
JA = (
    "お世話になっております。\n\n"
    "金曜日の更新以降、CSVの出力がタイムアウトで失敗します。"
    "ログを添付いたします。"
)
ZH = "您好！\n\n自从周五更新以后，CSV导出一直超时失败。日志见附件。"
KO = (
    "안녕하세요.\n\n"
    "금요일 업데이트 이후 CSV 내보내기가 계속 시간 초과로 실패합니다. 로그를 첨부합니다."
)
AR = "مرحباً،\n\nما زال تصدير ملف CSV يفشل منذ تحديث يوم الجمعة. أرفقت السجل."
HE = "שלום,\n\nהייצוא ל-CSV עדיין נכשל מאז העדכון של יום שישי. מצורף קובץ היומן."
TR = (
    "Merhaba,\n\n"
    "Cuma günkü güncellemeden beri CSV dışa aktarımı hâlâ zaman aşımına uğruyor. Günlük ekte."
)


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    # The program that sends it (how the text is encoded).
    program: str = "gmail"
    # What may stay above the body's end beside nothing: a thanks or a closing that is
    # as much the writer's words.
    said: str = ""


CASES: dict[str, Case] = {
    # Signatures of several lines under the name.
    "en-full": Case(
        "Jane Doe <jane.doe@northwind.example>",
        EN,
        "Best regards,\n\nJane Doe (she/her)\nHead of Operations | Northwind Traders Ltd\n"
        "221B Baker Street, London NW1 6XE, United Kingdom\n"
        "T: +44 20 7946 0958 | M: +44 7700 900123\n"
        "www.northwind.example | @northwindtraders | linkedin.com/in/janedoe",
        "outlook",
    ),
    "en-pronouns-they": Case(
        "Sam Rivera <sam@rivera.example>",
        EN,
        "Cheers,\nSam Rivera\nPronouns: they/them\nCustomer Success Lead\nRivera Labs Inc.\n"
        "Office: (415) 555-0134 ext. 12\nCell: (415) 555-0199",
    ),
    "de-impressum": Case(
        '"Müller, Jonas" <j.mueller@beispiel.example>',
        DE,
        "Mit freundlichen Grüßen\n\nJonas Müller\nLeiter Einkauf\n\nBeispiel Logistik GmbH\n"
        "Hauptstraße 12 · 10115 Berlin\nTelefon: +49 30 1234567\nTelefax: +49 30 1234568\n"
        "E-Mail: j.mueller@beispiel.example\nInternet: www.beispiel.example\n\n"
        "Sitz der Gesellschaft: Berlin, Amtsgericht Charlottenburg HRB 123456\n"
        "Geschäftsführer: Max Mustermann, Erika Musterfrau",
        "outlook",
    ),
    "fr-full": Case(
        "Claire Dubois <claire.dubois@exemple.example>",
        FR,
        "Cordialement,\n\nClaire Dubois\nResponsable des achats\n"
        "Exemple SAS – 12 rue de la Paix, 75002 Paris\n"
        "Tél. : +33 1 23 45 67 89 – Port. : +33 6 12 34 56 78\nwww.exemple.example",
        "outlook",
    ),
    "es-full": Case(
        "María García <maria.garcia@ejemplo.example>",
        ES,
        "Un saludo,\n\nMaría García\nDirectora de Compras\nEjemplo Distribuciones S.L.\n"
        "C/ Mayor 12, 3º B · 28013 Madrid\nTel.: +34 91 123 45 67 · Móvil: +34 612 345 678",
    ),
    "it-full": Case(
        "Giulia Rossi <g.rossi@esempio.example>",
        IT,
        "Cordiali saluti\n\nGiulia Rossi\nUfficio Acquisti\nEsempio S.r.l.\n"
        "Via Roma 12 – 20121 Milano\nTel. +39 02 1234567 – Cell. +39 333 1234567\n"
        "P.IVA 01234567890",
        "outlook",
    ),
    "pt-br-full": Case(
        "João Silva <joao.silva@exemplo.example>",
        PT,
        "Att.,\n\nJoão Silva\nGerente de TI\nExemplo Comércio Ltda.\n"
        "Fone: (11) 3123-4567 | Cel: (11) 91234-5678\nwww.exemplo.example",
    ),
    "nl-letters": Case(
        "Jan de Vries <jan@voorbeeld.example>",
        NL,
        "Met vriendelijke groet,\n\nJan de Vries\nInkoper\n\nVoorbeeld B.V.\n"
        "T 020 123 4567\nM 06 12345678\nE jan@voorbeeld.example\nI www.voorbeeld.example",
        "thunderbird",
    ),
    "pl-full": Case(
        "Anna Kowalska <a.kowalska@przyklad.example>",
        PL,
        "Pozdrawiam\nAnna Kowalska\nSpecjalista ds. zakupów\nPrzykład Sp. z o.o.\n"
        "ul. Długa 8/2, 31-147 Kraków\ntel. kom. +48 600 123 456",
    ),
    "tr-full": Case(
        "Ayse Yilmaz <ayse@ornek.example>",
        TR,
        "Saygılarımla,\n\nAyşe Yılmaz\nSatın Alma Uzmanı\nÖrnek Yazılım A.Ş.\n"
        "Tel: +90 212 123 45 67 / Dahili: 204\nGSM: +90 532 123 45 67",
    ),
    "ru-full": Case(
        "Olga Smirnova <olga@primer.example>",
        RU,
        "С уважением,\nОльга Смирнова\nменеджер по закупкам\nООО «Пример»\n"
        "г. Москва, ул. Тверская, д. 12, офис 5\nтел.: +7 (495) 123-45-67, доб. 123\n"
        "моб.: +7 (916) 123-45-67",
        "cp1251",
    ),
    # A mobile footer under a sign-off.
    "en-thanks-iphone": Case(
        "Jo Client <jo@client.example>", EN, "Thanks,\nJo\n\nSent from my iPhone", said="Thanks,"
    ),
    "en-best-galaxy": Case(
        "Jo Client <jo@client.example>",
        EN,
        "Best,\nJo\n\nSent from my Galaxy",
    ),
    "de-gruss-ipad": Case(
        '"Müller, Jonas" <j.mueller@beispiel.example>',
        DE,
        "Gruß\nJonas\n\nVon meinem iPad gesendet",
    ),
    "fr-signature-iphone": Case(
        "Claire Dubois <claire.dubois@exemple.example>",
        FR,
        "Bonne journée,\nClaire\n\nEnvoyé de mon iPhone",
    ),
    "en-outlook-android": Case(
        "Jo Client <jo@client.example>",
        EN,
        "Regards,\nJo Client\nIT Manager\n\nGet Outlook for Android<https://aka.ms/ghei36>",
    ),
    # The delimiter above the signature.
    "rfc-delimiter": Case(
        "Jo Client <jo@client.example>",
        EN,
        "-- \nJo Client\nIT Manager, Client Corp.\n+1 555 0100",
        "thunderbird",
    ),
    "stripped-delimiter": Case(
        "Jo Client <jo@client.example>",
        EN,
        "--\nJo Client\nIT Manager, Client Corp.\n+1 555 0100",
        "outlook",
    ),
    "underscores-two": Case(
        "Jo Client <jo@client.example>",
        EN,
        "Kind regards,\nJo\n__\nJo Client | IT Manager | Client Corp. | +1 555 0100",
    ),
    "dash-row": Case(
        "Jonas Müller <j.mueller@beispiel.example>",
        DE,
        "Viele Grüße\nJonas Müller\n----------------------------------------\n"
        "Beispiel Logistik GmbH | Hauptstraße 12 | 10115 Berlin\nTel.: +49 30 1234567",
    ),
    "underscore-row": Case(
        "Claire Dubois <claire.dubois@exemple.example>",
        FR,
        "Cordialement\n\n______________________\nClaire Dubois\nResponsable des achats\n"
        "Exemple SAS\n01 23 45 67 89",
        "outlook",
    ),
    "equals-row": Case(
        "Anna Kowalska <a.kowalska@przyklad.example>",
        PL,
        "Pozdrawiam,\nAnna Kowalska\n==============================\n"
        "Przykład Sp. z o.o.\nul. Długa 8/2, 31-147 Kraków\ntel. +48 12 123 45 67",
    ),
    # East Asian and right-to-left closings and blocks.
    "ja-block": Case(
        "Taro Yamada <yamada@sample.example>",
        JA,
        "よろしくお願いいたします。\n\n━━━━━━━━━━━━━━━━━━━━━━\n株式会社サンプル 営業部\n"
        "山田 太郎（Yamada Taro）\n〒100-0001 東京都千代田区千代田1-1\n"
        "TEL: 03-1234-5678 / FAX: 03-1234-5679\nMail: yamada@sample.example\n"
        "━━━━━━━━━━━━━━━━━━━━━━",
        "iso-2022-jp",
        said="よろしくお願いいたします。",
    ),
    "ja-stars": Case(
        "佐藤花子 <sato@sample.example>",
        JA,
        "以上、よろしくお願い申し上げます。\n\n＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊\n"
        "サンプル商事株式会社\n総務部　佐藤 花子\n〒530-0001 大阪府大阪市北区梅田1-2-3\n"
        "電話：06-1234-5678\n＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊",
        "iso-2022-jp",
        said="以上、よろしくお願い申し上げます。",
    ),
    "zh-cizhi": Case(
        "Wang Xiaoming <wang@shili.example>",
        ZH,
        "此致\n敬礼\n\n王小明\n上海示例贸易有限公司 采购部\n电话：021-1234 5678\n"
        "手机：138 1234 5678\n地址：上海市浦东新区世纪大道100号",
        "gb2312",
    ),
    "zh-tw-block": Case(
        "陳怡君 <yichun@shili.example>",
        "您好：\n\n自從週五更新後，CSV 匯出一直逾時失敗。記錄檔如附件。",
        "敬祝 商祺\n\n陳怡君 Yi-Chun Chen\n範例科技股份有限公司 業務部\n"
        "電話：(02) 2712-3456 分機 123\n地址：台北市松山區南京東路三段 100 號",
    ),
    "ko-name": Case(
        "Kim Minjun <minjun.kim@yesi.example>",
        KO,
        "감사합니다.\n\n김민준 드림",
        "ks_c_5601-1987",
    ),
    "ko-block": Case(
        "Minjun Kim <minjun.kim@yesi.example>",
        KO,
        "감사합니다.\n김민준 과장\n(주)예시상사 구매팀\nTel. 02-123-4567 | Mobile. 010-1234-5678\n"
        "서울특별시 강남구 테헤란로 123",
        "ks_c_5601-1987",
        said="감사합니다.",
    ),
    "ar-block": Case(
        "Ahmed Mohamed <ahmed@mithal.example>",
        AR,
        "مع خالص التحيات،\nأحمد محمد\nمدير المشتريات\nشركة المثال للتجارة\n"
        "هاتف: +971 4 123 4567\nجوال: +971 50 123 4567",
    ),
    "he-block": Case(
        "Dana Cohen <dana@dugma.example>",
        HE,
        "בברכה,\nדנה כהן\nמנהלת רכש\nדוגמה בע״מ\nטל׳: 03-1234567\nנייד: 050-1234567",
    ),
    # Names signed in another script than the From field's.
    "ko-given-name": Case("Minjun Kim <minjun.kim@yesi.example>", KO, "민준"),
    "ru-latin-from": Case("Dmitriy Ivanov <d.ivanov@primer.example>", RU, "Дмитрий", "koi8"),
    "ru-latin-from-full": Case(
        "Aleksandr Petrov <petrov@primer.example>",
        RU,
        "Спасибо,\nАлександр Петров",
        said="Спасибо,",
    ),
    "ru-yulia": Case("Yulia Sokolova <yulia@primer.example>", RU, "Юлия"),
    "ru-sergey": Case("Sergey Volkov <s.volkov@primer.example>", RU, "--\nСергей Волков\nИнженер"),
    "uk-latin-from": Case(
        "Oleksandr Kovalenko <o.kovalenko@pryklad.example>", UK, "Дякую,\nОлександр", said="Дякую,"
    ),
    "el-latin-from": Case(
        "Georgios Papadakis <g.papadakis@paradeigma.example>",
        EL,
        "Με εκτίμηση,\nΓιώργος Παπαδάκης",
        "iso-8859-7",
    ),
    # Initials and names glued to the last sentence.
    "initials-dash": Case("John Doe <jd@client.example>", EN, "- JD"),
    "initials-slash": Case("Maria Klein <mk@client.example>", EN, "/mk"),
    "initials-dash-dots": Case("Anna Kowalska <ak@client.example>", EN, "– A.K."),
    "glued-thanks": Case(
        "John Smith <john@client.example>",
        "Hi,\n\ncould you check why the CSV export times out since Friday?",
        "Thanks, John",
        said="Thanks,",
    ),
    "glued-sentence": Case(
        "John Smith <john@client.example>",
        "Hi,\n\ncould you check why the CSV export times out since Friday? Thanks, John",
        "",
        said="John",
    ),
    "glued-exclaimed": Case(
        "Lena Berg <lena@client.example>",
        "Hi,\n\nthe export works again, great job!",
        "Thanks so much! -Lena",
        said="Thanks so much!",
    ),
}

# More of each shape, in more languages.
MORE: dict[str, Case] = {
    # A mobile footer in the device's language under a short sign-off.
    **{
        f"footer-{code}": Case(sender, body, f"{closing}\n{name}\n\n{footer}", said=said)
        for code, sender, body, closing, name, footer, said in [
            (
                "es",
                "María García <m@e.example>",
                ES,
                "Saludos,",
                "María",
                "Enviado desde mi iPhone",
                "",
            ),
            ("it", "Giulia Rossi <g@e.example>", IT, "Ciao,", "Giulia", "Inviato da iPhone", ""),
            (
                "nl",
                "Jan de Vries <j@e.example>",
                NL,
                "Groet,",
                "Jan",
                "Verzonden vanaf mijn iPhone",
                "",
            ),
            ("pt", "João Silva <j@e.example>", PT, "Abs,", "João", "Enviado do meu iPhone", ""),
            (
                "ru",
                "Olga Smirnova <o@e.example>",
                RU,
                "Спасибо,",
                "Ольга",
                "Отправлено с iPhone",
                "Спасибо,",
            ),
            (
                "ja",
                "Taro Yamada <t@e.example>",
                JA,
                "よろしくお願いします。",
                "山田",
                "iPhoneから送信",
                "よろしくお願いします。",
            ),
            ("zh", "Wang Lei <w@e.example>", ZH, "谢谢！", "王磊", "发自我的iPhone", "谢谢！"),
            (
                "ko",
                "Minjun Kim <m@e.example>",
                KO,
                "감사합니다.",
                "김민준",
                "내 iPhone에서 보냄",
                "감사합니다.",
            ),
            (
                "tr",
                "Ayse Yilmaz <a@e.example>",
                TR,
                "Saygılarımla,",
                "Ayşe",
                "iPhone'umdan gönderildi",
                "",
            ),
            (
                "en-yahoo",
                "Jo Client <jo@e.example>",
                EN,
                "Best,",
                "Jo",
                "Sent from Yahoo Mail on Android",
                "",
            ),
            (
                "en-windows",
                "Jo Client <jo@e.example>",
                EN,
                "Regards,",
                "Jo",
                "Sent from Mail for Windows",
                "",
            ),
        ]
    },
    # Contact labels of many languages under the name, no closing.
    **{
        f"labels-{code}": Case(sender, body, block)
        for code, sender, body, block in [
            (
                "de",
                "Jonas Müller <j@e.example>",
                DE,
                "Jonas Müller\nTel. +49 30 1234567\nHandy 0171 1234567\nFax +49 30 1234568",
            ),
            (
                "fr",
                "Claire Dubois <c@e.example>",
                FR,
                "Claire Dubois\nTél. fixe : 01 23 45 67 89\nPortable : 06 12 34 56 78",
            ),
            (
                "es",
                "María García <m@e.example>",
                ES,
                "María García\nTeléfono: 91 123 45 67\nMóvil: 612 345 678",
            ),
            (
                "it",
                "Giulia Rossi <g@e.example>",
                IT,
                "Giulia Rossi\nTel: 02 1234567\nCellulare: 333 1234567",
            ),
            (
                "pl",
                "Anna Kowalska <a@e.example>",
                PL,
                "Anna Kowalska\nTelefon: 12 123 45 67\nKomórka: 600 123 456",
            ),
            (
                "ru",
                "Olga Smirnova <o@e.example>",
                RU,
                "Ольга Смирнова\nТел.: +7 495 123-45-67\nМоб.: +7 916 123-45-67",
            ),
            (
                "ja",
                "山田太郎 <t@e.example>",
                JA,
                "山田太郎\n電話：03-1234-5678\n携帯：090-1234-5678",
            ),
            (
                "zh",
                "王磊 <w@e.example>",
                ZH,
                "王磊\n电话：021-12345678\n手机：13812345678\n微信：wanglei_sh",
            ),
            ("ko", "김민준 <m@e.example>", KO, "김민준\n전화: 02-123-4567\n휴대폰: 010-1234-5678"),
            ("he", "דנה כהן <d@e.example>", HE, "דנה כהן\nטלפון: 03-1234567\nנייד: 050-1234567"),
            (
                "ar",
                "أحمد محمد <a@e.example>",
                AR,
                "أحمد محمد\nهاتف: 04 123 4567\nجوال: 050 123 4567",
            ),
            (
                "en-social",
                "Jane Doe <j@e.example>",
                EN,
                "Jane Doe\n"
                "Community Manager\n"
                "Twitter: @janedoe | Instagram: @jane.doe\n"
                "https://janedoe.example",
            ),
        ]
    },
    # Names glued to a closing or the last sentence, and initials.
    **{
        f"glued-{code}": Case(sender, body, sign_off, said=said)
        for code, sender, body, sign_off, said in [
            ("thx", "Jo Client <jo@e.example>", EN, "Thx, Jo", "Thx,"),
            (
                "in-advance",
                "John Smith <john@e.example>",
                EN,
                "Thanks in advance, John",
                "Thanks in advance,",
            ),
            ("cheers-dash", "Jo Client <jo@e.example>", EN, "Cheers - Jo", "Cheers"),
            ("de", "Jonas Müller <j@e.example>", DE, "Danke und Gruß, Jonas", "Danke und Gruß,"),
            ("fr", "Claire Dubois <c@e.example>", FR, "Merci d'avance, Claire", "Merci d'avance,"),
            ("es", "María García <m@e.example>", ES, "¡Gracias! María", "¡Gracias!"),
            ("thanks-dash-name", "Lena Berg <lena@e.example>", EN, "Thanks -Lena", "Thanks"),
        ]
    },
    **{
        f"initials-{code}": Case(sender, EN, sign_off, said="Thanks," if "," in sign_off else "")
        for code, sender, sign_off in [
            ("lower", "John Doe <jd@e.example>", "-jd"),
            ("tilde", "John Doe <jd@e.example>", "~JD"),
            ("em-dash", "John Doe <jd@e.example>", "— JD"),
            ("slash-upper", "Maria Klein <mk@e.example>", "/MK"),
            ("one-letter", "John Doe <jd@e.example>", "-J"),
            ("thanks-initials", "John Doe <jd@e.example>", "Thanks,\nJD"),
        ]
    },
    # Names in another script than the From field's, alone or under a closing.
    **{
        f"script-{code}": Case(sender, body, sign_off, program, said)
        for code, sender, body, sign_off, program, said in [
            ("ru-natalia", "Natalia Orlova <n@e.example>", RU, "Наталья", "cp1251", ""),
            (
                "ru-mikhail",
                "Mikhail Zaitsev <m@e.example>",
                RU,
                "С уважением,\nМихаил Зайцев",
                "cp1251",
                "",
            ),
            ("ru-aleksei", "Alexey Kuznetsov <a@e.example>", RU, "Алексей", "koi8", ""),
            (
                "ru-evgeny",
                "Evgeny Popov <e@e.example>",
                RU,
                "Спасибо!\nЕвгений",
                "koi8",
                "Спасибо!",
            ),
            ("uk-yurii", "Yuriy Bondarenko <y@e.example>", UK, "Юрій", "gmail", ""),
            ("el-dimitris", "Dimitris Nikolaou <d@e.example>", EL, "Δημήτρης", "iso-8859-7", ""),
            (
                "el-full",
                "Eleni Georgiou <e@e.example>",
                EL,
                "Ευχαριστώ,\nΕλένη Γεωργίου",
                "gmail",
                "Ευχαριστώ,",
            ),
            (
                "ko-full",
                "Seojun Park <s@e.example>",
                KO,
                "감사합니다.\n박서준",
                "ks_c_5601-1987",
                "감사합니다.",
            ),
        ]
    },
}
CASES.update(MORE)

# Emoji and pictograms beside the name and as contact labels; a team's sign-off; a name
# in Latin letters where the From field writes another script; names glued in other
# scripts.
CASES.update(
    {
        f"more-{code}": Case(sender, body, sign_off, program, said)
        for code, sender, body, sign_off, program, said in [
            (
                "emoji-after-name",
                "Jo Client <jo@e.example>",
                EN,
                "Thanks! Jo 😊",
                "gmail",
                "Thanks!",
            ),
            (
                "emoji-before-name",
                "Lena Berg <lena@e.example>",
                EN,
                "Cheers 🙂 Lena",
                "gmail",
                "Cheers 🙂",
            ),
            ("emoji-de", "Jonas Müller <j@e.example>", DE, "Danke! 🙏 Jonas", "gmail", "Danke! 🙏"),
            (
                "pictogram-labels",
                "Jane Doe <jane@e.example>",
                EN,
                "Best regards,\n"
                "Jane Doe\n"
                "Head of Operations\n"
                "📞 +44 20 7946 0958\n"
                "✉️ jane@northwind.example\n"
                "🌐 www.northwind.example\n"
                "📍 221B Baker Street, London",
                "gmail",
                "",
            ),
            (
                "team-en",
                "Northwind Support <support@northwind.example>",
                EN,
                "Kind regards,\nThe Northwind Support Team",
                "outlook",
                "",
            ),
            (
                "team-de",
                "Buchhaltung <buchhaltung@beispiel.example>",
                DE,
                "Viele Grüße\nIhr Team der Buchhaltung\nBeispiel Logistik GmbH",
                "outlook",
                "",
            ),
            (
                "team-fr",
                "Comptabilité <compta@exemple.example>",
                FR,
                "Cordialement,\nL'équipe comptabilité\nExemple SAS",
                "outlook",
                "",
            ),
            (
                "latin-sign-cyrillic-from",
                "Дмитрий Иванов <d.ivanov@e.example>",
                RU,
                "Best regards,\nDmitry",
                "gmail",
                "",
            ),
            (
                "latin-alone-cyrillic-from",
                "Юлия Соколова <yulia@e.example>",
                RU,
                "Yulia",
                "gmail",
                "",
            ),
            (
                "ru-glued",
                "Dmitriy Ivanov <d@e.example>",
                "Добрый день!\n\nКогда будет готов счёт? Спасибо, Дмитрий",
                "",
                "cp1251",
                "Дмитрий",
            ),
            (
                "el-glued",
                "Giorgos Papadakis <g@e.example>",
                "Καλημέρα,\n\nπότε θα είναι έτοιμο το τιμολόγιο; Ευχαριστώ, Γιώργος",
                "",
                "gmail",
                "Γιώργος",
            ),
            (
                "ko-glued",
                "Minjun Kim <m@e.example>",
                "안녕하세요.\n\n언제 청구서가 준비되나요? 감사합니다. 민준",
                "",
                "gmail",
                "민준",
            ),
            (
                "patronymic",
                "Ivan Petrov <i@e.example>",
                RU,
                "С уважением,\nИван Сергеевич Петров\nглавный бухгалтер",
                "cp1251",
                "",
            ),
            (
                "family-first-cyrillic",
                "Ivan Petrov <i@e.example>",
                RU,
                "Петров Иван\nООО «Пример»",
                "cp1251",
                "",
            ),
            (
                "initial-family",
                "Olga Smirnova <o@e.example>",
                RU,
                "С уважением,\nО. Смирнова",
                "koi8",
                "",
            ),
            ("two-names-and", "Jane Doe <jane@e.example>", EN, "Best,\nJane & Tom", "gmail", ""),
            (
                "nickname-block",
                "Robert Lindqvist <robert@e.example>",
                EN,
                "Thanks,\nRob\n\nRobert Lindqvist\nIT Manager | Lindqvist AB\n+46 8 123 456",
                "gmail",
                "Thanks,",
            ),
        ]
    }
)

# Closings of languages the first grids do not hold, over a name, and over a block.
OTHER_LANGUAGES = {
    # code: (body, closing, name, From name, title, company, phone)
    "vi": (
        "Chào anh,\n\nviệc xuất CSV vẫn bị lỗi hết thời gian chờ từ bản cập nhật thứ Sáu.",
        "Trân trọng,",
        "Nguyễn Văn An",
        "Nguyen Van An",
        "Trưởng phòng IT",
        "Công ty TNHH Ví Dụ",
        "ĐT: +84 28 1234 5678",
    ),
    "id": (
        "Halo,\n\nekspor CSV masih gagal karena waktu habis sejak pembaruan hari Jumat.",
        "Salam,",
        "Budi Santoso",
        "Budi Santoso",
        "Manajer TI",
        "PT Contoh Sejahtera",
        "Telp: +62 21 1234 5678",
    ),
    "ca": (
        "Hola,\n\nl'exportació a CSV continua fallant des de l'actualització de divendres.",
        "Salutacions,",
        "Jordi Puig",
        "Jordi Puig",
        "Cap d'informàtica",
        "Exemple Serveis SL",
        "Tel. 93 123 45 67",
    ),
    "et": (
        "Tere,\n\nCSV eksport ebaõnnestub reedesest uuendusest saadik endiselt.",
        "Lugupidamisega",
        "Mari Tamm",
        "Mari Tamm",
        "IT-juht",
        "Näidis OÜ",
        "Tel: +372 612 3456",
    ),
    "lv": (
        "Labdien,\n\nCSV eksports kopš piektdienas atjauninājuma joprojām neizdodas.",
        "Ar cieņu,",
        "Jānis Bērziņš",
        "Janis Berzins",
        "IT vadītājs",
        "SIA Piemērs",
        "Tālr.: +371 67 123 456",
    ),
    "lt": (
        "Laba diena,\n\nCSV eksportas vis dar nepavyksta nuo penktadienio atnaujinimo.",
        "Pagarbiai,",
        "Tomas Kazlauskas",
        "Tomas Kazlauskas",
        "IT vadovas",
        "UAB Pavyzdys",
        "Tel. +370 5 212 3456",
    ),
    "sl": (
        "Pozdravljeni,\n\nizvoz v CSV od petkove posodobitve še vedno ne deluje.",
        "Lep pozdrav,",
        "Maja Novak",
        "Maja Novak",
        "Vodja IT",
        "Primer d.o.o.",
        "Tel.: +386 1 234 56 78",
    ),
    "sr": (
        "Poštovani,\n\nizvoz u CSV i dalje ne radi od ažuriranja u petak.",
        "Srdačan pozdrav,",
        "Marko Petrović",
        "Marko Petrovic",
        "Rukovodilac IT sektora",
        "Primer d.o.o. Beograd",
        "Tel: +381 11 123 4567",
    ),
    "bg": (
        "Здравейте,\n\nизносът в CSV продължава да не работи след обновлението в петък.",
        "Поздрави,",
        "Георги Иванов",
        "Georgi Ivanov",
        "Ръководител ИТ",
        "Пример ЕООД",
        "Тел.: +359 2 123 4567",
    ),
    "sk": (
        "Dobrý deň,\n\nexport do CSV od piatkovej aktualizácie stále nefunguje.",
        "S pozdravom",
        "Peter Horváth",
        "Peter Horvath",
        "Vedúci IT",
        "Príklad s.r.o.",
        "Tel.: +421 2 1234 5678",
    ),
    "is": (
        "Góðan dag,\n\nútflutningur í CSV virkar enn ekki eftir uppfærsluna á föstudag.",
        "Kveðja,",
        "Þórður Jónsson",
        "Thordur Jonsson",
        "Tæknistjóri",
        "Dæmi ehf.",
        "Sími: +354 555 1234",
    ),
    "th": (
        "สวัสดีครับ\n\nการส่งออก CSV ยังล้มเหลวตั้งแต่การอัปเดตวันศุกร์",
        "ขอแสดงความนับถือ",
        "สมชาย ใจดี",
        "Somchai Jaidee",
        "ผู้จัดการฝ่ายไอที",
        "บริษัท ตัวอย่าง จำกัด",
        "โทร. 02 123 4567",
    ),
    "hi": (
        "नमस्ते,\n\nशुक्रवार के अपडेट के बाद से CSV निर्यात अब भी विफल हो रहा है।",
        "सादर,",
        "राहुल शर्मा",
        "Rahul Sharma",
        "आईटी प्रबंधक",
        "उदाहरण प्राइवेट लिमिटेड",
        "फ़ोन: +91 22 1234 5678",
    ),
    "ms": (
        "Salam sejahtera,\n\neksport CSV masih gagal sejak kemas kini hari Jumaat.",
        "Yang benar,",
        "Ahmad Faizal",
        "Ahmad Faizal",
        "Pengurus IT",
        "Contoh Sdn. Bhd.",
        "Tel: +60 3 1234 5678",
    ),
}


def _other(code: str, shape: str) -> Case:
    body, closing, name, from_name, title, company, phone = OTHER_LANGUAGES[code]
    sender = f"{from_name} <writer@mail.example>"
    if shape == "name":
        return Case(sender, body, f"{closing}\n{name}")
    if shape == "block":
        return Case(sender, body, f"{closing}\n{name}\n{title}\n{company}\n{phone}")
    if shape == "spaced-block":
        return Case("info@mail.example", body, f"{closing}\n\n{name}\n{title}\n{company}\n{phone}")
    return Case(sender, body, f"-- \n{name}\n{company}\n{phone}", "thunderbird")


OTHER_SHAPES = ("name", "block", "spaced-block", "delimited")
CASES.update(
    {f"{code}-{shape}": _other(code, shape) for code in OTHER_LANGUAGES for shape in OTHER_SHAPES}
)

# Dashes and case as people type them by hand.
CASES.update(
    {
        "hand-double-dash": Case("Jo Client <jo@e.example>", EN, "--Jo"),
        "hand-double-dash-space": Case("Jo Client <jo@e.example>", EN, "-- Jo Client"),
        "hand-em-dash-name": Case("Jo Client <jo@e.example>", EN, "— Jo"),
        "short-under-thanks": Case(
            "Edward Norton <ed@e.example>", EN, "Thanks,\nEd", said="Thanks,"
        ),
        "short-exclaimed": Case("Alan Shore <al@e.example>", EN, "Cheers! Al", said="Cheers!"),
        "one-line-glued-emoji": Case(
            "Samantha Reyes <sam@e.example>",
            "Hi! The export works again, but the totals are off by one cent. "
            "Can you check that too? Thanks a lot!! Sam 😊",
            "",
            said="Sam 😊",
        ),
        "abjad-he": Case("Yossi Levi <y@e.example>", HE, "תודה,\nיוסי", said="תודה,"),
        "abjad-ar": Case("Omar Hassan <o@e.example>", AR, "شكراً،\nعمر", said="شكراً،"),
        "abjad-ar-ahmed": Case(
            "Ahmed Ali <a@e.example>", AR, "مع خالص التحيات،\nأحمد", said="مع خالص التحيات،"
        ),
        "abjad-he-glued": Case(
            "Michal Cohen <m@e.example>",
            "שלום,\n\nמתי החשבונית תהיה מוכנה? תודה, מיכל",
            "",
            said="מיכל",
        ),
        "hand-lowercase": Case("Jo Client <jo@e.example>", EN, "thanks,\njo", said="thanks,"),
        "hand-image": Case(
            "Jane Doe <jane@e.example>",
            EN,
            "Best regards,\nJane Doe\n[image: Northwind Traders logo]\nHead of IT",
        ),
        "hand-pronoun-bar": Case(
            "Jane Doe <jane@e.example>", EN, "Best,\nJane Doe | she/her\nNorthwind Traders Ltd"
        ),
    }
)


# The sign-offs read by the writer's name alone (a name under a thanks, a name glued to
# a closing, a name or initials with nothing else): a shared mailbox's From field names
# no one, and they stay, as "Thanks,\nBarb" does.
NAMED = frozenset(
    {
        "en-thanks-iphone", "ko-given-name", "ru-latin-from", "ru-latin-from-full",
        "ru-yulia", "glued-thanks", "glued-sentence", "glued-exclaimed", "footer-ru",
        "footer-zh", "footer-ko", "glued-thx", "glued-in-advance", "glued-cheers-dash",
        "glued-de", "glued-fr", "glued-es", "glued-thanks-dash-name",
        "initials-thanks-initials", "script-ru-natalia", "script-ru-aleksei",
        "script-ru-evgeny", "script-uk-yurii", "script-el-dimitris", "script-el-full",
        "script-ko-full", "more-emoji-after-name", "more-emoji-before-name",
        "more-emoji-de", "more-latin-alone-cyrillic-from", "more-ru-glued",
        "more-el-glued", "more-ko-glued", "short-under-thanks", "short-exclaimed",
        "one-line-glued-emoji", "abjad-he", "abjad-ar", "abjad-ar-ahmed",
        "abjad-he-glued", "hand-lowercase",
    }
)  # fmt: skip


@pytest.mark.parametrize("case", [c for c in CASES if c not in NAMED])
def test_a_signature_goes_under_a_shared_mailboxs_from_field(case: str) -> None:
    c = CASES[case]
    text = f"{c.body}\n\n{c.sign_off}\n"
    got = parse_message(mail(text, "Office <office@mail.example>", c.program)).reply_text
    allowed = [c.body.split()]
    if c.said:
        allowed.append(f"{c.body}\n{c.said}".split())
    assert got.split() in allowed, got


# The client's text ends with a short line that is no signature: it stays whatever the
# From field gives.
KEPT = {
    "question": "Hi,\n\nthe export fails again.\n\nCan you call me back?",
    "order-number": "Hi,\n\nthe parcel never arrived. The order number is:\n\n#A-40512",
    "order-line": "Hallo,\n\ndie Lieferung fehlt noch.\n\nBestellnummer 4500012345",
    "list-item": "Hi,\n\nwhat I tried so far:\n\n- cleared the cache\n- Restart Printer",
    "list-item-name": "Hi,\n\nplease give access to:\n\n- Jane Doe",
    "name-asked": "Hi,\n\nwho is the contact for invoices now? Last time it was\n\nTom Baker",
    "short-line": "Hi,\n\nthe export fails again since this morning.\n\nSame error as before.",
    "japanese-question": "お世話になっております。\n\n請求書の再発行は可能でしょうか？",
    "ticket": "Hi,\n\nthis is about the same problem as before.\n\nRef: INC0012345",
    "numbered-item": "Hi,\n\nsteps to reproduce:\n\n1. open the report\n2. Export CSV",
    "price": "Hi,\n\nthe invoice shows the wrong total. It should be\n\nEUR 1,250.00",
    "product": "Hallo,\n\nes geht um dieses Gerät:\n\nDrucker HP LaserJet Pro M404",
    "time": "Hi,\n\nwhen can the technician come? I am free on\n\nTuesday 10:00",
    "russian-question": "Добрый день!\n\nКогда будет готов счёт?",
    "greeting-others": "Hi,\n\nthe export works again.\n\nRegards to Tom Baker, he helped a lot!",
    "emoji-end": "Hi,\n\nthe export works again, thank you so much! 🎉",
    "signed-for-colleague": "Hi,\n\nI'm writing for my colleague who is out today:\n\nTom Baker",
    "greeting-name": "Hi,\n\nplease forward this to your technician.\n\nSay hi to Tom!",
    "reference-line": "Hello,\n\nplease see the ticket below.\n\nCase 00123456 - Printer",
    "address-asked": (
        "Hi,\n\nplease ship the replacement to our new office:\n\n12 Market Street\nLeeds LS1 6DT"
    ),
}


# The programs that write a text/plain part of their own, beside Gmail.
RAW_PROGRAMS = (
    "outlook",
    "thunderbird",
    "iso-2022-jp",
    "ks_c_5601-1987",
    "gb2312",
    "koi8",
    "cp1251",
    "iso-8859-7",
)


def mail(text: str, sender: str, program: str) -> bytes:
    date = "Mon, 02 Jun 2025 11:30:00 +0200"
    msg = headed(sender, "RE: [#4521] CSV export", date, "<grid3-signoff@client.example>")
    if program in RAW_PROGRAMS:
        return with_plain_part(msg, text, program)
    gmail(text, msg, escaped=False)
    return msg.as_bytes()


QUOTE = (
    "\n\nOn Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:\n"
    "> Hello,\n>\n> we restarted the export service.\n>\n> Best regards,\n> Anna\n"
)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("place", ["end", "above-quote"])
def test_a_signature_of_any_shape_goes(case: str, place: str) -> None:
    c = CASES[case]
    text = f"{c.body}\n\n{c.sign_off}" if c.sign_off else c.body
    text += QUOTE if place == "above-quote" else "\n"
    got = parse_message(mail(text, c.sender, c.program)).reply_text
    # A name glued to the last sentence (no sign-off under the body): ``said`` is it.
    body = c.body if c.sign_off else c.body.removesuffix(c.said)
    allowed = [body.split()]
    if c.said and c.sign_off:
        allowed.append(f"{body}\n{c.said}".split())
    assert got.split() in allowed, got


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize(
    "sender", ["Jane Doe <jane.doe@northwind.example>", "info@northwind.example"]
)
def test_a_last_short_line_that_is_no_signature_stays(case: str, sender: str) -> None:
    text = KEPT[case]
    got = parse_message(mail(text + "\n", sender, "gmail")).reply_text
    assert got.split() == text.split(), got


def test_a_two_letter_last_line_is_no_name_without_a_closing() -> None:
    text = "Hi,\n\nshall I restart the server tonight?\n\nOk"
    got = parse_message(mail(text + "\n", "Oksana Shevchenko <o@e.example>", "gmail")).reply_text
    assert got.split() == text.split(), got
