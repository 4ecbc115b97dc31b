"""The full-text index over minutes, agenda titles, actions and their updates (SQLite FTS5).

Triggers written by migration 0002 keep it in step with every insert, update and delete, so
no code path can forget it. Each indexed row's rowid encodes what it points at:
rowid = id * 4 + kind, which lets a trigger replace one entry without scanning the index.
"""

from __future__ import annotations

import html
import re

TABLE = "search_index"

KIND_ITEM = 0
KIND_ACTION = 1
KIND_UPDATE = 2
KINDS = {KIND_ITEM: "item", KIND_ACTION: "action", KIND_UPDATE: "update"}

TEXT_FUNCTION = "boardwork_index_text"

_TAG = re.compile(r"<[^>]*>")


def index_text(markup: str | None) -> str:
    """Words of stored minutes (already sanitised to a few plain tags) for the index."""
    if not markup:
        return ""
    return html.unescape(_TAG.sub(" ", markup))


def register_functions(connection: object) -> None:
    """Every connection needs the function the index triggers call."""
    connection.create_function(  # type: ignore[attr-defined]
        TEXT_FUNCTION, 1, index_text, deterministic=True
    )


def not_the_index(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's comparisons: the FTS5 tables are made by hand in a revision, not models."""
    return not (type_ == "table" and name is not None and name.startswith(TABLE))
