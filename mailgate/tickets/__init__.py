"""tickets: the helpdesk's record — incoming mail opening and joining tickets
(``incoming``), the mail a ticket sends and its limits (``outgoing``) and to whom
(``addressing``), what agents do to tickets (``actions``), moving a ticket through the
statuses of the state machine (:mod:`mailgate.lifecycle`)."""
