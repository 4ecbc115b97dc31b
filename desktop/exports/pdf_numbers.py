"""Numbers written into the PDF's page operators, as reportlab writes them, faster.

reportlab's pure-Python `fp_str` (used when its optional C accelerator is absent, as here)
writes each coordinate by formatting it and then walking back over the trailing zeros one
character at a time in a Python loop: a meeting's minutes call it ~3,700 times for ~8,700
numbers (every cell moved to, every text line placed, every rule), of which only ~630 are
distinct (the same margins, columns, line heights and font sizes on every page). Here each
distinct number is written once per document (a table held while it is laid out, dropped
with it, like the words' widths) and the same strings come out
(tests/test_exports_pdf_numbers.py checks them against reportlab's over a wide sample).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from reportlab.lib import rl_accel

# The modules that imported reportlab's `fp_str` by name and write page content with it.
_USERS = ("reportlab.pdfgen.canvas", "reportlab.pdfgen.textobject",
          "reportlab.pdfgen.pathobject", "reportlab.pdfbase.pdfdoc", "reportlab.lib.colors",
          "reportlab.platypus.tables", "reportlab.platypus.flowables")
_FORMATS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")
_LOG_E_10 = math.log(10.0)
_log = math.log


_WRITTEN: ContextVar[dict[Any, str] | None] = ContextVar("numbers_written", default=None)
MEMO = True  # off only to compare with every number formatted each time (tests, benchmarks)


@contextlib.contextmanager
def numbers_written() -> Iterator[None]:
    """While one document is made, each distinct number is formatted once."""
    token = _WRITTEN.set({} if MEMO else None)
    try:
        yield
    finally:
        _WRITTEN.reset(token)


def fp_str(*numbers: Any) -> str:
    """reportlab's `_py_fp_str`: the numbers separated by spaces (or one list or tuple of
    them), each written by `number_text`."""
    if len(numbers) == 1 and isinstance(numbers[0], (list, tuple)):
        numbers = tuple(numbers[0])
    written = _WRITTEN.get()
    if written is None:
        return " ".join([number_text(number) for number in numbers])
    out = []
    for number in numbers:
        text = written.get(number)
        if text is None:
            text = written[number] = number_text(number)
        out.append(text)
    return " ".join(out)


def number_text(number: Any) -> str:
    """One number as reportlab writes it: at most six decimals, as few digits as keep its
    value at that precision, no trailing zeros, no leading zero before the point."""
    size = abs(number)
    if size <= 1e-7:
        return "0"
    # the same sum as reportlab's (log(x) / log(10), not log10): the same precision at
    # the powers of ten where the two differ in the last bit
    places = 6 if size <= 1 else min(max(0, 6 - int(_log(size) / _LOG_E_10)), 6)
    text = _FORMATS[places] % number
    if places:
        text = text.rstrip("0")
        if text[-1] == ".":
            text = text[:-1]
    if text[0] == "0" and len(text) > 1:
        text = text[1:]
    return text


def install() -> None:
    """Put `fp_str` in place of reportlab's pure-Python one (never of its C accelerator)."""
    import importlib

    if rl_accel.fp_str is not rl_accel._py_fp_str:
        return
    for name in _USERS:
        module = importlib.import_module(name)
        if getattr(module, "fp_str", None) is rl_accel._py_fp_str:
            module.fp_str = fp_str  # type: ignore[attr-defined]
