"""A second grid of services' notifications that carry a person's words
(mailgate/parse/wrappers.py): the helpdesks, trackers, project tools, form services,
shops, booking sites, social pages and chat tools the first grids
(``test_wrappers_grid.py``, ``test_footers_grid6.py``) do not hold, in English, German,
French, Spanish, Portuguese, Italian, Dutch, Polish and Japanese.

- a helpdesk's notification to its agents (as Freshdesk, Help Scout, Front, Intercom,
  Zoho Desk, Zendesk lay them out): a "## Please reply above this line ##" marker, the
  head "Megan Ortiz replied:" or the author's name over a timestamp, the customer's
  words, the ticket's fields and link, "Powered by …", an older entry under a rule;
- a ticket system's new-ticket alert (osTicket, OTRS/Znuny): the requester's
  "From: Name <address>" and department fields above the message, the login line and
  the system's signature under it;
- a tracker's update (Redmine, YouTrack, Linear, GitLab, Bitbucket): "Issue #4521 has
  been updated by …", the list of changed fields, the note, a rule and the issue's
  fields, "You have received this notification because …";
- a project tool's comment (Asana, Trello, Monday.com, ClickUp, Basecamp, Notion,
  Confluence): a heading naming the task, the author over a timestamp, the comment,
  "View in browser", the reply hint and the settings;
- form services (Microsoft Forms, Typeform, Tally, Jotform, Gravity Forms, Shopify's
  contact form, Contact Form 7 as Japanese sites set it): questions over answers,
  labels over values with blank lines between, a "Body:" field, labels in lenticular
  brackets ("【お名前】…"); a shop's new order (WooCommerce) with the customer's "Note:";
- booking and social notifications (Airbnb, Booking.com, a page's message on LinkedIn or
  Facebook) and chat notifications (Slack, Teams): the guest's or the member's words
  between the booking's fields or the author's stamp and the buttons, a button's label
  alone under the words (its link lost with the HTML) over the site's notes.

Expected: the person's words only.  Negatives: a person's own mail that names these
services, quotes one line of such a notification, holds "wrote:" or a timestamp in its
sentences, or a form whose short fields are the whole message — theirs whole.
"""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message
from tests.support import footer_grid as grid

URL = "https://{svc}.example/{path}/8f3KQ2xP?u=4711"

# -- each language's words -------------------------------------------------------------
#
# msg: the person's words; name: who wrote them; and the services' lines in the language
# the service writes them in.
LANGS: dict[str, dict[str, str]] = {
    "en": {
        "msg": (
            "Hello, the label printer in the warehouse prints every label twice since the "
            "update.\nCan someone check the driver settings before Monday's delivery?"
        ),
        "name": "Megan Ortiz",
        "above": "## Please reply above this line ##",
        "replied": "{n} replied:",
        "replied_to": "{n} replied to conversation #4521",
        "commented": "{n} commented:",
        "commented_on": "{n} commented on Label printer",
        "mentioned": "{n} mentioned you in an update on Label printer",
        "stamp": "Jun 4, 2025, 10:02 AM",
        "ticket": "Ticket #4521: Label printer prints twice",
        "status": "Status: Open",
        "priority": "Priority: High",
        "view": "View ticket",
        "browser": "View in browser",
        "why": "You are receiving this because you are following this ticket.",
        "settings": "Notification settings",
        "unsub": "Unsubscribe",
        "hint": "You can reply to this email directly to respond.",
        "auto": "This is an automated message, please do not reply.",
        "new_ticket": "New ticket #4521 created",
        "from": "From",
        "dept": "Department",
        "subject": "Subject",
        "login": "To view or respond to the ticket, please log in to the support portal.",
        "updated": "Issue #4521 has been updated by {n}.",
        "changed": "Status changed from New to In Progress",
        "author": "Author",
        "assignee": "Assignee",
        "notified": (
            "You have received this notification because you have either subscribed "
            "to it, or are involved in it."
        ),
        "q_name": "What is your name?",
        "q_mail": "What is your email address?",
        "q_msg": "How can we help you?",
        "new_response": "New response to Support request",
        "f_name": "Name",
        "f_mail": "Email",
        "f_phone": "Phone",
        "f_msg": "Message",
        "guest_msg": "You have a new message from a guest",
        "booking": "Booking number",
        "checkin": "Check-in",
        "guest": "Guest",
        "page_msg": "{n} sent a message to your Page",
        "reply": "Reply",
        "dm": "You have a new direct message from {n}",
        "open_in": "Open in Slack",
        "sent_you": "{n} sent you a message",
        "comms": (
            "Always communicate through Stayly. "
            "Never transfer money or share payment details outside the website or app."
        ),
        "order_from": "You have received a new order from {n}.",
        "note": "Note",
        "total": "Total",
        "billing": "Billing address",
        "view_msg": "View message",
    },
    "de": {
        "msg": (
            "Hallo, der Etikettendrucker im Lager druckt seit dem Update jedes Etikett "
            "doppelt.\nKann jemand vor der Lieferung am Montag die Treibereinstellungen prüfen?"
        ),
        "name": "Petra Vogel",
        "above": "## Bitte antworten Sie oberhalb dieser Zeile ##",
        "replied": "{n} hat geantwortet:",
        "replied_to": "{n} hat auf die Konversation #4521 geantwortet",
        "commented": "{n} hat kommentiert:",
        "commented_on": "{n} hat Etikettendrucker kommentiert",
        "mentioned": "{n} hat Sie in einem Update zu Etikettendrucker erwähnt",
        "stamp": "4. Juni 2025, 10:02",
        "ticket": "Ticket #4521: Etikettendrucker druckt doppelt",
        "status": "Status: Offen",
        "priority": "Priorität: Hoch",
        "view": "Ticket ansehen",
        "browser": "Im Browser ansehen",
        "why": "Sie erhalten diese E-Mail, weil Sie diesem Ticket folgen.",
        "settings": "Benachrichtigungseinstellungen",
        "unsub": "Abbestellen",
        "hint": "Sie können direkt auf diese E-Mail antworten.",
        "auto": "Dies ist eine automatisch erzeugte Nachricht. Bitte antworten Sie nicht darauf.",
        "new_ticket": "Neues Ticket #4521 erstellt",
        "from": "Von",
        "dept": "Abteilung",
        "subject": "Betreff",
        "login": "Um das Ticket anzusehen oder zu beantworten, melden Sie sich im Portal an.",
        "updated": "Ticket #4521 wurde von {n} aktualisiert.",
        "changed": "Status wurde von Neu zu In Bearbeitung geändert",
        "author": "Autor",
        "assignee": "Zugewiesen an",
        "notified": (
            "Sie erhalten diese Benachrichtigung, weil Sie dieses Ticket beobachten "
            "oder daran beteiligt sind."
        ),
        "q_name": "Wie heißen Sie?",
        "q_mail": "Wie lautet Ihre E-Mail-Adresse?",
        "q_msg": "Wie können wir Ihnen helfen?",
        "new_response": "Neue Antwort auf Supportanfrage",
        "f_name": "Name",
        "f_mail": "E-Mail",
        "f_phone": "Telefon",
        "f_msg": "Nachricht",
        "guest_msg": "Sie haben eine neue Nachricht von einem Gast",
        "booking": "Buchungsnummer",
        "checkin": "Anreise",
        "guest": "Gast",
        "page_msg": "{n} hat Ihrer Seite eine Nachricht gesendet",
        "reply": "Antworten",
        "dm": "Sie haben eine neue Direktnachricht von {n}",
        "open_in": "In Slack öffnen",
        "sent_you": "{n} hat Ihnen eine Nachricht gesendet",
        "comms": (
            "Kommunizieren Sie immer über Stayly. "
            "Überweisen Sie niemals Geld außerhalb der Website oder App."
        ),
        "order_from": "Sie haben eine neue Bestellung von {n} erhalten.",
        "note": "Anmerkung",
        "total": "Gesamt",
        "billing": "Rechnungsadresse",
        "view_msg": "Nachricht ansehen",
    },
    "fr": {
        "msg": (
            "Bonjour, l'imprimante d'étiquettes de l'entrepôt imprime chaque étiquette en "
            "double depuis la mise à jour.\nQuelqu'un peut-il vérifier le pilote avant lundi ?"
        ),
        "name": "Claire Dubois",
        "above": "## Veuillez répondre au-dessus de cette ligne ##",
        "replied": "{n} a répondu :",
        "replied_to": "{n} a répondu à la conversation #4521",
        "commented": "{n} a commenté :",
        "commented_on": "{n} a commenté Imprimante d'étiquettes",
        "mentioned": "{n} vous a mentionné dans une mise à jour",
        "stamp": "4 juin 2025 à 10:02",
        "ticket": "Ticket n° 4521 : Imprimante d'étiquettes",
        "status": "Statut : Ouvert",
        "priority": "Priorité : Haute",
        "view": "Voir le ticket",
        "browser": "Voir dans le navigateur",
        "why": "Vous recevez cet e-mail car vous suivez ce ticket.",
        "settings": "Paramètres de notification",
        "unsub": "Se désabonner",
        "hint": "Vous pouvez répondre directement à cet e-mail.",
        "auto": "Ce message a été envoyé automatiquement, merci de ne pas y répondre.",
        "new_ticket": "Nouveau ticket n° 4521 créé",
        "from": "De",
        "dept": "Service",
        "subject": "Objet",
        "login": "Pour consulter ou répondre au ticket, connectez-vous au portail.",
        "updated": "La demande #4521 a été mise à jour par {n}.",
        "changed": "Statut changé de Nouveau à En cours",
        "author": "Auteur",
        "assignee": "Assigné à",
        "notified": (
            "Vous recevez cette notification parce que vous êtes abonné à cette demande "
            "ou impliqué dans celle-ci."
        ),
        "q_name": "Quel est votre nom ?",
        "q_mail": "Quelle est votre adresse e-mail ?",
        "q_msg": "Comment pouvons-nous vous aider ?",
        "new_response": "Nouvelle réponse à Demande d'assistance",
        "f_name": "Nom",
        "f_mail": "E-mail",
        "f_phone": "Téléphone",
        "f_msg": "Message",
        "guest_msg": "Vous avez un nouveau message d'un client",
        "booking": "Numéro de réservation",
        "checkin": "Arrivée",
        "guest": "Voyageur",
        "page_msg": "{n} a envoyé un message à votre Page",
        "reply": "Répondre",
        "dm": "Vous avez un nouveau message direct de {n}",
        "open_in": "Ouvrir dans Slack",
        "sent_you": "{n} vous a envoyé un message",
        "comms": (
            "Communiquez toujours via Stayly. "
            "Ne transférez jamais d'argent en dehors du site ou de l'application."
        ),
        "order_from": "Vous avez reçu une nouvelle commande de {n}.",
        "note": "Remarque",
        "total": "Total",
        "billing": "Adresse de facturation",
        "view_msg": "Voir le message",
    },
    "es": {
        "msg": (
            "Hola, la impresora de etiquetas del almacén imprime cada etiqueta dos veces "
            "desde la actualización.\n¿Alguien puede revisar el controlador antes del lunes?"
        ),
        "name": "Lucía Romero",
        "above": "## Por favor, responda encima de esta línea ##",
        "replied": "{n} respondió:",
        "replied_to": "{n} respondió a la conversación #4521",
        "commented": "{n} comentó:",
        "commented_on": "{n} comentó en Impresora de etiquetas",
        "mentioned": "{n} te mencionó en una actualización",
        "stamp": "4 de junio de 2025, 10:02",
        "ticket": "Ticket #4521: Impresora de etiquetas",
        "status": "Estado: Abierto",
        "priority": "Prioridad: Alta",
        "view": "Ver ticket",
        "browser": "Ver en el navegador",
        "why": "Recibes este correo porque sigues este ticket.",
        "settings": "Configuración de notificaciones",
        "unsub": "Darse de baja",
        "hint": "Puedes responder directamente a este correo.",
        "auto": "Este mensaje se ha generado automáticamente. Por favor, no respondas.",
        "new_ticket": "Nuevo ticket #4521 creado",
        "from": "De",
        "dept": "Departamento",
        "subject": "Asunto",
        "login": "Para ver o responder el ticket, inicie sesión en el portal de soporte.",
        "updated": "La petición #4521 ha sido actualizada por {n}.",
        "changed": "Estado cambiado de Nueva a En curso",
        "author": "Autor",
        "assignee": "Asignado a",
        "notified": (
            "Ha recibido esta notificación porque está suscrito a esta petición o "
            "participa en ella."
        ),
        "q_name": "¿Cómo te llamas?",
        "q_mail": "¿Cuál es tu correo electrónico?",
        "q_msg": "¿En qué podemos ayudarte?",
        "new_response": "Nueva respuesta a Solicitud de soporte",
        "f_name": "Nombre",
        "f_mail": "Correo electrónico",
        "f_phone": "Teléfono",
        "f_msg": "Mensaje",
        "guest_msg": "Tienes un nuevo mensaje de un huésped",
        "booking": "Número de reserva",
        "checkin": "Llegada",
        "guest": "Huésped",
        "page_msg": "{n} envió un mensaje a tu página",
        "reply": "Responder",
        "dm": "Tienes un nuevo mensaje directo de {n}",
        "open_in": "Abrir en Slack",
        "sent_you": "{n} te ha enviado un mensaje",
        "comms": (
            "Comunícate siempre a través de Stayly. "
            "Nunca transfieras dinero fuera de la web o la app."
        ),
        "order_from": "Has recibido un nuevo pedido de {n}.",
        "note": "Nota",
        "total": "Total",
        "billing": "Dirección de facturación",
        "view_msg": "Ver mensaje",
    },
    "pt": {
        "msg": (
            "Olá, a impressora de etiquetas do armazém imprime cada etiqueta duas vezes "
            "desde a atualização.\nAlguém pode verificar o driver antes de segunda-feira?"
        ),
        "name": "Jéssica Moura",
        "above": "## Por favor, responda acima desta linha ##",
        "replied": "{n} respondeu:",
        "replied_to": "{n} respondeu à conversa #4521",
        "commented": "{n} comentou:",
        "commented_on": "{n} comentou em Impressora de etiquetas",
        "mentioned": "{n} mencionou você em uma atualização",
        "stamp": "4 de junho de 2025, 10:02",
        "ticket": "Ticket #4521: Impressora de etiquetas",
        "status": "Status: Aberto",
        "priority": "Prioridade: Alta",
        "view": "Ver ticket",
        "browser": "Ver no navegador",
        "why": "Você está recebendo este e-mail porque segue este ticket.",
        "settings": "Configurações de notificação",
        "unsub": "Cancelar inscrição",
        "hint": "Você pode responder diretamente a este e-mail.",
        "auto": "Esta mensagem foi gerada automaticamente. Não responda.",
        "new_ticket": "Novo ticket #4521 criado",
        "from": "De",
        "dept": "Departamento",
        "subject": "Assunto",
        "login": "Para ver ou responder ao ticket, faça login no portal de suporte.",
        "updated": "A tarefa #4521 foi atualizada por {n}.",
        "changed": "Situação alterado de Nova para Em andamento",
        "author": "Autor",
        "assignee": "Atribuído para",
        "notified": (
            "Você recebeu esta notificação porque assina esta tarefa ou está envolvido nela."
        ),
        "q_name": "Qual é o seu nome?",
        "q_mail": "Qual é o seu e-mail?",
        "q_msg": "Como podemos ajudar?",
        "new_response": "Nova resposta para Pedido de suporte",
        "f_name": "Nome",
        "f_mail": "E-mail",
        "f_phone": "Telefone",
        "f_msg": "Mensagem",
        "guest_msg": "Você tem uma nova mensagem de um hóspede",
        "booking": "Número da reserva",
        "checkin": "Check-in",
        "guest": "Hóspede",
        "page_msg": "{n} enviou uma mensagem para sua Página",
        "reply": "Responder",
        "dm": "Você tem uma nova mensagem direta de {n}",
        "open_in": "Abrir no Slack",
        "sent_you": "{n} enviou uma mensagem para você",
        "comms": (
            "Comunique-se sempre pelo Stayly. "
            "Nunca transfira dinheiro fora do site ou do aplicativo."
        ),
        "order_from": "Você recebeu um novo pedido de {n}.",
        "note": "Nota",
        "total": "Total",
        "billing": "Endereço de cobrança",
        "view_msg": "Ver mensagem",
    },
    "it": {
        "msg": (
            "Buongiorno, la stampante di etichette del magazzino stampa ogni etichetta due "
            "volte dall'aggiornamento.\nQualcuno può controllare il driver prima di lunedì?"
        ),
        "name": "Giulia Ferri",
        "above": "## Si prega di rispondere sopra questa riga ##",
        "replied": "{n} ha risposto:",
        "replied_to": "{n} ha risposto alla conversazione #4521",
        "commented": "{n} ha commentato:",
        "commented_on": "{n} ha commentato Stampante etichette",
        "mentioned": "{n} ti ha menzionato in un aggiornamento",
        "stamp": "4 giugno 2025, 10:02",
        "ticket": "Ticket #4521: Stampante etichette",
        "status": "Stato: Aperto",
        "priority": "Priorità: Alta",
        "view": "Visualizza ticket",
        "browser": "Visualizza nel browser",
        "why": "Ricevi questa e-mail perché segui questo ticket.",
        "settings": "Impostazioni di notifica",
        "unsub": "Annulla iscrizione",
        "hint": "Puoi rispondere direttamente a questa e-mail.",
        "auto": "Questo messaggio è stato generato automaticamente, non rispondere.",
        "new_ticket": "Nuovo ticket #4521 creato",
        "from": "Da",
        "dept": "Reparto",
        "subject": "Oggetto",
        "login": "Per visualizzare o rispondere al ticket, accedi al portale di assistenza.",
        "updated": "La segnalazione #4521 è stata aggiornata da {n}.",
        "changed": "Stato modificato da Nuovo a In lavorazione",
        "author": "Autore",
        "assignee": "Assegnato a",
        "notified": (
            "Hai ricevuto questa notifica perché sei iscritto a questa segnalazione "
            "o sei coinvolto."
        ),
        "q_name": "Come ti chiami?",
        "q_mail": "Qual è il tuo indirizzo e-mail?",
        "q_msg": "Come possiamo aiutarti?",
        "new_response": "Nuova risposta a Richiesta di assistenza",
        "f_name": "Nome",
        "f_mail": "E-mail",
        "f_phone": "Telefono",
        "f_msg": "Messaggio",
        "guest_msg": "Hai un nuovo messaggio da un ospite",
        "booking": "Numero di prenotazione",
        "checkin": "Arrivo",
        "guest": "Ospite",
        "page_msg": "{n} ha inviato un messaggio alla tua Pagina",
        "reply": "Rispondi",
        "dm": "Hai un nuovo messaggio diretto da {n}",
        "open_in": "Apri in Slack",
        "sent_you": "{n} ti ha inviato un messaggio",
        "comms": (
            "Comunica sempre tramite Stayly. "
            "Non trasferire mai denaro al di fuori del sito o dell'app."
        ),
        "order_from": "Hai ricevuto un nuovo ordine da {n}.",
        "note": "Nota",
        "total": "Totale",
        "billing": "Indirizzo di fatturazione",
        "view_msg": "Visualizza messaggio",
    },
    "nl": {
        "msg": (
            "Hallo, de labelprinter in het magazijn drukt sinds de update elk label twee "
            "keer af.\nKan iemand de driverinstellingen voor maandag nakijken?"
        ),
        "name": "Sanne de Vries",
        "above": "## Reageer boven deze regel ##",
        "replied": "{n} heeft gereageerd:",
        "replied_to": "{n} heeft gereageerd op gesprek #4521",
        "commented": "{n} heeft een opmerking toegevoegd:",
        "commented_on": "{n} heeft gereageerd op Labelprinter",
        "mentioned": "{n} heeft je vermeld in een update",
        "stamp": "4 juni 2025 10:02",
        "ticket": "Ticket #4521: Labelprinter drukt dubbel",
        "status": "Status: Open",
        "priority": "Prioriteit: Hoog",
        "view": "Ticket bekijken",
        "browser": "Bekijk in browser",
        "why": "Je ontvangt deze e-mail omdat je dit ticket volgt.",
        "settings": "Meldingsinstellingen",
        "unsub": "Afmelden",
        "hint": "Je kunt rechtstreeks op deze e-mail reageren.",
        "auto": "Dit bericht is automatisch verzonden. Reageer niet op deze e-mail.",
        "new_ticket": "Nieuw ticket #4521 aangemaakt",
        "from": "Van",
        "dept": "Afdeling",
        "subject": "Onderwerp",
        "login": "Log in op het supportportaal om het ticket te bekijken of te beantwoorden.",
        "updated": "Issue #4521 is bijgewerkt door {n}.",
        "changed": "Status gewijzigd van Nieuw naar In behandeling",
        "author": "Auteur",
        "assignee": "Toegewezen aan",
        "notified": (
            "Je ontvangt deze melding omdat je bent geabonneerd op dit issue of erbij "
            "betrokken bent."
        ),
        "q_name": "Wat is je naam?",
        "q_mail": "Wat is je e-mailadres?",
        "q_msg": "Waarmee kunnen we je helpen?",
        "new_response": "Nieuw antwoord op Supportaanvraag",
        "f_name": "Naam",
        "f_mail": "E-mail",
        "f_phone": "Telefoon",
        "f_msg": "Bericht",
        "guest_msg": "Je hebt een nieuw bericht van een gast",
        "booking": "Boekingsnummer",
        "checkin": "Inchecken",
        "guest": "Gast",
        "page_msg": "{n} heeft een bericht naar je pagina gestuurd",
        "reply": "Beantwoorden",
        "dm": "Je hebt een nieuw direct bericht van {n}",
        "open_in": "Openen in Slack",
        "sent_you": "{n} heeft je een bericht gestuurd",
        "comms": "Communiceer altijd via Stayly. Maak nooit geld over buiten de website of app.",
        "order_from": "Je hebt een nieuwe bestelling ontvangen van {n}.",
        "note": "Opmerking",
        "total": "Totaal",
        "billing": "Factuuradres",
        "view_msg": "Bericht bekijken",
    },
    "pl": {
        "msg": (
            "Dzień dobry, drukarka etykiet w magazynie od aktualizacji drukuje każdą etykietę "
            "dwa razy.\nCzy ktoś może sprawdzić sterownik przed poniedziałkową dostawą?"
        ),
        "name": "Marek Zieliński",
        "above": "## Odpowiedz powyżej tej linii ##",
        "replied": "{n} odpowiedział:",
        "replied_to": "{n} odpowiedział w rozmowie #4521",
        "commented": "{n} skomentował:",
        "commented_on": "{n} skomentował Drukarka etykiet",
        "mentioned": "{n} wspomniał o Tobie w aktualizacji",
        "stamp": "4 czerwca 2025, 10:02",
        "ticket": "Zgłoszenie #4521: Drukarka etykiet",
        "status": "Status: Otwarte",
        "priority": "Priorytet: Wysoki",
        "view": "Zobacz zgłoszenie",
        "browser": "Zobacz w przeglądarce",
        "why": "Otrzymujesz tę wiadomość, ponieważ obserwujesz to zgłoszenie.",
        "settings": "Ustawienia powiadomień",
        "unsub": "Wypisz się",
        "hint": "Możesz odpowiedzieć bezpośrednio na tę wiadomość.",
        "auto": "Ta wiadomość została wygenerowana automatycznie, prosimy na nią nie odpowiadać.",
        "new_ticket": "Utworzono nowe zgłoszenie #4521",
        "from": "Od",
        "dept": "Dział",
        "subject": "Temat",
        "login": "Aby zobaczyć zgłoszenie lub na nie odpowiedzieć, zaloguj się do portalu.",
        "updated": "Zagadnienie #4521 zostało zaktualizowane przez {n}.",
        "changed": "Status zmieniony z Nowy na W toku",
        "author": "Autor",
        "assignee": "Przypisany do",
        "notified": (
            "Otrzymujesz to powiadomienie, ponieważ obserwujesz to zagadnienie lub "
            "bierzesz w nim udział."
        ),
        "q_name": "Jak się nazywasz?",
        "q_mail": "Jaki jest Twój adres e-mail?",
        "q_msg": "W czym możemy pomóc?",
        "new_response": "Nowa odpowiedź na Zgłoszenie serwisowe",
        "f_name": "Imię i nazwisko",
        "f_mail": "E-mail",
        "f_phone": "Telefon",
        "f_msg": "Wiadomość",
        "guest_msg": "Masz nową wiadomość od gościa",
        "booking": "Numer rezerwacji",
        "checkin": "Zameldowanie",
        "guest": "Gość",
        "page_msg": "{n} wysłał wiadomość do Twojej strony",
        "reply": "Odpowiedz",
        "dm": "Masz nową wiadomość bezpośrednią od {n}",
        "open_in": "Otwórz w Slacku",
        "sent_you": "{n} wysłał Ci wiadomość",
        "comms": (
            "Zawsze komunikuj się przez Stayly. "
            "Nigdy nie przelewaj pieniędzy poza stroną lub aplikacją."
        ),
        "order_from": "Otrzymałeś nowe zamówienie od {n}.",
        "note": "Uwagi",
        "total": "Razem",
        "billing": "Adres rozliczeniowy",
        "view_msg": "Zobacz wiadomość",
    },
    "ja": {
        "msg": (
            "お世話になっております。倉庫のラベルプリンターがアップデート以降、すべてのラベルを"
            "二枚ずつ印刷してしまいます。\n月曜日の納品前にドライバーの設定を確認していただけますか。"
        ),
        "name": "佐藤 美咲",
        "above": "## この行より上に返信してください ##",
        "replied": "{n}さんが返信しました:",
        "replied_to": "{n}さんが会話 #4521 に返信しました",
        "commented": "{n}さんがコメントしました:",
        "commented_on": "{n}さんがラベルプリンターにコメントしました",
        "mentioned": "{n}さんがアップデートであなたをメンションしました",
        "stamp": "2025年6月4日 10:02",
        "ticket": "チケット #4521: ラベルプリンター",
        "status": "ステータス: オープン",
        "priority": "優先度: 高",
        "view": "チケットを表示",
        "browser": "ブラウザで表示",
        "why": "このチケットをフォローしているため、このメールが送信されています。",
        "settings": "通知設定",
        "unsub": "配信停止",
        "hint": "このメールに直接返信することもできます。",
        "auto": "このメールは送信専用アドレスから自動送信されています。返信しないでください。",
        "new_ticket": "新しいチケット #4521 が作成されました",
        "from": "差出人",
        "dept": "部署",
        "subject": "件名",
        "login": "チケットの確認・返信はサポートポータルにログインしてください。",
        "updated": "チケット #4521 が{n}さんによって更新されました。",
        "changed": "ステータスを新規から進行中に変更",
        "author": "作成者",
        "assignee": "担当者",
        "notified": (
            "このチケットをウォッチしているか関係者であるため、この通知が送信されています。"
        ),
        "q_name": "お名前は？",
        "q_mail": "メールアドレスは？",
        "q_msg": "ご用件は何ですか？",
        "new_response": "サポート依頼への新しい回答",
        "f_name": "お名前",
        "f_mail": "メールアドレス",
        "f_phone": "電話番号",
        "f_msg": "お問い合わせ内容",
        "guest_msg": "ゲストから新しいメッセージが届きました",
        "booking": "予約番号",
        "checkin": "チェックイン",
        "guest": "ゲスト",
        "page_msg": "{n}さんがあなたのページにメッセージを送信しました",
        "reply": "返信",
        "dm": "{n}さんから新しいダイレクトメッセージが届きました",
        "open_in": "Slackで開く",
        "sent_you": "{n}さんからメッセージが届きました",
        "comms": (
            "やり取りは必ずStayly上で行ってください。サイトやアプリの外で送金しないでください。"
        ),
        "order_from": "{n}様から新しいご注文がありました。",
        "note": "備考",
        "total": "合計",
        "billing": "請求先住所",
        "view_msg": "メッセージを表示",
    },
}

CLIENT = "client@shop.example"


def _words(lang: str) -> dict[str, str]:
    w = LANGS[lang]
    return {k: v.replace("{n}", w["name"]) for k, v in w.items()}


def _url(svc: str, path: str) -> str:
    return URL.format(svc=svc, path=path)


# -- helpdesks -------------------------------------------------------------------------


def helpdesk_replied(lang: str) -> str:
    """A helpdesk's notice to its agents that the customer replied (Freshdesk, Zoho
    Desk): the marker, "Megan Ortiz replied:", the words, the ticket's fields and link."""
    w = _words(lang)
    return (
        f"{w['above']}\n\n{w['replied']}\n\n{w['msg']}\n\n"
        f"{w['ticket']}\n{w['status']}\n{w['priority']}\n"
        f"{w['view']}: {_url('deskly', 'tickets')}\n\n"
        f"{w['why']}\nPowered by Deskly\n"
    )


def helpdesk_stamp(lang: str) -> str:
    """The same with the author's name over a timestamp under the marker (Help Scout,
    Front): "Megan Ortiz" / "Jun 4, 2025, 10:02 AM" / the words."""
    w = _words(lang)
    return (
        f"{w['above']}\n\n{w['replied_to']}\n\n{w['name']}\n{w['stamp']}\n\n{w['msg']}\n\n"
        f"{w['view']}: {_url('scoutly', 'conversation')}\n\n"
        f"{w['settings']}: {_url('scoutly', 'settings')}\n"
    )


def helpdesk_conversation(lang: str) -> str:
    """A chat helpdesk's new conversation (Intercom, Crisp): the heading naming the
    person, the name and time on a line, the words, the reply hint and the settings."""
    w = _words(lang)
    return (
        f"{w['replied_to']}\n\n{w['name']} · {w['stamp']}\n{w['msg']}\n\n"
        f"{w['hint']}\n\n{w['unsub']} · {w['settings']}\n"
    )


def ticket_alert(lang: str) -> str:
    """A ticket system's new-ticket alert to its agents (osTicket, OTRS/Znuny): the
    requester's "From: Name <address>", the department and subject, the words, the login
    line and the system's signature."""
    w = _words(lang)
    return (
        f"{w['new_ticket']}\n\n"
        f"{w['from']}: {w['name']} <{CLIENT}>\n{w['dept']}: Support\n"
        f"{w['subject']}: Label printer\n\n{w['msg']}\n\n"
        f"{w['login']}\n{_url('tickets', 'scp/tickets.php')}\n\n"
        f"-- \nSupport Ticket System\n"
    )


# -- trackers --------------------------------------------------------------------------


def tracker_update(lang: str) -> str:
    """A tracker's update (Redmine): who updated the issue, the list of changed fields,
    the note, a rule and the issue's fields, why the reader gets the mail."""
    w = _words(lang)
    rule = "-" * 40
    return (
        f"{w['updated']}\n\n* {w['changed']}\n\n{w['msg']}\n\n{rule}\n"
        f"Support #4521: Label printer\n{_url('redmine', 'issues')}\n\n"
        f"* {w['author']}: {w['name']}\n* {w['status']}\n* {w['assignee']}: Support\n\n"
        f"{rule}\n{w['notified']}\n"
        f"{_url('redmine', 'my/account')}\n"
    )


def tracker_comment(lang: str) -> str:
    """A tracker's comment (YouTrack, Linear, GitLab, Bitbucket): "X commented:" over
    the comment, then the hint and the link."""
    w = _words(lang)
    return (
        f"SUP-4521 Label printer\n\n{w['commented']}\n\n{w['msg']}\n\n"
        f"—\n{w['hint']}\n{w['view']}: {_url('trackly', 'issue')}\n"
    )


# -- project tools ---------------------------------------------------------------------


def project_stamp(lang: str) -> str:
    """A project tool's comment (Asana, Trello, ClickUp, Basecamp, Notion, Confluence):
    "View in browser" over the heading naming the task, the author over a timestamp, the
    comment, the reply hint, why and the settings."""
    w = _words(lang)
    return (
        f"{w['browser']}: {_url('boardly', 'web')}\n\n{w['commented_on']}\n\n"
        f"{w['name']}\n{w['stamp']}\n\n{w['msg']}\n\n"
        f"{w['reply']}: {_url('boardly', 'reply')}\n\n"
        f"{w['hint']}\n{w['why']}\n{w['settings']}: {_url('boardly', 'settings')}\n"
    )


def project_mention(lang: str) -> str:
    """A project tool's mention (Monday.com): the heading, the author's name and a time
    on one line, the update, a button's label alone, the footer's bar."""
    w = _words(lang)
    return (
        f"{w['mentioned']}\n\n{w['name']}  10:02\n\n{w['msg']}\n\n{w['reply']}\n\n"
        f"{w['unsub']} | {w['settings']}\n"
    )


# -- forms -----------------------------------------------------------------------------


def form_questions(lang: str) -> str:
    """A form service's new response (Microsoft Forms, Typeform, Tally): the heading,
    questions over their answers, the link to the responses."""
    w = _words(lang)
    return (
        f"{w['new_response']}\n\n{w['q_name']}\n{w['name']}\n\n{w['q_mail']}\n{CLIENT}\n\n"
        f"{w['q_msg']}\n{w['msg']}\n\n{_url('formly', 'responses')}\n"
    )


def form_paragraphs(lang: str) -> str:
    """A form plugin's notification read from its HTML table (Gravity Forms, Jotform):
    each label over its value, a blank line between the fields."""
    w = _words(lang)
    return (
        f"{w['f_name']}\n\n{w['name']}\n\n{w['f_mail']}\n\n{CLIENT}\n\n"
        f"{w['f_phone']}\n\n+44 20 7946 0018\n\n{w['f_msg']}\n\n{w['msg']}\n"
    )


def shop_contact(lang: str) -> str:
    """A shop's contact form (Shopify): the notice, the fields and the "Body:" field."""
    w = _words(lang)
    return (
        f"{w['new_response']}\n\nCountry Code: DE\n{w['f_name']}: {w['name']}\n"
        f"{w['f_mail']}: {CLIENT}\n{w['f_phone']}: +44 20 7946 0018\nBody:\n{w['msg']}\n"
    )


# -- bookings, pages and chats ---------------------------------------------------------


def guest_message(lang: str) -> str:
    """A booking site's guest message (Booking.com, Airbnb): the heading, the booking's
    fields, the guest's name alone, the words, the reply link and the site's note."""
    w = _words(lang)
    return (
        f"{w['guest_msg']}\n\n{w['booking']}: 4012345678\n{w['checkin']}: 12.07.2025\n\n"
        f"{w['name']}\n{w['guest']}\n\n{w['msg']}\n\n"
        f"{w['reply']}: {_url('stayly', 'messages')}\n\n{w['auto']}\n"
    )


def page_message(lang: str) -> str:
    """A social page's message (LinkedIn, Facebook): the heading naming the person, the
    words, the button's label, the settings."""
    w = _words(lang)
    return (
        f"{w['page_msg']}\n\n{w['msg']}\n\n{w['reply']}\n\n"
        f"{w['why']}\n{w['unsub']}: {_url('socially', 'unsub')}\n"
    )


def chat_message(lang: str) -> str:
    """A chat tool's notice of a direct message (Slack, Teams): the heading, the author
    and a time, the words, the link to open the chat, why."""
    w = _words(lang)
    return (
        f"{w['dm']}\n\n{w['name']}  10:02\n{w['msg']}\n\n"
        f"{w['open_in']}: {_url('chatly', 'archives')}\n\n{w['why']}\n"
        f"{w['settings']}: {_url('chatly', 'settings')}\n"
    )


def guest_card(lang: str) -> str:
    """A holiday rental's guest message (Airbnb): the guest's name over the stay's
    details, the words, a button's label alone (its link lost with the HTML), the site's
    safety note and its address."""
    w = _words(lang)
    return (
        f"{w['name']}\n{w['guest']} · Villa Elia\n\n{w['msg']}\n\n{w['reply']}\n\n"
        f"{w['comms']}\n\nStayly, Inc., 888 Example Street, San Francisco, CA 94103\n"
    )


def named_message(lang: str) -> str:
    """A chat tool's missed message (Microsoft Teams): the heading naming the person,
    the name alone over the words, a button's label, why, the address."""
    w = _words(lang)
    return (
        f"{w['sent_you']}\n\n{w['name']}\n{w['msg']}\n\n{w['view_msg']}\n\n{w['why']}\n"
        f"{w['unsub']} · {w['settings']}\n\n"
        "Chatly Corporation, One Example Way, Redmond, WA 98052\n"
    )


def order_note(lang: str) -> str:
    """A shop's new order (WooCommerce): the order's table, the customer's note in a row
    of its own ("Note:" / the words), the billing address."""
    w = _words(lang)
    note = " ".join(w["msg"].split("\n"))
    return (
        f"{w['order_from']}\n\n[#1042] (04.06.2025)\n\n"
        "Label rolls 100x150\t4\t36,00 €\n\n"
        f"{w['total']}:\t41,90 €\n{w['note']}:\t{note}\n\n"
        f"{w['billing']}\n{w['name']}\nHafenstraße 1\n20095 Hamburg\n{CLIENT}\n"
    )


def form_brackets(lang: str) -> str:
    """A form plugin's notification with its labels in lenticular brackets, as Japanese
    sites set Contact Form 7's template ("【お名前】佐藤 美咲" / "【お問い合わせ内容】"
    over the text), and the plugin's line under a signature rule."""
    w = _words(lang)
    return (
        f"【{w['f_name']}】{w['name']}\n【{w['f_mail']}】{CLIENT}\n"
        f"【{w['f_phone']}】03-5550-0123\n【{w['f_msg']}】\n{w['msg']}\n\n"
        "-- \nこのメールは Example 株式会社 (https://form.example) のお問い合わせフォームから"
        "送信されました\n"
    )


def helpdesk_entries(lang: str) -> str:
    """A helpdesk's notification of a thread (Zendesk): the marker, the newest entry's
    author and date right under it without a rule, the words, then a rule over the
    older entry, and why."""
    w = _words(lang)
    return (
        f"{w['above']}\n\n{w['name']}\n\n{w['stamp']}\n\n{w['msg']}\n\n{'-' * 40}\n\n"
        "Support\n\n3 Jun 2025, 16:40\n\n"
        "Hello, could you tell us which printer model you use?\n\n"
        f"{w['why']}\n"
    )


LAYOUTS = {
    "helpdesk replied": (helpdesk_replied, "Deskly <support@deskly.example>"),
    "helpdesk stamp": (helpdesk_stamp, "Scoutly <notifications@scoutly.example>"),
    "helpdesk conversation": (helpdesk_conversation, "Chatdesk <noreply@chatdesk.example>"),
    "ticket alert": (ticket_alert, "Support System <alerts@tickets.example>"),
    "tracker update": (tracker_update, "Redmine <redmine-noreply@redmine.example>"),
    "tracker comment": (tracker_comment, "Trackly <notifications@trackly.example>"),
    "project stamp": (project_stamp, "Boardly <no-reply@boardly.example>"),
    "project mention": (project_mention, "Boardly <notifications@boardly.example>"),
    "form questions": (form_questions, "Formly <no-reply@formly.example>"),
    "form paragraphs": (form_paragraphs, "WordPress <wordpress@formly.example>"),
    "shop contact": (shop_contact, "Shop <mailer@shoply.example>"),
    "guest message": (guest_message, "Stayly <noreply@stayly.example>"),
    "page message": (page_message, "Socially <notification@socially.example>"),
    "chat message": (chat_message, "Chatly <notification@chatly.example>"),
    "guest card": (guest_card, "Stayly <automated@stayly.example>"),
    "named message": (named_message, "Chatly <no-reply@chatly.example>"),
    "order note": (order_note, "Shop <wordpress@shoply.example>"),
    "form brackets": (form_brackets, "WordPress <wordpress@form.example>"),
    "helpdesk entries": (helpdesk_entries, "Support <support@deskly.example>"),
}

ENCODINGS = ("quoted-printable", "base64", "html only")


def sent(text: str, sender: str, encoding: str, reply_to: str = "") -> bytes:
    kind = "html" if encoding == "html only" else "plain"
    transfer = "quoted-printable" if encoding == "html only" else encoding
    head = (
        f"From: {sender}\r\nTo: support@helpdesk.example\r\n"
        + (f"Reply-To: {reply_to}\r\n" if reply_to else "")
        + "Subject: Notification\r\nDate: Wed, 04 Jun 2025 10:00:00 +0200\r\n"
        "Message-ID: <wrappers-grid2@mail.example>\r\n"
    )
    body = grid.webmail_html(text) if kind == "html" else text
    return grid.text_mail(body, head, kind, "UTF-8", transfer)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _encoding(lang: str, kind: str) -> str:
    """Each case's encoding, spread over the grid."""
    return ENCODINGS[(sorted(LANGS).index(lang) + sorted(LAYOUTS).index(kind)) % 3]


WRAPPED = [(kind, lang) for kind in LAYOUTS for lang in LANGS]


@pytest.mark.parametrize(("kind", "lang"), WRAPPED)
def test_the_persons_words_in_a_services_notification(kind: str, lang: str) -> None:
    build, sender = LAYOUTS[kind]
    raw = sent(build(lang), sender, _encoding(lang, kind), CLIENT)
    assert _norm(parse_message(raw).reply_text) == _norm(LANGS[lang]["msg"])


# -- the person's words that look like a service's lines ---------------------------------
#
# Inside a notification, the person's own "wrote:", a time or a date, a colon between
# digits: the words stay whole.

TRICKY = {
    "wrote in words en": (
        "Your technician wrote: restart the printer and wait ten minutes.\n"
        "We did that twice this morning and every label still comes out double."
    ),
    "time in words de": (
        "Seit heute 10:02 druckt der Drucker wieder doppelt.\n"
        "Um 10:30 haben wir ihn neu gestartet, ohne Erfolg. Können Sie anrufen?"
    ),
    "date line fr": (
        "Le 04/06/2025 à 10:02, l'imprimante a redémarré toute seule.\n"
        "Depuis, chaque étiquette sort en double. Pouvez-vous regarder ?"
    ),
    "label and time es": (
        "Hora: 10:02, la impresora se reinició sola y ahora imprime todo dos veces.\n"
        "¿Pueden llamarnos antes de las 12:00?"
    ),
    "replied in words pt": (
        "O seu colega respondeu: reinstale o driver. Já fizemos isso duas vezes.\n"
        "A impressora continua a imprimir cada etiqueta em duplicado."
    ),
}


@pytest.mark.parametrize("name", sorted(TRICKY))
@pytest.mark.parametrize("kind", ["helpdesk stamp", "tracker comment", "chat message"])
def test_the_persons_own_wrote_or_time_stays_in_the_notification(kind: str, name: str) -> None:
    build, sender = LAYOUTS[kind]
    msg = TRICKY[name]
    text = build("en").replace(LANGS["en"]["msg"], msg)
    raw = sent(text, sender, "quoted-printable", CLIENT)
    assert _norm(parse_message(raw).reply_text) == _norm(msg)


# -- a person's own mail ---------------------------------------------------------------


def whole(body: str) -> tuple[str, str]:
    return body, body


OWN = {
    # A client's own mail that names the services and their lines.
    "names services en": whole(
        'Hi,\n\nsince Monday our Freshdesk notifications only say "Megan Ortiz replied"\n'
        "and the message itself is missing. Slack and Trello mails are fine.\n"
        "Could you check the mail template on your side?"
    ),
    "names services de": whole(
        "Hallo,\n\nseit dem Wechsel auf Zoho Desk landen die Benachrichtigungen von Redmine\n"
        "bei uns im Spam. Können Sie prüfen, ob Ihre Absenderadresse richtig eingetragen ist?"
    ),
    # A line of a notification quoted in the client's sentence.
    "quotes a head fr": whole(
        "Bonjour,\n\nnous avons reçu ce matin un e-mail qui disait seulement :\n"
        "« Claire Dubois a commenté Imprimante d'étiquettes ».\n"
        "Nous ne savons pas de quoi il s'agit. Est-ce un message de votre outil ?"
    ),
    "quotes a marker en": whole(
        'Hello,\n\nyour mails say "## Please reply above this line ##" but when I do,\n'
        "my answer never shows up in the portal. Is the mailbox still working?"
    ),
    "quotes a notice es": whole(
        "Hola,\n\nrecibimos un aviso que dice que la petición #4521 ha sido actualizada "
        "por Lucía Romero,\npero nadie de nuestro equipo la ha tocado. ¿Pueden revisarlo?"
    ),
    # "wrote:" and timestamps in a person's sentences and lists.
    "wrote in sentence it": whole(
        "Buongiorno,\n\nil vostro tecnico ha scritto: riavviare la stampante.\n"
        "L'abbiamo fatto alle 10:02 e alle 10:30, ma stampa ancora tutto due volte."
    ),
    "log with times nl": whole(
        "Hallo,\n\nhier is het logboek van de printer van vanochtend:\n\n"
        "10:02 taak gestart\n10:03 label 1 afgedrukt\n10:03 label 1 opnieuw afgedrukt\n\n"
        "Kunnen jullie hiernaar kijken?"
    ),
    "name and time pl": whole(
        "Dzień dobry,\n\nMarek Zieliński 10:02\n"
        "tak podpisał się technik na protokole, ale drukarka nadal drukuje podwójnie.\n"
        "Proszę o kontakt."
    ),
    "list of changes en": whole(
        "Hi,\n\nwhat we changed on the printer yesterday:\n\n"
        "* Status changed from offline to online\n* Driver updated to 5.2\n\n"
        "It still prints every label twice. Any idea?"
    ),
    # A person's own "… respondió:" / "… odpowiedział:" over what someone answered.
    "replied in words es": whole(
        "Hola,\n\nmi compañero respondió:\nque reiniciemos la impresora, pero no funciona.\n"
        "¿Qué más podemos hacer?"
    ),
    "replied in words pl": whole(
        "Dzień dobry,\n\nserwisant odpowiedział: trzeba wymienić głowicę drukującą.\n"
        "Ile to będzie kosztować i kiedy mogą Państwo przyjechać?"
    ),
    # A heading in lenticular brackets over a person's own mail.
    "bracket heading ja": whole(
        "【至急】ラベルプリンターについて\n\nお世話になっております。佐藤です。\n"
        "【症状】すべてのラベルが二枚ずつ印刷されます。\nご確認をお願いいたします。"
    ),
    "greeting colon ja": whole(
        "サポートご担当者様\n\nお世話になっております。佐藤です。\n"
        "昨日の10:02からラベルが二枚ずつ印刷されます。ご確認いただけますか。"
    ),
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_a_persons_own_mail_about_services_is_theirs_whole(name: str) -> None:
    body, expected = OWN[name]
    raw = sent(body, "Ana Reyes <ana@client.example>", "quoted-printable")
    assert _norm(parse_message(raw).reply_text) == _norm(expected)


# A form service's response whose short fields are the whole message: nothing is cut.
FIELDS_ONLY = {
    "en": "Name: Megan Ortiz\nDepartment: Warehouse\nDevice: Label printer\nQuantity: 2\n"
    "Needed by: 12.07.2025",
    "de": "Name: Petra Vogel\nAbteilung: Lager\nGerät: Etikettendrucker\nAnzahl: 2\n"
    "Benötigt bis: 12.07.2025",
    "ja": "お名前: 佐藤 美咲\n部署: 倉庫\n機器: ラベルプリンター\n数量: 2\n希望日: 2025年7月12日",
}


@pytest.mark.parametrize("lang", sorted(FIELDS_ONLY))
def test_a_forms_short_fields_are_the_message(lang: str) -> None:
    raw = sent(FIELDS_ONLY[lang], "Formly <no-reply@formly.example>", "base64", CLIENT)
    assert _norm(parse_message(raw).reply_text) == _norm(FIELDS_ONLY[lang])


# A client's reply above a helpdesk's marker: the reply, not the notification under it.
@pytest.mark.parametrize("lang", sorted(LANGS))
def test_a_reply_above_the_marker_is_the_reply(lang: str) -> None:
    own = "Thanks, the new driver fixed it: every label prints once now."
    text = f"{own}\n\n{helpdesk_replied(lang)}"
    raw = sent(text, "Ana Reyes <ana@client.example>", "quoted-printable")
    assert _norm(parse_message(raw).reply_text) == _norm(own)
