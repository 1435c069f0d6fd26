"""tickets: the helpdesk's record — opening and appending (``apply``), and the statuses a
ticket moves through (``lifecycle``)."""
