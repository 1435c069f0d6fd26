"""The search table on SQLite made again with prefix indexes: FTS5 finds the words a
query's last word begins ("inv" → invoice, inventory, …) in an index of the first two,
three and four letters of every word, instead of reading the rows of every such word
first — at a million tickets, a second for a short prefix, under a millisecond with
the index.  PostgreSQL's table is unchanged.

The rows are copied inside the migration: on a large helpdesk it takes a while (about
two and a half minutes for three million messages on a small machine).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

from alembic import op

from mailgate.store.search_repo import FTS5_COLUMNS, FTS5_PREFIXES, FTS5_TOKENIZER, SEARCH_TABLE

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _rebuild(prefixes: str | None) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    option = f", prefix='{prefixes}'" if prefixes else ""
    op.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE}_new USING fts5("
        f'{FTS5_COLUMNS}, tokenize="{FTS5_TOKENIZER}"{option})'
    )
    op.execute(
        f"INSERT INTO {SEARCH_TABLE}_new (rowid, ticket_id, document) "
        f"SELECT rowid, ticket_id, document FROM {SEARCH_TABLE}"
    )
    op.execute(f"DROP TABLE {SEARCH_TABLE}")
    op.execute(f"ALTER TABLE {SEARCH_TABLE}_new RENAME TO {SEARCH_TABLE}")


def upgrade() -> None:
    _rebuild(FTS5_PREFIXES)


def downgrade() -> None:
    _rebuild(None)
