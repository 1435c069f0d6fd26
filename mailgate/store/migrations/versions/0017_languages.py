"""The language of each ticket's mail to the client, and the language each client is
answered in, by address (docs/languages.md).  Tickets opened before keep no language:
their mail is written in [helpdesk] language, as before.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mailgate.store.models

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))
    op.create_table(
        "client_languages",
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column(
            "ticket_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("updated_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_client_languages")),
    )


def downgrade() -> None:
    op.drop_table("client_languages")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("language")
