"""The forms of history, footers and sign-offs the reply reader knows by their structure:
wrapped quotes, attributions in many languages and shapes, footers of lists, services and
servers, signature blocks under a closing.  Each rule is shown with a case it must catch
and one it must leave alone."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.footers import list_marks
from mailgate.parse.quotes import reply_text
from mailgate.parse.signoff import is_own_name, writer_name
from tests.support.cost import assert_grows_linearly

QUOTE = "> Please send us the invoice number and the date of the order so that we can\n"


# -- wrapped quotes --------------------------------------------------------------------------


def test_the_tail_of_a_wrapped_quoted_line_is_part_of_the_quote() -> None:
    text = (
        "Thanks, that worked.\n\n"
        "On Tue, 3 Mar 2020 at 10:04, Acme Support <support@helpdesk.example> wrote:\n"
        "> Hello Jane, please try clearing the cache of your browser and then log in\n"
        "again.\n"
        "> If that does not help, send us a screenshot of the error message you see\n"
        "on\n"
        "> the login page.\n"
    )
    assert reply_text(text) == "Thanks, that worked."


def test_inline_answers_stay_and_the_wrapped_tail_between_them_goes() -> None:
    text = (
        "> Could you tell us which version of the app you are running on your phone at\n"
        "the moment?\n"
        "Version 4.2.1 on Android.\n\n"
        "> And did the problem start after the last update?\n\n"
        "Yes, right after it.\n"
    )
    reply = reply_text(text)
    assert "the moment" not in reply
    assert "Version 4.2.1 on Android." in reply
    assert "Yes, right after it." in reply


@pytest.mark.parametrize(
    "answer",
    [
        "> Did it work?\nYes, it did.\n",  # a short quoted line: the answer is the writer's
        "> Please check the printer and tell us whether the paper tray is inserted.\n"
        "It is.\n",  # the quoted sentence ended
    ],
)
def test_a_line_typed_under_a_quote_is_the_writers(answer: str) -> None:
    assert reply_text(answer) == answer.split("\n")[-2]


# -- attributions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "2014-03-20 8:48 GMT+01:00 Acme Support <support@helpdesk.example>:",
        "2014年3月20日(木) 8:48 Acme Support <support@helpdesk.example>:",
        "вт, 3 мар. 2020 г. в 10:00, Acme Support <support@helpdesk.example>:",
        "El dj., 20 de març 2014 a les 8:48, Acme (<support@helpdesk.example>) va escriure:",
        "W dniu 20.03.2014 o 08:48, Acme Support pisze:",
        "Op do 20 mrt 2014 om 08:48 schreef Acme Support <support@helpdesk.example>:",
        "Acme <support@helpdesk.example> ezt írta (időpont: 2014. márc. 20., Cs 8:48):",
        "---- On Thu, 20 Mar 2014 08:48:12 +0100 Acme <support@helpdesk.example> wrote ----",
        "---- Le jeu., 20 mars 2014 08:48:12 +0100 Acme <support@helpdesk.example> a écrit ----",
        "Am 20.03.2014 um 08:48 schrieb\nAcme Support <support@helpdesk.example>:",
        "Le lun. 2 mars 2020 à 10:00, Acme Support <support@helpdesk.example> a\nécrit :",
        "Vào Th 5, 20 thg 3, 2014 lúc 08:48 Acme <support@helpdesk.example> đã viết:",
        "\u202bفي الاثنين، 2 مارس 2020 في 10:00 ص، كتب Acme <support@helpdesk.example>:\u202c",
    ],
)
@pytest.mark.parametrize("marked", [True, False], ids=["quoted", "unquoted"])
def test_an_attribution_is_read_by_its_structure(header: str, marked: bool) -> None:
    history = "Please send us the invoice number.\nAcme Support"
    if marked:
        history = "\n".join("> " + line for line in history.split("\n"))
    reply = reply_text(f"Here it is: 4411.\n\n{header}\n\n{history}\n")
    assert reply == "Here it is: 4411."


def test_a_bare_from_line_above_a_quote_goes_with_it() -> None:
    text = "Done.\n\nFrom: Acme Support <support@helpdesk.example>\n" + QUOTE
    assert reply_text(text) == "Done."


@pytest.mark.parametrize(
    "text",
    [
        "From: my side everything is fine now, thanks.\nI wrote: nothing else.",
        "On Monday at 10:00 I called you about it, no answer.\nPlease call back.",
        "We moved on 2024-03-01 to a new office; write to jo@acme.example from now on.",
        "my colleague jo@acme.example wrote to you on 2024-03-01:\nplease close the account.",
        "here is the log:\n2024-03-18 10:22:31 GMT+01:00 mailer[231]: to=<jo@acme.example>, "
        "status=deferred:\n2024-03-18 10:22:32 GMT+01:00 mailer[231]: timeout",
        "Am 18.03. schrieb mir Ihr Kollege, dass es behoben sei.\nEs tritt weiter auf.",
    ],
)
def test_the_writers_own_lines_with_dates_and_addresses_are_kept(text: str) -> None:
    assert reply_text(text) == text


def test_a_divider_and_header_above_a_quote_answered_inline_keep_the_answers() -> None:
    text = (
        "Hi Jonas,\n\nsee below.\n\n----- Original Message -----\n"
        'From: "Acme Support" <support@helpdesk.example>\nTo: jo@acme.example\n'
        "Sent: Tuesday, August 17, 2021 9:40:12 AM\nSubject: [#8105] Reminders\n\n"
        "> Could you tell us whether both reminders arrived at the same time or several\n"
        "hours\n> apart?\n\nSeveral hours apart.\n\n> Which rules are active?\n"
        "Two of them.\n"
    )
    reply = reply_text(text)
    assert " ".join(reply.split()) == "Hi Jonas, see below. Several hours apart. Two of them."


def test_supercite_quoting_with_initials_is_a_quote() -> None:
    text = "AS> Which printer model is it?\nA Brother HL-L2350DW.\nAS> And the driver?\nThe latest."
    assert reply_text(text) == "A Brother HL-L2350DW.\n\nThe latest."


# -- footers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        "_______________________________________________\nusers mailing list\n"
        "users@lists.proj.example\nhttps://lists.proj.example/mailman/listinfo/users",
        "--\nYou received this message because you are subscribed to the Google Groups "
        '"proj-users" group.\nTo unsubscribe from this group and stop receiving emails from '
        "it, send an email to proj-users+unsubscribe@googlegroups.example.",
        "—\nReply to this email directly, view it on GitHub "
        "<https://github.example/o/r/issues/1#issuecomment-2>, or unsubscribe "
        "<https://github.example/notifications/unsubscribe-auth/AB>.\n"
        "You are receiving this because you authored the thread.",
        "This email has been checked for viruses by Avast antivirus software.\nwww.avast.example",
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and "
        "intended solely for the addressee. If you received it in error, delete it.",
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige "
        "Empfänger sind, informieren Sie bitte sofort den Absender.",
        "Unsubscribe: https://news.shop.example/u/8f2c | Manage preferences",
        "This email is a service from Brightline Parts Support. Delivered by Zendesk",
        "[Privacy Statement](https://privacy.example/statement)\n"
        "This email is generated through Acme's use of Microsoft 365.",
        "이 메일은 지정된 수신인만을 위한 것이며 기밀 정보를 포함하고 있을 수 있습니다.",
        "Ez az e-mail bizalmas információt tartalmaz, és kizárólag a címzettnek szól.",
        "Acest mesaj este confidențial și este destinat exclusiv destinatarului său.",
        "Το παρόν μήνυμα είναι εμπιστευτικό και απευθύνεται αποκλειστικά στον παραλήπτη.",
        "הודעה זו חסויה ומיועדת לנמען בלבד. אם קיבלת אותה בטעות, אנא מחק אותה.",
        "هذه الرسالة سرية ومخصصة للمستلم فقط، ويحظر استخدامها من قبل غيره.",
        "Thư này có thể chứa thông tin bảo mật và chỉ dành cho người nhận.",
        "Email ini bersifat rahasia dan hanya ditujukan kepada penerima yang dimaksud.",
        "Denne e-posten er konfidensiell og kun ment for mottaker. Videresending er forbudt.",
    ],
)
def test_footers_software_adds_are_not_the_writers(footer: str) -> None:
    assert reply_text(f"Hi,\n\nthe export fails since 2.3.\n\nJo\n\n{footer}\n") == (
        "Hi,\n\nthe export fails since 2.3.\n\nJo"
    )


def test_a_ticket_systems_notification_reads_as_its_newest_entry() -> None:
    text = (
        "##- Please type your reply above this line -##\n\n"
        "Your request (48213) has been updated.\n"
        "----------------------------------------------\n\nTomasz Wrona\n\n"
        "Nov 4, 2020, 15:02 GMT+1\n\nThe print heads left our warehouse today.\n\n"
        "----------------------------------------------\n\nAcme Support\n\n"
        "Nov 3, 2020, 09:40 GMT+1\n\nTwo print heads leave white streaks.\n"
    )
    # The newest entry's text alone: not the marker, the notice, its author or its date.
    assert reply_text(text) == "The print heads left our warehouse today."


def test_a_reply_typed_above_the_marker_is_what_is_above_it() -> None:
    text = "Thanks, received.\n\n## Please reply above this line ##\n\nYour order shipped."
    assert reply_text(text) == "Thanks, received."


@pytest.mark.parametrize(
    "own",
    [
        "I sent the invoice to the wrong recipient by mistake. Can you cancel it?",
        "Sorry, I sent the invoice to the wrong recipient by mistake.",
        "Ich habe die Rechnung irrtümlich an den falschen Empfänger geschickt.",
        "I received this message in error: it was meant for another recipient.",
    ],
)
def test_the_writers_sentence_about_a_mistake_is_not_a_notice(own: str) -> None:
    text = f"Hi,\n\nthe export fails.\n\n{own}"
    assert reply_text(text) == text


def test_a_sentence_about_unsubscribing_is_the_writers() -> None:
    text = "Hi,\n\nplease unsubscribe me from the newsletter.\n\nThanks\nJo"
    assert reply_text(text) == text


def test_a_lists_footer_is_known_by_what_its_header_fields_name() -> None:
    raw = (
        b"From: Jo <jo@acme.example>\r\nTo: users@lists.proj.example\r\nSubject: Re: build\r\n"
        b"List-Unsubscribe: <https://lists.proj.example/options/users>\r\n"
        b"List-Post: <mailto:users@lists.proj.example>\r\n\r\n"
        b"The fix in 2.3 solved it for me.\r\n\r\nPosted to users@lists.proj.example\r\n"
        b"Options: https://lists.proj.example/options/users\r\n"
    )
    mail = parse_message(raw)
    assert list_marks(mail.headers) == (
        "lists.proj.example/options/users",
        "users@lists.proj.example",
    )
    assert mail.reply_text == "The fix in 2.3 solved it for me."


# -- sign-offs -------------------------------------------------------------------------------

BODY = "Hello,\n\nthe invoice 1043 shows the wrong VAT number."


@pytest.mark.parametrize(
    "sign_off",
    [
        "Met vriendelijke groet,\n\nJan de Vries\nTeamleider Klantenservice\n\n"
        "Voorbeeld B.V. | Keizersgracht 1 | 1015 AA Amsterdam\nT +31 20 000 0000",
        "Mit freundlichen Grüßen / Best regards\n\nMax Muster\nLeiter Einkauf\n"
        "Muster AG · Musterstraße 1 · 12345 Berlin\n"
        "Geschäftsführer: Peter Muster · Amtsgericht Berlin HRB 000000 · USt-IdNr. DE000000000",
        "Pozdrawiam,\nKatarzyna Nowak\nSpecjalista ds. księgowości\nPrzykład Sp. z o.o.",
        "مع خالص التحيات،\n\nأحمد علي\nمدير المشتريات\nهاتف: +971 4 000 0000",
        "Με εκτίμηση,\n\nΓιώργος Παπαδόπουλος\nΥπεύθυνος Αγορών",
        "Viele Grüße aus Hamburg\nJo",
        "------------------\nWang Wei\nShili Tech | +86 10 0000 0000",
        "Best regards, John Doe\nCEO, Acme",
        "此致\n敬礼！\n\n王伟\n财务部",
        "以上、よろしくお願いいたします。\n\n━━━━━━━━━━\n株式会社サンプル\n"
        "営業部　山田太郎\n━━━━━━━━━━",
        "S pozdravem\n\nJan Novák\nvedoucí nákupu\nPříklad s.r.o.\ntel.: +420 000 000 000",
        "Best,\n\nPriya Raman\nFinance Lead | Example Inc.\n"
        "priya@example.example | +1 415 000 0000",
        "Steve Marsh\nMarsh Heating & Cooling",
        "Kind regards,\nHarriet Quinn\nQuinn & Dahl Architects\n\n"
        "“Simplicity is the ultimate sophistication.”\n— Leonardo da Vinci",
        "وتفضلوا بقبول فائق الاحترام،\n\nأحمد الشامي\nمدير الحسابات\nTel: +971 4 555 0123",
        "顺祝商祺！\n\n王磊\n财务主管",
        "Thân ái,\nNguyễn Thị Lan\nTrưởng phòng Hành chính",
    ],
)
def test_a_signature_block_under_a_closing_goes(sign_off: str) -> None:
    assert reply_text(f"{BODY}\n\n{sign_off}\n") == BODY


def test_thanks_stays_and_the_block_under_it_goes() -> None:
    text = f"{BODY}\n\nThank you,\nElla Park\nOffice Manager, Kestrel Dental Group\n+1 212 555 0142"
    assert reply_text(text) == f"{BODY}\n\nThank you,"
    assert reply_text(f"{BODY}\n\nThanks,\nElla") == f"{BODY}\n\nThanks,\nElla"
    # Above "NAME 드림" the thanks is the Korean letter's closing formula: it goes too.
    assert reply_text(f"{BODY}\n\n감사합니다.\n홍길동 드림") == BODY
    assert (
        reply_text(f"{BODY}\n\n감사합니다.\n\n\n홍길동 드림\n한빛물산 | 과장\nTel. 02-555-0100")
        == BODY
    )
    # Not above a 드림 line, it stays as a thanks anywhere does.
    assert reply_text(f"{BODY}\n\n감사합니다.\n홍길동\n한빛물산 | 과장\nTel. 02-555-0100") == (
        f"{BODY}\n\n감사합니다."
    )


def test_the_name_the_from_field_gives_is_cut_where_the_writer_typed_it() -> None:
    # Under a thanks, alone, after a closing on its line: by its first word, shortened
    # as people shorten it, or whole; "Family, Given" read as "Given Family".
    for typed in ("Thanks,\nBarb", "Thank you,\nBarbara", "Barb", "-Barb", "Thanks, Barb!"):
        got = reply_text(f"{BODY}\n\n{typed}", writer="Barbara Kowalczyk")
        assert got in (BODY, f"{BODY}\n\nThanks,", f"{BODY}\n\nThank you,"), typed
    assert reply_text(f"{BODY}\n\nThanks,\nBarb", writer="Kowalczyk, Barbara") == (
        f"{BODY}\n\nThanks,"
    )
    # Another name, a sentence ending in the name, a name too short to be a shortening.
    for kept in ("Thanks,\nElla", "Please ask Barbara", "Thanks,\nBa"):
        text = f"{BODY}\n\n{kept}"
        assert reply_text(text, writer="Barbara Kowalczyk") == text
    raw = (
        b"From: =?UTF-8?B?zp3Or866zr/PgiDOoM6xz4DOsc60z4zPgM6/z4XOu86/z4I=?= <n@client.example>\r\n"
        b"Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Το πρόβλημα παραμένει.\r\n\r\nΕυχαριστώ πολύ,\r\nΝίκος\r\n".encode()
    )
    assert parse_message(raw).reply_text == "Το πρόβλημα παραμένει.\n\nΕυχαριστώ πολύ,"


@pytest.mark.parametrize(
    "text",
    [
        "Please reset the accounts of:\n\nMaria Lopez\nKenji Watanabe\nSofia Rossi",
    ],
)
def test_what_follows_a_closing_or_looks_like_names_is_kept(text: str) -> None:
    assert reply_text(text) == text


# -- cost --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "atom",
    [
        "x",
        " ",
        "a ",
        "-",
        "—",
        "> ",
        ":",
        "1:",
        "@",
        "<",
        "'",
        "=",
        "#",
        "From ",
        ".",
        "_",
        "a-",
        "1 ",
    ],
)
def test_no_rule_backtracks_on_long_runs_of_one_character(atom: str) -> None:
    # Each rule reads a line once: a line of thousands of dashes, spaces or letters costs
    # as much per character at any length (a nested quantifier's grows with the length).
    def texts(n: int) -> list[str]:
        line = atom * (n // len(atom))
        return [line, line + "!", f"Hi\n\n{line}\n", f"On {line} wrote:\n> x", f"--{line}--"]

    assert_grows_linearly(texts, lambda ts: [reply_text(t) for t in ts], 20000)


@pytest.mark.parametrize(
    "footer",
    [
        "获取 Outlook for iOS",
        "Outlook für Android herunterladen",
        "iOS용 Outlook 받기",
        "Pobierz aplikację Outlook dla systemu iOS",
        "iOS 版 Outlook を入手",
    ],
)
def test_outlooks_mobile_footer_goes_in_every_language(footer: str) -> None:
    assert reply_text(f"{BODY}\n\n{footer}") == BODY


def test_a_sentence_naming_outlook_on_a_phone_is_the_writers() -> None:
    text = f"{BODY}\n\nThe Outlook app on iOS crashes when I open the calendar."
    assert reply_text(text) == text


@pytest.mark.parametrize(
    "closing",
    ["Mit sportlichen Grüßen", "Cu stimă,", "Warm regards from Leeds", "Saludos cordiales,"],
)
def test_a_closing_is_known_by_the_words_closings_are_made_of(closing: str) -> None:
    text = f"{BODY}\n\n{closing}\nIoana Dumitrescu\nContabil-șef, Carpat SRL"
    assert reply_text(text) == BODY


@pytest.mark.parametrize(
    "footer",
    [
        "Sent via Superhuman ( https://sprh.example/?vip=owen@b.example&utm_source=signature )",
        "Hämta Outlook för Android<https://aka.example/AAb9ysg>",
        "This message has been scanned for malware by Proofpoint Essentials. Click here "
        "<https://pp.example/report> to report this email as spam.",
        "Enlaces de Yahoo! Grupos\n\n<*> Para visitar tu grupo en la web, ve a:\n"
        "    http://ar.groups.yahoo.example/group/usuarios/",
    ],
)
def test_a_footer_with_its_links_goes(footer: str) -> None:
    assert reply_text(f"{BODY}\n\n{footer}") == BODY


@pytest.mark.parametrize(
    ("writer", "signature"),
    [
        (
            "Zsófia Kovács",
            "Üdvözlettel:\nKovács Zsófia\nügyvezető\nMézes Kft.\nAdószám: 12345678-2-41",
        ),
        ("Jussi Mäkelä", "t. Jussi\nliikuntapaikkamestari\np. 040 555 1273"),
        ("Anna Berg", "Anna Berg | Head of IT | Norrmark AB\n+46 8 555 012 34"),
        ("Tanaka Hiroshi", "田中商事\nTanaka Hiroshi\nTel 03-5555-0101"),
        ("Ioana Dumitrescu", "Numai bine\nIoana Dumitrescu\nContabil-șef, Carpat SRL"),
    ],
)
def test_the_writers_own_name_finds_their_signature_in_any_language(
    writer: str, signature: str
) -> None:
    assert reply_text(f"{BODY}\n\n{signature}", writer=writer) == BODY


@pytest.mark.parametrize(
    "text",
    [
        # The name in a sentence, text under the name, a list the writer is part of.
        f"{BODY}\n\nAnna Berg will bring the laptop on Monday.",
        "Please give access to:\nAnna Berg\nJan Nowak\nEva Holm",
    ],
)
def test_the_writers_name_in_their_own_text_stays(text: str) -> None:
    assert reply_text(text, writer="Anna Berg") == text


@pytest.mark.parametrize(
    "block",
    [
        "__________\nDet här meddelandet kan innehålla uppgifter som omfattas av sekretess.",
        "Tämä viesti ja sen liitteet on tarkoitettu ainoastaan vastaanottajalle. Jos olet "
        "saanut viestin vahingossa, ilmoita siitä lähettäjälle ja poista viesti. Viestin "
        "luvaton käyttö, kopiointi tai edelleen lähettäminen on ehdottomasti kielletty.",
    ],
)
def test_a_block_under_a_sign_off_that_no_writer_adds_goes_with_it(block: str) -> None:
    text = f"{BODY}\n\nYstävällisin terveisin\nJussi Mäkelä\nHuoltopäällikkö\n\n{block}"
    assert reply_text(text) == BODY
    # A thanks stays; the writer's own name finds the sign-off too.
    thanked = f"{BODY}\n\nKiitos!\nJussi\n\n{block}"
    assert reply_text(thanked, writer="Jussi Mäkelä") == f"{BODY}\n\nKiitos!"


def test_a_tail_that_ends_the_quoted_sentence_goes_and_the_answer_under_it_stays() -> None:
    text = (
        "Answers below.\n\n"
        "> Should the quote go to Harrogate as last year, or to the new head office\n"
        "Mark Ellison mentioned when we spoke on the phone?\n"
        "To the head office, please.\n>\n"
        "> We can update the password remotely. Are you in the office on Thursday\n"
        "morning?\n"
        "Yes, all morning.\n"
    )
    assert reply_text(text) == "Answers below.\n\nTo the head office, please.\n\nYes, all morning."


def test_an_answer_typed_inside_a_quoted_sentence_is_the_writers() -> None:
    text = (
        "Hallo,\n\n"
        "> wir haben Ihre Kündigung erhalten. Nach unseren Unterlagen läuft der Vertrag\n"
        "Das ist richtig, wir bleiben bis Ende Dezember.\n"
        "> noch bis zum 31. Dezember 2024. Sollen die Kassen bis dahin weiter\n"
        "> betrieben werden?\n"
        "Ja, bitte.\n"
    )
    assert reply_text(text) == (
        "Hallo,\n\nDas ist richtig, wir bleiben bis Ende Dezember.\n\nJa, bitte."
    )


@pytest.mark.parametrize(
    ("writer", "typed"),
    [
        ("Kowalczyk, Barbara", "Barbara Kowalczyk"),
        ('"Berg, Anna (Norrmark AB)"', "Anna"),
        ("Anna Berg | Norrmark AB", "Anna Berg"),
        ("Dr. Anna Berg", "Anna"),
        ("Zoë Martin", "Zoe"),
        ("Barbara Kowalczyk", "B. Kowalczyk"),
        ("BARBARA KOWALCZYK", "Barb"),
    ],
)
def test_the_writers_name_is_read_as_people_write_it_in_a_from_field(
    writer: str, typed: str
) -> None:
    assert is_own_name(typed, writer)
    assert not is_own_name("Jan Nowak", writer)


def test_a_name_block_with_a_ticket_systems_notice_under_it_goes_with_it() -> None:
    text = (
        f"{BODY}\n\nTomasz Zieliński\nDział IT\nZieliński Logistyka Sp. z o.o.\n\n"
        "Mamy nadzieję, że ta odpowiedź wyjaśnia Państwa pytania. Jeśli nie, prosimy nie "
        "wysyłać nowej wiadomości, tylko odpowiedzieć na tę lub zalogować się na swoje konto.\n\n"
        "Zgłoszenie #238117: https://pomoc.logistyka.example/view.php?t=238117"
    )
    assert reply_text(text) == BODY


@pytest.mark.parametrize(
    ("ending", "writer"),
    [
        ("Un saúdo,", ""),
        ("Is mise le meas,", ""),
        ("Kveðja,\nSiggi", ""),
        (
            "С поштовањем,\n\nМилан Јовановић\nреферент за финансије\nтел. 015 555 870",
            "Милан Јовановић",
        ),
    ],
)
def test_a_closing_in_any_language_ends_with_a_comma(ending: str, writer: str) -> None:
    assert reply_text(f"{BODY}\n\n{ending}", writer=writer) == BODY


def test_a_question_or_postscript_typed_below_the_signature_stays() -> None:
    text = (
        f"{BODY}\n\nTislijiet,\nJoseph\n\n-- \nJoseph Camilleri\nAccounts Executive\n\n"
        "Ħa, u nsejt nistaqsi: hemm mod kif nesportaw ir-rapport f'Excel?"
    )
    assert reply_text(text).endswith("hemm mod kif nesportaw ir-rapport f'Excel?")
    assert "Accounts Executive" not in reply_text(text)
    mobile = f"{BODY}\n\nSent from Yahoo Mail for iPhone\n\nP.S. Same version on both, 6.4.2."
    assert reply_text(mobile) == f"{BODY}\n\nP.S. Same version on both, 6.4.2."
    # A footer's own text below a signature is no question and no postscript.
    footer = f"{BODY}\n\n-- \nJo Client\n\nThis e-mail is confidential."
    assert reply_text(footer) == BODY


@pytest.mark.parametrize(
    "block",
    [
        "[Logo Acme]\nFinance department\nAcme GmbH · Hauptstr. 1 · 10115 Berlin\n"
        "Tel. +49 30 555 0100 · www.acme.example\nfinance@acme.example",
        "王磊\n财务主管\n电话：021-5555-0101\n邮箱：wang@acme.example",
    ],
)
def test_a_signature_without_a_name_first_or_capitals_goes(block: str) -> None:
    assert reply_text(f"{BODY}\n\n{block}") == BODY


def test_a_contact_block_the_writer_announces_stays() -> None:
    address = "Acme GmbH\nHauptstr. 1, 10115 Berlin\nTel. +49 30 555 0100"
    text = f"{BODY}\n\nPlease deliver to:\n\n{address}"
    assert reply_text(text) == text


def test_answers_under_question_tails_and_figures_spilled_from_a_table_row() -> None:
    text = (
        "Answers inline.\n\n"
        "> Should we order laptops for them, or will they use the two spare machines\n"
        "in the storeroom?\n"
        "use the spare machines, they are fine.\n>\n"
        "> 02/09/2012  Replacement power supply unit PSU-450 fitted     1    GBP\n"
        "64.50\n"
        "Correct\n>\n"
        "> Bye\n"
    )
    assert reply_text(text) == (
        "Answers inline.\n\nuse the spare machines, they are fine.\n\nCorrect"
    )


def test_a_block_of_a_services_links_under_a_post_goes() -> None:
    text = (
        f"{BODY}\n\nReply to Group Online: https://community.example/d/1#bm4\n"
        "View Thread: https://community.example/d/1\n"
        "Flag as Inappropriate: https://community.example/flag?k=4f2c"
    )
    assert reply_text(text) == BODY
    own = f"{BODY}\n\nThe log is here: https://files.example/log.txt"
    assert reply_text(own) == own


def test_a_closing_sentence_with_a_comma_above_a_signed_block_goes() -> None:
    text = f"{BODY}\n\nThank you for supporting our work,\nGrace Whitfield\nOperations Coordinator"
    assert reply_text(text) == BODY
    address = "Zielony Kram Sp. z o.o., ul. Ogrodowa 7, 60-101 Poznań, Polska"
    assert reply_text(f"{BODY}\n\nZ poważaniem\nDział Zakupów\n\n{address}") == BODY


@pytest.mark.parametrize("sign_off", ["Hälsningar\nPer", "Groetjes\nMarieke\nKeesmans BV"])
def test_a_sign_off_in_words_no_table_knows_is_read_by_its_shape(sign_off: str) -> None:
    assert reply_text(f"{BODY}\n\n{sign_off}") == BODY


def test_a_footer_or_signature_the_writer_pastes_to_show_it_stays() -> None:
    pasted = (
        "Our list server adds this footer to every post:\n\n"
        "  _______________________________________________\n"
        "  Ops-l mailing list\n  Ops-l@lists.health.example\n\n"
        "Could you treat posts from the list as replies to ticket #58820?"
    )
    footer = (
        "\n\nThanks,\n\n_______________________________________________\n"
        "Ops-l mailing list\nhttps://lists.health.example/mailman/listinfo/ops-l"
    )
    assert reply_text(pasted + footer) == pasted + "\n\nThanks,"
    signature = (
        "Recipients see this at the bottom twice:\n\nAnna Berg\ntel. 12 555 01 63\n--\n"
        "Saldo s.c.\n\nIs it a rule on your server?"
    )
    assert reply_text(signature) == signature


def test_arabic_mobile_footer_with_its_vowel_mark_goes() -> None:
    assert reply_text(f"{BODY}\n\nأُرسلت من الـ iPhone") == BODY


def test_a_companys_statement_under_the_writers_signature_goes_with_it() -> None:
    signature = (
        "All the best,\n\nGrace Whitfield\nPractice Manager\nSouthbank Physio\n"
        "P 03 5550 1824\n\nSouthbank Physio acknowledges the Traditional Owners of the "
        "land on which we work."
    )
    assert reply_text(f"{BODY}\n\n{signature}", writer="Grace Whitfield") == BODY
    asked = f"{BODY}\n\nGrace Whitfield\nSouthbank Physio\n\nCan Southbank Physio get a refund?"
    assert "refund" in reply_text(asked, writer="Grace Whitfield")


def test_initials_under_a_closing_are_the_writers_and_a_question_is_no_signature() -> None:
    assert reply_text(f"{BODY}\n\nMerci,\nJB", writer="Jean-Baptiste Morel") == f"{BODY}\n\nMerci,"
    assert reply_text(f"{BODY}\n\nOK", writer="Olivia King") == f"{BODY}\n\nOK"
    pasted = (
        "Die Fußzeile zeigt den alten Eintrag:\n\nMöller GmbH\nAmtsgericht Kiel, HRB 48217\n"
        "Geschäftsführer: Jens Möller, Karin Möller\n\n"
        "Karin Möller ist keine Geschäftsführerin mehr. Woher nimmt das Programm den Text?"
    )
    assert reply_text(pasted, writer="Jens Möller") == pasted


def test_a_lower_case_title_with_abbreviations_is_a_signature_line() -> None:
    signature = (
        "Z góry dziękuję i pozdrawiam,\nKasia\n\nKatarzyna Wójcik\n"
        "Specjalista ds. kadr i płac\nPolmeble Sp. z o.o.\ntel. 61 555 02 47"
    )
    assert reply_text(f"{BODY}\n\n{signature}", writer="Katarzyna Wójcik") == BODY


def test_a_closing_sentence_ending_with_a_comma_ends_the_text() -> None:
    text = f"{BODY}\n\nMerci d'avance et bonne fin de journée,"
    assert reply_text(text) == BODY


def test_a_tail_a_column_or_two_longer_than_the_quoted_lines_is_still_a_tail() -> None:
    text = (
        "Het werkt weer.\n\n"
        "> We hebben de storing bij het afrekenen met iDEAL kunnen terugvinden.\n"
        "De betaalmodule van je webwinkel gebruikt nog een oude koppeling die de\n"
        "bank sinds maandag niet meer accepteert.\n>\n> Groet\n"
    )
    assert reply_text(text) == "Het werkt weer."


@pytest.mark.parametrize(
    "footer",
    [
        "¿Cómo valoraría nuestra respuesta?\nBuena: https://desk.example/f?r=good\n"
        "Mala: https://desk.example/f?r=bad",
        "Powered by Acme Desk",
    ],
)
def test_a_rating_block_or_a_powered_by_line_is_a_footer(footer: str) -> None:
    assert reply_text(f"{BODY}\n\n{footer}") == BODY
    sentence = f"{BODY}\n\nOur site is powered by WordPress and the plugin broke it."
    assert reply_text(sentence) == sentence


def test_a_ticket_systems_comment_notification_reads_as_the_comment() -> None:
    text = (
        "—-—-—-—\n\nRépondez au-dessus de cette ligne.\n\nClaire Dubois a commenté :\n\n"
        "Le certificat a été renouvelé ce matin.\n\n"
        "Afficher la demande · Désactiver les notifications de cette demande\n\n"
        "Centre d'assistance, fourni par Jira Service Management, vous a envoyé ce message."
    )
    assert reply_text(text) == "Le certificat a été renouvelé ce matin."
    spiceworks = (
        "Kevin Walsh added a comment to Ticket #2207 – Scanner not sending:\n\n"
        "The scan job still fails."
    )
    assert reply_text(spiceworks) == "The scan job still fails."
    # The writer's own sentence about a comment is no head.
    own = "Hi,\n\nMy colleague added a comment to the ticket yesterday:\n\nIt still fails."
    assert reply_text(own) == own


# -- the same mail in another layout ------------------------------------------------------
# What a careful reader keeps does not change with the layout a program gives the text:
# a narrower wrap, trailing spaces, more blank lines, no name in the From field.

BODY = "The export still stops at row 212. Could you have a look?"


@pytest.mark.parametrize(
    "attribution",
    [
        # folded over three lines wherever the width ran out
        "Acme Support <support@helpdesk.example> ezt írta (időpont: 2022. ápr.\n6., Sze,\n9:55):",
        "Le jeu. 22 févr. 2024 à 16:05, Acme Support <support@helpdesk.example> a\nécrit\n:",
        # the verb alone on the line under the date and the address
        "пт, 31 січ. 2025 р. о 17:40 Acme Support <support@helpdesk.example>\nпише:",
        # Zoho's dashes, folded
        "---- On Thu, 12 Oct 2023 14:08:33 +0530 Acme\nSupport<support@helpdesk.example> wrote ---",
    ],
)
@pytest.mark.parametrize("marked", [True, False], ids=["quoted", "unquoted"])
def test_an_attribution_folded_over_lines_is_one(attribution: str, marked: bool) -> None:
    quote = "> Hello,\n> please send the file.\n" if marked else "Hello,\nplease send the file.\n"
    assert reply_text(f"{BODY}\n\n{attribution}\n\n{quote}") == BODY


def test_a_line_of_prose_ending_in_a_colon_is_no_folded_attribution() -> None:
    text = (
        f"{BODY}\n\nYour colleague wrote to me yesterday that the fix is ready,\n"
        "and this is what I see now\non my screen:\n\n> Error 500\n"
    )
    assert "on my screen:" in reply_text(text)


def test_a_signature_delimiter_with_trailing_spaces_is_one() -> None:
    text = f"{BODY}\n\n--   \nJo Client\nClient Ltd\n"
    assert reply_text(text) == BODY


def test_blank_lines_between_a_closing_and_the_name_do_not_keep_the_signature() -> None:
    text = (
        f"{BODY}\n\n\nKind regards,\n\n\nGrace Whitfield\nPractice Manager\n"
        "Southbank Physio\nP 03 5550 1824\n"
    )
    assert reply_text(text, writer="Grace Whitfield") == BODY


def test_a_block_announced_two_blank_lines_above_is_pasted() -> None:
    text = (
        "Our list server adds this footer to every post:\n\n\n"
        "To unsubscribe from this list, visit https://lists.client.example/listinfo/ops\n\n"
        "Can you stop it?\n"
    )
    assert "To unsubscribe" in reply_text(text)


def test_labels_with_their_links_on_the_line_below_are_a_footer() -> None:
    text = (
        f"{BODY}\n\nHow would you rate our reply?\nGood:\nhttps://desk.acme.example/r?x=1&rating=good\n"
        "Bad:\nhttps://desk.acme.example/r?x=1&rating=bad\n"
    )
    assert reply_text(text) == BODY


def test_a_wrapped_sentence_whose_line_begins_with_an_unsubscribe_word_stays() -> None:
    text = (
        "Bonjour,\n\nils cliquent sur « Se désabonner », la page affiche « Votre\n"
        "désinscription est\nconfirmée », mais ils reçoivent encore les envois.\n"
    )
    assert "mais ils reçoivent encore" in reply_text(text)


def test_a_footer_label_alone_on_its_line_is_a_footer() -> None:
    text = f"{BODY}\n\nView online\nDésinscription : https://news.shop.example/d?u=1\n"
    assert reply_text(text) == BODY


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("margaret.quinn@bakery.example", "Margaret Quinn"),
        ("mike@client.example", "Mike"),
        ("jo_client+tickets@client.example", "Jo Client"),
        ("m.quinn@bakery.example", "Quinn"),
        ("info2024@client.example", "Info"),
        ("x@client.example", ""),
        ("a1b2c3@client.example", ""),
    ],
)
def test_an_address_without_a_name_spells_the_writers_name(address: str, name: str) -> None:
    assert writer_name("", address) == name
    assert writer_name("Jo Client", address) == "Jo Client"


def test_the_name_an_address_spells_finds_the_signed_name() -> None:
    raw = (
        b"From: mike@prairiepak.example\r\nTo: support@helpdesk.example\r\n"
        b"Subject: pickup\r\n\r\nYes, the dock is open from 7.\r\n\r\nThanks,\r\nMike\r\n"
    )
    assert parse_message(raw).reply_text == "Yes, the dock is open from 7.\n\nThanks,"


def test_a_wrapped_sentence_announcing_a_pasted_block_announces_it() -> None:
    text = (
        "Dzień dobry,\n\nod wczoraj stopka firmowa dodaje się dwa razy. Odbiorcy widzą na\n"
        "dole coś takiego:\n\n--\nBiuro Rachunkowe Saldo s.c.\ntel. 12 555 01 63\n\n"
        "Czy to może być reguła po stronie serwera?\n"
    )
    assert "Biuro Rachunkowe Saldo" in reply_text(text)


def test_a_companys_statement_wrapped_under_its_signature_goes() -> None:
    text = (
        f"{BODY}\n\nAll the best,\n\nGrace Whitfield\nPractice Manager\nSouthbank Physio\n"
        "P 03 5550 1824\n\nSouthbank Physio acknowledges the Wurundjeri Woi-wurrung people as the\n"
        "Traditional Owners of the land on which we work.\n"
    )
    assert reply_text(text, writer="Grace Whitfield") == BODY


def test_legal_particulars_wrapped_under_a_signature_go() -> None:
    text = (
        f"{BODY}\n\nMany thanks,\nSophie\n\nSophie Hargreaves ACA\nPractice Manager\n"
        "T: 01632 960418\n\nHargreaves & Lowe is the trading name of Hargreaves & Lowe Ltd,\n"
        "registered in England and Wales (No. 09876543).\n"
    )
    assert reply_text(text, writer="Sophie Hargreaves") == f"{BODY}\n\nMany thanks,"


def test_a_comment_notifications_head_folded_over_two_lines_goes() -> None:
    text = (
        "Kevin Walsh added a comment to Ticket #2207 – Scanner on 3rd floor not\n"
        f"sending to folder:\n\n{BODY}\n"
    )
    assert reply_text(text) == BODY


@pytest.mark.parametrize(
    "company", ["Holt Logistics Ltd", "Quinn's Bakery", "Norrmark AB", "Bakkerij Van Dijk B.V."]
)
def test_a_name_above_a_company_line_is_a_signature(company: str) -> None:
    family = "Quinn" if "Quinn" in company else "Holt"
    text = f"{BODY}\n\nMargaret {family}\n{company}\n"
    assert reply_text(text) == BODY


def test_names_one_under_the_other_stay() -> None:
    text = "Please add these users:\n\nMargaret Quinn\nDerek Holt\n"
    assert "Derek Holt" in reply_text(f"{BODY}\n\n{text}")


@pytest.mark.parametrize(
    "banner",
    [
        "CAUTION: This email originated from outside of the organization. Do not click links or "
        "open attachments unless you recognize the sender and know the content is safe.",
        "ACHTUNG: Diese E-Mail stammt von einem externen Absender. Klicken Sie nur auf Links,\n"
        "wenn Sie den Absender kennen.",
        "[EXTERNAL] This message came from outside your organisation.",
        "זהירות: הודעה זו התקבלה מחוץ לארגון.",
        "[هشدار] این پیام از بیرون سازمان رسیده است؛ روی پیوندها کلیک نکنید.",
        "चेतावनी: यह ईमेल संगठन के बाहर से आया है।",
        "You don't often get email from jo@client.example. Learn why this is important"
        "<https://aka.ms/LearnAboutSenderIdentification>",
    ],
)
def test_a_gateways_warning_above_the_text_goes(banner: str) -> None:
    assert reply_text(f"{banner}\n\n{BODY}\n") == BODY


@pytest.mark.parametrize(
    "own",
    [
        "Warning: the printer in room 4 is out of toner again.",
        "Attention: we moved our office; the new address is below.",
    ],
)
def test_a_first_paragraph_that_warns_of_something_else_stays(own: str) -> None:
    assert reply_text(f"{own}\n\n{BODY}\n") == f"{own}\n\n{BODY}"


def test_an_antivirus_footer_in_another_language_goes() -> None:
    text = (
        f"{BODY}\n\n<https://www.avast.com/sig-email?utm_medium=email>\nLivre\n"
        "de vírus.www.avast.com\n"
    )
    assert reply_text(text) == BODY


def test_a_sign_off_above_a_postscript_goes_when_the_signature_is_under_it() -> None:
    text = (
        f"{BODY}\n\nBest,\nJordan\n\nP.S. Lena starts on Monday and needs a login.\n\n"
        "Jordan Reyes\nOffice Manager\nCedar & Vine Architects\nt 503-555-0182\n"
    )
    assert reply_text(text, writer="Jordan Reyes") == (
        f"{BODY}\n\nP.S. Lena starts on Monday and needs a login."
    )


@pytest.mark.parametrize(
    "signature",
    [
        "Cordialement,\n\nClaude Reuter\nFiduciaire Reuter & Associés S.A.\n"
        "12, rue de la Gare | L-3236 Bettembourg\nTél. +352 55 12 34",
        "Salutations,\n\nIsabelle Gagnon\nCoordonnatrice des opérations\n"
        "Climatisation Laurentides inc.\n418 555-0162, poste 2214",
        "धन्यवाद सहित,\nराजेश कुमार शर्मा\nकार्यालय अधीक्षक\nमो. 98765 43210",
        "با تشکر و احترام\nمریم احمدی\nمدیر منابع انسانی",
    ],
)
def test_signatures_with_addresses_legal_forms_and_marked_scripts_go(signature: str) -> None:
    assert reply_text(f"{BODY}\n\n{signature}\n") == BODY


def test_a_note_signed_on_top_of_answers_typed_under_the_questions_loses_its_sign_off() -> None:
    text = (
        "Guten Tag Herr Hartwig,\n\nmeine Antworten stehen unter Ihren Fragen.\n\n"
        "Viele Grüße\nDr. Martin Albers\n\n"
        "> 1. Soll jeder nur an seine eigene Adresse scannen?\n\nNur an die eigene, bitte.\n\n"
        "> 2. Wie groß dürfen die Scans sein?\n\n10 MB sind in Ordnung.\n"
    )
    reply = reply_text(text, writer="Dr. Martin Albers")
    assert "Viele Grüße" not in reply
    assert "Nur an die eigene, bitte." in reply
    assert reply.endswith("10 MB sind in Ordnung.")


def test_answers_that_are_names_of_days_stay_under_their_questions() -> None:
    text = (
        "Hello Dylan,\n\nsee below.\n\n> Which day suits you?\n\nTuesday\n\n"
        "> And the second visit?\n\nThursday after 2\n"
    )
    assert reply_text(text).endswith("Thursday after 2")


def test_a_line_beginning_like_prose_before_the_verb_of_writing_is_no_attribution() -> None:
    text = (
        "Hello,\n\nYour engineer left a note on the job sheet. He wrote:\n\n"
        "    Replaced PSU, unit tested OK.\n\nThe server failed again last night.\n"
    )
    assert reply_text(text).endswith("The server failed again last night.")


def test_a_message_a_forum_encloses_in_its_own_text_is_the_reply() -> None:
    text = (
        "Dear Acme Support,\n\nmike has just replied to a thread you have subscribed to.\n\n"
        "This thread is located at:\nhttps://forum.example/showthread.php?t=48812\n\n"
        f"Here is the message that has just been posted:\n***************\n{BODY}\n"
        "***************\n\nTo unsubscribe from this thread, please visit this page:\n"
        "https://forum.example/subscription.php?do=remove\n"
    )
    assert reply_text(text) == BODY


def test_a_writers_own_message_between_rules_is_not_enclosed() -> None:
    text = (
        "Hi,\n\nSince the update (https://vendor.example/notes) the app fails.\n"
        "This is the error message I get:\n*****\nError 0x80070005\n*****\n\nPlease help.\n"
    )
    assert reply_text(text).startswith("Hi,")


def test_a_header_drawn_as_a_box_begins_the_history() -> None:
    box = (
        "|---------+---------------------------->\n"
        '|         |           "Acme Support"   |\n'
        "|         |           <support@helpdesk|\n"
        "|         |           .example>        |\n"
        "|         |           18/04/2006 15:22 |\n"
        "|---------+---------------------------->\n"
    )
    assert reply_text(f"{BODY}\n\n{box}\n\nDear Mr Harper,\nPlease pay.\n") == BODY


def test_a_table_the_writer_draws_stays() -> None:
    table = "|-------+-------|\n| Room  | Seats |\n| 4.01  | 12    |\n|-------+-------|\n"
    assert "Room" in reply_text(f"{BODY}\n\n{table}\nThanks for checking.\n")


@pytest.mark.parametrize(
    ("writer", "typed"),
    [("QUINN Margaret", "Margaret"), ("DUPONT Jean-Luc", "Jean-Luc"), ("Kovács Zsófia", "Zsófia")],
)
def test_a_name_written_family_name_first_is_still_the_writers(writer: str, typed: str) -> None:
    assert is_own_name(typed, writer)
    assert reply_text(f"{BODY}\n\nThanks,\n{typed}\n", writer=writer) == f"{BODY}\n\nThanks,"


def test_a_name_a_list_rewrote_with_via_is_the_writers() -> None:
    text = f"{BODY}\n\nThanks,\nFiona\n"
    assert reply_text(text, writer="Fiona Grant via Club Committee") == f"{BODY}\n\nThanks,"


def test_a_newsletters_view_in_browser_line_at_the_top_goes() -> None:
    text = (
        "Wenn diese E-Mail nicht korrekt angezeigt wird, klicken Sie bitte hier: "
        f"https://news.shop.example/m/1\n\n{BODY}\n"
    )
    assert reply_text(text) == BODY


def test_a_first_paragraph_about_a_browser_without_a_link_stays() -> None:
    own = "The page does not show correctly in my browser."
    assert reply_text(f"{own}\n\n{BODY}\n") == f"{own}\n\n{BODY}"


def test_a_meeting_requests_details_above_outlooks_rule_go() -> None:
    text = f"When: Tuesday 13:00-14:00\nWhere: Microsoft Teams\n\n*~*~*~*~*~*~*~*~*~*\n\n{BODY}\n"
    assert reply_text(text) == BODY


@pytest.mark.parametrize(
    ("text", "writer", "kept"),
    [
        (f"Hi,\n{BODY} Thanks, Anna", "Anna Berg", f"Hi,\n{BODY} Thanks,"),
        (f"{BODY}\nGrazie mille, Chiara Conti", "Chiara Conti", f"{BODY}\nGrazie mille,"),
        (f"{BODY}\n\nThanks! 🙏 Anna", "Anna Berg", f"{BODY}\n\nThanks! 🙏"),
    ],
)
def test_a_name_glued_to_the_closing_or_the_last_sentence_goes(
    text: str, writer: str, kept: str
) -> None:
    assert reply_text(text, writer=writer) == kept


def test_a_closing_in_two_languages_and_a_bilingual_signature_go() -> None:
    text = (
        f"{BODY}\n\nMet vriendelijke groeten / Bien cordialement,\n\nLotte Vermeulen\n"
        "Office manager / Responsable administrative\n"
        "Kerkstraat 18, 1080 Sint-Jans-Molenbeek / Rue de l'Église 18, 1080 Molenbeek-Saint-Jean\n"
        "T +32 2 555 01 47\n"
    )
    assert reply_text(text, writer="Lotte Vermeulen") == BODY


def test_the_writers_own_name_in_an_announced_address_block_stays() -> None:
    text = (
        "Please send the toner to our new shop:\n\nBakery U Mostu s.r.o.\nJana Svobodová\n"
        "Mostní 12\n602 00 Brno\n"
    )
    assert "Mostní 12" in reply_text(text, writer="Jana Svobodová")


def test_a_contact_forms_fields_with_a_full_width_colon_are_not_a_signature() -> None:
    text = (
        "以下の内容でお問い合わせがありました。\n\nお名前：大森 恵子\n"
        "メールアドレス：k-omori@omori-home.example\nご予約番号：R0320-118\n"
        "お問い合わせ内容：\n母が一緒に行くことになりました。\n"
    )
    assert "母が一緒に" in reply_text(text, writer="大森 恵子")


def test_a_greek_outlook_header_block_begins_the_history() -> None:
    text = (
        f"{BODY}\n\nΑπό: Acme Support <support@helpdesk.example>\n"
        "Στάλθηκε: Πέμπτη, 12 Ιουνίου 2025 6:22:41 μ.μ.\nΠρος: Giorgos <g@client.example>\n"
        "Θέμα: Re: [#98317] myDATA\n\nΚαλησπέρα,\nπαλιό κείμενο.\n"
    )
    assert reply_text(text) == BODY


def test_a_mobile_footer_above_answers_typed_under_the_questions_goes_alone() -> None:
    text = (
        "Answers below\n\nSent from my iPhone\n\n> On Jun 3, 2025, at 10:15 AM, Acme "
        "<support@helpdesk.example> wrote:\n> 1. Is the light green or orange?\n\n"
        "Orange, blinking\n\n> 2. Does a test page print?\n\nNo, same orange light\n"
    )
    reply = reply_text(text)
    assert "Sent from my iPhone" not in reply
    assert reply.endswith("No, same orange light")


def test_a_chinese_mobile_footer_and_qq_mails_divider_go() -> None:
    text = (
        "好的，抬头没问题。\n\n发自我的iPhone\n\n\n------------------ Original ------------------\n"
        "From: Acme客服 <support@helpdesk.example>\nDate: Tue,Jun 3,2025 10:15 AM\n"
        "Subject: Re: [#73209] 发票\n\n王先生您好：\n"
    )
    assert reply_text(text) == "好的，抬头没问题。"


def test_a_trackers_notification_reads_as_the_comment_it_carries() -> None:
    text = (
        "Reply to this email to add a comment\n\nRay Okonkwo commented on: Billing - seats\n\n"
        f"{BODY}\n\nView task in Asana: https://app.asana.example/0/12/34/f\n\n"
        "You received this because you're a collaborator on this task.\n"
        "Mute this task: https://app.asana.example/-/mute?t=34\n"
    )
    assert reply_text(text) == BODY


def test_a_no_reply_footer_and_the_labelled_links_above_it_go() -> None:
    text = (
        f"{BODY}\n\nReply: https://www.market.example/reply?id=1\n\n"
        "We don't check this mailbox, so please don't reply to this message.\n"
    )
    assert reply_text(text) == BODY


def test_a_writers_own_sentence_about_replying_stays() -> None:
    own = "Please reply to this email with the new invoice."
    assert reply_text(f"{BODY}\n\n{own}\n") == f"{BODY}\n\n{own}"


def test_a_signature_line_of_social_links_is_measured_without_its_links() -> None:
    text = (
        f"{BODY}\n\nBest regards,\nKhalid Alotaibi\nOperations Manager\n"
        "[LinkedIn]<https://www.linkedin.example/company/alwaha-trading> "
        "[X]<https://x.example/alwahatrading>\n"
    )
    assert reply_text(text, writer="Khalid Alotaibi") == BODY


def test_a_note_with_a_contact_under_the_signature_goes_with_it() -> None:
    text = (
        f"{BODY}\n\nBest,\nHarriet\n\nHarriet Cole RIBA\nDirector, Cole Architects\n"
        "+44 20 7946 0522\n\nPlease note: I'm on leave from 23 June to 4 July. For anything "
        "urgent please contact studio@colearchitects.example.\n"
    )
    assert reply_text(text, writer="Harriet Cole") == BODY


def test_a_postscript_with_an_address_under_the_signature_stays() -> None:
    text = (
        f"{BODY}\n\nBest,\nHarriet\n\nHarriet Cole\nDirector, Cole Architects\n\n"
        "P.S. Please send the invoice to accounts@colearchitects.example.\n"
    )
    assert "P.S. Please send the invoice" in reply_text(text, writer="Harriet Cole")


def test_a_quoted_link_a_program_put_on_a_line_of_its_own_is_part_of_the_tail() -> None:
    text = (
        "Hi Nathan,\n\nanswers below.\n\n"
        "> The scanners in your office stopped sending scans by email because the\n"
        "mail relay now requires authentication. We announced the change on our\n"
        "status page\n"
        "<https://status.helpdesk.example/incidents/2021-06-08-scan-to-email-relay-"
        "authentication-change?ref=ticket-88421>\n"
        "two weeks ago. Did the new relay credentials from that announcement reach\n"
        "whoever looks after your copiers?\n"
        "No, I never saw that announcement.\n"
    )
    reply = reply_text(text)
    assert "status.helpdesk.example" not in reply
    assert reply.endswith("No, I never saw that announcement.")


@pytest.mark.parametrize(
    ("writer", "typed"),
    [("Giorgos Papadakis", "Γιώργος"), ("Dmitriy Ivanov", "Дмитрий"), ("Eleni Kosta", "Ελένη")],
)
def test_a_name_signed_in_another_script_than_the_from_field_is_the_writers(
    writer: str, typed: str
) -> None:
    assert is_own_name(typed, writer)
    assert reply_text(f"{BODY}\n\nThanks,\n{typed}\n", writer=writer) == f"{BODY}\n\nThanks,"


def test_a_different_name_in_another_script_is_not_the_writers() -> None:
    assert not is_own_name("Νίκος", "Giorgos Papadakis")


def test_a_first_paragraph_warning_of_something_outside_stays() -> None:
    own = "Attention: the external drive is not recognised after the update."
    assert reply_text(f"{own}\n\n{BODY}\n") == f"{own}\n\n{BODY}"


@pytest.mark.parametrize(
    "own",
    [
        "Please do not reply to this email address, call me instead.",
        "I posted in the forum yesterday but nobody answered",
    ],
)
def test_a_writers_first_line_about_replying_or_posting_stays(own: str) -> None:
    assert reply_text(f"{own}\n\n{BODY}\n").startswith(own)


def test_a_table_of_dates_the_writer_draws_stays() -> None:
    table = "|------------+-------|\n| 12.03.2025 | Room 4 |\n| 14.03.2025 | Room 2 |\n"
    assert "14.03.2025" in reply_text(f"{BODY}\n\n{table}\nWhich one suits you?\n")
