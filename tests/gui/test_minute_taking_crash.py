"""A minute-taker's laptop dies mid-sentence, while they type steadily: at most the last
second of typing is missing when the database is opened again.

A child process (tests/support/minute_taker_child.py) types at a human 12 to 20 characters
a second without ever pausing, and reports each keystroke with its time; it is killed with
SIGKILL at a random moment, just after Ctrl+PgDown, or just after Ctrl+Enter adds an
action. Both processes read the same monotonic clock, so the test knows exactly what had
been typed one second before the kill, and compares that with what was saved.
"""

from __future__ import annotations

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Action, Meeting, MeetingStatus
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
STEADY_RUNS = 5
AT_MOST_LOST_S = 1.0
ACTION_LINE = "Action: LB to provide a report to the Executive by December"


@dataclass
class Typist:
    database: Path
    key: str
    meeting_id: int


@dataclass
class Killed:
    typed_at: list[float]  # the clock at each keystroke, in order
    killed_at: float
    marks: list[str]  # MOVED, RAISED

    def typed_before(self, moment: float) -> int:
        return sum(1 for at in self.typed_at if at <= moment)


@pytest.fixture
def typist(tmp_path: Path) -> Typist:
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
    return Typist(path, key, meeting_id)


def _type_and_kill(typist: Typist, tmp_path: Path, number: str, text: str, seed: int,
                   then: str = "", kill_after: float | None = None) -> Killed:
    """Kill the typing child `kill_after` seconds after its first keystroke, or as soon as
    it reports the Ctrl+PgDown or Ctrl+Enter of `then`."""
    text_file = tmp_path / f"text-{seed}.txt"
    text_file.write_text(text, encoding="utf-8")
    env = {**os.environ, ENV_VAR: typist.key, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.minute_taker_child", str(typist.database),
         str(typist.meeting_id), number, str(text_file), str(seed), *([then] if then else [])],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    try:
        while True:
            line = child.stdout.readline()
            assert line, "the typist stopped by itself: " + child.stderr.read()[-2000:]
            lines.append(line)
            if kill_after is not None:
                time.sleep(kill_after)  # choosing when to kill; nothing is timed by it
                break
            if line.strip() in ("MOVED", "RAISED"):
                break
        killed_at = time.monotonic()
        os.kill(child.pid, signal.SIGKILL)
        rest, _errors = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    lines += rest.splitlines()
    typed_at = [float(line.split()[2]) for line in lines if line.startswith("TYPED ")]
    marks = [line.strip() for line in lines if line.strip() in ("MOVED", "RAISED")]
    return Killed(typed_at, killed_at, marks)


def _saved(typist: Typist, *numbers: str) -> list[str]:
    database = open_database(typist.database, KeyStore({ENV_VAR: typist.key}),
                             create=False).database
    try:
        items = {i.number: i for i in svc.meeting_record(database, typist.meeting_id).items}
        return [html_to_text(items[number].minutes_html or "") for number in numbers]
    finally:
        database.close()


def _words(text: str) -> str:
    return " ".join(text.split())


def test_at_most_a_second_of_steady_typing_is_lost_when_killed(typist, tmp_path):
    measured = []
    for run in range(STEADY_RUNS):
        seed = random.randrange(1_000_000)
        kill_after = random.Random(seed).uniform(1.2, 3.6)
        text = f"Run {run}. " + "".join(TEXTS * 3)
        killed = _type_and_kill(typist, tmp_path, "5.1", text, seed, kill_after=kill_after)
        typed = len(killed.typed_at)
        assert typed < len(text), "the text ran out before the kill"
        [saved] = _saved(typist, "5.1")
        must_have = killed.typed_before(killed.killed_at - AT_MOST_LOST_S)
        # What is saved is what was typed, in order: nothing garbled, nothing extra.
        assert _words(text[:typed]).startswith(_words(saved)), (seed, saved)
        saved_keys = max(n for n in range(typed + 1)
                         if len(_words(text[:n])) <= len(_words(saved)))
        lost_s = killed.killed_at - killed.typed_at[saved_keys] if saved_keys < typed else 0.0
        measured.append(f"run {run} (seed {seed}): killed {kill_after:.2f} s into typing, "
                        f"{typed} typed, {typed - saved_keys} lost ({lost_s:.2f} s)")
        assert saved_keys >= must_have, measured[-1]
    print("\n".join(measured))


def test_killed_just_after_moving_to_the_next_item_keeps_the_item(typist, tmp_path):
    text = "Ctrl+PgDown straight after the last letter – Zoë agreed ✓"
    killed = _type_and_kill(typist, tmp_path, "5.1", text, 1, then="then-move")
    assert killed.marks == ["MOVED"]
    [saved] = _saved(typist, "5.1")
    assert _words(saved) == _words(text)


def test_killed_just_after_adding_an_action_keeps_its_line_in_the_minutes(typist, tmp_path):
    killed = _type_and_kill(typist, tmp_path, "5.3", ACTION_LINE, 2, then="then-raise")
    assert killed.marks == ["RAISED"]
    [saved] = _saved(typist, "5.3")
    assert ACTION_LINE in saved
    database = open_database(typist.database, KeyStore({ENV_VAR: typist.key}),
                             create=False).database
    with database.session() as session:
        action = session.scalars(select(Action).where(Action.number == 119)).one()
        assert "report to the Executive" in action.text
        assert action.item is not None and action.item.number == "5.3"
    database.close()
