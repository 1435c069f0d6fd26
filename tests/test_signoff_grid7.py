"""Sign-offs of shapes the other grids leave out, read from whole mails as mail programs
write them (Gmail's UTF-8 text beside HTML, Outlook's windows-1252, base64, Outlook's
HTML-only paragraphs), and the client's own last lines that look like them:

- a Chinese or Japanese closing with the name run on without a space ("此致王伟",
  "敬具山田"), read as the spaced form is;
- a name followed by a line of its own: pronouns ("she/her"), a link to book a meeting,
  a profile's address, a motto in quotes, social handles, a mobile footer;
- a signature drawn off with a rule of underscores or "==", in another script than the
  text (a Russian, Greek or Arabic block under English), a name and a telephone number
  on one line between bars, a closing and the name on one line as phones are typed on
  ("Thanks - Jo"), initials after a spaced dash ("- JD");
- a signature top-posted above the quoted history, with and without a blank line;
- closings in Turkish, Polish, Czech, Hungarian, Vietnamese, Indonesian, Hindi and
  Hebrew;
- and what the client writes or pastes at the end on purpose, which stays: a table of
  two columns (people and telephone numbers, items and quantities, tests and results),
  apart with tabs, runs of spaces or bars, under a closing or not, a row of it the
  writer's own; a list of steps, a heading underlined, an address for a delivery, a
  name in a sentence, "regards" inside a sentence.

Each last paragraph is read from the writer's From field and from a shared mailbox's,
and each case top-posted above Gmail's and Outlook's quoted history too.

Each case that goes is (the From field, the client's text, the sign-off, what of the
sign-off may stay: a thanks or a closing written as a sentence).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from tests.support.client_mail import PROGRAMS, mail, quoted, words


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    said: str = ""


EN = "Hi,\n\nthe label printer in the warehouse stopped printing barcodes after the update."
EN2 = "Hello,\n\nour staff cannot log in to the booking portal since this morning."
ZH = "您好：\n\n我们的发票系统从昨天开始无法导出PDF文件，请尽快帮忙处理。"
JA = (
    "お世話になっております。\n\n"
    "昨日から経費精算システムにログインできません。ご確認をお願いいたします。"
)
TR = "Merhaba,\n\ndün akşamdan beri fatura ekranı açılmıyor, hata kodu 502 görünüyor."
PL = "Dzień dobry,\n\nod wczoraj system nie wysyła powiadomień SMS do klientów."
CS = "Dobrý den,\n\nod včerejška nám nefunguje export faktur do PDF."
HU = "Jó napot!\n\nA számlázó program tegnap óta nem küldi ki a számlákat e-mailben."
VI = "Chào anh chị,\n\ntừ sáng nay hệ thống không gửi được hóa đơn điện tử cho khách hàng."
ID = "Selamat pagi,\n\nsejak kemarin sistem kasir tidak bisa mencetak struk."
HI = "नमस्ते,\n\nकल से हमारा बिलिंग सिस्टम चालान प्रिंट नहीं कर रहा है।"
HE = "שלום,\n\nמאתמול מערכת החשבוניות לא שולחת מיילים ללקוחות."

JANE = "Jane Doe <jane.doe@northwind.example>"
JO = "Joanne Baker <jo.baker@bakerandco.example>"
JOHN = "John Doe <jdoe@doe-logistics.example>"

GOES: dict[str, Case] = {
    # A Chinese or Japanese closing with the name run on.
    "zh-cizhi-unspaced": Case("Wei Wang <wang.wei@huaxin.example>", ZH, "此致王伟"),
    "zh-shunzhu-unspaced": Case("Na Li <lina@dongfang.example>", ZH, "顺祝商祺李娜"),
    "zh-cizhi-jingli-unspaced": Case(
        "Wei Wang <wang.wei@huaxin.example>", ZH, "此致\n敬礼！王伟", said="此致\n敬礼！"
    ),
    "ja-keigu-unspaced": Case("Taro Yamada <yamada@sample.example>", JA, "敬具山田"),
    "ja-keigu-full-unspaced": Case("Taro Yamada <yamada@sample.example>", JA, "敬具山田太郎"),
    # A name and a line of its own under it.
    "pronouns-line": Case(JANE, EN, "Best,\nJane Doe\nshe/her"),
    "pronouns-parens-line": Case(JANE, EN, "Kind regards,\nJane Doe\n(she/her/hers)"),
    "pronouns-pipe": Case(JANE, EN, "Thanks,\nJane Doe | she/they", said="Thanks,"),
    "booking-link": Case(
        JANE, EN, "Best regards,\nJane Doe\nBook a meeting: https://calendly.com/janedoe/30min"
    ),
    "booking-link-title": Case(
        JANE,
        EN,
        "Best regards,\nJane Doe\nHead of IT\nSchedule time with me: "
        "https://outlook.office.com/bookwithme/user/4f2c",
    ),
    "linkedin-url": Case(
        "Priya Shah <priya@shahdesign.example>",
        EN2,
        "Kind regards,\nPriya Shah\nhttps://www.linkedin.com/in/priyashah",
    ),
    "linkedin-labelled": Case(
        "Priya Shah <priya@shahdesign.example>",
        EN2,
        "Kind regards,\nPriya Shah\nLinkedIn: linkedin.com/in/priyashah",
    ),
    "motto": Case(
        "Sam Lee <sam@leeprint.example>",
        EN,
        'Cheers,\nSam Lee\n"The best way out is always through." – Robert Frost',
    ),
    "motto-under-title": Case(
        "Sam Lee <sam@leeprint.example>",
        EN,
        "Cheers,\nSam Lee\nOwner, Lee Print\n“Do it once, do it right.”",
    ),
    "handles": Case(
        "Mia Wong <mia@miabakes.example>",
        EN2,
        "Thanks,\nMia Wong\nInstagram: @mia.bakes | X: @miawong",
        said="Thanks,",
    ),
    "handles-bare": Case(
        "Mia Wong <mia@miabakes.example>", EN2, "Best,\nMia Wong\n@miabakes on Instagram"
    ),
    "sent-from-after-name": Case(JO, EN, "Thanks,\nJo\n\nSent from my iPhone", said="Thanks,"),
    "sent-from-under-name": Case(JANE, EN, "Best,\nJane Doe\nSent from my Galaxy"),
    "sent-from-name-only": Case(JANE, EN, "Jane\n\nSent from my iPhone"),
    "pronouns-dash": Case(
        JANE, EN, "Many thanks,\nJane Doe – she/her\nHead of IT", said="Many thanks,"
    ),
    "thanks-logo-company": Case(
        JANE,
        EN,
        "Thanks\n\n[cid:image001.png@01DA3F2C.5B7E1A90]\nNorthwind Traders Ltd",
        said="Thanks",
    ),
    "pronouns-title-line": Case(
        JANE, EN, "Thanks,\nJane Doe\nshe/her | Head of IT", said="Thanks,"
    ),
    "booking-link-no-closing": Case(JANE, EN, "Jane Doe\nHead of IT\nhttps://calendly.com/janedoe"),
    "linkedin-no-closing": Case(
        "Priya Shah <priya@shahdesign.example>",
        EN2,
        "Priya Shah\nFounder, Shah Design\nlinkedin.com/in/priyashah",
    ),
    "handle-emoji": Case("Mia Wong <mia@miabakes.example>", EN2, "Best,\nMia\n📷 @mia.bakes"),
    "sent-from-glued": Case(JANE, EN, "Jane\nSent from my iPhone"),
    # A signature drawn off with a rule.
    "underscores": Case(
        JANE,
        EN,
        "Best regards,\nJane Doe\n______________________________\n"
        "Northwind Traders Ltd | 221B Baker Street | London NW1 6XE",
    ),
    "underscores-above-name": Case(
        JANE, EN, "__________\nJane Doe\nHead of IT\nNorthwind Traders Ltd"
    ),
    "equals-rule": Case(
        JANE, EN, "Regards,\n==\nJane Doe\nHead of IT, Northwind Traders Ltd\n+44 20 7946 0958"
    ),
    "dashes-rule": Case(
        JANE,
        EN,
        "Regards,\nJane Doe\n-----\nNorthwind Traders Ltd\n+44 20 7946 0958",
    ),
    "equals-long-rule": Case(
        JANE, EN, "Regards\n====================\nJane Doe\nNorthwind Traders Ltd"
    ),
    # A signature in another script than the text.
    "en-russian-block": Case(
        "Dmitry Ivanov <d.ivanov@primer.example>",
        EN,
        "Best regards,\nДмитрий Иванов\nРуководитель отдела ИТ\nООО «Пример»\n"
        "Тел.: +7 (495) 123-45-67",
    ),
    "en-greek-block": Case(
        "Giorgos Papadakis <g.papadakis@aegean.example>",
        EN,
        "Kind regards,\nΓιώργος Παπαδάκης\nΥπεύθυνος Πληροφορικής\nΑιγαίο Α.Ε.\n"
        "Τηλ.: +30 210 123 4567",
    ),
    "en-arabic-block": Case(
        "Ahmed Ali <ahmed.ali@almithal.example>",
        EN,
        "Regards,\nأحمد علي\nمدير تقنية المعلومات\nهاتف: +971 4 123 4567",
    ),
    "en-arabic-closing": Case(
        "Ahmed Ali <ahmed.ali@almithal.example>", EN, "مع تحياتي،\nأحمد علي\nجوال: +971 50 123 4567"
    ),
    "hi-latin-name": Case(
        "Rahul Sharma <rahul@udaharan.example>", EN2, "सादर,\nRahul Sharma\nAccounts Manager"
    ),
    "cyrillic-from-latin-name": Case(
        "Дмитрий Иванов <d.ivanov@primer.example>",
        EN,
        "Best regards,\nDmitry Ivanov\nHead of IT",
    ),
    "greek-closing": Case(
        "Giorgos Papadakis <g.papadakis@aegean.example>",
        EN,
        "Με εκτίμηση,\nΓιώργος Παπαδάκης",
    ),
    "he-closing-latin-name": Case(
        "Yossi Levi <yossi@dugma.example>", EN, "בברכה,\nYossi Levi\nIT Manager"
    ),
    "en-russian-closing": Case(
        "Dmitry Ivanov <d.ivanov@primer.example>",
        EN,
        "С уважением,\nДмитрий Иванов\nООО «Пример»",
    ),
    # A name and a telephone number on one line.
    "name-pipe-phone": Case(JANE, EN, "Regards,\nJane Doe | 07700 900123"),
    "name-pipe-phone-mail": Case(
        JANE, EN, "Regards,\nJane Doe | +44 7700 900123 | jane.doe@northwind.example"
    ),
    "name-pipe-phone-no-closing": Case(JANE, EN, "Jane Doe | Head of IT | +44 7700 900123"),
    "name-pipe-phone-alone": Case(JANE, EN, "Jane Doe | 07700 900123"),
    "tr-name-pipe": Case(
        "Ayse Yilmaz <ayse@ornek.example>",
        TR,
        "Saygılarımla,\nAyşe Yılmaz | Örnek Yazılım A.Ş. | +90 532 123 45 67",
    ),
    "hi-name-pipe-phone": Case(
        "Rahul Sharma <rahul@udaharan.example>",
        HI,
        "धन्यवाद,\nराहुल शर्मा | +91 98765 43210",
        said="धन्यवाद,",
    ),
    "vi-name-pipe-phone": Case(
        "Nguyen Van An <an.nguyen@viet.example>", VI, "Trân trọng,\nNguyễn Văn An | 0912 345 678"
    ),
    # A closing and the name on one line, as typed on a phone.
    "thanks-dash-jo": Case(JO, EN, "Thanks - Jo", said="Thanks"),
    "thx-comma-jo": Case(JO, EN, "Thx, Jo", said="Thx,"),
    "cheers-jo": Case(JO, EN, "Cheers Jo"),
    "ta-jo": Case(JO, EN, "Ta - Jo", said="Ta"),
    "thanks-dash-full": Case(JANE, EN, "Thanks – Jane Doe", said="Thanks"),
    "cheers-comma-full": Case(JANE, EN, "Cheers, Jane Doe", said="Cheers,"),
    "thanks-dash-initials-line": Case(JOHN, EN, "Thanks - JD", said="Thanks"),
    # Initials after a dash and a space.
    "dash-space-initials": Case(JOHN, EN, "- JD"),
    "endash-initials": Case(JOHN, EN, "– JD"),
    "emdash-initials": Case(JOHN, EN, "—JD"),
    "thanks-dash-initials": Case(JOHN, EN, "Thanks,\n- JD", said="Thanks,"),
    # Turkish, Polish, Czech, Hungarian, Vietnamese, Indonesian, Hindi, Hebrew.
    "tr-saygilarimla": Case(
        "Ayse Yilmaz <ayse@ornek.example>",
        TR,
        "Saygılarımla,\nAyşe Yılmaz\nBilgi İşlem Müdürü\nÖrnek Yazılım A.Ş.",
    ),
    "tr-iyi-calismalar": Case(
        "Mehmet Kaya <mkaya@kaya.example>", TR, "İyi çalışmalar,\nMehmet Kaya"
    ),
    "tr-kolay-gelsin": Case(
        "Mehmet Kaya <mkaya@kaya.example>", TR, "Kolay gelsin.\nMehmet", said="Kolay gelsin."
    ),
    "pl-pozdrawiam": Case(
        "Katarzyna Nowak <k.nowak@przyklad.example>",
        PL,
        "Pozdrawiam\nKatarzyna Nowak\nKierownik biura\ntel. 601 234 567",
    ),
    "tr-given-name": Case("Ayse Yilmaz <ayse@ornek.example>", TR, "Saygılarımla,\nAyşe"),
    "pl-nickname": Case(
        "Katarzyna Nowak <k.nowak@przyklad.example>", PL, "Pozdrawiam serdecznie\nKasia"
    ),
    "cs-given-name": Case("Jan Novak <jan.novak@priklad.example>", CS, "S pozdravem\nJan"),
    "hu-udv": Case("Peter Nagy <nagy.peter@pelda.example>", HU, "Üdv,\nPéter"),
    "vi-than-men": Case("Nguyen Van An <an.nguyen@viet.example>", VI, "Thân mến,\nAn"),
    "id-salam-hangat": Case("Budi Santoso <budi@contoh.example>", ID, "Salam hangat,\nBudi"),
    "pl-z-powazaniem": Case(
        "Piotr Wiśniewski <p.wisniewski@przyklad.example>",
        PL,
        "Z poważaniem,\nPiotr Wiśniewski",
    ),
    "cs-s-pozdravem": Case(
        "Jan Novak <jan.novak@priklad.example>",
        CS,
        "S pozdravem\nJan Novák\nvedoucí IT\nPříklad s.r.o.",
    ),
    "cs-dekuji": Case(
        "Petra Svobodova <svobodova@priklad.example>",
        CS,
        "Děkuji a přeji hezký den\nPetra Svobodová",
        said="Děkuji a přeji hezký den",
    ),
    "hu-udvozlettel": Case(
        "Anna Kovacs <kovacs.anna@pelda.example>",
        HU,
        "Üdvözlettel:\nKovács Anna\nirodavezető\nPélda Kft.",
    ),
    "hu-koszonettel": Case(
        "Peter Nagy <nagy.peter@pelda.example>",
        HU,
        "Köszönettel,\nNagy Péter",
        said="Köszönettel,",
    ),
    "vi-tran-trong": Case(
        "Nguyen Van An <an.nguyen@viet.example>",
        VI,
        "Trân trọng,\nNguyễn Văn An\nPhòng Kế toán\nĐT: 0912 345 678",
    ),
    "vi-cam-on": Case("Tran Thi Mai <mai.tran@viet.example>", VI, "Cảm ơn,\nMai", said="Cảm ơn,"),
    "id-salam": Case(
        "Budi Santoso <budi@contoh.example>", ID, "Salam,\nBudi Santoso\nManajer Toko"
    ),
    "id-hormat-saya": Case("Budi Santoso <budi@contoh.example>", ID, "Hormat saya,\nBudi Santoso"),
    "id-name-title-blank": Case(
        "Budi Santoso <budi@contoh.example>",
        ID,
        "Terima kasih,\n\nBudi Santoso\nManajer Operasional\nPT Contoh Jaya",
        said="Terima kasih,",
    ),
    "ja-keigu-block": Case(
        "Taro Yamada <yamada@sample.example>", JA, "敬具\n\n山田 太郎\n株式会社サンプル"
    ),
    "id-terima-kasih": Case(
        "Siti Rahma <siti@contoh.example>", ID, "Terima kasih,\nSiti", said="Terima kasih,"
    ),
    "hi-sadar": Case(
        "Rahul Sharma <rahul@udaharan.example>", HI, "सादर,\nराहुल शर्मा\nप्रबंधक, लेखा विभाग"
    ),
    "hi-dhanyavad": Case(
        "Rahul Sharma <rahul@udaharan.example>", HI, "धन्यवाद,\nराहुल", said="धन्यवाद,"
    ),
    "he-bivracha": Case(
        "Yossi Levi <yossi@dugma.example>", HE, "בברכה,\nיוסי לוי\nמנהל מערכות מידע"
    ),
    "he-toda": Case("Yossi Levi <yossi@dugma.example>", HE, "תודה,\nיוסי", said="תודה,"),
}


# What the client writes or pastes at the end on purpose: it stays, whoever sends it.
KEPT: dict[str, tuple[str, str]] = {
    # A table of two columns at the end, under a closing or not.
    "phones-under-thanks": (
        JANE,
        "Hi,\n\nplease add these two to the on-call rota from Monday.\n\nThanks\n\n"
        "John Smith\t07700 900123\nMary Jones\t07700 900456",
    ),
    "phones-under-thanks-spaces": (
        JANE,
        "Hi,\n\nplease add these two to the on-call rota from Monday. Thanks\n\n"
        "John Smith      07700 900123\nMary Jones      07700 900456",
    ),
    "phones-no-intro": (
        JANE,
        "Hi,\n\nthe night shift changes next week.\n\n"
        "Tom Baker\t07700 900321\nAmy Clark\t07700 900654",
    ),
    "items-quantities": (
        JANE,
        "Hi,\n\nwe need the following for the front desk by Friday.\n\n"
        "A4 paper\t10 boxes\nToner TN-2420\t2\nReceipt rolls\t20",
    ),
    "items-under-thanks": (
        JANE,
        "Hello,\n\ncould you add this to next week's order?\n\nThanks\n\n"
        "Printer paper      5\nToner black      2",
    ),
    "items-under-thanks-no-blank": (
        JANE,
        "Hello,\n\ncould you add this to next week's order? Thanks\n"
        "Printer paper\t5\nToner black\t2",
    ),
    "items-head-under-thanks": (
        JANE,
        "Hello,\n\nplease restock the front desk.\n\nThanks!\n\nItem\tQty\nPaper\t10\nToner\t2",
    ),
    "people-roles-under-thanks": (
        JANE,
        "Hi,\n\nthese two start on Monday and need accounts.\n\nThanks\n\n"
        "Tom Baker\tWarehouse\nAmy Clark\tFront desk",
    ),
    "rota-with-writer": (
        JANE,
        "Hi,\n\nthe on-call rota for the weekend.\n\nThanks\n\n"
        "Jane Doe\t07700 900123\nTom Baker\t07700 900321",
    ),
    "browsers-under-thanks": (
        JANE,
        "Hi,\n\nI tried every browser we have. Thanks\n\nChrome      works\nFirefox      fails",
    ),
    "phones-single-space": (
        JANE,
        "Hi,\n\nnew contacts for the site.\n\nThanks\n\n"
        "Tom Baker 07700 900321\nAmy Clark 07700 900654",
    ),
    "items-times-under-thanks": (
        JANE,
        "Hi,\n\nplease order these for the warehouse.\n\nThanks\n\nPaper x10\nToner x2",
    ),
    "bullets-under-thanks": (
        JANE,
        "Hi,\n\nI tried the browsers we have.\n\nThanks!\n\n- Chrome: fails\n- Firefox: works",
    ),
    "address-under-thanks": (
        JANE,
        "Hi,\n\nplease deliver the scanner to our new office.\n\nThanks\n\n"
        "Northwind Traders Ltd\n12 Market Street\nLeeds LS1 4DY",
    ),
    "results-table": (
        JANE,
        "Hi,\n\nI tested again after the update:\n\nLogin\tOK\nSearch\tOK\nExport\tfailed",
    ),
    "results-no-colon": (
        JANE,
        "Hi,\n\nhere is what I found after the update\n\nLogin      OK\nExport      failed",
    ),
    "de-items": (
        "Jonas Müller <j.mueller@beispiel.example>",
        "Hallo,\n\nbitte liefern Sie bis Freitag noch Folgendes.\n\nDanke\n\n"
        "Kopierpapier A4\t10 Kartons\nToner schwarz\t2 Stück",
    ),
    "fr-phones": (
        "Claire Dubois <c.dubois@exemple.example>",
        "Bonjour,\n\nmerci d'ajouter ces deux personnes à la liste d'astreinte.\n\nMerci\n\n"
        "Paul Durand      06 12 34 56 78\nSophie Leroy      06 98 76 54 32",
    ),
    "zh-items": (
        "Wei Wang <wang.wei@huaxin.example>",
        "您好：\n\n请帮忙补货，谢谢！\n\n打印纸\u300010箱\n硒鼓\u30002个",
    ),
    # Words after a Chinese or Japanese closing that are no name.
    "zh-cizhi-jingli": (
        "Wei Wang <wang.wei@huaxin.example>",
        "您好：\n\n请问发票什么时候能开出来？此致问候各位同事。",
    ),
    "zh-thanks-name": (
        "Wei Wang <wang.wei@huaxin.example>",
        "您好：\n\n发票系统已经恢复了。\n\n谢谢李娜",
    ),
    "zh-name-in-sentence": (
        "Wei Wang <wang.wei@huaxin.example>",
        "您好：\n\n发票系统已经恢复了。\n\n谢谢王经理的帮忙。",
    ),
    "ja-keigu-in-sentence": (
        "Taro Yamada <yamada@sample.example>",
        "お世話になっております。\n\n昨日の件は解決しました。\n\n山田さんによろしくお伝えください。",
    ),
    # Pronouns, links, quotes and handles in the client's text.
    "pronouns-sentence": (
        JANE,
        "Hi,\n\nour new colleague Alex Kim starts on Monday.\n\n"
        "Please use they/them for Alex in the portal.",
    ),
    "booking-link-sentence": (
        JANE,
        "Hi,\n\nthe export still fails.\n\nYou can book a call with me here: "
        "https://calendly.com/janedoe/30min",
    ),
    "link-given": (
        JANE,
        "Hi,\n\nthis is the page that fails to load:\n\nhttps://portal.example/orders/512",
    ),
    "error-in-quotes": (
        JANE,
        "Hi,\n\nthe export still fails with this message.\n\n"
        '"Error 512: the session has expired." – Export service',
    ),
    "quote-under-name": (
        JANE,
        "Hi,\n\nthe export still fails. The log says it all:\n\n"
        'Jane Doe\n"Export refused: the session has expired."',
    ),
    "handle-sentence": (
        "Mia Wong <mia@miabakes.example>",
        "Hi,\n\nplease link our new account on the shop page.\n\nIt is @miabakes on Instagram.",
    ),
    # A rule the client draws in the text.
    "underlined-heading": (
        JANE,
        "Hi,\n\nwhat I did before it failed:\n\nSteps\n=====\n"
        "1. Open the order\n2. Click Export\n3. Choose PDF",
    ),
    "underlined-heading-no-colon": (
        JANE,
        "Hi,\n\nthe export fails every time.\n\nSteps to reproduce\n==================\n"
        "1. Open the order\n2. Click Export",
    ),
    "rule-above-results": (
        JANE,
        "Hi,\n\nthe nightly job printed this:\n\n____________________\nOrders: 512\nFailed: 3",
    ),
    # A text in another script the client gives.
    "russian-address": (
        JANE,
        "Hi,\n\nplease send the replacement to our Moscow office:\n\n"
        "ООО «Пример»\nул. Тверская, д. 7, офис 12\n125009, г. Москва",
    ),
    "greek-address-no-colon": (
        JANE,
        "Hi,\n\nthe replacement goes to our Athens office.\n\n"
        "Αιγαίο Α.Ε.\nΛεωφόρος Κηφισίας 12\n115 26 Αθήνα",
    ),
    # Bars and dashes in the client's text.
    "order-row": (
        JANE,
        "Hi,\n\nthe order below still shows as open.\n\nOrder 4521 | shipped | 12 June",
    ),
    "name-phone-in-sentence": (
        JANE,
        "Hi,\n\nthe courier should ask for the warehouse manager.\n\n"
        "Contact: Tom Baker | 07700 900321",
    ),
    "thanks-to-jo": (JO, "Hi,\n\nthe printer works again.\n\nThanks to Jo for the help"),
    "thanks-jo-sentence": (
        JANE,
        "Hi,\n\nthe printer works again.\n\nThanks - Jo fixed it this morning.",
    ),
    "people-pipes-with-writer": (
        JANE,
        "Hi,\n\nplease give these two access.\n\nJane Doe | 07700 900123\nTom Baker | 07700 900321",
    ),
    "people-pipes-writer-last": (
        JANE,
        "Hi,\n\nplease give these two access.\n\nTom Baker | 07700 900321\nJane Doe | 07700 900123",
    ),
    "hi-people-pipes": (
        "Rahul Sharma <rahul@udaharan.example>",
        "नमस्ते,\n\nइन दोनों को पोर्टल की पहुँच दें।\n\n"
        "राहुल शर्मा | +91 98765 43210\nअमित कुमार | +91 91234 56789",
    ),
    "initials-in-sentence": (JOHN, "Hi,\n\nthe printer on floor 2 - JD said it is the toner."),
    "branches": (
        JOHN,
        "Hi,\n\nthe outage hits these branches:\n- NY\n- LA\n- SF",
    ),
    "initials-under-list": (
        JOHN,
        "Hi,\n\nplease ship to these branches:\n- NY\n- JD",
    ),
    "steps-list": (
        JOHN,
        "Hi,\n\nthis is how it fails:\n\n- open the order\n- click Export\n- wait a minute",
    ),
    # A delivery address, a name in a sentence, regards inside a sentence.
    "delivery-address": (
        JANE,
        "Hi,\n\nplease deliver the new scanner to:\n\nJane Doe\nNorthwind Traders Ltd\n"
        "221B Baker Street\nLondon NW1 6XE",
    ),
    "name-in-sentence": (
        JANE,
        "Hi,\n\nthe scanner arrived.\n\nJane Doe from accounts will sign for the next one.",
    ),
    "regards-mid-sentence": (
        JANE,
        "Hi,\n\nthe scanner arrived.\n\nWith regards to the invoice, please send it to "
        "accounts@northwind.example.",
    ),
    "regards-to": (
        JANE,
        "Hi,\n\nthe scanner arrived.\n\nGive my regards to Tom, he was very helpful.",
    ),
    "tr-regards-sentence": (
        "Ayse Yilmaz <ayse@ornek.example>",
        "Merhaba,\n\nsorun çözüldü.\n\nSaygılarımla birlikte teşekkürlerimi de iletirim.",
    ),
    "pl-regards-sentence": (
        "Katarzyna Nowak <k.nowak@przyklad.example>",
        "Dzień dobry,\n\nproblem został rozwiązany.\n\n"
        "Pozdrawiam też Tomka z serwisu, który nam pomógł.",
    ),
    "id-thanks-sentence": (
        "Budi Santoso <budi@contoh.example>",
        "Selamat pagi,\n\nmasalahnya sudah selesai.\n\nTerima kasih Budi sudah membantu kemarin.",
    ),
    "cs-name-sentence": (
        "Jan Novak <jan.novak@priklad.example>",
        "Dobrý den,\n\nexport už funguje.\n\nS pozdravem od kolegů z účtárny děkujeme za pomoc.",
    ),
    "hu-regards-sentence": (
        "Peter Nagy <nagy.peter@pelda.example>",
        "Jó napot!\n\nA hiba megszűnt.\n\n"
        "Üdvözlettel küldöm a kért számlák listáját is mellékletben.",
    ),
    "vi-closing-sentence": (
        "Nguyen Van An <an.nguyen@viet.example>",
        "Chào anh chị,\n\nhệ thống đã chạy lại.\n\nTrân trọng cảm ơn anh Minh đã hỗ trợ hôm qua.",
    ),
    "hi-thanks-sentence": (
        "Rahul Sharma <rahul@udaharan.example>",
        "नमस्ते,\n\nसमस्या ठीक हो गई है।\n\nधन्यवाद राहुल जी, अब सब ठीक चल रहा है।",
    ),
    "sent-from-sentence": (
        JANE,
        "Hi,\n\nthe export still fails.\n\nSent from my laptop it works, but from the "
        "tablet it fails every time.",
    ),
    "pronouns-list": (
        JANE,
        "Hi,\n\nplease set these pronouns in the staff directory:\n\n"
        "Alex Kim\tthey/them\nSam Lee\tshe/her",
    ),
    "he-name-sentence": (
        "Yossi Levi <yossi@dugma.example>",
        "שלום,\n\nהבעיה נפתרה.\n\nיוסי לוי מהנהלת חשבונות יחתום על המשלוח.",
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
def test_the_sign_off_right_under_the_text_goes(case: str) -> None:
    c = GOES[case]
    got = parse_message(mail(f"{c.body}\n{c.sign_off}\n", c.sender)).reply_text
    allowed = [words(c.body)]
    if c.said:
        allowed.append(words(f"{c.body}\n{c.said}"))
    assert words(got) in allowed, got


def _mailbox(sender: str) -> str:
    """A shared mailbox's From field at the writer's domain: it names no one."""
    return f"Office <office@{sender.rpartition('@')[2].rstrip('>')}>"


@pytest.mark.parametrize("program", PROGRAMS)
def test_capitals_after_a_dash_that_are_not_the_writers_initials_stay(program: str) -> None:
    # From a shared mailbox, "- NY" alone in a paragraph may be anyone's initials.
    text = "Hi,\n\nthe outage hits one branch only.\n- NY\n"
    got = parse_message(mail(text, JOHN, program)).reply_text
    assert words(got) == words(text), got


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("from_field", ["writer", "mailbox"])
def test_what_the_client_gives_at_the_end_stays(case: str, program: str, from_field: str) -> None:
    sender, text = KEPT[case]
    sender = sender if from_field == "writer" else _mailbox(sender)
    got = parse_message(mail(text + "\n", sender, program)).reply_text
    assert words(got) == words(text), got


TOP_POSTED = list(GOES)


@pytest.mark.parametrize("case", TOP_POSTED)
@pytest.mark.parametrize("style", ["gmail", "outlook"])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_signature_above_the_quoted_history_goes(case: str, style: str, gap: str) -> None:
    c = GOES[case]
    text = f"{c.body}\n\n{c.sign_off}{gap}{quoted(style)}\n"
    got = parse_message(mail(text, c.sender)).reply_text
    allowed = [words(c.body)]
    if c.said:
        allowed.append(words(f"{c.body}\n{c.said}"))
    assert words(got) in allowed, got


TOP_POSTED_KEPT = list(KEPT)


@pytest.mark.parametrize("case", TOP_POSTED_KEPT)
@pytest.mark.parametrize("style", ["gmail", "outlook"])
def test_what_the_client_gives_above_the_quoted_history_stays(case: str, style: str) -> None:
    sender, text = KEPT[case]
    got = parse_message(mail(f"{text}\n\n{quoted(style)}\n", sender)).reply_text
    assert words(got) == words(text), got
