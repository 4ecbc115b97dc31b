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


# Ranking (bm25) is computed for every match before the best can be taken: for a word in
# most minutes that is ~100 ms. So a search ranks only when it matches at most this many
# rows, and otherwise lists the newest first (the index's rowid grows with each record's id),
# which takes a few milliseconds whatever the count (benchmarks/FINDINGS.md).
RANK_AT_MOST = 500
PAGE = 50

_ORDERS = {True: ("rank, rowid DESC", "s.rank, s.rid DESC"),
           False: ("rowid DESC", "s.rid DESC")}


def _search_sql(ranked: bool) -> str:
    inner, outer = _ORDERS[ranked]
    return f"""
SELECT s.kind, s.snippet, b.name AS board, m.id AS meeting_id, m.date AS meeting_date,
       i.id AS item_id, i.number AS item_number, i.title AS item_title, a.number AS action_number
FROM (
    SELECT kind, ref_id, rowid AS rid, {"rank" if ranked else "0 AS rank"},
           snippet(search_index, -1, '{MATCH_START}', '{MATCH_END}', '…', 14) AS snippet
    FROM search_index WHERE search_index MATCH :query ORDER BY {inner}
    LIMIT :limit OFFSET :offset
) AS s
LEFT JOIN action_update u ON s.kind = {KIND_UPDATE} AND u.id = s.ref_id
LEFT JOIN action a ON (s.kind = {KIND_ACTION} AND a.id = s.ref_id) OR a.id = u.action_id
LEFT JOIN agenda_item i ON (s.kind = {KIND_ITEM} AND i.id = s.ref_id) OR i.id = a.item_id
LEFT JOIN meeting m ON m.id = coalesce(i.meeting_id, u.meeting_id, a.meeting_id)
LEFT JOIN board b ON b.id = coalesce(m.board_id, a.board_id)
ORDER BY {outer}
"""


_SEARCH = {ranked: _search_sql(ranked) for ranked in (True, False)}
_COUNT_UP_TO = ("SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH "
                ":query LIMIT :cap)")


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    more: bool  # further pages follow (ask with offset=offset + len(hits))
    ranked: bool  # best matches first; otherwise newest first
    total: int | None  # how many match, when at most RANK_AT_MOST (ranked); else not counted


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def search_page(database: Database, words: str, offset: int = 0,
                limit: int = PAGE) -> SearchPage:
    """One page of the matches: the best first when there are few, else the newest first.
    Every page of one search uses the same order, so the pages together are every match."""
    query = fts_query(words)
    if query is None:
        return SearchPage([], False, True, 0)
    with database.session() as session:
        counted = int(session.execute(text(_COUNT_UP_TO),
                                      {"query": query, "cap": RANK_AT_MOST + 1}).scalar_one())
        ranked = counted <= RANK_AT_MOST
        rows = session.execute(text(_SEARCH[ranked]), {
            "query": query, "limit": limit + 1, "offset": offset}).mappings().all()
    hits = [
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
        for row in rows[:limit]
    ]
    return SearchPage(hits, len(rows) > limit, ranked, counted if ranked else None)


def search(database: Database, words: str, limit: int = 200) -> list[SearchHit]:
    """The first `limit` matches, in the order of `search_page`."""
    return search_page(database, words, 0, limit).hits
