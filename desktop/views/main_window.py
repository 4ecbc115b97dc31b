"""The main window: the navigation of the areas, the board selector, menus and status bar
(the menus and what their own items open: main_menus.py).

It can paint its frame (navigation, an empty page, the database's name) before the data
layer is imported: `MainWindow(opening=path)` then `attach(database)` on the next turn of
the event loop (desktop/app.py). The data layer, the menus and the area pages are imported
in `attach` and on first visit, so that the window appears at once (benchmarks/FINDINGS.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.views import appearance, areas
from desktop.views import notices as areas_changed
from desktop.views.areas import AREAS
from desktop.views.notices import Notices

if TYPE_CHECKING:
    from desktop.services.contents import Contents
    from desktop.services.database import Database
    from desktop.views.areas import AppContext
    from desktop.views.backups.runner import AutoBackup
    from desktop.views.file_actions import FileActions

ALL_BOARDS = -1


class MainWindow(QMainWindow):
    # The database is open and the remembered page shown (at once when made with one).
    ready = Signal()

    def __init__(self, database: Database | None = None, notices: Notices | None = None,
                 *, opening: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.notices = notices or Notices()
        self.pages: dict[int, QWidget] = {}
        self.resumed: QWidget | None = None  # a minute-taking view reopened after a crash
        # The AppSession that opened this window (desktop/views/start/session.py), if any.
        self.session: Any = None
        self.title_note = ""  # "SAMPLE DATA …" on the sample data's window
        self.backed_up_on_closing = False
        self.attached = False
        # What kinds of record exist (services/contents.py what_exists): read once at
        # attach, for the first-run check, and again only after a change is announced.
        # Every area's empty-state banner asks it on its first visit.
        self._contents: Contents | None = None
        self.setWindowTitle("Boardwork")
        self._build_navigation()
        self._build_toolbar()
        self._restore_geometry()
        if database is None:
            self.statusBar().showMessage(f"Opening {opening}…")
        else:
            self.attach(database)

    def attach(self, database: Database) -> None:
        """Fill the frame from the open database: boards, menus, backups, the last page."""
        from desktop.views.areas import AppContext
        from desktop.views.backups.runner import AutoBackup
        from desktop.views.file_actions import FileActions
        from desktop.views.main_menus import build_menus

        self.context: AppContext = AppContext(database, self.notices)
        self.file_actions: FileActions = FileActions(self, self.context)
        if database.read_only:
            self.takeCentralWidget()  # kept: the banner goes above it
            self.setCentralWidget(self._with_read_only_banner(self.content))
        self._fill_boards()
        self.board_selector.currentIndexChanged.connect(lambda _i: self._board_changed())
        build_menus(self)  # File, Go, Help (desktop/views/main_menus.py)
        self.statusBar().showMessage(f"Database: {database.path}")
        self.auto_backup: AutoBackup = AutoBackup(self, database)
        self.context.notices.changed.connect(self._on_changed)
        self._update_title()
        self.attached = True
        self._restore_state()
        self.ready.emit()
        areas.import_when_idle()  # the Actions area's modules, before its first click

    @property
    def database(self) -> Database:
        return self.context.database

    def contents(self) -> Contents:
        """What kinds of record the database holds; read again after any announced change
        (this window's `_on_changed` is connected before any page's)."""
        if self._contents is None:
            from desktop.services.contents import what_exists

            self._contents = what_exists(self.database)
        return self._contents

    # -- layout -------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Areas")
        self.navigation.addItems([area.title for area in AREAS])
        self.navigation.setMaximumWidth(220)
        self.stack = QStackedWidget()
        self.stack.setObjectName("areaStack")
        for _ in AREAS:
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit
        self.navigation.currentRowChanged.connect(self.show_area)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        # The pages scroll rather than push the window past a small screen (1366x768 at
        # 125 %, 1600x1000 at 200 %): the window never has to be larger than the screen.
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("areaScroll")
        self.page_scroll.setAccessibleName("Area")
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(self.stack)
        appearance.follow_focus(self.page_scroll)
        splitter.addWidget(self.page_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1000])
        self.content = splitter
        self.setCentralWidget(splitter)

    def _with_read_only_banner(self, content: QWidget) -> QWidget:
        """A database that cannot be written says so at once, above everything, in words."""
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QVBoxLayout

        if not self.database.read_only:
            return content
        banner = QLabel("Read-only: this database is on a disk or in a folder that cannot be "
                        "written to. You can read, search and export; nothing can be changed.")
        banner.setObjectName("readOnlyBanner")
        banner.setAccessibleName("Read-only database")
        banner.setWordWrap(True)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setMargin(6)
        banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        banner.setForegroundRole(QPalette.ColorRole.ToolTipText)
        banner.setAutoFillBackground(True)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(banner)
        layout.addWidget(content, 1)
        return holder

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Board")
        toolbar.setObjectName("boardToolbar")
        toolbar.setMovable(False)
        # No Alt letter: Ctrl+B goes here, and every page needs its letters (B among them).
        label = QLabel("Board or group: ")
        self.board_selector = QComboBox()
        self.board_selector.setObjectName("boardSelector")
        self.board_selector.setAccessibleName("Board or group")
        self.board_selector.setMinimumContentsLength(40)
        label.setBuddy(self.board_selector)
        toolbar.addWidget(label)
        toolbar.addWidget(self.board_selector)
        self.addToolBar(toolbar)

    def _fill_boards(self) -> None:
        from desktop.services.boards import list_boards

        current = self.current_board_id()
        self.board_selector.blockSignals(True)
        self.board_selector.clear()
        self.board_selector.addItem("All boards and groups", ALL_BOARDS)
        for board in list_boards(self.database):
            self.board_selector.addItem("    " * board.depth + board.label, board.id)
        index = self.board_selector.findData(current if current is not None else ALL_BOARDS)
        self.board_selector.setCurrentIndex(max(index, 0))
        self.board_selector.blockSignals(False)

    # -- behaviour ----------------------------------------------------------------------
    def current_board_id(self) -> int | None:
        data = self.board_selector.currentData() if hasattr(self, "board_selector") else None
        return None if data in (None, ALL_BOARDS) else int(data)

    def show_area(self, row: int) -> None:
        if row < 0 or not self.attached:
            return
        if row not in self.pages:
            appearance.unwatched_while_paging()  # the new page shows no window
            page = AREAS[row].make(self.context)
            page.setObjectName(page.objectName() or AREAS[row].object_name)
            old = self.stack.widget(row)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
            self.stack.insertWidget(row, page)
            self.pages[row] = page
            self._tell_board(page)
            from desktop.views.start.empty_states import attach_empty_state

            attach_empty_state(self, AREAS[row].object_name, page)
        # Only the page shown sets the smallest size: a wide page seen before must not make
        # every other page scroll sideways (a stack's smallest size is its largest page's).
        from PySide6.QtWidgets import QSizePolicy

        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for index in range(self.stack.count()):
            widget = self.stack.widget(index)
            shown = index == row
            if widget is not None:
                widget.setSizePolicy(preferred if shown else ignored,
                                     preferred if shown else ignored)
        self.stack.setCurrentIndex(row)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)

    def _board_changed(self) -> None:
        for page in self.pages.values():
            self._tell_board(page)

    def _tell_board(self, page: QWidget) -> None:
        set_board = getattr(page, "set_board", None)
        if callable(set_board):
            set_board(self.current_board_id())

    def _on_changed(self, areas: frozenset[str]) -> None:
        self._contents = None  # before the pages' banners ask again (connected after this)
        if areas & {areas_changed.BOARDS, areas_changed.SETTINGS}:
            self._fill_boards()
            self._update_title()

    def _update_title(self) -> None:
        from desktop.services.settings import load_settings

        organisation = load_settings(self.database).organisation_name
        title = f"Boardwork — {organisation}" if organisation else "Boardwork"
        self.setWindowTitle(f"{title} — {self.title_note}" if self.title_note else title)

    def mark_as_sample(self, note: str) -> None:
        """The sample data's window says so in its title and its status bar, always."""
        self.title_note = note
        label = QLabel(note)
        label.setObjectName("sampleDataNote")
        label.setStyleSheet("font-weight: bold;")
        self.statusBar().addWidget(label)
        # Sample data is not backed up: no warning that its backups are off.
        self.auto_backup.timer.stop()
        self.auto_backup.label.hide()
        self._update_title()

    def show_start_page(self) -> None:
        from desktop.views.start.page import show_start_page

        show_start_page(self)

    def go_to_hit(self, hit: object) -> None:
        """Open the meeting a search result was found in, at its item."""
        meeting_id = getattr(hit, "meeting_id", None)
        if meeting_id is None:
            return
        row = next(i for i, area in enumerate(AREAS) if area.object_name == "meetingsArea")
        self.board_selector.setCurrentIndex(0)  # all boards: the meeting is certainly listed
        self.show_area(row)
        page = self.pages[row]
        go_to = getattr(page, "go_to", None)
        if callable(go_to):
            go_to(meeting_id, getattr(hit, "item_id", None))

    def open_settings(self) -> None:
        from desktop.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self)
        dialog.exec()

    def offer_to_resume(self) -> QWidget | None:
        """After a crash or a flat battery: back to the meeting and item being minuted."""
        from desktop.views.minute_taking.resume import offer_to_resume

        return offer_to_resume(self)

    def _typed_work_kept(self) -> bool:
        """Each page's typed work saved (pages that hold some define `save_typed`); where it
        cannot be, the page is shown with its problem and the user chooses to stay (False)
        or to close without it."""
        for row, page in self.pages.items():
            save = getattr(page, "save_typed", None)
            if save is None or self.database.read_only or save():
                continue
            self.navigation.setCurrentRow(row)
            answer = QMessageBox.question(
                self, "Close Boardwork?", "What you typed on this page could not be saved "
                "(the page says why). Close without it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return True

    def _close_after_backup(self) -> None:
        self.backed_up_on_closing = True
        self.close()

    # -- remembering where the user was -------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # the first time: as large as suits, never larger than the screen
            screen = self.screen().availableGeometry()
            self.resize(min(1200, screen.width() - 40), min(780, screen.height() - 60))

    def _restore_state(self) -> None:
        settings = QSettings()
        board = settings.value("mainWindow/board")
        if board is not None:
            index = self.board_selector.findData(int(board))
            if index >= 0:
                self.board_selector.setCurrentIndex(index)
        area = settings.value("mainWindow/area")
        if self.contents().empty:  # nothing yet: how to begin, not an empty table
            self.show_start_page()
            return
        self.show_area(int(area) if area is not None and 0 <= int(area) < len(AREAS) else 0)

    def closeEvent(self, event: Any) -> None:
        if not self.attached:  # closed while the database was opening, or it could not be
            super().closeEvent(event)
            return
        # Typed but not yet saved (a meeting's details or an item's minutes in the meeting
        # editor) is saved first, so the backup on closing has it too; it was dropped. Not
        # once the database is let go for a restore (backed_up_on_closing set): saving then
        # would write into the restored file.
        if not self.backed_up_on_closing and not self._typed_work_kept():
            event.ignore()
            return
        if not self.backed_up_on_closing and self.auto_backup.before_closing(
                self._close_after_backup):
            event.ignore()  # closes again once the day's work is copied to the backup folder
            return
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/area", self.navigation.currentRow())
        settings.setValue("mainWindow/board", self.board_selector.currentData())
        super().closeEvent(event)
