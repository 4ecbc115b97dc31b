"""The import writes exactly what it wrote before it was made faster (issue 19, row 8b).

tests/data/import_dump.json.gz is the canonical dump (tests/support/import_dump.py) of every
table, made with the importer as it was before its apply step wrote rows by executemany:
after importing the three sample documents, and after importing a small generated set and
then the same set changed (people renamed, attendance changed in approved minutes, with a
reason). The importer must give the identical dump: the same rows with the same ids, the
same audit trail and the same search index.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import import_documents
from tests.support import import_dump

FIXTURE = Path(__file__).resolve().parent / "data" / "import_dump.json.gz"


def _expected() -> dict[str, Any]:
    return json.loads(gzip.decompress(FIXTURE.read_bytes()))


def _fresh(path: Path) -> Database:
    return open_database(path, KeyStore()).database


def _imported(path: Path, imports: list[tuple[list[tuple[str, Any]], str | None]]
              ) -> dict[str, Any]:
    db = _fresh(path)
    try:
        for documents, reason in imports:
            import_documents(db, documents, amend_reason=reason)
        return json.loads(import_dump.dump_json(import_dump.dump(db)))
    finally:
        db.close()


def _compare(expected: dict[str, list[Any]], actual: dict[str, list[Any]]) -> None:
    assert sorted(actual) == sorted(expected)
    for table in expected:
        assert len(actual[table]) == len(expected[table]), table
        for want, got in zip(expected[table], actual[table], strict=True):
            assert got == want, table


@pytest.mark.parametrize("scenario", ["samples", "generated"])
def test_import_writes_what_it_wrote_before(tmp_path: Path, scenario: str) -> None:
    if scenario == "samples":
        imports = [(import_dump.sample_documents(), None)]
    else:
        documents = import_dump.generated_documents()
        imports = [(documents, None),
                   (import_dump.changed_documents(documents), "corrected register")]
    _compare(_expected()[scenario], _imported(tmp_path / "db.db", imports))
