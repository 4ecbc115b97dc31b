"""Bringing records in from Excel, CSV and Word files, through the interchange importer.

A file is read (tables.py, minutes.py), its columns matched to fields (mapping.py), its rows
turned into a boardwork/2 document (sheets.py, minutes.py) and that document imported by
desktop/services/interchange with all its checks: one transaction, every problem listed with
its row or paragraph, nothing imported on error, re-import recognised.
"""

from desktop.services.importing.run import (
    Source,
    import_file,
    open_source,
    plan_source,
    run_import,
)

__all__ = ["Source", "import_file", "open_source", "plan_source", "run_import"]
