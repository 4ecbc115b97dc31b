"""Automatic backups: never a single copy of the board's records.

A copy of the database, encrypted as it is, goes to a folder the user chose (a network drive
or a synced folder) when the app closes and every few hours while it runs. Generations are
kept on a rota (the newest of each of the last days, then of each of the last weeks) so a
mistake noticed a week late can still be undone, and the folder never fills up.

The plan is kept in the database's settings, so a database restored on a rebuilt laptop goes
on backing up to the same folder. It is this installation's, not a record: export-data leaves
it out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from desktop.models import Setting
from desktop.models.database import Database, describe_os_error
from desktop.services import structure_check
from desktop.services.errors import InvalidInput
from desktop.services.maintenance import backup_database
from desktop.services.structure_check import StructureCheck

# Only files of this name are ever deleted by the rota: nothing else in the folder is touched.
_NAME = re.compile(r"^boardwork-auto-(\d{8}-\d{6})\.db$")
_STAMP = "%Y%m%d-%H%M%S"

_SETTINGS = {"folder": "backup_folder", "every_hours": "backup_every_hours",
             "keep_daily": "backup_keep_daily", "keep_weekly": "backup_keep_weekly"}
LIMITS = {"every_hours": (1, 168), "keep_daily": (1, 60), "keep_weekly": (0, 52)}
LABELS = {"every_hours": "Back up every (hours)", "keep_daily": "Daily copies kept",
          "keep_weekly": "Weekly copies kept"}


@dataclass(frozen=True)
class BackupPlan:
    folder: Path | None = None  # None: automatic backups are off
    every_hours: int = 4
    keep_daily: int = 7
    keep_weekly: int = 4


@dataclass(frozen=True)
class BackupStatus:
    text: str  # for the status bar, in words
    warning: bool  # the user should act: no folder, folder unreachable, last copy too old
    last: dt.datetime | None = None


def load_plan(database: Database) -> BackupPlan:
    with database.session() as session:
        stored = {name: session.get(Setting, key) for name, key in _SETTINGS.items()}
    values: dict[str, object] = {}
    for name, row in stored.items():
        if row is None or not row.value:
            continue
        values[name] = Path(row.value) if name == "folder" else int(row.value)
    return BackupPlan(**values)  # type: ignore[arg-type]


def save_plan(database: Database, plan: BackupPlan) -> BackupPlan:
    """Checks the plan (the folder must exist and take a file), then saves it whole."""
    for name, (low, high) in LIMITS.items():
        value = getattr(plan, name)
        if not low <= value <= high:
            raise InvalidInput(f"{LABELS[name]} must be a whole number from {low} to {high}.",
                               name)
    if plan.folder is not None:
        _check_folder(database, plan.folder)
    with database.transaction() as session:
        for name, key in _SETTINGS.items():
            value = getattr(plan, name)
            text = "" if value is None else str(value)
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(name=key, value=text))
            else:
                row.value = text
    return load_plan(database)


def _check_folder(database: Database, folder: Path) -> None:
    if not folder.is_absolute():
        raise InvalidInput("Choose the backup folder with Browse…: a whole path is needed.",
                           "folder")
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} cannot be found (a network drive not "
                           "connected?).", "folder")
    if database.path is not None and folder.resolve() == database.path.parent.resolve():
        raise InvalidInput("Choose a folder on another disk or a network drive: copies "
                           "beside the database are lost with the laptop.", "folder")
    probe = folder / ".boardwork-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InvalidInput(f"Backups cannot be written to {folder}: "
                           f"{describe_os_error(exc)}.", "folder") from exc


def backups_in(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The automatic backups in `folder`, newest first (nothing when it cannot be read)."""
    found = []
    try:
        names = [path for path in folder.iterdir() if path.is_file()]
    except OSError:
        return []
    for path in names:
        match = _NAME.match(path.name)
        if match:
            found.append((dt.datetime.strptime(match.group(1), _STAMP), path))
    return sorted(found, reverse=True)


def to_keep(stamps: list[dt.datetime], plan: BackupPlan) -> set[dt.datetime]:
    """The generations the rota keeps: the newest of all, the newest of each of the last
    `keep_daily` days that have a backup, and of each of the last `keep_weekly` weeks."""
    newest_first = sorted(stamps, reverse=True)
    kept: set[dt.datetime] = set(newest_first[:1])
    days: dict[dt.date, dt.datetime] = {}
    weeks: dict[tuple[int, int], dt.datetime] = {}
    for stamp in newest_first:
        days.setdefault(stamp.date(), stamp)
        weeks.setdefault(stamp.isocalendar()[:2], stamp)
    kept.update(list(days.values())[:plan.keep_daily])
    kept.update(list(weeks.values())[:plan.keep_weekly])
    return kept


def is_due(plan: BackupPlan, now: dt.datetime) -> bool:
    if plan.folder is None:
        return False
    found = backups_in(plan.folder)
    return not found or now - found[0][0] >= dt.timedelta(hours=plan.every_hours)


def make_backup(database: Database, plan: BackupPlan, now: dt.datetime) -> Path:
    """A checked copy in the plan's folder, then the generations the rota no longer keeps
    are deleted. Consistent while the app writes (one read snapshot); runs off the UI thread."""
    if plan.folder is None:
        raise InvalidInput("Choose a backup folder first.", "folder")
    if not plan.folder.is_dir():
        raise InvalidInput(f"The backup folder {plan.folder} cannot be reached.", "folder")
    target = plan.folder / f"boardwork-auto-{now.strftime(_STAMP)}.db"
    made = backup_database(database, target)
    last_check = structure_check.last_check(database)
    if last_check is not None and not last_check.ok:
        return made  # copies from before the damage are kept until it is dealt with
    found = backups_in(plan.folder)
    kept = to_keep([stamp for stamp, _ in found], plan)
    for stamp, path in found:
        if stamp not in kept:
            path.unlink(missing_ok=True)
    return made


def backup_status(plan: BackupPlan, now: dt.datetime,
                  structure: StructureCheck | None = None) -> BackupStatus:
    if structure is not None and not structure.ok:
        return BackupStatus(f"The database failed its check on {structure.day:%d/%m/%Y}: "
                            "Help → Check the database; no backup is deleted until then", True)
    if plan.folder is None:
        return BackupStatus("Automatic backups are off (File → Automatic backups…)", True)
    if not plan.folder.is_dir():
        return BackupStatus(f"Backup folder cannot be reached: {plan.folder}", True)
    found = backups_in(plan.folder)
    if not found:
        return BackupStatus("No automatic backup made yet", True)
    last = found[0][0]
    when = (f"today {last:%H:%M}" if last.date() == now.date()
            else f"{last:%d/%m/%Y %H:%M}")
    if now - last > dt.timedelta(hours=plan.every_hours + 1):
        return BackupStatus(f"Last backup {when}: older than planned", True, last)
    return BackupStatus(f"Last backup {when}", False, last)
