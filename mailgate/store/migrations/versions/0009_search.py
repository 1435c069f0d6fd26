"""Full-text search: a row per message a person wrote, in an FTS5 table on SQLite and in
a table with a tsvector under a GIN index on PostgreSQL (``store/search_repo.py``), and
the messages already written indexed.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from mailgate.store.search_repo import (
    FTS5_COLUMNS,
    FTS5_TOKENIZER,
    SEARCH_TABLE,
    SearchRepo,
    document,
    is_searchable,
)

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Messages indexed per round trip: the backfill of a large helpdesk holds no more.
_BATCH = 2000

_messages = sa.table(
    "messages",
    sa.column("id", sa.BigInteger),
    sa.column("ticket_id", sa.BigInteger),
    sa.column("direction", sa.String),
    sa.column("subject", sa.Text),
    sa.column("from_name", sa.Text),
    sa.column("from_address", sa.Text),
    sa.column("to", sa.JSON),
    sa.column("cc", sa.JSON),
    sa.column("text", sa.Text),
    sa.column("reply_text", sa.Text),
)
_attachments = sa.table(
    "attachments", sa.column("message_pk", sa.BigInteger), sa.column("filename", sa.Text)
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            f"CREATE TABLE {SEARCH_TABLE} ("
            "message_pk BIGINT NOT NULL REFERENCES messages (id), "
            "ticket_id BIGINT NOT NULL REFERENCES tickets (id), "
            "document TSVECTOR NOT NULL, "
            f"CONSTRAINT pk_{SEARCH_TABLE} PRIMARY KEY (message_pk))"
        )
        op.execute(
            f"CREATE INDEX ix_{SEARCH_TABLE}_document ON {SEARCH_TABLE} USING gin (document)"
        )
        op.execute(f"CREATE INDEX ix_{SEARCH_TABLE}_ticket_id ON {SEARCH_TABLE} (ticket_id)")
    else:
        op.execute(
            f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
            f'{FTS5_COLUMNS}, tokenize="{FTS5_TOKENIZER}")'
        )
    _backfill(bind)
    if bind.dialect.name == "postgresql":
        # The planner's statistics of the new table, so that the first searches are
        # planned from them rather than from guesses (autovacuum would take a while).
        op.execute(f"ANALYZE {SEARCH_TABLE}")


def _backfill(bind: sa.Connection) -> None:
    repo = SearchRepo(bind)
    after = 0
    while True:
        rows = bind.execute(
            sa.select(_messages)
            .where(_messages.c.id > after)
            .order_by(_messages.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        after = rows[-1].id
        files: defaultdict[int, list[str]] = defaultdict(list)
        for pk, filename in bind.execute(
            sa.select(_attachments.c.message_pk, _attachments.c.filename)
            .where(_attachments.c.message_pk.between(rows[0].id, after))
            .order_by(_attachments.c.message_pk)
        ):
            files[pk].append(filename)
        repo.index(
            [
                document(
                    m.id,
                    m.ticket_id,
                    subject=m.subject or "",
                    from_name=m.from_name,
                    from_address=m.from_address,
                    to=m.to or [],
                    cc=m.cc or [],
                    reply_text=m.reply_text or "",
                    filenames=files.get(m.id, ()),
                )
                for m in rows
                if is_searchable(m.direction, m.text or "", m.reply_text or "")
            ]
        )


def downgrade() -> None:
    op.execute(f"DROP TABLE {SEARCH_TABLE}")
