"""The title block of minutes: the board, the date, the times and the venue, whether written
with labels ("Date: 21st November 2014", "Venue: ...") or as plain lines under the title
("Tuesday 23.10.2018 9.30am to 12.30pm", the venue on the line below)."""

from __future__ import annotations

import re
from typing import Any

from desktop.services.importing.existing import Existing, folded
from desktop.services.importing.values import read_date, read_time
from desktop.services.importing.word_blocks import Para

# "Venue: Saltwells Education Centre"
LABEL = re.compile(r"^(?P<label>subject|board|meeting|venue|location|date|time)\s*:\s*"
                   r"(?P<value>.+)$", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?"
                   r"\s+\d{4})\b")
_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)?"
_TIMES = re.compile(rf"(?P<start>{_TIME})\s*(?:to|–|—|-|until)\s*(?P<end>{_TIME})", re.IGNORECASE)


def title_block(title: list[Para]) -> dict[str, Any]:
    """The date, start, end and venue the title lines give, and the lines themselves."""
    found: dict[str, Any] = {"lines": [p.text for p in title]}
    after_date = False
    for para in title:
        text = para.text
        label = LABEL.match(text)
        key, value = (label["label"].lower(), label["value"].strip()) if label else ("", text)
        if key in ("venue", "location"):
            found["venue"] = value
            continue
        if found.get("date") is None and (match := _DATE.search(value)):
            try:
                found["date"] = read_date(match[1])[0]
                after_date = True
            except ValueError:
                pass
        if "start" not in found and (times := _TIMES.search(value)):
            try:
                found["start"] = read_time(times["start"]).strftime("%H:%M")
                found["end"] = read_time(times["end"]).strftime("%H:%M")
            except ValueError:
                pass
            if after_date and not label:
                continue
        if after_date and not label and "venue" not in found and not _DATE.search(value):
            found["venue"] = value  # the line under the date, in a title block without labels
    return found


def board_in(header: dict[str, Any], known: Existing) -> str | None:
    """The board whose name (the longest that fits) a title line holds."""
    words = [folded(line) for line in header["lines"]]
    for name, key in sorted(known.boards.items(), key=lambda pair: -len(pair[0])):
        if len(name) > 3 and any(name in line for line in words):
            return key
    return None
