"""A file turned into an interchange document, with where each record came from.

Every reader (sheets.py, minutes.py) makes a Plan: a boardwork/2 document that the JSON
importer checks and applies exactly as it would a document from Boardwork itself, and the row
or paragraph of the file each record came from, so that the importer's problems ("actions[3].
due: ...") are said in the file's own terms ("row 7, Target date: ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop.services.interchange.schema import FORMAT

_PATH = re.compile(r"^(?P<path>[a-z_]+\[\d+\](?:\.[a-z_]+\[\d+\])*)(?P<rest>.*)$", re.DOTALL)


@dataclass
class Plan:
    kind: str
    document: dict[str, Any] = field(default_factory=lambda: {"format": FORMAT})
    # A record's path in the document -> its place in the file ("row 7", "paragraph 12").
    places: dict[str, str] = field(default_factory=dict)
    # A field name -> the column header it was read from.
    columns: dict[str, str] = field(default_factory=dict)
    # Problems that stop the import, and notes the user should check; each with its place.
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Per row (or paragraph) number: its problems, for the preview to highlight.
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    row_notes: dict[int, list[str]] = field(default_factory=dict)
    # What will be imported, in a line per list ("12 actions", "3 new people").
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, list_name: str, record: dict[str, Any], place: str) -> int:
        records = self.document.setdefault(list_name, [])
        records.append(record)
        self.places[f"{list_name}[{len(records) - 1}]"] = place
        return len(records) - 1

    def problem(self, row: int, text: str, word: str = "row") -> None:
        self.problems.append(f"{word} {row}: {text}")
        self.row_problems.setdefault(row, []).append(text)

    def note(self, row: int, text: str, word: str = "row") -> None:
        self.notes.append(f"{word} {row}: {text}")
        self.row_notes.setdefault(row, []).append(text)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def in_file_terms(self, message: str) -> str:
        """An importer's message with the document path replaced by the row it came from."""
        match = _PATH.match(message)
        if match is None:
            return message
        path, rest = match["path"], match["rest"]
        parts = path.split(".")
        for n in range(len(parts), 0, -1):
            prefix = ".".join(parts[:n])
            if prefix not in self.places:
                continue
            inner = ".".join(parts[n:]) + rest  # "owners[0]: ..." or ".due: ..."
            inner = inner.lstrip(".")
            field_name = re.match(r"([a-z_]+)(\[\d+\])?", inner)
            if field_name and field_name[1] in self.columns:
                inner = self.columns[field_name[1]] + inner[field_name.end():]
            inner = inner.lstrip(": ")
            return f"{self.places[prefix]}: {inner}" if inner else self.places[prefix]
        return message

    def summary(self) -> str:
        if not self.counts:
            return "Nothing to import."
        return ", ".join(f"{n:,} {what}" for what, n in self.counts.items())
