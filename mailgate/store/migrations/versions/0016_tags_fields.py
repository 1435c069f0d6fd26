"""Tags and custom fields of tickets: ``ticket_tags`` and ``ticket_fields``, each
indexed by what a search filters on (``tag:billing``, ``field:plan=gold``) followed by
the ticket, so that a filter is read from its index alone.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailgate.store.models import Id, UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_tags",
        sa.Column("ticket_id", Id, nullable=False),
        sa.Column("tag", sa.String(64), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_tags_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("ticket_id", "tag", name="pk_ticket_tags"),
    )
    op.create_index("ix_ticket_tags_tag_ticket", "ticket_tags", ["tag", "ticket_id"])
    op.create_table(
        "ticket_fields",
        sa.Column("ticket_id", Id, nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_fields_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("ticket_id", "name", name="pk_ticket_fields"),
    )
    op.create_index(
        "ix_ticket_fields_name_value_ticket", "ticket_fields", ["name", "value", "ticket_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_fields_name_value_ticket", table_name="ticket_fields")
    op.drop_table("ticket_fields")
    op.drop_index("ix_ticket_tags_tag_ticket", table_name="ticket_tags")
    op.drop_table("ticket_tags")
