"""The tickets' assignee indexed with their status: the console's counts on every page
(an agent's open tickets, the unassigned waiting ones) read only the index entries they
count, however many closed tickets the helpdesk has (the index on the assignee alone
stays: an agent's newest tickets are read from it in order).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_assignee_status", "tickets", ["assignee", "status"])


def downgrade() -> None:
    op.drop_index("ix_tickets_assignee_status", table_name="tickets")
