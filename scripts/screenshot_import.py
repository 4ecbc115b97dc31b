"""Screenshots of the import wizard (File → Import) reading a hand-made action log, for
docs/screenshots/:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshot_import.py \
        --output-folder docs/screenshots

The columns page (import-wizard-columns.png) and the preview with a problem row and a row to
check (import-wizard-preview.png). A throw-away database in a temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output-folder", type=Path, required=True)
    args = parser.parse_args()
    os.environ["BOARDWORK_DATABASE_KEY"] = secrets.token_hex(32)

    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.resources import sample_documents
    from desktop.services.database import KeyStore, open_database
    from desktop.services.interchange import import_documents, read_document
    from desktop.views.areas import AppContext
    from desktop.views.importing.wizard import ImportWizard
    from desktop.views.notices import Notices
    from tests.importing.files import action_log, minutes_in_tables

    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    QCoreApplication.setOrganizationName("BoardworkScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    database = open_database(folder / "shots.db", KeyStore()).database
    import_documents(database, [(p.name, read_document(p)) for p in sample_documents()])
    log = action_log(folder / "HSCB action log 2018-19.xlsx", bad_date=True)

    def wait(until) -> None:  # type: ignore[no-untyped-def]
        for _ in range(200):
            if until():
                return
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)
            loop.exec()
        raise SystemExit("the wizard did not get there")

    wizard = ImportWizard(AppContext(database, Notices()))
    wizard.resize(1000, 620)
    wizard.show()
    wizard.open_file(log)
    wait(lambda: wizard.next.isEnabled())
    wizard.board.setCurrentIndex(max(0, wizard.board.findData("hscb")))
    args.output_folder.mkdir(parents=True, exist_ok=True)
    wizard.grab().save(str(args.output_folder / "import-wizard-file.png"))
    wizard.forward()
    wait(lambda: True)
    wizard.grab().save(str(args.output_folder / "import-wizard-columns.png"))
    wizard.forward()
    wait(lambda: wizard.preview_ready)
    wizard.grab().save(str(args.output_folder / "import-wizard-preview.png"))
    minutes = ImportWizard(AppContext(database, Notices()))
    minutes.resize(1000, 620)
    minutes.show()
    minutes.open_file(minutes_in_tables(
        folder / "HSCB minutes 22.01.2019.docx", "Tuesday 22.01.2019 9.30am to 12.30pm"))
    wait(lambda: minutes.next.isEnabled())
    minutes.forward()
    wait(lambda: minutes.preview_ready)
    minutes.grab().save(str(args.output_folder / "import-wizard-minutes.png"))
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
