"""Writing an answer in the agent's editor, as ``git commit`` has a message written.

``mailgate reply N`` on a terminal without ``--body-file`` opens ``$VISUAL``, else
``$EDITOR`` (else sensible-editor, vim, nano or vi) on a temporary file that holds
commented lines about the ticket.  Lines starting with ``#`` are removed afterwards; an
answer that is empty then, or a file the editor did not save, sends nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from mailgate.errors import EditorFailed

COMMENT = "#"
# Lines of the client's last message shown in the help.
QUOTED_LINES = 20


def help_lines(
    *,
    token: str,
    subject: str,
    to: Sequence[str],
    cc: Sequence[str],
    status: str,
    sender: str,
    attachments: Sequence[str],
    last_message: str | None,
) -> list[str]:
    """What the agent sees below the answer they write: the ticket it goes to, to whom,
    with which status afterwards, who answers, and what the client wrote last."""
    lines = [
        f"Write the answer to ticket {token} above.  Lines starting with '{COMMENT}'",
        "are removed; an empty answer sends nothing.",
        "",
        f"Ticket:   {token} {subject}",
        f"To:       {', '.join(to)}",
    ]
    if cc:
        lines.append(f"Cc:       {', '.join(cc)}")
    lines += [f"Status:   {status}", f"As:       {sender}"]
    if attachments:
        lines.append(f"Attached: {', '.join(attachments)}")
    if last_message is not None:
        text = last_message.strip("\n").splitlines() or [""]
        lines += ["", "Their last message:"]
        lines += [f"  {line}" for line in text[:QUOTED_LINES]]
        if len(text) > QUOTED_LINES:
            lines.append(f"  … ({len(text) - QUOTED_LINES} more lines)")
    return lines


def template(lines: Sequence[str]) -> str:
    """The file the editor opens: an empty line to write on, then the help commented."""
    commented = [f"{COMMENT} {line}".rstrip() for line in lines]
    return "\n" + "\n".join(commented) + "\n"


def without_comments(text: str) -> str:
    """The answer as written: the comment lines removed, blank lines at either end too."""
    kept = [line.rstrip() for line in text.splitlines() if not line.startswith(COMMENT)]
    while kept and not kept[0]:
        kept.pop(0)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n" if kept else ""


def write_in_editor(lines: Sequence[str]) -> str:
    """The answer the agent wrote in their editor; "" when they wrote none."""
    try:
        edited = click.edit(template(lines), extension=".txt", require_save=True)
    except click.ClickException as e:
        raise EditorFailed(e.format_message()) from None
    return "" if edited is None else without_comments(edited)
