"""On Windows, `boardwork` output sent to a pipe or a file is UTF-8, so no letter is lost."""

from __future__ import annotations

import io
import sys

import pytest

from desktop.cli import utf8_when_redirected


class Redirected(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def cp1252_stream() -> Redirected:
    return Redirected(io.BytesIO(), encoding="cp1252")


def test_on_windows_redirected_output_is_utf8_and_keeps_every_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, err = cp1252_stream(), cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)

    utf8_when_redirected("win32")
    print("Łucja Nowak – سارة …")
    out.flush()

    assert out.encoding == err.encoding == "utf-8"
    assert out.buffer.getvalue().decode("utf-8") == "Łucja Nowak – سارة …\n"  # type: ignore[attr-defined]


def test_elsewhere_and_with_no_console_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    out = cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", None)  # Boardwork.exe on Windows has no console

    utf8_when_redirected("linux")
    assert out.encoding == "cp1252"
    utf8_when_redirected("win32")  # stderr None: left alone, no error
    assert out.encoding == "utf-8"
