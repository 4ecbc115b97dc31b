"""The words a user added to their own dictionary: one a line, in their data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop.services.files import write_text_atomically

FILE_NAME = "dictionary.txt"


def default_personal_path() -> Path:
    """Beside the database: %LOCALAPPDATA%\\Boardwork on Windows, ~/.local/share/Boardwork."""
    return Path(platformdirs.user_data_dir("Boardwork", appauthor=False)) / FILE_NAME


class PersonalDictionary:
    """Kept per user (not in the shared database): spelling is a person's habit, and the
    database may be shared between colleagues by backup and restore."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.words: list[str] = []
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError):
            # An unreadable list must not stop minutes being taken; adding a word rewrites it.
            return
        self.words = [line.strip() for line in text.splitlines() if line.strip()]

    def add(self, word: str) -> None:
        """Written at once, whole, through a temporary file: a crash leaves the old list."""
        word = word.strip()
        if not word or word.casefold() in {w.casefold() for w in self.words}:
            return
        words = sorted([*self.words, word], key=str.casefold)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(self.path, "".join(f"{w}\n" for w in words))
        self.words = words  # only once it is kept: a failed write leaves the word unknown
