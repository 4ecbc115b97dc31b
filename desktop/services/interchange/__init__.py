"""The Boardwork interchange format (boardwork/1): importing documents, exporting the database.

See INTERCHANGE.md for the format. An import is all or nothing: ImportRejected lists every
problem found and nothing is changed.
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
