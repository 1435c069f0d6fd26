"""Sign-offs of shapes and languages the other grids leave out, read from whole mails as
mail programs write them (Gmail's UTF-8 text beside HTML, Outlook's windows-1252, base64,
Outlook's HTML-only paragraphs), and the client's own last lines that look like them:

- right-to-left closings over a name — Hebrew, Arabic, Persian — with the Arabic comma,
  the direction marks programs put around the lines, the vowel marks of "شكراً";
- the writer's own name under a last sentence that has no full stop, as the From field
  gives it or in a short form; another person's name there stays;
- a signature laid out in two columns (name and title, telephone and address) with
  runs of spaces or tabs, under text with no closing or under one;
- closings in Romanian, Greek, Finnish, Thai, Korean, Ukrainian, Bulgarian, Croatian,
  Slovak, Estonian, Latvian, Lithuanian, Norwegian, Catalan, Malay, Filipino, Swahili,
  over a name, a job title of the language and a telephone labelled as the country
  labels it ("Tel.", "Mob.", "Handy", "Tél.", "Cel.", "Тел.", "Puh.", "Κιν.");
- a pronouns line (in English, German, French), social links ("Follow us", "Síguenos",
  "Folgen Sie uns"), a mobile stamp in the writer's language under a closing, a name
  with an academic title or a form of address ("Dr.", "Prof. Dr.", "Ing.", "Mgr.",
  "doc. Ing. …, CSc.", "mgr inż.", "Conf. dr. ing.", "Καθ.", "Hr.", "Mme", "Sra.");
- the signature drawn off with "--" without its space or with a no-break space, "—",
  "―", "---", "__", "––", a blank line under it;
- and what the client writes on purpose, which stays: a label over a name, an address
  or a number ("Người nhận" / "Mai" — the recipient, "Delivery address" / …,
  "Rechnungsempfänger" / …, "Ansprechpartner vor Ort" / …, "Neue Nummer" / …), a
  sentence that goes on into the lines under it ("The numbers that fail are" / …,
  "Mary Jones" / "will call you tomorrow", "Saluti a Marco Bianchi" / "che ci ha
  aiutato"), a request over a name and number, a "--" a colon announces, a last
  sentence that names someone, names the client asks about (under "Thanks" too),
  telephone numbers given as data, "regards" inside a sentence, a job title the client
  asks for.

Each case that goes is (the From field, the client's text, the sign-off, what of the
sign-off may stay: a thanks, which is the writer's words).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.quotes import reply_text
from mailgate.parse.reader import parse_message
from tests.support.client_mail import PROGRAMS, mail, quoted, words


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    said: str = ""


EN = "Hi,\n\nthe time clock at the north entrance stopped syncing with the payroll module."
HE = "שלום,\n\nמאז העדכון של אתמול הדוחות החודשיים מוצגים ריקים. אפשר לבדוק?"
AR = "مرحباً،\n\nلا نستطيع تحميل الفاتورة رقم 2291 من لوحة التحكم. هل يمكنكم المساعدة؟"
FA = "سلام،\n\nاز دیروز گزارش‌های ماهانه در پنل ما خالی نمایش داده می‌شوند. لطفاً بررسی کنید."
RO = "Bună ziua,\n\nde ieri nu mai putem descărca facturile din portalul clienților."
EL = "Καλημέρα σας,\n\nαπό χθες δεν μπορούμε να κατεβάσουμε τα τιμολόγια από την πύλη."
FI = "Hei,\n\neilisestä lähtien laskuja ei voi ladata asiakasportaalista."
TH = "เรียน ฝ่ายบริการลูกค้า\n\nตั้งแต่เมื่อวานระบบไม่สามารถดาวน์โหลดใบแจ้งหนี้ได้ รบกวนช่วยตรวจสอบด้วยครับ"
KO = "안녕하세요.\n\n어제부터 고객 포털에서 청구서를 내려받을 수 없습니다. 확인 부탁드립니다."
UK = "Добрий день!\n\nз учора ми не можемо завантажити рахунки з клієнтського порталу."
BG = "Здравейте,\n\nот вчера не можем да изтеглим фактурите от клиентския портал."
HR = "Poštovani,\n\nod jučer ne možemo preuzeti račune s korisničkog portala."
SK = "Dobrý deň,\n\nod včera nemôžeme stiahnuť faktúry z klientskeho portálu."
ET = "Tere,\n\neilsest saadik ei saa me kliendiportaalist arveid alla laadida."
LV = "Labdien,\n\nkopš vakardienas nevaram lejupielādēt rēķinus no klientu portāla."
LT = "Laba diena,\n\nnuo vakar negalime atsisiųsti sąskaitų iš klientų portalo."
NO = "Hei,\n\nsiden i går har vi ikke kunnet laste ned fakturaene fra kundeportalen."
CA = "Bon dia,\n\ndes d'ahir no podem descarregar les factures del portal de clients."
MS = "Salam sejahtera,\n\nsejak semalam kami tidak dapat memuat turun invois dari portal."
TL = "Magandang araw po,\n\nmula kahapon hindi na namin ma-download ang mga invoice sa portal."
SW = "Habari,\n\ntangu jana hatuwezi kupakua ankara kutoka kwenye tovuti ya wateja."
DE = "Hallo,\n\nseit gestern lassen sich die Rechnungen im Kundenportal nicht mehr laden."
FR = "Bonjour,\n\ndepuis hier nous ne pouvons plus télécharger les factures du portail."
ES = "Hola,\n\ndesde ayer no podemos descargar las facturas del portal de clientes."
IT = "Buongiorno,\n\nda ieri non riusciamo a scaricare le fatture dal portale clienti."
PT = "Olá,\n\ndesde ontem não conseguimos baixar as faturas do portal do cliente."
RU = "Добрый день!\n\nсо вчерашнего дня мы не можем скачать счета из клиентского портала."
PL = "Dzień dobry,\n\nod wczoraj nie możemy pobrać faktur z portalu klienta."
CS = "Dobrý den,\n\nod včerejška nemůžeme stáhnout faktury z klientského portálu."
HU = "Jó napot!\n\nTegnap óta nem tudjuk letölteni a számlákat az ügyfélportálról."
TR = "Merhaba,\n\ndünden beri müşteri portalından faturaları indiremiyoruz."
ID = "Selamat siang,\n\nsejak kemarin kami tidak bisa mengunduh faktur dari portal pelanggan."
HI = "नमस्ते,\n\nकल से हम ग्राहक पोर्टल से चालान डाउनलोड नहीं कर पा रहे हैं।"
VI = "Chào anh chị,\n\ntừ hôm qua chúng tôi không tải được hóa đơn từ cổng khách hàng."

JOHN = "John Smith <john.smith@northwind.example>"
RLM = "\u200f"

GOES: dict[str, Case] = {
    # Right-to-left closings over a name.
    "he-bivracha": Case("Yossi Cohen <yossi@dugma.example>", HE, "בברכה,\nיוסי כהן"),
    "he-toda-name": Case("Dani Levi <dani@dugma.example>", HE, "תודה,\nדני", said="תודה,"),
    "he-bivracha-marks": Case(
        "Yossi Cohen <yossi@dugma.example>", HE, f"{RLM}בברכה,{RLM}\n{RLM}יוסי כהן{RLM}"
    ),
    "he-bivracha-title": Case(
        "Yossi Cohen <yossi@dugma.example>",
        HE,
        "בכבוד רב,\nיוסי כהן\nמנהל מערכות מידע\nטל׳: 03-5551234\nנייד: 050-5551234",
    ),
    "ar-shukran-name": Case("Ahmed Hassan <ahmed@mithal.example>", AR, "شكرا،\nأحمد", said="شكرا،"),
    "ar-shukran-tanween": Case(
        "Ahmed Hassan <ahmed@mithal.example>", AR, "شكراً،\nأحمد", said="شكراً،"
    ),
    "ar-tahiyyati": Case("Mohamed Ali <m.ali@mithal.example>", AR, "مع تحياتي،\nمحمد علي"),
    "ar-tahiyyati-marks": Case(
        "Mohamed Ali <m.ali@mithal.example>", AR, f"{RLM}مع تحياتي،{RLM}\n{RLM}محمد علي{RLM}"
    ),
    "ar-tahiyyati-block": Case(
        "Mohamed Ali <m.ali@mithal.example>",
        AR,
        "مع خالص التحيات،\nمحمد علي\nمدير المشتريات\nجوال: +971 50 555 1234",
    ),
    "fa-ba-tashakor": Case("Ali Rezaei <ali@nemune.example>", FA, "با تشکر،\nعلی"),
    "fa-ba-tashakor-block": Case(
        "Ali Rezaei <ali@nemune.example>",
        FA,
        "با احترام،\nعلی رضایی\nمدیر فنی\nتلفن: ۰۲۱-۵۵۵۱۲۳۴",
    ),
    # The writer's name under a last sentence without its full stop.
    "en-name-no-stop": Case(
        JOHN, "Hi,\n\nthe time clock stopped syncing again.\nCan you check this asap", "John"
    ),
    "en-full-name-no-stop": Case(
        JOHN, "Hi,\n\nthe time clock stopped syncing again.\nCan you check this asap", "John Smith"
    ),
    "de-name-no-stop": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\ndie Stempeluhr synchronisiert wieder nicht\nbitte schnell prüfen",
        "Jürgen",
    ),
    # A signature in two columns, no closing above it.
    "two-columns-spaces": Case(
        JOHN,
        EN,
        "John Smith          Head of Facilities\n+44 20 7946 0958    john.smith@northwind.example",
    ),
    "two-columns-tabs": Case(
        JOHN,
        EN,
        "John Smith\tHead of Facilities\n+44 20 7946 0958\tjohn.smith@northwind.example",
    ),
    "two-columns-three-rows": Case(
        JOHN,
        EN,
        "John Smith\t\tNorthwind Traders Ltd\nHead of Facilities\t221B Baker Street\n"
        "M: +44 7700 900123\twww.northwind.example",
    ),
    "two-columns-bars": Case(
        JOHN,
        EN,
        "John Smith\t|\tHead of Facilities\n+44 20 7946 0958\t|\tjohn.smith@northwind.example",
    ),
    "two-columns-name-above": Case(
        JOHN,
        EN,
        "John Smith\nHead of Facilities    +44 20 7946 0958\n"
        "Northwind Traders Ltd    www.northwind.example",
    ),
    "two-columns-ru": Case(
        "Ivan Ivanov <ivan@primer.example>",
        RU,
        "Иван Иванов        ООО «Пример»\nглавный бухгалтер  Тел.: +7 495 555-12-34",
    ),
    "two-columns-ja": Case(
        "Taro Yamada <yamada@sample.example>",
        "お世話になっております。\n\n昨日から請求書をダウンロードできません。",
        "山田 太郎\t株式会社サンプル\n営業部 課長\tTEL: 03-1234-5678",
    ),
    "two-columns-de": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Jürgen Weber        Beispiel Logistik GmbH\nLeiter IT           Tel. +49 30 1234567",
    ),
    "two-columns-under-closing": Case(
        JOHN,
        EN,
        "Best regards,\n\nJohn Smith\tHead of Facilities\n"
        "+44 20 7946 0958\tjohn.smith@northwind.example",
    ),
    # Closings of more languages, with a title and a labelled telephone.
    "ro-cu-stima": Case(
        "Andrei Popescu <andrei@exemplu.example>",
        RO,
        "Cu stimă,\nAndrei Popescu\nDirector financiar\nTel.: +40 21 555 1234",
    ),
    "ro-multumesc": Case(
        "Ioana Ionescu <ioana@exemplu.example>",
        RO,
        "Mulțumesc,\nIoana Ionescu\nContabil-șef\nMob.: 0722 555 123",
        said="Mulțumesc,",
    ),
    "el-me-ektimisi": Case(
        "Giorgos Papadopoulos <g.papa@paradeigma.example>",
        EL,
        "Με εκτίμηση,\nΓιώργος Παπαδόπουλος\nΟικονομικός Διευθυντής\nΚιν.: +30 69 5555 1234",
    ),
    "el-filika": Case(
        "Maria Georgiou <maria@paradeigma.example>",
        EL,
        "Φιλικά,\nΜαρία Γεωργίου\nΤηλ.: 210 5551234",
    ),
    "fi-terveisin": Case(
        "Mikko Virtanen <mikko@esimerkki.example>",
        FI,
        "Ystävällisin terveisin\nMikko Virtanen\nTalouspäällikkö\nPuh. +358 40 555 1234",
    ),
    "fi-terveisin-short": Case("Anna Korhonen <anna@esimerkki.example>", FI, "Terveisin,\nAnna"),
    "th-khob-khun": Case(
        "Somchai Jaidee <somchai@tuayang.example>",
        TH,
        "ขอแสดงความนับถือ\nสมชาย ใจดี\nผู้จัดการฝ่ายบัญชี\nโทร. 02-555-1234",
    ),
    "ko-gamsa-block": Case(
        "Jihyun Park <jh.park@yesi.example>",
        KO,
        "감사합니다.\n박지현 과장\n재무팀\n전화: 02-555-1234",
        said="감사합니다.",
    ),
    "uk-z-povahoyu": Case(
        "Olena Shevchenko <olena@pryklad.example>",
        UK,
        "З повагою,\nОлена Шевченко\nГоловний бухгалтер\nТел.: +380 44 555 1234",
    ),
    "bg-pozdravi": Case(
        "Ivan Petrov <ivan@primer.example>", BG, "Поздрави,\nИван Петров\nМоб.: +359 88 555 1234"
    ),
    "hr-lijep-pozdrav": Case(
        "Marko Horvat <marko@primjer.example>",
        HR,
        "Lijep pozdrav,\nMarko Horvat\nVoditelj nabave\nMob: +385 91 555 1234",
    ),
    "sk-s-pozdravom": Case(
        "Peter Kováč <peter@priklad.example>",
        SK,
        "S pozdravom\nIng. Peter Kováč\nvedúci oddelenia IT\nTel.: +421 2 5555 1234",
    ),
    "et-lugupidamisega": Case(
        "Kadri Tamm <kadri@naide.example>",
        ET,
        "Lugupidamisega\nKadri Tamm\nraamatupidaja\nTel: +372 555 1234",
    ),
    "lv-ar-cienu": Case(
        "Jānis Bērziņš <janis@piemers.example>",
        LV,
        "Ar cieņu,\nJānis Bērziņš\nFinanšu direktors\nTālr.: +371 2555 1234",
    ),
    "lt-pagarbiai": Case(
        "Tomas Kazlauskas <tomas@pavyzdys.example>",
        LT,
        "Pagarbiai\nTomas Kazlauskas\nVyr. buhalteris\nTel. +370 5 555 1234",
    ),
    "no-vennlig-hilsen": Case(
        "Kari Nordmann <kari@eksempel.example>",
        NO,
        "Med vennlig hilsen\nKari Nordmann\nRegnskapsfører\nMobil: +47 912 34 567",
    ),
    "ca-salutacions": Case(
        "Jordi Puig <jordi@exemple.example>",
        CA,
        "Salutacions cordials,\nJordi Puig\nCap de comptabilitat\nTel. 93 555 12 34",
    ),
    "ms-yang-benar": Case(
        "Aminah Binti Ahmad <aminah@contoh.example>",
        MS,
        "Yang benar,\nAminah Binti Ahmad\nPengurus Kewangan\nTel: +60 3-5555 1234",
    ),
    "tl-salamat-po": Case(
        "Maria Santos <maria@halimbawa.example>",
        TL,
        "Salamat po,\nMaria Santos\nAccounting Supervisor\nCel: 0917 555 1234",
        said="Salamat po,",
    ),
    "sw-wako": Case(
        "Juma Mwangi <juma@mfano.example>",
        SW,
        "Wako,\nJuma Mwangi\nMeneja wa Fedha\nSimu: +254 722 555 123",
    ),
    # Phone labels of many countries, under closings clients' grids have.
    "de-handy": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Viele Grüße\nJürgen Weber\nTeamleiter Buchhaltung\nHandy: 0171 5551234",
    ),
    "fr-tel-point": Case(
        "Claire Martin <claire@exemple.example>",
        FR,
        "Cordialement,\nClaire Martin\nResponsable comptable\nTél. : 01 55 55 12 34\n"
        "Port. : 06 55 55 12 34",
    ),
    "es-cel": Case(
        "Lucía Gómez <lucia@ejemplo.example>",
        ES,
        "Saludos,\nLucía Gómez\nJefa de Administración\nCel.: +52 55 5555 1234",
    ),
    "pt-cel": Case(
        "Rafael Souza <rafael@exemplo.example>",
        PT,
        "Atenciosamente,\nRafael Souza\nAnalista Financeiro\nCel.: (11) 95555-1234",
    ),
    "it-cell": Case(
        "Marco Bianchi <marco@esempio.example>",
        IT,
        "Cordiali saluti\nMarco Bianchi\nResponsabile amministrativo\nCell. 333 555 1234",
    ),
    "ru-tel": Case(
        "Ivan Ivanov <ivan@primer.example>",
        RU,
        "С уважением,\nИван Иванов\nглавный бухгалтер\nТел.: +7 495 555-12-34",
    ),
    "tr-cep": Case(
        "Ayşe Yılmaz <ayse@ornek.example>",
        TR,
        "Saygılarımla,\nAyşe Yılmaz\nMuhasebe Müdürü\nCep: 0532 555 12 34",
    ),
    "pl-kom": Case(
        "Katarzyna Nowak <k.nowak@przyklad.example>",
        PL,
        "Pozdrawiam serdecznie,\nKatarzyna Nowak\nKsięgowa\nkom. 601 555 123",
    ),
    "hu-mobil": Case(
        "Nagy Péter <nagy.peter@pelda.example>",
        HU,
        "Üdvözlettel:\nNagy Péter\npénzügyi vezető\nMobil: +36 30 555 1234",
    ),
    "id-hp": Case(
        "Budi Santoso <budi@contoh.example>",
        ID,
        "Salam,\nBudi Santoso\nStaf Keuangan\nHP: 0812-5555-1234",
    ),
    "hi-phone": Case(
        "Rahul Sharma <rahul@udaharan.example>",
        HI,
        "सादर,\nराहुल शर्मा\nलेखा प्रबंधक\nफ़ोन: +91 98 5555 1234",
    ),
    "vi-dt": Case(
        "Nguyen Van An <an.nguyen@viet.example>",
        VI,
        "Trân trọng,\nNguyễn Văn An\nKế toán trưởng\nĐT: 0903 555 123",
    ),
    # Pronouns, social links, academic titles.
    "pronouns-under-title": Case(JOHN, EN, "Best,\nJohn Smith\nFacilities Manager\nhe/him"),
    "pronouns-labelled": Case(
        JOHN, EN, "Kind regards,\nJohn Smith\nPronouns: he/him\nNorthwind Traders Ltd"
    ),
    "social-links": Case(
        JOHN,
        EN,
        "Regards,\nJohn Smith\nLinkedIn: linkedin.com/in/johnsmith | X: @jsmith",
    ),
    "social-urls": Case(
        JOHN,
        EN,
        "Cheers,\nJohn Smith\nhttps://www.linkedin.com/in/johnsmith\nhttps://x.com/jsmith",
    ),
    "dr-title": Case(
        "Sarah Khan <s.khan@clinic.example>",
        EN,
        "Kind regards,\nDr. Sarah Khan\nMedical Director",
    ),
    "prof-title": Case(
        "Hans Meier <meier@uni.example>",
        DE,
        "Mit freundlichen Grüßen\nProf. Dr. Hans Meier\nLehrstuhl für Informatik",
    ),
    "mgr-title": Case(
        "Petra Svobodová <svobodova@priklad.example>",
        CS,
        "S pozdravem\nMgr. Petra Svobodová\nvedoucí účtárny\nTel.: +420 555 123 456",
    ),
    "ing-title": Case(
        "Peter Kováč <peter@priklad.example>", SK, "S pozdravom,\nIng. Peter Kováč, PhD."
    ),
    # Pronouns and social lines in the writer's language.
    "de-pronouns": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Viele Grüße\nJürgen Weber\nPronomen: er/ihm\nTeamleiter Einkauf",
    ),
    "fr-pronouns": Case(
        "Camille Martin <camille@exemple.example>",
        FR,
        "Cordialement,\nCamille Martin\nPronoms : iel/ellui",
    ),
    "en-pronouns-title-row": Case(JOHN, EN, "Best,\nJohn Smith\nhe/him | Facilities Manager"),
    "es-follow-us": Case(
        "Lucía Gómez <lucia@ejemplo.example>",
        ES,
        "Saludos,\nLucía Gómez\nSíguenos en Instagram: @ejemplo",
    ),
    "de-follow-us": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Viele Grüße\nJürgen Weber\nFolgen Sie uns auf LinkedIn und Xing",
    ),
    "en-follow-us-bars": Case(
        JOHN, EN, "Best,\nJohn Smith\nFollow us: Facebook | Instagram | LinkedIn"
    ),
    # Titles and forms of address before the name.
    "de-herr": Case(
        "Jürgen Weber <j.weber@beispiel.example>", DE, "Mit freundlichen Grüßen\nHr. Jürgen Weber"
    ),
    "fr-madame": Case(
        "Claire Martin <claire@exemple.example>", FR, "Cordialement,\nMme Claire Martin"
    ),
    "es-senora": Case(
        "Lucía Gómez <lucia@ejemplo.example>", ES, "Saludos cordiales,\nSra. Lucía Gómez"
    ),
    "cs-doc-ing-csc": Case(
        "Jan Novák <jan.novak@priklad.example>", CS, "S pozdravem\ndoc. Ing. Jan Novák, CSc."
    ),
    "pl-mgr-inz": Case(
        "Jan Kowalski <jan.kowalski@przyklad.example>", PL, "Z poważaniem\nmgr inż. Jan Kowalski"
    ),
    "tr-prof-dr": Case(
        "Ayşe Yılmaz <ayse@ornek.example>", TR, "Saygılarımla,\nProf. Dr. Ayşe Yılmaz"
    ),
    "ro-conf-dr-ing": Case(
        "Andrei Popescu <andrei@exemplu.example>", RO, "Cu stimă,\nConf. dr. ing. Andrei Popescu"
    ),
    "el-kath": Case(
        "Giorgos Papadopoulos <g.papa@paradeigma.example>",
        EL,
        "Με εκτίμηση,\nΚαθ. Γιώργος Παπαδόπουλος",
    ),
    # More delimiters.
    "delimiter-nbsp": Case(JOHN, EN, "-- \u00a0\nJohn Smith\nFacilities Manager"),
    "delimiter-horizontal-bar": Case(JOHN, EN, "―\nJohn Smith\nFacilities Manager"),
    "delimiter-three-dashes": Case(JOHN, EN, "---\nJohn Smith\nFacilities Manager"),
    "delimiter-blank-under": Case(JOHN, EN, "-- \n\nJohn Smith\nFacilities Manager"),
    # A name that signs for more than one.
    "en-and-the-team": Case(JOHN, EN, "Regards\nJohn Smith\nand the facilities team"),
    "de-und-team": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Viele Grüße\nJürgen Weber\nund das ganze Team",
    ),
    # Mobile stamps in the writer's language under a closing.
    "stamp-de": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Viele Grüße\nJürgen\n\nVon meinem iPhone gesendet",
    ),
    "stamp-fr": Case(
        "Claire Martin <claire@exemple.example>",
        FR,
        "Cordialement,\nClaire\n\nEnvoyé de mon iPhone",
    ),
    "stamp-es": Case(
        "Lucía Gómez <lucia@ejemplo.example>", ES, "Saludos,\nLucía\n\nEnviado desde mi iPhone"
    ),
    "stamp-it": Case(
        "Marco Bianchi <marco@esempio.example>", IT, "Saluti,\nMarco\n\nInviato da iPhone"
    ),
    "stamp-pt": Case(
        "Rafael Souza <rafael@exemplo.example>", PT, "Abraço,\nRafael\n\nEnviado do meu iPhone"
    ),
    "stamp-nl": Case(
        "Jan de Vries <jan@voorbeeld.example>",
        "Hallo,\n\nsinds gisteren kunnen we de facturen niet meer downloaden.",
        "Groeten,\nJan\n\nVerstuurd vanaf mijn iPhone",
    ),
    "stamp-ru": Case(
        "Ivan Ivanov <ivan@primer.example>", RU, "С уважением,\nИван\n\nОтправлено с iPhone"
    ),
    "stamp-tr": Case(
        "Ayşe Yılmaz <ayse@ornek.example>", TR, "Saygılarımla,\nAyşe\n\niPhone'umdan gönderildi"
    ),
    "stamp-pl": Case(
        "Katarzyna Nowak <k.nowak@przyklad.example>",
        PL,
        "Pozdrawiam,\nKasia\n\nWysłane z iPhone'a",
    ),
    "stamp-samsung-tr": Case(
        "Ayşe Yılmaz <ayse@ornek.example>",
        TR,
        "Saygılarımla\nAyşe\n\nSamsung Galaxy akıllı telefonumdan gönderildi.",
    ),
    "hu-udv-abbreviated": Case("Nagy Péter <nagy.peter@pelda.example>", HU, "Üdv.:\nPéter"),
    "stamp-samsung-de": Case(
        "Jürgen Weber <j.weber@beispiel.example>",
        DE,
        "Gruß\nJürgen\n\nGesendet von meinem Samsung Galaxy Smartphone.",
    ),
    # The signature drawn off with a delimiter other than "-- ".
    "delimiter-no-space": Case(JOHN, EN, "--\nJohn Smith\nFacilities Manager\n+44 20 7946 0958"),
    "delimiter-em-dash": Case(JOHN, EN, "—\nJohn Smith\nFacilities Manager\n+44 20 7946 0958"),
    "delimiter-underscores": Case(JOHN, EN, "__\nJohn Smith\nFacilities Manager\n+44 20 7946 0958"),
    "delimiter-en-dashes": Case(JOHN, EN, "––\nJohn Smith\nFacilities Manager\n+44 20 7946 0958"),
    "delimiter-under-closing": Case(
        JOHN,
        EN,
        "Thanks,\nJohn\n--\nJohn Smith | Facilities Manager | +44 20 7946 0958",
        said="Thanks,",
    ),
}

# The client's own last lines: each stays as it is written.
KEPT: dict[str, tuple[str, str]] = {
    "vi-recipient": (
        "Lan Tran <lan.tran@viet.example>",
        "Chào anh,\n\nanh gửi lại hóa đơn giúp em nhé, lần trước ghi sai tên.\n\nNgười nhận\nMai",
    ),
    "vi-contact": (
        "Lan Tran <lan.tran@viet.example>",
        "Chào anh,\n\nanh gửi lại hóa đơn giúp em nhé, lần trước ghi sai tên.\n\n"
        "Người liên hệ\nNguyễn Thị Mai",
    ),
    "en-recipient": (
        JOHN,
        "Hi,\n\nplease send the replacement badge to our reception, not to me.\n\n"
        "Recipient\nMary Jones",
    ),
    "de-recipient": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nbitte die neue Karte nicht an mich schicken.\n\nEmpfänger\nMax Müller",
    ),
    "fr-recipient": (
        "Claire Martin <claire@exemple.example>",
        "Bonjour,\n\nmerci d'envoyer le badge à l'accueil.\n\nDestinataire\nJean Dupont",
    ),
    "es-contact": (
        "Lucía Gómez <lucia@ejemplo.example>",
        "Hola,\n\nel técnico debe preguntar por la persona de contacto.\n\n"
        "Persona de contacto\nJuan Pérez",
    ),
    # A label over what the client gives: an address, a contact and how to reach them.
    "en-ship-to": (
        JOHN,
        "Hi,\n\nthe replacement reader can go straight to our branch.\n\n"
        "Ship to\nMary Jones\n12 High Street\nLondon W1 6XE",
    ),
    "en-delivery-address": (
        JOHN,
        "Hi,\n\nthe replacement reader can go straight to our branch.\n\n"
        "Delivery address\nMary Jones\nNorthwind Traders Ltd\n12 High Street\nLondon W1 6XE",
    ),
    "en-billing-contact": (
        JOHN,
        "Hi,\n\nplease send the invoices to our accounts team from now on.\n\n"
        "Billing contact\nMary Jones\nmary.jones@northwind.example\n+44 20 7946 0999",
    ),
    "de-lieferadresse": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nbitte das Ersatzgerät direkt an die Filiale schicken.\n\n"
        "Lieferadresse\nMax Müller\nBeispiel GmbH\nHauptstraße 1\n10115 Berlin",
    ),
    "de-rechnungsempfaenger": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nbitte die Rechnung an unsere Zentrale stellen.\n\n"
        "Rechnungsempfänger\nBeispiel GmbH\nz. Hd. Max Müller\nHauptstraße 1\n10115 Berlin",
    ),
    "de-ansprechpartner-vor-ort": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nder Techniker soll sich bitte vor Ort melden.\n\n"
        "Ansprechpartner vor Ort\nMax Müller\nTel. 030 1234567",
    ),
    "fr-adresse-livraison": (
        "Claire Martin <claire@exemple.example>",
        "Bonjour,\n\nmerci d'envoyer le lecteur directement à l'agence.\n\n"
        "Adresse de livraison\nJean Dupont\n12 rue de Paris\n75001 Paris",
    ),
    "es-direccion-envio": (
        "Lucía Gómez <lucia@ejemplo.example>",
        "Hola,\n\npor favor envíen el lector a la sucursal.\n\n"
        "Dirección de envío\nJuan Pérez\nCalle Mayor 1\n28013 Madrid",
    ),
    "tr-iletisim-kisisi": (
        "Ayşe Yılmaz <ayse@ornek.example>",
        "Merhaba,\n\nteknisyen gelmeden önce lütfen arasın.\n\n"
        "İletişim kişisi\nMehmet Demir\nTel: 0532 555 12 34",
    ),
    "ru-kontaktnoe-litso": (
        "Ivan Ivanov <ivan@primer.example>",
        "Добрый день!\n\nпусть техник позвонит перед приездом.\n\n"
        "Контактное лицо\nПётр Сидоров\nТел.: +7 495 555-12-34",
    ),
    "en-requested-by": (
        JOHN,
        "Hi,\n\nplease add a second badge printer to our order.\n\nRequested by\nMary Jones",
    ),
    "vi-customer": (
        "Lan Tran <lan.tran@viet.example>",
        "Chào anh,\n\nanh kiểm tra giúp em đơn hàng này nhé.\n\nKhách hàng\nNguyễn Thị Mai",
    ),
    "en-team-lead": (
        JOHN,
        "Hi,\n\nplease give the new shift lead admin rights on the time clock.\n\n"
        "Team lead\nMary Jones",
    ),
    # A sentence that goes on into the lines under it, or asks.
    "en-contact-is": (
        JOHN,
        "Hi,\n\nthe courier keeps calling the wrong person.\n\n"
        "The new contact for deliveries is\n\nMary Jones\nWarehouse Manager\n+44 20 7946 0999",
    ),
    "en-numbers-are": (
        JOHN,
        "Hi,\n\nthe SMS reminders fail for two of our numbers.\n\n"
        "The numbers that fail are\n+44 20 7946 0958\n+44 20 7946 0959",
    ),
    "en-users-are": (
        JOHN,
        "Hi,\n\ntwo people still cannot clock in.\n\nThe users are\nMary Jones\nPeter Brown",
    ),
    "en-can-you-call": (
        JOHN,
        "Hi,\n\nour site manager has the details of the fault.\n\n"
        "Can you call\nMary Jones\n+44 20 7946 0999",
    ),
    "en-name-will-call": (
        JOHN,
        "Hi,\n\nthe clock is fixed, thank you.\n\n"
        "Mary Jones\nwill call you tomorrow about the rest",
    ),
    "en-titled-name-will-be": (
        JOHN,
        "Hi,\n\nthe clock is fixed, thank you.\n\nDr. Mary Jones\nwill be our new contact",
    ),
    "de-gruesse-an-der": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\ndas Problem ist gelöst.\n\nViele Grüße auch an Max Müller\n"
        "der uns letzte Woche geholfen hat",
    ),
    "it-saluti-a-che": (
        "Giulia Rossi <giulia@esempio.example>",
        "Buongiorno,\n\nil problema è risolto.\n\nSaluti a Marco Bianchi\nche ci ha aiutato ieri",
    ),
    "fr-avec-nous": (
        "Claire Martin <claire@exemple.example>",
        "Bonjour,\n\nle problème est résolu.\n\nCordialement avec Jean Dupont\n"
        "nous avons testé hier soir",
    ),
    "de-neue-nummer": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\ndie SMS gehen an die alte Nummer.\n\nNeue Nummer\n+49 30 1234567",
    ),
    "en-serial-numbers": (
        JOHN,
        "Hi,\n\ntwo readers are faulty.\n\nSerial numbers\nSN 5CG1234567\nSN 5CG7654321",
    ),
    "en-names-under-thanks": (
        JOHN,
        "Hi,\n\nplease remove these people from the rota, they left last month.\n\n"
        "Thanks,\nMary Jones\nPeter Brown\nAnna Lee",
    ),
    "fr-users-sont": (
        "Claire Martin <claire@exemple.example>",
        "Bonjour,\n\ndeux personnes ne peuvent toujours pas pointer.\n\n"
        "Les utilisateurs concernés sont\nJean Dupont\nMarie Curie",
    ),
    "de-bitte-rufen-sie": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nunser Hausmeister kennt den Fehler genau.\n\n"
        "Bitte rufen Sie\nMax Müller\n0171 5551234",
    ),
    "es-que-llamara": (
        "Lucía Gómez <lucia@ejemplo.example>",
        "Hola,\n\nel lector ya funciona, gracias.\n\n"
        "Juan Pérez\nque lleva la contabilidad les llamará mañana",
    ),
    "de-names-under-danke": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nbitte diese Personen aus dem Dienstplan nehmen.\n\n"
        "Danke,\nMax Müller\nErika Mustermann\nHans Meier",
    ),
    # Rows in two columns that begin with a label, not a name: the client's table.
    "old-new-number-tabs": (
        JOHN,
        "Hi,\n\nthe SMS reminders still go to the old number.\n\n"
        "Old number\t+44 20 7946 0958\nNew number\t+44 20 7946 0959",
    ),
    "old-new-number-spaces": (
        JOHN,
        "Hi,\n\nthe SMS reminders still go to the old number.\n\n"
        "Old number    +44 20 7946 0958\nNew number    +44 20 7946 0959",
    ),
    "desks-and-numbers": (
        JOHN,
        "Hi,\n\nplease put these on the time clock's help screen.\n\n"
        "Reception\t+44 20 7946 0958\nWarehouse\twarehouse@northwind.example",
    ),
    "en-sentence-names-someone": (
        JOHN,
        "Hi,\n\nthe time clock stopped syncing again.\nCan you check this with Mary",
    ),
    "en-other-name-no-stop": (
        JOHN,
        "Hi,\n\nthe time clock stopped syncing again. Please call our site manager\nMary Jones",
    ),
    "en-names-asked-about": (
        JOHN,
        "Hi,\n\ncan you tell me whether these people still have access to the portal?\n\n"
        "Mary Jones\nPeter Brown\nAnna Lee",
    ),
    "en-names-with-titles": (
        JOHN,
        "Hi,\n\nplease create accounts for our new staff:\n\nMary Jones\nPayroll Manager",
    ),
    "phones-as-data": (
        JOHN,
        "Hi,\n\nthe SMS reminders go to the wrong numbers. These are the right ones\n\n"
        "Mary Jones\t+44 7700 900123\nPeter Brown\t+44 7700 900456",
    ),
    "phone-in-body": (
        JOHN,
        "Hi,\n\nthe time clock stopped syncing again. Please call me back on\n+44 20 7946 0958",
    ),
    "phone-labelled-in-body": (
        "Jürgen Weber <j.weber@beispiel.example>",
        "Hallo,\n\nder Techniker soll sich bitte bei unserem Hausmeister melden.\n\n"
        "Handy Hausmeister: 0171 5551234",
    ),
    "regards-in-sentence": (
        JOHN,
        "Hi,\n\nthe time clock works again.\n\nRegards from all of us to Tom, who fixed it",
    ),
    "regards-middle": (
        JOHN,
        "Hi,\n\nwith regards to the time clock, it still does not sync with payroll",
    ),
    "title-asked": (
        JOHN,
        "Hi,\n\nplease change the title on my badge. It should read\n\nFacilities Manager",
    ),
    "he-name-sentence": (
        "Dani Levi <dani@dugma.example>",
        "שלום,\n\nהבעיה נפתרה.\n\nתודה ליוסי כהן מהתמיכה שעזר לנו אתמול.",
    ),
    "ar-name-sentence": (
        "Ahmed Hassan <ahmed@mithal.example>",
        "مرحباً،\n\nتم حل المشكلة.\n\nشكراً لمحمد علي من فريق الدعم على مساعدته أمس.",
    ),
    "two-column-items": (
        JOHN,
        "Hi,\n\nplease add these to the order\n\nTime clock\t2 units\nBadge printer\t1 unit",
    ),
    "error-shown-after-dashes": (
        JOHN,
        "Hi,\n\nthe time clock still shows an error after the update. The error page shows:\n"
        "--\nSession expired",
    ),
    "dash-list": (
        JOHN,
        "Hi,\n\nthe following still have no access:\n--\nMary Jones\nPeter Brown",
    ),
}


@pytest.mark.parametrize("case", list(GOES))
@pytest.mark.parametrize("program", PROGRAMS)
def test_the_sign_off_goes(case: str, program: str) -> None:
    c = GOES[case]
    text = f"{c.body}\n\n{c.sign_off}\n"
    got = parse_message(mail(text, c.sender, program)).reply_text
    allowed = [words(c.body)]
    if c.said:
        allowed.append(words(f"{c.body}\n{c.said}"))
    assert words(got) in allowed, got


@pytest.mark.parametrize("case", list(GOES))
@pytest.mark.parametrize("style", ["gmail", "outlook"])
def test_the_sign_off_above_the_quoted_history_goes(case: str, style: str) -> None:
    c = GOES[case]
    got = parse_message(mail(f"{c.body}\n\n{c.sign_off}\n\n{quoted(style)}\n", c.sender)).reply_text
    allowed = [words(c.body)]
    if c.said:
        allowed.append(words(f"{c.body}\n{c.said}"))
    assert words(got) in allowed, got


def _mailbox(sender: str) -> str:
    """A shared mailbox's From field at the writer's domain: it names no one."""
    return f"Office <office@{sender.rpartition('@')[2].rstrip('>')}>"


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("from_field", ["writer", "mailbox"])
def test_what_the_client_gives_at_the_end_stays(case: str, program: str, from_field: str) -> None:
    sender, text = KEPT[case]
    sender = sender if from_field == "writer" else _mailbox(sender)
    got = parse_message(mail(text + "\n", sender, program)).reply_text
    assert words(got) == words(text), got


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize("style", ["gmail", "outlook"])
def test_what_the_client_gives_above_the_quoted_history_stays(case: str, style: str) -> None:
    sender, text = KEPT[case]
    got = parse_message(mail(f"{text}\n\n{quoted(style)}\n", sender)).reply_text
    assert words(got) == words(text), got


# A name alone under the last sentence: the writer's own goes whether or not the sentence
# ended with its full stop; a name that is not the writer's, or under a shared mailbox's
# From field, stays (it may be whom the sentence is about).
NAME_UNDER = [
    ("Can you check this asap", "John", "John Smith", True),
    ("Can you check this asap.", "John", "John Smith", True),
    ("Can you check this asap", "John Smith", "John Smith", True),
    ("Can you check this asap", "Mary", "John Smith", False),
    ("Can you check this asap", "John", "", False),
    ("Please forward it to", "Mary Jones", "John Smith", False),
]


@pytest.mark.parametrize(("last", "name", "writer", "goes"), NAME_UNDER)
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_name_under_the_last_sentence(
    last: str, name: str, writer: str, goes: bool, gap: str
) -> None:
    body = f"Hi,\n\nthe time clock stopped syncing again.\n{last}"
    got = reply_text(f"{body}{gap}{name}", writer=writer)
    assert words(got) == words(body if goes else f"{body}\n{name}"), got


COLUMNS = [case for case in GOES if case.startswith("two-columns")]


@pytest.mark.parametrize("case", COLUMNS)
@pytest.mark.parametrize("program", PROGRAMS)
def test_a_signature_in_columns_goes_under_a_shared_mailbox(case: str, program: str) -> None:
    # The block is read by its make: a name, and how to reach the writer, in two columns.
    c = GOES[case]
    got = parse_message(mail(f"{c.body}\n\n{c.sign_off}\n", _mailbox(c.sender), program)).reply_text
    assert words(got) == words(c.body), got
