"""A sixth grid: the wrappers services put around a person's message, and the footers
marketing and notification software puts under it, built from their structure in many
languages rather than from one service's wording.

- services that carry a person's words (``wrappers.py``): a project tool's comment
  notification, a marketplace's member message, an e-signature request with the
  sender's message, a form plugin's labelled fields, a telephone system's voicemail
  transcription, a copier's scan-to-email note, a file share with a message, a chat or
  helpdesk tool's new-conversation notice — each with its heading, its label line
  ("Message:", "Nachricht:", "Mensaje:" …), its buttons and its footer ("You are
  receiving this because …", "Unsubscribe", "Powered by …", the company's address);
- footers under a person's own mail: a CRM's or a marketing tool's postal address with
  "This email was sent to …" and its unsubscribe and preferences links, a newsletter's
  "View this email in your browser" above the text, a helpdesk's "Powered by …" line;
- the person's own words that resemble such lines ("please unsubscribe me", "view in
  browser doesn't work", "you are receiving this because" inside a sentence, a
  question), which stay.

Every service here is invented (``*.example``), laid out as the real ones of its kind
document their mail; the messages are in fifteen languages, sent as quoted-printable,
base64 or HTML only.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid

URL = "https://app.{svc}.example/r/8f3KQ2xP?u=47110&t=c91e"

# -- each language's words -------------------------------------------------------------
#
# msg: the person's message; name: who wrote it; task: what they wrote about; and the
# service's lines in the language it is sent in.
LANGS: dict[str, dict[str, str]] = {
    "en": {
        "msg": (
            "Hi, the barcode scanner at the second till stopped reading the new labels "
            "this morning.\nCould someone look at it before Friday? We restock on Saturday."
        ),
        "name": "Megan Ortiz",
        "task": "Till 2 scanner",
        "commented": "{n} commented on a task",
        "sent": "{n} sent you a message",
        "label": "Message:",
        "reply": "Reply",
        "open": "Open task",
        "why": "You are receiving this because you are assigned to this task.",
        "unsub": "Unsubscribe",
        "settings": "Notification settings",
        "sign": "{n} sent you a document to review and sign.",
        "review": "Review document",
        "noshare": "Do not share this email",
        "auto": "This is an automated message, please do not reply.",
        "hint": "You can reply to this email directly to respond.",
        "unread": "This mailbox is not monitored.",
        "share": "{n} shared a file with you",
        "vm": "New voicemail from +1 555 0142",
        "caller": "Caller",
        "duration": "Duration",
        "transcript": "Transcription:",
        "scan": "Scanned document from MFP-2F-East",
        "pages": "Pages",
        "browser": "View this email in your browser",
        "sent_to": "This email was sent to support@helpdesk.example.",
        "prefs": "Update your preferences",
        "powered": "Powered by {s}",
        "conversation": "{n} started a new conversation",
        "form_name": "Name",
        "form_mail": "Email",
        "form_phone": "Phone",
        "form_sent": "This email was sent from the contact form on {s}.",
        "addr": "{S} Inc., 350 Example Avenue, Suite 4, San Diego, CA 92101, USA",
    },
    "de": {
        "msg": (
            "Hallo, der Barcodescanner an Kasse 2 liest seit heute früh die neuen Etiketten "
            "nicht mehr.\nKann sich das jemand vor Freitag ansehen? Samstag füllen wir auf."
        ),
        "name": "Petra Vogel",
        "task": "Scanner Kasse 2",
        "commented": "{n} hat eine Aufgabe kommentiert",
        "sent": "{n} hat Ihnen eine Nachricht gesendet",
        "label": "Nachricht:",
        "reply": "Antworten",
        "open": "Aufgabe öffnen",
        "why": "Sie erhalten diese E-Mail, weil Sie dieser Aufgabe zugewiesen sind.",
        "unsub": "Abmelden",
        "settings": "Benachrichtigungseinstellungen",
        "sign": "{n} hat Ihnen ein Dokument zum Prüfen und Unterschreiben gesendet.",
        "review": "Dokument prüfen",
        "noshare": "Diese E-Mail nicht weiterleiten",
        "auto": "Dies ist eine automatisch erzeugte Nachricht. Bitte antworten Sie nicht darauf.",
        "hint": "Sie können direkt auf diese E-Mail antworten.",
        "unread": "Diese Adresse wird nicht überwacht.",
        "share": "{n} hat eine Datei für Sie freigegeben",
        "vm": "Neue Sprachnachricht von +49 30 5550123",
        "caller": "Anrufer",
        "duration": "Dauer",
        "transcript": "Transkription:",
        "scan": "Gescanntes Dokument von MFP-2OG-Ost",
        "pages": "Seiten",
        "browser": "E-Mail im Browser ansehen",
        "sent_to": "Diese E-Mail wurde an support@helpdesk.example gesendet.",
        "prefs": "Einstellungen ändern",
        "powered": "Bereitgestellt von {s}",
        "conversation": "{n} hat eine neue Unterhaltung begonnen",
        "form_name": "Name",
        "form_mail": "E-Mail",
        "form_phone": "Telefon",
        "form_sent": "Diese E-Mail wurde über das Kontaktformular auf {s} gesendet.",
        "addr": "{S} GmbH · Beispielstraße 12 · 10115 Berlin · Deutschland",
    },
    "fr": {
        "msg": (
            "Bonjour, le lecteur de codes-barres de la caisse 2 ne lit plus les nouvelles "
            "étiquettes depuis ce matin.\nQuelqu'un peut-il passer avant vendredi ?"
        ),
        "name": "Claire Dubois",
        "task": "Lecteur caisse 2",
        "commented": "{n} a commenté une tâche",
        "sent": "{n} vous a envoyé un message",
        "label": "Message :",
        "reply": "Répondre",
        "open": "Ouvrir la tâche",
        "why": "Vous recevez cet e-mail car vous êtes assigné à cette tâche.",
        "unsub": "Se désabonner",
        "settings": "Paramètres de notification",
        "sign": "{n} vous a envoyé un document à vérifier et à signer.",
        "review": "Vérifier le document",
        "noshare": "Ne partagez pas cet e-mail",
        "auto": "Ce message a été envoyé automatiquement, merci de ne pas y répondre.",
        "hint": "Vous pouvez répondre directement à cet e-mail.",
        "unread": "Cette adresse n'est pas surveillée.",
        "share": "{n} a partagé un fichier avec vous",
        "vm": "Nouveau message vocal de +33 1 55 50 01 23",
        "caller": "Appelant",
        "duration": "Durée",
        "transcript": "Transcription :",
        "scan": "Document numérisé depuis MFP-2E-EST",
        "pages": "Pages",
        "browser": "Voir cet e-mail dans votre navigateur",
        "sent_to": "Cet e-mail a été envoyé à support@helpdesk.example.",
        "prefs": "Gérer vos préférences",
        "powered": "Propulsé par {s}",
        "conversation": "{n} a démarré une nouvelle conversation",
        "form_name": "Nom",
        "form_mail": "E-mail",
        "form_phone": "Téléphone",
        "form_sent": "Cet e-mail a été envoyé depuis le formulaire de contact de {s}.",
        "addr": "{S} SAS, 12 rue de l'Exemple, 75002 Paris, France",
    },
    "es": {
        "msg": (
            "Hola, el lector de códigos de barras de la caja 2 no lee las etiquetas nuevas "
            "desde esta mañana.\n¿Puede alguien revisarlo antes del viernes?"
        ),
        "name": "Lucía Romero",
        "task": "Lector caja 2",
        "commented": "{n} comentó en una tarea",
        "sent": "{n} te ha enviado un mensaje",
        "label": "Mensaje:",
        "reply": "Responder",
        "open": "Abrir tarea",
        "why": "Recibes este correo porque tienes asignada esta tarea.",
        "unsub": "Darse de baja",
        "settings": "Configuración de notificaciones",
        "sign": "{n} te ha enviado un documento para revisar y firmar.",
        "review": "Revisar documento",
        "noshare": "No compartas este correo",
        "auto": "Este mensaje se ha generado automáticamente. Por favor, no respondas.",
        "hint": "Puedes responder directamente a este correo.",
        "unread": "Esta dirección de correo no está monitorizada.",
        "share": "{n} ha compartido un archivo contigo",
        "vm": "Nuevo mensaje de voz de +34 915 550 123",
        "caller": "Llamante",
        "duration": "Duración",
        "transcript": "Transcripción:",
        "scan": "Documento escaneado desde MFP-P2-ESTE",
        "pages": "Páginas",
        "browser": "Ver este correo en el navegador",
        "sent_to": "Este correo fue enviado a support@helpdesk.example.",
        "prefs": "Actualizar preferencias",
        "powered": "Con la tecnología de {s}",
        "conversation": "{n} ha iniciado una nueva conversación",
        "form_name": "Nombre",
        "form_mail": "Correo electrónico",
        "form_phone": "Teléfono",
        "form_sent": "Este correo se envió desde el formulario de contacto de {s}.",
        "addr": "{S} S.L., Calle Ejemplo 12, 28001 Madrid, España",
    },
    "it": {
        "msg": (
            "Buongiorno, il lettore di codici a barre della cassa 2 non legge più le nuove "
            "etichette da stamattina.\nQualcuno può controllarlo prima di venerdì?"
        ),
        "name": "Giulia Conti",
        "task": "Lettore cassa 2",
        "commented": "{n} ha commentato un'attività",
        "sent": "{n} ti ha inviato un messaggio",
        "label": "Messaggio:",
        "reply": "Rispondi",
        "open": "Apri attività",
        "why": "Ricevi questa e-mail perché sei assegnato a questa attività.",
        "unsub": "Annulla iscrizione",
        "settings": "Impostazioni di notifica",
        "sign": "{n} ti ha inviato un documento da rivedere e firmare.",
        "review": "Rivedi documento",
        "noshare": "Non condividere questa e-mail",
        "auto": "Questo messaggio è stato generato automaticamente, non rispondere.",
        "hint": "Puoi rispondere direttamente a questa e-mail.",
        "unread": "Questa casella non è monitorata.",
        "share": "{n} ha condiviso un file con te",
        "vm": "Nuovo messaggio vocale da +39 02 5550 123",
        "caller": "Chiamante",
        "duration": "Durata",
        "transcript": "Trascrizione:",
        "scan": "Documento scansionato da MFP-P2-EST",
        "pages": "Pagine",
        "browser": "Visualizza questa e-mail nel browser",
        "sent_to": "Questa e-mail è stata inviata a support@helpdesk.example.",
        "prefs": "Gestisci preferenze",
        "powered": "Offerto da {s}",
        "conversation": "{n} ha avviato una nuova conversazione",
        "form_name": "Nome",
        "form_mail": "E-mail",
        "form_phone": "Telefono",
        "form_sent": "Questa e-mail è stata inviata dal modulo di contatto di {s}.",
        "addr": "{S} S.r.l., Via Esempio 12, 20121 Milano, Italia",
    },
    "pt": {
        "msg": (
            "Olá, o leitor de código de barras do caixa 2 não lê as etiquetas novas desde "
            "hoje de manhã.\nAlguém pode verificar antes de sexta-feira?"
        ),
        "name": "Jéssica Moura",
        "task": "Leitor caixa 2",
        "commented": "{n} comentou em uma tarefa",
        "sent": "{n} enviou uma mensagem para você",
        "label": "Mensagem:",
        "reply": "Responder",
        "open": "Abrir tarefa",
        "why": "Você está recebendo este e-mail porque foi atribuído a esta tarefa.",
        "unsub": "Cancelar inscrição",
        "settings": "Configurações de notificação",
        "sign": "{n} enviou um documento para você revisar e assinar.",
        "review": "Revisar documento",
        "noshare": "Não compartilhe este e-mail",
        "auto": "Esta mensagem foi gerada automaticamente. Não responda.",
        "hint": "Você pode responder diretamente a este e-mail.",
        "unread": "Este endereço de e-mail não é monitorado.",
        "share": "{n} compartilhou um arquivo com você",
        "vm": "Nova mensagem de voz de +55 11 5550 1234",
        "caller": "Chamador",
        "duration": "Duração",
        "transcript": "Transcrição:",
        "scan": "Documento digitalizado de MFP-2A-LESTE",
        "pages": "Páginas",
        "browser": "Ver este e-mail no navegador",
        "sent_to": "Este e-mail foi enviado para support@helpdesk.example.",
        "prefs": "Atualizar preferências",
        "powered": "Desenvolvido por {s}",
        "conversation": "{n} iniciou uma nova conversa",
        "form_name": "Nome",
        "form_mail": "E-mail",
        "form_phone": "Telefone",
        "form_sent": "Este e-mail foi enviado pelo formulário de contato de {s}.",
        "addr": "{S} Ltda., Rua Exemplo 120, São Paulo - SP, 01310-100, Brasil",
    },
    "nl": {
        "msg": (
            "Hoi, de barcodescanner bij kassa 2 leest sinds vanochtend de nieuwe etiketten "
            "niet meer.\nKan iemand er voor vrijdag naar kijken?"
        ),
        "name": "Sanne de Graaf",
        "task": "Scanner kassa 2",
        "commented": "{n} heeft gereageerd op een taak",
        "sent": "{n} heeft je een bericht gestuurd",
        "label": "Bericht:",
        "reply": "Beantwoorden",
        "open": "Taak openen",
        "why": "Je ontvangt deze e-mail omdat je aan deze taak bent toegewezen.",
        "unsub": "Afmelden",
        "settings": "Meldingsinstellingen",
        "sign": "{n} heeft je een document gestuurd om te controleren en te ondertekenen.",
        "review": "Document bekijken",
        "noshare": "Deel deze e-mail niet",
        "auto": "Dit bericht is automatisch verzonden. Reageer niet op deze e-mail.",
        "hint": "Je kunt rechtstreeks op deze e-mail reageren.",
        "unread": "Dit e-mailadres wordt niet gelezen.",
        "share": "{n} heeft een bestand met je gedeeld",
        "vm": "Nieuw voicemailbericht van +31 20 555 0123",
        "caller": "Beller",
        "duration": "Duur",
        "transcript": "Transcriptie:",
        "scan": "Gescand document van MFP-2E-OOST",
        "pages": "Pagina's",
        "browser": "Bekijk deze e-mail in je browser",
        "sent_to": "Deze e-mail is verzonden naar support@helpdesk.example.",
        "prefs": "Voorkeuren wijzigen",
        "powered": "Mogelijk gemaakt door {s}",
        "conversation": "{n} is een nieuw gesprek gestart",
        "form_name": "Naam",
        "form_mail": "E-mailadres",
        "form_phone": "Telefoon",
        "form_sent": "Deze e-mail is verzonden via het contactformulier op {s}.",
        "addr": "{S} B.V., Voorbeeldstraat 12, 1012 AB Amsterdam, Nederland",
    },
    "pl": {
        "msg": (
            "Dzień dobry, czytnik kodów kreskowych przy kasie 2 od rana nie czyta nowych "
            "etykiet.\nCzy ktoś może to sprawdzić przed piątkiem?"
        ),
        "name": "Agnieszka Nowak",
        "task": "Czytnik kasa 2",
        "commented": "{n} skomentowała zadanie",
        "sent": "{n} wysłała Ci wiadomość",
        "label": "Wiadomość:",
        "reply": "Odpowiedz",
        "open": "Otwórz zadanie",
        "why": "Otrzymujesz tę wiadomość, ponieważ jesteś przypisany do tego zadania.",
        "unsub": "Wypisz się",
        "settings": "Ustawienia powiadomień",
        "sign": "{n} wysłała Ci dokument do przejrzenia i podpisania.",
        "review": "Przejrzyj dokument",
        "noshare": "Nie udostępniaj tej wiadomości",
        "auto": "Ta wiadomość została wygenerowana automatycznie, prosimy na nią nie odpowiadać.",
        "hint": "Możesz odpowiedzieć bezpośrednio na tę wiadomość.",
        "unread": "Ta skrzynka nie jest monitorowana.",
        "share": "{n} udostępniła Ci plik",
        "vm": "Nowa wiadomość głosowa od +48 22 555 01 23",
        "caller": "Dzwoniący",
        "duration": "Czas trwania",
        "transcript": "Transkrypcja:",
        "scan": "Zeskanowany dokument z MFP-P2-WSCHOD",
        "pages": "Strony",
        "browser": "Zobacz tę wiadomość w przeglądarce",
        "sent_to": "Ta wiadomość została wysłana na adres support@helpdesk.example.",
        "prefs": "Zmień ustawienia",
        "powered": "Obsługiwane przez {s}",
        "conversation": "{n} rozpoczęła nową rozmowę",
        "form_name": "Imię i nazwisko",
        "form_mail": "E-mail",
        "form_phone": "Telefon",
        "form_sent": "Ta wiadomość została wysłana z formularza kontaktowego na stronie {s}.",
        "addr": "{S} Sp. z o.o., ul. Przykładowa 12, 00-001 Warszawa, Polska",
    },
    "cs": {
        "msg": (
            "Dobrý den, čtečka čárových kódů u pokladny 2 od rána nečte nové štítky.\n"
            "Může se na to někdo podívat do pátku?"
        ),
        "name": "Jana Dvořáková",
        "task": "Čtečka pokladna 2",
        "commented": "{n} okomentovala úkol",
        "sent": "{n} vám poslala zprávu",
        "label": "Zpráva:",
        "reply": "Odpovědět",
        "open": "Otevřít úkol",
        "why": "Tento e-mail jste obdrželi, protože jste přiřazeni k tomuto úkolu.",
        "unsub": "Odhlásit odběr",
        "settings": "Nastavení oznámení",
        "sign": "{n} vám poslala dokument ke kontrole a podpisu.",
        "review": "Zkontrolovat dokument",
        "noshare": "Tento e-mail nikomu nepřeposílejte",
        "auto": "Tato zpráva byla vygenerována automaticky, neodpovídejte na ni.",
        "hint": "Na tento e-mail můžete přímo odpovědět.",
        "unread": "Tato adresa není monitorována.",
        "share": "{n} s vámi sdílela soubor",
        "vm": "Nová hlasová zpráva od +420 555 012 345",
        "caller": "Volající",
        "duration": "Délka",
        "transcript": "Přepis:",
        "scan": "Naskenovaný dokument z MFP-2P-VYCHOD",
        "pages": "Stránky",
        "browser": "Zobrazit e-mail v prohlížeči",
        "sent_to": "Tento e-mail byl odeslán na adresu support@helpdesk.example.",
        "prefs": "Upravit předvolby",
        "powered": "Běží na {s}",
        "conversation": "{n} zahájila novou konverzaci",
        "form_name": "Jméno",
        "form_mail": "E-mail",
        "form_phone": "Telefon",
        "form_sent": "Tento e-mail byl odeslán z kontaktního formuláře na {s}.",
        "addr": "{S} s.r.o., Příkladová 12, 110 00 Praha 1, Česká republika",
    },
    "sv": {
        "msg": (
            "Hej, streckkodsläsaren vid kassa 2 läser inte de nya etiketterna sedan i morse.\n"
            "Kan någon titta på det före fredag?"
        ),
        "name": "Karin Lindqvist",
        "task": "Läsare kassa 2",
        "commented": "{n} kommenterade en uppgift",
        "sent": "{n} har skickat ett meddelande till dig",
        "label": "Meddelande:",
        "reply": "Svara",
        "open": "Öppna uppgiften",
        "why": "Du får det här meddelandet eftersom du är tilldelad uppgiften.",
        "unsub": "Avregistrera",
        "settings": "Aviseringsinställningar",
        "sign": "{n} har skickat ett dokument till dig att granska och signera.",
        "review": "Granska dokument",
        "noshare": "Dela inte det här mejlet",
        "auto": "Detta meddelande skickades automatiskt. Svara inte på det.",
        "hint": "Du kan svara direkt på det här mejlet.",
        "unread": "Den här adressen övervakas inte.",
        "share": "{n} har delat en fil med dig",
        "vm": "Nytt röstmeddelande från +46 8 555 012 34",
        "caller": "Uppringare",
        "duration": "Längd",
        "transcript": "Transkribering:",
        "scan": "Skannat dokument från MFP-PLAN2-OST",
        "pages": "Sidor",
        "browser": "Visa det här mejlet i webbläsaren",
        "sent_to": "Det här mejlet skickades till support@helpdesk.example.",
        "prefs": "Ändra inställningar",
        "powered": "Drivs av {s}",
        "conversation": "{n} har startat en ny konversation",
        "form_name": "Namn",
        "form_mail": "E-post",
        "form_phone": "Telefon",
        "form_sent": "Det här mejlet skickades från kontaktformuläret på {s}.",
        "addr": "{S} AB, Exempelgatan 12, 111 22 Stockholm, Sverige",
    },
    "ru": {
        "msg": (
            "Здравствуйте, сканер штрихкодов на второй кассе с утра не читает новые "
            "этикетки.\nМожет кто-нибудь посмотреть до пятницы?"
        ),
        "name": "Ольга Смирнова",
        "task": "Сканер касса 2",
        "commented": "{n} прокомментировала задачу",
        "sent": "{n} отправила вам сообщение",
        "label": "Сообщение:",
        "reply": "Ответить",
        "open": "Открыть задачу",
        "why": "Вы получили это письмо, так как назначены исполнителем этой задачи.",
        "unsub": "Отписаться",
        "settings": "Настройки уведомлений",
        "sign": "{n} отправила вам документ на проверку и подпись.",
        "review": "Просмотреть документ",
        "noshare": "Не пересылайте это письмо",
        "auto": "Это письмо отправлено автоматически, пожалуйста, не отвечайте на него.",
        "hint": "Вы можете ответить прямо на это письмо.",
        "unread": "Этот почтовый ящик не отслеживается.",
        "share": "{n} предоставила вам доступ к файлу",
        "vm": "Новое голосовое сообщение от +7 495 555-01-23",
        "caller": "Звонящий",
        "duration": "Длительность",
        "transcript": "Расшифровка:",
        "scan": "Отсканированный документ с MFP-2-VOSTOK",
        "pages": "Страниц",
        "browser": "Открыть письмо в браузере",
        "sent_to": "Это письмо было отправлено на адрес support@helpdesk.example.",
        "prefs": "Изменить настройки",
        "powered": "Работает на {s}",
        "conversation": "{n} начала новый разговор",
        "form_name": "Имя",
        "form_mail": "Эл. почта",
        "form_phone": "Телефон",
        "form_sent": "Это письмо отправлено с формы обратной связи на сайте {s}.",
        "addr": "ООО «{S}», ул. Примерная, д. 12, Москва, 101000, Россия",
    },
    "tr": {
        "msg": (
            "Merhaba, 2 numaralı kasadaki barkod okuyucu bu sabahtan beri yeni etiketleri "
            "okumuyor.\nCumadan önce biri bakabilir mi?"
        ),
        "name": "Elif Yılmaz",
        "task": "Kasa 2 okuyucu",
        "commented": "{n} bir göreve yorum yaptı",
        "sent": "{n} size bir mesaj gönderdi",
        "label": "Mesaj:",
        "reply": "Yanıtla",
        "open": "Görevi aç",
        "why": "Bu e-postayı bu göreve atandığınız için alıyorsunuz.",
        "unsub": "Abonelikten çık",
        "settings": "Bildirim ayarları",
        "sign": "{n} size incelemeniz ve imzalamanız için bir belge gönderdi.",
        "review": "Belgeyi incele",
        "noshare": "Bu e-postayı paylaşmayın",
        "auto": "Bu e-posta otomatik olarak gönderilmiştir, lütfen yanıtlamayınız.",
        "hint": "Bu e-postayı doğrudan yanıtlayabilirsiniz.",
        "unread": "Bu e-posta adresi izlenmemektedir.",
        "share": "{n} sizinle bir dosya paylaştı",
        "vm": "+90 212 555 01 23 numarasından yeni sesli mesaj",
        "caller": "Arayan",
        "duration": "Süre",
        "transcript": "Döküm:",
        "scan": "MFP-2K-DOGU cihazından taranan belge",
        "pages": "Sayfa",
        "browser": "Bu e-postayı tarayıcıda görüntüle",
        "sent_to": "Bu e-posta support@helpdesk.example adresine gönderilmiştir.",
        "prefs": "Tercihleri güncelle",
        "powered": "{s} tarafından desteklenmektedir",
        "conversation": "{n} yeni bir konuşma başlattı",
        "form_name": "Ad Soyad",
        "form_mail": "E-posta",
        "form_phone": "Telefon",
        "form_sent": "Bu e-posta {s} sitesindeki iletişim formundan gönderilmiştir.",
        "addr": "{S} A.Ş., Örnek Cad. No: 12, 34000 İstanbul, Türkiye",
    },
    "ja": {
        "msg": (
            "お世話になっております。2番レジのバーコードリーダーが今朝から新しいラベルを"
            "読み取りません。\n金曜日までに確認していただけますか。"
        ),
        "name": "佐藤 花子",
        "task": "2番レジのリーダー",
        "commented": "{n}さんがタスクにコメントしました",
        "sent": "{n}さんからメッセージが届きました",
        "label": "メッセージ：",
        "reply": "返信する",
        "open": "タスクを開く",
        "why": "このタスクの担当者に設定されているため、このメールが送信されています。",
        "unsub": "配信停止",
        "settings": "通知設定",
        "sign": "{n}さんから確認と署名の依頼が届いています。",
        "review": "文書を確認する",
        "noshare": "このメールを他の人と共有しないでください",
        "auto": "このメールは送信専用アドレスから自動送信されています。返信しないでください。",
        "hint": "このメールに直接返信することもできます。",
        "unread": "※本メールは送信専用アドレスから配信しています。",
        "share": "{n}さんがファイルを共有しました",
        "vm": "03-5550-0123 からの新しいボイスメール",
        "caller": "発信者",
        "duration": "通話時間",
        "transcript": "文字起こし：",
        "scan": "MFP-2F-EAST からのスキャン文書",
        "pages": "ページ数",
        "browser": "ブラウザで表示する",
        "sent_to": "このメールは support@helpdesk.example 宛に送信されました。",
        "prefs": "配信設定の変更",
        "powered": "Powered by {s}",
        "conversation": "{n}さんが新しい会話を開始しました",
        "form_name": "お名前",
        "form_mail": "メールアドレス",
        "form_phone": "電話番号",
        "form_sent": "このメールは {s} のお問い合わせフォームから送信されました。",
        "addr": "株式会社{S} 〒100-0001 東京都千代田区例町1-2-3",
    },
    "zh": {
        "msg": (
            "您好，二号收银台的条码扫描枪从今天早上开始无法读取新标签。\n"
            "能否在周五之前派人检查一下？"
        ),
        "name": "王芳",
        "task": "二号收银台扫描枪",
        "commented": "{n} 评论了任务",
        "sent": "{n} 给您发送了一条消息",
        "label": "留言：",
        "reply": "回复",
        "open": "打开任务",
        "why": "您收到此邮件是因为您被分配到此任务。",
        "unsub": "退订",
        "settings": "通知设置",
        "sign": "{n} 向您发送了一份需要审阅并签署的文件。",
        "review": "审阅文件",
        "noshare": "请勿转发此邮件",
        "auto": "此邮件由系统自动发送，请勿直接回复。",
        "hint": "您可以直接回复此邮件。",
        "unread": "此邮箱为发信专用，请勿直接回复。",
        "share": "{n} 与您共享了一个文件",
        "vm": "来自 +86 10 5550 1234 的新语音留言",
        "caller": "来电号码",
        "duration": "时长",
        "transcript": "转写内容：",
        "scan": "来自 MFP-2F-EAST 的扫描文件",
        "pages": "页数",
        "browser": "在浏览器中查看此邮件",
        "sent_to": "此邮件发送至 support@helpdesk.example。",
        "prefs": "更新偏好设置",
        "powered": "由 {s} 提供技术支持",
        "conversation": "{n} 发起了新的对话",
        "form_name": "姓名",
        "form_mail": "邮箱",
        "form_phone": "电话",
        "form_sent": "此邮件通过 {s} 网站的联系表单发送。",
        "addr": "{S}科技有限公司 上海市浦东新区示例路12号 200120",
    },
    "ar": {
        "msg": (
            "مرحباً، قارئ الباركود في الصندوق رقم 2 لا يقرأ الملصقات الجديدة منذ صباح اليوم.\n"
            "هل يمكن لأحدكم فحصه قبل يوم الجمعة؟"
        ),
        "name": "ليلى حداد",
        "task": "قارئ الصندوق 2",
        "commented": "علّقت {n} على مهمة",
        "sent": "أرسلت {n} رسالة إليك",
        "label": "الرسالة:",
        "reply": "رد",
        "open": "فتح المهمة",
        "why": "تلقيت هذه الرسالة لأنك مكلّف بهذه المهمة.",
        "unsub": "إلغاء الاشتراك",
        "settings": "إعدادات الإشعارات",
        "sign": "أرسلت {n} إليك مستنداً لمراجعته وتوقيعه.",
        "review": "مراجعة المستند",
        "noshare": "لا تشارك هذه الرسالة",
        "auto": "هذه رسالة آلية، يرجى عدم الرد عليها.",
        "hint": "يمكنك الرد مباشرة على هذه الرسالة.",
        "unread": "هذا البريد غير مراقب.",
        "share": "شاركت {n} ملفاً معك",
        "vm": "رسالة صوتية جديدة من ‎+971 4 555 0123",
        "caller": "المتصل",
        "duration": "المدة",
        "transcript": "النص:",
        "scan": "مستند ممسوح ضوئياً من MFP-2-EAST",
        "pages": "الصفحات",
        "browser": "عرض هذه الرسالة في المتصفح",
        "sent_to": "تم إرسال هذه الرسالة إلى support@helpdesk.example.",
        "prefs": "تحديث التفضيلات",
        "powered": "مدعوم من {s}",
        "conversation": "بدأت {n} محادثة جديدة",
        "form_name": "الاسم",
        "form_mail": "البريد الإلكتروني",
        "form_phone": "الهاتف",
        "form_sent": "تم إرسال هذه الرسالة من نموذج الاتصال على موقع {s}.",
        "addr": "شركة {S} ذ.م.م، شارع المثال 12، دبي، الإمارات العربية المتحدة",
    },
}


def _words(lang: str, svc: str, msg: str = "") -> dict[str, str]:
    w = {**LANGS[lang], "msg": msg or LANGS[lang]["msg"]}
    return {
        k: v.replace("{n}", w["name"])
        .replace("{s}", f"{svc}.example")
        .replace("{S}", svc.capitalize())
        for k, v in w.items()
    }


def _url(svc: str, path: str = "r") -> str:
    return URL.format(svc=svc).replace("/r/", f"/{path}/")


# -- the services' wrappers around a person's message -----------------------------------


def project_comment(lang: str, msg: str = "") -> str:
    """A project tool's comment notification: heading, task, the comment, buttons, why,
    links, address."""
    w = _words(lang, "tasknest", msg)
    return (
        f"{w['commented']}\n\n{w['task']}\n\n{w['msg']}\n\n"
        f"{w['reply']}: {_url('tasknest', 'reply')}\n{w['open']}: {_url('tasknest', 't')}\n\n"
        f"{w['why']}\n{w['unsub']}: {_url('tasknest', 'unsub')}\n"
        f"{w['settings']}: {_url('tasknest', 'settings')}\n\n{w['addr']}\n"
    )


def marketplace(lang: str, msg: str = "") -> str:
    """A marketplace's member message: heading, "Message:" label over the text, reply
    button, the item, automated-mail line, address."""
    w = _words(lang, "stallmart", msg)
    return (
        f"{w['sent']}\n\n{w['label']}\n{w['msg']}\n\n"
        f"{w['reply']}: {_url('stallmart', 'm')}\n\n"
        f"{w['auto']}\n\n{w['addr']}\n"
    )


def esign(lang: str, msg: str = "") -> str:
    """An e-signature request: heading, review link, the sender's name and address, the
    sender's message, then the "do not share" section."""
    w = _words(lang, "inkwell", msg)
    return (
        f"{w['sign']}\n\n{w['review']}: {_url('inkwell', 'sign')}\n\n"
        f"{w['name']}\nclient@shop.example\n\n{w['msg']}\n\n"
        f"{w['noshare']}\n{w['auto']}\n\n{w['addr']}\n"
    )


def form(lang: str, msg: str = "") -> str:
    """A form plugin's notification: labelled fields, the message under its label, the
    plugin's line under a signature rule."""
    w = _words(lang, "formly", msg)
    return (
        f"{w['form_name']}: {w['name']}\n{w['form_mail']}: client@shop.example\n"
        f"{w['form_phone']}: +44 20 7946 0018\n{w['label']}\n{w['msg']}\n\n"
        f"-- \n{w['form_sent']}\n"
    )


def voicemail(lang: str, msg: str = "") -> str:
    """A telephone system's voicemail: the call's fields, the transcription under its
    label, the automated line."""
    w = _words(lang, "callbox", msg)
    return (
        f"{w['vm']}\n\n{w['caller']}: +44 20 7946 0018\n{w['duration']}: 0:42\n\n"
        f"{w['transcript']}\n{w['msg']}\n\n{w['auto']}\n"
    )


def scan(lang: str, msg: str = "") -> str:
    """A copier's scan-to-email: the device's fields, the user's note under its label,
    the automated line."""
    w = _words(lang, "scanhub", msg)
    return (
        f"{w['scan']}\n\n{w['pages']}: 3\nPDF: scan_0042.pdf\n\n"
        f"{w['label']}\n{w['msg']}\n\n{w['auto']}\n"
    )


def file_share(lang: str, msg: str = "") -> str:
    """A file share with a message: heading, the message in quotes, open link, address
    and why."""
    w = _words(lang, "nimbus", msg)
    return (
        f"{w['share']}\n\n“{w['msg']}”\n\n{w['review']}: {_url('nimbus', 'f')}\n\n"
        f"{w['addr']}\n{w['why']}\n"
    )


def chat(lang: str, msg: str = "") -> str:
    """A chat or helpdesk tool's new conversation: heading, the visitor's line, the
    message, the reply link, why, powered-by."""
    w = _words(lang, "chatwell", msg)
    return (
        f"{w['conversation']}\nclient@shop.example\n\n{w['msg']}\n\n"
        f"{w['reply']}: {_url('chatwell', 'c')}\n\n{w['why']}\n"
        f"{w['settings']}: {_url('chatwell', 'settings')}\n{w['powered']}\n"
    )


def buttons_lost(lang: str, msg: str = "") -> str:
    """A project tool's comment notification read from its HTML: the buttons' labels
    without their links, the footer's links a bar."""
    w = _words(lang, "tasknest", msg)
    return (
        f"{w['commented']}\n\n{w['task']}\n\n{w['msg']}\n\n{w['reply']}   {w['open']}\n\n"
        f"{w['why']}\n{w['unsub']} · {w['settings']}\n\n{w['addr']}\n"
    )


def inline_label(lang: str, msg: str = "") -> str:
    """A marketplace's member message with the label on the text's first line, and the
    service's hint that a reply by mail reaches the member."""
    w = _words(lang, "stallmart", msg)
    return (
        f"{w['sent']}\n\n{w['label']} {w['msg']}\n\n{w['reply']}: {_url('stallmart', 'm')}\n\n"
        f"{w['hint']}\n{w['auto']}\n"
    )


def chat_hint(lang: str, msg: str = "") -> str:
    """A chat tool's new conversation without links: the heading, the message, the hint
    to reply by mail, why, powered-by."""
    w = _words(lang, "chatwell", msg)
    return f"{w['conversation']}\n\n{w['msg']}\n\n{w['hint']}\n\n{w['why']}\n{w['powered']}\n"


def shop_inquiry(lang: str, msg: str = "") -> str:
    """A shop platform's inquiry sent on to the merchant from an ordinary-looking
    mailbox, without a Reply-To: the order's fields, the customer's text under its
    label, and the note that the mailbox is not read."""
    w = _words(lang, "stallmart", msg)
    return (
        f"{w['sent']}\n\n{w['task']}\nINQ-20250612-0048\n\n{w['label']}\n{w['msg']}\n\n"
        f"{w['unread']}\n\n{w['addr']}\n"
    )


WRAPPERS: dict[str, tuple[Callable[[str, str], str], str]] = {
    "project comment": (project_comment, "TaskNest <notifications@tasknest.example>"),
    "marketplace": (marketplace, "StallMart <no-reply@stallmart.example>"),
    "e-signature": (esign, "Inkwell Sign <dse@inkwell.example>"),
    "form": (form, "Formly <wordpress@formly.example>"),
    "voicemail": (voicemail, "Callbox <voicemail@callbox.example>"),
    "scan": (scan, "MFP <scanner@scanhub.example>"),
    "file share": (file_share, "Nimbus <no-reply@nimbus.example>"),
    "chat": (chat, "Chatwell <notifications@chatwell.example>"),
    "buttons lost": (buttons_lost, "TaskNest <notifications@tasknest.example>"),
    "inline label": (inline_label, "StallMart <no-reply@stallmart.example>"),
    "chat hint": (chat_hint, "Chatwell <notifications@chatwell.example>"),
}


# -- whole mails -------------------------------------------------------------------------


ENCODINGS = ("quoted-printable", "base64", "html only")


def sent(text: str, sender: str, encoding: str, reply_to: str = "client@shop.example") -> bytes:
    kind = "html" if encoding == "html only" else "plain"
    transfer = "quoted-printable" if encoding == "html only" else encoding
    head = (
        f"From: {sender}\r\nTo: support@helpdesk.example\r\n"
        + (f"Reply-To: {reply_to}\r\n" if reply_to else "")
        + "Subject: Notification\r\nDate: Wed, 04 Jun 2025 10:00:00 +0200\r\n"
        "Message-ID: <grid6@mail.example>\r\n"
    )
    body = grid.webmail_html(text) if kind == "html" else text
    return grid.text_mail(body, head, kind, "UTF-8", transfer)


def _norm(text: str) -> str:
    return " ".join(text.replace("“", "").replace("”", "").split())


def _encoding(lang: str, kind: str) -> str:
    """Each case's encoding, spread over the grid."""
    return ENCODINGS[(sorted(LANGS).index(lang) + sorted(WRAPPERS).index(kind)) % 3]


WRAPPED = [(kind, lang) for kind in WRAPPERS for lang in LANGS]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_a_shop_inquiry_from_a_mailbox_no_one_reads(lang: str) -> None:
    raw = sent(shop_inquiry(lang), "Stallmart <shop-info@stallmart.example>", "base64", "")
    assert _norm(parse_message(raw).reply_text) == _norm(LANGS[lang]["msg"])


# A person's own mail that speaks of a mailbox no one reads, with fields and a link of
# their own: theirs whole.
UNREAD_OWN = {
    "en": (
        "Hi,\n\nyour reminders come from an address that is not monitored, so I am "
        "writing here.\n\nOrder: 55120\nAmount: 43.00 EUR\nLink: https://shop.example/o/55120"
        "\n\nThe amount was charged twice.\n\nThis mailbox is not monitored, I was told?"
    ),
    "de": (
        "Hallo,\n\nich habe auf Ihre Erinnerung geantwortet und bekam zurück, diese Adresse "
        "wird nicht überwacht.\n\nBestellung: 55120\nBetrag: 43,00 EUR\n\n"
        "Der Betrag wurde doppelt abgebucht. Ich schreibe deshalb hier."
    ),
}


@pytest.mark.parametrize("lang", sorted(UNREAD_OWN))
def test_a_persons_mail_about_an_unread_mailbox_is_theirs(lang: str) -> None:
    text = UNREAD_OWN[lang]
    raw = sent(text, "Ana Reyes <ana@client.example>", "quoted-printable", "")
    assert _norm(parse_message(raw).reply_text) == _norm(text)


@pytest.mark.parametrize(("kind", "lang"), WRAPPED)
def test_the_persons_words_in_a_services_wrapper(kind: str, lang: str) -> None:
    build, sender = WRAPPERS[kind]
    raw = sent(build(lang), sender, _encoding(lang, kind))
    assert _norm(parse_message(raw).reply_text) == _norm(LANGS[lang]["msg"])


# -- footers under a person's own mail ---------------------------------------------------


def crm_footer(lang: str) -> str:
    """A CRM's or marketing tool's footer under a person's one-to-one mail: a rule, the
    postal address, "This email was sent to …", the unsubscribe and preferences bar."""
    w = _words(lang, "northfield")
    return (
        f"---\n\n{w['addr']}\n{w['sent_to']}\n"
        f"{w['unsub']}: {_url('northfield', 'u')}\n{w['prefs']}: {_url('northfield', 'p')}"
    )


def bar_footer(lang: str) -> str:
    """The same without the rule, its links a bar whose links the HTML took away."""
    w = _words(lang, "northfield")
    return f"{w['addr']}\n{w['sent_to']}\n{w['unsub']} | {w['prefs']}"


def powered_footer(lang: str) -> str:
    """A helpdesk's or a marketing tool's "Powered by …" line alone under the text."""
    return _words(lang, "deskly")["powered"]


FOOTERS = {"crm": crm_footer, "bar": bar_footer, "powered": powered_footer}
FOOTED = [(kind, lang) for kind in FOOTERS for lang in LANGS]


@pytest.mark.parametrize(("kind", "lang"), FOOTED)
def test_a_footer_under_a_persons_mail_goes(kind: str, lang: str) -> None:
    text = LANGS[lang]["msg"]
    footer = FOOTERS[kind](lang)
    assert reply_text(f"{text}\n\n{footer}\n") == reply_text(f"{text}\n")


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_a_view_in_browser_line_above_a_persons_mail_goes(lang: str) -> None:
    w = _words(lang, "northfield")
    text = w["msg"]
    head = f"{w['browser']}: {_url('northfield', 'v')}"
    assert reply_text(f"{head}\n\n{text}\n\n{bar_footer(lang)}\n") == reply_text(f"{text}\n")


# -- the person's own words --------------------------------------------------------------

OWN_WORDS = {
    "unsubscribe me en": (
        "Hello,\n\nplease unsubscribe me from the weekly newsletter, the link at the "
        "bottom of your mails leads to an error page."
    ),
    "unsubscribe me de": (
        "Hallo,\n\nbitte melden Sie mich vom Newsletter ab. Der Link Abmelden unten in "
        "Ihren Mails funktioniert nicht."
    ),
    "unsubscribe me fr": (
        "Bonjour,\n\npouvez-vous me désabonner ? Le lien « Se désabonner » ne marche pas."
    ),
    "unsubscribe me es": (
        "Hola,\n\nquiero darme de baja del boletín, pero el enlace no funciona. ¿Podéis hacerlo?"
    ),
    "view in browser en": (
        "Hi,\n\nView in browser doesn't work on my iPad, the page stays blank. "
        "Is there another way to read the newsletter?"
    ),
    "view in browser de": (
        "Hallo,\n\nwenn ich auf „Im Browser ansehen“ klicke, kommt nur eine leere Seite."
    ),
    "receiving because en": (
        "Hi,\n\nyour task emails say you are receiving this because you are assigned to "
        "this task, but I am not on that task at all. Can you remove me?"
    ),
    "receiving because fr": (
        "Bonjour,\n\nvos e-mails disent « vous recevez cet e-mail car vous êtes assigné », "
        "mais je ne suis pas assignée. Pouvez-vous corriger ?"
    ),
    "powered by en": (
        "Hello,\n\nour shop is powered by your platform since March and the checkout "
        "page times out since the update. Could you check?"
    ),
    "message label en": (
        "Hi,\n\nthe contact form on our site sends empty mails: the field Message: is "
        "always blank when it arrives. Can you look at it?"
    ),
    "message label es": (
        "Hola,\n\nen el formulario de contacto el campo Mensaje: llega vacío desde ayer."
    ),
    "do not reply en": (
        "Hi,\n\nyour invoices come from an address that says do not reply, so I am writing "
        "here: invoice 4471 is charged twice."
    ),
    "sent to en": (
        "Hello,\n\nthis email was sent to the wrong team yesterday, sorry. Can you "
        "forward it to billing?"
    ),
    "settings nl": (
        "Hoi,\n\nik kan mijn meldingsinstellingen niet meer wijzigen, de pagina geeft een "
        "fout. Kunnen jullie kijken?"
    ),
    "unsubscribe pl": (
        "Dzień dobry,\n\nproszę o wypisanie mnie z newslettera, link „Wypisz się” nie działa."
    ),
    "address question it": (
        "Buongiorno,\n\nabbiamo cambiato sede: il nuovo indirizzo è Via Esempio 12, 20121 "
        "Milano. Potete aggiornarlo sulle fatture?"
    ),
    "automatic de": (
        "Hallo,\n\nIhre Rechnungen kommen automatisch, aber diese Nachricht wurde nie "
        "beantwortet. Bitte melden Sie sich."
    ),
    "notification ja": (
        "お世話になっております。配信停止のリンクを押してもメールが届きます。確認をお願いします。"
    ),
    "notification zh": "您好，我点击了退订链接，但仍然收到邮件，请帮忙处理。",
    "ru unsubscribe": (
        "Здравствуйте,\n\nя нажала «Отписаться», но письма всё равно приходят. Почему?"
    ),
    "tr unsubscribe": (
        "Merhaba,\n\nabonelikten çık bağlantısına tıkladım ama e-postalar gelmeye devam ediyor."
    ),
    "sv unsubscribe": (
        "Hej,\n\njag har klickat på Avregistrera två gånger men mejlen kommer fortfarande."
    ),
}


@pytest.mark.parametrize("own", sorted(OWN_WORDS))
def test_the_persons_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


@pytest.mark.parametrize("own", sorted(OWN_WORDS))
def test_the_persons_own_words_stay_above_a_footer(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(f"{text}\n\n{bar_footer('en')}\n") == reply_text(text)


# A person's message inside a service's wrapper that quotes the service's own lines.
OWN_IN_WRAPPER = {
    "en": (
        'Hi, the emails your chat sends me say "You are receiving this because you are '
        'subscribed", but I never subscribed.\nCan you remove my address?'
    ),
    "de": (
        "Hallo, unter Ihren Mails steht „Abmelden“, aber der Link führt ins Leere.\n"
        "Können Sie mich bitte austragen?"
    ),
    "fr": (
        "Bonjour, le bouton « Voir cet e-mail dans votre navigateur » ne marche pas chez "
        "moi.\nPouvez-vous vérifier ?"
    ),
    "es": (
        'Hola, en vuestros correos pone "Por favor, no respondas", pero no tengo otra forma '
        "de escribiros.\n¿Me podéis llamar?"
    ),
}


@pytest.mark.parametrize(("kind", "lang"), [(k, x) for k in WRAPPERS for x in OWN_IN_WRAPPER])
def test_the_persons_words_quoting_a_footer_stay_in_a_wrapper(kind: str, lang: str) -> None:
    build, sender = WRAPPERS[kind]
    raw = sent(build(lang, OWN_IN_WRAPPER[lang]), sender, "quoted-printable")
    assert _norm(parse_message(raw).reply_text) == _norm(OWN_IN_WRAPPER[lang])


# -- services' notifications as the real ones of their kind lay them out ------------------
#
# (sender, Reply-To, body with {msg} where the person's words go): a file transfer, a
# board's card comment, a helpdesk's "reply above this line" notice with the entry's
# author and date, a copier's scan, a marketplace, an e-signature request with its long
# footer, a document share, a chat's direct message from a mailbox that looks like a
# person's, a meeting tool's missed message, a support chat, a form builder's stacked
# labels under its heading.
REAL = {
    "file transfer": (
        "Transferly <noreply@transferly.example>",
        "megan@shop.example",
        "Megan Ortiz sent you files\n\n3 files, 24.1 MB in total · Expires in 7 days\n\n{msg}"
        "\n\nDownload your files\nhttps://transferly.example/d/abc\n\nscan1.pdf\nscan2.pdf\n"
        "labels.csv\n\nTo make sure our emails arrive, please add noreply@transferly.example "
        "to your contacts.\n\nAbout Transferly   Help   Legal   Report this transfer as spam",
    ),
    "card comment": (
        "Boardly <do-not-reply@boardly.example>",
        "",
        "Megan Ortiz commented on the card Till 2 scanner on Store ops\n\n{msg}\n\n"
        "Reply via email to comment on this card.\nView the card: https://boardly.example/c/abc"
        "\n\nYou are receiving this email because you are subscribed to this card.\n"
        "Change notification settings: https://boardly.example/settings",
    ),
    "card comment de": (
        "Boardly <do-not-reply@boardly.example>",
        "",
        "Petra Vogel hat die Karte Scanner Kasse 2 auf Filialbetrieb kommentiert\n\n{msg}\n\n"
        "Karte ansehen: https://boardly.example/c/abc\n\n"
        "Sie erhalten diese E-Mail, weil Sie diese Karte abonniert haben.\n"
        "Benachrichtigungseinstellungen ändern: https://boardly.example/settings",
    ),
    "helpdesk entry": (
        "Vendor Support <help@vendor.example>",
        "",
        "## Please reply above this line ##\n\nMegan Ortiz\nJun 4, 2025 10:02 AM\n\n{msg}\n\n"
        "View conversation: https://desk.vendor.example/c/1\n\n"
        "This message was sent to support@helpdesk.example\nPowered by Deskly",
    ),
    "copier scan": (
        "MFP <scanner@office.example>",
        "",
        "Please open the attached document. It was scanned and sent to you using a "
        "multifunction printer.\n\nMessage:\n{msg}\n\nAttachment File Type: PDF\n"
        "Device Name: MFP-2F-East\nDevice Location: Floor 2\n\nFor more information on our "
        "products and solutions, please visit https://www.copiers.example",
    ),
    "marketplace relay": (
        "Stallmart <transaction@stallmart.example>",
        "megan+relay123456789@mail.stallmart.example",
        "Megan Ortiz sent you a message\n\nRe: Linen dress, M\n\n{msg}\n\nReply to Megan\n"
        "https://stallmart.example/m/1\n\nThis message was sent to you by Stallmart on behalf "
        "of Megan. Please do not reply to this email.\n\nStallmart, Inc., 117 Example Street, "
        "Brooklyn, NY 11201",
    ),
    "e-signature long footer": (
        "Megan Ortiz via Inkwell <dse_na2@inkwell.example>",
        "megan@shop.example",
        "Megan Ortiz sent you a document to review and sign.\n\nREVIEW DOCUMENT\n\n"
        "Megan Ortiz\nmegan@shop.example\n\n{msg}\n\nPowered by Inkwell\n\n"
        "Do Not Share This Email\nThis email contains a secure link to Inkwell. Please do not "
        "share this email, link, or access code with others.\n\nAlternate Signing Method\n"
        "Visit inkwell.example, click 'Access Documents', and enter the security code:\n"
        "ABC123\n\nAbout Inkwell\nSign documents electronically in just minutes.",
    ),
    "document share": (
        '"Megan Ortiz (via Papers)" <drive-shares-noreply@papers.example>',
        "megan@shop.example",
        "Megan Ortiz shared a document\n\nMegan Ortiz (megan@shop.example) has invited you "
        "to edit the following document:\n\nTill 2 scanner\n\n{msg}\n\nOpen\n\nIf you don't "
        "want to receive files from this person, block the sender from Papers\n\n"
        "Papers LLC, 1600 Example Parkway, Mountain View, CA 94043, USA\nYou have received "
        "this email because megan@shop.example shared a document with you from Papers.",
    ),
    "chat direct message": (
        "Chatwell <feedback@chatwell.example>",
        "",
        "You have a new direct message from Megan Ortiz\n\nMegan Ortiz  10:02 AM\n{msg}\n\n"
        "Reply in Chatwell\n\n@2025 Chatwell Technologies, LLC. 500 Example Street, San "
        "Francisco, CA 94105\nYou're receiving this email because you have a Chatwell "
        "account. Notification settings",
    ),
    "meeting tool message": (
        "Meetly <noreply@email.meetly.example>",
        "",
        "Megan Ortiz sent a message\n\n{msg}\n\nReply in Meetly\n\nInstall Meetly now\n"
        "iOS   Android\n\nThis email was sent from an unmonitored mailbox. Update your email "
        "preferences in Meetly.\nMeetly Corporation, One Example Way, Redmond, WA 98052",
    ),
    "support chat fr": (
        "Megan Ortiz <notifications@chatwell.example>",
        "reply+abc12345678@reply.chatwell.example",
        "Megan Ortiz a démarré une nouvelle conversation\n\n{msg}\n\nRépondez à cet e-mail "
        "pour répondre ou ouvrez la conversation dans votre boîte de réception.\n\n"
        "Vous recevez cet e-mail car les nouvelles conversations vous sont attribuées.\n"
        "Chatwell, 55 Example Street, Dublin 2",
    ),
    "form builder": (
        "Formly <noreply@formly.example>",
        "megan@shop.example",
        "New submission: Contact form\n\nFull Name\nMegan Ortiz\nE-mail\nmegan@shop.example\n"
        "Phone Number\n+44 20 7946 0018\nYour Message\n{msg}\n\nYou can edit this submission "
        "and view all your submissions easily.\nReply-to this email to respond to Megan Ortiz.",
    ),
}
REAL_CASES = [(k, e) for k in REAL for e in ("base64", "html only")]


@pytest.mark.parametrize(("kind", "encoding"), REAL_CASES)
def test_the_persons_words_in_a_real_services_layout(kind: str, encoding: str) -> None:
    sender, reply_to, body = REAL[kind]
    lang = "de" if kind.endswith(" de") else "fr" if kind.endswith(" fr") else "en"
    msg = LANGS[lang]["msg"]
    raw = sent(body.replace("{msg}", msg), sender, encoding, reply_to)
    assert _norm(parse_message(raw).reply_text) == _norm(msg)


# A person's own mail with a heading-like first line and a reason for a mail in it, or a
# line that looks like a service's under their text: theirs whole.
OWN_MAILS = {
    "subject line first": (
        "Invoice 4471 charged twice\n\nHello,\n\nthe invoice was charged twice on our card. "
        "Your reminder mails say you are receiving this email because you are a customer, "
        "but we cancelled in May.\n\nOrder: 55120\nLink: https://shop.example/o/55120\n\n"
        "Thanks,\nAna"
    ),
    "address and question": (
        "Hello,\n\nwe moved. Could you update the delivery address on the contract?\n\n"
        "Acme Ltd, 12 Example Road, London SE1 9ZZ, United Kingdom\n\nThanks, Ana"
    ),
}


@pytest.mark.parametrize("own", sorted(OWN_MAILS))
def test_a_persons_own_mail_reads_whole(own: str) -> None:
    text = OWN_MAILS[own]
    raw = sent(text, "Ana Reyes <ana@client.example>", "quoted-printable", "")
    # All of it but the closing and the name under it.
    assert _norm(parse_message(raw).reply_text) == _norm(
        text.rsplit("\n\nThanks", 1)[0] + "\n\nThanks,"
    )


# -- services' HTML, as tables and blockquotes ---------------------------------------------


def _html_paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))


def task_table(lang: str) -> str:
    """A project tool's HTML notification: a table of rows — the heading, the task's
    title, the author with the time, the comment, the buttons, the footer's links."""
    w = _words(lang, "tasknest")
    return (
        '<html><body><table width="600">'
        f'<tr><td style="color:#888">{escape(w["commented"])}</td></tr>'
        f"<tr><td><h2>{escape(w['task'])}</h2></td></tr>"
        f"<tr><td><b>{escape(w['name'])}</b> <span>10:02</span></td></tr>"
        f"<tr><td>{_html_paragraphs(w['msg'])}</td></tr>"
        f'<tr><td><a href="https://t.example/r">{escape(w["reply"])}</a>&nbsp;&nbsp;'
        f'<a href="https://t.example/o">{escape(w["open"])}</a></td></tr>'
        f'<tr><td style="font-size:11px">{escape(w["why"])}<br>'
        f'<a href="https://t.example/u">{escape(w["unsub"])}</a> | '
        f'<a href="https://t.example/s">{escape(w["settings"])}</a><br>{escape(w["addr"])}'
        "</td></tr></table></body></html>"
    )


def quoted_message(lang: str) -> str:
    """A marketplace's HTML message: its introduction naming the item by its link, the
    member's words in a blockquote, the reply button, the safety note and the footer."""
    w = _words(lang, "stallmart")
    return (
        f"<html><body><p>{escape(w['sent'])} · "
        f'<a href="https://m.example/i/1">{escape(w["task"])}</a>:</p>'
        f'<blockquote style="border-left:3px solid #ccc">'
        f"{escape(w['msg']).replace(chr(10), '<br>')}</blockquote>"
        f'<p><a href="https://m.example/reply">{escape(w["reply"])}</a></p>'
        f'<p style="font-size:11px">{escape(w["auto"])}</p>'
        f'<p style="font-size:11px">{escape(w["addr"])}<br>'
        f'<a href="https://m.example/u">{escape(w["unsub"])}</a></p></body></html>'
    )


def _html_mail(html: str, sender: str, reply_to: str) -> bytes:
    head = (
        f"From: {sender}\r\nTo: support@helpdesk.example\r\nReply-To: {reply_to}\r\n"
        "Subject: Notification\r\nDate: Wed, 04 Jun 2025 10:00:00 +0200\r\n"
        "Message-ID: <grid6h@mail.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode() + base64.encodebytes(html.encode("utf-8"))


HTML_LAYOUTS = {
    "task table": (task_table, "TaskNest <notifications@tasknest.example>"),
    "blockquote": (quoted_message, "StallMart <no-reply@stallmart.example>"),
}


@pytest.mark.parametrize(("kind", "lang"), [(k, x) for k in HTML_LAYOUTS for x in LANGS])
def test_the_persons_words_in_a_services_html(kind: str, lang: str) -> None:
    build, sender = HTML_LAYOUTS[kind]
    raw = _html_mail(build(lang), sender, "member+k3x9w2m1c8e1@relay.stallmart.example")
    assert _norm(parse_message(raw).reply_text) == _norm(LANGS[lang]["msg"])


def test_a_quoted_history_in_a_services_mail_stays_quoted() -> None:
    """The person's reply through the service quotes the earlier message under its
    attribution: the history goes, the reply stays."""
    msg = LANGS["en"]["msg"]
    body = (
        "Megan Ortiz sent you a message\n\n"
        f"{msg}\n\nOn Tue, 3 Jun 2025 at 16:40, Acme Shop wrote:\n> Which model is it?\n\n"
        f"Reply: {_url('stallmart', 'm')}\n\nThis is an automated message, please do not reply.\n"
    )
    raw = sent(body, "StallMart <no-reply@stallmart.example>", "quoted-printable")
    assert _norm(parse_message(raw).reply_text) == _norm(msg)


# The same layouts in the services' other languages, and a social page's message:
# (body with {msg}, sender, language).
LOCAL = {
    "page-msg-en": (
        'Megan Ortiz sent a message to your Page\n\n"{msg}"\n\nReply\n\nMeta '
        "Platforms, Inc., Attention: Community Support, 1 Example Way, Menlo Park, "
        "CA 94025\nThis message was sent to support@helpdesk.example. To help keep "
        "your account secure, please don't forward this email. Learn more",
        "Pages <notification@pages.example>",
        "en",
    ),
    "trello-fr": (
        "Claire Dubois a commenté la carte Lecteur caisse 2 sur Magasin\n\n{msg}\n\n"
        "Répondez par e-mail pour commenter cette carte.\nVoir la carte : "
        "https://boardly.example/c/abc\n\nVous recevez cet e-mail car vous êtes "
        "abonné à cette carte.\nModifier les paramètres de notification : "
        "https://boardly.example/settings",
        "Boardly <do-not-reply@boardly.example>",
        "fr",
    ),
    "gdocs-es": (
        "Lucía Romero ha compartido un documento\n\nLucía Romero "
        "(lucia@shop.example) te ha invitado a editar el siguiente documento:\n\n"
        "Lector caja 2\n\n{msg}\n\nAbrir\n\nSi no quieres recibir archivos de esta "
        "persona, bloquea al remitente desde Papers\n\nPapers LLC, 1600 Example "
        "Parkway, Mountain View, CA 94043, EE. UU.\nHas recibido este correo "
        "electrónico porque lucia@shop.example ha compartido un documento contigo "
        "desde Papers.",
        '"Lucía Romero (vía Papers)" <drive-shares-noreply@papers.example>',
        "es",
    ),
    "slack-de": (
        "Sie haben eine neue Direktnachricht von Petra Vogel\n\nPetra Vogel  10:02 "
        "Uhr\n{msg}\n\nIn Chatwell antworten\n\n©2025 Chatwell Technologies, LLC. "
        "500 Example Street, San Francisco, CA 94105\nSie erhalten diese E-Mail, "
        "weil Sie ein Chatwell-Konto haben. Benachrichtigungseinstellungen",
        "Chatwell <feedback@chatwell.example>",
        "de",
    ),
    "wetransfer-it": (
        "Giulia Conti ti ha inviato dei file\n\n3 file, 24,1 MB in totale · Scade "
        "tra 7 giorni\n\n{msg}\n\nScarica i tuoi file\n"
        "https://transferly.example/d/abc\n\nscan1.pdf\nscan2.pdf\n\nPer essere "
        "sicuro di ricevere le nostre e-mail, aggiungi noreply@transferly.example ai "
        "tuoi contatti.\n\nInformazioni su Transferly   Assistenza   Note legali",
        "Transferly <noreply@transferly.example>",
        "it",
    ),
    "teams-nl": (
        "Sanne de Graaf heeft een bericht gestuurd\n\n{msg}\n\nBeantwoorden in "
        "Meetly\n\nDeze e-mail is verzonden vanuit een postvak dat niet wordt "
        "gecontroleerd. Werk je e-mailvoorkeuren bij in Meetly.\nMeetly Corporation, "
        "One Example Way, Redmond, WA 98052",
        "Meetly <noreply@email.meetly.example>",
        "nl",
    ),
    "jotform-pt": (
        "Novo envio: Formulário de contato\n\nNome completo\nJéssica Moura\nE-mail\n"
        "jessica@shop.example\nTelefone\n+55 11 5550 1234\nSua mensagem\n{msg}\n\n"
        "Você pode editar este envio e ver todos os seus envios.\nResponda a este "
        "e-mail para responder a Jéssica Moura.",
        "Formly <noreply@formly.example>",
        "pt",
    ),
    "helpdesk-pl": (
        "## Odpowiedz powyżej tej linii ##\n\nAgnieszka Nowak\n4 cze 2025, 10:02\n\n"
        "{msg}\n\nZobacz rozmowę: https://desk.vendor.example/c/1\n\nTa wiadomość "
        "została wysłana na adres support@helpdesk.example",
        "Vendor Support <help@vendor.example>",
        "pl",
    ),
    "etsy-ja": (
        "佐藤 花子さんからメッセージが届きました\n\nRe: リネンワンピース M\n\n"
        "{msg}\n\n佐藤 花子さんに返信する\n"
        "https://stallmart.example/m/1\n\nこのメッセージは佐藤 "
        "花子さんに代わってStallmartから送信されました。"
        "このメールには返信しないでください。\n\nStallmart, Inc., 117 "
        "Example Street, Brooklyn, NY 11201",
        "Stallmart <transaction@stallmart.example>",
        "ja",
    ),
    "chat-ru": (
        "Ольга Смирнова начала новый разговор\n\n{msg}\n\nОтветьте на это письмо, "
        "чтобы ответить, или откройте разговор во входящих.\n\nВы получили это "
        "письмо, так как новые разговоры назначаются вам.\nChatwell, 55 Example "
        "Street, Dublin 2",
        "Ольга Смирнова <notifications@chatwell.example>",
        "ru",
    ),
}


@pytest.mark.parametrize("kind", sorted(LOCAL))
def test_the_persons_words_in_a_translated_layout(kind: str) -> None:
    body, sender, lang = LOCAL[kind]
    msg = LANGS[lang]["msg"]
    relayed = "Vendor" not in sender and "feedback" not in sender
    raw = sent(
        body.replace("{msg}", msg),
        sender,
        "base64",
        "x+relay12345678@relay.example" if relayed else "",
    )
    assert _norm(parse_message(raw).reply_text) == _norm(msg)


# More kinds in more languages: an e-signature request, a booking site, classified ads,
# a telephone system, a copier's table, a form of questions, a file share, a tracker.
LOCAL_MORE = {
    "adobesign-de": (
        "Petra Vogel bittet Sie, Vertrag 2025-118 zu unterschreiben\n\n"
        "Nachricht von Petra Vogel:\n{msg}\n\nÜberprüfen und unterschreiben\n"
        "https://sign.example/r/1\n\nDiese E-Mail nicht weiterleiten: Wenn "
        "Sie diese E-Mail weiterleiten, können andere das Dokument in Ihrem "
        "Namen unterschreiben.\n\nInkwell Sign · Datenschutz · Hilfe",
        "Inkwell Sign <echosign@inkwell.example>",
        "de",
    ),
    "adobesign-es": (
        "Lucía Romero solicita tu firma en Contrato 2025-118\n\nMensaje de "
        "Lucía Romero:\n{msg}\n\nRevisar y firmar\nhttps://sign.example/r/1\n"
        "\nNo reenvíes este correo: si lo reenvías, otras personas podrían "
        "firmar el documento en tu nombre.\n\nInkwell Sign · Privacidad · "
        "Ayuda",
        "Inkwell Sign <echosign@inkwell.example>",
        "es",
    ),
    "airbnb-it": (
        "Nuovo messaggio da Giulia Conti\n\nGiulia\nOspite · Villa Elia · "
        "25–30 apr\n\n{msg}\n\nRispondi\nhttps://stay.example/t/1\n\nPer "
        "proteggere i tuoi pagamenti, non trasferire mai denaro né "
        "comunicare al di fuori del sito.\n\nStayline Ireland UC, 8 Example "
        "Road, Dublin 4, Irlanda",
        "Stayline <automated@stayline.example>",
        "it",
    ),
    "kleinanzeigen-de": (
        "Du hast eine neue Nachricht von Petra zu deiner Anzeige "
        '"Leinenkleid, M"\n\nNachricht:\n{msg}\n\nJetzt antworten: '
        "https://markt.example/m/1\n\nSicherheitshinweis: Bezahle nie per "
        "Vorkasse an unbekannte Personen.\n\nMarkt GmbH · Beispielstraße 12 "
        "· 14197 Berlin",
        "Markt <noreply@markt.example>",
        "de",
    ),
    "3cx-voicemail-fr": (
        "Vous avez reçu un nouveau message vocal\n\nDe : Claire Dubois (+33 "
        "1 55 50 01 23)\nÀ : Support (poste 101)\nReçu : mercredi 4 juin "
        "2025 10:02\nDurée : 00:00:42\n\nTranscription :\n{msg}\n\nLe "
        "message vocal est joint à cet e-mail.",
        "Téléphonie <voicemail@pbx.example>",
        "fr",
    ),
    "scan-table-pl": (
        "Zeskanowany dokument\n\nUrządzenie\tMFP-P2-WSCHOD\n"
        "Lokalizacja\tPiętro 2\nStrony\t3\nFormat\tPDF\n\nWiadomość\n{msg}\n"
        "\nTa wiadomość została wygenerowana automatycznie przez urządzenie "
        "wielofunkcyjne.",
        "Skaner <scanner@office.example>",
        "pl",
    ),
    "vinted-nl": (
        "Hoi winkel,\n\nSanne heeft je een bericht gestuurd over Linnen "
        "jurk, M:\n\n{msg}\n\nBeantwoorden: https://wardro.example/m/1\n\n"
        "Betaal altijd via Wardro om beschermd te zijn.\n\nWardro UAB, "
        "Voorbeeldgatan 12, LT-09320 Vilnius, Litouwen",
        "Wardro <no-reply@wardro.example>",
        "nl",
    ),
    "typeform-sv": (
        "Nytt svar på Kontaktformulär\n\nVad heter du?\nKarin Lindqvist\n\n"
        "Vilken är din e-postadress?\nkarin@shop.example\n\nHur kan vi "
        "hjälpa dig?\n{msg}\n\nSe alla svar: https://forms.example/r/1\n\nDu "
        "får det här mejlet eftersom du är ägare till formuläret.",
        "Formly <notifications@formly.example>",
        "sv",
    ),
    "dropbox-ru": (
        "Ольга Смирнова предоставила вам доступ к папке «Касса 2»\n\n"
        "«{msg}»\n\nОткрыть папку\nhttps://nimbus.example/f/1\n\nNimbus, "
        "Inc., 1800 Example Street, San Francisco, CA 94107\nВы получили это "
        "письмо, так как Ольга Смирнова предоставила вам доступ.",
        "Nimbus <no-reply@nimbus.example>",
        "ru",
    ),
    "jira-tr": (
        "Elif Yılmaz bir yorum ekledi\n\nKASA-118 Kasa 2 okuyucu\n\nElif "
        "Yılmaz\n10:02\n\n{msg}\n\nYorumu görüntüle: "
        "https://tracker.example/browse/KASA-118\n\nBu ileti Atlassian Jira "
        "tarafından gönderildi.",
        "Tracker <jira@tracker.example>",
        "tr",
    ),
}


@pytest.mark.parametrize(
    ("kind", "encoding"), [(k, e) for k in LOCAL_MORE for e in ("base64", "html only")]
)
def test_the_persons_words_in_more_layouts(kind: str, encoding: str) -> None:
    body, sender, lang = LOCAL_MORE[kind]
    msg = LANGS[lang]["msg"]
    raw = sent(body.replace("{msg}", msg), sender, encoding, "x+relay12345678@relay.example")
    assert _norm(parse_message(raw).reply_text) == _norm(msg)
