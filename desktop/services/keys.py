"""Interchange keys for records made in the application ("Sally Halls" -> "sally-halls").

Every keyed record needs a key so that an export can be imported again and refer to it; the
records made by hand get one from their name, unique within their table.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

# The key column holds 120 characters; room is left for a "-NNN" suffix.
MAX_SLUG = 100
FALLBACK = "record"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens; accents dropped, everything else a separator."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or FALLBACK


def unique_key(session: Session, model: type, text: str) -> str:
    """A key made from `text` that no row of `model` has yet: slug, slug-2, slug-3, ..."""
    slug = slugify(text)
    column: Any = model.key  # type: ignore[attr-defined]
    # A slug is only [a-z0-9-], so it holds no LIKE wildcards.
    taken = set(
        session.scalars(select(column).where(or_(column == slug, column.like(slug + "-%"))))
    )
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
