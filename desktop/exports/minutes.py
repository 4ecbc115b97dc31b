"""Minutes of a meeting, in the layout of the board's printed minutes.

Title block; who was present, in attendance and sent apologies (name | initials | role and
agency); the items as number | minutes | action, the action column giving each action's
number, owners and due date; the updates given on earlier actions, under matters arising;
actions agreed against no item; the interests declared at each item (who, what, whether
they withdrew) and the decisions taken there; when the meeting closed and the next one.
Optionally, the time each item was reached. DRAFT until the minutes are approved; approved
minutes list their amendments. In the full minutes a confidential item says so at its
heading and on the top of every PDF page it is on; the public version keeps its number and
says it is minuted separately, and nothing else of it. A meeting not yet held has no
minutes: refused.
"""

from __future__ import annotations

import datetime as dt

from desktop.dates import show_date, show_time
from desktop.exports.document import (
    Block,
    Cell,
    CellBlock,
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Run,
    Table,
    cell,
    html_blocks,
    para,
    span_row,
)
from desktop.services.actions.common import STATUS_NAMES
from desktop.services.documents import (
    AttendanceLine,
    DocumentError,
    ItemAction,
    ItemRecord,
    MeetingRecord,
    UpdateLine,
)
from desktop.services.richtext import html_to_text

CONFIDENTIAL = "Confidential – minuted separately"  # what the public version prints instead
CONFIDENTIAL_MARK = "CONFIDENTIAL – not for publication"  # at the item in the full papers
NONE_RECORDED = "None recorded."
STATUS_HEADINGS = (("present", "Present"), ("in_attendance", "In attendance"),
                   ("apologies", "Apologies"), ("absent", "Absent"),
                   ("expected", "Expected (not marked present or absent)"))
# A4 portrait less 2 × 18 mm margins: 174 mm.
ATTENDANCE_COLUMNS = (Column("Name", 48), Column("Initials", 18), Column("Role and agency", 108))
ITEM_COLUMNS = (Column("No.", 14), Column("Minutes", 130), Column("Action", 30))
OTHER_ACTION_COLUMNS = (Column("No.", 14), Column("Action", 116), Column("Owners and due", 44))


def meeting_title_block(record: MeetingRecord) -> tuple[str, ...]:
    """The lines under the title: meeting, day and time, venue (what the papers print)."""
    when = f"{record.date:%A} {show_date(record.date)}"
    if record.start:
        when += f", {show_time(record.start)}"
        if record.end:
            when += f" to {show_time(record.end)}"
    return tuple(line for line in (record.title or "Meeting", when, record.venue or "") if line)


def minutes_document(record: MeetingRecord, organisation: str = "",
                     public: bool = False, item_times: bool = False) -> Document:
    if not record.held:
        # Minutes of a meeting not yet held would be an agenda passed off as a record.
        raise DocumentError("This meeting has not been held yet, so it has no minutes: "
                            "export its agenda instead.", "meeting")
    updates = tuple(u for u in record.action_updates if not (public and u.confidential))
    blocks: list[Block] = [_attendance_table(record) if record.attendance else
                           para(f"Attendance: {NONE_RECORDED}")]
    blocks.append(_items_table(record, public, item_times, updates) if record.items else
                  para(f"Items: {NONE_RECORDED}"))
    if updates and _updates_item(record, public) is None:
        blocks.append(Heading("Updates on actions", 2))
        blocks.extend(_update_paragraph(u, public) for u in updates)
    if record.other_actions:
        blocks.append(Heading("Other actions agreed", 2))
        blocks.append(Table(OTHER_ACTION_COLUMNS,
                            tuple(_other_action_row(a) for a in record.other_actions)))
    if record.other_decisions:
        blocks.append(Heading("Other decisions", 2))
        blocks.extend(_decision(text) for text in record.other_decisions)
    blocks.extend(_closing(record))
    if record.approved and record.amendments:
        # Agreed when approving (dated by that meeting) or made later: each says when.
        blocks.append(Heading("Amendments to these minutes", 2))
        blocks.extend(para(f"{show_date(a.date)}: {a.text}") for a in record.amendments)
    which = "Minutes (public version)" if public else "Minutes"
    return Document(
        title=f"Minutes of {record.board}",
        subtitle=meeting_title_block(record),
        blocks=tuple(blocks),
        header=organisation or record.board,
        footer=f"{which}: {record.title or 'meeting'} {show_date(record.date)}",
        draft=not record.approved,
    )


def _attendance_table(record: MeetingRecord) -> Table:
    rows: list[Row] = []
    for status, heading in STATUS_HEADINGS:
        people = [a for a in record.attendance if a.status == status]
        if people:
            rows.append(span_row(f"{heading}:"))
            rows.extend(Row((cell(a.name), cell(a.initials), cell(role_text(a))))
                        for a in people)
    # Grouped: over a page break the group's label is repeated ("Apologies (continued):"),
    # so an absent member on the next page does not read as present.
    return Table(ATTENDANCE_COLUMNS, tuple(rows), grouped=True)


def role_text(line: AttendanceLine) -> str:
    """Role and agency, then what the papers add in brackets: who they stand in for, times."""
    text = line.role
    if line.representing:
        text += f", representing {line.representing}"
    if line.note:
        text += f" ({line.note})"
    times = [f"arrived {show_time(line.arrived)}" if line.arrived else "",
             f"left {show_time(line.left)}" if line.left else ""]
    if any(times):
        text += f" ({', '.join(t for t in times if t)})"
    return text


def _items_table(record: MeetingRecord, public: bool, item_times: bool,
                 updates: tuple[UpdateLine, ...]) -> Table:
    updates_at = _updates_item(record, public)
    rows = tuple(_item_row(item, public, item_times, updates if item is updates_at else ())
                 for item in record.items)
    return Table(ITEM_COLUMNS, rows)


def _updates_item(record: MeetingRecord, public: bool) -> ItemRecord | None:
    """The first item where matters arising are minuted (None: they follow the items)."""
    return next((item for item in record.items if item.matters_arising
                 and not (public and item.confidential)), None)


def _item_row(item: ItemRecord, public: bool, item_times: bool,
              updates: tuple[UpdateLine, ...]) -> Row:
    # Each item's title is a heading: in Word's navigation pane, and the PDF's bookmarks and
    # tags for a screen reader; bold text to the eye.
    level = 1 if item.depth == 0 else 2
    if public and item.confidential:
        return Row((cell(item.number),
                    (Paragraph((Run(CONFIDENTIAL),), heading=level,
                               outline=f"{item.number} {CONFIDENTIAL}"),), cell("")))
    title = [Run(item.title, bold=True, underline=item.depth > 0)]
    if item_times and item.started_at:
        title.append(Run(f"  ({show_time(item.started_at)})", italic=True))
    minutes: list[CellBlock] = [Paragraph(tuple(title), heading=level,
                                          outline=f"{item.number} {item.title}")]
    if item.confidential:
        minutes.append(Paragraph((Run(CONFIDENTIAL_MARK, bold=True),)))
    if item.presenter:
        minutes.append(para(f"Presented by {item.presenter}", italic=True))
    if item.declarations:
        minutes.append(Paragraph((Run("Declarations of interest", underline=True),)))
        minutes.extend(para(text) for text in item.declarations)
    minutes.extend(html_blocks(item.minutes_html))
    if item.decisions:
        minutes.append(Paragraph((Run("Decisions", underline=True),)))
        minutes.extend(_decision(text) for text in item.decisions)
    updates = _not_yet_minuted(updates, item.minutes_html)
    if updates:
        minutes.append(Paragraph((Run("Updates on actions", underline=True),)))
        minutes.extend(_update_paragraph(u, public) for u in updates)
    marked = item.confidential or any(u.confidential for u in updates)
    return Row((cell(item.number, bold=item.depth == 0), tuple(minutes), _action_cell(item)),
               page_mark=CONFIDENTIAL_MARK if marked else "")


def _decision(text: str) -> Paragraph:
    """"RESOLVED: The Board agreed …"; a decision typed beginning "RESOLVED" says it once."""
    if text.upper().startswith("RESOLVED"):
        word, rest = text[:8], text[8:]
        return Paragraph((Run(word, bold=True), Run(rest)))
    return Paragraph((Run("RESOLVED: ", bold=True), Run(text)))


def _not_yet_minuted(updates: tuple[UpdateLine, ...], html: str | None
                     ) -> tuple[UpdateLine, ...]:
    """Updates whose words the item's minutes do not already hold: minutes typed or imported
    with the action log written out (as the Herefordshire sample's are) do not say it twice."""
    if not updates or not html:
        return updates
    written = " ".join(html_to_text(html).split())
    return tuple(u for u in updates if " ".join(u.update.split()) not in written)


def _update_paragraph(update: UpdateLine, public: bool = False) -> Paragraph:
    """As the reference minutes write the action log: "Action No. 69 (25.01.2017) CSE
    Strategic Group - what was to be done. ONGOING – what was reported"."""
    raised = f" ({show_date(update.raised)})" if update.raised else ""
    title = f"{update.title} - " if update.title else ""
    owners = f" ({' / '.join(update.owners)})" if update.owners else ""
    status = STATUS_NAMES[update.status] if update.status else ""
    # "ONGOING – ...": said once, though the update was typed beginning with it.
    status = "" if update.update.lower().startswith(status.lower()) else f"{status.upper()} – "
    # In the full minutes an update on an action of a confidential item says so first.
    mark = (Run(f"{CONFIDENTIAL_MARK}: ", bold=True),) if update.confidential and not public \
        else ()
    return Paragraph((*mark, Run(f"Action No. {update.number}", bold=True),
                      Run(f"{raised} {title}{update.text}{owners} "),
                      Run(f"{status}{update.update}", italic=True)))


def action_label(number: int, owners: tuple[str, ...], due: dt.date | None) -> str:
    """One line of the action column: "119: LB, due 31/12/2018"."""
    text = f"{number}: {' / '.join(owners)}" if owners else str(number)
    return text + (f", due {show_date(due)}" if due else "")


def _action_cell(item: ItemRecord) -> Cell:
    """Each action raised under the item, one line each: its number, owners and due date
    (six owners' initials stacked against one item could not be told apart)."""
    return cell(*(action_label(a.number, a.owners, a.due) for a in item.actions))


def _other_action_row(action: ItemAction) -> Row:
    """An action agreed against no item: its number, what is to be done, owners and due."""
    text: tuple[CellBlock, ...] = cell(action.text)
    if action.title:
        text = (Paragraph((Run(action.title, bold=True),)), *text)
    owners = " / ".join(action.owners)
    due = f"due {show_date(action.due)}" if action.due else ""
    return Row((cell(str(action.number)), text, cell(owners, due)))


def _closing(record: MeetingRecord) -> list[Block]:
    lines: list[Block] = []
    if record.closed_at:
        lines.append(para(f"Meeting closed at {show_time(record.closed_at)}.", "strong"))
    if record.next_meeting:
        lines.append(para(f"Date of next meeting: {record.next_meeting:%A} "
                          f"{show_date(record.next_meeting)}", "strong"))
    return lines
