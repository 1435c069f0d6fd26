"""The agents' console: sign-in accounts, sessions, failed sign-ins, presence on tickets;
tickets indexed by their latest change (the console's lists of every ticket), and by the
days they were opened and closed (the figures).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailgate.store.models import Id, UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for column in ("updated_at", "created_at", "closed_at"):
        op.create_index(op.f(f"ix_tickets_{column}"), "tickets", [column])
    op.create_table(
        "agent_accounts",
        sa.Column("address", sa.Text(), primary_key=True),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "console_sessions",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("agent", sa.Text(), nullable=False, index=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("client", sa.Text(), nullable=False),
        sa.Column("user_agent", sa.Text(), nullable=False),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", Id, primary_key=True),
        sa.Column("at", UTCDateTime(), nullable=False, index=True),
        sa.Column("address", sa.Text(), nullable=False, index=True),
        sa.Column("client", sa.Text(), nullable=False, index=True),
    )
    op.create_table(
        "presence",
        sa.Column("ticket_id", Id, sa.ForeignKey("tickets.id"), primary_key=True),
        sa.Column("agent", sa.Text(), primary_key=True),
        sa.Column("writing", sa.Boolean(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("presence", "login_failures", "console_sessions", "agent_accounts"):
        op.drop_table(table)
    for column in ("updated_at", "created_at", "closed_at"):
        op.drop_index(op.f(f"ix_tickets_{column}"), table_name="tickets")
