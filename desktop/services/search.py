"""Full-text search across minutes, agenda titles, actions and their updates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import text

from desktop.models.database import Database
from desktop.models.search_index import KIND_ACTION, KIND_ITEM, KIND_UPDATE, KINDS

# Marks around matched words in snippets: control characters no user text contains.
MATCH_START = "\x02"
MATCH_END = "\x03"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "item", "action" or "update"
    board: str
    meeting_id: int | None
    meeting_date: dt.date | None
    item_id: int | None
    item_number: str | None
    item_title: str | None
    action_number: int | None
    # The matching words, with each match between MATCH_START and MATCH_END.
    snippet: str

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")

    @property
    def where(self) -> str:
        if self.item_number is not None:
            return f"{self.item_number} {self.item_title}"
        return f"Action {self.action_number}"


def fts_query(words: str) -> str | None:
    """The user's words as an FTS5 query: every word must appear; the last may be a prefix.

    Each word is quoted, so punctuation and FTS5 operators typed by a user are just text.
    """
    tokens = _WORD.findall(words)
    if not tokens:
        return None
    quoted = [f'"{token}"' for token in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


_SEARCH = f"""
SELECT s.kind, s.snippet, b.name AS board, m.id AS meeting_id, m.date AS meeting_date,
       i.id AS item_id, i.number AS item_number, i.title AS item_title, a.number AS action_number
FROM (
    SELECT kind, ref_id, rank,
           snippet(search_index, -1, '{MATCH_START}', '{MATCH_END}', '…', 14) AS snippet
    FROM search_index WHERE search_index MATCH :query ORDER BY rank LIMIT :limit
) AS s
LEFT JOIN action_update u ON s.kind = {KIND_UPDATE} AND u.id = s.ref_id
LEFT JOIN action a ON (s.kind = {KIND_ACTION} AND a.id = s.ref_id) OR a.id = u.action_id
LEFT JOIN agenda_item i ON (s.kind = {KIND_ITEM} AND i.id = s.ref_id) OR i.id = a.item_id
LEFT JOIN meeting m ON m.id = coalesce(i.meeting_id, u.meeting_id, a.meeting_id)
LEFT JOIN board b ON b.id = coalesce(m.board_id, a.board_id)
ORDER BY s.rank
"""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def search(database: Database, words: str, limit: int = 200) -> list[SearchHit]:
    query = fts_query(words)
    if query is None:
        return []
    with database.session() as session:
        rows = session.execute(text(_SEARCH), {"query": query, "limit": limit}).mappings().all()
    return [
        SearchHit(
            kind=KINDS[row["kind"]],
            board=row["board"] or "",
            meeting_id=row["meeting_id"],
            meeting_date=_date(row["meeting_date"]),
            item_id=row["item_id"],
            item_number=row["item_number"],
            item_title=row["item_title"],
            action_number=row["action_number"],
            snippet=row["snippet"],
        )
        for row in rows
    ]
