"""Agenda labels: 1, 2, 3; sub-items 5.1, 5.2 or 6(a), 6(b) by the board's style.

A label a person typed (`number_fixed`) is kept as it is; the others are recalculated after
every change to the agenda's shape. An item printed without a number (fixed label "") is not
counted, and sub-items of it that have no label of their own stay unnumbered too.
"""

from __future__ import annotations

import string

from sqlalchemy import String, cast, inspect, select, update
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Meeting, NumberingStyle
from desktop.services.errors import InvalidInput

# Levels of items within items: far beyond any real agenda (5.1.2), and a bound that the
# import shares, so that an agenda made here always exports and imports again.
MAX_DEPTH = 20


def sub_label(parent: str, index: int, style: NumberingStyle, depth: int) -> str:
    """The label of the `index`-th (from 0) sub-item of `parent`."""
    if style is NumberingStyle.LETTERS and depth == 1:
        letters = string.ascii_lowercase
        letter = letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
        return f"{parent}({letter})"
    return f"{parent}.{index + 1}"


def computed_labels(meeting: Meeting, items: list[AgendaItem]) -> dict[int, str]:
    """Item id → the label it should carry, fixed labels included."""
    style = meeting.board.numbering_style
    children: dict[int | None, list[AgendaItem]] = {}
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        children.setdefault(item.parent_id, []).append(item)
    labels: dict[int, str] = {}

    def visit(parent: AgendaItem | None, depth: int) -> None:
        siblings = children.get(parent.id if parent else None, [])
        index = 0
        for item in siblings:
            if item.number_fixed:
                labels[item.id] = item.number
            elif parent is None:
                labels[item.id] = str(index + 1)
            elif labels[parent.id] == "":
                labels[item.id] = ""
            else:
                labels[item.id] = sub_label(labels[parent.id], index, style, depth)
            if labels[item.id] != "":
                index += 1
            visit(item, depth + 1)

    visit(None, 0)
    return labels


def renumber(session: Session, meeting: Meeting) -> None:
    """Recalculate labels and tidy positions (0, 1, 2 … within each parent)."""
    # Nothing is flushed before the check: a label typed by a person may clash.
    with session.no_autoflush:
        items = list(session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)))
        labels = computed_labels(meeting, items)
        seen: set[str] = set()
        for label in labels.values():
            if label in seen and label != "":  # any number of items may be unnumbered
                raise InvalidInput(
                    f"Two items would both be numbered {label}: change one label.", "number")
            seen.add(label)
        by_parent: dict[int | None, list[AgendaItem]] = {}
        for item in sorted(items, key=lambda i: (i.position, i.id)):
            by_parent.setdefault(item.parent_id, []).append(item)
        for siblings in by_parent.values():
            for position, item in enumerate(siblings):
                item.position = position
        # Labels are unique per meeting: every row whose stored label changes is parked
        # first, so a swap cannot clash. Parking goes straight to the table, so the audit
        # trail records the real change (old label to new), not the parking place.
        moving = [item.id for item in items if _stored_number(item) != labels[item.id]]
        if moving:
            session.execute(
                update(AgendaItem).where(AgendaItem.id.in_(moving))
                .values(number="~park-" + cast(AgendaItem.id, String))
                .execution_options(synchronize_session=False)
            )
        for item in items:
            item.number = labels[item.id]
    session.flush()


def _stored_number(item: AgendaItem) -> str:
    history = inspect(item).attrs.number.history
    return str(history.deleted[0]) if history.deleted else item.number
