"""The wizard's two tables: the field of each column (chosen in a combo per column), and the
preview of the file's rows with each row's problems highlighted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.services.importing import Source
from desktop.services.importing.mapping import FIELD_LABELS, FIELDS
from desktop.services.importing.plan import Plan
from desktop.services.importing.values import cell_text
from desktop.views import colours

# Dark text on these, 4.5:1 or better: a problem (light red) and a note to check (light amber).
_ROW = re.compile(r"^row (\d+):")
PREVIEW_ROWS = 500  # the rest are imported, not shown


class MappingTable(QTableWidget):
    """One row per column of the file: its header, an example value, and its field."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        super().__init__(0, 3)
        self.setObjectName("importMapping")
        self.setHorizontalHeaderLabels(["Column in the file", "First value", "Imported as"])
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Columns and the fields they are imported as")
        # Tab goes from one field choice to the next and on out of the table, not cell by cell.
        self.setTabKeyNavigation(False)
        self.on_change = on_change
        self.combos: list[QComboBox] = []

    def show_source(self, source: Source) -> None:
        headers = source.headers
        assert source.sheet is not None
        rows = source.sheet.rows[source.header_row + 1:]
        self.setRowCount(len(headers))
        self.combos = []
        fields = FIELDS.get(source.kind, {})
        for column, header in enumerate(headers):
            example = next((cell_text(r[column]) for r in rows
                            if column < len(r) and cell_text(r[column])), "")
            self.setItem(column, 0, QTableWidgetItem(cell_text(header) or f"(column {column + 1})"))
            self.setItem(column, 1, QTableWidgetItem(example[:80]))
            combo = QComboBox()
            combo.setAccessibleName(f"Field for column {cell_text(header) or column + 1}")
            combo.addItem("(not imported)", "")
            for field in fields:
                combo.addItem(FIELD_LABELS[field], field)
            chosen = source.mapping[column] if column < len(source.mapping) else ""
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i, c=column: self._changed(source, c))
            self.setCellWidget(column, 2, combo)
            self.combos.append(combo)
        previous: QWidget = self  # Tab: the table, then each column's field in order
        for combo in self.combos:
            QWidget.setTabOrder(previous, combo)
            previous = combo
        self.resizeColumnToContents(0)
        self.setColumnWidth(2, 190)

    def _changed(self, source: Source, column: int) -> None:
        field = self.combos[column].currentData() or ""
        if field:  # a field goes to one column: the one it was in gives it up
            for other, combo in enumerate(self.combos):
                if other != column and combo.currentData() == field:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    source.mapping[other] = ""
        source.mapping[column] = field
        self.on_change()


class PreviewTable(QTableWidget):
    """The rows to import, as in the file; a row with a problem is red, one to check amber,
    and its messages are its tooltip and its first column."""

    def __init__(self) -> None:
        super().__init__(0, 0)
        self.setObjectName("importPreview")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Preview of the records to import")
        self.setTabKeyNavigation(False)  # Tab goes on to the buttons, arrows move in it
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)  # the file's own row numbers are shown
        self.problem_rows: list[int] = []

    def show_rows(self, source: Source, plan: Plan, errors: list[str]) -> None:
        self.clear()
        self.problem_rows = []
        problems = {n: list(texts) for n, texts in plan.row_problems.items()}
        for error in errors:  # the importer's own problems, already said by row
            if match := _ROW.match(error):
                problems.setdefault(int(match[1]), []).append(error[match.end():].strip())
        if source.sheet is None:
            self._show_document(plan, errors)
            return
        headers = [cell_text(h) for h in source.headers]
        self.setColumnCount(len(headers) + 2)
        self.setHorizontalHeaderLabels(["Row", "Problems and notes", *headers])
        rows = [(i + 1, r) for i, r in enumerate(source.sheet.rows)
                if i > source.header_row and any(cell_text(c) for c in r)][:PREVIEW_ROWS]
        self.setRowCount(len(rows))
        for line, (number, cells) in enumerate(rows):
            said = problems.get(number, [])
            notes = plan.row_notes.get(number, [])
            colour = colours.pair("problem" if said else "note") if said or notes else None
            if said:
                self.problem_rows.append(number)
            values = [str(number), "; ".join(said + notes)]
            values += [cell_text(c) for c in list(cells)[:len(headers)]]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if colour is not None:
                    item.setForeground(QBrush(QColor(colour[0])))
                    item.setBackground(QBrush(QColor(colour[1])))
                    item.setToolTip("\n".join(said + notes))
                self.setItem(line, column, item)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), 260))

    def _show_document(self, plan: Plan, errors: list[str]) -> None:
        """Minutes (or a Boardwork document): the meeting's parts, listed."""
        self.setColumnCount(2)
        self.setHorizontalHeaderLabels(["Part", "What will be imported"])
        lines: list[tuple[str, str]] = []
        for meeting in plan.document.get("meetings", []):
            day = dt.date.fromisoformat(meeting["date"]).strftime("%d/%m/%Y")
            lines.append(("Meeting", f"{day} {meeting.get('venue', '')}".strip()))
            names = {p["key"]: p["name"] for p in plan.document.get("people", [])}
            for row in meeting.get("attendance", []):
                status = row["status"].replace("_", " ")
                lines.append(("Attendance", f"{names.get(row['person'], row['person'])} "
                                            f"({status})"))
            for item in meeting.get("items", []):
                lines.append(("Item", f"{item.get('number', '')} {item['title']}".strip()))
            for action in meeting.get("actions", []):
                lines.append(("Action", f"{', '.join(action['owners'])}: {action['text']}"))
        if not lines:
            lines = [(name, f"{count:,}") for name, count in plan.counts.items()]
        self.setRowCount(len(lines))
        for line, (part, text) in enumerate(lines):
            self.setItem(line, 0, QTableWidgetItem(part))
            self.setItem(line, 1, QTableWidgetItem(text))
        self.resizeColumnToContents(0)
        self.horizontalHeader().setStretchLastSection(True)
        self.problem_rows = [0] if errors or plan.problems else []
