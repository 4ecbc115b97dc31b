"""The `boardwork` command, end to end, as a script or an IT person would use it."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.models.keystore import ENV_VAR
from tests.conftest import SAMPLES

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"


def run_cli(*args: str | Path) -> int:
    return main([str(a) for a in args])


def run_process(*args: str | Path, key: str) -> subprocess.CompletedProcess[str]:
    """A real process: what a user sees on the terminal, SQLCipher's own output included."""
    env = {**os.environ, ENV_VAR: key, "PYTHONPATH": str(Path(__file__).parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *map(str, args)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def test_import_then_export_then_reimport_gives_the_same_document(tmp_path, capsys):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert run_cli("--database", first, "import", *sorted(SAMPLES.glob("*.json"))) == 0
    assert "Recovery key:" in capsys.readouterr().err
    assert run_cli("--database", first, "export-data", tmp_path / "one.json") == 0
    assert run_cli("--database", second, "import", tmp_path / "one.json") == 0
    assert run_cli("--database", second, "export-data", tmp_path / "two.json") == 0
    one = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert one == json.loads((tmp_path / "two.json").read_text(encoding="utf-8"))
    assert len(one["people"]) == 25 + 36 + 815


def test_a_document_with_errors_imports_nothing_and_lists_every_error(tmp_path, capsys):
    document = json.loads(HEREFORDSHIRE.read_text(encoding="utf-8"))
    document["meetings"][0]["atendance"] = []  # unknown field
    document["meetings"][0]["date"] = "2018-13-23"  # bad date
    document["people"][1]["agency"] = "no-such-agency"  # dangling key
    document["agencies"].append(dict(document["agencies"][0]))  # duplicate key
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    database = tmp_path / "bad.db"
    assert run_cli("--database", database, "import", bad) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported" in err
    expected = ("meetings[0].atendance", "meetings[0].date", "people[1].agency", "agencies[16].key")
    for path in expected:
        assert path in err, path
    assert run_cli("--database", database, "export-data", tmp_path / "out.json") == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert not out.get("people") and not out.get("meetings")


def test_a_file_that_is_not_json_is_a_plain_message(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    assert run_cli("--database", tmp_path / "x.db", "import", broken) == 1
    assert "broken.json" in capsys.readouterr().err


def test_wrong_environment_key_gives_one_line(tmp_path):
    database = tmp_path / "keyed.db"
    created = run_process("--database", database, "import", HEREFORDSHIRE,
                          key=secrets.token_hex(32))
    assert created.returncode == 0, created.stderr
    wrong = run_process("--database", database, "check", key=secrets.token_hex(32))
    assert wrong.returncode == 1
    lines = [line for line in (wrong.stdout + wrong.stderr).splitlines() if line.strip()]
    assert len(lines) == 2 and "does not open" in lines[1]  # the heading and the one reason
    exported = run_process("--database", database, "export-data", "-", key=secrets.token_hex(32))
    assert exported.returncode == 1
    assert len(exported.stderr.strip().splitlines()) == 1
    assert "Traceback" not in exported.stderr


def test_check_backup_restore_from_the_command_line(tmp_path, capsys):
    database = tmp_path / "live.db"
    assert run_cli("--database", database, "import", HEREFORDSHIRE) == 0
    assert run_cli("--database", database, "check") == 0
    assert "OK" in capsys.readouterr().out
    assert run_cli("--database", database, "backup", tmp_path / "copy.db") == 0
    assert run_cli("--database", database, "restore", tmp_path / "copy.db") == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "replaced-" in out
    truncated = tmp_path / "copy-truncated.db"
    truncated.write_bytes((tmp_path / "copy.db").read_bytes()[:5000])
    assert run_cli("--database", truncated, "check") == 1


def test_restore_of_a_damaged_copy_is_refused(tmp_path, capsys):
    database = tmp_path / "live.db"
    assert run_cli("--database", database, "import", HEREFORDSHIRE) == 0
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"\0" * 8192)
    before = database.read_bytes()
    assert run_cli("--database", database, "restore", damaged) == 1
    assert "nothing was changed" in capsys.readouterr().err
    assert database.read_bytes() == before


def test_unlock_with_a_bad_recovery_key_says_so(tmp_path, capsys):
    database = tmp_path / "live.db"
    assert run_cli("--database", database, "import", HEREFORDSHIRE) == 0
    assert run_cli("--database", database, "unlock", "--recovery-key", "12-34") == 1
    assert "64 letters and digits" in capsys.readouterr().err


def test_demo_loads_the_sample_data(tmp_path, capsys):
    database = tmp_path / "demo.db"
    assert run_cli("--database", database, "demo", "--no-gui") == 0
    # A second run updates by key: it duplicates nothing.
    assert run_cli("--database", database, "demo", "--no-gui") == 0
    capsys.readouterr()
    assert run_cli("--database", database, "export-data", "-") == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["meetings"]) == 1 + 2 + 4
    assert len(document["bookings"]) == 796


def test_missing_command_argument_is_a_usage_error():
    with pytest.raises(SystemExit) as caught:
        run_cli("import")
    assert caught.value.code == 2


def test_search_prints_one_result_a_line(tmp_path, capsys):
    database = tmp_path / "live.db"
    assert run_cli("--database", database, "import", HEREFORDSHIRE) == 0
    capsys.readouterr()
    assert run_cli("--database", database, "search", "County", "Lines") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert lines[0].split("\t")[0] == "Herefordshire Safeguarding Children Board"
    assert "[County]" in "".join(line.split("\t")[3] for line in lines)
    assert any(line.split("\t")[1] == "23/10/2018" for line in lines)
