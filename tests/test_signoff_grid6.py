"""Sign-offs of shapes the other grids leave out, read from whole mails (Gmail's UTF-8
quoted-printable beside HTML, a base64 text part), under From fields that name the
writer, a shared mailbox, or only an address:

- a name and a job title on two lines with no closing above them, sent from a shared
  mailbox ("Accueil", "Zentrale", "Reception") whose From field names no one;
- a closing and the name on one line, as Thai and Chinese writers put them
  ("ขอแสดงความนับถือ สมชาย", "此致 王伟", "顺祝商祺 李娜");
- a closing sentence and under it a name with a rank or a department, in Korean,
  Japanese and Chinese ("감사합니다." / "박지현 대리");
- and what the client gives at the end on purpose, which stays: a list of names and
  telephone numbers in two columns, a list of staff with their titles, a table of
  contacts, a last sentence that names someone, a name and a title announced above.

Each case that goes is (the writer's From field, the client's text, the sign-off, what
of the sign-off may stay: a thanks written as a sentence).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from tests.support.signoff_grid import gmail, headed, with_plain_part


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    said: str = ""


FR = "Bonjour,\n\nle logiciel de rendez-vous n'envoie plus les rappels SMS depuis lundi."
DE = "Guten Tag,\n\ndas Lieferportal zeigt seit heute früh keine offenen Bestellungen mehr an."
EN = "Hi,\n\nthe card terminal at the front desk declines every contactless payment today."
ES = "Hola,\n\nla factura de mayo aparece duplicada en el portal de clientes."
IT = "Buongiorno,\n\nil gestionale non stampa più le bolle di consegna da ieri pomeriggio."
NL = "Goedemiddag,\n\nde gedeelde agenda synchroniseert sinds vanochtend niet meer."
PT = "Bom dia,\n\no sistema de ponto eletrônico não registra as saídas desde sexta-feira."
PL = "Dzień dobry,\n\nod wczoraj drukarka w recepcji nie drukuje faktur z systemu."
TH = "เรียน ฝ่ายบริการลูกค้า\n\nระบบออกใบกำกับภาษีไม่สามารถพิมพ์เอกสารได้ตั้งแต่เมื่อวานนี้ รบกวนช่วยตรวจสอบด้วยครับ"
ZH = "您好：\n\n我们的发票系统从昨天开始无法导出PDF文件，请尽快帮忙处理。"
ZH_TW = "您好：\n\n我們的會員系統從今天早上開始無法登入，麻煩協助確認。"
KO = "안녕하세요.\n\n어제부터 전자결재 시스템에서 첨부파일이 열리지 않습니다. 확인 부탁드립니다."
JA = (
    "お世話になっております。\n\n"
    "昨日から経費精算システムにログインできません。ご確認をお願いいたします。"
)

GOES: dict[str, Case] = {
    # A name and a job title, no closing, under a shared mailbox's From field.
    "fr-medecin": Case(
        "Claire Martin <c.martin@clinique-lilas.example>",
        FR,
        "Dr Claire Martin\nMédecin coordinateur",
    ),
    "fr-assistante": Case(
        "Sophie Leroy <s.leroy@cabinet-leroy.example>",
        FR,
        "Sophie Leroy\nAssistante de direction",
    ),
    "de-einkauf": Case(
        "Thomas Weber <t.weber@weber-bau.example>", DE, "Dr. Thomas Weber\nLeiter Einkauf"
    ),
    "de-buchhaltung": Case(
        "Petra Schmidt <p.schmidt@autohaus-schmidt.example>",
        DE,
        "Petra Schmidt\nBuchhaltung",
    ),
    "en-office": Case(
        "Sarah Mitchell <sarah@harbourdental.example>", EN, "Sarah Mitchell\nPractice Manager"
    ),
    "en-it": Case(
        "James O'Brien <jobrien@lakeside-law.example>", EN, "James O'Brien\nIT Coordinator"
    ),
    "es-admin": Case(
        "Lucía Fernández <lfernandez@torres.example>",
        ES,
        "Lucía Fernández\nJefa de Administración",
    ),
    "it-acquisti": Case(
        "Marco Bianchi <m.bianchi@bianchi-figli.example>",
        IT,
        "Marco Bianchi\nResponsabile Acquisti",
    ),
    "nl-ict": Case("Jan de Vries <jan@devries-zorg.example>", NL, "Jan de Vries\nHoofd ICT"),
    "pt-financeiro": Case(
        "Ana Souza <ana.souza@lima-construcoes.example>", PT, "Ana Souza\nGerente Financeira"
    ),
    "pl-biuro": Case(
        "Anna Kowalska <a.kowalska@kowalski.example>", PL, "Anna Kowalska\nKierownik biura"
    ),
    "fr-infirmiere": Case(
        "Nadia Benali <n.benali@ehpad-roses.example>",
        FR,
        "Nadia Benali\nInfirmière coordinatrice",
    ),
    "de-aerztin": Case(
        "Julia Hoffmann <praxis@hoffmann-kinder.example>",
        DE,
        "Dr. med. Julia Hoffmann\nKinderärztin",
    ),
    "es-farmacia": Case(
        "Carmen Ortiz <carmen@farmacia-ortiz.example>", ES, "Carmen Ortiz\nFarmacéutica titular"
    ),
    "ja-soumu": Case("Ichiro Tanaka <tanaka@sakura-shoji.example>", JA, "田中 一郎\n総務部 課長"),
    # A closing and the name on one line.
    "th-nabthue": Case("Somchai Jaidee <somchai@thaitrade.example>", TH, "ขอแสดงความนับถือ สมชาย"),
    "th-nabthue-full": Case(
        "Somchai Jaidee <somchai@thaitrade.example>", TH, "ขอแสดงความนับถือ\nสมชาย ใจดี"
    ),
    "th-duai-khaorop": Case(
        "Wichai Srisuk <wichai@siamparts.example>", TH, "ด้วยความเคารพ วิชัย ศรีสุข"
    ),
    "zh-cizhi": Case("Wei Wang <wang.wei@huaxin.example>", ZH, "此致 王伟"),
    "zh-shunzhu": Case("Na Li <lina@dongfang.example>", ZH, "顺祝商祺 李娜"),
    "zh-zhuhao": Case("Jing Chen <chenjing@dongfang.example>", ZH, "祝好，陈静"),
    "zh-tw-jingzhu": Case("Chih-Ming Lin <cmlin@hsinyi.example>", ZH_TW, "敬祝 商祺 林志明"),
    # A closing sentence, the name with a rank or a department under it.
    "ko-daeri": Case(
        "Jihyun Park <jhpark@hanbit.example>", KO, "감사합니다.\n박지현 대리", said="감사합니다."
    ),
    "ko-gwajang-deurim": Case(
        "Youngsoo Kim <yskim@hanbit.example>",
        KO,
        "감사합니다.\n김영수 과장 드림",
        said="감사합니다.",
    ),
    "ko-team": Case(
        "Sungmin Lee <smlee@hanbit.example>",
        KO,
        "수고하세요.\n총무팀 이성민 팀장",
        said="수고하세요.",
    ),
    "ko-block": Case(
        "Jihyun Park <jhpark@hanbit.example>",
        KO,
        "감사합니다.\n\n박지현 대리\n한빛전자 경영지원팀\nTel. 02-555-0123",
        said="감사합니다.",
    ),
    "ko-no-stop": Case(
        "Jihyun Park <jhpark@hanbit.example>",
        KO,
        "감사합니다\n박지현 대리\n한빛전자",
        said="감사합니다",
    ),
    "ko-rank-first": Case(
        "Jihyun Park <jhpark@hanbit.example>", KO, "수고하세요.\n대리 박지현", said="수고하세요."
    ),
    "ko-sincerely": Case(
        "Youngsoo Kim <yskim@hanbit.example>",
        KO,
        "좋은 하루 되세요.\n김영수 과장 올림",
        said="좋은 하루 되세요.",
    ),
    "ja-bucho": Case(
        "Ichiro Tanaka <tanaka@sakura-shoji.example>",
        JA,
        "よろしくお願いいたします。\n営業部 田中",
        said="よろしくお願いいたします。",
    ),
    "zh-jingli": Case("Wei Wang <wang.wei@huaxin.example>", ZH, "谢谢！\n王伟 经理", said="谢谢！"),
}


# What the client writes or pastes at the end on purpose: it stays.
KEPT: dict[str, str] = {
    # Two columns of names and telephone numbers.
    "en-phone-list": "Please give these people access to the portal:\n\n"
    "John Smith      07700 900123\nMary Jones      07700 900456\nPeter Brown     07700 900789",
    "en-phone-list-no-intro": "We have new staff on the night shift.\n\n"
    "John Smith    07700 900123\nMary Jones    07700 900456",
    "de-telefonliste-tabs": "Bitte legen Sie für diese Mitarbeiter Zugänge an.\n\n"
    "Max Müller\t0171 2345678\nErika Mustermann\t0172 3456789\nJonas Becker\t0160 9876543",
    "fr-astreinte": "Voici les contacts d'astreinte pour le week-end.\n\n"
    "Paul Durand      06 12 34 56 78\nSophie Leroy     06 98 76 54 32\n"
    "Marc Petit       07 11 22 33 44",
    "es-contactos": "Les paso los teléfonos de los encargados de turno.\n\n"
    "Carlos Ruiz\t612 345 678\nMarta Gómez\t623 456 789\nLuis Ortega\t634 567 890",
    "zh-phone-list": "以下是需要开通账号的同事：\n\n"
    "王伟\u3000138 0013 8000\n李娜\u3000139 0013 9000\n"
    "陈静\u3000137 0013 7000",
    "ko-phone-list": "아래 직원들의 계정을 만들어 주세요.\n\n"
    "박지현    010-1234-5678\n김영수    010-2345-6789\n이성민    010-3456-7890",
    # A list of staff with their titles.
    "en-staff-titles": "These are the people who may approve orders.\n\n"
    "Sarah Mitchell, Practice Manager\nTom Baker, Head Receptionist\nJane Roe, Accountant",
    "de-staff-columns": "Folgende Personen dürfen Bestellungen freigeben:\n\n"
    "Dr. Thomas Weber\tLeiter Einkauf\nPetra Schmidt\tBuchhaltung",
    "fr-referent": "Le nouveau référent pour les factures est :\n\n"
    "Dr Claire Martin\nMédecin coordinateur",
    "ko-staff-ranks": "결재 권한이 있는 직원은 다음과 같습니다.\n\n"
    "박지현 대리\n김영수 과장\n이성민 팀장",
    # A table of contacts with a header row.
    "en-contact-table": "Here is the escalation list you asked for.\n\n"
    "Name\tRole\tPhone\nJohn Smith\tSite manager\t07700 900123\n"
    "Mary Jones\tIT lead\t07700 900456",
    "de-kontakt-tabelle": "Hier die Ansprechpartner je Standort:\n\n"
    "Standort    Name    Telefon\nMünchen    Max Müller    089 123456\n"
    "Berlin    Erika Mustermann    030 654321",
    "th-contact-table": "รายชื่อผู้ติดต่อแต่ละสาขาตามนี้ครับ\n\n"
    "ชื่อ\tโทรศัพท์\nสมชาย ใจดี\t089 765 4321\nวิชัย ศรีสุข\t081 234 5678",
    "en-phone-table-head": "Here is the on-call rota for the weekend.\n\n"
    "Name\tPhone\nJohn Smith\t07700 900123\nMary Jones\t07700 900456",
    # A last sentence that names someone.
    "en-sentence-name": "The technician can ask for the key at reception.\n\n"
    "Please call Sarah Mitchell when you arrive.",
    "fr-sentence-name": "Le technicien peut passer jeudi.\n\nMerci de voir avec Claire Martin.",
    "de-sentence-name": "Der Techniker kann am Donnerstag kommen.\n\n"
    "Bitte melden Sie sich bei Herrn Weber am Empfang.",
    "fr-name-then-words": "Le technicien peut passer jeudi.\n\nPaul Durand\nSera absent lundi",
    "th-thanks-name": "ขอบคุณ สมชาย ที่ช่วยเหลือเมื่อวานนี้",
    "zh-sentence-name": "技术人员明天可以过来。\n\n请联系王伟经理。",
    "ko-sentence-name": "기사님은 내일 오시면 됩니다.\n\n도착하시면 박지현 대리에게 연락 주세요.",
    "th-sentence-name": "ช่างสามารถเข้ามาได้พรุ่งนี้\n\nกรุณาติดต่อคุณสมชายที่แผนกต้อนรับ",
}


def mail(text: str, sender: str, program: str = "gmail") -> bytes:
    date = "Thu, 12 Jun 2025 09:10:00 +0200"
    msg = headed(sender, "Re: [#8120] Update", date, "<grid6-signoff@client.example>")
    if program == "base64":
        return with_plain_part(msg, text, program)
    gmail(text, msg)
    return msg.as_bytes()


def _domain(sender: str) -> str:
    return sender.rpartition("@")[2].rstrip(">")


def _from(sender: str, field: str) -> str:
    """The writer's own From field, a shared mailbox's at the same domain (its name a
    department's), or a bare address that names no one."""
    if field == "writer":
        return sender
    if field == "mailbox":
        return f"Accueil <accueil@{_domain(sender)}>"
    return f"info@{_domain(sender)}"


@pytest.mark.parametrize("case", list(GOES))
@pytest.mark.parametrize("field", ["writer", "mailbox", "address"])
@pytest.mark.parametrize("program", ["gmail", "base64"])
def test_the_sign_off_goes(case: str, field: str, program: str) -> None:
    c = GOES[case]
    text = f"{c.body}\n\n{c.sign_off}\n"
    got = parse_message(mail(text, _from(c.sender, field), program)).reply_text
    allowed = [c.body.split()]
    if c.said:
        allowed.append(f"{c.body}\n{c.said}".split())
    assert got.split() in allowed, got


KEPT_SENDERS = [
    "Claire Martin <c.martin@clinique-lilas.example>",
    "Accueil <accueil@clinique-lilas.example>",
    "info@clinique-lilas.example",
]


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize("sender", KEPT_SENDERS)
def test_what_the_client_gives_at_the_end_stays(case: str, sender: str) -> None:
    text = KEPT[case]
    got = parse_message(mail(text + "\n", sender)).reply_text
    assert got.split() == text.split(), got
