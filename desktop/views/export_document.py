"""Exporting any document from a screen: ask for format and file, write it off the UI thread,
say where it went.

A screen passes a `Writer` (format, path) -> None made by one of the functions below (or its
own); `export_document` does the rest. The file is written aside and moved into place, so a
failure never leaves half a document where the person expects one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.services.database import Database
from desktop.services.figures import Period
from desktop.services.files import write_atomically
from desktop.views import message_bar
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure

Writer = Callable[[str, Path], None]
FILTERS = {"pdf": "PDF document (*.pdf)", "docx": "Word document (*.docx)",
           "xlsx": "Excel workbook (*.xlsx)"}


def choose_target(parent: QWidget, title: str, suggested: str,
                  formats: tuple[str, ...] = ("pdf", "docx")) -> tuple[str, Path] | None:
    """The format and file the person chose, or None if they cancelled."""
    filters = ";;".join(FILTERS[f] for f in formats)
    start = str(Path.home() / f"{suggested}.{formats[0]}")
    name, chosen_filter = QFileDialog.getSaveFileName(parent, title, start, filters)
    if not name:
        return None
    path = Path(name)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in formats:  # no or another extension: the filter chosen says the format
        fmt = next((f for f in formats if FILTERS[f] == chosen_filter), formats[0])
        path = path.with_name(f"{path.name}.{fmt}")
    return fmt, path


def write_in_background(parent: QWidget, title: str, writer: Writer, fmt: str, path: Path,
                        on_done: Callable[[Path], None] | None = None) -> None:
    def work() -> Path:
        with write_atomically(path) as temporary:
            writer(fmt, temporary)
        return path

    def done(written: Path) -> None:
        message_bar.tell(parent, message_bar.SUCCESS, f"Saved to {written}")
        if on_done is not None:
            on_done(written)

    def failed(exc: Exception) -> None:
        # The services' own refusals (a meeting that has gone, a backwards period) are
        # written for people; anything else is described without its text.
        if isinstance(exc, (LookupError, ValueError)) and not isinstance(
                exc, (KeyError, UnicodeError)):
            refused(parent, title, f"Nothing was written: {exc}")
        else:
            show_failure(parent, title, exc, lead="Nothing was written. ")

    run_in_background(parent, f"Writing {path.name}…", work, done, failed)


def refused(parent: QWidget, title: str, text: str) -> None:
    """A refusal: in the page's message bar, named by what was refused; in a dialog, a box
    with that title."""
    bar = message_bar.bar_for(parent)
    if bar is not None:
        bar.problem(f"{title}: {text[0].lower()}{text[1:]}")
    else:
        QMessageBox.warning(parent, title, text)


def export_document(parent: QWidget, title: str, suggested: str, writer: Writer,
                    formats: tuple[str, ...] = ("pdf", "docx"),
                    on_done: Callable[[Path], None] | None = None) -> None:
    """Ask for the format and file, then write the document there in the background."""
    target = choose_target(parent, title, suggested, formats)
    if target is not None:
        write_in_background(parent, title, writer, *target, on_done=on_done)


# --- writers for the screens: each reads the data and writes, all inside the background job --


def minutes_writer(db: Database, meeting: int | str, public: bool = False,
                   item_times: bool = False) -> Writer:
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.minutes import minutes_document
        from desktop.exports.render import organisation, write_for
        from desktop.services.documents import meeting_record

        write_for(db, minutes_document(meeting_record(db, meeting), organisation(db), public,
                                       item_times), fmt, path)

    return write


def timed_minutes_writer(db: Database, meeting: int | str, public: bool = False) -> Writer:
    """The minutes with the time the meeting reached each item, where it was recorded."""
    return minutes_writer(db, meeting, public, item_times=True)


def agenda_writer(db: Database, meeting: int | str, public: bool = False) -> Writer:
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.agenda import agenda_document
        from desktop.exports.render import organisation, write_for
        from desktop.services.documents import meeting_record

        write_for(db, agenda_document(meeting_record(db, meeting), organisation(db), public),
                       fmt, path)

    return write


def session_writer(db: Database, session: int | str, certificates: bool = False) -> Writer:
    """The register (sign-in sheet) of a training session, or its certificates."""
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.render import organisation, write_for
        from desktop.exports.training_papers import certificates_document, register_document
        from desktop.services.documents.training_session import session_papers

        layout = certificates_document if certificates else register_document
        write_for(db, layout(session_papers(db, session), organisation(db)), fmt, path)

    return write


def annual_report_writer(db: Database, period: Period, board: int | None) -> Writer:
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.annual_report import annual_figures, annual_report_document
        from desktop.exports.render import organisation, write_for

        figures = annual_figures(db, period, board)
        write_for(db, annual_report_document(figures, organisation(db)), fmt, path)

    return write


def training_writer(db: Database, period: Period) -> Writer:
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.render import organisation, write_for
        from desktop.exports.training_figures import training_document

        write_for(db, training_document(db, period, organisation(db)), fmt, path)

    return write


def charges_writer(db: Database, period: Period) -> Writer:
    def write(fmt: str, path: Path) -> None:
        from desktop.exports.charges_xlsx import WRITERS
        from desktop.exports.render import organisation
        from desktop.services.training import invoice_list

        WRITERS[fmt](invoice_list(db, period), path, organisation(db))

    return write


def meeting_file_name(db: Database, meeting: int | str, what: str) -> str:
    """ "HSCB minutes 2018-10-23": which board and which meeting a file holds, readable in a
    folder of exports, sorted by date within a board."""
    from desktop.services.documents import meeting_record

    record = meeting_record(db, meeting)
    name = f"{record.board_short or record.board} {what} {record.date.isoformat()}"
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]+', "-", " ".join(name.split()))


def add_meeting_exports(menu: QMenu, parent: QWidget, db: Database,
                        meeting: Callable[[], int | None]) -> None:
    """An Export menu for a meeting screen: minutes, public minutes, agenda, public agenda.

    `meeting` gives the id of the meeting on screen (None: nothing chosen).
    """
    entries = (("&Minutes…", "exportMinutes", "minutes", False, minutes_writer),
               ("&Public minutes…", "exportPublicMinutes", "minutes-public", True,
                minutes_writer),
               ("Minutes with item &times…", "exportMinutesTimed", "minutes-timed", False,
                timed_minutes_writer),
               ("&Agenda…", "exportAgenda", "agenda", False, agenda_writer),
               ("P&ublic agenda…", "exportPublicAgenda", "agenda-public", True,
                agenda_writer))
    for label, name, suggested, public, make in entries:
        action = menu.addAction(label)
        action.setObjectName(name)

        def triggered(_checked: bool = False, suggested: str = suggested, public: bool = public,
                      make: Callable[[Database, int | str, bool], Writer] = make) -> None:
            chosen = meeting()
            if chosen is None:
                message_bar.report(parent, message_bar.INFO,
                                   "To export, choose a meeting in the list first.", "Export")
                return
            what = suggested.replace("-", " ")
            export_document(parent, "Export " + what, meeting_file_name(db, chosen, what),
                            make(db, chosen, public))

        action.triggered.connect(triggered)
