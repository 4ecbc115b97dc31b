"""Alembic environment: always run by desktop.models.migrate on a connection it provides."""

from __future__ import annotations

from alembic import context

from desktop.models import Base
from desktop.models.search_index import not_the_index

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through desktop.models.migrate, which passes a connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode does that with the constraints kept.
    render_as_batch=True,
    compare_type=True,
    include_name=not_the_index,
)
with context.begin_transaction():
    # Foreign keys are off here (see desktop.models.migrate) and checked before commit.
    # SQLite drops a table's triggers with it: a revision that rebuilds agenda_item, action
    # or action_update in batch mode must create their search-index triggers again.
    context.run_migrations()
