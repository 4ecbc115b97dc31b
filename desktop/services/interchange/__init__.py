"""The Boardwork interchange format: importing documents, exporting the database.

See INTERCHANGE.md for boardwork/1 and docs/INTERCHANGE-2.md for what boardwork/2 adds. An
import is all or nothing: ImportRejected lists every problem found and nothing is changed.
"""

from desktop.services.interchange.exporter import export_data
from desktop.services.interchange.importer import import_documents, read_document
from desktop.services.interchange.importer_approved import ApprovedMinutesChanged
from desktop.services.interchange.importer_context import ImportReport
from desktop.services.interchange.schema import ImportRejected

__all__ = [
    "ApprovedMinutesChanged", "ImportRejected", "ImportReport", "export_data",
    "import_documents", "read_document",
]
