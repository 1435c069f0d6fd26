"""Every answer the SMTP and LMTP listener gives of its own, by name.

aiosmtpd's answers to the commands mailgate does not change (HELO, NOOP, an unknown
command, …) are aiosmtpd's; these are the ones mailgate's edge chooses.  Each says what
the client should do, never why mailgate failed inside: a 4xx keeps the message with the
client, which tries again; a 5xx returns it to its sender.
"""

from __future__ import annotations

# RCPT TO
ACCEPTED_RECIPIENT = "250 2.1.5 OK"
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
NO_SUCH_MAILBOX = "550 5.1.1 <{address}>: no such mailbox here"

# DATA
START_DATA = "354 End data with <CR><LF>.<CR><LF>"
NEED_RCPT = "503 Error: need RCPT command"
DATA_SYNTAX = "501 Syntax: DATA"
QUEUED = "250 2.0.0 OK queued as {inbox_id}"
DUPLICATE = "250 2.0.0 OK duplicate of {inbox_id}"
HEADER_TOO_LARGE = "552 5.3.4 Message header block too large"
TOO_MUCH_DATA = "552 Error: Too much mail data"  # aiosmtpd's words, kept
LINE_TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"  # aiosmtpd's words, kept

# Any stage that cannot go on: the database did not commit, or something failed inside.
# One text for both: the client learns only that it must try again.
TRY_AGAIN = "451 4.3.0 Message not stored, please try again later"

# STARTTLS
TLS_READY = "220 Ready to start TLS"
TLS_ACTIVE = "503 5.5.1 TLS already active"
STARTTLS_SYNTAX = "501 Syntax: STARTTLS"
TLS_UNAVAILABLE = "454 4.7.0 TLS not available"

# The connection is closed after these.
TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections, try again later"
TOO_MANY_FROM_YOU = "421 4.7.0 Too many connections from your address, try again later"
TOO_MANY_COMMANDS = "421 4.7.0 Too many commands without a message, closing connection"
BARE_LINE_ENDING = "521 5.5.2 Bare CR or LF in a command line; use CR LF"
