"""Which department a message is for: the address it was written to.

The envelope recipient decides (it is what the MTA or the listener was told); a message
without one (``deliver`` without ``--recipient``, ``import``, IMAP) is routed by the trace
headers an MTA adds (Delivered-To, X-Original-To), then by To and Cc; then, for mail
fetched from a mailbox, by the department of that mailbox; and when nothing matches, the
default department takes it.  ``postmaster@`` of the departments' domains belongs to
``[helpdesk] postmaster_department`` (see :meth:`Config.department_for`).
"""

from __future__ import annotations

from mailgate.config import Config, DepartmentConfig
from mailgate.envelope import Envelope, imap_account_of
from mailgate.parse import ParsedMail
from mailgate.parse.headers import parse_addresses


def written_to(envelope: Envelope, mail: ParsedMail) -> list[tuple[str, str]]:
    """The addresses a message was written to, most authoritative first, each with where
    it was found: the envelope recipients, the trace headers an MTA adds, To and Cc."""
    found = [(rcpt, "envelope recipient") for rcpt in envelope.recipients]
    for name in ("delivered-to", "x-original-to"):
        found += [(a.address, name) for a in parse_addresses(mail.header_all(name), [], name)]
    found += [(a.address, "header address") for a in (*mail.to, *mail.cc)]
    return found


def route(config: Config, envelope: Envelope, mail: ParsedMail) -> tuple[DepartmentConfig, str]:
    for address, where in written_to(envelope, mail):
        d = config.department_for(address)
        if d is not None:
            return d, f"{where} {address}"
    mailbox = imap_account_of(envelope)
    account = config.imap_account(mailbox) if mailbox else None
    if account is not None and account.department is not None:
        d = config.department(account.department)
        if d is not None:
            return d, f"mailbox {account.name}"
    return config.default_department, "no address of a department; default department"
