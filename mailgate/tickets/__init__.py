"""tickets: the helpdesk's record — opening and appending (``apply``), moving a ticket
through the statuses of the state machine (:mod:`mailgate.lifecycle`)."""
