"""notify: turn ticket events into complete mail in the outbox.

``prepare_*`` renders the template and composes the complete message — pure work on
values, done before the transaction so that it does not hold the database's write lock.
The prepared message is then written to the outbox (and to the ticket's thread, with an
event in its history) in the transaction of the event that causes it, so a mail is
queued if and only if its event is recorded.

Every message goes out From the department's helpdesk address (an address whose replies
mailgate processes), with the ticket token in the subject, a Message-ID mailgate stores
(so replies thread by In-Reply-To/References), and In-Reply-To/References pointing at the
client's message so it threads in their mail program too.

The notifier is in ``notifier``, the composing of MIME in ``compose``, the templates in
``templates``.
"""

from mailgate.notify.compose import OutAttachment, Party
from mailgate.notify.notifier import Notifier, Prepared, TicketFacts
from mailgate.notify.templates import Templates

__all__ = [
    "Notifier",
    "OutAttachment",
    "Party",
    "Prepared",
    "Templates",
    "TicketFacts",
]
