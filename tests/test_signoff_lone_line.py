"""One short line under the client's text, no closing above it, that signs the mail
otherwise than the From field writes the name — read from whole mails as Gmail
(text/plain beside text/html), Outlook (windows-1252 text/plain) and a base64
text/plain part send them, above the quoted history or alone:

- a pet form of the given name ("Toninho" of Antonio, "Катя" of Ekaterina, "Bob" of
  Robert right under the last sentence);
- the initials, in capitals, with dots or in lower case ("MJ", "M.J.", "mj", "J-B");
- a single initial after a slash, a dash or a tilde ("/M", "~M", "— M");
- the name in another script than the From field's: Hebrew, Arabic and Persian written
  by their consonants, Thai, a Japanese family name in kanji ("山田", "山田より");
- a team or a company's support desk ("The Acme IT team", "Équipe Acme", "Ihr
  Acme-Team", "Il team Acme").

And the client's own short last lines, which stay: a sentence that names the writer's
pet form ("Bob will call you"), an answer ("Yes", "OK" from Oliver King), a place, a
product that has "Support" inside its name, another person's name, a word a sentence
goes on to ("… the latest" / "Bill"), a word of two letters ("لا", no), list items,
what a colon announces, a short question.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from tests.support.client_mail import mail, quoted

PROGRAMS = ("gmail", "outlook", "base64")
PLACES = ("above-quote", "alone")


class Case(NamedTuple):
    sender: str
    text: str
    line: str
    # The line right under the text, no blank line between.
    under: bool = False


EN = "Hi,\n\nthe export to CSV still fails since Monday's update. I attached the log."
EN2 = "Hello,\n\nthe label printer in bay 3 jams after every tenth label. Can you check?"
DE = "Hallo,\n\nder Export nach CSV bricht seit dem Update ab. Das Log hängt an."
FR = "Bonjour,\n\nl'export CSV échoue toujours depuis la mise à jour. Je joins le journal."
ES = "Hola,\n\nla exportación a CSV sigue fallando desde la actualización. Adjunto el registro."
IT = "Buongiorno,\n\nl'esportazione in CSV continua a fallire. Allego il log di stamattina."
PT = "Olá,\n\na exportação para CSV continua a falhar. Segue o registo em anexo."
NL = "Hallo,\n\nde export naar CSV mislukt nog steeds. Het logbestand zit in de bijlage."
SV = "Hej,\n\nexporten till CSV misslyckas fortfarande. Loggen finns bifogad."
PL = "Dzień dobry,\n\neksport do CSV nadal kończy się błędem. Log w załączniku."
RU = "Здравствуйте!\n\nЭкспорт в CSV по-прежнему завершается ошибкой. Лог во вложении."
EL = "Καλημέρα,\n\nη εξαγωγή σε CSV αποτυγχάνει ακόμα. Επισυνάπτω το αρχείο καταγραφής."
JA = "お世話になっております。\n\nCSVへのエクスポートがまだ失敗します。ログを添付いたします。"
ZH = "您好，\n\n导出CSV仍然失败。附件是今天早上的日志。"
KO = "안녕하세요.\n\nCSV 내보내기가 계속 실패합니다. 로그를 첨부합니다."
AR = "مرحباً،\n\nلا يزال التصدير إلى CSV يفشل منذ التحديث. أرفقت السجل."
HE = "שלום,\n\nהייצוא ל-CSV עדיין נכשל מאז העדכון. צירפתי את הלוג."
FA = "سلام،\n\nخروجی CSV از آخرین به‌روزرسانی همچنان خطا می‌دهد. لاگ پیوست است."
TH = "สวัสดีครับ\n\nการส่งออก CSV ยังคงล้มเหลวอยู่ แนบไฟล์บันทึกมาด้วยครับ"
TR = "Merhaba,\n\nCSV dışa aktarımı hâlâ başarısız oluyor. Günlük dosyası ekte."
ID = "Selamat pagi,\n\nekspor ke CSV masih gagal sejak pembaruan. Log terlampir."
HI = "नमस्ते,\n\nCSV निर्यात अभी भी विफल हो रहा है। लॉग संलग्न है।"

# A line alone in its paragraph under the text: it goes.
ALONE = [
    # Pet forms, in Latin letters and in Cyrillic.
    Case("Robert Miller <rmiller@northwind.example>", EN, "Bob"),
    Case("William Carter <wcarter@northwind.example>", EN2, "Bill"),
    Case("Katherine Lee <klee@northwind.example>", EN, "Kate"),
    Case("Elizabeth Moore <emoore@northwind.example>", EN2, "Liz"),
    Case("Margaret Quinn <mquinn@bakery.example>", EN, "Peggy"),
    Case("Aleksandr Petrov <apetrov@primer.example>", RU, "Sasha"),
    Case("Aleksandr Petrov <apetrov@primer.example>", RU, "Саша"),
    Case("José García <jgarcia@ejemplo.example>", ES, "Pepe"),
    Case("Francisco López <flopez@ejemplo.example>", ES, "Paco"),
    Case("Giuseppe Verdi <gverdi@esempio.example>", IT, "Beppe"),
    Case("Dmitry Ivanov <divanov@primer.example>", RU, "Дима"),
    Case("Ekaterina Smirnova <esmirnova@primer.example>", RU, "Катя"),
    Case("Antonio Silva <asilva@exemplo.example>", PT, "Toninho"),
    Case("Katarzyna Nowak <knowak@przyklad.example>", PL, "Kasia"),
    Case("Müller, Johannes <jmueller@beispiel.example>", DE, "Hannes"),
    Case("dmitry.ivanov@primer.example", RU, "Дима"),
    # Initials.
    Case("Mary Jones <mjones@northwind.example>", EN, "MJ"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "M.J."),
    Case("Mary Jones <mjones@northwind.example>", EN, "mj"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "-mj"),
    Case("Klaus Weber <kweber@beispiel.example>", DE, "KW"),
    Case("Jean-Baptiste Morel <jbmorel@exemple.example>", FR, "JB"),
    Case("Jean-Baptiste Morel <jbmorel@exemple.example>", FR, "J-B"),
    Case("Anna Berg <anna.berg@exempel.example>", SV, "/ab"),
    Case("mary.jones@northwind.example", EN, "MJ"),
    # A single initial after a mark.
    Case("Mary Jones <mjones@northwind.example>", EN, "/M"),
    Case("Samuel Ortiz <sortiz@northwind.example>", EN2, "~S"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "— M"),
    # The name in another script than the From field's.
    Case("Zhang Wei <zhang.wei@shili.example>", ZH, "张伟"),
    Case("Zhang Wei <zhang.wei@shili.example>", ZH, "伟"),
    Case("Dmitry Ivanov <divanov@primer.example>", RU, "Дмитрий"),
    Case("Giorgos Papadopoulos <gpapa@paradeigma.example>", EL, "Γιώργος"),
    Case("Taro Yamada <yamada@sample.example>", JA, "山田"),
    Case("Taro Yamada <yamada@sample.example>", JA, "山田太郎"),
    Case("Taro Yamada <yamada@sample.example>", JA, "山田 太郎"),
    Case("Taro Yamada <yamada@sample.example>", JA, "山田より"),
    Case("Yuki Tanaka <tanaka@sakura.example>", JA, "田中"),
    Case("Minjun Kim <mjkim@yesi.example>", KO, "김민준"),
    Case("Minjun Kim <mjkim@yesi.example>", KO, "민준"),
    Case("Ahmed Ali <ahmed.ali@almithal.example>", AR, "أحمد"),
    Case("Ahmed Ali <ahmed.ali@almithal.example>", AR, "أحمد علي"),
    Case("Omar Haddad <ohaddad@almithal.example>", AR, "عمر"),
    Case("Noa Levi <noa@dugma.example>", HE, "נועה"),
    Case("Noa Levi <noa@dugma.example>", HE, "נועה לוי"),
    Case("Ali Rezaei <a.rezaei@nemooneh.example>", FA, "علی"),
    Case("Ali Rezaei <a.rezaei@nemooneh.example>", FA, "علی رضایی"),
    Case("Somchai Jaidee <somchai@rimnam.example>", TH, "สมชาย"),
    Case("Rahul Sharma <rsharma@udaharan.example>", HI, "राहुल"),
    Case("Rahul Sharma <rsharma@udaharan.example>", HI, "राहुल शर्मा"),
    # A team or a company's support desk.
    Case("Mary Jones <mjones@acme.example>", EN, "The Acme IT team"),
    Case("Mary Jones <mjones@acme.example>", EN2, "Acme Support"),
    Case("Mary Jones <mjones@acme.example>", EN, "Your Acme Helpdesk"),
    Case("Acme IT <it@acme.example>", EN2, "The Acme IT team"),
    Case("support@acme.example", EN, "Acme Support"),
    Case("Claire Dubois <cdubois@acme.example>", FR, "L'équipe Acme"),
    Case("Claire Dubois <cdubois@acme.example>", FR, "Équipe Acme"),
    Case("Jonas Müller <jmueller@acme.example>", DE, "Ihr Acme-Team"),
    Case("Jonas Müller <jmueller@acme.example>", DE, "Team Acme"),
    Case("Lucía Fernández <lfernandez@acme.example>", ES, "Equipo Acme"),
    Case("Marco Rossi <mrossi@acme.example>", IT, "Il team Acme"),
    Case("João Silva <jsilva@acme.example>", PT, "Equipa Acme"),
    Case("Katarzyna Nowak <knowak@acme.example>", PL, "Zespół Acme"),
    Case("Sanne de Vries <sdevries@acme.example>", NL, "Het Acme-team"),
]

# The initials and an initial of a name the From field writes with a middle initial or
# family name first.
ALONE += [
    Case('"Robert J. Miller" <rmiller@northwind.example>', EN, "RM"),
    Case('"Miller Robert" <rmiller@northwind.example>', EN2, "RM"),
    Case("Robert Miller <rmiller@northwind.example>", EN, "R."),
    Case('"Miller, Robert (IT)" <rmiller@northwind.example>', EN2, "Bob"),
]

# Short forms of the table of each language's (English, German, Dutch, Scandinavian,
# Italian, Spanish, Portuguese, Czech, Polish, Hungarian, Russian, Greek), and Greek
# names whose "ευ" the From field writes "ef" or "ev".
ALONE += [
    Case("Andrew Walsh <awalsh@northwind.example>", EN, "Andy"),
    Case("Patricia Moore <pmoore@northwind.example>", EN2, "Trish"),
    Case("Nathan Price <nprice@northwind.example>", EN, "Nate"),
    Case("Gerhard Maier <gmaier@beispiel.example>", DE, "Gerd"),
    Case("Willem Bakker <wbakker@voorbeeld.example>", NL, "Wim"),
    Case("Per Lindqvist <per.lindqvist@exempel.example>", SV, "Pelle"),
    Case("Salvatore Greco <sgreco@esempio.example>", IT, "Turi"),
    Case("Giovanni Russo <grusso@esempio.example>", IT, "Gianni"),
    Case("Enrique Navarro <enavarro@ejemplo.example>", ES, "Kike"),
    Case("José Santos <jsantos@exemplo.example>", PT, "Zé"),
    Case("Jerzy Kowalski <jkowalski@przyklad.example>", PL, "Jurek"),
    Case("Pyotr Sokolov <psokolov@primer.example>", RU, "Петя"),
    Case("Svetlana Orlova <sorlova@primer.example>", RU, "Света"),
    Case("Oleksandr Koval <okoval@pryklad.example>", RU, "Сашко"),
    Case("Eleftherios Nikolaou <enikolaou@paradeigma.example>", EL, "Λευτέρης"),
    Case("Evangelos Dimou <edimou@paradeigma.example>", EL, "Ευάγγελος"),
    Case("Nikolaos Georgiou <ngeorgiou@paradeigma.example>", EL, "Νίκος"),
]

# The name in Latin letters where the From field writes it in another script.
ALONE += [
    Case("Γιώργος Παπαδόπουλος <gpapa@paradeigma.example>", EL, "George"),
    Case("Олександр Коваль <okoval@pryklad.example>", RU, "Sasha"),
    Case("أحمد علي <ahmed.ali@almithal.example>", AR, "Ahmed"),
    Case("נועה לוי <noa@dugma.example>", HE, "Noa"),
    Case("علی رضایی <a.rezaei@nemooneh.example>", FA, "Ali"),
    Case("สมชาย ใจดี <somchai@rimnam.example>", TH, "Somchai"),
]

# A closing in its paragraph with no comma: the short and familiar ones.
ALONE += [
    Case("Mary Jones <mjones@northwind.example>", EN, "Warmly"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "Yours"),
    Case("Mary Jones <mjones@northwind.example>", EN, "Talk soon"),
    Case("Ayşe Yılmaz <ayse@ornek.example>", TR, "Saygılar"),
    Case("Dewi Lestari <dewi@contoh.example>", ID, "Salam hormat"),
    Case("Taro Yamada <yamada@sample.example>", JA, "草々"),
    Case("Minjun Kim <mjkim@yesi.example>", KO, "수고하세요"),
    Case("Minjun Kim <mjkim@yesi.example>", KO, "잘 부탁드립니다"),
    Case("Claire Dubois <cdubois@exemple.example>", FR, "Bisous"),
    Case("Lucía Fernández <lfernandez@ejemplo.example>", ES, "Besos"),
    Case("João Silva <jsilva@exemplo.example>", PT, "Beijos"),
    Case("Jonas Müller <jmueller@beispiel.example>", DE, "Tschüss"),
]

# A line right under the text's last sentence, no blank line between: it goes.
UNDER = [
    Case("Robert Miller <rmiller@northwind.example>", EN, "Bob"),
    Case("William Carter <wcarter@northwind.example>", EN2, "Bill"),
    Case("José García <jgarcia@ejemplo.example>", ES, "Pepe"),
    Case("Aleksandr Petrov <apetrov@primer.example>", RU, "Саша"),
    Case("Giuseppe Verdi <gverdi@esempio.example>", IT, "Beppe"),
    Case("Mary Jones <mjones@northwind.example>", EN, "MJ"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "M.J."),
    Case("Klaus Weber <kweber@beispiel.example>", DE, "-kw"),
    Case("Mary Jones <mjones@northwind.example>", EN, "/M"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "- M"),
    Case("Samuel Ortiz <sortiz@northwind.example>", EN, "~S"),
    Case("Zhang Wei <zhang.wei@shili.example>", ZH, "张伟"),
    Case("Wang Lei <wanglei@shili.example>", ZH, "王磊"),
    Case("Taro Yamada <yamada@sample.example>", JA, "山田"),
    Case("Ahmed Ali <ahmed.ali@almithal.example>", AR, "أحمد"),
    Case("Noa Levi <noa@dugma.example>", HE, "נועה לוי"),
    Case("Minjun Kim <mjkim@yesi.example>", KO, "김민준"),
    Case("נועה לוי <noa@dugma.example>", HE, "Noa"),
    Case("Andrew Walsh <awalsh@northwind.example>", EN, "Andy"),
    # Under a sentence with no full stop: the initials, a name in another script, a
    # Thai name under a sentence its polite particle ends.
    Case("Mary Jones <mjones@northwind.example>", "Hi,\n\ncan you check this asap", "MJ"),
    Case(
        "Dmitry Ivanov <divanov@primer.example>",
        "Привет,\n\nпосмотрите пожалуйста это сегодня утром",
        "Дима",
    ),
    Case(
        "Somchai Jaidee <somchai@rimnam.example>",
        "สวัสดีครับ\n\nการส่งออก CSV ยังคงล้มเหลวอยู่ รบกวนตรวจสอบด้วยครับ",
        "สมชาย",
    ),
    Case("Mary Jones <mjones@acme.example>", EN, "The Acme IT team"),
    Case("Claire Dubois <cdubois@acme.example>", FR, "L'équipe Acme"),
    Case("Jonas Müller <jmueller@acme.example>", DE, "Ihr Acme-Team"),
]

# The client's own last lines: every word stays.
KEPT = [
    Case("Mary Jones <mjones@northwind.example>", EN, "See you Monday"),
    Case("Robert Miller <rmiller@northwind.example>", EN, "Bob will call you"),
    Case(
        "Robert Miller <rmiller@northwind.example>",
        "Hi,\n\nthe refund never arrived and nobody called back in two weeks.",
        "Thanks for nothing",
    ),
    Case("Mary Jones <mjones@northwind.example>", "Hi,\n\nwhich office moved?", "Paris"),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi,\n\nthe new branch opens next month, in the old post office of the city.",
        "Paris",
    ),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi Tom,\n\nyou asked whether the old printer in bay 3 can go.",
        "Yes",
    ),
    Case(
        "Oliver King <oking@northwind.example>",
        "Hi,\n\nyou asked if the restart tonight is fine with us.",
        "OK",
    ),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi,\n\nthe new login is for our intern, she starts on Monday.",
        "Kevin Walsh",
    ),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi,\n\nplease send the new login to our intern, he starts on Monday.",
        "Kevin",
    ),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi,\n\nthe module that crashes is the one we bought last year.",
        "Acme Support Portal",
    ),
    Case(
        "Mary Jones <mjones@northwind.example>",
        "Hi,\n\nthe export still fails. Who should we write to instead?",
        "Any news?",
    ),
    Case(
        "William Carter <wcarter@northwind.example>",
        "Hi,\n\nthe amount is wrong on the latest",
        "Bill",
        True,
    ),
    Case(
        "Guillermo Ruiz <gruiz@ejemplo.example>",
        "Hola,\n\nel error aparece al guardar el",
        "Memo",
        True,
    ),
    Case(
        "Anna Berg <anna.berg@exempel.example>",
        "Hej,\n\nskrivaren fungerar igen.",
        "Tack för hjälpen med installationen igår",
    ),
    Case(
        "Mary Jones <mjones@acme.example>",
        "Hi,\n\nplease forward the invoices to:",
        "Acme Support",
        True,
    ),
    Case(
        "Mary Jones <mjones@acme.example>",
        "Hi,\n\nthe sizes we still need:\n- L",
        "- M",
        True,
    ),
    Case(
        "Mary Jones <mjones@acme.example>",
        "Hi,\n\nall the new starters are in one department now.",
        "The team",
    ),
    Case("Sergey Petrov <spetrov@primer.example>", RU, "Дима"),
    Case("Ali Rezaei <a.rezaei@nemooneh.example>", "سلام،\n\nآیا باید دوباره نصب کنیم؟", "لا"),
    Case("Zhang Wei <zhang.wei@shili.example>", "您好，\n\n新的发票要寄到哪个城市？", "上海"),
    Case("Taro Yamada <yamada@sample.example>", JA, "ありがとう"),
    # The one a Japanese mail is sent to, by name: "宛" (to), "様".
    Case(
        "Taro Yamada <yamada@sample.example>",
        "お世話になっております。\n\n交換機は下記までお送りください。\n\n"
        "〒150-0002\n東京都渋谷区渋谷2-0-0\nサンプル医院 受付",
        "田中 宛",
        True,
    ),
    Case("Taro Yamada <yamada@sample.example>", JA, "田中様"),
    Case("Mary Jones <mjones@northwind.example>", EN, "Northwind"),
    Case("Noa Levi <noa@dugma.example>", HE, "דני כהן"),
    Case("Mary Jones <mjones@northwind.example>", EN2, "FYI"),
    Case("Mary Jones <mjones@northwind.example>", EN, "Love the new dashboard"),
    # A short line a sentence goes on from is no closing above a name under it.
    Case("Joanna Nowak <jnowak@przyklad.example>", "Hi,\n\nwe ship to", "Asia", True),
    Case(
        "William Carter <wcarter@northwind.example>", "Hi,\n\nplease ask my colleague", "Bill", True
    ),
    Case("Katherine Lee <klee@northwind.example>", "Hi,\n\nthe invoice goes to", "Kate", True),
    Case("נועה לוי <noa@dugma.example>", HE, "Dana"),
    Case("Andrew Walsh <awalsh@northwind.example>", EN, "Trish"),
    Case("Willem Bakker <wbakker@voorbeeld.example>", NL, "Amsterdam"),
    Case("Mary Jones <mjones@northwind.example>", EN, "Is yours the same?"),
]


def _written(case: Case) -> str:
    return f"{case.text}{chr(10) if case.under else chr(10) * 2}{case.line}"


def _read(case: Case, program: str, place: str) -> str:
    text = _written(case)
    body = f"{text}\n\n{quoted('gmail')}" if place == "above-quote" else text
    return parse_message(mail(body, case.sender, program)).reply_text


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", ALONE, ids=lambda c: c.line)
def test_a_line_alone_that_signs_goes(case: Case, program: str, place: str) -> None:
    assert _read(case, program, place) == case.text


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", UNDER, ids=lambda c: c.line)
def test_a_line_under_the_last_sentence_that_signs_goes(
    case: Case, program: str, place: str
) -> None:
    assert _read(case._replace(under=True), program, place) == case.text


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", KEPT, ids=lambda c: c.line)
def test_the_clients_own_last_line_stays(case: Case, program: str, place: str) -> None:
    assert _read(case, program, place) == _written(case)


# A name or initials typed alone above a postscript: they go, the postscript stays.
POSTSCRIPT = [
    Case("Mary Jones <mjones@northwind.example>", EN, "MJ"),
    Case("Robert Miller <rmiller@northwind.example>", EN2, "R."),
    Case("Aleksandr Petrov <apetrov@primer.example>", RU, "Саша"),
    Case("Noa Levi <noa@dugma.example>", HE, "נועה"),
    Case("Mary Jones <mjones@acme.example>", EN, "The Acme IT team"),
]
PS = "P.S. The log is from the night run, the day run has the same error."


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", POSTSCRIPT, ids=lambda c: c.line)
def test_a_line_that_signs_above_a_postscript_goes(case: Case, program: str, place: str) -> None:
    signed = case._replace(line=f"{case.line}\n\n{PS}")
    assert _read(signed, program, place) == f"{case.text}\n\n{PS}"
