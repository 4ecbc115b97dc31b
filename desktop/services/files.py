"""Writing a file the person chose: whole or not at all.

Every writer of a user-chosen file (export-data, Word, PDF, Excel) writes through
`write_atomically`: the bytes go to a hidden temporary file beside the target, are flushed
to disk, and only then take the target's name. A full disk, a crash or any error part-way
leaves the previous file (if any) as it was and no half-written copy: a half-written export
is both useless and a plaintext fragment of an encrypted database lying about.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def write_atomically(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target` to write; it becomes `target` if the block ends
    without error, and is deleted otherwise (whatever the error, Ctrl+C included)."""
    target = Path(target)
    # Beside the target, so the final rename never crosses file systems; the suffix keeps the
    # target's own, as some writers look at it.
    handle, name = tempfile.mkstemp(dir=target.parent or Path("."),
                                    prefix=f".{target.stem}.", suffix=f".partial{target.suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _flush_to_disk(temporary)
        # mkstemp makes the file private to its owner (0600), which suits exported records; a
        # file being replaced keeps the permissions someone gave it.
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomically(target: Path, text: str) -> None:
    with write_atomically(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_bytes_atomically(target: Path, data: bytes) -> None:
    with write_atomically(target) as temporary:
        temporary.write_bytes(data)


def _flush_to_disk(path: Path) -> None:
    """A full disk is sometimes only reported when the data reaches it: here, not later."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
