"""Messages held for a person get a state of their own; imported mail notifies nobody.

Every message ends on a ticket (``processed``) or in a list a person reads: ``held`` by a
named rule (``thread_rule``), ``quarantined`` as unreadable, or ``failed``.  Rows that an
earlier version marked ``processed`` without a ticket — a bounce of mail it never sent,
its own mail coming back, a blocked sender, held spam, a sender over the ticket limit —
and the replies it held as ``quarantined`` become ``held`` with the rule that kept them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The verdicts that never opened a ticket, and the hold rule each now has.
_HELD_BY_VERDICT = {
    "bounce": "held_bounce",
    "auto_reply": "held_auto_reply",
    "own_loop": "held_own_mail",
    "blocked": "held_blocked",
    "spam": "held_spam",
}


def upgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(
            sa.Column("notify", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    inbox = sa.table(
        "inbox",
        sa.column("state", sa.String),
        sa.column("thread_rule", sa.String),
        sa.column("verdict", sa.String),
        sa.column("ticket_id", sa.BigInteger),
    )
    op.execute(
        inbox.update()
        .where(
            inbox.c.state == "quarantined",
            inbox.c.thread_rule.in_(("held_unverified", "held_review", "held_unauthenticated")),
        )
        .values(state="held")
    )
    op.execute(
        inbox.update()
        .where(inbox.c.state == "processed", inbox.c.thread_rule == "rate_limited")
        .values(state="held", thread_rule="held_rate_limited")
    )
    for verdict, rule in _HELD_BY_VERDICT.items():
        op.execute(
            inbox.update()
            .where(
                inbox.c.state == "processed",
                inbox.c.ticket_id.is_(None),
                inbox.c.verdict == verdict,
            )
            .values(state="held", thread_rule=rule)
        )
    op.execute(
        inbox.update()
        .where(inbox.c.state == "processed", inbox.c.ticket_id.is_(None))
        .values(state="held", thread_rule="held_no_ticket")
    )


def downgrade() -> None:
    inbox = sa.table("inbox", sa.column("state", sa.String))
    op.execute(inbox.update().where(inbox.c.state == "held").values(state="quarantined"))
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("notify")
