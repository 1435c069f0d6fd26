"""Links between tickets (a likely duplicate, a merge, a split) and the numbers of
merged tickets, which still lead to the ticket they were merged into.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mailgate.store.models

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ticket_links",
        sa.Column("id", Id, nullable=False),
        sa.Column("ticket_id", Id, nullable=False),
        sa.Column("other_id", Id, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_links_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["tickets.id"], name=op.f("fk_ticket_links_other_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_links")),
        sa.UniqueConstraint(
            "ticket_id", "other_id", "kind", name=op.f("uq_ticket_links_ticket_id")
        ),
    )
    op.create_index(op.f("ix_ticket_links_ticket_id"), "ticket_links", ["ticket_id"])
    op.create_index(op.f("ix_ticket_links_other_id"), "ticket_links", ["other_id"])
    op.create_table(
        "ticket_aliases",
        sa.Column("number", Id, nullable=False),
        sa.Column("ticket_id", Id, nullable=False),
        sa.Column("created_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["number"], ["tickets.id"], name=op.f("fk_ticket_aliases_number_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_aliases_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_ticket_aliases")),
    )
    op.create_index(op.f("ix_ticket_aliases_ticket_id"), "ticket_aliases", ["ticket_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_aliases_ticket_id"), table_name="ticket_aliases")
    op.drop_table("ticket_aliases")
    op.drop_index(op.f("ix_ticket_links_other_id"), table_name="ticket_links")
    op.drop_index(op.f("ix_ticket_links_ticket_id"), table_name="ticket_links")
    op.drop_table("ticket_links")
