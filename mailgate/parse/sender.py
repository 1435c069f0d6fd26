"""Who sent a message when its From field does not say.

A ticket is opened for a person, so a message must name one.  Web forms, scripts, old
CRMs, scanners and broken clients send mail whose From field is missing, empty
(``From: <>``, ``From: ""``), a group with nobody in it (``undisclosed-recipients:;``), a
bare name, or unparsable.  Such mail still says who sent it elsewhere, and mailgate reads
the first of these that holds an address with a domain, in this order:

1. ``From`` — the author (RFC 5322 §3.6.2);
2. ``Sender`` — the mailbox that sent it on the author's behalf;
3. ``Reply-To`` — where the sender wants answers to go;
4. ``Return-Path`` — the envelope sender, as the delivering server recorded it;
5. the envelope sender of this delivery (SMTP ``MAIL FROM``, a pipe's ``-f``), which only
   the processing stage knows (:func:`with_envelope_sender`).

The one taken is recorded (``from_source``) and, when it is not From, flagged on the
ticket like any other doubtful From.  A null sender (``<>``, a bounce's) is nobody's, so
none of them ever makes a requester of it.
"""

from __future__ import annotations

from dataclasses import replace

from mailgate.addresses import is_mailbox
from mailgate.parse.model import Address, ParsedMail, SenderSource

# The order the fallbacks are tried in, after From itself.
FALLBACKS = (SenderSource.SENDER, SenderSource.REPLY_TO, SenderSource.RETURN_PATH)
# The header fields a sender is read from, in that order.
SENDER_FIELDS = (SenderSource.FROM, *FALLBACKS)


def usable(addresses: tuple[Address, ...]) -> Address | None:
    """The first address with a local part and a domain."""
    return next((a for a in addresses if is_mailbox(a.address)), None)


def choose_sender(
    candidates: dict[SenderSource, tuple[Address, ...]],
) -> tuple[Address | None, SenderSource]:
    """The sender and where it was read: the From field's first mailbox when it has one,
    else the first usable address of the fallbacks in order.  A From field with only a
    bare local name (``From: MAILER-DAEMON``) and no fallback keeps that name: it says
    what sent the message even though nobody can be answered there."""
    from_list = candidates.get(SenderSource.FROM, ())
    author = usable(from_list)
    if author is not None:
        return author, SenderSource.FROM
    for source in FALLBACKS:
        found = usable(candidates.get(source, ()))
        if found is not None:
            return found, source
    if from_list:
        return from_list[0], SenderSource.FROM
    return None, SenderSource.NONE


def fallback_warning(source: SenderSource) -> tuple[str, ...]:
    """What the ticket says when the sender was not read from From."""
    if source in (SenderSource.FROM, SenderSource.NONE):
        return ()
    return (f"the From field has no usable address; the sender is read from {source.label}",)


def with_envelope_sender(mail: ParsedMail, envelope_sender: str | None) -> ParsedMail:
    """``mail`` with the envelope sender of its delivery as the sender, when no header
    named one with a domain; unchanged otherwise (and for a null envelope sender)."""
    if mail.from_ is not None and is_mailbox(mail.from_.address):
        return mail
    if not envelope_sender or not is_mailbox(envelope_sender):
        return mail
    return replace(
        mail,
        from_=Address("", envelope_sender),
        from_source=SenderSource.ENVELOPE,
        from_warnings=(*mail.from_warnings, *fallback_warning(SenderSource.ENVELOPE)),
    )
