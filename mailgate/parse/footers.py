"""Footers that software appends to a person's mail: what a list, a forum, a code host,
a virus scanner or a company's server adds below the writer's words.

A helpdesk gets such mail when its address is subscribed to a project's list or copied
on a thread there, or from clients whose server stamps a disclaimer on every message.
None of it is what the client wrote.  A footer is recognised by what it says, in the
shapes the programs write it:

- **list and group software** (Mailman, Sympa, LISTSERV, Google Groups, groups.io,
  ezmlm, Topicbox): a rule, then a closing block of a few lines each of which names the
  subscription, the list, its archive or its links, or gives a link or an address
  ("Users mailing list -- users@…" / "To unsubscribe send an email to …-leave@…");
  the same block without a rule when two of its lines name the list, or when the
  message carries the list's header fields (RFC 2369), whose addresses the footer
  repeats;
- **services** (code hosts, forums, newsletters): the reader told why they get the mail
  ("You are receiving this email because …", "Sie erhalten diese E-Mail, weil …"), an
  instruction that opens with its purpose or ends with its link ("To unsubscribe …",
  "Unsubscribe: https://…"), "Reply to this email directly or view it on …";
- **scanners and servers**: "This email has been checked for viruses by …", a
  confidentiality or data-protection notice (also appended right under the writer's
  last sentence, without a blank line), a company's register block, a gateway's
  warning about mail from outside, in the languages companies write them in;
- **conferencing programs**: the invitation a calendar appends under a mail ("Join
  Zoom Meeting" / its link / "Meeting ID: …" / "Passcode: …" / numbers to dial).

A footer is only looked for at the end of the text, and cut from the paragraph it
begins in (with the rule, the title or the labelled links set above it), or from its
own line when it follows the writer's last sentence without a blank line.  The writer's
own sentences stay: a footer speaks of the message and to its reader, never in the
writer's first person ("please unsubscribe our old address …"), and gives its link as
the object of its instruction, not in the middle of a sentence ("the unsubscribe link
(https://…) fails").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mailgate.parse.prefilter import opening_words, prefiltered
from mailgate.parse.quote_words import (
    FULL_STOP,
    LINK_OR_ADDRESS,
    QUESTION_END,
    SELF_I,
    UNREAD_MAILBOX_SENTENCE,
    announced,
    speaks_for_self,
    without_dutch_je,
    without_marks,
)

# How far from the end of the text a footer begins at most.
_FOOTER_LINES = 30

# Where a footer's sentence begins: the line's start (a list's mark before it, not a
# quotation mark) or after another sentence's end — not inside the writer's sentence
# ("your mails say you are receiving this because …").
_SENTENCE_START = r"(?:^[-*•—–>\s]{0,3}|(?<=[.!?] ))"

# Lines that only list, group and notification software writes.
_FOOTER_LINE = prefiltered(
    r"^[\w.+-]+\s+mailing list\s*$|^\S*(?:/listinfo/|/mailman3?/)\S*$|"
    r"^to unsubscribe\b.{0,80}(?:list|group|these|this|emails|messages|click|send)\b|"
    r"you received this message because you are subscribed to|"
    rf"{_SENTENCE_START}(?:\w+ ){{0,4}}"
    r"(?:receiv\w*|erhalten|reçu|recev\w*|recib\w*|receb\w*|ontvang\w*|ricev\w*|otrzymuj\w*|"
    r"otrzyma\w*|получ\w*)"
    r"\b.{0,50}\b(?:because|weil|da\b|car\b|porque|omdat|perch[ée]|ponieważ|так как)\b.{0,80}"
    r"(?:subscri|abonn|mitglied|suscri|inscri|geabonneerd|iscritt|członk|подпис|group|"
    r"gruppe|groupe|grupo|groep|gruppo)|"
    r"think before you print|bitte (?:drucken sie|denken sie)|"
    # "Aan dit bericht kunnen geen rechten worden ontleend": no rights derive from it.
    r"geen rechten (?:\w+ )?(?:worden )?ontleend|no rights (?:can|may) be derived from|"
    # "Before printing this e-mail, …": the mail or the thought named ("before printing
    # the labels, the printer …" is the writer's).
    r"(?P<printing>(?:before printing|antes de imprimir|avant d'imprimer|prima di stampare|"
    r"vor dem ausdrucken)\b.{0,60}(?:think|consider|pens|piens|denk|(?:this|este|esta|ce|"
    r"cet|cette|questa|questo|diese|dieser) (?:e-?mail|message|mensaje|correo|courriel|"
    r"messaggio|nachricht|mail)))|"
    r"^(?:información básica sobre protección de datos|informativa (?:sulla )?privacy|"
    r"datenschutzhinweis|protection des données personnelles|privacy notice)\b|"
    rf"{_SENTENCE_START}you(?:'re| are) receiving this (?:because|e-?mail|message|mail)\b|"
    # A network's or a calendar's notice of its own mail: "You are receiving LinkedIn
    # notification emails.", "Sie erhalten Benachrichtigungen von LinkedIn per E-Mail."
    r"^you(?:'re| are) receiving (?:\w+ ){0,2}notification (?:e-?mails|messages)\W*$|"
    r"^sie erhalten (?:\w+ ){0,2}benachrichtigungen (?:\w+ ){0,3}per e-?mail\W*$|"
    r"reply (?:directly )?to this (?:e-?mail|message)\b.{0,40}\b(?:view|comment|respond|"
    r"to (?:reply|post) (?:on|in|to))|"
    # "Reply via email to comment on this card", "… add a comment by replying to this email".
    r"reply (?:via|by) e-?mail to (?:comment|reply|respond|add)\b|"
    r"(?:add a comment|comment|respond) by replying to this (?:e-?mail|message)\b|"
    r"^view it on github\b|"
    r"^visit topic\b|reply to this email to respond\b|"
    # … and as its translations read when the link is lost with the HTML: a word to
    # visit the topic, then "or reply to this e-mail" ("Consultez le sujet ou répondez à
    # ce courriel pour répondre.", "Visite o tópico ou responda este e-mail …").
    r"^(?:visit|open|view|besuche|öffne|consultez|visitez|visita|visite|abra|bezoek|bekijk|"
    r"odwiedź|посетите|откройте|перейдите|navštivte|besök)\w*\b.{0,30}\b(?:topic|thema|sujet|tema|"
    r"tópico|onderwerp|temat|тем[уе]|téma|ämnet|argomento)\b.{0,40}\b(?:or|oder|ou|o|of|lub|"
    r"или|nebo|eller)\s+(?:reply|antworte|répond|respond|rispond|beantwoord|odpowiedz|"
    r"ответьте|odpověz|svara)\w*\b.{0,40}(?:e-?mail|mail|mejl|courriel|correo|письм|"
    r"wiadomoś)|"
    r"トピック.{0,20}(?:アクセス|表示).{0,20}このメールに返信|"
    # A notification's button to answer in the program it came from: "Reply in Teams".
    r"^(?:reply|respond|antworten|répondre|responder|rispondi|beantwoorden|odpowiedz|"
    r"ответить) (?:in|on|im|in der|dans|sur|en|em|no|su|op|w|в) (?:microsoft )?"
    r"(?:teams|slack|yammer|viva engage|outlook|google chat)\s*$|"
    # A bar of the phone stores' names under an app's advertisement: "iOS | Android".
    r"^(?:ios|android|iphone|ipad|app store|google play)(?:\s*[|·•]\s*(?:ios|android|"
    r"iphone|ipad|app store|google play))+\s*$|"
    r"^how (?:would you|did we) rate\b|^(?:please )?rate (?:my|our|this) (?:reply|response|"
    r"support|service)\b|"
    r"^(?:wie würden sie (?:meine|unsere) antwort bewerten|comment évalueriez-vous (?:ma|notre) "
    r"réponse|¿?cómo calificaría (?:mi|nuestra) respuesta|come valuteresti la (?:mia|nostra) "
    r"risposta|hoe zou u (?:mijn|ons) antwoord beoordelen)\b|"
    # A helpdesk's closing line, as it translates "This email is a service from …".
    r"^(?:diese e-?mail ist ein service von|(?:cet e-?mail|ce courriel) est un service de|"
    r"este correo(?: electrónico)? es un servicio de|questa e-?mail è un servizio di|"
    r"deze e-?mail is een service van|(?:este|esse) e-?mail é um serviço d[aeo]|"
    r"ten e-?mail jest usługą|ta wiadomość jest usługą)\b|"
    r"^(?:この|本)メールは.{1,40}のサービスです|"
    r"^stop watching (?:this )?(?:space|page|issue|thread|topic|blog|pull request)\b|"
    r"^this (?:e-?mail|message|notification) (?:is|was) (?:a service from|generated|sent "
    r"(?:to you )?(?:by|from|via|through|automatically)|automatically generated)\b|"
    r"\b(?:delivered|powered) by (?:zendesk|freshdesk|help ?scout|intercom|zoho desk|"
    r"jira|atlassian|hubspot|salesforce|servicenow)\b|"
    # … as the helpdesks translate it, alone on its line: "Bereitgestellt von Zendesk".
    r"^(?:bereitgestellt von|fourni par|con tecnolog[ií]a(?: de)?|desenvolvido por|"
    r"mogelijk gemaakt door|realizzato con|dostarczane przez|technologie|fornecido por|"
    r"fornito da|geleverd door|entregado por|proporcionado por|提供[:：]?) ?(?:zendesk|"
    r"freshdesk|help ?scout|intercom|zoho desk)\s*$|"
    # … and a subscriber's choice of both at once, the links lost with the HTML: "Update
    # your email preferences or unsubscribe here".
    r"^(?:update|manage|change|edit) (?:your )?(?:email |subscription |notification )?"
    r"(?:preferences|settings)\s+or\s+unsubscribe\b|"
    # A company's word on the reader's privacy above its address: "Microsoft respects your
    # privacy. To learn more, please read our Privacy Statement."
    r"^[\w .&-]{1,40} (?:respects your privacy|respektiert ihre privatsphäre|respecte votre "
    r"vie privée|respeta (?:su|tu) privacidad|rispetta la tua privacy|respecteert uw privacy|"
    r"respeita a sua privacidade)\b|"
    r"^(?:this|the) link (?:only works|works only|will only work|expires)\b|"
    r"^\[?(?:privacy (?:statement|policy|notice)|datenschutz(?:erklärung)?|"
    r"politique de confidentialité)\]?(?:\(https?://\S*\))?\s*$|"
    r"^groups\.io links\b|you receive all messages sent to this group|"
    r"^yahoo!? groups links\b|^-=-=-=-=|"
    r"(?P<stamp>this (?:e-?mail|message)(?: and any attachments?)? (?:has|have) been "
    r"(?:checked|scanned|filtered)(?: for (?:viruses|malware|spam|threats)| by)\b)|"
    r"yahoo!?\s*(?:groups|grupos|groupes|gruppen|gruppi)\b|"
    r"\b(?:sent you this (?:message|e-?mail)|vous a envoyé ce message|"
    r"hat ihnen diese (?:nachricht|e-?mail) gesendet|le ha enviado este mensaje)\b|"
    r"\b(?:(?:turn off|disable|mute|stop) (?:these |this |all )?(?:[\w-]+['’]s )?"
    r"notifications|"
    r"désactiver les notifications|benachrichtigungen deaktivieren|"
    r"desactivar (?:las )?notificaciones)\b|"
    r"^sent (?:via|through) [\w ]{1,30} \(?https?://|"
    r"diese e-?mail wurde (?:von|mit) .{0,40}(?:geprüft|gescannt)|"
    rf"{_SENTENCE_START}you(?:'re| are)? receiv(?:ed|ing) this (?:e-?mail |message |notification )?"
    r"because\b|"
    r"\b(?:do not|don't|please do not) reply (?:directly )?to this (?:e-?mail|message)\b|"
    # The same in the languages services write it in.
    r"\b(?:prosimy (?:na ni[ąa] )?nie odpowiada|nie odpowiadaj|bitte (?:antworten sie nicht|"
    r"nicht (?:direkt )?(?:auf diese (?:e-?mail|nachricht) )?antworten)|"
    r"(?:merci de|veuillez|prière de) ne pas (?:y )?répondre|ne répondez pas à (?:ce|cet)|"
    r"(?:por favor,? )?no (?:responda|conteste)s? (?:a )?(?:este|esta)|"
    r"non rispondere (?:a )?quest|niet (?:op deze (?:e-?mail|mail|bericht) )?beantwoorden|"
    r"reageer niet op|não responda|neodpovídejte|neodpovedajte|не отвечайте на|"
    r"не відповідайте на|yanıtlamayınız|cevaplamayınız|svara inte på|svar ikke på|"
    r"ikke svar på|älä vastaa|ne válaszoljon|μην απαντ|nu răspunde[țţ]i)|"
    r"返信しないでください|返信はできません|"
    # Why the reader gets it, in the scripts the phrase has no spaces in ("您收到此邮件" is
    # the reader; "このメールは…送信しています" may be the writer's own "I send this …").
    r"(?:您|你)收到(?:此|这|這)封?(?:邮件|郵件)|본 메일은 .{0,40}발송되었습니다|"
    r"请勿(?:直接)?回复|請勿(?:直接)?回[覆复]|"
    r"회신하지 마|발신 ?전용|"
    r"\bwe don't check this mailbox\b|"
    # A service's word that a machine wrote the mail, in the languages services write it
    # in: "This is an automated message", "Dies ist eine automatisch erzeugte Nachricht",
    # "Ceci est un message automatique", "Este es un mensaje automático" …
    r"^(?:this is an? (?:automated|automatic|auto-?generated|system-?generated|"
    r"computer-?generated) (?:e-?mail|message|notification|response)|"
    r"dies ist eine automatisch (?:erzeugte|generierte|erstellte|versandte|versendete) "
    r"(?:e-?mail|nachricht|benachrichtigung)|"
    r"(?:ceci est|il s'agit d)'? ?un (?:message|e-?mail|courriel) (?:automatique|généré "
    r"automatiquement)|(?:este|esto) es un (?:mensaje|correo)(?: electrónico)? "
    r"(?:automático|generado automáticamente)|questo è un messaggio (?:automatico|generato "
    r"automaticamente)|questa è una e-?mail automatica|(?:esta é uma|este é um) "
    r"(?:mensagem|e-?mail) (?:automátic[ao]|gerad[ao] automaticamente)|"
    r"dit is een automatisch(?: gegenereerd| verzonden| verstuurd)? (?:bericht|e-?mail)|"
    r"(?:to jest )?wiadomość (?:wygenerowana|wysłana) automatycznie|"
    r"ta wiadomość jest automatyczna|toto je automaticky (?:generovan|odeslan)\w* "
    r"(?:zpráv|e-?mail)\w*|(?:detta|det här) är ett automatiskt(?: genererat| skickat)? "
    r"(?:meddelande|mejl|e-?postmeddelande)|это (?:автоматическое|автоматически "
    r"(?:сгенерированное|отправленное)) (?:сообщение|письмо|уведомление)|"
    r"bu otomatik (?:bir )?(?:mesaj|e-?posta|bildirim))|"
    r"(?:この|本)メールは.{0,30}自動(?:送信|配信|的に送信)|"
    r"(?:此|本|该|該)(?:邮件|郵件|信件)(?:由|為|为|系)?.{0,10}自动(?:发送|發送|生成)|"
    r"هذه (?:رسالة|الرسالة) (?:آلية|تلقائية)|يرجى عدم الرد على (?:هذه|هذا)|"
    # "Please do not reply." as a line of its own: in the writer's sentence ("I am away
    # until Monday, please do not reply.") it is theirs.
    r"^\W*(?:please )?(?:do not|don't) reply\W*$|"
    r"^\W*(?:por favor,? )?no (?:respondas|responda|contestes|conteste)\W*$|"
    r"^\W*(?:per favore,? )?non rispondere\W*$|"
    # A title company's warning under every mail: it will never send wiring instructions.
    r"^\W*wire fraud (?:alert|warning|notice|advisory)\b.{0,80}\b(?:never|will not|won't)\b",
    re.IGNORECASE,
)
# A company's line asking the reader to think of the environment before printing the
# mail, in the languages companies write it in: the environment named, then the printing
# ("Please consider the environment before printing this e-mail", "Tänk på miljön innan
# du skriver ut …", "为了保护环境，请勿打印此邮件"), or the printing first and the thought
# of the environment after it ("Zanim wydrukujesz tę wiadomość, pomyśl o środowisku",
# "Bu e-postayı yazdırmadan önce çevreyi düşünün").
_ENVIRONMENT = (
    r"(?:environment|umwelt|environnement|medio ambiente|ambiente|milieu|środowisk|окружающ|"
    r"miljö|miljø|ympäristö|životní prostředí|životné prostredie|környezet|\bmediu\b|"
    r"çevre|περιβάλλον|medi ambient|okoliš|довкілл|環境|环境|环保|環保|"
    # … and in the languages of Southeast Asia, Korea, the Middle East and the Baltic.
    r"môi trường|lingkungan|환경|البيئة|סביבה|aplink|keskkon|okolj)"
    r".{0,60}(?:print|ausdruck|imprim|stamp|drukuj|печат|skriv\w* ut|udskriv|tulost|vytisk|"
    r"vytlač|nyomtat|tipări|yazdır|εκτυπ|ispis|друк|印刷|打印|列印|afdruk|cetak|인쇄|طباع|"
    r"הדפס|spausdin|drukā|tiskanj|natisn)|"
    r"(?:print|ausdruck|imprim|stamp|drukuj|печат|yazdır|afdruk|spausdin|khi in\b)"
    r".{0,60}(?:(?:think|consider|denk|pens|piens|pomyśl|подума|tänk|tænk|ajattele|pagalvok|"
    r"bảo vệ|cân nhắc).{0,30}(?:environment|umwelt|environnement|medio ambiente|ambiente|"
    r"milieu|środowisk|окружающ|medi ambient|aplink|môi trường)|çevre\w* düşün)|"
    # … the printing first in Czech, Slovak and the East Asian languages: "Před vytištěním
    # … zvažte dopad na životní prostředí", "印刷する前に環境への配慮を", "打印前请考虑环境".
    r"(?:vytišt|vytisk|vytlač|印刷|打印|列印|인쇄).{0,40}(?:životní prostředí|životné "
    r"prostredie|環境|环境|환경)"
)
# … and it asks or advises: the writer's "in the test environment we cannot print the
# attachments" does neither.
_ENVIRONMENT_ADVICE = re.compile(
    r"before|think|consider|please|bitte|bevor|denk|avant|pens|antes|piens|prima|rispett|"
    r"voordat|zanim|pomyśl|прежде|перед|подума|innan|tänk|før|tænk|tenk|ennen|ajattele|"
    r"než|myslete|myslite|skôr|mielőtt|gondol|înainte|gândi|önce|düşün|πριν|σκεφτ|abans|"
    r"prije|razmisl|перш|のため|控え|请勿|請勿|为了|為了|protect|save|respect|protég|"
    r"proteg|protej|chroń|schütz|schon|voordat|trước khi|vui lòng|sebelum|pertimbang|생각|"
    r"자제|قبل|يرجى|לפני|אנא|prieš|pagalvok|enne|pirms|preden|před|pred|zvažte|zvážte|"
    r"前に|配慮|考虑|考慮|전에",
    re.IGNORECASE,
)
# A company's line asking not to print the mail unless it must be: "Don't print this
# e-mail unless it's really necessary", "… ob der Ausdruck dieser E-Mail wirklich notwendig
# ist", "Merci de n'imprimer ce courriel qu'en cas de nécessité".
_PRINT_IF_NEEDED = (
    r"(?:print|druck|imprim|stamp|drukuj)\w*\b.{0,30}?\b(?:this|dieser|diese|ce|cet|cette|"
    r"este|esta|questa|questo|tej|tę|deze|dit)\s+(?:e-?mail|mail|message|courriel|correo|"
    r"nachricht|wiadomości|wiadomość|messaggio|bericht)\b.{0,50}(?:necessar|nécessit|"
    r"necesari|notwendig|nötig|konieczn|noodzakelijk|nodig)"
)
# The writers themselves, in the first person plural of the languages such lines are
# written in ("we", "wir" …: "we cannot print …" is a writer's account).
_WE = re.compile(r"(?<![\w'’])(?:we|wir|nous|wij)(?![\w'’])", re.IGNORECASE)


# A forum's instruction under a post, in the languages it is translated to: its link in
# brackets, then "or reply to this e-mail" ("[Besuche das Thema](https://…) oder antworte
# auf diese E-Mail, um zu antworten.", "… ou répondez à cet e-mail pour répondre.").
_LINK_OR_REPLY = (
    r"\(https?://[^\s()]+\)\s+(?:or|oder|ou|o|of|lub|или|eller|tai|nebo|vagy|veya|або)\s+"
    # (a few words may come first: "… veya yanıt vermek için bu e-postayı yanıtlayın")
    r"(?:\S+\s+){0,4}?(?:reply|antworte\w*|répond\w*|respond\w*|rispond\w*|beantwoord\w*|odpowiedz\w*|"
    r"ответьте|svara|svar|vastaa|odpovězte|válaszol\w*|yanıt\w*)\b.{0,25}"
    r"(?:e-?mail|mail|correo|письм|meddelande|viesti|zprávu|üzenet|e-posta)"
)
# Why the reader gets the mail, in the languages that name the mail first: "Tento e-mail
# jste obdrželi, protože …", "Bu e-postayı … olduğunuz için alıyorsunuz", "Ezt az
# e-mailt azért kapja, mert …", "Saat tämän sähköpostin, koska …", "Du får det här
# e-postmeddelandet eftersom …" — the reader's, not the writer's ("… eftersom jag …").
_WHY_RECEIVED_FIRST = (
    r"^(?:tento e-?mail jste obdržel\w*|tuto zprávu jste obdržel\w*),? protože\b|"
    r"^bu e-?postayı\b.{0,80}\biçin (?:alıyorsunuz|aldınız)|"
    r"^(?:この|本)メールは.{0,60}(?:ため|ので)[、,]?.{0,20}(?:送信|配信|お送り)|"
    r"(?:ため|ので)[、,]\s?(?:この|本)メール(?:を|が|は)?.{0,10}(?:送信|配信|お送り)|"
    r"^(?:لقد )?(?:تلقيت|تتلقى|وصلتك|تصلك) هذه (?:الرسالة|الرسائل)\b.{0,30}\bلأنك|"
    r"^ezt az e-?mailt azért kapja,? mert\b|"
    r"^saat tämän (?:sähköpostin|viestin),? koska\b|"
    r"^du (?:får|fick|modtager|mottar|har modtaget) (?:det här|denna|denne|dette|detta) "
    r"(?:e-?postmeddelande\w*|e-?post\w*|e-?mail\w*|meddelande\w*|mejl\w*),? "
    r"(?:eftersom|fordi|da)\b"
)
# The reader who no longer wants a newsletter's mail, in the second person the senders
# address them in: "If you no longer wish to receive these emails", "Wenn Sie diese
# E-Mails nicht mehr erhalten möchten", "Vous ne souhaitez plus recevoir nos e-mails ?",
# "Si no deseas recibir más correos", "Se non desideri più ricevere queste e-mail",
# "Wilt u deze e-mails niet meer ontvangen?", "Se não deseja receber mais e-mails",
# "Jeśli nie chcesz otrzymywać …" — the writer's "we no longer wish to receive" is not.
_NO_LONGER = (
    # (The first alternative's boundary written otherwise than the others': a mark all of
    # them begin with is taken out of the alternation, and the words of the alternatives
    # read behind it are not the ones each needs.)
    r"(?<![\w'’])you(?:'d| would)? (?:no longer|do not|don't|would rather not|prefer not to)\b"
    r".{0,20}\breceive\b|"
    r"(?<![\w'’])you no longer want (?:to (?:receive|get) )?(?:these|this|our)\b|"
    r"(?<![\w'’])you (?:do not|don't) want (?:to (?:receive|get) )?(?:these|this|our)\b.{0,40}"
    r"\b(?:anymore|any more)\b|"
    r"\b(?:sie|du)\b.{0,60}?\b(?:nicht mehr|keine\b.{0,40}?\bmehr)\b.{0,40}?"
    r"\b(?:erhalten|empfangen|bekommen)|"
    r"\b(?:vous ne (?:souhaitez|voulez|désirez)|tu ne (?:souhaites|veux)) plus recevoir|"
    r"\bno (?:desea|deseas|quiere|quieres|desean) (?:seguir )?recibir|"
    r"\bnon (?:desideri|desidera|vuoi|vuole|desiderate|volete) (?:più )?ricevere|"
    r"\b(?:wil je|wilt u|je wilt|u wilt)\b.{0,40}?\bniet meer\b.{0,20}?\bontvangen|"
    r"\bnão (?:deseja|desejar|quer|quiser|desejas) (?:mais |continuar a )?receber|"
    r"\bnie chc(?:esz|ą państwo|e pan|e pani)\b.{0,40}?\botrzymywać|"
    r"\b(?:vill du|om du)\b.{0,30}?\binte\b.{0,20}?\b(?:få|ta emot)\b|"
    r"\b(?:ønsker du|hvis du|vil du)\b.{0,30}?\bikke\b.{0,20}?\bmodtage|"
    r"\bnechcete\b.{0,30}?\b(?:dostávat|přijímat)"
)
# … and told to click to stop it.
_CLICK = prefiltered(r"\b(?:click|klick|cliqu|clic|klik|kliknij|klicka)", re.IGNORECASE)


# The five, tested for their words at once: most lines have none of them.
_ASKING = prefiltered(
    f"{_ENVIRONMENT}|{_PRINT_IF_NEEDED}|{_LINK_OR_REPLY}|{_WHY_RECEIVED_FIRST}|{_NO_LONGER}",
    re.IGNORECASE,
)
_NO_LONGER_LINE = re.compile(_NO_LONGER, re.IGNORECASE)
_WHY_RECEIVED_FIRST_LINE = re.compile(_WHY_RECEIVED_FIRST, re.IGNORECASE)
_ENVIRONMENT_LINE = re.compile(_ENVIRONMENT, re.IGNORECASE)
_PRINT_IF_NEEDED_LINE = re.compile(_PRINT_IF_NEEDED, re.IGNORECASE)
_LINK_OR_REPLY_LINE = re.compile(_LINK_OR_REPLY, re.IGNORECASE)


def _asking_line(text: str) -> bool:
    """Whether ``text`` is a company's line about printing the mail, a forum's
    instruction to reply by mail, why the reader gets the mail, or how to stop it when
    they no longer want it — not the writer's."""
    if not _ASKING.search(text):
        return False
    if _NO_LONGER_LINE.search(text) and (_UNSUBSCRIBE.search(text) or _CLICK.search(text)):
        # "Vous ne souhaitez plus recevoir nos e-mails ? Désinscrivez-vous ici.": the
        # reader who no longer wants the mail, told how to stop it — not the writer
        # ("I no longer want your newsletter, please unsubscribe me").
        reader = without_dutch_je(text)
        if not (SELF_I.search(reader) or _SELF_SINGULAR.search(reader)):
            return True
    if (
        _LINK_OR_REPLY_LINE.search(text) or _WHY_RECEIVED_FIRST_LINE.search(text)
    ) and not speaks_for_self(text):
        return True
    asks = (_ENVIRONMENT_LINE.search(text) and _ENVIRONMENT_ADVICE.search(text)) or (
        _PRINT_IF_NEEDED_LINE.search(text)
    )
    reader = without_dutch_je(text)  # "voordat je deze e-mail print": the reader
    return bool(asks) and not (
        SELF_I.search(reader) or _SELF_SINGULAR.search(reader) or _WE.search(reader)
    )


# An e-signature or file service's heading over its warning about the secure link, in
# the languages it is written in: "Do Not Share This Email", "Diese E-Mail nicht
# weiterleiten" — alone on its line; the writer's "Please do not forward this email to
# anyone outside finance." is a sentence of theirs.
_DO_NOT_SHARE = re.compile(
    r"^\W*(?:(?:do not|don't|please do not|never) (?:share|forward) this (?:e-?mail|message|link)|"
    r"diese (?:e-?mail|nachricht) nicht weiter(?:leiten|geben)|"
    r"ne (?:partagez|transférez|transmettez) pas ce(?:t)? (?:courriel|message|e-?mail)|"
    r"no (?:comparta|reenvíe|compartas|reenvíes) este (?:correo|mensaje|e-?mail)|"
    r"non (?:condividere|inoltrare) quest[ao] (?:e-?mail|messaggio)|"
    r"(?:deel|stuur) deze e-?mail niet(?: door)?|"
    r"nie (?:udostępniaj|przekazuj) tej wiadomości|"
    r"não (?:compartilhe|encaminhe|partilhe|reencaminhe) est[ae] (?:e-?mail|mensagem))\W*$",
    re.IGNORECASE,
)
# A footer's link label at the start of its line ("Unsubscribe | Manage preferences",
# "Désinscription : https://…"): written with its capital, or alone on its line — a
# line of the writer's wrapped sentence may begin with the word ("… un lien de" /
# "désinscription est confirmée").
_FOOTER_LABEL = re.compile(
    r"^(?:unsubscribe|manage (?:your )?(?:preferences|subscription|notifications))\b"
    r"[^.!?]{0,60}$|"
    r"^(?:abmelden|se désabonner|désinscription|darse de baja|cancelar suscripción)\b",
    re.IGNORECASE,
)
# The words of an unsubscribe link, in the languages it is written in: a footer only
# with a link or an address on the same line.
_UNSUBSCRIBE = prefiltered(
    r"unsubscrib|opt[ -]?out|abmelden|abbestellen|désabonner|désinscri|darse de baja|"
    r"cancelar (?:la )?suscripci|annulla(?:re)? (?:l')?iscrizione|disiscriv|uitschrijven|"
    r"afmelden|wypisz|wypisać|odhlásit|отписаться|退订|取消订阅|配信停止|수신거부|"
    r"退訂|取消訂閱|إلغاء الاشتراك|להסרה מרשימת|"
    r"cancelar (?:a )?inscrição|descadastr|avregistrer|afmeld|peruuta tilaus|"
    r"dar(?:te|se|le)? de baja|cancelar (?:a |sua |a sua )?(?:subscrição|assinatura|inscrição)|"
    r"meld (?:je|u) (?:\w+ )?af\b|"
    r"abonelikten çık|"
    # … and in the other languages newsletters and forums are sent in: "Um diese E-Mails
    # abzubestellen", "Om je af te melden", "Meld deg av", "Leiratkozás", "Dezabonare" …
    r"abzubestellen|abzumelden|af te melden|meld (?:deg|dere|meg) av|avslutt\w* abonnement|"
    r"avsluta (?:din |er )?prenumeration|peruuta\b.{0,30}tilau|odhlásiť|odhlásení odběru|"
    r"leiratkoz|dezabon|aboneliğinden çık|aboneliği iptal|διαγραφή από τη λίστα|απεγγραφ|"
    r"відписатися|відписк|отписване|odjav[aei] (?:s|od|iz|z)\b|donar-se de baixa|"
    r"atsisakyti|loobu|hủy đăng ký|berhenti berlangganan|zrezygnuj|"
    r"zrezygnować z (?:subskrypcji|otrzymywania)",
    re.IGNORECASE,
)
_LINK = LINK_OR_ADDRESS

# A confidentiality notice: the message called confidential, and its intended recipient.
_CONFIDENTIAL = prefiltered(
    r"confidential|privileged|vertraulich|confidentiel|confidencial|riservat|vertrouwelijk|"
    r"poufn|důvěrn|конфиденциальн|機密|机密|保密|gizli|sigilos|fortrolig|konfidentiell|"
    r"luottamuksell|기밀|비밀|秘密|機密情報|機密資訊|bizalmas|confiden[țţ]ial|"
    r"εμπιστευτικ|απόρρητ|חסוי|סודי|سري|محرمانه|ความลับ|bảo mật|rahasia|rahsia|"
    r"конфіденційн|"
    # … in the languages of Central and Eastern Europe and the Baltic: "dôverné",
    # "povjerljive", "zaupne", "поверителна", "konfidenciali", "konfidentsiaalne" (and
    # the Norwegian "konfidensiell").
    r"dôvern|pov(?:j)?erljiv|zaupn|поверителн|konfiden|"
    # … in Urdu and Hindi.
    r"خفیہ|गोपनीय",
    re.IGNORECASE,
)
_RECIPIENT = prefiltered(
    r"intended|addressee|recipient|empfänger|adressat|destinataire|destinatari|"
    r"bestemd|geadresseerde|adresat|adresát|адресат|получател|宛先|收件人|alıcı|"
    r"destinatário|mottagare|modtager|vastaanottaja|수신인|수신자|受信者|收件者|接收者|"
    r"受取人|příjemce|adresáta|címzett|destinatar|παραλήπτ|נמען|المرسل إليه|المستلم|"
    r"گیرنده|ผู้รับ|người nhận|penerima|mottaker|одержувач|primatelj|primalac|naslovnik|"
    r"adressaat|adresāt|gavėj|primaoc|وصول کنندہ|प्राप्तकर्ता",
    re.IGNORECASE,
)
# "… intended solely for …", "… received this in error …".
_ALONE = prefiltered(
    r"solely|exclusively|only for|in error|by mistake|ausschließlich|irrtümlich|"
    r"exclusivement|par erreur|exclusivamente|por error|esclusivamente|per errore|"
    r"uitsluitend|abusievelijk|ten onrechte|wyłącznie|omyłkowo|przez pomyłkę|"
    r"исключительно|по ошибке|výhradně|omylem|yalnızca|yanlışlıkla|専ら|誤って|仅供|误收|"
    r"kizárólag|tévedésből|exclusiv|din gre[șş]eal|αποκλειστικά|κατά λάθος|בטעות|"
    r"بالخطأ|عن طريق الخطأ|به اشتباه|โดยผิดพลาด|nhầm|ved en feil|ved en fejl|av misstag|"
    r"vahingossa|erehdyksessä|помилково|por engano|误发|誤送|잘못 (?:전송|수신|발송)|"
    r"仅限|僅限|错收|錯收|誤收|"
    r"výlučne|omylom|isključivo|greškom|izključno|pomotoma|изключително|по грешка|"
    r"виключно|per klaidą|tik adresat|kļūdas pēc|ekslikult|eranditult|غلطی سے|गलती से|"
    # "… is for the intended recipient only."
    r"(?:recipient|addressee)s?(?:\(s\))? only\b",
    re.IGNORECASE,
)
# "… any other use is prohibited".
_PROHIBITED = prefiltered(
    r"prohibited|forbidden|not permitted|untersagt|verboten|nicht gestattet|interdit|"
    r"prohibid|proibid|vietat|verboden|niet toegestaan|zabronion|запрещ|заборон|zakázán|"
    r"yasak|禁止|tilos|interzis|απαγορεύ|אסור|يحظر|محظور|ممنوع|ห้าม|nghiêm cấm|dilarang|"
    r"forbudt|förbjud|kielletty|금지|zakázan|zabranjen|prepovedan|забранен|draudžiam|"
    r"aizliegt|keelatud",
    re.IGNORECASE,
)
# A rule a program draws above its footer: dashes, underscores, equals signs, stars,
# LISTSERV's hashes, groups.io's "-=-=-=" and "_._,_._,_".
# … and a box's top or bottom border drawn around a notice ("+-----+", "┌─────┐",
# "|=====|").
_RULE_LINE = re.compile(
    r"^\s*(?:[-_=*~#—–]{2,}|-- ?|—|–|_(?:[.,]_){3,}|[+|┌└╔╚╭╰][-=─━═]{2,}[+|┐┘╗╝╮╯]|"
    r"[─━═]{2,})\s*$"
)


def list_marks(headers: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """What a list's own footer repeats of its header fields (RFC 2369): the addresses
    and links of List-Post, List-Unsubscribe, List-Help, List-Subscribe and List-Archive,
    without their scheme and query ("lists.acme.example/mailman/listinfo/users")."""
    marks: list[str] = []
    for name, value in headers:
        if name not in _LIST_FIELDS:
            continue
        for target in _ANGLED.findall(value):
            mark = _SCHEME.sub("", target).split("?", 1)[0].rstrip("/").lower()
            if len(mark) >= 8 and mark not in marks:
                marks.append(mark)
    return tuple(marks)


_LIST_FIELDS = frozenset(
    ("list-post", "list-unsubscribe", "list-help", "list-subscribe", "list-archive")
)
_ANGLED = re.compile(r"<([^<>\s]+)>")
_SCHEME = re.compile(r"^(?:mailto:|https?://)", re.IGNORECASE)


def cut_banner(lines: list[str]) -> list[str]:
    """``lines`` without the warning a mail server or a gateway put above the text
    ("CAUTION: This email originated from outside of the organization. …", "ACHTUNG:
    Diese E-Mail stammt von einem externen Absender …", Microsoft's "You don't often get
    email from … Learn why this is important"), a newsletter's "view it in your browser"
    line with its link, or a service's instruction ("Reply to this email to add a
    comment"): the first paragraph, when it is one."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    start = end = content[0]
    marked = _marked_banner_end(lines, start)
    if marked is not None:
        rest = lines[marked + 1 :]
        return rest if any(line.strip() for line in rest) else lines
    if (
        _EXTERNAL_TAG.match(lines[start])
        and start + 1 < len(lines)
        and not lines[start + 1].strip()
    ):
        # A tag alone above the warning ("[External]" / "This message came from outside
        # your organization …"): the tag and its warning go together.
        tagged = cut_banner(lines[start + 1 :])
        if len(tagged) < len(lines) - start - 1:
            return tagged
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    paragraph = " ".join(line.strip() for line in lines[start : end + 1])
    if end - start >= _BANNER_LINES or len(paragraph) > _BANNER_CHARS:
        return lines
    # A service's instruction alone above the text: "Reply to this email to add a comment".
    instructs = start == end and is_instruction(lines[start])
    online = _VIEW_ONLINE.search(paragraph) and _LINK.search(paragraph)
    if not (instructs or _warns(paragraph) or online):
        return lines
    rest = _without_report_link(lines[end + 1 :])
    return rest if any(line.strip() for line in rest) else lines


def _without_report_link(lines: list[str]) -> list[str]:
    """``lines`` without the link a gateway gives under its warning to report the mail
    ("Report phishing: https://…"), a paragraph of its own."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2 or content[1] == content[0] + 1:
        return lines
    first = lines[content[0]]
    if _LABELLED_LINK.match(first) and _REPORT.search(first.split("http", 1)[0]):
        return lines[content[0] + 1 :]
    return lines


# What a gateway's link under its warning is for.
_REPORT = re.compile(
    r"report|phish|suspicious|melden|signaler|reportar|denunciar|segnala|rapporteer|zgłoś",
    re.IGNORECASE,
)


def _marked_banner_end(lines: list[str], start: int) -> int | None:
    """The last line of a banner a gateway wrote between the markers it finds it by again
    (Proofpoint's "ZjQcmQRYFpfptBannerStart" … "ZjQcmQRYFpfptBannerEnd", whatever its
    words), when it begins on line ``start``; None if there is none."""
    if not lines[start].lstrip().startswith(_BANNER_START):
        return None
    for i in range(start, min(len(lines), start + _MARKED_BANNER_LINES)):
        if _BANNER_END in lines[i]:
            return i
    return None


_BANNER_START = "ZjQcmQRYFpfptBannerStart"
_BANNER_END = "ZjQcmQRYFpfptBannerEnd"
_MARKED_BANNER_LINES = 16


def _warns(paragraph: str, advice: bool = True) -> bool:
    """Whether ``paragraph`` is a gateway's warning of mail from outside the
    organisation (its first word a warning, and the outside and the mail named; with
    ``advice``, also its advice in place of the warning word), or Microsoft 365's
    first-contact safety tip."""
    speaks_of_outside = _OUTSIDE.search(paragraph) and _MAIL.search(paragraph)
    # Without a warning word, the warning is in its advice: "This email originated from
    # outside of the organization. Do not click links …" — not the writer's own account.
    advises = advice and _CAUTION.search(paragraph) and not speaks_for_self(paragraph)
    return bool(
        (speaks_of_outside and (_WARNING.match(paragraph) or advises))
        or _SENDER_TIP.search(paragraph)
    )


# A gateway's tag alone on the first line: "[External]", "EXTERNAL EMAIL", "[EXTERN]".
_EXTERNAL_TAG = re.compile(
    r"^\W*(?:external|extern|externe|externo|esterno|ekstern|zewnętrzn\w*|внешн\w*)"
    r"(?:\s+(?:e-?mail|sender|message|absender|nachricht|expéditeur|remitente|mittente))?\W*$",
    re.IGNORECASE,
)
# A gateway's advice about mail from outside, in the languages it is written in.
_CAUTION = prefiltered(
    r"do not click|don't click|be (?:careful|cautious)|(?:exercise|use) caution|"
    r"unless you recogni[sz]e|klicken sie nicht|seien sie vorsichtig|vorsicht bei|"
    r"ne cliquez pas|soyez prudent|prudence|no haga clic|no abra|tenga cuidado|precaución con|"
    r"non cliccare|non aprire|presta(?:re)? attenzione|klik niet|wees voorzichtig|"
    r"nie klikaj|nie otwieraj|zachowaj ostrożność|não clique|não abra|tenha cuidado|"
    r"klicka inte|var försiktig|älä (?:klikkaa|avaa)|ne kattintson|не переходите|"
    r"не открывайте|будьте осторожн",
    re.IGNORECASE,
)


def _is_warning(lines: list[str], i: int) -> bool:
    """A gateway's warning begins on line ``i``: most put it above the text, some
    append it under the text instead ("CAUTION: This email originated from outside of
    the organization …" as the last paragraph, or right under the last sentence)."""
    inside = i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1])
    if inside and not _ends_sentence(lines, i):
        return False
    paragraph = _paragraph_at(lines, i, _BANNER_LINES + 1)
    text = " ".join(line.strip() for line in paragraph)
    # Under the text, only with its warning word: the writer's last paragraph may give
    # advice of their own ("Be careful: the invoice from outside came with a fake link").
    return (
        len(paragraph) <= _BANNER_LINES
        and len(text) <= _BANNER_CHARS
        and _warns(text, advice=False)
    )


_BANNER_LINES = 5
_BANNER_CHARS = 600
# The banner's first word, in the languages gateways write it, and a tag in brackets.
_WARNING = re.compile(
    r"^\W{0,5}(?:caution|warning|attention|achtung|vorsicht|warnung|atención|precaución|"
    r"aviso|attenzione|avviso|let op|waarschuwing|uwaga|ostrzeżenie|"
    r"upozornění|pozor|"
    r"внимание|осторожно|увага|dikkat|uyarı|varning|obs|advarsel|huomio|varoitus|"
    r"figyelem|atenție|atentie|προσοχ[ήη]|זהירות|אזהרה|تنبيه|تحذير|هشدار|اخطار|توجه|"
    r"चेतावनी|सावधान|คำเตือน|โปรดระวัง|注意|警告|주의|경고|"
    r"cảnh báo|perhatian|peringatan|external|extern|externe|externo|esterno|ekstern|"
    r"外部(?:邮件|郵件|メール)?|외부 ?메일)(?!\w)",
    re.IGNORECASE,
)
# … and what it warns of: mail from outside the organisation.
_OUTSIDE = prefiltered(
    r"outside|external|extern|externo|esterno|ekstern|zewn|spoza|mimo|вне\b|внешн|зовнішн|"
    r"\bdış|dışından|utanför|utenfor|udefra|ulkopuol|kívül|din afara|din exterior|"
    r"εκτός|εξωτερικ|חיצוני|מחוץ|خارج|بیرون|बाहर|बाहरी|ภายนอก|外部|組織外|외부|bên ngoài|"
    r"luar|buiten|extérieur|exterieur|fuera de|fora d[ao]|außerhalb|ausserhalb|esterno",
    re.IGNORECASE,
)
# A newsletter's "View this email in your browser" line, with its link.
_VIEW_ONLINE = prefiltered(
    r"view (?:this (?:e-?mail|message) |it )?(?:in (?:your|a) (?:web )?browser|online)|"
    r"(?:nicht (?:korrekt|richtig) angezeigt|im browser (?:anzeigen|ansehen|öffnen))|"
    r"(?:dans votre navigateur|version en ligne)|(?:en (?:su|el) navegador|versión web)|"
    r"nel (?:tuo )?browser|in je browser|in uw browser|w przeglądarce|в браузере|"
    r"no (?:seu )?navegador|i (?:din )?webbläsare|selaimessa|tarayıcıda|ブラウザ|浏览器|브라우저|"
    r"v (?:prohlížeči|prehliadači|brskalniku)|i (?:din )?browser|în browser|böngészőben|"
    r"στο πρόγραμμα περιήγησης|в браузері|في المتصفح|בדפדפן|trong trình duyệt|di browser|"
    r"瀏覽器",
    re.IGNORECASE,
)
# … and it speaks of the mail or its sender ("Attention: the external drive is not
# recognised" is the writer's).
_MAIL = re.compile(
    r"e-?mail|message|mail\b|sender|absender|expéditeur|courriel|remitente|correo|"
    r"mittente|afzender|nadawca|wiadomoś|отправител|сообщени|письм|лист|повідомлен|"
    r"mensaje|messaggio|nachricht|bericht|mensagem|remetente|meddelande|avsändare|"
    r"besked|afsender|avsender|melding|viesti|lähettäjä|zpráv|odesílatel|üzenet|feladó|"
    r"mesaj|gönderen|μήνυμα|αποστολέα|הודעה|שולח|رسالة|المرسل|پیام|فرستنده|邮件|郵件|"
    r"メール|差出人|메일|발신자|thư|pengirim|pesan|expeditor|ایمیل|نامه|ईमेल|संदेश|प्रेषक|"
    r"อีเมล|ข้อความ|ผู้ส่ง",
    re.IGNORECASE,
)
# Microsoft 365's first-contact safety tip, in every language, by its link.
_SENDER_TIP = prefiltered(r"aka\.ms/LearnAboutSenderIdentification", re.IGNORECASE)


def cut_footer(lines: list[str], marks: tuple[str, ...] = ()) -> list[str]:
    """``lines`` without the footer software added at their end, if there is one;
    ``marks`` (:func:`list_marks`) are what a line of the list's footer names."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return lines
    first_looked = max(0, len(lines) - _FOOTER_LINES)
    for i in content:
        if i < first_looked:
            continue
        # A line of the list's footer repeats its header fields, as a label and a link
        # ("Posted to users@…", "Options: https://…"); the writer's sentence naming the
        # list ("I asked on users@… yesterday") is theirs.
        named = (
            marks and any(m in lines[i].lower() for m in marks) and _closing_line(lines[i].strip())
        )
        watermark = i == content[-1] and _WATERMARK.match(lines[i].strip()) is not None
        if watermark and i > content[0]:
            # A reference token is a line of its own, never wrapped: it begins there.
            return lines[:i]
        found = (
            named
            or is_footer_line(lines[i], lines[i - 1] if i else "")
            or _folded_footer_line(lines, i)
            or _unsubscribe_then_link(lines, i)
        )
        if found and _laid_out_line(lines[i].strip()) and _written_below(lines, i):
            continue  # "Privacy <…> | Terms <…>" / "Please fix them before Monday."
        if found and _asked_below(lines, i):
            continue  # "Unsubscribe: https://…" / "and I still get two of them a day."
        if found and _quoted_in_sentence(lines, i):
            continue  # "Your footer reads:" / "© 2025 Acme Ltd." / "and the link is dead."
        notice = None if found else _notice_at(lines, i)
        if (
            found
            or notice is not None
            or _is_link_block(lines, i)
            or _is_closing_block(lines, i, listed=bool(marks))
            or _is_warning(lines, i)
            or _is_register_block(lines, i)
            or _is_meeting_block(lines, i)
        ):
            start = _rule_above(
                lines,
                _postal_above(
                    lines, _title_above(lines, _links_above(lines, _footer_start(lines, i)))
                ),
            )
            if notice is not None and start == i:
                start = notice  # appended right under the writer's last line
            if not _has_text(lines[:start]):
                # Nothing of the writer's above the paragraph: the footer follows their
                # last sentence without a blank line.
                start = _rule_above(lines, _links_above(lines, _footer_start(lines, i, True)))
            elif start == _paragraph_start(lines, i):
                start = _glued_start(lines, i, start)
            if announced(lines, start):
                continue  # a footer the writer pastes to show it
            kept = lines[:start]
            if any(line.strip() for line in kept):
                return kept
            # A service's line at the top ("Reply to this email to add a comment") is
            # no footer of the text under it: the footer is looked for further down.
    return lines


def footer_only(text: str, marks: tuple[str, ...] = ()) -> bool:
    """Whether ``text`` is nothing but a footer (a list's, a scanner's …): what a list
    sends beside a message it wraps whole, as Mailman does for a sender whose domain's
    DMARC policy it may not forge ("Office mailing list" / its address and link, the
    message attached)."""
    lines = without_marks(text).strip("\n").split("\n")
    if not any(line.strip() for line in lines):
        return False
    # Read under a line of text: the footer then begins where the text does.
    return cut_footer([_TEXT_ABOVE, "", *lines], marks) == [_TEXT_ABOVE, ""]


_TEXT_ABOVE = "Text."


# A ticket system's watermark, the last line under the text: ServiceNow's
# "Ref:MSG0012345" (with the tracking suffix some instances add). Only as the last line:
# the writer quoting it in their text goes on below it.
# Salesforce's case reference ("ref:_00D5g1ABC._5005g2XYZ7:ref", "[ ref:… ]") and its
# Lightning threading token ("thread::9hUhkP1v7RmGf0ABcDe3kQ::"), Zendesk's encoded ticket
# reference ("[7W3K2M-R1Q9]", letters and digits, six and four) — in its brackets only:
# bare, such a code is a licence key's or a voucher's the writer gives.
_WATERMARK = re.compile(
    r"^\[?\s?(?:ref:\s?msg\d{5,}(?:_\w+)?|ref:_?[0-9a-z]{5,}\._?[0-9a-z]{5,}:ref|"
    r"thread::[\w-]{10,}::)\s?\]?$|"
    r"^\[(?-i:(?=[0-9A-Z-]*\d)(?=[0-9A-Z-]*[A-Z])[0-9A-Z]{6}-[0-9A-Z]{4})\]$",
    re.IGNORECASE,
)


def is_instruction(line: str) -> bool:
    """A service's instruction to the reader of its notification ("Reply to this email
    to add a comment", "… reply to this email to respond")."""
    return len(line) <= _INSTRUCTION_CHARS and bool(_INSTRUCTION.search(line))


_INSTRUCTION_CHARS = 120
_INSTRUCTION = re.compile(
    r"reply (?:directly )?to this (?:e-?mail|message)\b.{0,40}\b(?:view|comment|respond)|"
    r"reply to this email to respond\b",
    re.IGNORECASE,
)


# A footer's line is never longer: a longer one is the writer's paragraph.
_FOOTER_LINE_CHARS = 300


# A company's disclaimer lines that are no notice of confidentiality, in the languages
# companies write them in: the views in the mail are its author's alone ("Any views or
# opinions presented in this email are solely those of the author …", "Les opinions
# exprimées dans ce message n'engagent que leur auteur"); no liability for a virus in the
# mail or for loss from its use; a title company's word that it never mails wiring
# instructions.  Not the writer's ("I accept no liability for …"), nor a question.
_VIEWS_WORDS = (
    r"\b(?:views|opinions)(?: (?:or|and) (?:views|opinions))? (?:expressed|presented|contained|"
    r"stated)\b.{0,60}\b(?:author|sender|individual)|"
    r"\bopinions exprimées\b.{0,60}\b(?:auteur|expéditeur)|"
    r"\b(?:meinungen|ansichten)\b.{0,60}\b(?:verfasser|autors|absenders)|"
    r"\bopiniones expresadas\b.{0,60}\b(?:autor|remitente)|"
    r"\bopinioni espresse\b.{0,60}\b(?:autore|mittente)|"
    r"\b(?:meningen|standpunten)\b.{0,60}\b(?:auteur|afzender)"
)
_VIEWS_LINE = re.compile(_VIEWS_WORDS, re.IGNORECASE)
# … the author's alone: "solely", "not necessarily", "n'engagent que".
_VIEWS_ALONE = re.compile(
    r"solely|(?:are|is) (?:only )?(?:those|the views?) of|necessarily|n'engagent que|"
    r"ausschließlich|nicht (?:notwendigerweise|unbedingt)|exclusivamente|necesariamente|"
    r"esclusivamente|necessariamente|uitsluitend|niet noodzakelijk",
    re.IGNORECASE,
)
_LIABILITY_WORDS = (
    r"\b(?:accepts?|assumes?) (?:no|any) (?:responsibility|liability)\b.{0,80}"
    r"\b(?:virus|this e-?mail|this message|attachments?)|"
    r"\b(?:loss|damage)\b.{0,40}\b(?:arising from|caused by|resulting from)\b.{0,30}"
    r"\b(?:virus|the use of this (?:e-?mail|message))|"
    r"\bnever (?:send|change|provide|request)\b.{0,40}\bwir(?:e|ing) instructions\b"
)
_LIABILITY_LINE = re.compile(_LIABILITY_WORDS, re.IGNORECASE)


def _more_reader_line(text: str) -> bool:
    """Why the reader gets a group's mail in more languages (:data:`_GROUP_REASON`), or a
    company's disclaimer (:data:`_VIEWS_LINE`, :data:`_LIABILITY_LINE`) — the reader's,
    not the writer's ("Jeg modtager ikke gruppens mails, fordi …", "I accept no
    liability …"), and no question."""
    if _GROUP_REASON.search(text):
        return not (speaks_for_self(text) or _GROUP_WRITER.search(text))
    disclaims = (_VIEWS_LINE.search(text) and _VIEWS_ALONE.search(text)) or (
        _LIABILITY_LINE.search(text)
    )
    return bool(disclaims) and not (
        speaks_for_self(text) or any(mark in text for mark in QUESTION_END)
    )


def is_footer_line(line: str, above: str = "") -> bool:
    """A line only a footer writes; ``above`` is the line over it, blank or not."""
    text = line.strip()
    if len(text) > _FOOTER_LINE_CHARS:
        return False
    found = _FOOTER_LINE.search(text)
    if found and not _inside_quotes(text, found.start()):
        if found.group("printing") is not None:
            # "Before printing this e-mail, think of …" asks; the writer's "before printing
            # the labels, should we think about the environment?" asks them.
            if not (any(mark in text for mark in QUESTION_END) or _WE.search(text)):
                return True
        elif found.group("stamp") is None:
            return True
        # "This email has been scanned by …" is a scanner's stamp; the writer's sentence
        # of it speaks for them or asks ("this email has been scanned by our antivirus
        # and it flagged your attachment. Can you resend it?").
        words = _LINK_TOKEN.sub(" ", text)
        if not (speaks_for_self(text) or any(mark in words for mark in QUESTION_END)):
            return True
    if _DO_NOT_SHARE.match(text) or _more_footer_line(text):
        return True
    label = _NOTE_LABEL.match(text) if ":" in text[:_NOTE_LABEL_CHARS] else None
    if label and label.end() < len(text):
        # The line behind its label read as a line of its own.
        rest = text[label.end() :]
        if is_footer_line(rest[:1].upper() + rest[1:]):
            return True
    if _company_line(text):
        return True
    if len(text) <= _POWERED_CHARS and _POWERED.match(text):
        return True
    noted = _NOTED.search(text)
    if noted and noted.lastgroup == "unread":
        # "This mailbox is not monitored.", not "… is not monitored, I was told?"
        if not (any(mark in text for mark in QUESTION_END) or SELF_I.search(text)):
            return True
    elif noted and ("@" in text or _SENT_TO_READER.match(text, noted.end())):
        return True  # "This email was sent to jo@…", not "… was sent to the wrong team"
    if _asking_line(text):
        return True
    if _MORE_WORDS.search(text) and _more_reader_line(text):
        return True
    if _FOOTER_LABEL.search(text) and (text[:1].isupper() or not _continued(above)):
        return True
    if (
        _PRIVACY_POINTER.search(text)
        and _ends_with_link(text)
        and not _in_first_person(text)
        and not _led_into(above)
    ):
        # A company's pointer may say "our" ("Lees hier onze privacyverklaring: …"),
        # never "my".
        return True  # "Informationen zum Datenschutz finden Sie unter https://…"
    why = _WHY_RECEIVED.search(text)
    if why and _reader_told_why(text, why.start()):
        return True
    # A scanner's stamp or an instruction to unsubscribe is never in the writer's first
    # person ("our antivirus found a virus", "please unsubscribe our address …"): asked
    # last, of the few lines that are one.
    scanner = _ANTIVIRUS.search(text) or _ANTIVIRUS_MAKER.search(text)
    if scanner and (_SCANNED.search(text) or _SCANNED.search(above)):
        # The stamp on one line, or the scanner's name under its line: "Geprüft durch
        # AVG" / "Virendatenbank: 3184/6349"; a question of it is the writer's ("Was the
        # attachment scanned for viruses?"), not a query of its link's ("…/sig-email?…").
        words = _LINK_TOKEN.sub(" ", text)
        return not (
            speaks_for_self(text)
            or any(mark in words for mark in QUESTION_END)
            or _DENIED_CLEAN.search(words)
        )
    if (
        _PURPOSE.match(text)
        and (_UNSUBSCRIBE.search(text) or _SIGNOFF.search(text))
        and _LINK.search(text)
        and not speaks_for_self(text)
    ):
        # "Pour vous désabonner de la liste, envoyez un message à sympa@… avec pour
        # objet : unsubscribe users": an instruction, the address in its middle.
        return True
    if _stop_instruction(text) or _label_bar(text) or _legal_bar(text):
        return True
    # The link first: most lines have none, and it is found sooner than the words.
    if not (_ends_with_link(text) and _UNSUBSCRIBE.search(text)):
        return False
    if _FAILING.search(_after_links(text)) or _DOES_NOTHING.search(text):
        # The writer's report of the link: "… <https://…> is dead.", "clicking it does
        # nothing. https://…".
        return False
    # The sender's own list is the reader's to leave ("Unsubscribe from our emails <…>",
    # "Von unserem Newsletter abmelden"); the writer's "please unsubscribe our address"
    # is theirs.
    return not speaks_for_self(_FROM_OURS.sub(" ", text))


# Where the sender's list is named after the word to leave it ("… from our emails",
# "von unserem Newsletter", "de nos e-mails", "de nuestros correos", "dalla nostra
# newsletter", "voor onze nieuwsbrief", "dos nossos e-mails", "z naszego newslettera");
# "all of our staff" is the writer's.
_FROM_OURS = re.compile(
    r"\bfrom (?:all (?:of )?)?our\b|\bvon unser\w*|\b(?:de|d'une de) (?:notre|nos)\b|"
    r"\bde nuestr\w+|\bdall[ae'] ?nostr\w+|\bdai nostri\b|\b(?:voor|van) onze\b|"
    r"\bd[ao]s? noss\w+|\bz nasz\w+",
    re.IGNORECASE,
)


def _inside_quotes(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is inside quotation marks the line opened
    before it: the writer quoting a footer's words ("the footer says "You received this
    message because …" but I never joined")."""
    before = text[:at]
    if before.count('"') % 2:
        return True
    opened = sum(before.count(mark) for mark in "“„«")
    return opened > sum(before.count(mark) for mark in "”»")


def _stop_instruction(text: str) -> bool:
    """A newsletter's instruction to stop its mail, its link lost with the HTML ("To stop
    receiving these emails, click here.", "Klicken Sie hier, um sich vom Newsletter
    abzumelden.", "Haz clic aquí para darte de baja."): short, opening with its purpose
    or with the click it asks for — not the writer's report that it fails ("Click here
    to unsubscribe does not work"), nor their question."""
    if len(text) > _INSTRUCTION_CHARS:
        return False
    purpose = _PURPOSE.match(text)
    if not (purpose or _CLICK_FIRST.match(text)):
        return False
    stop = _STOP_RECEIVING.search(text)
    if not (stop or _UNSUBSCRIBE.search(text)):
        return False
    if not (_CLICK.search(text) or (purpose and stop)):
        return False
    return not (
        _FAILING.search(text) or any(q in text for q in QUESTION_END) or speaks_for_self(text)
    )


# Asking the reader to click, first: "Click here …", "Klicken Sie hier …", "Cliquez ici …".
_CLICK_FIRST = re.compile(
    r"^\W{0,3}(?:click|klicken sie|klicke|cliquez|haz clic|haga clic|clicca|clique|kliknij|"
    r"klik|klicka)\b",
    re.IGNORECASE,
)
# Stopping the mail, in the words newsletters use.
_STOP_RECEIVING = prefiltered(
    r"stop (?:receiving|getting)|nicht mehr (?:zu )?(?:erhalten|empfangen|bekommen)|"
    r"ne plus recevoir|dejar de recibir|smettere di ricevere|deixar de receber|"
    r"przestać otrzymywać|niet langer (?:te )?ontvangen|sluta (?:att )?få|"
    r"stoppe med at modtage",
    re.IGNORECASE,
)
# The writer's report that a link or a button fails, anywhere on the line: words no
# footer writes of its own link.
_DOES_NOTHING = re.compile(
    r"\b(?:does|did|do) nothing\b|\bnothing happens\b|\bno effect\b|"
    r"\b(?:does|did|do)(?:n't| not) work\b|funktioniert nicht|passiert nichts|"
    r"ne (?:fonctionne|marche) pas|ne se passe rien|no (?:funciona|pasa nada)|"
    r"non funziona|non succede nulla|não funciona|nie działa|werkt niet",
    re.IGNORECASE,
)
# The writer's report that something fails.
_FAILING = re.compile(
    r"\b(?:not|nicht|pas|niet|nie działa|no funciona|non funziona|não funciona|fail\w*|"
    r"error|fehler|erreur|broken|kaputt|dead|404|defekt)\b|n't\b",
    re.IGNORECASE,
)


def _label_bar(line: str) -> bool:
    """A bar of a footer's link labels whose links the HTML took away ("Update your
    preferences | Unsubscribe", "Gérer vos préférences | Se désabonner", "unsubscribe
    from this list    update subscription preferences"): a few words each, one of them
    the unsubscribe or the preferences."""
    if line.endswith(FULL_STOP):
        return False
    if any(bar in line for bar in _LINK_BAR):
        segments = [x.strip() for x in re.split(r"\s[|·•｜]\s", line) if x.strip()]
    elif "  " in line:
        # … or set apart by the spaces of the cells they stood in ("Unsubscribe   Manage
        # preferences", "Annulla iscrizione  Gestisci preferenze").
        segments = [x.strip() for x in re.split(r"\s{2,}", line) if x.strip()]
        if "   " not in line and not all(x[:1].isupper() for x in segments):
            return False  # two spaces in the writer's line: "Abmelden  geht nicht"
    else:
        return False
    return (
        len(segments) >= _BAR_LINKS
        and all(len(x.split()) <= _LABEL_WORDS for x in segments)
        and any(_UNSUBSCRIBE.search(x) or _PREFERENCES.search(x) for x in segments)
    )


# A subscriber's preferences, as footers label their link.
_PREFERENCES = re.compile(
    r"\b(?:preferences|einstellungen|préférences|preferencias|preferenze|voorkeuren|"
    r"preferências|preferencje|inställningar|indstillinger|innstillinger|asetukset|"
    r"nastavení)\b",
    re.IGNORECASE,
)


# A footer's instruction opens with its purpose: "To unsubscribe …", "Pour vous
# désabonner …", "Para cancelar …", "Wenn Sie sich abmelden möchten …", "If you …".
_PURPOSE = re.compile(
    r"^\W{0,3}(?:to|pour|para|per|om|um|aby|чтобы|щоб|för att|for at|for å|jotta|abyste|"
    r"pentru a|if you|wenn sie|si vous|si usted|"
    r"si no desea|se (?:non )?desideri|als u|jeśli nie)\b",
    re.IGNORECASE,
)
# LISTSERV's and Sympa's command to leave a list.
_SIGNOFF = re.compile(r"\bsign-?off\b", re.IGNORECASE)


# Where the sender's data-protection information is: "Informationen zum Datenschutz
# finden Sie unter …", "Privacy: https://…", "Informations sur la protection des données :".
_PRIVACY_POINTER = re.compile(
    r"^(?:(?:information|informationen|informations|información|informazioni|informatie|"
    r"informacje|informações)\b.{0,40}\b(?:data protection|datenschutz|protection des données|"
    r"protección de datos|protezione dei dati|gegevensbescherming|privacy|ochron\w+ danych|"
    r"proteção de dados|personal data|données personnelles|datos personales)|"
    r"(?:[^\W\d_]+ ){0,3}(?:privacy(?: policy| notice| statement)?|"
    r"datenschutz(?:erklärung|hinweise)?|politique de confidentialité|"
    r"política de privacidad|informativa privacy|privacybeleid|privacyverklaring|"
    r"polityka prywatności|política de privacidade)\s*[:|])",
    re.IGNORECASE,
)
# Why the reader gets the mail, as lists, newsletters and services tell it: "You are
# receiving this email because …", "Sie erhalten diese E-Mail, weil …", "Vous recevez cet
# e-mail car …", "Você está recebendo este e-mail porque …", "You're getting this email
# because …" — the reader, not the writer ("I received this message because …").
_WHY_RECEIVED = prefiltered(
    r"(?:receiv\w*|getting|got|erhalten|recev\w*|re[çc]u|recib\w*|receb\w*|ricev\w*|"
    r"ontvang\w*|otrzymuj\w*|otrzymał\w*|получ\w*|får|modtager|saat)\s+"
    r"(?:\w+\s+){0,2}?(?:this|these|diese[n]?|dies|ce(?:t|s)?|este|esta|estos|esse|essa|"
    r"questa|questo|queste|deze|dit|tę|ten|t[eo]|эт\w+|detta|denne|dette|bu)\s+(?:\w+\s+)?"
    r"(?:e-?mails?|messages?|mails?|nachricht(?:en)?|courriels?|correos?|mensajes?|mensagens?|"
    r"messaggi|messaggio|berichten|bericht|wiadomoś\w*|письм\w*|сообщени\w*|newsletter\w*|"
    r"notifications?|meddelande\w*|e-?posta\w*)\b[^.!?]{0,40}?[\s,]"
    r"(?:because|weil|da|car|parce que|porque|pois|perch[ée]|omdat|ponieważ|gdyż|так как|"
    r"потому что|eftersom|fordi|çünkü)\b|"
    # … the mail named before the verb, as German, Dutch and Polish order it: "Sie haben
    # diese E-Mail erhalten, weil …", "U ontvangt deze e-mail omdat …".
    r"\b(?:diese[n]?|deze|dit|tę|ten)\s+(?:\w+\s+)?(?:e-?mails?|nachricht(?:en)?|newsletter|"
    r"bericht|berichten|wiadomość)\s+(?:\w+\s+){0,2}?(?:erhalten|bekommen|ontvangen|"
    r"otrzymał\w*|otrzymuj\w*)[\s,]+(?:weil|da|omdat|aangezien|ponieważ|gdyż)\b",
    re.IGNORECASE,
)


def tells_why_received(line: str) -> bool:
    """Whether ``line`` tells the reader why they get the mail, as a service's footer does
    ("You're receiving this email because you have an account.")."""
    text = line.strip()
    if len(text) > _FOOTER_LINE_CHARS:
        return False
    why = _WHY_RECEIVED.search(text)
    if why and _reader_told_why(text, why.start()):
        return True
    return bool(_WHY_RECEIVED_FIRST_LINE.search(text)) and not speaks_for_self(text)


def _reader_told_why(text: str, at: int) -> bool:
    """Whether the reason the reader gets the mail, found at ``at`` in ``text``, is a
    footer's: its sentence opens with it (a pronoun or two before the verb, no quotation
    mark), and neither it nor the rest of the line is the writer's own ("I received this
    message because …", "… « vous recevez cet e-mail car … », mais je ne suis pas …")."""
    opening = re.split(r"[.!?]\s", text[:at])[-1]
    if len(opening.split()) > _WHY_OPENING_WORDS or any(q in opening for q in _QUOTES):
        return False
    reader = without_dutch_je(text)
    return not (
        _RECEIVER_SELF.search(text[:at]) or SELF_I.search(text) or _SELF_SINGULAR.search(reader)
    )


_WHY_OPENING_WORDS = 2
_QUOTES = ('"', "“", "„", "«", "»", "「")


# A footer's note of the address the mail went to, in the languages marketing and
# notification software writes it in: "This email was sent to jo@…", "Diese E-Mail
# wurde an … gesendet", "Ta wiadomość została wysłana na adres …", "Bu e-posta …
# adresine gönderilmiştir", "このメールは … 宛に送信されました" — with the address, or the
# reader ("This email was sent to you by …").
# A service's "Powered by …" alone on its line, in the languages services translate it
# to: "Bereitgestellt von …", "Propulsé par …", "Con la tecnología de …", "Drivs av …",
# "… tarafından desteklenmektedir", "由 … 提供技术支持" — the service's name in a word to
# three.  Looked for in short lines only.
_POWERED = re.compile(
    r"(?:powered by|bereitgestellt von|betrieben mit|propulsé par|fourni par|"
    r"con (?:la )?tecnolog[ií]a de|desarrollado por|offerto da|realizzato con|"
    r"desenvolvido por|tecnologia|mogelijk gemaakt door|obsługiwane przez|napędzane przez|"
    r"běží na|provozováno|drivs av|levereras av|работает на|при поддержке|на платформе|"
    r"مدعوم من|بدعم من)(?: [\w.&-]+){1,3}\s*$|"
    r"(?:[\w.&-]+ ){1,3}tarafından (?:desteklenmektedir|sağlanmaktadır|sunulmaktadır)\W*$|"
    r"由 ?[\w.&-]+(?: [\w.&-]+){0,2} ?(?:提供(?:技术)?支持|提供技術支援|驅動|驱动|提供)\W*$",
    re.IGNORECASE,
)
_POWERED_CHARS = 60


# … and the note that no one reads the mailbox the mail came from, in the sentence of
# :data:`~mailgate.parse.quote_words.UNREAD_MAILBOX` a footer writes it in.
_NOTED = prefiltered(
    rf"(?P<unread>{UNREAD_MAILBOX_SENTENCE})|"
    r"^(?:this (?:e-?mail|message) was sent to|diese (?:e-?mail|nachricht) wurde an|"
    r"(?:cet e-?mail|ce (?:message|courriel)) a été envoyé à|"
    r"este (?:correo|mensaje)(?: electrónico)? (?:fue|ha sido|se ha) enviado a|"
    r"este (?:correo|mensaje)(?: electrónico)? se (?:envió|ha enviado) a|"
    r"deze e-?mail is (?:verzonden|verstuurd) (?:naar|aan)|"
    r"questa e-?mail è stata inviata a|"
    r"est[ea] (?:e-?mail|mensagem) foi enviad[ao] (?:para|a)|"
    r"ta wiadomość (?:została|e-?mail została) wysłana (?:na adres|do)|"
    r"tento e-?mail byl odeslán (?:na|uživateli)|"
    r"(?:det här|detta) (?:mejl|e-?postmeddelande|meddelande) (?:skickades|har skickats) till|"
    r"это (?:письмо|сообщение) (?:было )?отправлено (?:на|по адресу)|"
    r"bu e-?posta\b.{0,60}adresine gönderil|"
    r"تم إرسال هذه الرسالة إلى)|"
    r"^(?:この|本)メールは.{0,60}(?:宛|あて)に(?:送信|配信|お送り)|"
    r"^(?:此|本)(?:邮件|郵件)(?:已)?(?:发送|發送|寄送)(?:至|到|给)",
    re.IGNORECASE,
)
_SENT_TO_READER = re.compile(
    r"\s*(?:you|sie|vous|usted|te|ti|você|u|je|jij|vám|dig|вам|size)\b", re.IGNORECASE
)


# The writer as the one who received it ("I received this message because …", "Wir
# erhalten diese E-Mail, weil …"); the Dutch "je" is the reader ("Je ontvangt deze e-mail
# omdat …"), the French one never stands before these verbs without "ai".
_RECEIVER_SELF = re.compile(
    r"(?<![\w'’])(?:i|we|ich|wir|j'|nous|yo|nosotros|io|noi|ik|wij|ja|my|я|мы|eu|nós|jag|"
    r"vi)(?![\w'’])",
    re.IGNORECASE,
)


# The writer alone, in the first person singular (a sender's notice says "we").
_SELF_SINGULAR = re.compile(
    r"(?<![\w'’./@-])(?:me|my|mine|ich|mich|mir|meine?[mnrs]?|je|j'|moi|mon|ma|mes|yo|mí|mis|"
    r"mio|mia|miei|mij|mijn|ja|mój|moja|moje|moich|moim|moją|mojego|mojej|mnie|můj|mých|mého|"
    r"я|мой|мне|меня|eu|meu|minha)(?![\w'’/@-]|\.\w)",
    re.IGNORECASE,
)


def _ends_with_link(text: str) -> bool:
    """Whether the line ends with its link or address, the object of a footer's
    instruction ("… send an email to x+unsubscribe@…", "Unsubscribe: https://…"), or
    goes on with the next of a bar of links ("… | Manage preferences"): the writer's
    sentence goes on after the link it mentions ("the link (https://…) fails")."""
    ends = [m.end() for m in _LINK_TOKEN.finditer(text)]
    if not ends:
        return False
    tail = text[ends[-1] :].strip()
    return len(tail.split()) <= _TAIL_WORDS or tail.startswith(_LINK_BAR)


def _after_links(text: str) -> str:
    """What follows the last link or address of ``text``."""
    ends = [m.end() for m in _LINK_TOKEN.finditer(text)]
    return text[ends[-1] :] if ends else ""


_LINK_TOKEN = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
# A few words may follow the link ("… rufen Sie https://… auf.", "[jo@…]").
_TAIL_WORDS = 2
# What separates the links of a footer's bar.
_LINK_BAR = ("|", "·", "•", "｜")


def _led_into(above: str) -> bool:
    """Whether ``above`` is the writer's sentence running on into the line under it
    ("Your mail still ends with" / "Privacy policy: https://…"): words of prose, no end
    of a sentence or a label — not a name or a company's line over a footer."""
    return (
        _continued(above)
        and len(above.split()) >= _LEAD_WORDS
        and not is_footer_line(above)
        and not _LINK.search(above)
    )


_LEAD_WORDS = 4


def _continued(above: str) -> bool:
    """Whether the line under ``above`` goes on with its sentence: ``above`` has text
    and ends without a mark that ends a sentence or a label."""
    text = above.rstrip()
    return bool(text) and (text[-1].isalnum() or text.endswith(","))


def _unsubscribe_then_link(lines: list[str], i: int) -> bool:
    """ "To unsubscribe from the X list, click the following link:" with the link on the
    line below, and so a pointer to the privacy statement ("Datenschutzhinweise:")."""
    text = lines[i].strip()
    below_at = i + 1
    folds = below_at < len(lines) and lines[below_at].strip() and not _signed_above(lines, below_at)
    if _continued(lines[i]) and folds:
        # Folded where its width ran out: "… klicken Sie auf den folgenden" / "Link:".
        text = f"{text} {lines[below_at].strip()}"
        below_at += 1
    below = lines[below_at].strip() if below_at < len(lines) else ""
    if len(text) > 200 or not text.endswith(":") or not _LINK.match(below):
        return False
    if _UNSUBSCRIBE.search(text):
        return True
    # "Politique de confidentialité :" with its link below, as a width of 72 folds it;
    # not a label the writer's sentence leads into ("… it reads" / "Privacy policy:").
    above = lines[i - 1].rstrip() if i else ""
    led_into = bool(above.strip()) and not (
        above.endswith((*FULL_STOP, ":", "："))
        or _RULE_LINE.match(above)
        or _signed_above(lines, i)
    )
    return bool(_PRIVACY_POINTER.search(text)) and not led_into and not _in_first_person(text)


# A scanner's stamp: its name and what it did, or its signature database, or its link.
_ANTIVIRUS = prefiltered(
    r"anti-?vir|v[ií]ru[sșş]|vir[ůuy]\b|virüs|viren|wirus|вирус|ウイルス|病毒|바이러스|"
    # … or by what the scanner calls itself: "ESET Mail Security", "Signaturdatenbank".
    r"(?:e-?mail|mail|endpoint|content) security\b|anti-?spam|signature ?database|"
    r"signaturdatenbank|base des signatures|base de firmas|"
    # … or by its maker's name: "Ce courriel a été analysé par Sophos Email."
    r"\b(?:sophos|kaspersky|mcafee|bitdefender|symantec|f-secure|trend micro|mimecast|"
    r"barracuda|forcepoint|libraesva|mailscanner)\b|"
    # … or the virus database's name in the Romance languages: "Base de données virale".
    r"\b(?:données|datos|dados|dati|definizioni)\s+viral[ei]?\b",
    re.IGNORECASE,
)
# The makers whose names are also words ("avg handling time", "a panda"): as their
# stamps write them.
_ANTIVIRUS_MAKER = re.compile(r"\b(?:AVG|ESET|G DATA|Avast|Norton|Panda)\b")
# A scanner's stamp says the mail is clean; "it says the site is not virus-free" is the
# writer's account of one.
_DENIED_CLEAN = re.compile(
    r"\b(?:is|are|was|were|isn't|aren't|ist|sind|est|n'est|es|è|são|é|zijn)\s+"
    r"(?:not|nicht|pas|no|non|não|niet)\s+(?:\w+\s+)?(?:virus|viren|vírus|virenfrei)",
    re.IGNORECASE,
)
_SCANNED = re.compile(
    r"checked|scanned|free\b|geprüft|überprüft|gescannt|virenfrei|vérifié|analys|analiz|"
    r"sprawdzon|verificad|scannet|skannet|genomsök|skannad|"
    r"провер|controllat|gecontroleerd|escaneado|revisado|database|datenbank|signature|sygnatur|"
    r"scanat|skanowan|scansionat|gescand|zkontrolován|kontrolován|átvizsgál|ellenőriz|"
    r"tarkistettu|kontrolleret|kontrollerats|kontrollert|denetlen|taranmış|verificat|"
    r"\(\d{8}\)|https?://|www\.|believed to be clean|扫描|掃描|检查|檢查|スキャン|チェック|검사",
    re.IGNORECASE,
)


def _notice_at(lines: list[str], i: int) -> int | None:
    """Where a confidentiality notice begins in the paragraph that begins on line ``i``,
    if it holds one: its paragraph speaks of the message's intended recipient and calls
    it confidential, meant for them alone, or received in error.  A server may append
    the notice right under the writer's last sentence, without a blank line ("… Pouvez-
    vous intervenir aujourd'hui ?" / "Ce message est confidentiel …"): it then begins at
    the first line after a sentence's end from which the rest of the paragraph reads as
    a notice, the writer's lines above it naming nothing a notice names."""
    if i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1]):
        return None  # not the first line of a paragraph
    paragraph = _paragraph_at(lines, i, _NOTICE_LINES)
    whole = " ".join(line.strip() for line in paragraph)
    if not _notice_words(whole):
        return None  # not the words a notice is made of: most paragraphs
    end = i + len(paragraph)
    if not _LABEL_FIRST.match(paragraph[0]):
        # Not a notice under its title ("Ymwadiad: …"), whose other language no rule
        # may know.
        read = i
        for j in range(i + 1, end):
            ruled = _RULE_LINE.match(lines[j - 1]) is not None and j - 1 > i
            signed = _signed_above(lines, j) and not lines[j - 1].rstrip().endswith(":")
            if not (ruled or signed or _ends_sentence(lines, j)):
                continue
            above = " ".join(line.strip() for line in lines[read : j - 1 if ruled else j])
            read = j
            if _names_notice(above) or _LEGAL_MARK.search(above):
                break  # the notice began above
            if not (ruled or _notice_opens(lines[j])):
                continue  # the writer's sentence in another language ("ご確認を…。")
            if _notice_text(" ".join(line.strip() for line in lines[j:end])):
                return j - 1 if ruled else j
    return i if _notice_text(whole) else None


def _notice_opens(line: str) -> bool:
    """Whether ``line`` may be a notice's first: it names the message, a notice's word
    or a title ("Это сообщение …", "CONFIDENTIALITY NOTICE: …"), as the writer's last
    sentence above it does not."""
    return bool(
        _MESSAGE.search(line)
        or _names_notice(line)
        or _LABEL_FIRST.match(line)
        or _PERSONAL_DATA.search(line)
        or _DATA_LAW.search(line)
        or _NOTICE_TITLE.match(line)
    )


# A notice's title on a line of its own: in brackets ("【免責事項】", "[면책 조항]"), under
# its colon ("免责声明：") or in capitals ("DISCLAIMER").
_NOTICE_TITLE = re.compile(
    r"^\s*(?:[【\[［〔<«(（][^\]】］〕>»)）]{1,30}[】\]］〕>»)）]|[^\s.!?。！？:：][^.!?。！？:：]{0,38}[:：]|"
    r"(?=[^a-z]*[A-Z]{2})[^a-z.!?。！？]{3,40})\s*$"
)


# A title and its colon opening a line ("Disclaimer: …", "Ymwadiad: …").
_LABEL_FIRST = re.compile(r"^\s*[^\W\d_][\w'’-]*(?: [\w'’-]+)?\s?:\s")


def _names_notice(text: str) -> bool:
    """Whether ``text`` has a word of a notice's: confidential, its recipient, meant for
    them alone or received in error, other uses prohibited."""
    return bool(
        _CONFIDENTIAL.search(text)
        or _RECIPIENT.search(text)
        or _ALONE.search(text)
        or _PROHIBITED.search(text)
    )


def _notice_words(text: str) -> bool:
    """Whether ``text`` has the words a notice is made of (:func:`_notice_text`), whoever
    speaks and whatever else it says."""
    if _PERSONAL_DATA.search(text) and _DATA_LAW.search(text):
        return True
    if (
        _names_viruses(text)
        and _VIRUS_FREE.search(text)
        and _VIRUS_LIABILITY.search(text)
        and _MESSAGE.search(text)
    ):
        return True
    recipient = _RECIPIENT.search(text)
    prohibited = _PROHIBITED.search(text)
    if _CONFIDENTIAL.search(text):
        if prohibited or _ALONE.search(text):
            return True
        # Confidential and its recipient alone: a notice of the message ("This e-mail is
        # confidential and intended for the addressee"), not the writer's word of a
        # document ("the contract is confidential, send it to the intended recipient").
        return bool(recipient and _MESSAGE.search(text))
    # Its intended recipient and what others are prohibited, or for them alone: "This
    # message may contain protected health information. If you are not the intended
    # recipient, any review, use or disclosure is prohibited."
    intended = prohibited and _NOT_INTENDED.search(text)
    alone = intended or ((recipient or prohibited) and _ALONE.search(text))
    return bool(alone and _MESSAGE.search(text))


# A disclaimer of viruses: the mail said free of them ("free from any virus",
# "virenfrei", "exempt de virus" …) and the reader's or the sender's responsibility
# for them.
_VIRUS_FREE = re.compile(
    r"free (?:from|of) (?:any )?(?:virus|malware)|virus[- ]free|virenfrei|frei von viren|"
    r"exempts? de (?:tout )?virus|(?:libres?|exentos?) de (?:cualquier )?virus|"
    r"priv[oi] di virus|virusvrij|vrij van virussen|wolne od wirusów|livres? de (?:qualquer )?"
    r"vírus|isenta? de vírus",
    re.IGNORECASE,
)


def _names_viruses(text: str) -> bool:
    """Whether ``text`` has a word of :data:`_VIRUS_FREE`'s ("virus", "Viren", "wirusów",
    "vírus"): the large pattern is searched only then (most paragraphs have none)."""
    folded = text.casefold()
    return "vir" in folded or "wir" in folded or "vír" in folded


_VIRUS_LIABILITY = re.compile(
    r"recipient|responsib|liab|haftung|haftet|empfänger|destinataire|responsab|destinatari|"
    r"aansprakelijk|ontvanger|odpowiedzialno|odbiorc|destinatário",
    re.IGNORECASE,
)
# The reader who may not be the one the message is for ("the wrong recipient" is the
# writer's account).
_NOT_INTENDED = re.compile(
    r"\bintended recipient|\bnot the (?:intended |named )?(?:recipient|addressee)", re.IGNORECASE
)


def _notice_text(text: str) -> bool:
    """Whether ``text``, a paragraph, is a confidentiality or data-protection notice: it
    has a notice's words (:func:`_notice_words`), asks no question ("… intended solely
    for the board. Could you send it by post?" is the writer's) and does not speak in
    the writer's first person."""
    if any(mark in text for mark in QUESTION_END) or not _notice_words(text):
        return False
    # The Italian plural article "I" before a possessive or a noun ("I Suoi dati
    # personali sono trattati …") is not the English "I".
    text = _ITALIAN_I.sub(" ", text)
    if _POLISH_LETTER.search(text) and not _GERMAN_LETTER.search(text):
        # The Polish "ich" is "their" ("… dostępu do danych oraz ich poprawiania"), not
        # the German "I".
        text = _ICH.sub(" ", text)
    if _PERSONAL_DATA.search(text) and _DATA_LAW.search(text):
        # A data-protection notice: the reader's data, the law's rights; the writer
        # asking for their own ("delete my personal data under the GDPR") is no notice.
        return not (_SELF_SINGULAR.search(text) or SELF_I.search(text))
    if _VIRUS_FREE.search(text) and _VIRUS_LIABILITY.search(text):
        # A company's word that it cannot warrant the mail free of viruses: it may say
        # "we" ("… we advise that the recipient should …"), never "I".
        return not _in_first_person(text)
    if _CONFIDENTIAL.search(text):
        # The writer's own account ("the contract is confidential … I received the draft
        # by mistake") speaks in the first person; a notice never does.
        if _RECIPIENT.search(text) and (_ALONE.search(text) or _PROHIBITED.search(text)):
            # The whole of a notice — confidential, for its recipient alone or in error:
            # "je" is the South Slavic and Slovak "is" there ("… je určená výlučne
            # adresátovi", "namijenjena je isključivo primatelju"), not the French "I".
            return not _WRITER_I_NOT_JE.search(text)
        return not _WRITER_I.search(text)
    # Without the word "confidential": a notice speaks of the message in the third
    # person ("this e-mail is intended only for …"); the writer's own sentence about a
    # mistake ("I sent the invoice to the wrong recipient by mistake") is theirs.
    return not _FIRST_PERSON.search(text)


_ITALIAN_I = re.compile(r"\bI (?=(?:suoi|tuoi|vostri|nostri|loro|dati)\b)", re.IGNORECASE)
_POLISH_LETTER = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")
_GERMAN_LETTER = re.compile(r"[äöüßÄÖÜ]")
_ICH = re.compile(r"(?<![\w'’])[Ii]ch(?![\w'’])")


# A data-protection notice speaks of the reader's personal data …
_PERSONAL_DATA = prefiltered(
    r"personal data|personal information|personenbezogene\w* daten|données personnelles|"
    r"datos personales|dati personali|persoonsgegevens|dane osobowe|dados pessoais|"
    r"personuppgifter|personoplysninger|henkilötiedo|персональн\w+ данн|"
    # … declined as the languages decline it: "danych osobowych", "osobních údajů".
    r"dan\w* osobow|osobn\w* údaj|osobné údaj|személyes adat|date\w* (?:cu caracter )?personal|"
    r"osobn\w* podat|προσωπικ\w* δεδομέν|"
    # … or of the reader's data by its possessive: "Ihre Daten", "i Suoi dati", "uw gegevens".
    r"\b(?:your|ihre|vos|sus|tus|suoi|tuoi|uw|jouw|seus|teus|pani|twoje|ваши) "
    r"(?:\w+ )?(?:data|daten|données|datos|dati|gegevens|dane|danych|dados|данные)\b",
    re.IGNORECASE,
)
# … and of the law that governs it, or of the rights it gives.
_DATA_LAW = prefiltered(
    r"\b(?:gdpr|rgpd|dsgvo|lopd|lgpd|avg|rodo|uk gdpr)\b|regulation|verordnung|règlement|"
    r"reglamento|regolamento|regulamento|rozporządzeni|\brights?\b|\brechte\b|\bdroits?\b|"
    r"derechos|diritti|rechten|\bprawa?\b|direitos|privacy (?:policy|notice|statement)|"
    r"datenschutz\w*|\b2016/679\b|privacyverklaring|privacybeleid|politique de "
    r"confidentialité|política de privacidad|política de privacidade|informativa|"
    r"polityka prywatności",
    re.IGNORECASE,
)
# What a notice calls the message it is stamped on.
_MESSAGE = prefiltered(
    r"message|e-?mail|communication|transmission|nachricht|courriel|mensaje|correo|"
    r"messaggio|mensagem|bericht|wiadomoś|zpráv|сообщени|письм|повідомлен|メール|邮件|郵件|"
    r"메일|e-posta|ileti|meddelande|meddelelse|melding|viesti|üzenet|mesaj|μήνυμα|הודעה|"
    r"رسالة|پیام|ข้อความ|thư|surel|pesan|ای میل|ایمیل|ईमेल",
    re.IGNORECASE,
)
# The writer speaking of what they did, in the languages notices are written in.
_FIRST_PERSON = re.compile(
    r"\b(?:I|[Ii]ch|[Jj]e|[Jj]'|[Yy]o|[Ii]o|[Ii]k|[Jj]ag|[Jj]eg|[Mm]inä|[Jj]a|[Яя])\b"
)


def _is_meeting_block(lines: list[str], i: int) -> bool:
    """A conferencing program's invitation to join a meeting begins on line ``i`` and
    closes the text, as a calendar or the writer's program appends it under a reply
    ("Join Zoom Meeting" / "https://…" / "Meeting ID: …" / "Passcode: …" / "One tap
    mobile" / "+1…,,812…#"; "Join with Google Meet" / "meet.google.com/…" / "Join by
    phone"): a short heading that speaks of joining a meeting or names the program, a
    link under it, the meeting's number, code or dial-in lines, and nothing but such
    lines to the end — a writer's sentence under the link is theirs."""
    text = lines[i].strip()
    if len(text) > _MEETING_HEADING_CHARS or text.endswith(FULL_STOP):
        return False
    if len(text.split()) > _HEADING_WORDS or not _MEETING_HEADING.search(text):
        return False
    inside = i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1])
    if inside and not _ends_sentence(lines, i):
        return False  # the writer's sentence goes on
    rest = [line.strip() for line in lines[i + 1 :] if line.strip()]
    if not any(_LINK.search(line) for line in rest[:_MEETING_LINK_LINES]):
        return False
    if not any(_MEETING_DETAIL.search(line) for line in rest):
        return False
    return all(_meeting_line(line) for line in rest)


def _meeting_line(line: str) -> bool:
    """A line of a meeting invitation: a link with a few words of label, a label and its
    value ("Passcode: 482913"), a telephone number to dial, a rule, a short heading."""
    if _RULE_LINE.match(line) or _DIAL_IN.match(line):
        return True
    if _LINK.search(line):
        return len(_LINK_TOKEN.sub(" ", line).split()) <= _HEADING_WORDS
    if _MEETING_DETAIL.search(line) or _MEETING_HEADING.search(line):
        return len(line.split()) <= _HEADING_WORDS + 2 and not speaks_for_self(line)
    return False


# A meeting invitation's heading is never longer.
_MEETING_HEADING_CHARS = 80
# How many lines under its heading a meeting's link is given at most.
_MEETING_LINK_LINES = 3
# A meeting invitation's heading: joining a meeting, or a conferencing program's meeting
# ("Join Zoom Meeting", "Zoom-Meeting beitreten", "Join with Google Meet", "Réunion
# Microsoft Teams", "Participer avec Google Meet").
_MEETING_PROGRAM = r"zoom|google meet|teams|webex|gotomeeting|goto meeting|jitsi|whereby|skype"
_MEETING_HEADING = prefiltered(
    r"(?:join|beitreten|teilnehmen|participer|rejoindre|unirse|únete|participar|partecipa|"
    r"deelnemen|neem deel|dołącz|присоедин|参加|加入|참가|참여|katıl|anslut|delta|osallistu|"
    r"připoj|csatlakoz|alătur)\w*\b.{0,40}(?:meeting|call|conference|webinar|besprechung|"
    r"konferenz|réunion|reunión|reunião|riunione|vergadering|spotkani|встреч|会議|会议|회의|"
    rf"toplantı|möte|møde|kokous|schůzk|{_MEETING_PROGRAM})|"
    rf"(?:{_MEETING_PROGRAM})\b.{{0,20}}(?:meeting|besprechung|réunion|reunión|reunião|"
    r"riunione|vergadering|spotkani|встреч|会議|会议|회의|toplantı|möte|møde|kokous|schůzk)|"
    r"(?:meeting|besprechung|réunion|reunión|reunião|riunione|vergadering|spotkani)\w*\b.{0,20}"
    rf"(?:{_MEETING_PROGRAM})|(?:{_MEETING_PROGRAM})\b.{{0,20}}(?:beitreten|teilnehmen)",
    re.IGNORECASE,
)
# What an invitation gives besides its link: the meeting's number and code, how to dial in.
_MEETING_DETAIL = prefiltered(
    r"meeting (?:id|number)|meeting-id|besprechungs-id|konferenz-id|id de (?:la )?réunion|"
    r"id\.? de (?:la )?reunión|id (?:da|della) (?:reunião|riunione)|vergader-id|"
    r"identyfikator spotkania|passcode|password|kenncode|kennwort|code secret|code d'accès|"
    r"código de acceso|código de acesso|codice (?:d'accesso|secret)|toegangscode|wachtwoord|"
    r"kod dostępu|hasło|access code|\bpin\b|dial[- ]?in|einwahl|one tap|join by (?:phone|"
    r"telephone)|per telefon|par téléphone|por teléfono|por telefone|telefonisch|"
    r"(?:phone|telefon) ?num|join(?:ing)? instructions|local number|meeting options|"
    r"besprechungsoptionen|options de (?:la )?réunion|opciones de (?:la )?reunión",
    re.IGNORECASE,
)
# A number to dial with its meeting's number and code ("+16465588656,,81234567890#,,,,*…#
# US (New York)", "(US) +1 505-555-0123 PIN: …").
_DIAL_IN = re.compile(r"^(?:\([A-Z]{2}\)\s*)?\+?[\d\s().-]{7,}[\d,#*]*(?:\s.{0,40})?$")


def _is_link_block(lines: list[str], i: int) -> bool:
    """A paragraph of a service's links that begins on line ``i``: two lines or more,
    each a few words and a link ("Reply to Group Online: https://…", "View Thread
    <https://…>") — what forums, communities and notification services put under a
    post; a writer gives a link with a sentence."""
    if i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1]):
        return False  # not the first line of a paragraph, nor the first under a rule
    paragraph = _labels_with_links(_paragraph_at(lines, i, 2 * _LINK_BLOCK_LINES + 1))
    # A heading may stand above the links ("How would you rate our reply?").
    links = paragraph[1:] if paragraph and not _LABELLED_LINK.match(paragraph[0]) else paragraph
    heading = paragraph[: len(paragraph) - len(links)]
    if heading and len(heading[0].split()) > _HEADING_WORDS:
        return False
    return len(links) >= 2 and all(_LABELLED_LINK.match(line) for line in links)


_LINK_BLOCK_LINES = 12


def _labels_with_links(paragraph: list[str]) -> list[str]:
    """``paragraph`` with each label and the link on the line under it ("Good:" /
    "https://…") read as one line, as a narrower layout folds them."""
    out: list[str] = []
    for line in paragraph:
        if out and _BARE_LINK.match(line) and _LABEL.match(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


_BARE_LINK = re.compile(r"^\s*[<(\[]?https?://\S+\s*$")
_LABEL = re.compile(r"^\s*[^\W\d_][\w'’ -]{0,40}?:\s*$")
_HEADING_WORDS = 8
_LABELLED_LINK = re.compile(
    r"^\s*[^\W\d_][\w'’ -]{0,40}?\s*(?::\s*|\s[<(\[]\s*)https?://\S+\s*[>)\]]?\s*$"
)


def _paragraph_at(lines: list[str], i: int, most: int) -> list[str]:
    """The paragraph that begins on line ``i``, at most ``most`` lines of it."""
    paragraph: list[str] = []
    for line in lines[i : i + most]:
        if not line.strip():
            break
        paragraph.append(line)
    return paragraph


# How many lines of a paragraph a notice is read in.
_NOTICE_LINES = 12


def _links_above(lines: list[str], start: int) -> int:
    """Where a footer that begins on line ``start`` begins with the paragraphs of a
    service's labelled links right above it ("View task in Asana: https://…", "Reply:
    https://…"): the buttons of a notification, under the message they carry."""
    while start > 0:
        end = start - 1
        while end > 0 and not lines[end].strip():
            end -= 1
        top = _paragraph_start(lines, end)
        # A label with its link on the line under it ("View task in Asana:" / "https://…")
        # as a narrower layout folds them.
        paragraph = _labels_with_links([line for line in lines[top : end + 1] if line.strip()])
        if not paragraph or top == 0 or not all(_LABELLED_LINK.match(x) for x in paragraph):
            return start
        start = top
    return start


def _is_closing_block(lines: list[str], i: int, listed: bool = False) -> bool:
    """A list's or a service's closing block begins on line ``i``: from there to the end
    of the text, a few lines each of which is the footer's — a link or an address with a
    label or without, a line that names the subscription, the list or group, its archive
    or its links, a short heading (the list's name) — at least one naming them and one
    giving a link or an address.  Every list manager closes its mail so, in its own
    words (Topicbox's "Permalink: … / Delivery options: …", an ezmlm list's "To
    unsubscribe, e-mail: … / For additional commands, e-mail: …", a list owner's own
    footer); it is told from the writer's closing lines by the rule drawn above it, by
    two lines of it naming the list, or by the list's header fields (``listed``), which
    with the rule are evidence enough even when no line names the list."""
    # Not the first line of a paragraph: the block may still follow the writer's last
    # sentence without a blank line.
    inside = i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1])
    if inside and (not _ends_sentence(lines, i) or _closing_line(lines[i - 1].strip())):
        return False
    rest = [line.strip() for line in lines[i:] if line.strip()]
    if not rest or len(rest) > _CLOSING_LINES:
        return False
    ruled = _rule_above(lines, i) < i
    # The list's name may head the block right under its rule ("Acme: users").
    named_first = ruled and _heading(rest[0])
    body = rest[1:] if named_first else rest
    if not body or not all(_RULE_LINE.match(x) or _closing_line(x, ruled) for x in body):
        return False
    if not any(_LINK.search(line) for line in rest):
        return False
    named = sum(_names_list(line) for line in rest)
    if listed and ruled:
        # A list's mail, and a rule drawn above a few lines with a link: its owner's
        # footer in their own words ("Acme Users Forum — since 2009" / its address).
        return True
    return bool(named) and (ruled or listed or named >= _NAMING_LINES)


def _closing_line(line: str, ruled: bool = False) -> bool:
    """A line a closing block is made of: not the writer's (no first person), and a
    link or an address with a few words of label, or a line naming the list that ends
    with its link; under the footer's rule, also a line naming the list no longer than a
    footer's instruction ("Users mailing list")."""
    if len(line) > _FOOTER_LINE_CHARS or speaks_for_self(line):
        return False
    if _LINK.search(line) and len(_LINK_TOKEN.sub(" ", line).split()) <= _LABEL_WORDS:
        return True
    if _link_bar(line):
        return True
    if not _names_list(line):
        return False
    if _LINK.search(line):
        return _ends_with_link(line)  # "the archive (https://…) is down" is the writer's
    return ruled and len(line.split()) <= _INSTRUCTION_WORDS


def _is_register_block(lines: list[str], i: int) -> bool:
    """A company's register block begins on line ``i``, as mail servers stamp it under
    every message (CodeTwo, Exclaimer, a transport rule): the last paragraph, a few
    lines that give the register entries the law asks of a company's letters — the
    court and number, the capital, the tax and VAT numbers ("Dupont SA au capital de
    100 000 € – RCS Paris B 123 456 789", "Amtsgericht Berlin HRB 123456 · USt-IdNr.
    DE…", "KRS 0000123456, NIP 123-456-78-90") — at least two of them, and no word of
    the writer's.  A server may stamp it right under the writer's last sentence: it then
    begins with a line of its entries.  A sentence above its first entry is the writer's
    ("…ご確認をお願いいたします。" / "Acme Ltd, registered in England …")."""
    inside = i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1])
    if inside and not (_ends_sentence(lines, i) and _REGISTER.search(lines[i])):
        return False
    paragraph = _paragraph_at(lines, i, _REGISTER_LINES + 1)
    rest = [line for line in lines[i + len(paragraph) :] if line.strip()]
    if rest or len(paragraph) > _REGISTER_LINES:
        return False
    for line in paragraph:
        if _REGISTER.search(line):
            break
        if _SENTENCE_END.search(line):
            return False
    text = " ".join(line.strip() for line in paragraph)
    # A court's roman numeral is no pronoun ("Okresného súdu Bratislava I, oddiel Sro"); a
    # question is the writer's ("vilket org.nr och momsreg.nr har ni?").
    if len(text) > _BANNER_CHARS or speaks_for_self(_COURT_NUMBER.sub("", text)):
        return False
    if "?" in text:
        return False
    return len({m.group(0).lower() for m in _REGISTER.finditer(text)}) >= _REGISTER_MARKS


_REGISTER_LINES = 4
# A sentence's end, not an abbreviation's ("… Capitale sociale € 10.000 i.v.", "Acme Ltd.").
_SENTENCE_END = re.compile(r"(?:[!?。！？؟]|(?<![.\w])[^\W\d_]{4,}\.)\s*$")
_REGISTER_MARKS = 2
_COURT_NUMBER = re.compile(r"(?<=[a-z]) I(?=\s*(?:[,;.)]|$))")
# The register entries of a company's letters, in the forms of the countries' laws.
_REGISTER = re.compile(
    r"\b(?:RCS|R\.C\.S|SIRET|SIREN|HRB|HRA|FN|UID|USt-?IdNr|KvK|BTW|RPR|KRS|NIP|REGON|CIF|"
    r"NIF|NIPC|TVA|P\.? ?IVA|REA|C\.F\.|ABN|ACN|CNPJ|IČO?|DIČ|IČ DPH|CVR|MVA|ALV|CUI|"
    r"Y-tunnus|Reg\. ?Com|"
    r"(?i:capital social|capitale sociale|au capital de|amtsgericht|registergericht|"
    r"handelsregister\w*|firmenbuch\w*|geschäftsführer(?:in)?|sitz der gesellschaft|partita iva|"
    r"vat (?:no|number|reg)|company (?:no|number|registration)|registered (?:in|office)|"
    r"registered charity|charity (?:no|number)|company limited by guarantee|"
    r"registro mercantil|registo comercial|kapitał zakładowy|sąd rejonowy|org\.? ?nr|"
    r"momsreg\w*|styrelsens säte|kotipaikka|cégjegyzékszám|adószám|székhely|"
    r"obchodní\w* rejstří\w*|obchodn\w* regist\w*|registro delle imprese|sede legale))\b"
)


def _legal_bar(line: str) -> bool:
    """A bar of links to the sender's legal pages, as a company's or a newsletter's
    footer lays them out ("Impressum <https://…> | Datenschutz <https://…>", "Privacy
    Policy · Terms · Cookies", each with its link): one label at least a legal page's
    name, no first person."""
    if not _link_bar(line) or speaks_for_self(line):
        return False
    segments = [_LINK_TOKEN.sub(" ", x) for x in re.split(r"\s[|·•｜]\s", line)]
    labels = [" ".join(re.sub(r"[\[\]()<>]", " ", x).split()) for x in segments]
    return any(_LEGAL_PAGE.fullmatch(label) for label in labels if label)


# A legal page's name, as footers label its link, in the languages they are written in.
_LEGAL_PAGE = re.compile(
    r"impressum|datenschutz(?:erklärung|hinweise)?|agb|nutzungsbedingungen|"
    r"privacy(?: policy| notice| statement)?|terms(?: of (?:use|service))?|"
    r"terms (?:and|&) conditions|legal(?: notice)?|cookies?(?: policy)?|disclaimer|"
    r"mentions légales|(?:politique de )?confidentialité|cgu|cgv|"
    r"aviso legal|(?:política de )?privacidad|términos(?: y condiciones)?|"
    r"note legali|(?:informativa )?privacy|termini(?: e condizioni)?|"
    r"colofon|privacyverklaring|privacybeleid|(?:algemene )?voorwaarden|"
    r"polityka prywatności|regulamin|(?:política de )?privacidade|termos(?: de uso)?",
    re.IGNORECASE,
)


def _link_bar(line: str) -> bool:
    """A bar of links as a footer lays them out, each a few words of label with its
    link ("[View online](https://…) | [Privacy](https://…) | [Contact us](https://…)",
    "Help<https://…> · Settings<https://…>")."""
    if not any(mark in line for mark in _BAR_MARKS):  # most lines: no bar to split at
        return False
    segments = [x for x in re.split(r"\s[|·•｜]\s", line) if x.strip()]
    linked = [x for x in segments if _LINK.search(x)]
    return len(linked) >= _BAR_LINKS and all(
        len(_LINK_TOKEN.sub(" ", x).split()) <= _LABEL_WORDS for x in segments
    )


_BAR_LINKS = 2
_BAR_MARKS = "|·•｜"


def _names_list(line: str) -> bool:
    """Whether ``line`` names the subscription, the list or group, its archive or its
    links in its words (not in an address: "users@lists.acme.example")."""
    return bool(_LIST_WORD.search(_LINK_TOKEN.sub(" ", line)))


def _heading(line: str) -> bool:
    """A short line without a sentence's end: a list's name or its program's heading."""
    return len(line.split()) <= _NAME_WORDS and not line.endswith(FULL_STOP)


_CLOSING_LINES = 8
_NAMING_LINES = 2
_LABEL_WORDS = 4
_INSTRUCTION_WORDS = 16
# A list's name or its program's heading above its lines ("Users mailing list").
_NAME_WORDS = 5
# What a closing block speaks of: the subscription, the list or group, its archive, its
# options and links, in the languages list managers write their footers in.
_LIST_WORD = prefiltered(
    r"subscri|abonn|suscri|inscri|iscri|signoff|mitglied|member|membre|miembro|membro|"
    r"\blists?\b|\bliste\b|\blista\b|mailingliste|listinfo|\bgroup|gruppe|groupe|grupo|"
    r"gruppo|groep|archiv|permalink|delivery options|digest|\boptions\b|einstellungen|"
    r"préférences|preferences|preferencias|abmelden|désinscri|darse de baja|disiscriv|"
    r"afmelden|uitschrijven|\bleave\b|\bview (?:this )?(?:topic|thread|discussion)",
    re.IGNORECASE,
)


def _title_above(lines: list[str], start: int) -> int:
    """Where a footer that begins on line ``start`` begins with its title set apart
    above it ("IMPORTANT NOTICE", "Disclaimer", "Haftungsausschluss:", "Groups.io
    Links:" as an HTML conversion sets it apart, "Invitation from Google Calendar"): a
    line alone, over a blank line, that names a notice or is written in capitals — or a
    calendar's title right under the writer's last sentence."""
    above = start - 1
    while above >= 0 and start - above <= _RULE_GAP and not lines[above].strip():
        above -= 1
    if above < 0 or above == start - 1:
        return start
    title = lines[above].strip().rstrip(":")
    if above > 0 and lines[above - 1].strip():
        # A calendar's title glued under the writer's last sentence: "… today.\n
        # Invitation from Google Calendar".
        glued = lines[above - 1].rstrip().endswith(FULL_STOP) and _INVITATION.match(title)
        if not glued:
            return start
    # Its words, not the marks between its languages' ("Disclaimer / Haftungsausschluss").
    words = [w for w in title.split() if any(ch.isalnum() for ch in w)]
    if len(words) > _TITLE_WORDS or title.endswith(FULL_STOP):
        return start
    letters = [ch for ch in title if ch.isalpha()]
    capitals = len(letters) > 1 and all(ch.isupper() for ch in letters)
    named = _TITLE.search(title) or _INVITATION.match(title)
    return above if capitals or named else start


_TITLE_WORDS = 4
# What a notice is called above it.
_TITLE = re.compile(
    r"notice|disclaimer|confidential|legal|privacy|hinweis|haftung|datenschutz|avis|"
    r"\blinks\b|enlaces|\bliens\b|"  # a list's "Groups.io Links:", "Yahoo! Groups Links"
    r"avertissement|aviso|avvertenza|avviso|informativa|kennisgeving|vrijwaring|zastrzeżenie|"
    r"klauzula|uwaga prawna|aviso legal",
    re.IGNORECASE,
)


# A calendar's invitation over its notice: "Invitation from Google Calendar", "Einladung
# von Google Kalender", "Invitation de Google Agenda".
_INVITATION = re.compile(
    r"^(?:invitation|einladung|invitación|invito|uitnodiging|convite|zaproszenie)\b.{0,20}"
    r"\b(?:calendar|kalender|agenda|calendario|kalendarz)$",
    re.IGNORECASE,
)


def _rule_above(lines: list[str], start: int) -> int:
    """Where a footer that begins on line ``start`` begins with the rule its program
    draws above it: right above it, or over a blank line or two (LISTSERV's row of
    hashes, Yahoo Groups' dashes, a rule an HTML conversion set apart)."""
    above = start - 1
    while above >= 0 and start - above <= _RULE_GAP and not lines[above].strip():
        above -= 1
    if above >= 0 and start - above <= _RULE_GAP and _RULE_LINE.match(lines[above]):
        # Two rules drawn one over the other (groups.io's "_._,_._,_" over its dashes).
        return above - 1 if above > 0 and _RULE_LINE.match(lines[above - 1]) else above
    return start


# At most two blank lines between a footer's rule and its text.
_RULE_GAP = 3


def postal_line(line: str) -> bool:
    """A company's postal address on a line, as a service writes it under its mail
    ("TaskNest Inc., 350 Example Avenue, Suite 4, San Diego, CA 92101, USA", "Acme GmbH ·
    Beispielstraße 12 · 10115 Berlin"): three parts or more, one a postal code, none
    longer than a few words, no sentence."""
    if len(line) > POSTAL_CHARS or line.rstrip().endswith(("?", "!", ":")):
        return False
    parts = [x for x in _POSTAL_SPLIT.split(line) if x.strip()]
    return (
        len(parts) >= _POSTAL_PARTS
        and bool(_POSTCODE.search(line))
        and all(len(x.split()) <= _POSTAL_PART_WORDS for x in parts)
    )


POSTAL_CHARS = 160
_POSTAL_PARTS = 3
_POSTAL_PART_WORDS = 6
_POSTAL_SPLIT = re.compile(r"\s*[,|·•،、]\s*|\s{2,}")
# Postal codes as countries write them: "92101", "10115", "00-001", "110 00", "SE1 9ZZ",
# "1012 AB", "M5V 2T6", "〒100-0001", "01310-100".
# A postal code of digits is one beside its town ("10115 Berlin", "1012 AB Amsterdam")
# or after its state ("CA 92101"): "Order 4521, size M, blue" holds none.
_POSTCODE = re.compile(
    r"(?:(?<![\w-])(?:\d{5}(?:-\d{3,4})?|\d{4}(?: ?[A-Z]{2}|-\d{3})?|\d{2}-\d{3}|\d{3} \d{2}|"
    r"\d{6})"
    r"(?=[ \t]+[^\W\d_]{2})|(?<=\b[A-Z]{2} )\d{5}(?:-\d{4})?)(?![\w-])"
    r"|(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d)(?![\w-])"
    r"|〒\s?\d{3}-\d{4}"
)


def _postal_above(lines: list[str], start: int) -> int:
    """Where a footer that begins on line ``start`` begins with the sender's postal
    address set apart above it, as a newsletter or a CRM writes it over its unsubscribe
    links ("Acme Inc., 1 Main Street, Boston, MA 02110, United States"): a line of its
    own, no label in it, set apart by a blank line above it or appended right under the
    writer's last sentence or signed name."""
    above = start - 1
    while above >= 0 and start - above <= _RULE_GAP and not lines[above].strip():
        above -= 1
    if above < 1 or above == start - 1:
        return start
    line = lines[above].strip()
    if ":" in line or not postal_line(line):
        return start
    if (
        above >= 2
        and not lines[above - 2].strip()
        and lines[above - 1].lstrip()[:1].isupper()
        and _COMPANY_NAME.search(lines[above - 1])
        and len(lines[above - 1].split()) <= _COMPANY_NAME_WORDS
    ):
        above -= 1  # the company's name on a line of its own over it ("Acme Inc.")
    lead = above - 1
    while lead >= 0 and not lines[lead].strip():
        lead -= 1
    if lead >= 0 and lines[lead].rstrip().endswith((":", "：")):
        return start  # the writer's address, announced ("… an unsere neue Adresse:")
    if _CONTACT.search(line):
        # A way to reach a person beside the address: the writer's signature line ("Ruth
        # Okafor | Client Ltd | 12 Harbour Road | Leeds LS1 4AB | +44 113 496 0000").
        return start
    over = lines[above - 1].strip()
    if over and not (_ends_sentence(lines, above) or _signed_name_over(lines, above)):
        # Under another line of the writer's signature, their title or their company,
        # the address is theirs ("Ruth Okafor" / "Operations Manager" / "Client Ltd,
        # 12 Harbour Road, Leeds LS1 4AB, UK").
        return start
    return above


# A company's name as it ends: its legal form ("Acme Inc.", "Kunde GmbH", "Acme Lda.").
_COMPANY_NAME = re.compile(
    r"\b(?:inc|ltd|llc|plc|corp|gmbh|ag|kg|se|sa|s\.a|s\.l|sl|srl|s\.r\.l|spa|s\.p\.a|bv|b\.v|"
    r"nv|n\.v|lda|sas|sarl|oy|ab|as|asa|aps|a/s|k\.k|co|sp\. z o\.o|s\.r\.o|kft|pty ltd)\.?\s*$",
    re.IGNORECASE,
)
_COMPANY_NAME_WORDS = 4


def _signed_name_over(lines: list[str], i: int) -> bool:
    """Whether the line above line ``i`` is a name signed right under a closing or a
    sentence ("Obrigada," / "Inês"), not under another line of a signature."""
    if not _name_over(lines, i):
        return False
    if i < 2 or not lines[i - 2].strip():
        return True
    return lines[i - 2].rstrip().endswith((*FULL_STOP, ",", "，", "、"))


# A telephone number or an e-mail address beside a postal address: a person's contact.
_CONTACT = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:tel|phone|fon|tél|mob|cell|fax)\w*\.?:?\s*"
    r"\+?\d|(?<![\w+])\+\d[\d \t().-]{6,}\d",
    re.IGNORECASE,
)


def _footer_start(lines: list[str], i: int, under_text: bool = False) -> int:
    """Where a footer found on line ``i`` begins: where its paragraph begins (a footer
    wraps, and the line found may be its second, or its first sentence may be one no
    rule knows), or at its rule when one follows the writer's last sentence; with
    ``under_text``, also at the line that follows the writer's last sentence — a footer
    a program appends without a blank line ("… since the update.\nVirus-free.
    www.avg.com")."""
    start = _paragraph_start(lines, i)
    for j in range(i, start, -1):
        above = lines[j - 1].strip()
        if not _ends_sentence(lines, j) or is_footer_line(above) or _closing_line(above):
            continue
        if under_text or _RULE_LINE.match(lines[j]) or _FOOTER_RULE.match(lines[j]):
            return j
    return start


# groups.io's and Yahoo's rules of alternating marks.
_FOOTER_RULE = re.compile(r"^\s*(?:-=){3,}-?\s*$")


def _has_text(lines: list[str]) -> bool:
    """Whether ``lines`` hold more of the writer's than a greeting ("Hola,")."""
    content = [line.strip() for line in lines if line.strip()]
    if len(content) != 1:
        return bool(content)
    only = content[0]
    return not (only.endswith((",", ":", "،", "，")) and len(only.split()) <= _GREETING_WORDS)


_GREETING_WORDS = 4


def _ends_sentence(lines: list[str], i: int) -> bool:
    """Whether the line above line ``i`` ends a sentence and line ``i`` does not go on
    with it (a capital, a rule, a link)."""
    return lines[i - 1].rstrip().endswith(FULL_STOP) and not lines[i].lstrip()[:1].islower()


def _paragraph_start(lines: list[str], i: int) -> int:
    while i > 0 and lines[i - 1].strip() and not _RULE_LINE.match(lines[i - 1]):
        i -= 1
    return i


# More lines only software writes, in the languages and layouts of the programs that
# write them: why the reader gets a group's mail in the wordings Google Groups and other
# list hosts translate it to (Russian, Czech, Swedish, Turkish, Korean, Japanese,
# Chinese), a service's "this message was generated automatically" in the languages
# services write it in, the marker a scanner leaves of its stamp (Avast's and AVG's
# "<#DAB4FAD8-…>", invisible in the HTML a webmail turns into text), the image a mail
# tracker signs with ("[image: Mailtrack]").
_MORE_FOOTER_LINE = prefiltered(
    r"(?:получ\w*|obdržel\w*|får|dostal\w*)\b.{0,50}\b(?:поскольку|потому что|protože|"
    r"eftersom|ponieważ)\b.{0,80}(?:подпис|групп|odběr|skupin|prenumer|grupp)|"
    r"abone olduğunuz için\b.{0,20}\b(?:aldınız|alıyorsunuz)|"
    r"그룹에 가입한 .{0,30}(?:전송|발송)|"
    r"グループ.{0,40}(?:登録|参加).{0,30}(?:送られて|送信されて|配信されて)|"
    r"(?:訂閱|订阅).{0,40}(?:群組|群组).{0,40}(?:傳送|发送|寄送)|"
    r"^(?:diese (?:e-?mail|nachricht) wurde automatisch\b.{0,50}?\b(?:erstellt|erzeugt|"
    r"generiert|versendet|versandt|verschickt)|"
    r"(?:ce|cet) (?:message|courriel|e-?mail) a été (?:généré|envoyé|créé) automatiquement|"
    r"este (?:mensaje|correo)(?: electrónico)? (?:ha sido|fue|se ha) (?:generado|enviado) "
    r"automáticamente|"
    r"quest[ao] (?:messaggio|e-?mail) è stat[ao] (?:generat|inviat)[ao] automaticamente|"
    r"(?:dit bericht|deze e-?mail) is automatisch (?:gegenereerd|verzonden|verstuurd|"
    r"aangemaakt)|"
    r"ta wiadomość została (?:wygenerowana|wysłana) automatycznie|"
    r"est[ae] (?:mensagem|e-?mail) foi (?:gerad|enviad)[ao] automaticamente|"
    r"это (?:сообщение|письмо) (?:было )?(?:сгенерировано|отправлено|создано) автоматически|"
    r"(?:detta|det här) (?:e-?post)?meddelande (?:har skickats|skickades|har genererats|"
    r"genererades) automatiskt|denne e-?mail er (?:sendt|genereret|afsendt) automatisk|"
    r"denne e-?posten er (?:sendt|generert) automatisk|"
    r"(?:tento|tato) (?:e-?mail|zpráva) (?:byl|byla) (?:automaticky (?:vygenerován|odeslán)\w*|"
    r"(?:vygenerován|odeslán)\w* automaticky)|"
    r"ez egy automatikusan (?:generált|küldött) (?:üzenet|e-?mail)|"
    r"bu e-?posta otomatik olarak (?:gönderilmiştir|oluşturulmuştur)|"
    r"tämä (?:viesti|sähköposti) on (?:lähetetty|luotu) automaattisesti)|"
    r"\bauf viren (?:über|ge)?prüft\b|\bauf viren (?:gescannt|untersucht)\b|"
    # The marks Yahoo Groups and groups.io set around their footer ("__._,_.___",
    # "_._,_._,_"), which no writer draws.
    r"^_{1,3}(?:[.,]_{1,3}){3,}$|"
    r"^<#[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}>$|"
    r"^\[image: (?:mailtrack|avast|avg)\b[^\]]*\]|"
    # A newsletter's copyright line: "Copyright © 2025 Northwind S.L., Todos los derechos
    # reservados.", "© 2025 Jane Doe".
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}\s*[-–]\s*)?\d{4}\b.{0,100}$|"
    # … the name first, as a blog's or a newsletter's platform writes it: "Acme © 2025 –
    # Unsubscribe".
    r"^(?:(?-i:[A-Z])[\w.&'’-]*\s){1,4}(?:©|\(c\))\s*(?:\d{4}\s*[-–]\s*)?\d{4}"
    r"(?:\s*[-–|·]\s*\w[\w ]{0,30})?$",
    re.IGNORECASE,
)


def _more_footer_line(text: str) -> bool:
    """Whether ``text`` is one of :data:`_MORE_FOOTER_LINE`'s lines, or a service's
    advertisement of its phone app (:func:`_app_promotion`)."""
    return bool(_MORE_FOOTER_LINE.search(text)) or _app_promotion(text)


def _app_promotion(text: str) -> bool:
    """A service's advertisement of its phone app (:data:`_APP_PROMOTION`), which neither
    asks nor speaks for the writer."""
    return bool(
        _APP_PROMOTION.search(text)
        and not any(mark in text for mark in QUESTION_END)
        and not speaks_for_self(text)
    )


def _laid_out_line(text: str) -> bool:
    """A footer's line known by its layout or a few words a writer may type as well: a
    bar of legal pages' links (:func:`_legal_bar`), an app's advertisement
    (:func:`_app_promotion`) — the writer's, when their text goes on under it."""
    return _legal_bar(text) or _app_promotion(text)


def _written_below(lines: list[str], i: int) -> bool:
    """Whether a sentence of the writer's follows line ``i``: a line of three words or
    more that ends as a sentence does, with no digit or label in it (a footer's address,
    copyright, legal particulars) (:func:`_writer_below`)."""
    return _writer_below(
        lines,
        i,
        lambda text: (
            text.endswith(FULL_STOP) and ":" not in text and not any(ch.isdigit() for ch in text)
        ),
    )


def _asked_below(lines: list[str], i: int) -> bool:
    """Whether the writer speaks below line ``i`` in the first person singular ("and I
    still get them", "mein Konto") — what no footer writes under its own lines (a
    newsletter's "Want to change how you receive these emails?" is its own: questions do
    not count) (:func:`_writer_below`)."""
    return _writer_below(lines, i, _in_first_person)


def _quoted_in_sentence(lines: list[str], i: int) -> bool:
    """Whether footer line ``i`` is quoted inside the writer's sentence: the line right
    above is their prose leading into it — it announces it ("Your newsletter's footer
    reads:") or ends on a verb of saying ("… the footer of your mails says") — and the
    line right below goes on in lower case ("and the link is dead."). A footer's own
    lines are not read into and out of so."""
    if i == 0 or i + 1 >= len(lines):
        return False
    above, below = lines[i - 1].strip(), lines[i + 1].strip()
    if len(above.split()) < _LEAD_WORDS or len(below.split()) < _SENTENCE_BELOW_WORDS:
        return False
    if not below[:1].islower() or is_footer_line(below):
        return False
    said = above.rstrip(" \t").casefold()
    return announced(lines, i) or said.rpartition(" ")[2] in _SAYING


# The verbs a sentence ends on before what it quotes: "the footer says", "… lautet".
_SAYING = frozenset(
    [
        "says",
        "say",
        "reads",
        "read",
        "shows",
        "show",
        "states",
        "displays",
        "contains",
        "lautet",
        "steht",
        "zeigt",
        "heißt",
        "dit",
        "indique",
        "affiche",
        "dice",
        "muestra",
        "pone",
        "diz",
        "mostra",
        "zegt",
        "toont",
        "luidt",
        "mówi",
        "brzmi",
        "pokazuje",
    ]
)


def _writer_below(lines: list[str], i: int, writers: Callable[[str], object]) -> bool:
    """Whether a line under line ``i`` is one ``writers`` takes for the writer's: three
    words or more, no link, no footer's line."""
    for line in lines[i + 1 :]:
        text = line.strip()
        if (
            len(text.split()) >= _SENTENCE_BELOW_WORDS
            and writers(text)
            and not _LINK.search(text)
            and not is_footer_line(text)
        ):
            return True
    return False


_SENTENCE_BELOW_WORDS = 3


def _in_first_person(text: str) -> bool:
    """Whether ``text`` speaks in the first person singular ("I", "ich", "my", "mein"; a
    Dutch "je" is the reader; a state's code before its ZIP code, "Boston, MA 02110", is
    no French "ma")."""
    text = _STATE_ZIP.sub(" ", text)
    return bool(SELF_I.search(text) or _SELF_SINGULAR.search(without_dutch_je(text)))


_STATE_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")


# A service's advertisement of its app for both phones' systems, in the languages
# services write it in: "Download the Jira Cloud app for Android or iOS", "Laden Sie die
# Asana-App für iOS und Android herunter", "Téléchargez l'application … pour iOS ou
# Android".
_APP_PROMOTION = re.compile(
    rf"{_SENTENCE_START}(?:download|get|install|laden sie|lade|hol dir|holen sie|"
    r"téléchargez|télécharger|descarga|descargue|descargar|scarica|scaricate|download de|"
    r"baixe|baixar|pobierz|"
    r"загрузите|скачайте|indir)\b.{0,60}\b(?:apps?|application|aplicación|aplicativo|"
    r"aplicação|applicazione|aplikacj\w*|приложение|uygulama\w*|[\w-]+-app)\b.{0,40}"
    r"\b(?:android|ios|iphone)\b.{0,6}\b(?:android|ios|iphone)\W*$",
    re.IGNORECASE,
)


# Why the reader gets a group's mail, as Google Groups and list hosts translate it to
# Danish, Norwegian, Finnish, Hungarian, Greek, Ukrainian, Romanian, Catalan, Vietnamese,
# Indonesian, Arabic, Hebrew and Thai: the reader got it because they subscribed to the
# group ("Du modtager denne besked, fordi du abonnerer på …", "Bạn nhận được thư này vì
# bạn đã đăng ký …", "تلقيت هذه الرسالة لأنك مشترك في …").
_GROUP_REASON_WORDS = (
    r"(?:modtage\w*|mottar|mottatt|saat|kapta|λάβατε|λαμβάνετε|отримал\w*|отримуєте|"
    r"primit|primiți|rebut|rebeu|nhận được|menerima|تلقيت|تتلقى|קיבלת|מקבל\w*)"
    r"\W.{0,50}\W(?:(?:fordi|koska|mert|επειδή|оскільки|тому що|deoarece|pentru că|perquè|"
    r"vì|karena|لأنك)\W|(?:מפני|כיוון) ש).{0,80}(?:abonner|tilan|feliratkoz|εγγραφ|підпис|"
    r"abonat|subscri|đăng ký|berlangganan|مشترك|רשום|gruppe|ryhmä|csoport|ομάδα|груп|grup|"
    r"nhóm|مجموعة|קבוצה)|"
    r"ได้รับ.{0,30}เนื่องจาก.{0,60}(?:สมัคร|กลุ่ม)"
)
_GROUP_REASON = re.compile(_GROUP_REASON_WORDS, re.IGNORECASE)
# The writer, in those languages' first person.
_GROUP_WRITER = re.compile(
    r"(?<!\w)(?:jeg|mig|minä|olen|én|εγώ|μου|мені|eu|jo|tôi|saya|aku|kami)(?!\w)|أنا|אני|"
    r"ฉัน|ผม",
    re.IGNORECASE,
)


# The writer as the subject of their sentence, in the languages where the pronoun is no
# other word too (not the Finnish "ja", "and", nor the German one, "yes").
_WRITER_I = re.compile(
    r"(?<![\w'’])(?:I|[Ii]ch|[Jj]e|[Jj]'|[Yy]o|[Ii]k|[Jj]ag|[Jj]eg|[Яя])(?![\w'’])"
)


_WRITER_I_NOT_JE = re.compile(
    r"(?<![\w'’])(?:I|[Ii]ch|[Jj]'|[Yy]o|[Ii]k|[Jj]ag|[Jj]eg|[Яя])(?![\w'’])|"
    r"(?<![\w'’])[Jj]e (?:ne|n'|suis|vous|te|l'|les?|la|me|m'|n'ai|viens|veux|voudrais|"
    r"souhaite|dois|peux|sais|crois|pense|trouve|reçois|travaille|ai)\b"
)


def _folded_footer_line(lines: list[str], i: int) -> bool:
    """A footer's line that its program, or the writer's, folded where its width ran out
    (format=flowed's soft break, a wrap at 72 columns): line ``i`` goes on with the line
    under it, and the two read as one footer line ("Um sich von der Liste abzumelden,
    senden Sie eine E-Mail an" / "sympa@… mit dem Betreff: signoff users")."""
    if i + 1 >= len(lines) or not lines[i + 1].strip():
        return False
    if not (_continued(lines[i]) or _LINK_IN_BRACKETS_END.search(lines[i])):
        return False  # a sentence ended; a link in brackets may go on below it
    if _signed_above(lines, i + 1):
        return False  # a name signed over the footer's line, not the footer's first words
    # The footer's line begins a paragraph or a sentence, and is no one's own words: a
    # writer's paragraph quoting a footer ("… The footer says "You are receiving" / "this
    # email because …"") folds so too.
    above = lines[i - 1].rstrip() if i else ""
    if (
        above.strip()
        and not _RULE_LINE.match(above)
        and not above.endswith(FULL_STOP)
        and not _signed_above(lines, i)  # "Obrigada," / "Inês" / the footer's line
    ) or speaks_for_self(lines[i]):
        return False
    joined = f"{lines[i].strip()} {lines[i + 1].strip()}"
    return is_footer_line(joined, lines[i - 1] if i else "")


# A line that ends with a link in brackets, as a forum's footer folds its instruction
# ("[Besuche das Thema](https://…)" / "oder antworte auf diese E-Mail …").
_LINK_IN_BRACKETS_END = re.compile(r"\(https?://[^\s()]+\)\s*$")


def _glued_start(lines: list[str], i: int, start: int) -> int:
    """Where a footer found on line ``i`` begins when a program appended it right under
    the writer's last paragraph (which begins on line ``start``), without a blank line:
    at the footer's lines over line ``i`` ("<https://www.avast.com/…>" / "Virus-free."),
    when what is above them in the paragraph is the writer's — sentences or a closing
    that speak of nothing a footer speaks of (no message, list or subscription, no link
    or address, no legal line); else at ``start``, the paragraph being the footer's own
    ("Copyright © 2025 …" / "You are receiving this email because …").  A sentence of
    the footer's that no rule knows may stand between the writer's last sentence and its
    known lines ("…ご確認をお願いいたします。" / "Este email foi verificado quanto a vírus
    pelo software antivírus Avast." / "https://www.avast.com/antivirus"): the footer then
    begins after the last sentence of the writer's, where it speaks of what a footer
    does."""
    glued = i
    while glued > start:
        if _machine_line(lines[glued - 1].strip()):
            glued -= 1
        elif (
            glued - 2 >= start
            and _continued(lines[glued - 2])
            and _machine_line(f"{lines[glued - 2].strip()} {lines[glued - 1].strip()}")
        ):
            glued -= 2  # a footer's line folded at the text's width
        else:
            break
    if glued <= start:
        return start
    if _writers_lines(lines[start:glued]):
        return glued
    for j in range(glued - 1, start, -1):
        if (_ends_sentence(lines, j) or _name_over(lines, j)) and _writers_lines(lines[start:j]):
            return j
    return start


def _name_over(lines: list[str], i: int) -> bool:
    """Whether the line above line ``i`` is a name signed under a closing ("Thanks," /
    "Maya Lindqvist") and line ``i`` begins anew, with a capital."""
    return _signed_above(lines, i) and lines[i].lstrip()[:1].isupper()


_SIGNED_NAME_WORDS = 3


def _signed_above(lines: list[str], i: int) -> bool:
    """Whether the line above line ``i`` is a name signed under a closing and line ``i``
    does not go on with it in lower case — whatever script it begins in ("Inês" /
    "配信停止 <https://…>", "Inês" / "__________ Information from ESET …")."""
    if i < 1 or i >= len(lines):
        return False
    above = lines[i - 1].strip()
    words = above.split()
    return (
        0 < len(words) <= _SIGNED_NAME_WORDS
        and all(w[:1].isupper() for w in words)
        and not any(ch.isdigit() for ch in above)
        and not lines[i].lstrip()[:1].islower()
    )


def _writers_lines(lines: list[str]) -> bool:
    """Whether ``lines`` are the writer's sentences or closing: they speak of nothing a
    footer speaks of (no message, list or subscription, no link or address, no legal
    line) and one of them ends a sentence or a closing."""
    above = [line.strip() for line in lines]
    text = " ".join(above)
    return not (
        _LINK.search(text)
        or _MESSAGE.search(text)
        or _LIST_WORD.search(text)
        or _UNSUBSCRIBE.search(text)
        or _LEGAL_MARK.search(text)
        or not any(line.endswith((*FULL_STOP, ",", "，", "、")) for line in above)
    )


def _machine_line(line: str) -> bool:
    """A line of a footer's: one only software writes, a link or an address with a few
    words of label, a rule."""
    return bool(
        is_footer_line(line)
        or _closing_line(line)
        or _RULE_LINE.match(line)
        or _FOOTER_RULE.match(line)
    )


# A legal line a footer may begin with.
_LEGAL_MARK = re.compile(
    r"©|\(c\) ?\d{4}|copyright|all rights reserved|liability|legislation|"
    r"(?:regulated|authori[sz]ed) by|haftung",
    re.IGNORECASE,
)


# The words of those lines, tested for at once: most lines have none of them.
_MORE_WORDS = prefiltered(f"{_GROUP_REASON_WORDS}|{_VIEWS_WORDS}|{_LIABILITY_WORDS}", re.IGNORECASE)


# A company's disclaimer sentences that are no notice of confidentiality, and a gateway's
# line that the mail came from outside, as the sentence that opens a line (under a
# label, "Note: …", or not), in the languages companies write them in:
# - the mail may be monitored or recorded ("This message may be monitored or recorded
#   …", "E-Mails an und von … können überwacht und aufgezeichnet werden");
# - it makes no binding contract or offer ("This e-mail does not constitute a binding
#   contract or offer", "Diese E-Mail stellt kein verbindliches Angebot dar");
# - the views in it do not necessarily represent the company's ("The views expressed in
#   this email do not necessarily represent those of …");
# - it came from outside the organisation, without a warning word ("This message is from
#   an EXTERNAL SENDER.", "Diese E-Mail stammt von einem externen Absender.").
_COMPANY_LINE = prefiltered(
    # monitored or recorded
    r"^(?:any |all )?(?:this |these |the )?(?:e-?mails?|messages?|communications?|"
    r"correspondence)\b.{0,80}?\b(?:may|might|will|can|could) (?:also )?be (?:monitored|"
    r"recorded|intercepted|logged)|"
    r"^(?:diese |die )?(?:e-?mails?|nachrichten?|kommunikation)\b.{0,80}?\b(?:können|kann|"
    r"werden|wird)\b.{0,40}\b(?:überwacht|aufgezeichnet|protokolliert)|"
    r"^(?:ce |cet |les )?(?:messages?|e-?mails?|courriels?)\b.{0,80}?\bpeu(?:t|vent) (?:être )?"
    r"(?:surveillé|enregistré|contrôlé)|"
    r"^(?:este |esta |los |el )?(?:mensajes?|correos?|e-?mails?)\b.{0,80}?\bpued(?:e|en) ser "
    r"(?:monitorizad|supervisad|grabad|registrad|vigilad)|"
    r"^(?:questo |questa |le |i )?(?:messaggi\w*|e-?mail|comunicazion\w*)\b.{0,80}?"
    r"\b(?:possono|può) (?:essere )?(?:monitorat|registrat|controllat)|"
    r"^(?:dit |deze |de )?(?:bericht\w*|e-?mails?)\b.{0,80}?\b(?:kan|kunnen) (?:worden )?"
    r"(?:gecontroleerd|opgenomen|gemonitord|geregistreerd)|"
    r"^(?:esta |este |as |os )?(?:mensage\w*|e-?mails?)\b.{0,80}?\bpodem? ser "
    r"(?:monitorizad|monitorad|gravad|registad|registrad)|"
    r"^(?:ta |niniejsza )?(?:wiadomoś\w*|korespondencj\w*)\b.{0,80}?\bmoże być "
    r"(?:monitorowan|rejestrowan|nagrywan)|"
    # no binding contract or offer
    r"^(?:nothing in )?(?:this|the) (?:e-?mail|message|communication)\b.{0,60}?"
    r"\b(?:constitute|create|form)s?\b.{0,40}\b(?:binding|contract|offer)|"
    r"^(?:diese|die) (?:e-?mail|nachricht)\b.{0,60}\b(?:stellt|begründet|ist)\b.{0,10}"
    r"\bkein\w*\b.{0,40}(?:verbindlich|angebot|vertrag)|"
    r"^(?:ce|cet) (?:message|e-?mail|courriel)\b.{0,40}\bne (?:constitue|vaut|saurait)\b.{0,40}"
    r"(?:offre|engagement|contrat)|"
    r"^(?:este|el) (?:mensaje|correo)\b.{0,40}\bno (?:constituye|supone)\b.{0,40}"
    r"(?:oferta|contrato|compromiso|vinculante)|"
    r"^(?:questo|questa|il|la) (?:messaggio|e-?mail|comunicazione)\b.{0,40}\bnon costituisce\b"
    r".{0,40}(?:offerta|contratt|proposta|vincol)|"
    r"^(?:dit|deze) (?:bericht|e-?mail)\b.{0,40}\bvormt geen\b.{0,40}"
    r"(?:aanbod|bindend|overeenkomst|offerte)|"
    r"^(?:esta|este) (?:mensagem|e-?mail)\b.{0,40}\bnão constitui\b.{0,40}"
    r"(?:oferta|contrato|compromisso|vincula)|"
    r"^(?:ta|niniejsza) (?:wiadomość|korespondencja)\b.{0,40}\bnie stanowi\b.{0,40}"
    r"(?:ofert|umow|zobowiązan)|"
    # the views not necessarily the company's
    r"^(?:any |the )?(?:views?|opinions?)(?: (?:or|and) (?:views?|opinions?))?\b.{0,60}"
    r"\b(?:do|does|may) not necessarily (?:represent|reflect)|"
    r"^die\b.{0,60}\b(?:ansichten|meinungen)\b.{0,60}\bnicht (?:unbedingt|notwendigerweise)\b|"
    r"^les (?:opinions|avis)\b.{0,60}\bne (?:reflètent|représentent|engagent) pas nécessairement|"
    r"^las (?:opiniones|ideas)\b.{0,60}\bno (?:representan|reflejan) necesariamente|"
    r"^le (?:opinioni|idee)\b.{0,60}\bnon (?:rappresentano|riflettono) necessariamente|"
    r"^(?:de )?(?:meningen|standpunten)\b.{0,60}\bniet noodzakelijk|"
    r"^as opiniões\b.{0,60}\bnão (?:representam|refletem) necessariamente|"
    r"^(?:opinie|poglądy)\b.{0,60}\bnie (?:muszą|zawsze) (?:odzwierciedla|reprezentowa)|"
    # from outside the organisation
    r"^(?P<outside>(?:this|the) (?:e-?mail|message)\b(?: (?:is|was|has been))?(?: sent)? "
    r"(?:from|originated|came|comes|arrived)\b.{0,30}\b(?:external|outside)|"
    r"diese (?:e-?mail|nachricht)\b.{0,20}\b(?:stammt|kommt|wurde)\b.{0,40}"
    r"(?:extern|außerhalb|ausserhalb)|"
    r"(?:ce|cet) (?:message|e-?mail|courriel)\b.{0,20}\b(?:provient|vient|a été envoyé)\b.{0,40}"
    r"(?:extern|extérieur)|"
    r"(?:este|el) (?:mensaje|correo)\b.{0,30}\b(?:se originó|proviene|procede|viene|fue enviado|"
    r"ha sido enviado)\b.{0,40}(?:extern|fuera de)|"
    r"(?:questo|questa) (?:messaggio|e-?mail)\b.{0,20}\b(?:proviene|arriva|è stat[ao] inviat[ao])"
    r"\b.{0,40}(?:estern|al di fuori)|"
    r"(?:dit|deze) (?:bericht|e-?mail)\b.{0,20}\b(?:is afkomstig|komt|is verzonden|werd "
    r"verzonden)\b.{0,40}(?:extern|buiten)|"
    r"(?:esta|este) (?:mensagem|e-?mail)\b.{0,20}\b(?:teve origem|foi enviad[ao]|provém|vem|é "
    r"proveniente)\b.{0,40}(?:extern|fora d)|"
    r"(?:ta|niniejsza) wiadomość\b.{0,20}\b(?:pochodzi|została wysłana)\b.{0,40}"
    r"(?:zewnętrzn|spoza))",
    re.IGNORECASE,
)


def _company_line(text: str) -> bool:
    """Whether ``text`` opens with one of :data:`_COMPANY_LINE`'s sentences, as a server
    writes it: a capital first, no question, never the writer's own "I" ("This email
    does not constitute a binding offer, I assume?" is the writer's); a company's
    disclaimer may speak of "our policies", a gateway's line of mail from outside never
    says "we"."""
    if not text[:1].isupper():
        return False
    first = text.split(None, 1)[0].lower()
    if first not in _COMPANY_FIRST and not first.startswith(_COMPANY_STEMS):
        return False  # most lines: not the first word of one of the sentences
    if any(mark in text for mark in QUESTION_END):
        return False
    found = _COMPANY_LINE.match(text)
    if found is None or _in_first_person(text):
        return False
    return found.group("outside") is None or not speaks_for_self(text)


# The words :data:`_COMPANY_LINE`'s sentences open with, and the stems of those that go
# on in any letters ("messaggi…"), read from it; where they cannot be, every word passes.
_COMPANY_FIRST, _COMPANY_STEMS = opening_words(_COMPANY_LINE) or (frozenset(), ("",))
# A label a server's line may stand behind: "Note: you are receiving this because …";
# its colon among the line's first characters.
_NOTE_LABEL_CHARS = 20
_NOTE_LABEL = re.compile(
    r"^\W{0,3}(?:note|notice|please note|important|n\.?b\.?|hinweis|wichtig|remarque|avis|"
    r"nota|aviso|avviso|let op|opmerking|uwaga|observação|informação)\s?:\s*",
    re.IGNORECASE,
)


def split_references(lines: list[str]) -> tuple[list[str], list[str]]:
    """``lines`` without the list of numbered references a program turned an HTML mail's
    links into at its end, and that list: "Links:" / "------" / "[1] https://…" as
    webmails write it, "[1]: https://…" as html2text does, "References" / "1. https://…"
    as lynx does.  Split only when the text above cites one of its numbers ("… the note
    [1]", "[Unsubscribe][2]"): a list of links the writer sets out alone is no such list.
    The list is read apart so that a sign-off above it is looked for as under any text,
    and the references the reply still cites are set back under it
    (:func:`cited_references`)."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    titled = False
    while start > 0:
        line = lines[start - 1]
        if not line.strip() or _REFERENCE.match(line):
            start -= 1
            continue
        break
    while start < end and not lines[start].strip():
        start += 1
    found = [j for j in range(start, end) if _REFERENCE.match(lines[j])]
    over = start - 1
    while over > 0 and start - over <= _RULE_GAP and not lines[over].strip():
        over -= 1
    if over > 0 and _RULE_LINE.match(lines[over]) and _REFERENCES_TITLE.match(lines[over - 1]):
        start, titled = over - 1, True  # "Links:" / "------"
    elif over >= 0 and _REFERENCES_TITLE.match(lines[over]):
        start, titled = over, True  # "References", a blank line under it
    if not found or (start > 0 and lines[start - 1].strip()):
        return lines, []
    above = "\n".join(lines[:start])
    numbered = [_REFERENCE.match(lines[j]) for j in found]
    if any(m is not None and m.group("listed") and not titled for m in numbered):
        return lines, []  # "1. https://…" is a reference only under lynx's title
    if not any(
        m is not None and f"[{m.group('n') or m.group('listed')}]" in above for m in numbered
    ):
        return lines, []
    return lines[:start], lines[start:end]


def cut_footer_citing(
    lines: list[str], references: list[str], marks: tuple[str, ...] = ()
) -> list[str]:
    """:func:`cut_footer` of ``lines`` whose links a program set apart as numbered
    ``references`` (:func:`split_references`): the footer is looked for with each cited
    number read as its link ("Unsubscribe [2]" as "Unsubscribe <https://…>"), and cut
    from ``lines`` as written."""
    links: dict[str, str] = {}
    for line in references:
        found = _REFERENCE.match(line)
        if found is not None:
            number = found.group("n") or found.group("listed")
            links[number] = line.split()[-1]
    if not links:
        return cut_footer(lines, marks)

    def link(found: re.Match[str]) -> str:
        target = links.get(found.group(1))
        return f" <{target}>" if target else found.group(0)

    def labelled(found: re.Match[str]) -> str:
        target = links.get(found.group(2))
        return f"[{found.group(1)}]({target})" if target else found.group(0)

    resolved = [_CITATION.sub(link, _LABELLED_CITATION.sub(labelled, line)) for line in lines]
    return lines[: len(cut_footer(resolved, marks))]


_CITATION = re.compile(r"\s?\[(\d{1,3})\]")
# html2text's reference link: "[Visit Topic][1]", read as "[Visit Topic](https://…)".
_LABELLED_CITATION = re.compile(r"\[([^\[\]]{1,80})\]\[(\d{1,3})\]")


def cited_references(references: list[str], text: str) -> list[str]:
    """Of ``references`` (:func:`split_references`), the title and the references that
    ``text`` cites; none when it cites none."""
    cited: list[str] = []
    title: list[str] = []
    for line in references:
        found = _REFERENCE.match(line)
        if found is None:
            if line.strip() and not cited:
                title.append(line)
            continue
        if f"[{found.group('n') or found.group('listed')}]" in text:
            cited.append(line)
    return [*title, "", *cited] if cited and title else cited


# A reference as a program lists it under the text: "[1] https://…", "   [1]: mailto:…",
# "   1. https://…".
_REFERENCE = re.compile(
    r"^\s{0,4}(?:\[(?P<n>\d{1,3})\]:?|(?P<listed>\d{1,3})\.)\s+(?:https?://|mailto:|www\.)\S+\s*$",
    re.IGNORECASE,
)
_REFERENCES_TITLE = re.compile(r"^\s*(?:links|references|verweise|liens|enlaces)\s*:?\s*$", re.I)
