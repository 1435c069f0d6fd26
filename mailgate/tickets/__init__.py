"""tickets: the helpdesk's record — incoming mail opening and joining tickets
(``incoming``), what agents do to them (``actions``), moving a ticket through the
statuses of the state machine (:mod:`mailgate.lifecycle`)."""
