"""Writes a `Document` in the format asked for; the one place that knows the renderers."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from desktop.exports.document import Document
from desktop.exports.docx import write_docx
from desktop.exports.pdf import write_pdf
from desktop.services.database import Database
from desktop.services.settings import load_logo, load_settings

RENDERERS: dict[str, Callable[[Document, Path], None]] = {"docx": write_docx, "pdf": write_pdf}
FORMATS = tuple(RENDERERS)


def write_document(document: Document, fmt: str, path: Path) -> None:
    if fmt not in RENDERERS:
        raise ValueError(f"Documents are written as {' or '.join(FORMATS)}, not {fmt!r}.")
    RENDERERS[fmt](document, path)


def organisation(db: Database, fallback: str = "") -> str:
    """The organisation's name from the settings, for every page's header."""
    return load_settings(db).organisation_name or fallback


def write_for(db: Database, document: Document, fmt: str, path: Path) -> None:
    """Write `document` with the organisation's logo from the settings on its pages, and the
    organisation as its author."""
    write_document(dataclasses.replace(document, logo=load_logo(db),
                                       author=document.author or organisation(db)), fmt, path)
