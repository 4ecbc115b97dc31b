"""Full-text search across minutes, agenda titles, actions and their updates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from desktop.models.database import Database
from desktop.models.search_index import KIND_ACTION, KIND_ITEM, KIND_UPDATE, KINDS
from desktop.services.search_terms import Terms, current_terms, reading

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


@dataclass(frozen=True)
class _Exact:
    query: str  # the words as the index holds them, the last no longer a prefix
    matches: int | None  # how many rows match, when the word list says (a single word)
    at_most: int  # no more rows than this match: the fewest rows holding one of its words


def _exact(words: str, terms: Terms) -> _Exact | None:
    """The query of `fts_query` with its last word (a prefix) as the one word of the index
    it begins, if just one: the same matches, snippets and order, found without FTS5 merging
    every match of the prefix first. None when that cannot be said: the prefix is not plain
    letters and digits (whose folding here is the tokenizer's), or it begins several words
    (as one phrase they score a snippet's fragments differently from a prefix: the fragment
    shown would change)."""
    tokens = _WORD.findall(words)
    last = tokens[-1]
    if not (last.isascii() and last.isalnum()):
        return None
    found = terms.beginning(last.lower(), at_most=1)
    if found is None:
        return None
    if not found:
        return _Exact("", 0, 0)
    word, at_most = found[0]
    for token in tokens[:-1]:
        if token.isascii() and token.isalnum():  # a phrase of this one word
            at_most = min(at_most, terms.rows_of(token.lower()))
    return _Exact(" ".join([f'"{token}"' for token in tokens[:-1]] + [f'"{word}"']),
                  at_most if len(tokens) == 1 else None, at_most)


# Ranking (bm25) is computed for every match before the best can be taken: for a word in
# most minutes that is ~100 ms. So a search ranks only when it matches at most this many
# rows, and otherwise lists the newest first (the index's rowid grows with each record's id),
# which takes a few milliseconds whatever the count (benchmarks/FINDINGS.md).
RANK_AT_MOST = 500
# Rows a page: the search dialog shows at most 17 at full height on a 1366×768 screen
# (a result is at least two lines), and adds the next page as its list is scrolled to the
# end. Every row of a page costs its snippet, five look-ups and a label laid out on each
# keystroke: 50 rows took ~0.4 ms more of the search than 20 (benchmarks/FINDINGS.md).
PAGE = 20

_ORDERS = {True: ("rank, rowid DESC", "s.rank, s.rid DESC"),
           False: ("rowid DESC", "s.rid DESC")}


def _search_sql(ranked: bool) -> str:
    # One statement: the page's matches with their snippets, and for each the meeting, item
    # and action it belongs to. Each join is one primary-key look-up (CASE, not OR, which
    # made SQLite try two indexes a row).
    inner, outer = _ORDERS[ranked]
    return f"""
SELECT s.kind, s.snippet, b.name, m.id, m.date, i.id, i.number, i.title, a.number, s.rid
FROM (
    SELECT kind, ref_id, rowid AS rid, {"rank" if ranked else "0 AS rank"},
           snippet(search_index, -1, '{MATCH_START}', '{MATCH_END}', '…', 14) AS snippet
    FROM search_index WHERE search_index MATCH ? ORDER BY {inner}
    LIMIT ? OFFSET ?
) AS s
LEFT JOIN action_update u ON s.kind = {KIND_UPDATE} AND u.id = s.ref_id
LEFT JOIN action a ON a.id = CASE s.kind WHEN {KIND_ACTION} THEN s.ref_id ELSE u.action_id END
LEFT JOIN agenda_item i ON i.id = CASE s.kind WHEN {KIND_ITEM} THEN s.ref_id ELSE a.item_id END
LEFT JOIN meeting m ON m.id = coalesce(i.meeting_id, u.meeting_id, a.meeting_id)
LEFT JOIN board b ON b.id = coalesce(m.board_id, a.board_id)
ORDER BY {outer}
"""


_SEARCH = {ranked: _search_sql(ranked) for ranked in (True, False)}
# Newest first, as the page is read: the same end of the index's lists as the page.
_COUNT_UP_TO = ("SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH "
                "? ORDER BY rowid DESC LIMIT ?)")
# The matches older than a page's last, up to a number: the rest of a count.
_COUNT_OLDER = ("SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH "
                "? AND rowid < ? ORDER BY rowid DESC LIMIT ?)")


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    more: bool  # further pages follow (ask with offset=offset + len(hits))
    ranked: bool  # best matches first; otherwise newest first
    total: int | None  # how many match, when at most RANK_AT_MOST (ranked); else not counted


_DAY = dt.date.fromisoformat


def search_page(database: Database, words: str, offset: int = 0,
                limit: int = PAGE) -> SearchPage:
    """One page of the matches: the best first when there are few, else the newest first.
    Every page of one search uses the same order, so the pages together are every match."""
    query = fts_query(words)
    if query is None:
        return SearchPage([], False, True, 0)
    with reading(database) as connection:
        terms = current_terms(database, connection)
        exact = _exact(words, terms) if terms is not None else None
        if exact is None:
            return _counted_first(connection, query, query, offset, limit)
        if exact.at_most == 0:
            return SearchPage([], False, True, 0)
        if exact.matches is not None:  # one word: the word list says how many match
            return _page(connection, query, exact.query, offset, limit,
                         min(exact.matches, RANK_AT_MOST + 1))
        if exact.at_most <= RANK_AT_MOST or offset > 0:
            return _counted_first(connection, query, exact.query, offset, limit)
        return _newest_then_counted(connection, query, exact.query, limit)


def _counted_first(connection: Any, query: str, quick: str, offset: int,
                   limit: int) -> SearchPage:
    """Count the matches (up to one more than are ranked), then read the page."""
    counted = connection.execute(_COUNT_UP_TO, (quick, RANK_AT_MOST + 1)).fetchone()[0]
    return _page(connection, query, quick, offset, limit, counted)


def _page(connection: Any, query: str, quick: str, offset: int, limit: int,
          counted: int) -> SearchPage:
    """The page, `counted` being how many match, or RANK_AT_MOST + 1 for more than that.
    Ranked by the query as typed: bm25 weighs a prefix as one phrase, the words it begins
    as several, and the order of the few matches must not depend on which ran."""
    ranked = counted <= RANK_AT_MOST
    # Whether more follow is known from the count, but for a page past the first 500.
    known = ranked or offset + limit < counted
    rows = connection.execute(_SEARCH[ranked], (query if ranked else quick,
                                                limit if known else limit + 1, offset)).fetchall()
    more = offset + limit < counted if known else len(rows) > limit
    return SearchPage(_hits(rows[:limit]), more, ranked, counted if ranked else None)


def _newest_then_counted(connection: Any, query: str, quick: str, limit: int) -> SearchPage:
    """The first page newest first, then the count of the older matches only: for words
    each in more rows than are ranked, whose matches are most likely too many to rank too,
    the count does not read again what the page read. If they are few after all, the page
    is read again, ranked."""
    rows = connection.execute(_SEARCH[False], (quick, limit, 0)).fetchall()
    older = 0
    if len(rows) == limit:  # else every match is on this page
        older = connection.execute(_COUNT_OLDER, (
            quick, rows[-1][-1], max(RANK_AT_MOST + 1 - len(rows), 1))).fetchone()[0]
    if len(rows) + older <= RANK_AT_MOST:
        return _page(connection, query, quick, 0, limit, len(rows) + older)
    return SearchPage(_hits(rows), older > 0, False, None)


def _hits(rows: list[Any]) -> list[SearchHit]:
    # Each hit's fields set in one dictionary update: a frozen dataclass's __init__ sets them
    # one object.__setattr__ call at a time, which was 0.117 ms of a 50-row page against
    # 0.050 ms so (benchmarks/FINDINGS.md). The hits are the same (equal, frozen, hashable).
    hits = []
    make = object.__new__
    for (kind, snippet, board, meeting_id, meeting_date, item_id, item_number, item_title,
         action_number, _rid) in rows:
        hit = make(SearchHit)
        hit.__dict__.update(
            kind=KINDS[kind], board=board or "", meeting_id=meeting_id,
            meeting_date=_DAY(meeting_date) if meeting_date else None, item_id=item_id,
            item_number=item_number, item_title=item_title, action_number=action_number,
            snippet=snippet)
        hits.append(hit)
    return hits


def search(database: Database, words: str, limit: int = 200) -> list[SearchHit]:
    """The first `limit` matches, in the order of `search_page`."""
    return search_page(database, words, 0, limit).hits
