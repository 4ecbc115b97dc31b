"""The minutes history of one meeting: every step from draft to published (when, by whom,
which version), every version kept, and the words that differ between any two of them.
The next step (sent to the chair, the chair's changes, circulated, published) is recorded
here too. Ctrl+Shift+H opens it from the meeting editor and the minute-taking view."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.meetings import versions as svc
from desktop.views import colours
from desktop.views.service_call import call_service
from desktop.views.text import escape

SHORTCUT = "Ctrl+Shift+H"


def differences_html(differences: list[svc.ItemDifference]) -> str:
    """The items that changed, words taken out struck through in red, words put in
    underlined in green; the unchanged items named in one line."""
    parts, same = [], []
    for item in differences:
        label = f"{item.label} {item.title}".strip()
        if item.change == "same":
            same.append(item.label or item.title)
            continue
        note = {"added": " (new item)", "removed": " (item taken out)"}.get(item.change, "")
        words = ""
        for index, (kind, text) in enumerate(item.pieces):
            if kind == "equal":
                words += escape(text)
                continue
            style = (colours.pair_style("deleted", " text-decoration:line-through")
                     if kind == "delete" else
                     colours.pair_style("inserted", " text-decoration:underline"))
            words += (f'<span style="{style}">'
                      f"{escape(text)}</span>")
            following = item.pieces[index + 1][0] if index + 1 < len(item.pieces) else ""
            if kind == "delete" and following == "insert":
                words += " "  # "Smith Smyth", not "SmithSmyth": the two read apart
        parts.append(f"<h4>{escape(label)}{escape(note)}</h4>"
                     f"<p style='white-space:pre-wrap'>{words or '<i>No minutes.</i>'}</p>")
    if not parts:
        parts.append("<p><b>No differences</b>: the two versions read the same.</p>")
    if same:
        parts.append(f"<p style='{colours.text_style('muted')}'>Unchanged: "
                     f"{escape(', '.join(same))}</p>")
    return "".join(parts)


class MinutesHistoryDialog(QDialog):
    def __init__(self, database: Database, meeting_id: int, heading: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minutesHistory")
        self.setWindowTitle(f"Minutes history — {heading}")
        self.database, self.meeting_id = database, meeting_id
        self.state = QLabel()
        self.state.setObjectName("minutesState")
        self.state.setWordWrap(True)
        self.steps = QListWidget()
        self.steps.setObjectName("minutesSteps")
        self.steps.setAccessibleName("Steps of the minutes")
        self.steps.setWordWrap(True)  # a step with its note is longer than the panel
        self.versions = QListWidget()
        self.versions.setObjectName("minutesVersions")
        self.versions.setAccessibleName("Versions kept")
        self.first, self.second = QComboBox(), QComboBox()
        self.first.setObjectName("compareFrom")
        self.second.setObjectName("compareTo")
        self.first.setAccessibleName("Compare from version")
        self.second.setAccessibleName("Compare to version")
        for combo in (self.first, self.second):
            combo.currentIndexChanged.connect(self.show_differences)
        self.difference = QTextBrowser()
        self.difference.setObjectName("minutesDifferences")
        self.difference.setAccessibleName("Differences between the two versions")
        self._build()
        self.resize(1100, 680)
        self.reload()

    def _build(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        steps_label = QLabel("&Steps")
        steps_label.setBuddy(self.steps)
        versions_label = QLabel("&Versions kept")
        versions_label.setBuddy(self.versions)
        for widget in (steps_label, self.steps, versions_label, self.versions):
            left_layout.addWidget(widget)
        left_layout.addWidget(self._next_step_box())
        self.versions.currentRowChanged.connect(self._version_chosen)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        for text, combo in (("Compare &from", self.first), ("&to", self.second)):
            label = QLabel(text)
            label.setBuddy(combo)
            pick.addWidget(label)
            pick.addWidget(combo, 1)
        right_layout.addLayout(pick)
        right_layout.addWidget(self.difference, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def _next_step_box(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 6, 0, 0)
        self.next_state = QComboBox()
        self.next_state.setObjectName("nextState")
        self.next_state.setAccessibleName("Next step")
        self.next_state.currentIndexChanged.connect(self._next_chosen)
        self.public = QCheckBox("&Public copy (confidential items left out)")
        self.public.setObjectName("publishedPublic")
        self.note = QLineEdit()
        self.note.setObjectName("stepNote")
        self.note.setPlaceholderText("e.g. sent by e-mail; chair's changes to items 4 and 6")
        self.record = QPushButton("&Record this step")
        self.record.setObjectName("recordStep")
        self.record.clicked.connect(self.record_step)
        form.addRow("&Next step:", self.next_state)
        form.addRow("", self.public)
        form.addRow("N&ote:", self.note)
        form.addRow("", self.record)
        return box

    def reload(self) -> None:
        found = svc.history(self.database, self.meeting_id)
        self.history = found
        now = svc.STATE_LABELS[found.state] if found.state else "Not yet drafted"
        self.state.setText(f"<b>Minutes: {escape(now)}</b> — {len(found.versions)} "
                           f"version{'s' if len(found.versions) != 1 else ''} kept")
        self.steps.clear()
        for step in found.steps:
            line = f"{step.at:%d/%m/%Y %H:%M}  {step.label}"
            if step.version:
                line += f" — version {step.version}"
            if step.approved_at:
                line += f" — at {step.approved_at}"
            line += f" — by {step.by}"
            if step.note:
                line += f" — {step.note}"
            self.steps.addItem(line)
        if not found.steps:
            self.steps.addItem("No steps recorded yet.")
        self.versions.clear()
        for version in found.versions:
            self.versions.addItem(f"{version.number}. {version.label} — "
                                  f"{version.made_at:%d/%m/%Y %H:%M}, {version.made_by}")
        for combo in (self.first, self.second):
            combo.blockSignals(True)
            combo.clear()
            for version in found.versions:
                combo.addItem(f"{version.number}. {version.label}", version.number)
            combo.blockSignals(False)
        count = len(found.versions)
        self.first.setCurrentIndex(max(0, count - 2))
        self.second.setCurrentIndex(count - 1)
        self.next_state.clear()
        for state in found.next_states:
            self.next_state.addItem(svc.STATE_LABELS[state], state)
        can_move = bool(found.next_states)
        for widget in (self.next_state, self.note, self.record):
            widget.setEnabled(can_move)
        if not can_move:
            self.next_state.addItem("Approved at the next meeting (Approve minutes)")
        self._next_chosen()
        self.show_differences()

    def _version_chosen(self, row: int) -> None:
        """Choosing a version compares it with the one before it."""
        if row >= 0:
            self.first.setCurrentIndex(max(0, row - 1))
            self.second.setCurrentIndex(row)

    def _next_chosen(self) -> None:
        self.public.setVisible(self.next_state.currentData() == "published")

    def show_differences(self) -> None:
        first, second = self.first.currentData(), self.second.currentData()
        if first is None or second is None:
            self.difference.setHtml("<p>No version of these minutes has been kept yet: one is "
                                    "kept when they are drafted, sent to the chair, "
                                    "circulated, approved and published.</p>")
            return
        if first == second:
            self.difference.setHtml("<p>Choose two different versions to see what changed.</p>")
            return
        changes = svc.compare(self.database, self.meeting_id, first, second)
        self.difference.setHtml(differences_html(changes))

    def record_step(self) -> None:
        state = self.next_state.currentData()
        if state is None:
            return
        public = self.public.isChecked() if state == "published" else None
        note = self.note.text()
        if call_service(self, lambda _r: svc.move_to(self.database, self.meeting_id, state,
                                                     public=public, note=note)):
            self.note.clear()
            self.reload()
