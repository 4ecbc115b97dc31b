"""Files the person chose are written whole or not at all: a full disk part-way leaves no
partial file beside the target and the previous file under its name as it was."""

from __future__ import annotations

import errno
import secrets
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main
from desktop.models.keystore import ENV_VAR
from desktop.services import failures
from desktop.services.files import write_atomically, write_text_atomically
from tests.conftest import SAMPLES
from tests.support.faults import files_in, fill_disk

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"
HERTFORDSHIRE = SAMPLES / "hertfordshire-2015-16.json"
PREVIOUS = b"the previous file, which must survive"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Herefordshire's meeting and Hertfordshire's training, under a key given by ENV_VAR
    (each test has its own empty keyring)."""
    key = secrets.token_hex(32)
    path = tmp_path_factory.mktemp("db") / "loaded.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_VAR, key)
        assert main(["--database", str(path), "import", str(HEREFORDSHIRE),
                     str(HERTFORDSHIRE)]) == 0
    return path, key


@pytest.fixture
def keyed(loaded: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_VAR, loaded[1])
    return loaded[0]


def test_a_finished_write_replaces_the_target_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "data.json"
    target.write_bytes(PREVIOUS)
    target.chmod(0o640)
    write_text_atomically(target, "new")
    assert target.read_text() == "new" and files_in(tmp_path) == {"data.json"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_is_private_to_its_owner(tmp_path):
    write_text_atomically(tmp_path / "new.json", "{}")
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o600


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "full"), KeyboardInterrupt()])
def test_any_failure_leaves_the_previous_file_and_nothing_else(tmp_path, fault):
    target = tmp_path / "report.docx"
    target.write_bytes(PREVIOUS)
    with pytest.raises(type(fault)), write_atomically(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name != target.name
        temporary.write_bytes(b"half a document")
        raise fault
    assert target.read_bytes() == PREVIOUS and files_in(tmp_path) == {"report.docx"}


DOCUMENTS = {
    "export-data": ("export-data",),
    "minutes docx": ("export", "minutes", "--meeting", "hscb-2018-10-23", "--format", "docx"),
    "minutes pdf": ("export", "minutes", "--meeting", "hscb-2018-10-23", "--format", "pdf"),
    "action log xlsx": ("export", "action-log", "--board", "hscb", "--format", "xlsx"),
    "charges xlsx": ("report", "charges", "--from", "2015-04-01", "--to", "2016-03-31",
                     "--format", "xlsx"),
    "annual pdf": ("report", "annual", "--from", "2018-04-01", "--to", "2019-03-31",
                   "--format", "pdf"),
}


@pytest.mark.parametrize("previous", [True, False], ids=["replacing", "new"])
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_a_full_disk_leaves_no_partial_file_and_the_previous_one_intact(
        document, previous, keyed, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "written.out"
    if previous:
        target.write_bytes(PREVIOUS)
    words = DOCUMENTS[document]
    args = [*words, str(target)] if words[0] == "export-data" else [*words, "--output",
                                                                     str(target)]
    capsys.readouterr()
    with monkeypatch.context() as full:
        fill_disk(full, folder, budget=100)
        assert main(["--database", str(keyed), *args]) == 1
    assert capsys.readouterr().err == f"boardwork: {failures.DISK_FULL}\n"
    assert files_in(folder) == ({"written.out"} if previous else set())
    if previous:
        assert target.read_bytes() == PREVIOUS
    # The disk has room again: the same command now writes the file.
    assert main(["--database", str(keyed), *args]) == 0
    assert files_in(folder) == {"written.out"} and target.read_bytes() != PREVIOUS


def test_workbooks_keep_their_sheets_out_of_the_temporary_folder(keyed, tmp_path,
                                                                 monkeypatch):
    """openpyxl's own save puts each sheet's XML (the records) in /tmp/openpyxl.*."""
    import tempfile

    from openpyxl.worksheet import _writer

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def no_temporary_files(*args: object) -> str:
        raise AssertionError("a sheet was written to a temporary file")

    monkeypatch.setattr(_writer, "create_temporary_file", no_temporary_files)
    target = tmp_path / "log.xlsx"
    assert main(["--database", str(keyed), "export", "action-log", "--board", "hscb",
                 "--format", "xlsx", "--output", str(target)]) == 0
    assert files_in(scratch) == set()
    assert zipfile.is_zipfile(target)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.max_row == 3 + 16  # title, subtitle, headers, actions
