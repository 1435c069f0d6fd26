"""Signature blocks laid out as companies and mail programs lay them out, in the languages
clients write, read from whole mails (Gmail's UTF-8 quoted-printable beside HTML,
Outlook's windows-1252, base64, an HTML-only mail whose signature is a two-column table):

- a name with the title people put before it ("Dipl.-Ing.", "Mag.", "Ing.", "Dott.",
  "dr inż.", "ir.", "Mgr.", "Δρ.", "ד״ר", "م.", "डॉ.") or after it (", Ph.D."), the name
  in the writer's own script under a From field in Latin letters;
- contact lines labelled as each country labels them ("T:", "M:", "E:", "Tel.", "Handy",
  "Cel.", "Port.", "kom.", "Тел.", "Моб.", "Κιν.", "Cep", "נייד", "جوال", "携帯", "手机",
  "โทร.", "मोबाइल"), one to a line, side by side with bars or bullets, or in the two
  columns a table of an HTML signature leaves when it is flattened to text with tabs;
- the block under a closing, under "-- " with no closing, under nothing but a blank
  line, a closing with a job title and no name under it, and a postscript under the
  block, which stays;
- and the client's last lines that only look like a signature — an address or a
  telephone number the client gives, a contact person named, a list — which stay.

Each case is (the From field, the client's text, the sign-off, the program that sends
it, what of the sign-off may stay: a thanks or a closing written as a sentence, and
what the writer typed under it).
"""

from __future__ import annotations

from email.message import EmailMessage
from html import escape
from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from mailgate.parse.signoff import is_own_name
from tests.support.signoff_grid import gmail, headed, with_plain_part


class Lang(NamedTuple):
    sender: str
    body: str
    closing: str
    name: str
    title: str
    company: str
    street: str
    city: str
    phone: str
    mobile: str
    third: str  # a fax, a mail address or a web site, labelled
    web: str
    postscript: str
    # A closing written as a sentence ("감사합니다.") may stay, as a thanks does.
    said: str = ""
    program: str = "gmail"


LANGS: dict[str, Lang] = {
    "en": Lang(
        "Dr. Sarah Khan <s.khan@harbourclinic.example>",
        "Hi,\n\nthe booking system logs everyone out after two minutes since this morning. "
        "Could you look at it today?",
        "Kind regards,",
        "Dr. Sarah Khan",
        "Clinical Director",
        "Harbour Clinic Ltd",
        "14 Quay Street",
        "Bristol BS1 4DB",
        "T: +44 117 496 0123",
        "M: +44 7700 900456",
        "E: s.khan@harbourclinic.example",
        "www.harbourclinic.example",
        "P.S. I am out on Friday, Tom Baker can let your technician in.",
        program="outlook",
    ),
    "en-us": Lang(
        "Michael Chen <mchen@lakeside-cpa.example>",
        "Hi team,\n\nthe client portal rejects every PDF upload larger than 5 MB since "
        "yesterday's update.",
        "Best,",
        "Michael Chen, CPA",
        "Senior Tax Manager",
        "Lakeside CPA Group, LLC",
        "200 W Madison St, Suite 1400",
        "Chicago, IL 60606",
        "Direct: (312) 555-0147",
        "Cell: (312) 555-0199",
        "Fax: (312) 555-0148",
        "lakeside-cpa.example",
        "PS: the same happens in Edge and Chrome.",
    ),
    "de": Lang(
        "Markus Huber <m.huber@huber-technik.example>",
        "Guten Tag,\n\nseit dem Update von gestern startet die Zeiterfassung an zwei "
        "Terminals nicht mehr. Bitte prüfen Sie das dringend.",
        "Mit freundlichen Grüßen",
        "Dipl.-Ing. Markus Huber",
        "Projektleiter Haustechnik",
        "Huber Technik GmbH",
        "Lindwurmstraße 88",
        "80337 München",
        "Tel. +49 89 1234 560",
        "Handy +49 171 234 5678",
        "Fax +49 89 1234 569",
        "www.huber-technik.example",
        "PS: Ab Montag bin ich zwei Wochen im Urlaub, Herr Weber vertritt mich.",
        program="outlook",
    ),
    "de-at": Lang(
        "Mag. Anna Gruber <a.gruber@gruber-steuer.example>",
        "Hallo,\n\nder Export der Buchungen nach BMD bricht seit Freitag mit einem Fehler ab.",
        "Liebe Grüße",
        "Mag. Anna Gruber",
        "Steuerberaterin",
        "Gruber Steuerberatung GmbH",
        "Mariahilfer Straße 45",
        "1060 Wien",
        "T +43 1 234 56 78",
        "M +43 664 123 45 67",
        "E a.gruber@gruber-steuer.example",
        "www.gruber-steuer.example",
        "PS: Die Fehlermeldung hänge ich als Screenshot an.",
    ),
    "fr": Lang(
        "Claire Martin <c.martin@cds-lilas.example>",
        "Bonjour,\n\nle logiciel de prise de rendez-vous n'envoie plus les rappels par SMS "
        "depuis lundi.",
        "Bien cordialement,",
        "Dr Claire Martin",
        "Médecin coordinateur",
        "Centre de santé des Lilas",
        "8 avenue Pasteur",
        "93260 Les Lilas",
        "Tél. : 01 43 62 00 00",
        "Port. : 06 12 34 56 78",
        "Fax : 01 43 62 00 01",
        "www.cds-lilas.example",
        "P.S. Le secrétariat est fermé le mercredi après-midi.",
        program="outlook",
    ),
    "es": Lang(
        "Alejandro Torres <atorres@torres-ing.example>",
        "Buenas tardes,\n\ndesde la actualización del martes no podemos timbrar facturas "
        "desde el portal.",
        "Saludos cordiales,",
        "Ing. Alejandro Torres Ramírez",
        "Gerente de Sistemas",
        "Torres Ingeniería S.A. de C.V.",
        "Av. Insurgentes Sur 1234, Piso 5",
        "03100 Ciudad de México",
        "Tel. +52 55 1234 5678",
        "Cel. +52 1 55 8765 4321",
        "Correo: atorres@torres-ing.example",
        "www.torres-ing.example",
        "P.D. El error aparece también con el usuario de prueba.",
    ),
    "it": Lang(
        "Marco Bianchi <m.bianchi@bianchiefigli.example>",
        "Buongiorno,\n\nda ieri il gestionale non stampa più i DDT sulla stampante del magazzino.",
        "Cordiali saluti",
        "Dott. Marco Bianchi",
        "Responsabile Amministrativo",
        "Bianchi & Figli S.p.A.",
        "Via Garibaldi 21",
        "10122 Torino",
        "Tel. +39 011 123 4567",
        "Cell. +39 347 123 4567",
        "Fax +39 011 123 4568",
        "www.bianchiefigli.example",
        "P.S. Il magazzino è chiuso il sabato.",
        program="outlook",
    ),
    "pt": Lang(
        "Carlos Eduardo Lima <carlos.lima@limaconstrucoes.example>",
        "Boa tarde,\n\no sistema de ponto eletrônico não sincroniza mais com a folha de "
        "pagamento desde a última atualização.",
        "Atenciosamente,",
        "Eng. Carlos Eduardo Lima",
        "Coordenador de TI",
        "Lima Construções Ltda.",
        "Rua Augusta, 1500 – cj. 42",
        "01304-001 São Paulo – SP",
        "Tel.: +55 11 3123-4567",
        "Cel./WhatsApp: +55 11 98765-4321",
        "E-mail: carlos.lima@limaconstrucoes.example",
        "www.limaconstrucoes.example",
        "P.S. Estarei fora na sexta, fale com a Juliana.",
    ),
    "nl": Lang(
        "Pieter Bakker <p.bakker@bakker-installatie.example>",
        "Goedemorgen,\n\nsinds de update van gisteren kunnen onze monteurs de werkbonnen "
        "niet meer ondertekenen in de app.",
        "Met vriendelijke groet,",
        "ir. Pieter Bakker",
        "Projectmanager",
        "Bakker Installatietechniek B.V.",
        "Stationsweg 12",
        "3511 ED Utrecht",
        "T +31 30 123 4567",
        "M +31 6 1234 5678",
        "E p.bakker@bakker-installatie.example",
        "www.bakker-installatie.example",
        "PS: vrijdag ben ik de hele dag op locatie.",
    ),
    "pl": Lang(
        "Piotr Zieliński <p.zielinski@zielinski.example>",
        "Dzień dobry,\n\nod wczoraj system nie wysyła faktur do KSeF i zwraca błąd "
        "uwierzytelnienia.",
        "Z poważaniem",
        "dr inż. Piotr Zieliński",
        "Kierownik Działu IT",
        "Zieliński i Wspólnicy Sp. k.",
        "ul. Piotrkowska 120",
        "90-006 Łódź",
        "tel. +48 42 123 45 67",
        "kom. +48 601 234 567",
        "e-mail: p.zielinski@zielinski.example",
        "www.zielinski.example",
        "PS W piątek jestem nieobecny, proszę o kontakt z panią Anną.",
    ),
    "cs": Lang(
        "Jan Novák <novak@novakasyn.example>",
        "Dobrý den,\n\npo včerejší aktualizaci nejde v docházkovém systému uzavřít měsíc.",
        "S pozdravem",
        "Ing. Jan Novák, Ph.D.",
        "vedoucí oddělení IT",
        "Novák a syn s.r.o.",
        "Husova 15",
        "602 00 Brno",
        "Tel.: +420 543 123 456",
        "Mobil: +420 777 123 456",
        "E-mail: novak@novakasyn.example",
        "www.novakasyn.example",
        "P.S. Chyba se objevuje jen u uživatelů z pobočky v Olomouci.",
    ),
    "sk": Lang(
        "Zuzana Kováčová <kovacova@kovactrade.example>",
        "Dobrý deň,\n\nod pondelka sa nám v účtovníctve nezobrazujú prijaté faktúry.",
        "S pozdravom",
        "Mgr. Zuzana Kováčová",
        "účtovníčka",
        "Kováč Trade s.r.o.",
        "Hlavná 12",
        "040 01 Košice",
        "Tel.: +421 55 123 4567",
        "Mob.: +421 905 123 456",
        "E-mail: kovacova@kovactrade.example",
        "www.kovactrade.example",
        "P.S. Prikladám snímku obrazovky.",
    ),
    "ru": Lang(
        "Olga Smirnova <o.smirnova@sever-snab.example>",
        "Добрый день!\n\nПосле вчерашнего обновления не формируются счета-фактуры в "
        "личном кабинете.",
        "С уважением,",
        "Ольга Смирнова",
        "ведущий специалист отдела закупок",
        "ООО «Север-Снаб»",
        "Невский пр., д. 28, офис 12",
        "191186, г. Санкт-Петербург",
        "Тел.: +7 (812) 123-45-67",
        "Моб.: +7 (921) 123-45-67",
        "E-mail: o.smirnova@sever-snab.example",
        "www.sever-snab.example",
        "P.S. В пятницу меня не будет, пишите Ивану Петрову.",
    ),
    "uk": Lang(
        "Olena Koval <o.koval@svitanok.example>",
        "Доброго дня!\n\nПісля оновлення у вівторок програма не друкує накладні.",
        "З повагою,",
        "Олена Коваль",
        "головний бухгалтер",
        "ТОВ «Світанок»",
        "вул. Шевченка, 10",
        "м. Львів, 79000",
        "Тел.: +380 32 123 45 67",
        "Моб.: +380 67 123 45 67",
        "E-mail: o.koval@svitanok.example",
        "www.svitanok.example",
        "P.S. Скріншот помилки у вкладенні.",
    ),
    "el": Lang(
        "Nikos Alexiou <n.alexiou@alexiou.example>",
        "Καλημέρα,\n\nαπό χθες το πρόγραμμα τιμολόγησης δεν στέλνει τα παραστατικά στο myDATA.",
        "Με εκτίμηση,",
        "Δρ. Νίκος Αλεξίου",
        "Διευθυντής Πληροφορικής",
        "Αλεξίου Α.Ε.",
        "Εγνατίας 45",
        "546 30 Θεσσαλονίκη",
        "Τηλ.: +30 2310 123 456",
        "Κιν.: +30 694 123 4567",
        "Email: n.alexiou@alexiou.example",
        "www.alexiou.example",
        "Υ.Γ. Την Παρασκευή θα λείπω από το γραφείο.",
    ),
    "tr": Lang(
        "Elif Demir <elif.demir@demirlojistik.example>",
        "Merhaba,\n\ndünkü güncellemeden beri e-fatura gönderimi hata veriyor.",
        "Saygılarımla,",
        "Dr. Elif Demir",
        "Bilgi İşlem Müdürü",
        "Demir Lojistik A.Ş.",
        "Atatürk Cad. No: 25 Kat: 3",
        "35210 Konak / İzmir",
        "Tel: +90 232 123 45 67",
        "Cep: +90 532 123 45 67",
        "E-posta: elif.demir@demirlojistik.example",
        "www.demirlojistik.example",
        "Not: Cuma günü ofiste olmayacağım.",
    ),
    "sv": Lang(
        "Karin Lund <karin.lund@lundberg.example>",
        "Hej,\n\nsedan uppdateringen i går går det inte att attestera fakturor i appen.",
        "Med vänlig hälsning",
        "Karin Lund",
        "Ekonomichef",
        "Lund & Berg AB",
        "Drottninggatan 5",
        "411 14 Göteborg",
        "Tfn: 031-123 45 67",
        "Mobil: 070-123 45 67",
        "E-post: karin.lund@lundberg.example",
        "www.lundberg.example",
        "PS. Jag är ledig på fredag.",
    ),
    "hu": Lang(
        "Kovács Anna <kovacs.anna@kovacsestarsa.example>",
        "Jó napot!\n\nA tegnapi frissítés óta nem lehet számlát kiállítani a rendszerben.",
        "Üdvözlettel:",
        "Dr. Kovács Anna",
        "ügyvezető igazgató",
        "Kovács és Társa Kft.",
        "Váci út 23.",
        "1134 Budapest",
        "Tel.: +36 1 234 5678",
        "Mobil: +36 30 123 4567",
        "E-mail: kovacs.anna@kovacsestarsa.example",
        "www.kovacsestarsa.example",
        "U.i.: Pénteken nem leszek az irodában.",
    ),
    "ro": Lang(
        "Mihai Ionescu <mihai.ionescu@ionescuconstruct.example>",
        "Bună ziua,\n\nde ieri aplicația de pontaj nu mai trimite datele către salarizare.",
        "Cu stimă,",
        "Ing. Mihai Ionescu",
        "Director Tehnic",
        "Ionescu Construct SRL",
        "Str. Republicii nr. 14",
        "400015 Cluj-Napoca",
        "Tel.: +40 264 123 456",
        "Mobil: +40 744 123 456",
        "E-mail: mihai.ionescu@ionescuconstruct.example",
        "www.ionescuconstruct.example",
        "P.S. Vineri sunt în concediu.",
    ),
    "ar": Lang(
        "Khalid Alotaibi <k.alotaibi@alofuq.example>",
        "مرحباً،\n\nمنذ تحديث الأمس لا يمكننا إصدار الفواتير الإلكترونية من النظام.",
        "مع أطيب التحيات،",
        "م. خالد العتيبي",
        "مدير تقنية المعلومات",
        "شركة الأفق للتجارة",
        "طريق الملك فهد",
        "الرياض 12211",
        "هاتف: +966 11 123 4567",
        "جوال: +966 50 123 4567",
        "البريد: k.alotaibi@alofuq.example",
        "www.alofuq.example",
        "ملاحظة: سأكون خارج المكتب يوم الخميس.",
    ),
    "he": Lang(
        "Michal Cohen <michal@cohen-services.example>",
        "שלום,\n\nמאז העדכון אתמול המערכת לא מפיקה חשבוניות.",
        "בברכה,",
        "ד״ר מיכל כהן",
        "מנהלת תפעול",
        "כהן שירותים בע״מ",
        "רחוב יפו 97",
        "ירושלים 9434101",
        "טל׳: 02-6234567",
        "נייד: 054-1234567",
        "דוא״ל: michal@cohen-services.example",
        "www.cohen-services.example",
        "נ.ב. ביום חמישי אני לא במשרד.",
    ),
    "ja": Lang(
        "Yamada Taro <t.yamada@sample-shoji.example>",
        "お世話になっております。\n\n昨日の更新以降、請求書のPDFが出力できなくなりました。"
        "ご確認をお願いできますでしょうか。",
        "以上、よろしくお願いいたします。",
        "山田 太郎",
        "営業部 課長",
        "株式会社サンプル商事",
        "〒150-0002 東京都渋谷区渋谷2-1-1",
        "サンプルビル 5F",
        "TEL：03-1234-5678",
        "携帯：090-1234-5678",
        "Email：t.yamada@sample-shoji.example",
        "https://sample-shoji.example",
        "追伸：金曜日は終日不在にしております。",
        said="以上、よろしくお願いいたします。",
    ),
    "zh": Lang(
        "Li Na <lina@shili-dianzi.example>",
        "您好！\n\n昨天更新以后，系统无法导出对账单，请尽快处理。",
        "顺颂商祺",
        "李娜",
        "采购经理",
        "深圳示例电子有限公司",
        "深圳市南山区科技园南路88号",
        "示例大厦12楼",
        "电话：0755-1234 5678",
        "手机：139 1234 5678",
        "邮箱：lina@shili-dianzi.example",
        "www.shili-dianzi.example",
        "附言：周五我不在办公室。",
    ),
    "ko": Lang(
        "Jihyun Park <jh.park@sampletech.example>",
        "안녕하세요.\n\n어제 업데이트 이후 전자세금계산서 발행이 되지 않습니다.",
        "감사합니다.",
        "박지현 대리",
        "경영지원팀",
        "(주)샘플테크",
        "서울특별시 마포구 월드컵북로 12",
        "샘플빌딩 3층",
        "Tel. 02-123-4567",
        "Mobile. 010-1234-5678",
        "E-mail. jh.park@sampletech.example",
        "www.sampletech.example",
        "추신: 금요일에는 휴가입니다.",
        said="감사합니다.",
    ),
    "th": Lang(
        "Somsak Wongyai <somsak@tuayang-trading.example>",
        "สวัสดีครับ\n\nตั้งแต่อัปเดตเมื่อวาน ระบบออกใบกำกับภาษีอิเล็กทรอนิกส์ไม่ได้ครับ",
        "ขอแสดงความนับถือ",
        "สมศักดิ์ วงศ์ใหญ่",
        "ผู้จัดการฝ่ายบัญชี",
        "บริษัท ตัวอย่างเทรดดิ้ง จำกัด",
        "99 ถนนสุขุมวิท แขวงคลองเตย",
        "กรุงเทพฯ 10110",
        "โทร. 02 123 4567",
        "มือถือ 081 234 5678",
        "อีเมล somsak@tuayang-trading.example",
        "www.tuayang-trading.example",
        "ป.ล. วันศุกร์ผมไม่อยู่ออฟฟิศครับ",
    ),
    "hi": Lang(
        "Anita Verma <anita.verma@udaharan-hospital.example>",
        "नमस्ते,\n\nकल के अपडेट के बाद से बिलिंग सॉफ़्टवेयर रसीदें प्रिंट नहीं कर रहा है।",
        "सादर,",
        "डॉ. अनीता वर्मा",
        "प्रशासनिक अधिकारी",
        "उदाहरण अस्पताल",
        "12, एम.जी. रोड",
        "पुणे 411001",
        "फ़ोन: +91 20 1234 5678",
        "मोबाइल: +91 98765 43210",
        "ईमेल: anita.verma@udaharan-hospital.example",
        "www.udaharan-hospital.example",
        "पुनश्च: शुक्रवार को मैं कार्यालय में नहीं रहूँगी।",
    ),
}


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    program: str = "gmail"
    # What may stay under the body: a thanks or a closing written as a sentence.
    said: str = ""
    # What the writer typed under the sign-off, which stays.
    after: str = ""


def _shapes(lang: Lang) -> dict[str, Case]:
    c, n, t, co = lang.closing, lang.name, lang.title, lang.company
    s, city, ph, mo, th, web = lang.street, lang.city, lang.phone, lang.mobile, lang.third, lang.web

    def case(sign_off: str, program: str = lang.program, after: str = "") -> Case:
        return Case(lang.sender, lang.body, sign_off, program, lang.said, after)

    shapes = {
        # The name alone under the closing.
        "closing-name": case(f"{c}\n{n}"),
        # One field to a line, labelled.
        "labels": case(f"{c}\n\n{n}\n{t}\n{co}\n{ph}\n{mo}\n{th}"),
        # Fields side by side with bars.
        "bars": case(f"{c}\n{n} | {t}\n{co} | {s} | {city}\n{ph} | {mo}"),
        # … with bullets and middle dots, a blank line between closing and block.
        "bullets": case(f"{c}\n\n{n}\n{t} • {co}\n{s} · {city}\n{ph} • {web}"),
        # Two columns of an HTML table flattened to text with tabs.
        "columns": case(f"{c}\n\n{n}\t{ph}\n{t}\t{mo}\n{co}\t{web}"),
        # Under the delimiter, no closing.
        "delimited": case(f"-- \n{n}\n{t}, {co}\n{ph}\n{web}", "base64"),
        # Under nothing but a blank line.
        "bare": case(f"{n}\n{t}\n{co}\n{s}\n{city}\n{ph}"),
        # A closing and a job title, no name.
        "title-only": case(f"{c}\n{t}\n{co}\n{ph}"),
        # A postscript under the block: the writer's, it stays.
        "postscript": case(f"{c}\n{n}\n{t}\n{co}\n{ph}", after=lang.postscript),
        # An HTML-only mail whose signature is a table: a logo beside the text.
        "html-table": case(f"{c}\n{n}\n{t}\n{co}\n{ph}\n{mo}", "html-table"),
        # The title beside the name on its line, no closing.
        "titled-head": case(f"{n} – {t}\n{co}\n{ph}\n{web}"),
        # Outlook's HTML, each line a paragraph of its own: blank lines between them.
        "html-paragraphs": case(f"{c}\n{n}\n{t}\n{co}\n{ph}\n{mo}", "html-paragraphs"),
        # … the closing above a table of two columns of text: who, and how to reach them.
        "html-columns": case(f"{c}\n\n{n}\n{t}\n{co}\n\n{ph}\n{mo}\n{web}", "html-columns"),
    }
    if "." in n and not c.endswith((".", "。")):
        # The titled name on the closing's line, after its comma or not.
        shapes["closing-name-line"] = case(f"{c} {n}")
    if c.endswith((",", "،")):
        # The name after the closing's comma, the block under it.
        shapes["glued-name"] = case(f"{c} {n}\n{t}\n{co}\n{ph}")
    return shapes


CASES: dict[str, Case] = {
    f"{code}-{shape}": case for code, lang in LANGS.items() for shape, case in _shapes(lang).items()
}

# The name in the writer's own script beside its Latin spelling, as bilingual
# signatures give it, and closings of East Asian business mail over the block.
CASES.update(
    {
        "ru-both-scripts": Case(
            "Olga Smirnova <o.smirnova@sever-snab.example>",
            LANGS["ru"].body,
            "С уважением,\nОльга Смирнова / Olga Smirnova\nведущий специалист | ООО «Север-Снаб»\n"
            "Тел.: +7 (812) 123-45-67",
        ),
        "el-both-scripts": Case(
            "Nikos Alexiou <n.alexiou@alexiou.example>",
            LANGS["el"].body,
            "Με εκτίμηση,\nΝίκος Αλεξίου | Nikos Alexiou\nΑλεξίου Α.Ε.\nΤηλ.: +30 2310 123 456",
        ),
        "ja-romaji": Case(
            "Yamada Taro <t.yamada@sample-shoji.example>",
            LANGS["ja"].body,
            "何卒よろしくお願い申し上げます。\n\n株式会社サンプル商事 営業部\n"
            "山田 太郎（Taro Yamada）\nTEL：03-1234-5678 / FAX：03-1234-5679",
            said="何卒よろしくお願い申し上げます。",
        ),
        "zh-jingqing": Case(
            "Li Na <lina@shili-dianzi.example>",
            LANGS["zh"].body,
            "敬请回复，谢谢！\n\n李娜 Li Na\n采购经理 | 深圳示例电子有限公司\n手机：139 1234 5678",
            said="敬请回复，谢谢！",
        ),
        "zh-qidai": Case(
            "Li Na <lina@shili-dianzi.example>",
            LANGS["zh"].body,
            "期待您的回复！\n李娜\n深圳示例电子有限公司\n电话：0755-1234 5678",
            said="期待您的回复！",
        ),
        "ko-both-scripts": Case(
            "Jihyun Park <jh.park@sampletech.example>",
            LANGS["ko"].body,
            "감사합니다.\n\n박지현 Jihyun Park\n경영지원팀 대리 | (주)샘플테크\nM. 010-1234-5678",
            said="감사합니다.",
        ),
        "hi-latin-name": Case(
            "Anita Verma <anita.verma@udaharan-hospital.example>",
            LANGS["hi"].body,
            "धन्यवाद,\nAnita Verma\nप्रशासनिक अधिकारी, उदाहरण अस्पताल\nमोबाइल: +91 98765 43210",
            said="धन्यवाद,",
        ),
        "th-latin-from-block": Case(
            "Somsak Wongyai <somsak@tuayang-trading.example>",
            LANGS["th"].body,
            "ขอบคุณครับ\nสมศักดิ์ วงศ์ใหญ่ (Somsak Wongyai)\nผู้จัดการฝ่ายบัญชี\nโทร. 02 123 4567",
            said="ขอบคุณครับ",
        ),
        # Titles before the name in more forms.
        "de-prof-dr": Case(
            "Klaus Weber <weber@hs-beispiel.example>",
            LANGS["de"].body,
            "Viele Grüße\nProf. Dr. Klaus Weber\nDekan Fakultät Informatik\nHochschule "
            "Beispielstadt\nTel. +49 721 925-1234",
        ),
        "de-dr-med": Case(
            "Praxis Dr. Albers <praxis@albers.example>",
            LANGS["de"].body,
            "Mit freundlichen Grüßen\n\nDr. med. Jutta Albers\nFachärztin für "
            "Allgemeinmedizin\nTel. 0221 123456 | Fax 0221 123457",
        ),
        "en-name-letters-after": Case(
            "Sarah Khan <s.khan@harbourclinic.example>",
            LANGS["en"].body,
            "Regards,\nSarah Khan MBBS MRCGP\nGP Partner\nHarbour Clinic",
        ),
        "cs-bc": Case(
            "Petra Malá <mala@priklad.example>",
            LANGS["cs"].body,
            "Děkuji a zdravím\nBc. Petra Malá\nasistentka ředitele\nTel.: 777 123 456",
        ),
        "es-lic": Case(
            "Laura Méndez <lmendez@ejemplo.example>",
            LANGS["es"].body,
            "Saludos,\nLic. Laura Méndez\nContadora General\nTel. (55) 1234-5678 ext. 210",
        ),
        # A vCard-like block with labels aligned by spaces, as Apple Mail users type it.
        "da-aligned": Case(
            "Mette Holm <mh@eksempel.example>",
            "Hej,\n\nsiden opdateringen i går kan vi ikke sende fakturaer til e-Boks.",
            "Venlig hilsen\n\nNavn:     Mette Holm\nFirma:    Eksempel ApS\n"
            "Tlf.:     +45 33 12 34 56\nCVR:      12345678",
        ),
        # Bars between name, title and the labelled numbers on one line, a closing above.
        "en-one-row-labels": Case(
            "Michael Chen <mchen@lakeside-cpa.example>",
            LANGS["en-us"].body,
            "Thanks,\nMichael Chen | Senior Tax Manager | D: (312) 555-0147 | C: (312) 555-0199",
            said="Thanks,",
        ),
        # Social lines under the block.
        "en-social": Case(
            "Michael Chen <mchen@lakeside-cpa.example>",
            LANGS["en-us"].body,
            "Best regards,\nMichael Chen\nSenior Tax Manager\nLinkedIn: linkedin.com/in/mchen | "
            "X: @lakesidecpa",
        ),
    }
)


def _html_table(text: str, sign_off: str, msg: EmailMessage) -> None:
    """An HTML-only mail: the text in paragraphs, the signature a table of two columns —
    a logo, and the closing and the signature's lines."""
    text = text.strip()
    body = text[: len(text) - len(sign_off)] if sign_off and text.endswith(sign_off) else text
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.strip().split("\n\n"))
    rows = "<br>".join(escape(line) for line in sign_off.split("\n"))
    table = (
        '<table cellpadding="0" cellspacing="0"><tr>'
        '<td style="padding-right:12px"><img src="cid:logo@sig" alt="Logo" width="80"></td>'
        f'<td style="font-size:12px">{rows}</td></tr></table>'
    )
    msg.set_content(
        f"<html><body>{paragraphs}{table}</body></html>", subtype="html", charset="utf-8"
    )


def _html_columns(text: str, sign_off: str, msg: EmailMessage) -> None:
    """An HTML-only mail: the closing in a paragraph, under it a table of two columns,
    the name, title and company beside the numbers and the web site (``sign_off``'s
    paragraphs)."""
    text = text.strip()
    body = text[: len(text) - len(sign_off)]
    closing, who, reach = sign_off.split("\n\n")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.strip().split("\n\n"))
    cells = "".join(
        '<td style="padding:0 16px 0 0;vertical-align:top">'
        + "<br>".join(escape(line) for line in cell.split("\n"))
        + "</td>"
        for cell in (who, reach)
    )
    msg.set_content(
        f"<html><body>{paragraphs}<p>{escape(closing)}</p><table><tr>{cells}</tr></table>"
        "</body></html>",
        subtype="html",
        charset="utf-8",
    )


def _html_paragraphs(text: str, msg: EmailMessage) -> None:
    """An HTML-only mail as Outlook writes it: each line a paragraph, an empty one
    between paragraphs of the text."""
    paragraphs = "".join(
        f'<p class="MsoNormal">{escape(line) or "&nbsp;"}</p>' for line in text.strip().split("\n")
    )
    msg.set_content(
        f'<html><body><div class="WordSection1">{paragraphs}</div></body></html>',
        subtype="html",
        charset="utf-8",
    )


def mail(text: str, sender: str, program: str = "gmail", sign_off: str = "") -> bytes:
    date = "Wed, 11 Jun 2025 08:55:00 +0200"
    msg = headed(sender, "AW: [#7301] Update", date, "<grid5-signoff@client.example>")
    if program in ("outlook", "base64"):
        return with_plain_part(msg, text, program)
    if program == "html-table":
        _html_table(text, sign_off, msg)
    elif program == "html-columns":
        _html_columns(text, sign_off, msg)
    elif program == "html-paragraphs":
        _html_paragraphs(text, msg)
    else:
        gmail(text, msg)
    return msg.as_bytes()


def _mailbox(sender: str) -> str:
    """A shared mailbox's From field at the writer's domain: it names no one."""
    return f"Office <office@{sender.rpartition('@')[2].rstrip('>')}>"


@pytest.mark.parametrize("case", [code for code, c in CASES.items() if not c.after])
@pytest.mark.parametrize("from_field", ["writer", "mailbox"])
def test_a_signature_block_of_any_layout_goes(case: str, from_field: str) -> None:
    c = CASES[case]
    text = f"{c.body}\n\n{c.sign_off}"
    sender = c.sender if from_field == "writer" else _mailbox(c.sender)
    got = parse_message(mail(text + "\n", sender, c.program, c.sign_off)).reply_text
    allowed = [c.body.split()]
    if c.said:
        allowed.append(f"{c.body}\n{c.said}".split())
    assert got.split() in allowed, got


POSTSCRIPT_CASES = [code for code, c in CASES.items() if c.after]


@pytest.mark.parametrize("case", POSTSCRIPT_CASES)
def test_a_postscript_under_the_block_stays(case: str) -> None:
    c = CASES[case]
    text = f"{c.body}\n\n{c.sign_off}\n\n{c.after}\n"
    got = parse_message(mail(text, c.sender, c.program)).reply_text
    allowed = [f"{c.body}\n{c.after}".split()]
    if c.said:
        allowed.append(f"{c.body}\n{c.said}\n{c.after}".split())
    assert got.split() in allowed, got


# The client's last lines that only look like a signature: an address or a telephone
# number the client gives, a contact person named, a list.  They stay whatever the From
# field gives.
KEPT: dict[str, tuple[str, str]] = {
    "en-new-address": (
        "en",
        "Please note our new delivery address from 1 July:\n\nHarbour Clinic Ltd\n"
        "Unit 4, Temple Quay\nBristol BS1 6EA",
    ),
    "en-call-me": (
        "en",
        "I am out of the office today, please call me on my mobile:\n\n+44 7700 900456",
    ),
    "en-contact-on-site": (
        "en",
        "Your technician should ask at reception for our practice manager:\n\n"
        "Tom Baker\nPractice Manager\nT: +44 117 496 0199",
    ),
    "en-list": (
        "en",
        "These rooms are affected:\n\n- Reception desk\n- Consulting Room 2\n- Dr. Patel's office",
    ),
    "en-name-in-sentence": ("en", "If I am not there, please ask for Dr. James Whitfield."),
    "en-fields-to-change": (
        "en-us",
        "Please update our billing contact to:\n\nJennifer Wu | Controller | (312) 555-0177",
    ),
    "en-hours-table": (
        "en",
        "Our opening hours over the holidays:\n\nMon–Fri\t8:00–18:00\nSat\t9:00–13:00",
    ),
    "de-neue-adresse": (
        "de",
        "Unsere neue Rechnungsadresse lautet:\n\nHuber Technik GmbH\nRosenheimer Str. 12\n"
        "81669 München",
    ),
    "de-rueckruf": ("de", "Bitte rufen Sie mich heute nur mobil an:\n\n0171 2345678"),
    "de-ansprechpartner": (
        "de",
        "Ansprechpartner vor Ort ist ab Montag:\n\nDipl.-Ing. Klaus Weber\nBauleiter\n"
        "Handy 0172 9876543",
    ),
    "de-liste": ("de", "Betroffen sind:\n\n- Terminal am Haupteingang\n- Terminal in Halle 3"),
    "fr-adresse": (
        "fr",
        "Merci d'envoyer la facture à notre nouvelle adresse :\n\nCentre de santé des Lilas\n"
        "12 rue de Paris\n93260 Les Lilas",
    ),
    "fr-rappel": ("fr", "Vous pouvez me joindre directement au :\n\n06 12 34 56 78"),
    "es-contacto": (
        "es",
        "Por favor, coordinen la visita con el encargado del almacén:\n\nIng. Pedro Ruiz\n"
        "Cel. 55 8765 4321",
    ),
    "it-referenti": (
        "it",
        "I referenti per l'intervento sono:\n\nDott. Luca Ferri\nIng. Sara Conti",
    ),
    "pt-endereco": (
        "pt",
        "Favor enviar o técnico para o novo endereço:\n\nLima Construções Ltda.\n"
        "Av. Paulista, 900 – 8º andar\n01310-100 São Paulo – SP",
    ),
    "nl-contact": (
        "nl",
        "Bij vragen kunnen jullie contact opnemen met onze planner:\n\nSanne de Vries\n"
        "T +31 30 123 4599",
    ),
    "pl-osoba": (
        "pl",
        "Proszę o kontakt z osobą odpowiedzialną za wdrożenie:\n\nmgr Anna Wiśniewska\n"
        "tel. 601 234 567",
    ),
    "cs-adresa": (
        "cs",
        "Fakturu prosím pošlete na adresu:\n\nNovák a syn s.r.o.\nPekařská 8\n602 00 Brno",
    ),
    "ru-kontakt": (
        "ru",
        "Контактное лицо на складе:\n\nИванов Сергей Петрович\nтел. +7 921 765-43-21",
    ),
    "uk-adresa": ("uk", "Нова адреса для доставки:\n\nТОВ «Світанок»\nвул. Зелена, 5\nм. Львів"),
    "el-ypefthynos": (
        "el",
        "Παρακαλώ επικοινωνήστε με τον υπεύθυνο αποθήκης:\n\nΚώστας Δημητρίου\nΚιν.: 697 765 4321",
    ),
    "tr-adres": (
        "tr",
        "Teslimat adresimiz değişti, yeni adres:\n\nDemir Lojistik A.Ş.\nSanayi Cad. No: 7\n"
        "35410 Gaziemir / İzmir",
    ),
    "sv-ring": ("sv", "Ring mig gärna direkt på:\n\n070-123 45 67"),
    "hu-cim": (
        "hu",
        "A számlát kérem erre a címre küldjék:\n\nKovács és Társa Kft.\nBécsi út 5.\n1023 Budapest",
    ),
    "ro-persoana": (
        "ro",
        "Persoana de contact pe șantier este:\n\nIng. Andrei Pop\nMobil: 0744 765 432",
    ),
    "ar-masool": (
        "ar",
        "يرجى التواصل مع المسؤول في الموقع:\n\nم. سامي الحربي\nجوال: +966 55 765 4321",
    ),
    "he-ktovet": ("he", "כתובת המשלוח החדשה:\n\nכהן שירותים בע״מ\nרחוב יפו 120\nירושלים"),
    "ja-soufusaki": (
        "ja",
        "請求書の送付先は下記の通りです。\n\n〒150-0002 東京都渋谷区渋谷2-1-1\n"
        "株式会社サンプル商事 経理部\n山田 花子 様",
    ),
    "zh-dizhi": (
        "zh",
        "收货地址如下：\n\n深圳市南山区科技园南路88号\n李娜 收\n电话：139 1234 5678",
    ),
    "ko-damdangja": (
        "ko",
        "현장 담당자 연락처는 아래와 같습니다.\n\n김철수 과장\n010-9876-5432",
    ),
    "hi-sampark": (
        "hi",
        "कृपया इस व्यक्ति से संपर्क करें:\n\nश्री राजेश कुमार\nमोबाइल: 98765 12345",
    ),
    "en-roles-list": (
        "en",
        "Two new starters on Monday, please set up their accounts.\n\n"
        "Jane Roe – Practice Manager\nTom Baker – Receptionist",
    ),
    # A table the client pastes, its columns apart with tabs or runs of spaces.
    "en-invoice-table": (
        "en-us",
        "These invoices still show as unpaid in the portal.\n\n"
        "INV-2025-0412    $1,200.00    due 04/15/2025\n"
        "INV-2025-0413    $80.00    due 04/18/2025\n"
        "INV-2025-0420    $310.50    due 04/30/2025",
    ),
    "de-bestellungen-tabs": (
        "de",
        "Diese Bestellungen fehlen noch.\n\nBestellung\tDatum\tBetrag\n"
        "4500012345\t12.03.2025\t120,00 €\n4500012399\t14.03.2025\t80,00 €",
    ),
    "fr-serveurs": (
        "fr",
        "Voici l'état des serveurs ce matin.\n\nServeur\tAdresse\tÉtat\n"
        "srv-web01\t192.0.2.10\thors ligne\nsrv-web02\t192.0.2.11\ten ligne",
    ),
    # A sentence that stops on an article or a preposition goes on in the block.
    "en-dangling-following": (
        "en",
        "Please update my entry in the staff directory with the following\n\n"
        "Dr. Sarah Khan\nMedical Director",
    ),
    "de-dangling-lautet": (
        "de",
        "Die neue Durchwahl von Herrn Weber lautet\n\nTel. +49 89 1234 577",
    ),
    "fr-dangling-a": (
        "fr",
        "Merci d'adresser les prochaines factures à\n\nCentre de santé des Lilas\n"
        "Service comptabilité\n12 rue de Paris\n93260 Les Lilas",
    ),
    "es-dangling-a": (
        "es",
        "Por favor, envíen el técnico a\n\nTorres Ingeniería S.A. de C.V.\n"
        "Calle Río Lerma 56\n06500 Ciudad de México",
    ),
    "it-dangling-presso": (
        "it",
        "Il tecnico deve presentarsi presso\n\nBianchi & Figli S.p.A.\nMagazzino 2\n"
        "Strada del Portone 101\n10137 Torino",
    ),
    "pt-dangling-para": (
        "pt",
        "Favor enviar a nota fiscal corrigida para\n\nLima Construções Ltda.\n"
        "Departamento Financeiro\nRua Augusta, 1500\n01304-001 São Paulo – SP",
    ),
    "th-tidtor": ("th", "กรุณาติดต่อผู้ประสานงานหน้างาน:\n\nคุณวิชัย ศรีสุข\nโทร. 089 765 4321"),
}


@pytest.mark.parametrize("case", list(KEPT))
def test_what_the_client_gives_at_the_end_stays(case: str) -> None:
    code, last = KEPT[case]
    lang = LANGS[code]
    text = f"{lang.body}\n\n{last}"
    domain = lang.sender.rpartition("@")[2].rstrip(">")
    for sender in (lang.sender, f"info@{domain}"):
        got = parse_message(mail(text + "\n", sender)).reply_text
        assert got.split() == text.split(), (sender, got)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        # A Korean name in Hangul, the From field's spelling by the older romanization or
        # the revised one.
        ("박지현", "Jihyun Park"),
        ("지현", "Jihyun Park"),
        ("김영수", "Youngsoo Kim"),
        ("이성민", "Sungmin Lee"),
        ("서연", "Seoyeon Choi"),
        ("민준", "Minjoon Kim"),
    ],
)
def test_a_korean_name_is_the_writers_however_romanized(typed: str, name: str) -> None:
    assert is_own_name(typed, name, short=True)


@pytest.mark.parametrize(
    ("typed", "name"), [("박지현", "Minjun Park"), ("서연", "Sungmin Lee"), ("지현", "Jihoon Kim")]
)
def test_another_korean_name_is_not_the_writers(typed: str, name: str) -> None:
    assert not is_own_name(typed, name, short=True)


@pytest.mark.parametrize(
    "last",
    [
        "Ab Montag bin ich wieder da",  # German: "da" ends the sentence
        "Jutro będę z powrotem, liczę na",  # a sentence cut short on a Slavic "na"
    ],
)
def test_a_sentence_ending_on_da_or_na_announces_no_block(last: str) -> None:
    """The words "da" and "na" end German and Slavic sentences: the signature under such a last line
    goes, as under any sentence."""
    text = (
        f"Hallo,\n\nder Drucker druckt wieder leere Seiten.\n{last}\n\n"
        "Max Müller\nTel. +49 30 1234567"
    )
    got = parse_message(
        b"From: Max Mueller <max@client.example>\r\nSubject: Drucker\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode()
    ).reply_text
    assert "Müller" not in got, got
    assert "1234567" not in got, got
    assert last in got
