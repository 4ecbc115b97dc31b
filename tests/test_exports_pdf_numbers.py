"""Numbers in the PDF's page operators are written as reportlab writes them
(desktop/exports/pdf_numbers.py), once per document, and the whole file is byte for byte
what reportlab alone writes."""

from __future__ import annotations

import importlib
import random

import pytest
from reportlab import rl_config
from reportlab.lib import rl_accel

from desktop.exports import pdf, pdf_lines, pdf_numbers
from desktop.exports.pdf import pdf_bytes

REPORTLAB = rl_accel._py_fp_str  # type: ignore[attr-defined]


def _sample() -> list[float]:
    rng = random.Random(19)
    values: list[float] = [0, 1, -1, 1e-7, -1e-7, 2e-7, -2e-7, 0.5, -0.5, 1e7, 12345678.9,
                           0.999999, 0.9999999, 1.0000001, 9.9999996, 99.999995, 595.2756]
    values += [sign * 10.0 ** k for k in range(-8, 9) for sign in (1, -1)]
    values += [rng.uniform(-1000, 1000) for _ in range(20000)]
    values += [round(rng.uniform(0, 900), rng.randint(0, 8)) for _ in range(20000)]
    values += [rng.random() * 10 ** rng.randint(-9, 9) for _ in range(20000)]
    values += [rng.randint(-5000, 5000) for _ in range(2000)]
    return values


def test_each_number_is_written_as_reportlab_writes_it() -> None:
    values = _sample()
    assert [pdf_numbers.number_text(v) for v in values] == [REPORTLAB(v) for v in values]
    with pdf_numbers.numbers_written():
        for _ in range(2):  # the second time from the document's table
            assert [pdf_numbers.fp_str(v) for v in values] == [REPORTLAB(v) for v in values]
        pairs = list(zip(values, reversed(values), strict=True))
        assert [pdf_numbers.fp_str(*p) for p in pairs] == [REPORTLAB(*p) for p in pairs]
        assert pdf_numbers.fp_str([1.5, 2, 0.25]) == REPORTLAB([1.5, 2, 0.25]) == "1.5 2 .25"
    assert pdf_numbers._WRITTEN.get() is None  # dropped with the document
    assert pdf_numbers.fp_str((3.14159265, -0.5)) == REPORTLAB((3.14159265, -0.5))


def test_installed_in_reportlab_s_page_writers() -> None:
    pdf_numbers.install()
    for name in pdf_numbers._USERS:
        assert importlib.import_module(name).fp_str is pdf_numbers.fp_str


def test_minutes_file_is_byte_for_byte_reportlab_s_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_exports_pdf_lines import _minutes_like

    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    document = _minutes_like()
    ours = pdf_bytes(document)
    monkeypatch.setattr(pdf_lines, "LIGHT", False)
    monkeypatch.setattr(pdf_numbers, "MEMO", False)
    # as pdf.py holds it: else it would put ours back in place of reportlab's
    monkeypatch.setattr(pdf, "install_numbers", lambda: None)
    for name in pdf_numbers._USERS:
        monkeypatch.setattr(importlib.import_module(name), "fp_str", REPORTLAB)
    assert ours == pdf_bytes(document)
    assert importlib.import_module("reportlab.pdfgen.canvas").fp_str is REPORTLAB
