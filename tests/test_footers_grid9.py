"""A ninth grid: footers in the shapes the first eight leave out, as the programs that
write them lay them out.

- links in angle brackets, as a mail program writes an HTML link into its plain part
  ("… view it on GitHub<https://…>", "Unsubscribe <https://…> | Preferences <https://…>")
  and numbered references at the bottom, as a webmail or a converter turns an HTML
  footer into text ("Unsubscribe [1]" … "Links:" / "------" / "[1] https://…",
  "[Unsubscribe][2]" … "[2]: https://…", lynx's "References" list);
- trackers' and helpdesks' notifications of a person's comment: GitHub's and GitLab's
  footers, Jira's "This message was sent by Atlassian Jira" over its version, a
  Salesforce case's thread reference, Zendesk's encoded ticket reference;
- Mailman 3 lists as sites set their footers (archives, code of conduct, guidelines),
  groups.io's footer as its HTML reads in text, a list's footer that names its address
  only, list footers folded at 72 columns by the list;
- an unsubscribe line with a tracking image's link or placeholder under it;
- data-protection lines in German, French, Spanish, Italian and Dutch;
- "this e-mail has been scanned" in more languages, and carriers' taglines;
- newsletters' link bars in twelve languages, bars of the sender's legal pages in eight
  ("Impressum <…> | Datenschutz <…>"), unsubscribe lines that name the sender's list as
  "ours", every footer of the grid folded at 72 columns;
- a tracker's or a helpdesk's notification of the client's comment as a whole mail
  (Jira, GitLab, GitHub, Zendesk, Salesforce), and a list's post forwarded without a
  word, as HTML (Gmail, Apple Mail) and under a phone's tagline.

Each is tried under the client's text, under the quote the client answers above,
bottom-posted under the quote and (most) right under the last line, then in whole mails.
The client's own words stay: a wish to unsubscribe with the link, a link the client
quotes in angle brackets, the client's own numbered references, a question about
privacy, a sentence about a mailing list, a GitHub link pasted in the text.
"""

from __future__ import annotations

import textwrap

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support.footer_grid import footer_misses
from tests.support.footer_mail import html_only_mail, plain_mail

CLIENTS = {
    "en": (
        "Hi,\n\nsince the firewall update the VPN drops every hour and the sales team loses "
        "their session. Could you look into it today?\n\nThanks,\nNoor Haddad"
    ),
    "de": (
        "Hallo,\n\nder Kalender im Besprechungsraum zeigt seit Montag keine Termine mehr "
        "an. Bitte prüfen Sie das.\n\nViele Grüße\nJonas Keller"
    ),
    "fr": "Bonjour,\n\nle scanner du deuxième étage n'envoie plus les PDF par e-mail.",
    "pt": (
        "Olá,\n\na impressora da receção deixou de imprimir a cores desde ontem. "
        "Podem verificar?\n\nObrigada,\nInês"
    ),
    "pl": "Dzień dobry,\n\nod rana nie działa logowanie do portalu klienta. Proszę o pomoc.",
}
WRITERS = {"en": "Noor Haddad", "de": "Jonas Keller"}
QUOTE = (
    "On Thu, 12 Jun 2025 at 08:41, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> could you tell us which office is affected?\n>\n> Acme Support"
)


def misses(footers: dict[str, str], under_line: bool = True) -> list[str]:
    return footer_misses(footers, CLIENTS, WRITERS, QUOTE, under_line)


# -- links in angle brackets ------------------------------------------------------------

GG = "office@googlegroups.com"
GG_VIEW = "https://groups.google.com/d/msgid/office/CAH9k2w%40mail.gmail.com"

ANGLED = {
    "github glued": (
        "—\nReply to this email directly, view it on GitHub"
        "<https://github.com/acme/app/issues/42#issuecomment-1873456>, or unsubscribe"
        "<https://github.com/notifications/unsubscribe-auth/AAB3KQ7XH2ZL4>.\n"
        "You are receiving this because you were mentioned.Message ID: "
        "<acme/app/issues/42/1873456@github.com>"
    ),
    "github spaced": (
        "—\nReply to this email directly, view it on GitHub "
        "<https://github.com/acme/app/issues/42#issuecomment-1873456>, or unsubscribe "
        "<https://github.com/notifications/unsubscribe-auth/AAB3KQ7XH2ZL4>.\n"
        "You are receiving this because you authored the thread.Message ID: "
        "<acme/app/issues/42/1873456@github.com>"
    ),
    "google groups outlook": (
        "--\nYou received this message because you are subscribed to the Google Groups "
        '"Office" group.\nTo unsubscribe from this group and stop receiving emails from it, '
        f"send an email to office+unsubscribe@googlegroups.com"
        "<mailto:office+unsubscribe@googlegroups.com>.\n"
        f"To view this discussion on the web visit {GG_VIEW}"
        f"<{GG_VIEW}?utm_medium=email&utm_source=footer>."
    ),
    "google groups de outlook": (
        "--\nSie erhalten diese Nachricht, weil Sie in Google Groups E-Mails von der Gruppe "
        '"Office" abonniert haben.\nWenn Sie sich von dieser Gruppe abmelden und keine '
        "E-Mails mehr von dieser Gruppe erhalten möchten, senden Sie eine E-Mail an "
        "office+unsubscribe@googlegroups.com <mailto:office+unsubscribe@googlegroups.com>."
    ),
    "newsletter bar": (
        "Unsubscribe <https://acme.us21.list-manage.com/unsubscribe?u=8f2a&id=3c1e> | "
        "Update your preferences <https://acme.us21.list-manage.com/profile?u=8f2a&id=3c1e>"
    ),
    "newsletter de bar": (
        "Abmelden <https://news.acme.example/abmelden?u=77> | Einstellungen ändern "
        "<https://news.acme.example/profil?u=77>"
    ),
    "newsletter fr bar": (
        "Se désabonner <https://news.acme.example/desabo?u=77> | Gérer mes préférences "
        "<https://news.acme.example/prefs?u=77>"
    ),
    "discourse angled": (
        "---\nVisit Topic <https://forum.acme.example/t/vpn-drops/812/4> or reply to this "
        "email to respond.\n\nTo unsubscribe from these emails, click here "
        "<https://forum.acme.example/email/unsubscribe/4fa1c>."
    ),
    "mailman 2 angled": (
        "_______________________________________________\nOffice mailing list\n"
        "office@lists.acme.example <mailto:office@lists.acme.example>\n"
        "https://lists.acme.example/mailman/listinfo/office "
        "<https://lists.acme.example/mailman/listinfo/office>"
    ),
    "mailman 3 angled": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example <mailto:office@lists.acme.example>\nTo unsubscribe send "
        "an email to office-leave@lists.acme.example "
        "<mailto:office-leave@lists.acme.example>"
    ),
    "links alone angled": (
        "Unsubscribe\n<https://news.acme.example/u/7f3a>\nManage preferences\n"
        "<https://news.acme.example/p/7f3a>"
    ),
}


@pytest.mark.parametrize("name", sorted(ANGLED))
def test_a_footer_with_its_links_in_angle_brackets_goes(name: str) -> None:
    missed = misses({name: ANGLED[name]})
    assert not missed, "\n".join(missed)


# -- numbered references at the bottom --------------------------------------------------

REFERENCES = {
    "roundcube links": (
        "Unsubscribe [1] | Manage preferences [2]\n\nLinks:\n------\n"
        "[1] https://news.acme.example/u/7f3a\n[2] https://news.acme.example/p/7f3a"
    ),
    "roundcube google groups": (
        "--\nYou received this message because you are subscribed to the Google Groups "
        '"Office" group.\nTo unsubscribe from this group and stop receiving emails from it, '
        f"send an email to office+unsubscribe@googlegroups.com [1].\nTo view this discussion "
        f"visit {GG_VIEW} [2].\n\nLinks:\n------\n[1] mailto:office+unsubscribe@googlegroups.com"
        f"\n[2] {GG_VIEW}?utm_medium=email&utm_source=footer"
    ),
    "roundcube discourse": (
        "---\nVisit Topic [1] or reply to this email to respond.\n\nTo unsubscribe from these "
        "emails, click here [2].\n\nLinks:\n------\n"
        "[1] https://forum.acme.example/t/vpn-drops/812/4\n"
        "[2] https://forum.acme.example/email/unsubscribe/4fa1c"
    ),
    "html2text refs": (
        "[Unsubscribe][1] · [Manage preferences][2]\n\n"
        "   [1]: https://news.acme.example/u/7f3a\n   [2]: https://news.acme.example/p/7f3a"
    ),
    "lynx references": (
        "To unsubscribe from this list, click here[1].\n\nReferences\n\n"
        "   1. https://lists.acme.example/u/7f3a"
    ),
    "bracket refs de": (
        "Sie erhalten diese E-Mail, weil Sie unseren Newsletter abonniert haben. "
        "Abmelden [1]\n\n[1] https://news.acme.example/abmelden?u=77"
    ),
    "github refs": (
        "—\nReply to this email directly, view it on GitHub [1], or unsubscribe [2].\n"
        "You are receiving this because you were mentioned.\n\n"
        "[1] https://github.com/acme/app/issues/42#issuecomment-1873456\n"
        "[2] https://github.com/notifications/unsubscribe-auth/AAB3KQ7XH2ZL4"
    ),
}


MORE_REFERENCES = {
    "discourse de html2text": (
        "---\n[Besuche das Thema][1] oder antworte auf diese E-Mail, um zu antworten.\n\n"
        "Um diese E-Mails abzubestellen, [klicke hier][2].\n\n"
        "   [1]: https://forum.acme.example/t/vpn-drops/812/4\n"
        "   [2]: https://forum.acme.example/email/unsubscribe/4fa1c"
    ),
    "listserv lynx": (
        "########################################################################\n\n"
        "To unsubscribe from the OFFICE list, click the following link[1]\n\nReferences\n\n"
        "   1. https://listserv.acme.example/cgi-bin/wa?SUBED1=OFFICE&A=1"
    ),
    "newsletter fr": (
        "Vous recevez cet e-mail car vous êtes inscrit à notre newsletter.\n"
        "Se désabonner [1] | Gérer mes préférences [2]\n\nLinks:\n------\n"
        "[1] https://news.acme.example/d?u=77\n[2] https://news.acme.example/p?u=77"
    ),
    "google groups ja": (
        "--\nこのメールは Google グループのグループ「Office」の登録者に送られています。\n"
        "このグループから退会し、グループからのメールの配信を停止するには "
        "office+unsubscribe@googlegroups.com [1] にメールを送信してください。\n\nLinks:\n"
        "------\n[1] mailto:office+unsubscribe@googlegroups.com"
    ),
    "legal pages de": (
        "Datenschutzhinweise [1] | Impressum [2]\n\nLinks:\n------\n"
        "[1] https://www.kunde.example/datenschutz\n[2] https://www.kunde.example/impressum"
    ),
    "mailman 2": (
        "_______________________________________________\nOffice mailing list\n"
        "office@lists.acme.example [1]\nhttps://lists.acme.example/mailman/listinfo/office [2]"
        "\n\nLinks:\n------\n[1] mailto:office@lists.acme.example\n"
        "[2] https://lists.acme.example/mailman/listinfo/office"
    ),
    "github html2text": (
        "—\nReply to this email directly, [view it on GitHub][1], or [unsubscribe][2].\n"
        "You are receiving this because you were mentioned.\n\n"
        "  [1]: https://github.com/acme/app/issues/42#issuecomment-1873456\n"
        "  [2]: https://github.com/notifications/unsubscribe-auth/AAB3KQ7XH2ZL4"
    ),
    "hubspot": (
        "Acme Inc., 1 Main Street, Boston, MA 02110, United States\n\n"
        "Unsubscribe [1] Manage preferences [2]\n\nLinks:\n------\n"
        "[1] https://hs.acme.example/u?d=Vn8\n[2] https://hs.acme.example/p?d=Vn8"
    ),
}


@pytest.mark.parametrize("name", sorted(MORE_REFERENCES))
def test_more_footers_with_numbered_references_go(name: str) -> None:
    missed = misses({name: MORE_REFERENCES[name]}, under_line=False)
    assert not missed, "\n".join(missed)


LEGAL_BARS = {
    "de": (
        "Impressum <https://www.acme.example/impressum> | Datenschutz "
        "<https://www.acme.example/datenschutz> | AGB <https://www.acme.example/agb>"
    ),
    "en": (
        "Privacy Policy <https://www.acme.example/privacy> · Terms of Service "
        "<https://www.acme.example/terms>"
    ),
    "fr": (
        "Mentions légales <https://www.acme.example/mentions> | Confidentialité "
        "<https://www.acme.example/confidentialite>"
    ),
    "es": (
        "Aviso legal <https://www.acme.example/aviso> | Política de privacidad "
        "<https://www.acme.example/privacidad>"
    ),
    "it": (
        "Note legali <https://www.acme.example/note> | Privacy <https://www.acme.example/privacy>"
    ),
    "nl": (
        "Privacyverklaring <https://www.acme.example/privacy> | Algemene voorwaarden "
        "<https://www.acme.example/voorwaarden>"
    ),
    "pl": (
        "Polityka prywatności <https://www.acme.example/prywatnosc> | Regulamin "
        "<https://www.acme.example/regulamin>"
    ),
    "pt": (
        "Política de Privacidade <https://www.acme.example/privacidade> | Termos de Uso "
        "<https://www.acme.example/termos>"
    ),
    "markdown": (
        "[Impressum](https://www.acme.example/impressum) | "
        "[Datenschutz](https://www.acme.example/datenschutz)"
    ),
}


@pytest.mark.parametrize("name", sorted(LEGAL_BARS))
def test_a_bar_of_the_senders_legal_pages_goes(name: str) -> None:
    missed = misses({name: LEGAL_BARS[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_a_footer_with_numbered_references_under_it_goes(name: str) -> None:
    missed = misses({name: REFERENCES[name]}, under_line=False)
    assert not missed, "\n".join(missed)


OWN_REFERENCES = (
    "Hi,\n\nthe error is the one described in the vendor's note [1]; the workaround in [2] "
    "did not help.\n\nThanks,\nNoor\n\n[1] https://support.vendor.example/kb/4411\n"
    "[2] https://support.vendor.example/kb/4412"
)


def test_the_clients_own_numbered_references_stay() -> None:
    assert reply_text(OWN_REFERENCES).rstrip() == OWN_REFERENCES
    assert reply_text(f"{OWN_REFERENCES}\n\n{QUOTE}\n").rstrip() == OWN_REFERENCES


def test_the_clients_references_stay_above_a_footer() -> None:
    for footer in (ANGLED["newsletter bar"], LISTS["mailman 3 python"], TRACKERS["jira server"]):
        got = reply_text(f"{OWN_REFERENCES}\n\n{footer}\n")
        assert got.rstrip() == OWN_REFERENCES


def test_the_references_the_reply_cites_stay_under_its_sign_off() -> None:
    """A webmail numbers the writer's links and the footer's in one list: the footer's
    line and its references go, the writer's stay under the sign-off."""
    text = (
        "Hi,\n\nthe error is the one in the vendor's note [1].\n\nThanks,\nNoor\n\n"
        "Unsubscribe [2]\n\nLinks:\n------\n[1] https://support.vendor.example/kb/4411\n"
        "[2] https://news.acme.example/u/7f3a"
    )
    assert reply_text(text) == (
        "Hi,\n\nthe error is the one in the vendor's note [1].\n\nThanks,\nNoor\n\n"
        "Links:\n------\n\n[1] https://support.vendor.example/kb/4411"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\nthese two pages fail since Monday:\n\n1. https://portal.acme.example/a\n"
        "2. https://portal.acme.example/b",
        "Hi,\n\nthese two pages fail since Monday:\n\n[1] https://portal.acme.example/a\n"
        "[2] https://portal.acme.example/b",
        "Hi,\n\nthe links I use:\n\nReferences\n\n1. https://portal.acme.example/a",
    ],
)
def test_a_list_of_links_the_client_sets_out_stays(text: str) -> None:
    assert reply_text(text) == text


# -- trackers' and helpdesks' footers ---------------------------------------------------

TRACKERS = {
    "github plain": (
        "—\nReply to this email directly or view it on GitHub:\n"
        "https://github.com/acme/app/issues/42#issuecomment-1873456\n"
        "You are receiving this because you authored the thread.\n\n"
        "Message ID: <acme/app/issues/42/1873456@github.com>"
    ),
    "github pull": (
        "--\nReply to this email directly or view it on GitHub:\n"
        "https://github.com/acme/app/pull/57#discussion_r1622334\n"
        "You are receiving this because you are subscribed to this thread.\n\n"
        "Message ID: <acme/app/pull/57/review/2115533@github.com>"
    ),
    "gitlab": (
        "-- \nReply to this email directly or view it on GitLab: "
        "https://gitlab.com/acme/app/-/issues/42#note_1873456\n"
        "You're receiving this email because of your account on gitlab.com. Unsubscribe "
        "from this thread: https://gitlab.com/-/sent_notifications/4c1e/unsubscribe | "
        "Manage all notifications: https://gitlab.com/-/profile/notifications | Help: "
        "https://gitlab.com/help"
    ),
    "jira server": "--\nThis message was sent by Atlassian Jira\n(v8.20.10#820010)",
    "jira cloud": (
        "Get Jira notifications on your phone! Download the Jira Cloud app for Android or "
        "iOS\nThis message was sent by Atlassian Jira (v1001.0.0-SNAPSHOT#100245-sha1:b7f1c1e)"
    ),
    "jira de": (
        "--\nDiese Nachricht wurde von Atlassian Jira gesendet\n(v9.12.2#9120002-sha1:2e1c8b7)"
    ),
    "salesforce ref": "ref:_00D5g1ABC._5005g2XYZ7:ref",
    "salesforce thread": "thread::9hUhkP1v7RmGf0ABcDe3kQ::",
    "salesforce ref bracketed": "[ ref:_00D5g1ABC._5005g2XYZ7:ref ]",
    "zendesk id": "This email is a service from Acme Support.\n\n\n\n\n\n\n[7W3K2M-R1Q9]",
    "zendesk id alone": "[7W3K2M-R1Q9]",
    "freshdesk": (
        "--\nThis email is a service from Acme Support. Delivered by Freshdesk\n"
        "Ticket: https://acme.freshdesk.com/helpdesk/tickets/4211"
    ),
    "hubspot": (
        "Acme Inc., 1 Main Street, Boston, MA 02110, United States\n\n"
        "Unsubscribe <https://hs.acme.example/hs/manage-preferences/unsubscribe?d=Vn8> "
        "Manage preferences <https://hs.acme.example/hs/manage-preferences?d=Vn8>"
    ),
}


@pytest.mark.parametrize("name", sorted(TRACKERS))
def test_a_trackers_footer_goes(name: str) -> None:
    missed = misses({name: TRACKERS[name]})
    assert not missed, "\n".join(missed)


# -- lists as sites set them -------------------------------------------------------------

LISTS = {
    "mailman 3 python": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example\n"
        "https://lists.acme.example/mailman3/lists/office.lists.acme.example/\n"
        "Message archived at https://lists.acme.example/archives/list/"
        "office@lists.acme.example/message/K3QX7ZPL/\nCode of Conduct: "
        "https://www.acme.example/conduct/"
    ),
    "mailman 3 fedora": (
        "_______________________________________________\noffice mailing list -- "
        "office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example\nCode of Conduct: "
        "https://docs.acme.example/conduct/\nList Guidelines: "
        "https://wiki.acme.example/Mailing_list_guidelines\nList Archives: "
        "https://lists.acme.example/archives/list/office@lists.acme.example\n"
        "Do not reply to spam, report it: https://tickets.acme.example/new_issue"
    ),
    "mailman 3 fr": (
        "_______________________________________________\nListe de diffusion Office -- "
        "office@lists.acme.example\nPour vous désabonner, envoyez un courriel à "
        "office-leave@lists.acme.example"
    ),
    "mailman 3 es": (
        "_______________________________________________\nLista de correo Office -- "
        "office@lists.acme.example\nPara darse de baja, envíe un mensaje a "
        "office-leave@lists.acme.example"
    ),
    "mailman 3 pl": (
        "_______________________________________________\nLista dyskusyjna Office -- "
        "office@lists.acme.example\nAby zrezygnować z subskrypcji, wyślij wiadomość na "
        "adres office-leave@lists.acme.example"
    ),
    "hyperkitty": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example\nArchived at: "
        "https://lists.acme.example/hyperkitty/list/office@lists.acme.example/message/"
        "K3QX7ZPL/"
    ),
    "groups.io html": (
        "_._,_._,_\n\nGroups.io Links:\n\nYou receive all messages sent to this group.\n\n"
        "View/Reply Online (#842) | Reply To Group | Reply To Sender | Mute This Topic | "
        "New Topic\nYour Subscription | Contact Group Owner | Unsubscribe "
        "[noor@client.example]\n\n_._,_._,_"
    ),
    "groups.io html pt": (
        "_._,_._,_\n\nLinks do Groups.io:\n\nVocê recebe todas as mensagens enviadas para "
        "este grupo.\n\nVer/Responder on-line (#842) | Responder ao grupo | Responder ao "
        "remetente | Silenciar este tópico | Novo tópico\nSua assinatura | Contatar o "
        "proprietário do grupo | Cancelar assinatura [noor@client.example]\n\n_._,_._,_"
    ),
    "address only": "_______________________________________________\noffice@lists.acme.example",
    "name and address": (
        "_______________________________________________\nOffice\noffice@lists.acme.example"
    ),
    "post to": "--\nPost to the list: office@lists.acme.example",
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_lists_footer_as_sites_set_it_goes(name: str) -> None:
    missed = misses({name: LISTS[name]})
    assert not missed, "\n".join(missed)


WRAPPABLE = {
    "gg ja": (
        "--\nこのメールは Google グループのグループ「Office」の登録者に送られています。\n"
        "このグループから退会し、グループからのメールの配信を停止するには "
        "office+unsubscribe@googlegroups.com にメールを送信してください。"
    ),
    "gg ru": (
        '--\nВы получили это сообщение, поскольку подписаны на группу "Office" в Google '
        "Группах.\nЧтобы отменить подписку на эту группу и больше не получать от нее "
        "сообщения, отправьте письмо на электронный адрес "
        "office+unsubscribe@googlegroups.com.\nЧтобы посмотреть обсуждение, перейдите по "
        f"ссылке {GG_VIEW}."
    ),
    "gg pt": (
        '--\nVocê recebeu essa mensagem porque está inscrito no grupo "Office" dos Grupos '
        "do Google.\nPara cancelar inscrição nesse grupo e parar de receber e-mails dele, "
        "envie um e-mail para office+unsubscribe@googlegroups.com.\nPara ver essa "
        f"discussão, acesse {GG_VIEW}."
    ),
    "gg tr": (
        '--\nBu iletiyi, Google Gruplar\'daki "Office" grubuna abone olduğunuz için '
        "aldınız.\nBu gruptan aboneliğinizi iptal etmek ve artık bu gruptan e-posta almamak "
        "için office+unsubscribe@googlegroups.com adresine e-posta gönderin.\nBu tartışmayı "
        f"görüntülemek için {GG_VIEW} adresini ziyaret edin."
    ),
    "gg pl": (
        "--\nOtrzymujesz tę wiadomość, bo subskrybujesz grupę „Office” w Grupach Google.\n"
        "Aby anulować subskrypcję tej grupy i przestać otrzymywać od niej e-maile, wyślij "
        "e-maila na adres office+unsubscribe@googlegroups.com.\nAby wyświetlić tę dyskusję, "
        f"otwórz {GG_VIEW}."
    ),
    "sympa en": (
        "---\nTo unsubscribe from this list, send an email to sympa@lists.acme.example "
        "with the subject: signoff office"
    ),
    "listserv": (
        "############################\n\nTo unsubscribe from the OFFICE list, click the "
        "following link:\nhttps://listserv.acme.example/scripts/wa.exe?SUBED1=OFFICE&A=1"
    ),
    "discourse": (
        "---\nVisit Topic: https://forum.acme.example/t/vpn-drops/812/4 or reply to this "
        "email to respond.\nYou are receiving this because you enabled mailing list mode.\n"
        "To unsubscribe from these emails, click here: "
        "https://forum.acme.example/email/unsubscribe/4fa1c"
    ),
}


def wrapped(footer: str, width: int = 72) -> str:
    """``footer`` as a list wraps it: each line folded at ``width`` columns, a long link
    left whole on a line of its own."""
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or line
        for line in footer.split("\n")
    )


@pytest.mark.parametrize("name", sorted(WRAPPABLE))
def test_a_lists_footer_folded_at_72_columns_goes(name: str) -> None:
    missed = misses({name: wrapped(WRAPPABLE[name])})
    assert not missed, "\n".join(missed)


# -- tracking images under an unsubscribe line ------------------------------------------

TRACKING = {
    "angled pixel": (
        "To stop receiving these emails, unsubscribe here: "
        "https://news.acme.example/u/7f3a\n<https://t.acme.example/o/7f3a.gif>"
    ),
    "image placeholder": ("Unsubscribe: https://news.acme.example/u/7f3a\n[image: ]"),
    "outlook image link": (
        "Unsubscribe <https://news.acme.example/u/7f3a> | Privacy policy "
        "<https://www.acme.example/privacy>\n[https://t.acme.example/open/7f3a.png]"
    ),
    "cid image": (
        "Abmelden: https://news.acme.example/abmelden?u=77\n[cid:image001.png@01DBDB3A.5C2E1F30]"
    ),
}


@pytest.mark.parametrize("name", sorted(TRACKING))
def test_an_unsubscribe_line_with_a_tracking_image_under_it_goes(name: str) -> None:
    missed = misses({name: TRACKING[name]})
    assert not missed, "\n".join(missed)


# -- data protection --------------------------------------------------------------------

PRIVACY = {
    "de one line": "Datenschutzhinweise: https://www.kunde.example/datenschutz",
    "de dsgvo": (
        "Informationen zum Umgang mit Ihren personenbezogenen Daten gemäß Art. 13 und 14 "
        "DSGVO finden Sie unter https://www.kunde.example/datenschutz."
    ),
    "fr rgpd": (
        "Vos données personnelles sont traitées conformément au RGPD. Pour en savoir plus : "
        "https://www.client.example/confidentialite"
    ),
    "fr one line": "Politique de confidentialité : https://www.client.example/confidentialite",
    "es rgpd": (
        "En cumplimiento del Reglamento (UE) 2016/679 (RGPD), le informamos de que sus datos "
        "personales serán tratados por Cliente S.L. con la finalidad de gestionar la "
        "relación comercial. Puede ejercer sus derechos escribiendo a lopd@cliente.example."
    ),
    "it gdpr": (
        "Informativa ai sensi dell'art. 13 del Regolamento UE 2016/679 (GDPR): i suoi dati "
        "sono trattati da Cliente S.r.l. per finalità connesse al rapporto commerciale. "
        "https://www.cliente.example/privacy"
    ),
    "nl avg": (
        "Wij gaan zorgvuldig om met uw persoonsgegevens. Lees onze privacyverklaring op "
        "https://www.klant.example/privacy"
    ),
    "en gdpr": (
        "We process your personal data in accordance with the GDPR. Our privacy notice: "
        "https://www.client.example/privacy"
    ),
}


@pytest.mark.parametrize("name", sorted(PRIVACY))
def test_a_data_protection_line_goes(name: str) -> None:
    missed = misses({name: PRIVACY[name]}, under_line=False)
    assert not missed, "\n".join(missed)


# -- scanners' stamps and carriers' taglines ---------------------------------------------

SCANNED = {
    "en": "This email has been scanned for viruses and malware.",
    "en by": "This e-mail has been scanned by Acme Mail Gateway.",
    "de": "Diese E-Mail wurde auf Viren und Schadsoftware überprüft.",
    "fr": "Ce courriel a été analysé par un logiciel antivirus.",
    "es": "Este correo electrónico ha sido analizado en busca de virus.",
    "it": "Questa e-mail è stata controllata da un software antivirus.",
    "nl": "Deze e-mail is gecontroleerd op virussen.",
    "pt": "Este e-mail foi verificado quanto a vírus.",
    "pl": "Ta wiadomość została sprawdzona przez program antywirusowy.",
    "tr": "Bu e-posta virüslere karşı taranmıştır.",
    "kaspersky": "Проверено Kaspersky Internet Security",
    "eset gateway": (
        "__________ Information from ESET Mail Security, version of virus signature "
        "database 27412 (20250612) __________\n\nThe message was checked by ESET Mail "
        "Security.\nhttps://www.eset.com"
    ),
}


@pytest.mark.parametrize("name", sorted(SCANNED))
def test_a_scanned_stamp_goes(name: str) -> None:
    missed = misses({name: SCANNED[name]})
    assert not missed, "\n".join(missed)


CARRIERS = {
    "att": "Sent via the Samsung Galaxy S23, an AT&T 5G smartphone",
    "tmobile": "Sent from my T-Mobile 4G LTE Device",
    "sprint": "Sent from my Sprint Samsung Galaxy S10e.",
    "rogers": "Sent from my BlackBerry 10 smartphone on the Rogers network.",
    "bell": "Sent from my Bell Samsung device over Canada's largest network.",
    "metropcs": "Sent from my MetroPCS 4G Android device",
    "cricket": "Sent from my Cricket Wireless smartphone",
    "uscellular": "Sent from my U.S. Cellular® Smartphone",
    "telus": "Sent from my Telus Samsung Galaxy",
    "verizon": "Sent from my Verizon, Samsung Galaxy smartphone\nGet Outlook for Android",
}


@pytest.mark.parametrize("name", sorted(CARRIERS))
def test_a_carriers_tagline_goes(name: str) -> None:
    missed = misses({name: CARRIERS[name]})
    assert not missed, "\n".join(missed)


# -- a newsletter's link bar in its languages ------------------------------------------

BARS = {
    "nl": (
        "Afmelden <https://news.acme.example/a?u=77> | Voorkeuren wijzigen "
        "<https://news.acme.example/v?u=77>"
    ),
    "es": (
        "Cancelar suscripción <https://news.acme.example/baja?u=77> | Actualizar preferencias "
        "<https://news.acme.example/pref?u=77>"
    ),
    "it": (
        "Annulla iscrizione <https://news.acme.example/cancella?u=77> | Aggiorna le preferenze "
        "<https://news.acme.example/pref?u=77>"
    ),
    "pt": (
        "Cancelar inscrição <https://news.acme.example/sair?u=77> | Atualizar preferências "
        "<https://news.acme.example/pref?u=77>"
    ),
    "pl": (
        "Wypisz się <https://news.acme.example/wypisz?u=77> | Zmień ustawienia "
        "<https://news.acme.example/ust?u=77>"
    ),
    "tr": (
        "Abonelikten çık <https://news.acme.example/cik?u=77> | Tercihleri güncelle "
        "<https://news.acme.example/t?u=77>"
    ),
    "ru": (
        "Отписаться <https://news.acme.example/otpiska?u=77> | Настройки рассылки "
        "<https://news.acme.example/n?u=77>"
    ),
    "ja": (
        "配信停止 <https://news.acme.example/teishi?u=77> | 配信設定の変更 "
        "<https://news.acme.example/s?u=77>"
    ),
    "sv": (
        "Avregistrera <https://news.acme.example/av?u=77> | Uppdatera inställningar "
        "<https://news.acme.example/i?u=77>"
    ),
    "de impressum": (
        "Impressum <https://www.acme.example/impressum> | Datenschutz "
        "<https://www.acme.example/datenschutz> | Abmelden "
        "<https://news.acme.example/abmelden?u=77>"
    ),
    "en privacy terms": (
        "Privacy Policy <https://www.acme.example/privacy> · Terms "
        "<https://www.acme.example/terms> · Unsubscribe <https://news.acme.example/u/7f3a>"
    ),
    "en numbered": (
        "Privacy Policy [1] · Terms [2] · Unsubscribe [3]\n\n[1] "
        "https://www.acme.example/privacy\n[2] https://www.acme.example/terms\n[3] "
        "https://news.acme.example/u/7f3a"
    ),
}


@pytest.mark.parametrize("name", sorted(BARS))
def test_a_newsletters_link_bar_goes(name: str) -> None:
    missed = misses({name: BARS[name]})
    assert not missed, "\n".join(missed)


OURS = {
    "en": "Unsubscribe from our emails <https://acme.intercom-mail.com/unsub/7f3a>",
    "en click": "Click here to unsubscribe from our newsletter: https://news.acme.example/u/7f3a",
    "de": "Von unserem Newsletter abmelden <https://news.acme.example/abmelden?u=77>",
    "fr": "Se désabonner de nos e-mails <https://news.acme.example/desabo?u=77>",
    "es": "Darse de baja de nuestros correos <https://news.acme.example/baja?u=77>",
    "it": "Disiscriviti dalla nostra newsletter <https://news.acme.example/c?u=77>",
    "nl": "Afmelden voor onze nieuwsbrief <https://news.acme.example/a?u=77>",
    "pt": "Cancelar a inscrição dos nossos e-mails <https://news.acme.example/sair?u=77>",
}


@pytest.mark.parametrize("name", sorted(OURS))
def test_an_unsubscribe_line_that_names_the_senders_list_as_ours_goes(name: str) -> None:
    missed = misses({name: OURS[name]})
    assert not missed, "\n".join(missed)


MORE_PRIVACY = {
    "de hinweis": (
        "Hinweis zum Datenschutz: Wir verarbeiten Ihre Daten gemäß DSGVO. Details: "
        "https://www.kunde.example/datenschutz"
    ),
    "fr traitement": (
        "Pour toute information sur le traitement de vos données personnelles, consultez notre "
        "politique de confidentialité : https://www.client.example/confidentialite"
    ),
    "es politica": "Política de privacidad: https://www.cliente.example/privacidad",
    "es datos": (
        "Protección de datos: sus datos personales se tratan de acuerdo con el RGPD. Más "
        "información en https://www.cliente.example/privacidad"
    ),
    "it privacy": "Privacy policy: https://www.cliente.example/privacy",
    "it dati": (
        "I Suoi dati personali sono trattati nel rispetto del GDPR. Informativa completa: "
        "https://www.cliente.example/privacy"
    ),
    "nl lees": "Lees hier onze privacyverklaring: https://www.klant.example/privacy",
    "pt politica": "Política de Privacidade: https://www.cliente.example/privacidade",
}


@pytest.mark.parametrize("name", sorted(MORE_PRIVACY))
def test_more_data_protection_lines_go(name: str) -> None:
    missed = misses({name: MORE_PRIVACY[name]}, under_line=False)
    assert not missed, "\n".join(missed)


MORE_SCANNED = {
    "de gescannt": "Diese Nachricht wurde vom Acme Mail Gateway auf Viren gescannt.",
    "de virengeprueft": "Virengeprüft durch Acme Mail Security.",
    "sv": "Detta e-postmeddelande har genomsökts efter virus.",
    "da": "Denne e-mail er blevet scannet for virus.",
    "cs": "Tento e-mail byl zkontrolován na viry.",
    "ru": "Это письмо проверено на вирусы.",
    "ja": "このメールはウイルスチェック済みです。",
    "fr verifie": "Ce message a été vérifié par un antivirus.",
    "es revisado": "Este mensaje ha sido revisado por un antivirus.",
    "it scansionata": "Questa email è stata scansionata alla ricerca di virus.",
    "nl gescand": "Dit bericht is gescand op virussen en malware.",
}


@pytest.mark.parametrize("name", sorted(MORE_SCANNED))
def test_more_scanned_stamps_go(name: str) -> None:
    missed = misses({name: MORE_SCANNED[name]})
    assert not missed, "\n".join(missed)


MORE_TRACKERS = {
    "linear": (
        "—\nView issue in Linear <https://linear.app/acme/issue/OPS-42>\nReply to this email "
        "directly to comment on the issue."
    ),
    "slack": (
        "You're getting this email because you have an account in Acme. To change your "
        "email preferences, visit https://acme.slack.com/account/notifications\n\n"
        "Slack Technologies, LLC, 500 Howard Street, San Francisco, CA 94105"
    ),
    "intercom": (
        "Sent from Acme Support via Intercom <https://www.intercom.com/intercom-link?company=Acme>"
    ),
    "helpscout": "Acme Support, powered by Help Scout <https://www.helpscout.com>",
    "jira glued": ("This message was sent by Atlassian Jira (v8.20.10#820010)"),
    "freshdesk de": (
        "--\nDiese E-Mail ist ein Service von Acme Support. Bereitgestellt von Freshdesk"
    ),
}


@pytest.mark.parametrize("name", sorted(MORE_TRACKERS))
def test_more_trackers_footers_go(name: str) -> None:
    missed = misses({name: MORE_TRACKERS[name]})
    assert not missed, "\n".join(missed)


FOLDED = {
    f"{family} {name}": (footer, family in ("privacy", "more privacy"))
    for family, footers in (
        ("angled", ANGLED),
        ("trackers", TRACKERS),
        ("lists", LISTS),
        ("tracking", TRACKING),
        ("privacy", PRIVACY),
        ("scanned", SCANNED),
        ("bars", BARS),
        ("more privacy", MORE_PRIVACY),
        ("more scanned", MORE_SCANNED),
        ("more trackers", MORE_TRACKERS),
        ("ours", OURS),
    )
    for name, footer in footers.items()
    if wrapped(footer) != footer
}


@pytest.mark.parametrize("name", sorted(FOLDED))
def test_every_footer_folded_at_72_columns_goes(name: str) -> None:
    """Each footer of the grid as a list or a gateway folds it at 72 columns, right under
    the last line too ("Obrigada," / "Inês" / "Cancelar a inscrição dos nossos" /
    "e-mails <https://…>")."""
    footer, apart = FOLDED[name]
    missed = misses({name: wrapped(footer)}, under_line=not apart)
    assert not missed, "\n".join(missed)


# -- the client's own words ---------------------------------------------------------------

OWN = {
    "wants to unsubscribe": (
        "Hi,\n\nI want to unsubscribe from your newsletter, but the link "
        "https://news.acme.example/u/7f3a gives an error 500."
    ),
    "unsubscribe angled": (
        "Hi,\n\nthe unsubscribe link <https://news.acme.example/u/7f3a> in your mails does "
        "not work, please remove me by hand."
    ),
    "quotes a link": (
        "Hi,\n\nthe page <https://portal.acme.example/invoices> shows no invoices since May."
    ),
    "link alone angled": (
        "Hi,\n\nthe invoices are missing here:\n<https://portal.acme.example/invoices>"
    ),
    "privacy question": (
        "Hallo,\n\nwo finde ich Ihre Datenschutzhinweise? Der Link "
        "https://www.acme.example/datenschutz führt ins Leere."
    ),
    "privacy fr": (
        "Bonjour,\n\nconformément au RGPD, je souhaite que vous supprimiez mes données "
        "personnelles de votre CRM."
    ),
    "mailing list": (
        "Hi,\n\nI posted the question on the office mailing list "
        "(office@lists.acme.example) but nobody answered."
    ),
    "github link": (
        "Hi,\n\nthis is the bug we hit, see the GitHub issue:\n"
        "https://github.com/acme/app/issues/42\nCan you tell us when it ships?"
    ),
    "jira sentence": (
        "Hi,\n\nthe ticket was sent by Atlassian Jira to the wrong group, can you forward it?"
    ),
    "scanned": (
        "Hi,\n\nthis email has been scanned by our new antivirus and it flagged your "
        "attachment. Can you resend it?"
    ),
    "carrier": ("Hi,\n\nsent from my T-Mobile phone because the office network is down again."),
    "unsubscribe our address": (
        "Hi,\n\nplease unsubscribe our address from the old list: https://news.acme.example/u/7f3a"
    ),
    "cannot leave ours": (
        "Hi,\n\nI cannot unsubscribe from our old provider's list: "
        "https://news.oldprovider.example/u/12"
    ),
    "two documents": (
        "Hi,\n\nhere are both files:\n\nInvoice <https://portal.acme.example/a> | Receipt "
        "<https://portal.acme.example/b>"
    ),
    "legal pages broken": (
        "Hi,\n\nthe links in your footer are broken: Impressum <https://www.acme.example/i> "
        "and Datenschutz <https://www.acme.example/d> both give a 404."
    ),
    "app instruction": (
        "Hi,\n\nplease download the VPN app for Android or iOS from the portal, then log in."
    ),
    "app question": "Hi,\n\nwhere do we download the Acme app for Android or iOS?",
    "app last line": (
        "Hi,\n\nthe field team uses the tablets.\nDownload the app for Android or iOS fails."
    ),
    "reference id": "Hi,\n\nour reference is [7W3K2M-R1Q9], please quote it on the invoice.",
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_the_clients_own_words_stay(name: str) -> None:
    text = OWN[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


# -- whole mails -----------------------------------------------------------------------

LIST_HEADERS = (
    "List-Id: Office <office.lists.acme.example>\r\n"
    "List-Post: <mailto:office@lists.acme.example>\r\n"
    "List-Unsubscribe: <mailto:office-leave@lists.acme.example>\r\n"
    "List-Archive: <https://lists.acme.example/archives/list/office@lists.acme.example/>\r\n"
    "Precedence: list\r\n"
)
GITHUB = "Noor Haddad <notifications@github.com>"
GITHUB_HEADERS = (
    "Reply-To: acme/app <reply+AAB3KQ7XH2ZL4@reply.github.com>\r\n"
    "List-ID: acme/app <app.acme.github.com>\r\n"
    "List-Unsubscribe: <mailto:unsub+AAB3KQ7XH2ZL4@reply.github.com>\r\n"
)
WHOLE = {
    "mailman 3 python": (LISTS["mailman 3 python"], LIST_HEADERS, ""),
    "address only": (LISTS["address only"], LIST_HEADERS, ""),
    "roundcube google groups": (REFERENCES["roundcube google groups"], "", ""),
    "github glued": (ANGLED["github glued"], GITHUB_HEADERS, GITHUB),
    "github plain": (TRACKERS["github plain"], GITHUB_HEADERS, GITHUB),
    "jira server": (TRACKERS["jira server"], "", ""),
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_whole_mail_reads_as_the_clients_words(name: str) -> None:
    footer, headers, sender = WHOLE[name]
    missed = []
    for client, text in CLIENTS.items():
        for body in (f"{text}\n\n{footer}\n", f"{text}\n\n{QUOTE}\n\n{footer}\n"):
            want = parse_message(plain_mail(body.split(footer)[0], headers, sender))
            got = parse_message(plain_mail(body, headers, sender))
            if got.reply_text != want.reply_text:
                missed.append(f"{client}: {got.reply_text[-160:]!r}")
    assert not missed, "\n".join(missed)


HTML_FOOTERS = {
    "newsletter": (
        '<p style="font-size:11px;color:#888">You are receiving this email because you '
        'signed up at acme.example. <a href="https://news.acme.example/u/7f3a">Unsubscribe'
        '</a> | <a href="https://news.acme.example/p/7f3a">Update preferences</a></p>'
        '<img src="https://t.acme.example/o/7f3a.gif" width="1" height="1" alt="">'
    ),
    "github": (
        '<p style="font-size:small;color:#666">—<br>Reply to this email directly, <a '
        'href="https://github.com/acme/app/issues/42#issuecomment-1873456">view it on '
        'GitHub</a>, or <a href="https://github.com/notifications/unsubscribe-auth/AAB3">'
        "unsubscribe</a>.<br>You are receiving this because you were mentioned."
        '<img src="https://github.com/notifications/beacon/AAB3.gif" height="1" width="1" '
        'alt=""></p>'
    ),
    "groups.io": (
        "<div>_._,_._,_</div><hr><div>Groups.io Links:<p>You receive all messages sent to "
        'this group.</p><p><a href="https://groups.io/g/office/message/842">View/Reply '
        'Online (#842)</a> | <a href="mailto:office@groups.io">Reply To Group</a> | <a '
        'href="https://groups.io/mt/101/7654">Mute This Topic</a> | <a '
        'href="https://groups.io/g/office/post">New Topic</a><br><a '
        'href="https://groups.io/g/office/editsub/7654">Your Subscription</a> | <a '
        'href="mailto:office+owner@groups.io">Contact Group Owner</a> | <a '
        'href="https://groups.io/g/office/leave/7654">Unsubscribe</a> [noor@client.example]'
        "<br></p></div><div>_._,_._,_</div>"
    ),
    "privacy de": (
        '<p style="font-size:8pt">Informationen zum Datenschutz finden Sie unter <a '
        'href="https://www.kunde.example/datenschutz">https://www.kunde.example/datenschutz'
        "</a>.</p>"
    ),
}


@pytest.mark.parametrize("name", sorted(HTML_FOOTERS))
def test_an_html_only_mail_reads_without_its_footer(name: str) -> None:
    for client, text in CLIENTS.items():
        want = parse_message(html_only_mail(text)).reply_text
        got = parse_message(html_only_mail(text, HTML_FOOTERS[name])).reply_text
        assert got == want, client


# -- a tracker's or a helpdesk's notification of the client's comment -------------------

COMMENT = (
    "The VPN drops every hour since the firewall update; the sales team loses its "
    "session.\nCould you look into it today?"
)
JIRA_LINK = (
    "https://jira.acme.example/browse/OPS-42?page=com.atlassian.jira.plugin.system."
    "issuetabpanels:comment-tabpanel&focusedCommentId=1873456#comment-1873456"
)
NOTIFICATIONS = {
    "jira": (
        "Noor Haddad (Jira) <jira@acme.atlassian.net>",
        "",
        f"\n    [ {JIRA_LINK} ] \n\nNoor Haddad commented on OPS-42:\n"
        f"--------------------------------\n\n{COMMENT}\n\n> VPN drops every hour\n"
        "> --------------------\n>\n>                 Key: OPS-42\n"
        ">                 URL: https://jira.acme.example/browse/OPS-42\n"
        ">             Project: Operations\n>          Issue Type: Bug\n"
        ">            Reporter: Noor Haddad\n>\n"
        "> Since the firewall update the VPN drops every hour.\n\n\n\n"
        f"{TRACKERS['jira server']}\n",
    ),
    "gitlab": (
        "Noor Haddad <gitlab@mg.gitlab.com>",
        "",
        f"Noor Haddad commented:\n\n{COMMENT}\n\n{TRACKERS['gitlab']}\n",
    ),
    "github": (
        GITHUB,
        GITHUB_HEADERS,
        f"{COMMENT}\n\n{ANGLED['github glued']}\n",
    ),
    "github plain": (GITHUB, GITHUB_HEADERS, f"{COMMENT}\n\n{TRACKERS['github plain']}\n"),
    "zendesk": (
        "Noor Haddad <support@client.zendesk.com>",
        "",
        "##- Please type your reply above this line -##\n\nNoor Haddad (Client Ltd)\n\n"
        f"Jun 12, 2025, 09:30 GMT+2\n\n{COMMENT}\n\nThis email is a service from Client Ltd. "
        "Delivered by Zendesk\n\n[7W3K2M-R1Q9]\n",
    ),
    "salesforce": (
        "Noor Haddad <support@client.example>",
        "",
        f"{COMMENT}\n\nref:_00D5g1ABC._5005g2XYZ7:ref\n",
    ),
    "forwarded list post": (
        "",
        "",
        "Begin forwarded message:\n\nFrom: Ana Ruiz <ana@partner.example>\nSubject: VPN\n"
        "Date: 12 June 2025 at 08:10:00 CEST\nTo: office@lists.acme.example\n\n"
        f"{COMMENT}\n\n{LISTS['hyperkitty']}\n",
    ),
}


@pytest.mark.parametrize("name", sorted(NOTIFICATIONS))
def test_a_notification_of_the_clients_comment_reads_as_the_comment(name: str) -> None:
    sender, headers, text = NOTIFICATIONS[name]
    assert parse_message(plain_mail(text, headers, sender)).reply_text == COMMENT


def test_a_clients_mail_that_opens_with_a_link_keeps_it() -> None:
    text = "https://portal.acme.example/invoices\n\nThis page shows no invoices since May."
    assert parse_message(plain_mail(text)).reply_text == text


AVAST_OUTLOOK = (
    "[https://ipmcdn.avast.com/images/icons/icon-envelope-tick-round-orange-animated-no-"
    "repeat-v1.gif]<https://www.avast.com/sig-email?utm_medium=email&utm_source=link&utm_"
    "campaign=sig-email&utm_content=emailclient>\nVirus-free.www.avast.com<https://www.avast"
    ".com/sig-email?utm_medium=email&utm_source=link&utm_campaign=sig-email&utm_content="
    "emailclient>"
)


def test_a_scanners_stamp_as_outlook_renders_its_table_goes() -> None:
    missed = misses({"avast outlook": AVAST_OUTLOOK})
    assert not missed, "\n".join(missed)


# -- a list's post forwarded without a word, its footer inside the forward ----------------

POST = "The VPN drops every hour since the firewall update.<br>Could you look into it today?"
GG_HTML = (
    "-- <br>You received this message because you are subscribed to the Google Groups "
    '"Office" group.<br>To unsubscribe from this group and stop receiving emails from it, '
    'send an email to <a href="mailto:office+unsubscribe@googlegroups.com">'
    "office+unsubscribe@googlegroups.com</a>.<br>To view this discussion visit "
    f'<a href="{GG_VIEW}?utm_medium=email&amp;utm_source=footer">{GG_VIEW}</a>.<br>'
)
MM3_HTML = (
    "_______________________________________________<br>Office mailing list -- "
    "office@lists.acme.example<br>To unsubscribe send an email to "
    "office-leave@lists.acme.example<br>"
)
FORWARDS = {
    "apple mail": (
        '<html><body><div dir="auto"><div dir="ltr">Sent from my iPhone</div><div dir="ltr">'
        '<br>Begin forwarded message:<br><br></div><blockquote type="cite"><div dir="ltr">'
        "<b>From:</b> Ana Ruiz &lt;ana@partner.example&gt;<br><b>Date:</b> 12 June 2025 at "
        "08:10:00 CEST<br><b>To:</b> office@googlegroups.com<br><b>Subject:</b> <b>VPN</b>"
        '<br><br></div></blockquote><blockquote type="cite"><div dir="ltr"><div>'
        f"{POST}</div><br>{{footer}}</div></blockquote></div></body></html>"
    ),
    "gmail": (
        '<div dir="ltr"><br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
        "---------- Forwarded message ---------<br>From: <strong "
        'class="gmail_sendername" dir="auto">Ana Ruiz</strong> <span dir="auto">&lt;'
        "ana@partner.example&gt;</span><br>Date: Thu, 12 Jun 2025 at 08:10<br>Subject: VPN"
        "<br>To: &lt;office@lists.acme.example&gt;<br></div><br><br>"
        f"<div>{POST}</div><div><br></div>{{footer}}</div></div>"
    ),
}


@pytest.mark.parametrize("footer", [GG_HTML, MM3_HTML])
@pytest.mark.parametrize("program", sorted(FORWARDS))
def test_a_post_forwarded_as_html_without_a_word_reads_without_its_footer(
    program: str, footer: str
) -> None:
    html = FORWARDS[program].replace("{footer}", footer)
    got = parse_message(plain_mail(html, subtype="html")).reply_text
    assert got == POST.replace("<br>", "\n")


def test_a_post_forwarded_as_text_under_the_phones_tagline_reads_without_its_footer() -> None:
    text = (
        "Sent from my iPhone\n\nBegin forwarded message:\n\nFrom: Ana Ruiz "
        "<ana@partner.example>\nDate: 12 June 2025 at 08:10:00 CEST\nTo: "
        f"office@lists.acme.example\nSubject: VPN\n\n{COMMENT}\n\n{LISTS['mailman 3 python']}\n"
    )
    assert parse_message(plain_mail(text)).reply_text == COMMENT


def test_an_html_reply_of_nothing_but_the_quote_stays_empty() -> None:
    html = (
        '<div dir="ltr"><br></div><br><div class="gmail_quote"><div dir="ltr" '
        'class="gmail_attr">On Thu, 12 Jun 2025 at 08:41, Acme Support &lt;'
        'support@acme.example&gt; wrote:<br></div><blockquote class="gmail_quote">Could you '
        "tell us which office is affected?</blockquote></div>"
    )
    assert parse_message(plain_mail(html, subtype="html")).reply_text == ""


def test_a_note_above_a_forward_is_the_reply() -> None:
    html = FORWARDS["gmail"].replace("{footer}", MM3_HTML)
    html = html.replace('<div dir="ltr"><br><br>', '<div dir="ltr">Please see below.<br><br>', 1)
    assert parse_message(plain_mail(html, subtype="html")).reply_text == "Please see below."
