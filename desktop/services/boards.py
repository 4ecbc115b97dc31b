"""Boards and groups as the rest of the application lists them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import Board
from desktop.models.database import Database


@dataclass(frozen=True)
class BoardInfo:
    id: int
    key: str
    name: str
    short_name: str | None
    kind: str
    parent_id: int | None
    depth: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


def list_boards(database: Database) -> list[BoardInfo]:
    """Every board and group, each followed by its sub-groups (depth-first, by name)."""
    with database.session() as session:
        boards = session.scalars(select(Board).order_by(Board.name)).all()
    children: dict[int | None, list[Board]] = {}
    for board in boards:
        children.setdefault(board.parent_id, []).append(board)
    ordered: list[BoardInfo] = []

    def visit(parent: int | None, depth: int) -> None:
        for board in children.get(parent, []):
            ordered.append(
                BoardInfo(board.id, board.key, board.name, board.short_name,
                          board.kind.value, board.parent_id, depth)
            )
            visit(board.id, depth + 1)

    visit(None, 0)
    return ordered


NUMBERING_STYLES = {"decimal": "5.1, 5.2", "letters": "6(a), 6(b)"}


def numbering_styles(database: Database) -> dict[int, str]:
    with database.session() as session:
        rows = session.execute(select(Board.id, Board.numbering_style)).all()
    return {board_id: style.value for board_id, style in rows}

