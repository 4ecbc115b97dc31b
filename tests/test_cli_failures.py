"""Every command, given a fault, ends with one plain line and a non-zero exit: no traceback,
no SQL, no record contents (issue 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop import cli, commands
from desktop.cli import main
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database
from desktop.services import failures
from tests.conftest import SAMPLES
from tests.support.faults import database_full, database_read_only, files_in

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"
HERTFORDSHIRE = SAMPLES / "hertfordshire-2015-16.json"
# Words from the records: none may reach the terminal or the error log.
RECORD_WORDS = ("Sally Halls", "Chris Baird", "hscb-2018-10-23", "Introduction")
SECRET = "Jane Secretname conc-B-0"
TECHNICAL = ("Traceback", "File \"", "[parameters", "[SQL:", "INSERT", "SELECT", "sqlalchemy")


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    path = tmp_path / "loaded.db"
    assert main(["--database", str(path), "import", str(HEREFORDSHIRE)]) == 0
    return path


def plain_line(err: str) -> str:
    """The one line said, after checking it is one line and carries nothing it should not."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for word in (*TECHNICAL, *RECORD_WORDS, "Secretname", "conc-B-0"):
        assert word not in err, (word, err)
    assert lines[0].startswith("boardwork: ")
    return lines[0]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def _boom(*args: object, **kwargs: object) -> int:
    raise RuntimeError(f"the statement failed for {SECRET}")


COMMANDS = {
    "import": ("import", HEREFORDSHIRE),
    "export-data": ("export-data", "out.json"),
    "check": ("check",),
    "backup": ("backup", "copy.db"),
    "restore": ("restore", "copy.db"),
    "unlock": ("unlock", "--recovery-key", "x"),
    "search": ("search", "words"),
    "demo": ("demo", "--no-gui"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_unexpected_error_in_any_command_is_one_line_and_a_log_without_records(
        command, loaded, tmp_path, capsys, monkeypatch, error_log):
    name = {"import": "import_files", "export-data": "export_data"}.get(command, command)
    monkeypatch.setattr(commands, name, _boom)
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, "--database", loaded, *COMMANDS[command])
    assert code == 1
    line = plain_line(err)
    assert "unexpected error (RuntimeError)" in line and str(error_log) in line
    details = error_log.read_text(encoding="utf-8")
    assert "RuntimeError" in details and "desktop/cli.py" in details and "_dispatch" in details
    assert "Secretname" not in details and "statement failed" not in details


@pytest.mark.parametrize("verb", ["export", "report"])
def test_documents_and_the_window_run_under_the_same_handler(verb, loaded, capsys, monkeypatch):
    monkeypatch.setattr(cli, "run_document", _boom)
    code, err = run(capsys, "--database", loaded, verb,
                    "minutes" if verb == "export" else "charges", "--output", "x.docx",
                    *(["--meeting", "m"] if verb == "export" else []))
    assert code == 1 and "unexpected error" in plain_line(err)
    monkeypatch.setattr(cli, "_run_gui", _boom)
    code, err = run(capsys, "--database", loaded)
    assert code == 1 and "unexpected error" in plain_line(err)


def test_sql_errors_show_neither_the_statement_nor_its_values(loaded, capsys, monkeypatch,
                                                             error_log):
    def duplicate_key(database, words):
        with database.transaction() as session:
            for _ in range(2):
                session.execute(text("INSERT INTO agency (key, name) VALUES (:k, :n)"),
                                {"k": "conc-B-0", "n": "Jane Secretname"})
        return 0

    monkeypatch.setattr(commands, "search", duplicate_key)
    code, err = run(capsys, "--database", loaded, "search", "x")
    assert code == 1 and "unexpected error (IntegrityError)" in plain_line(err)
    details = error_log.read_text(encoding="utf-8")
    assert "IntegrityError" in details and "conc-B-0" not in details and "INSERT" not in details


def test_the_engine_hides_parameters_from_its_own_error_text(database):
    with pytest.raises(IntegrityError) as caught, database.transaction() as session:
        for _ in range(2):
            session.execute(text("INSERT INTO agency (key, name) VALUES (:k, :n)"),
                            {"k": "conc-B-0", "n": "Jane Secretname"})
    assert "conc-B-0" not in str(caught.value) and "Secretname" not in str(caught.value)


def test_a_full_database_disk_on_import_is_plain_and_imports_nothing(tmp_path, capsys,
                                                                      monkeypatch):
    path = tmp_path / "empty.db"
    open_database(path, KeyStore()).database.close()
    with monkeypatch.context() as patched:
        database_full(patched)
        code, err = run(capsys, "--database", path, "import", HERTFORDSHIRE)
    assert code == 1 and plain_line(err) == f"boardwork: {failures.DISK_FULL}"
    assert run(capsys, "--database", path, "export-data", tmp_path / "out.json")[0] == 0
    assert not json.loads((tmp_path / "out.json").read_text(encoding="utf-8")).get("people")


def test_a_full_disk_during_an_upgrade_is_plain(database, capsys, monkeypatch):
    from alembic import command

    from desktop.models.database import connect_raw
    from desktop.models.migrate import migrate

    migrate(database, lambda config: command.downgrade(config, "0001"))
    database.close()
    raw = connect_raw(database.path, database.key)
    raw.execute("VACUUM")  # no free pages left for the upgrade to reuse
    raw.close()
    database_full(monkeypatch)
    code, err = run(capsys, "--database", database.path, "search", "anything")
    line = plain_line(err)
    assert code == 1 and ("full" in line or "not enough free space" in line)


def test_a_read_only_database_is_plain(loaded, capsys, monkeypatch):
    database_read_only(monkeypatch)
    code, err = run(capsys, "--database", loaded, "import", HERTFORDSHIRE)
    assert code == 1 and plain_line(err) == f"boardwork: {failures.READ_ONLY_DATABASE}"


def test_interrupted_by_ctrl_c_exits_130(loaded, capsys, monkeypatch):
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "search", interrupted)
    code, err = run(capsys, "--database", loaded, "search", "x")
    assert code == 130 and plain_line(err) == "boardwork: interrupted."


# --- real processes: what a person sees on the terminal ------------------------------------


def process(*args: str | Path, key: str, state: Path,
            code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_VAR: key, "PYTHONPATH": str(Path(__file__).parent.parent),
           "XDG_STATE_HOME": str(state), "LOCALAPPDATA": str(state)}
    start = ["-c", code] if code else ["-m", "desktop.cli"]
    return subprocess.run([sys.executable, *start, *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=180)


@pytest.fixture
def damaged(tmp_path: Path, env_key: str) -> Path:
    """A database whose later pages (records, not the schema) are overwritten with noise."""
    path = tmp_path / "damaged.db"
    made = process("--database", path, "import", HEREFORDSHIRE, key=env_key, state=tmp_path)
    assert made.returncode == 0, made.stderr
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        for page in range(size // 4096 // 2, size // 4096):
            handle.seek(page * 4096 + 64)
            handle.write(os.urandom(512))
    return path


def test_a_damaged_database_stops_export_data_with_one_line_and_no_file(
        damaged, tmp_path, env_key):
    out = tmp_path / "out" / "data.json"
    out.parent.mkdir()
    out.write_text("the previous export", encoding="utf-8")
    result = process("--database", damaged, "export-data", out, key=env_key, state=tmp_path)
    assert result.returncode == 1
    # Damaged records or a damaged schema: either way, said as such.
    assert "is damaged" in plain_line(result.stderr)
    assert files_in(out.parent) == {"data.json"}
    assert out.read_text(encoding="utf-8") == "the previous export"


@pytest.mark.parametrize("damage", ["deep", "surrogate", "huge", "money"])
def test_hostile_documents_end_in_a_message_not_a_traceback(damage, tmp_path, env_key):
    document = json.loads(HERTFORDSHIRE.read_text(encoding="utf-8"))
    raw = None
    if damage == "deep":
        raw = '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}"
    elif damage == "surrogate":
        document["people"][0]["name"] = "Sally \ud800 Halls"
    elif damage == "huge":
        document["courses"][0]["capacity"] = 2**63
    else:
        document["courses"][0]["non_attendance_charge"] = "9" * 40 + ".00"
    bad = tmp_path / "bad.json"
    bad.write_text(raw or json.dumps(document), encoding="utf-8")
    result = process("--database", tmp_path / "x.db", "import", bad, key=env_key,
                     state=tmp_path)
    assert result.returncode == 1, result.stderr
    for word in TECHNICAL:
        assert word not in result.stderr, result.stderr


def test_an_unexpected_error_through_the_entry_point(tmp_path, env_key):
    """The console script's own function, in a real process, failing in a service."""
    code = ("import sys\n"
            "import desktop.services.search as s\n"
            "def boom(*a): raise ValueError('Jane Secretname said so')\n"
            "s.search = boom\n"
            "from desktop.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    made = process("--database", tmp_path / "x.db", "import", HERTFORDSHIRE, key=env_key,
                   state=tmp_path)
    assert made.returncode == 0, made.stderr
    result = process("--database", tmp_path / "x.db", "search", "x", key=env_key,
                     state=tmp_path / "state", code=code)
    assert result.returncode == 1
    line = plain_line(result.stderr)
    assert "unexpected error (ValueError)" in line
    logs = list((tmp_path / "state").rglob("errors.log"))
    assert len(logs) == 1 and str(logs[0]) in line
    details = logs[0].read_text(encoding="utf-8")
    assert "ValueError" in details and "Secretname" not in details
