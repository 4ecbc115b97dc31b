"""A minute-taker's laptop dies mid-sentence: every character typed a second and a half
before is in the database when it is opened again."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Meeting, MeetingStatus
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database
from desktop.services import meetings as svc
from desktop.services.interchange import import_documents, read_document
from desktop.services.richtext import html_to_text
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "Łukasz Nowak reported on the audit – 12 cases reviewed, £35 charged. ",
    "Zoë Martin: the Executive agreed the plan ✓ ",
    "No further questions were raised. ",
]
RUNS = 6


@pytest.fixture
def sample_meeting(tmp_path: Path) -> tuple[Path, str, int]:
    key = secrets.token_hex(32)
    path = tmp_path / "crash.db"
    database = open_database(path, KeyStore({ENV_VAR: key})).database
    sample = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(sample.name, read_document(sample))])
    with database.transaction() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting_id = meeting.id
    database.close()
    return path, key, meeting_id


def _kill_after_typing(path: Path, key: str, meeting_id: int, texts: Path) -> None:
    env = {**os.environ, ENV_VAR: key, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.minute_taker_child", str(path), str(meeting_id),
         str(texts)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read() if child.stderr else line
        # The promise under test: at most about a second of typing is lost.
        time.sleep(1.5)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def test_nothing_typed_is_lost_when_the_process_is_killed(sample_meeting, tmp_path):
    path, key, meeting_id = sample_meeting
    for run in range(RUNS):
        texts = [f"Run {run}. {text}" for text in TEXTS]
        text_file = tmp_path / f"texts-{run}.txt"
        text_file.write_text("\n\n".join(texts), encoding="utf-8")
        _kill_after_typing(path, key, meeting_id, text_file)
        database = open_database(path, KeyStore({ENV_VAR: key}), create=False).database
        items = svc.meeting_record(database, meeting_id).items
        database.close()
        for item, text in zip(items, texts, strict=False):
            assert text.strip() in html_to_text(item.minutes_html), (run, item.number)
