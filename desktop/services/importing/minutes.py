"""Minutes written in Word, in a council's own layout, as a meeting in draft minutes.

Read in order: the title block (board, date, time, venue), the attendance (a table of
attendees and apologies, or "Present:", "In attendance:", "Apologies:" followed by rows or
paragraphs of names), then the items (headings, numbered paragraphs or rows of a table whose
first cell is the number). Action lines ("ACTION 2: Lorna Hunt, Mairead Panetta – ...",
"Action: LB to ...") become the meeting's actions with their owners. The meeting arrives as
draft minutes: the minute-taker checks it before it is approved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.models import AttendanceStatus, MeetingStatus
from desktop.services.action_lines import parse_action_line, split_owners
from desktop.services.importing.existing import Existing, folded, match_person
from desktop.services.importing.minutes_title import LABEL, board_in, title_block
from desktop.services.importing.plan import Plan
from desktop.services.importing.word_blocks import Para, Row, html_of, read_blocks

_MARKERS = (
    ("in attendance", AttendanceStatus.IN_ATTENDANCE),
    ("also present", AttendanceStatus.IN_ATTENDANCE),
    ("present", AttendanceStatus.PRESENT), ("attendees", AttendanceStatus.PRESENT),
    ("members present", AttendanceStatus.PRESENT), ("attendance", AttendanceStatus.PRESENT),
    ("apologies", AttendanceStatus.APOLOGIES), ("absent", AttendanceStatus.ABSENT),
)
_MARKER = re.compile(r"^(?P<word>in attendance|also present|members present|present|attendees|"
                     r"attendance|apologies(?: received)?(?: for absence)?|absent)\s*[:\-–]?\s*"
                     r"(?P<rest>.*)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?$")
_NUMBERED_TITLE = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?P<title>\S.{0,150})$")
_ACTION_N = re.compile(
    r"^\s*action\s*(?P<n>\d*)\s*[:.]\s*(?P<owners>[^–—:]+?)\s+[–—-]\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)
# An action line at the end of a paragraph, after a sentence or a dash.
_INLINE_ACTION = re.compile(r"(?:[.;!?]|\s[–—-])\s+(?P<line>actions?\s*[:–—-]\s*\S.*)$",
                            re.IGNORECASE)
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}\s*(?:am|pm)\b", re.IGNORECASE)
# Words that may be in lower case in an owner's name: "Quality Assurance group".
_NAME_WORDS = {"and", "of", "the", "for", "&", "group", "sub-group", "team", "services", "unit"}
_INITIALS = re.compile(r"^[A-Z][A-Za-z]{1,3}$")


class _Reader:
    def __init__(self, plan: Plan, known: Existing) -> None:
        self.plan, self.known = plan, known
        self.title: list[Para] = []
        self.attendance: list[dict[str, Any]] = []
        self.attendance_places: list[str] = []
        self.names: dict[str, str] = {}  # folded name -> person key
        self.initials: set[str] = set()
        self.items: list[dict[str, Any]] = []
        self.item_paras: list[list[Para]] = []
        self.item_places: list[str] = []
        # The action line, the words before it in its paragraph, its paragraph, its item.
        self.action_lines: list[tuple[str, str, Para, int]] = []
        self.status: AttendanceStatus | None = None
        self.people: set[str] = set()
        self.columns: list[str] = []  # headers of an attendees-and-apologies table
        self.item_owners: dict[int, str] = {}  # item index -> its owners column's text

    # -- the phases --------------------------------------------------------------------------

    def read(self, blocks: list[Para | Row]) -> None:
        for block in blocks:
            if isinstance(block, Row):
                self.row(block)
            else:
                self.paragraph(block)

    def paragraph(self, para: Para) -> None:
        if not para.text:
            return
        if not self.items and (match := _MARKER.match(para.text)) and len(para.text) < 400:
            self.status = _status(match["word"])
            if match["rest"]:
                for name in re.split(r"\s*[,;]\s*", match["rest"]):
                    self.person(*_person_line(name), para.place)
            return
        title = self.item_title(para)
        if title is not None:
            self.item(*title, para.place)
            return
        if self.items:
            self.content(para)
        elif self.status is not None and len(para.text) < 200 and not _ends_attendance(para.text):
            name, initials, role = _person_line(para.text)
            self.person(name, initials, role, para.place)
        elif self.status is not None:  # "NEXT MEETING", a date: the attendance has ended
            self.status = None
            self.columns = []
        else:
            self.title.append(para)

    def row(self, row: Row) -> None:
        texts = row.texts()
        if not any(texts):
            return
        heads = [folded(t).rstrip(":") for t in texts]
        if "apologies" in heads and any(h in ("attendees", "present") for h in heads):
            self.columns = heads  # attendees and apologies side by side
            self.status = AttendanceStatus.PRESENT
            return
        if self.columns and not self.items and not _NUMBER.match(texts[0]):
            self.side_by_side(texts, row.place)
            return
        if (match := _NUMBER.match(texts[0])) and len(row.cells) > 1:
            paras = [p for cell in row.cells[1:2] for p in cell if p.text]
            # The first paragraph is the title, unless it is minutes already (a long one).
            titled = bool(paras) and len(paras[0].text) <= 150
            self.item(match["number"], paras[0].text if titled else f"Item {match['number']}",
                      row.place)
            for para in paras[1:] if titled else paras:
                self.content(para)
            self._owners_column(texts)
            return
        if self.items:
            for cell in row.cells[:2]:
                for para in cell:
                    self.content(para)
            self._owners_column(texts)
            return
        if (match := _MARKER.match(texts[0])) and len(texts[0]) < 60:
            self.status = _status(match["word"])
            return
        if self.status is not None:
            initials = next((t for t in texts[1:] if _INITIALS.match(t)), None)
            role = ", ".join(t for t in texts[1:] if t and t != initials)
            self.person(texts[0], initials, role, row.place)
            return
        if label := LABEL.match(" ".join(t for t in texts if t)):
            self.title.append(Para(f"{label['label']}: {label['value']}", "", place=row.place))

    def _owners_column(self, texts: list[str]) -> None:
        """An items table's last column of owners ("SH/EH"): the owners of the item's action
        lines that name none themselves."""
        if len(texts) > 2 and texts[-1] and len(texts[-1]) < 80:
            self.item_owners.setdefault(len(self.items) - 1, texts[-1])

    def side_by_side(self, texts: list[str], place: str) -> None:
        for i, head in enumerate(self.columns):
            if i >= len(texts) or not texts[i] or head not in ("attendees", "present",
                                                               "apologies"):
                continue
            role = texts[i + 1] if i + 1 < len(texts) and self.columns[i + 1] not in (
                "attendees", "present", "apologies") else ""
            status = AttendanceStatus.APOLOGIES if head == "apologies" else \
                AttendanceStatus.PRESENT
            self.status = status
            self.person(texts[i], None, role, place)

    def item_title(self, para: Para) -> tuple[str, str] | None:
        if len(para.text) > 160 or _CLOCK.match(para.text):  # "9.30 am – 4.30 pm"
            return None
        heading = para.style.lower().startswith("heading")
        match = _NUMBERED_TITLE.match(para.text)
        if match and (heading or not para.text.endswith(".") or len(para.text) < 80) and (
            self.items or self.attendance or heading
        ):
            return match["number"], match["title"].strip()
        if heading and (self.items or self.attendance):
            return "", para.text
        # A bold paragraph of Word's own numbering: an item numbered by Word.
        if para.numbered and not para.bulleted and para.html.startswith("<b>"):
            return str(len(self.items) + 1), para.text
        return None

    def item(self, number: str, title: str, place: str) -> None:
        self.items.append({"number": number, "title": title})
        self.item_paras.append([])
        self.item_places.append(place)
        self.status = None

    def content(self, para: Para) -> None:
        if not para.text:
            return
        self.item_paras[-1].append(para)
        if _ACTION_N.match(para.text) or parse_action_line(para.text, dt.date.today()):
            self.action_lines.append((para.text, "", para, len(self.items) - 1))
        elif match := _INLINE_ACTION.search(para.text):  # "... was agreed. Action: RC"
            before = para.text[:match.start("line")].strip(" –—-")
            self.action_lines.append((match["line"], before, para, len(self.items) - 1))

    def person(self, name: str, initials: str | None, role: str, place: str) -> None:
        name = " ".join(name.split()).strip(" .")
        if not name or self.status is None or len(name) > 120:
            return
        found = match_person(self.known, name, None)
        if found.note:
            self.plan.notes.append(f"{place}: {found.note}")
        if found.key in self.people:
            return
        self.people.add(found.key)
        record = {"key": found.key,
                  "name": name if found.new else self.known.person_names[found.key]}
        if found.new and role:
            record["job_title"] = role[:300]
        self.plan.add("people", record, place)
        row: dict[str, Any] = {"person": found.key, "status": self.status.value}
        if initials and initials not in self.initials:
            row["initials"] = initials
            self.initials.add(initials)
        if role:
            row["role"] = role
        self.attendance.append(row)
        self.attendance_places.append(place)
        self.names[folded(name)] = found.key


def _ends_attendance(text: str) -> bool:
    """A heading in capitals or a line with figures (a date, a time) is no one's name."""
    return any(c.isdigit() for c in text) or (text.isupper() and len(text) > 4)


def _status(word: str) -> AttendanceStatus:
    lowered = word.lower()
    for marker, status in _MARKERS:
        if lowered.startswith(marker):
            return status
    return AttendanceStatus.PRESENT


def _person_line(text: str) -> tuple[str, str | None, str]:
    """ "Sally Halls (SH) – Independent Chair" → name, initials, role."""
    name, _sep, role = re.split(r"\s+[–—-]\s+|\t|,\s+", text, maxsplit=1)[0], "", ""
    rest = text[len(name):].strip(" \t–—-,")
    initials = None
    if match := re.search(r"\(([A-Z][A-Za-z]{1,3})\)", name):
        initials = match[1]
        name = name.replace(match[0], "").strip()
    return name, initials, rest or role


def plan_minutes(path: Path, known: Existing, board: str | None) -> Plan:
    plan = Plan("minutes")
    reader = _Reader(plan, known)
    reader.read(read_blocks(path).items)
    header = title_block(reader.title)
    board_key = known.boards.get(folded(board or "")) if board else board_in(header, known)
    if board_key is None:
        plan.problems.append(
            f"the board {board!r} is not in Boardwork" if board else
            "the title block names no board Boardwork knows: choose the board"
        )
    if header.get("date") is None:
        plan.problems.append("the title block gives no date of the meeting (such as "
                             "\"Date: 21st November 2014\" or \"Tuesday 23.10.2018\")")
    if not reader.items:
        plan.problems.append("no numbered items or headings were found in the minutes")
    if plan.problems or board_key is None:
        return plan
    date: dt.date = header["date"]
    # The board's meeting that day, if there is one: imported again, it is updated.
    key = known.meeting_on.get((board_key, date), f"{board_key}-{date.isoformat()}")
    meeting: dict[str, Any] = {
        "key": key, "board": board_key, "date": date.isoformat(),
        "attendance": reader.attendance,
        "items": [dict(item, minutes_html=html_of(paras)) if paras else item
                  for item, paras in zip(reader.items, reader.item_paras, strict=True)],
        "actions": _actions(reader, date, plan),
    }
    # Draft minutes, unless the meeting's minutes are further on (circulated or approved:
    # changing approved ones asks for a reason, recorded as an amendment).
    if known.meeting_status.get(key) not in (MeetingStatus.CIRCULATED, MeetingStatus.APPROVED):
        meeting["status"] = MeetingStatus.DRAFT.value
    for field_name in ("start", "end", "venue"):
        if header.get(field_name):
            meeting[field_name] = header[field_name]
    plan.add("meetings", meeting, reader.title[0].place if reader.title else "the title block")
    for list_name, places in (("attendance", reader.attendance_places),
                              ("items", reader.item_places)):
        for i, place in enumerate(places):
            plan.places[f"meetings[0].{list_name}[{i}]"] = place
    plan.count("meeting (as draft minutes)")
    plan.count("in the attendance", len(reader.attendance))
    plan.count("items", len(reader.items))
    plan.count("actions", len(meeting["actions"]))
    return plan


def _actions(reader: _Reader, date: dt.date, plan: Plan) -> list[dict[str, Any]]:
    def is_known(name: str) -> bool:
        return folded(name) in reader.names or name in reader.initials

    actions: list[dict[str, Any]] = []
    for line, before, para, item_index in reader.action_lines:
        owners, text, due = _read_action(line, before, date, is_known)
        owners = tuple(o for o in owners if _name_like(o))
        if not owners and item_index in reader.item_owners:
            owners = tuple(o for o in split_owners(reader.item_owners[item_index], is_known)
                           if _name_like(o))
        if not owners:
            place = para.place or reader.item_places[item_index]
            plan.notes.append(f"{place}: an action line names no owner; kept in the minutes "
                              "but not as an action")
            continue
        record: dict[str, Any] = {
            "text": text, "owners": [reader.names.get(folded(o), o) for o in owners],
        }
        if due is not None and due >= date:
            record["due"] = due.isoformat()
        if label := reader.items[item_index]["number"]:
            record["item"] = label
        plan.places[f"meetings[0].actions[{len(actions)}]"] = para.place or \
            reader.item_places[item_index]
        actions.append(record)
    return actions


def _name_like(owner: str) -> bool:
    """A person, initials or a group, not the words of the action ("feedback to ...")."""
    words = owner.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in _NAME_WORDS]
    return bool(words) and len(words) <= 7 and words[0][:1].isupper() and not lower


def _read_action(line: str, before: str, date: dt.date, is_known: Callable[[str], bool],
                 ) -> tuple[tuple[str, ...], str, dt.date | None]:
    """Owners, text and due date of an action line. Besides "Action: LB to ...": "ACTION 2:
    Lorna Hunt, Mairead Panetta – text", "Action: text – Jassi Broadmeadow/Sue Vincent" and
    "... was agreed. Action: Roger Clayton" (the sentence before is the action)."""
    if match := _ACTION_N.match(line):
        owners = split_owners(match["owners"], is_known)
        # "ACTION 2: names – text" is clear; without the number, the names must be known.
        if owners and (match["n"] or all(is_known(o) for o in owners)):
            return owners, match["text"], None
    proposal = parse_action_line(line, date, None, is_known)
    if proposal is None:
        return (), line, None
    rest = proposal.text
    named = split_owners(rest, is_known)
    if named and all(is_known(o) for o in named):  # the line only names who
        sentence = re.split(r"(?<=[.!?])\s+", before)[-1] if before else rest
        return named, sentence or rest, proposal.due
    head, dash, tail = re.split(r"\s[–—-]\s", rest)[0], "", ""
    if len(parts := re.split(r"\s[–—-]\s", rest)) > 1:
        head, dash, tail = " – ".join(parts[:-1]), "–", parts[-1]
    named = split_owners(tail, is_known) if dash else ()
    if named and any(is_known(o) for o in named) and all(_name_like(o) for o in named):
        return named, head, proposal.due
    return proposal.owners, rest, proposal.due
