"""Settings: the organisation, the reporting year, training rules, numbering per board."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import (
    NUMBERING_STYLES,
    list_boards,
    numbering_styles,
)
from desktop.services.settings import (
    KEEP_LOGO,
    InvalidSettings,
    load_logo,
    load_settings,
    save_settings,
)
from desktop.views import colours
from desktop.views.areas import AppContext
from desktop.views.notices import BOARDS, SETTINGS
from desktop.views.privacy.retention_dialog import retention_button

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class SettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self.context = context
        settings = load_settings(context.database)

        self.organisation = QLineEdit(settings.organisation_name)
        self.organisation.setObjectName("organisationName")
        self.organisation.setAccessibleName("Organisation name")
        self.year_start = QComboBox()
        self.year_start.setObjectName("reportingYearStart")
        self.year_start.setAccessibleName("Reporting year starts in")
        self.year_start.addItems(MONTHS)
        self.year_start.setCurrentIndex(settings.reporting_year_start_month - 1)
        self.late_hours = QSpinBox()
        self.late_hours.setObjectName("lateCancellationHours")
        self.late_hours.setAccessibleName("Late cancellation window in hours")
        self.late_hours.setRange(0, 24 * 30)
        self.late_hours.setSuffix(" hours before the start")
        self.late_hours.setValue(settings.late_cancellation_hours)
        self.logo: bytes | None = load_logo(context.database)
        self.logo_changed = False
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setAccessibleDescription("Logo")  # its text says which
        choose = QPushButton("C&hoose…")
        choose.setObjectName("chooseLogo")
        choose.setAccessibleName("Choose a logo")
        choose.clicked.connect(self.choose_logo)
        remove = QPushButton("Re&move")
        remove.setObjectName("removeLogo")
        remove.setAccessibleName("Remove the logo")
        remove.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        self._show_logo()
        general = QFormLayout()
        general.addRow("&Organisation name:", self.organisation)
        general.addRow("&Reporting year starts in:", self.year_start)
        general.addRow("&Late cancellation is:", self.late_hours)
        general.addRow("Logo on documents:", logo_row)
        general.addRow("Keeping records:", retention_button(self, context.database))

        self.styles: dict[int, QComboBox] = {}
        numbering = QGroupBox("Numbering of sub-items on agendas")
        numbering_form = QFormLayout(numbering)
        current = numbering_styles(context.database)
        for board in list_boards(context.database):
            combo = QComboBox()
            combo.setObjectName(f"numbering_{board.key}")
            combo.setAccessibleName(f"Numbering for {board.name}")
            for style, example in NUMBERING_STYLES.items():
                combo.addItem(example, style)
            combo.setCurrentIndex(max(combo.findData(current.get(board.id, "decimal")), 0))
            self.styles[board.id] = combo
            numbering_form.addRow(board.label + ":", combo)
        if not self.styles:
            numbering_form.addRow(QLabel("No boards or groups yet."))

        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setStyleSheet(colours.text_style("error"))
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(numbering)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Logo for documents", str(Path.home()),
                                              "Pictures (*.png *.jpg *.jpeg)")
        if name:
            self.set_logo(Path(name).read_bytes())

    def set_logo(self, image: bytes | None) -> None:
        self.logo, self.logo_changed = image, True
        self._show_logo()

    def _show_logo(self) -> None:
        if self.logo is None:
            self.logo_preview.setText("No logo: documents carry the organisation's name only.")
            return
        picture = QPixmap()
        if picture.loadFromData(self.logo):
            self.logo_preview.setPixmap(picture.scaledToHeight(40))
        else:
            self.logo_preview.setText("This file is not a picture Boardwork can read.")

    def save(self) -> None:
        try:
            save_settings(
                self.context.database,
                organisation_name=self.organisation.text(),
                reporting_year_start_month=self.year_start.currentIndex() + 1,
                late_cancellation_hours=self.late_hours.value(),
                numbering={b: str(combo.currentData()) for b, combo in self.styles.items()},
                logo=self.logo if self.logo_changed else KEEP_LOGO,
            )
        except InvalidSettings as exc:
            self.problem.setText(str(exc))
            return
        self.context.notices.announce(SETTINGS, BOARDS)
        self.accept()
