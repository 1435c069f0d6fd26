"""The new part of a reply, as the mail programs clients use write their replies: the
quoted history and the signature go, the client's words stay, and the full text keeps
everything."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from mailgate.parse.signoff import without_name
from tests.support.cost import assert_grows_linearly
from tests.support.mailfactory import build

NEW = "Thanks, it works now!"

TOP_POSTED = {
    "gmail": (
        f"{NEW}\n\nOn Wed, Jan 3, 2024 at 10:00 AM Support <support@example.com> wrote:\n\n"
        "> Please restart it.\n>\n> Support\n"
    ),
    "gmail folded attribution": (
        f"{NEW}\n\nOn Wed, Jan 3, 2024 at 10:00 AM Support <\nsupport@example.com> wrote:\n\n"
        "> Please restart it.\n"
    ),
    "apple mail": (
        f"{NEW}\n\n> On 3 Jan 2024, at 10:00, Support <support@example.com> wrote:\n>\n"
        "> Please restart it.\n"
    ),
    "iphone": (
        f"{NEW}\n\nSent from my iPhone\n\n> On Jan 3, 2024, at 10:00 AM, Support "
        "<support@example.com> wrote:\n>\n> Please restart it.\n"
    ),
    "outlook": (
        f"{NEW}\n\n________________________________\nFrom: Support <support@example.com>\n"
        "Sent: Wednesday, January 3, 2024 10:00 AM\nTo: Jo Client <jo@client.example>\n"
        "Subject: RE: #[1] Printer\n\nPlease restart it.\n"
    ),
    "outlook bold labels": (
        f"{NEW}\n\n*From:* Support [mailto:support@example.com]\n*Sent:* Wednesday, "
        "January 3, 2024 10:00 AM\n*To:* jo@client.example\n*Subject:* Printer\n\n"
        "Please restart it.\n"
    ),
    "outlook french": (
        f"{NEW}\n\nDe : Support <support@example.com>\nEnvoyé : mercredi 3 janvier 2024 "
        "10:00\nÀ : Jo Client <jo@client.example>\nObjet : RE: Imprimante\n\n"
        "Veuillez redémarrer.\n"
    ),
    "outlook german divider": (
        f"{NEW}\n\n-----Ursprüngliche Nachricht-----\nVon: Support <support@example.com>\n"
        "Gesendet: Mittwoch, 3. Januar 2024 10:00\nAn: Jo Client\nBetreff: Drucker\n\n"
        "Bitte neu starten.\n"
    ),
    "outlook spanish": (
        f"{NEW}\n\nDe: Support <support@example.com>\nEnviado el: miércoles, 3 de enero "
        "de 2024 10:00\nPara: Jo\nAsunto: Impresora\n\nReinicie.\n"
    ),
    "outlook russian": (
        f"{NEW}\n\nОт: Support <support@example.com>\nОтправлено: 3 января 2024 г. 10:00\n"
        "Кому: Jo\nТема: Принтер\n\nПерезагрузите.\n"
    ),
    "foxmail chinese": (
        f"{NEW}\n\n------------------ 原始邮件 ------------------\n"
        '发件人: "Support"<support@example.com>;\n发送时间: 2024年1月3日(星期三) 上午10:00\n'
        '收件人: "Jo"<jo@client.example>;\n主题: 打印机\n\n请重新启动。\n'
    ),
    "gmail japanese": (
        f"{NEW}\n\n2024年1月3日(水) 10:00 Support <support@example.com>:\n\n"
        "> 再起動してください。\n"
    ),
    "gmail spanish": (
        f"{NEW}\n\nEl mié, 3 ene 2024 a las 10:00, Support (<support@example.com>) "
        "escribió:\n\n> Reinicie.\n"
    ),
    "gmail dutch": (
        f"{NEW}\n\nOp wo 3 jan. 2024 om 10:00 schreef Support <support@example.com>:\n\n"
        "> Herstart het.\n"
    ),
    "thunderbird german": (
        f"{NEW}\n\nAm 03.01.24 um 10:00 schrieb Support:\n> Bitte neu starten.\n"
    ),
    "yandex russian": (
        f'{NEW}\n\n03.01.2024, 10:00, "Support" <support@example.com>:\n> Перезагрузите.\n'
    ),
    "gmail french": (
        f"{NEW}\n\nLe mer. 3 janv. 2024 à 10:00, Support <support@example.com> a écrit :\n\n"
        "> Veuillez redémarrer.\n"
    ),
    "gmail german": (
        f"{NEW}\n\nAm Mi., 3. Jan. 2024 um 10:00 Uhr schrieb Support <support@example.com>:"
        "\n\n> Bitte neu starten.\n"
    ),
    "gmail portuguese": (
        f"{NEW}\n\nEm qua., 3 de jan. de 2024 às 10:00, Support <support@example.com> "
        "escreveu:\n\n> Reinicie.\n"
    ),
    "gmail italian": (
        f"{NEW}\n\nIl giorno mer 3 gen 2024 alle ore 10:00 Support <support@example.com> ha "
        "scritto:\n\n> Riavvia.\n"
    ),
    "gmail swedish": (
        f"{NEW}\n\nDen ons 3 jan. 2024 kl 10:00 skrev Support <support@example.com>:\n\n"
        "> Starta om.\n"
    ),
    "outlook japanese": (
        f"{NEW}\n\n差出人: Support <support@example.com>\n送信日時: 2024年1月3日 10:00\n"
        "宛先: Jo\n件名: プリンター\n\n再起動してください。\n"
    ),
    "outlook korean": (
        f"{NEW}\n\n보낸 사람: Support <support@example.com>\n보낸 날짜: 2024년 1월 3일 10:00\n"
        "받는 사람: Jo\n제목: 프린터\n\n다시 시작하세요.\n"
    ),
    "polish": (
        f"{NEW}\n\nDnia 3 stycznia 2024 10:00 Support <support@example.com> napisał(a):\n\n"
        "> Proszę zrestartować.\n"
    ),
    "unquoted history after attribution": (
        f"{NEW}\n\nOn Wed, Jan 3, 2024 at 10:00 AM Support <support@example.com> wrote:\n"
        "Please restart it.\n"
    ),
    "signature": f"{NEW}\n\n-- \nJo Client\nACME Corp\n+1 555 0100\n",
    "sign-off": f"{NEW}\n\nBest regards,\nJo Client\nACME Corp\n",
    "danish sign-off": f"{NEW}\n\nMed venlig hilsen\nAnders Andersen\n",
    "german sign-off": f"{NEW}\n\nMit freundlichen Grüßen\nJörg Müller\n",
    "dashed name": f"{NEW}\n\n-Jo Client\n",
    "german mobile footer": f"{NEW}\n\nVon meinem iPhone gesendet\n",
    "french mobile footer": f"{NEW}\n\nEnvoyé de mon iPad\n",
    "outlook mobile footer": f"{NEW}\n\nGet Outlook for Android\n",
    "apple forward": (
        f"{NEW}\n\nBegin forwarded message:\n\nFrom: Support <support@example.com>\n"
        "Subject: Printer\nDate: 3 January 2024 at 10:00:00 CET\nTo: Jo\n\nRestart it.\n"
    ),
}


@pytest.mark.parametrize("client", sorted(TOP_POSTED))
def test_top_posted_reply_keeps_only_the_new_text(client: str) -> None:
    body = TOP_POSTED[client]
    parsed = parse_message(build(body=body))
    assert parsed.reply_text == NEW
    assert parsed.text.strip() == body.strip()


def test_bottom_posted_reply_keeps_the_text_below_the_quote() -> None:
    body = (
        "On Wed, Jan 3, 2024 at 10:00 AM Support <support@example.com> wrote:\n"
        "> Please restart it.\n\nDone, it works now.\n"
    )
    assert reply_text(body) == "Done, it works now."


def test_inline_answers_are_all_kept_and_the_questions_are_not() -> None:
    body = (
        "Support <support@example.com> wrote:\n> Which version do you run?\n2.1\n\n"
        "> And which system?\nDebian 12\n\n-- \nJo\n"
    )
    got = reply_text(body)
    assert got == "2.1\n\nDebian 12"


@pytest.mark.parametrize(
    "body",
    [
        "Sent from my office, the printer still prints nothing at all.",
        "The outage window:\nFrom: Monday 10:00\nTo: Friday 12:00\nPlease confirm.",
        "Note: the printer is on floor 2.\nSee the log below:\nerror 42",
        "I wrote: the printer is broken.\nStill broken.",
        "Best regards,\nJo",
        "It works now.\n\nThanks,\nJo",
        "Steps tried:\n\n- restart the printer",
        "It works now.\n\nRegards to the whole team, you were great.",
    ],
)
def test_ordinary_text_is_kept_whole(body: str) -> None:
    assert reply_text(body) == body


# A closing formula, then up to three short lines — name, title, company, telephone —
# with or without blank lines between them, in the languages clients write.
SIGN_OFFS = {
    "name and company": "Best regards,\nJo Client\nACME Corp",
    "blank line under the formula": "Best regards,\n\nJo Client\nACME Corp",
    "german, name, title, company": (
        "Mit freundlichen Grüßen\n\nJörg Müller\nLeiter IT-Service\nMüller & Söhne GmbH"
    ),
    "french, a long title": (
        "Cordialement,\nMarie Dupont\nResponsable support client, ACME France SAS"
    ),
    "spanish, the company apart": "Saludos,\nAna García\n\nACME Ibérica S.L.",
    "dutch with a telephone number": "Met vriendelijke groet,\nJan de Vries\nTel. +31 20 123 4567",
    "under the last sentence": "Kind regards,\nJo Client\n\nSenior Support Engineer | ACME Corp",
    "a warmer german formula": "Herzliche Grüße\nJörg\nMüller & Söhne GmbH",
    "american, a word": "Best,\nJo Client\nACME Corp",
}


@pytest.mark.parametrize("sign_off", sorted(SIGN_OFFS))
def test_a_sign_off_with_name_title_and_company_is_cut(sign_off: str) -> None:
    body = f"Hello,\n\n{NEW}\n\n{SIGN_OFFS[sign_off]}\n"
    assert reply_text(body) == f"Hello,\n\n{NEW}"


@pytest.mark.parametrize(
    "body",
    [
        f"{NEW}\n\nBest regards,\nJo\n\nPlease call me back tomorrow.",
        f"{NEW}\n\nCheers,\nJo\n\nOne more thing: the toner is empty too, and so is the "
        "spare one in the cupboard.",
    ],
)
def test_a_sign_off_followed_by_more_text_is_kept(body: str) -> None:
    assert reply_text(body) == body


@pytest.mark.parametrize(
    ("sign_off", "postscript"),
    [
        ("Best regards,\nJo", "P.S. The cable was loose, I plugged it back in."),
        ("Mit freundlichen Grüßen\nJörg Müller", "PS: bitte um Rückruf"),
        ("Regards,\nJo", "Can you also check the scanner?"),
    ],
)
def test_an_afterthought_under_a_sign_off_stays_and_the_sign_off_goes(
    sign_off: str, postscript: str
) -> None:
    assert reply_text(f"{NEW}\n\n{sign_off}\n\n{postscript}") == f"{NEW}\n\n{postscript}"


def test_a_name_the_writer_typed_under_their_text_goes_when_a_signature_names_them() -> None:
    assert without_name("Restart it.\n\nAnn", "Ann Agent") == "Restart it."
    assert without_name("Restart it.\n\n-- Ann Agent", "Ann Agent") == "Restart it."
    assert without_name("Restart it.\n\nThanks,\nAnn", "Ann Agent") == "Restart it.\n\nThanks,"
    assert without_name("Restart it.\n\nThanks, Ann!", "ann agent") == "Restart it.\n\nThanks,"
    # Not a sign-off: a sentence that ends with the name, another name, the whole text.
    for kept, name in [
        ("Restart it.\n\nI asked Ann", "Ann Agent"),
        ("Restart it.\n\nBob", "Ann Agent"),
        ("Ann", "Ann Agent"),
        ("Restart it.\n\nAnnabelle", "Ann Agent"),
    ]:
        assert without_name(kept, name) == kept


def test_forward_without_a_word_reads_the_forwarded_text() -> None:
    body = (
        "---------- Forwarded message ---------\nFrom: Jo <jo@client.example>\n"
        "Date: Wed, 3 Jan 2024 at 10:00\nSubject: Printer\nTo: Ann <ann@client.example>\n\n"
        "The printer on floor 2 is broken.\n"
    )
    assert reply_text(body) == "The printer on floor 2 is broken."


def test_html_blockquote_and_its_attribution_are_history() -> None:
    html = (
        "<html><body><p>Fixed, thanks!</p><br>Wed, 3 Jan 2024 10:00 +0100 от Support "
        "&lt;support@example.com&gt;:<br><blockquote style='border-left:1px solid'>"
        "<div>Please restart it.</div></blockquote></body></html>"
    )
    raw = (
        b"From: Jo <jo@client.example>\r\nTo: support@example.com\r\nSubject: Re: x\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    ) + html.encode()
    parsed = parse_message(raw)
    assert parsed.reply_text == "Fixed, thanks!"
    assert "Please restart it." in parsed.text


HOSTILE_QUOTES = {
    "a quote of one long line": lambda n: "ok\n\n" + "> " + "quoted text " * n + "\n",
    "header lines": lambda n: "ok\n" + "From: x\n" * n,
    "attributions": lambda n: "ok\n" + ("a" * 300 + " wrote:\n") * (n // 25),
    "blank lines": lambda n: "ok\n" + "\n" * n + "> q\n",
    "colons": lambda n: "ok\n" + ":\n" * n + "> q\n",
}


@pytest.mark.parametrize("shape", sorted(HOSTILE_QUOTES))
def test_hostile_quotes_are_read_in_linear_time(shape: str) -> None:
    assert_grows_linearly(HOSTILE_QUOTES[shape], reply_text, 40000)


HTML_REPLIES = {
    "apple mail": (
        '<div>Works now, thanks!</div><div><br><blockquote type="cite"><div>On 3 Jan 2024, '
        "at 10:00, Support &lt;s@h.test&gt; wrote:</div><br><div>Please restart.</div>"
        "</blockquote></div>"
    ),
    "apple mail, attribution outside the quote": (
        "<div>Works now, thanks!</div><div><br><div>On 3 Jan 2024, at 10:00, Support "
        '&lt;s@h.test&gt; wrote:</div><br><blockquote type="cite"><div>Please restart.</div>'
        "</blockquote></div>"
    ),
    "outlook 2016": (
        '<div>Works now, thanks!</div><div style="border:none;border-top:solid #E1E1E1 1.0pt">'
        "<p><b>From:</b> Support &lt;s@h.test&gt;<br><b>Sent:</b> Wednesday, January 3, 2024 "
        "10:00 AM<br><b>To:</b> Jo<br><b>Subject:</b> printer</p></div><p>Please restart.</p>"
    ),
    "outlook 365": (
        '<div>Works now, thanks!</div><hr tabindex="-1"><div id="divRplyFwdMsg" dir="ltr">'
        "<font><b>From:</b> Support<br><b>Sent:</b> Wednesday<br><b>To:</b> Jo<br>"
        "<b>Subject:</b> printer</font></div><div>Please restart.</div>"
    ),
    "gmail": (
        '<div dir="ltr">Works now, thanks!</div><br><div class="gmail_quote"><div '
        'class="gmail_attr">On Wed, Jan 3, 2024 at 10:00 AM Support &lt;<a href="mailto:s@h.'
        'test">s@h.test</a>&gt; wrote:<br></div><blockquote class="gmail_quote">Please '
        "restart.</blockquote></div>"
    ),
    "thunderbird": (
        '<p>Works now, thanks!</p><div class="moz-cite-prefix">On 03.01.24 10:00, Support '
        'wrote:<br></div><blockquote type="cite">Please restart.</blockquote>'
    ),
    "webmail with a sign-off": (
        "<p>Works now, thanks!</p><p>Best regards,<br>Jo</p><div><hr><b>From:</b> Support<br>"
        "<b>Sent:</b> Wednesday<br><b>Subject:</b> printer</div><p>Please restart.</p>"
    ),
}


@pytest.mark.parametrize("client", sorted(HTML_REPLIES))
def test_html_reply_keeps_only_the_new_text(client: str) -> None:
    raw = (
        b"From: Jo <jo@client.example>\r\nTo: support@example.com\r\nSubject: Re: x\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    ) + HTML_REPLIES[client].encode()
    parsed = parse_message(raw)
    assert parsed.reply_text == "Works now, thanks!"
    assert "Please restart." in parsed.text


def _html_mail(html: str) -> bytes:
    return (
        b"From: Jo Client <jo@client.example>\r\nTo: support@example.com\r\nSubject: Re: x\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    ) + html.encode()


def test_html_nested_in_divs_reads_from_the_first_column() -> None:
    html = (
        '<html><body><div dir="ltr"><div>Hello,</div><div><br></div><div>It still fails.'
        "</div><div><br></div><div>-- </div><div>Jo Client</div><div>Client Ltd</div>"
        "</div></body></html>"
    )
    parsed = parse_message(_html_mail(html))
    assert parsed.reply_text == "Hello,\n\nIt still fails."
    assert not any(line.startswith(" ") for line in parsed.text.split("\n"))


def test_html_attribution_in_its_own_paragraph_goes_with_the_cited_quote() -> None:
    html = (
        "<html><body><p>It still fails.</p><p>Am 12.01.22 um 15:06 schrieb Acme Support:</p>"
        '<blockquote type="cite"><div>Please restart it.</div></blockquote></body></html>'
    )
    assert parse_message(_html_mail(html)).reply_text == "It still fails."


def test_html_answers_between_cited_quotes_stay_between_them() -> None:
    html = (
        '<html><body><blockquote type="cite"><div>Which room?</div></blockquote>'
        '<div>Room 4.</div><blockquote type="cite"><div>Which day?</div></blockquote>'
        "<div>Tuesday.</div></body></html>"
    )
    reply = parse_message(_html_mail(html)).reply_text
    assert "Room 4." in reply
    assert reply.endswith("Tuesday.")
    assert "Which day?" not in reply
