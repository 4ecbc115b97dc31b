"""The `settings` object of boardwork/2: the application settings and the logo, in and out.

Settings are rows of name and text (services/settings.py); the document holds them with their
own types (numbers as numbers, the logo as base64). Only settings someone saved are written,
so a database left at the defaults exports no `settings` at all.
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Setting
from desktop.services.interchange.importer_context import ApplyContext
from desktop.services.interchange.schema import Record
from desktop.services.settings import LIMITS, LOGO, Settings

RETENTION = "retention."  # the schedule's rows (services/privacy/schedule.py): "retention.<kind>"
# In the order they are written: the registry's, then the logo.
NAMES = [option.name for option in dataclasses.fields(Settings)] + [LOGO]


def export_settings(session: Session) -> dict[str, Any]:
    stored = dict(session.execute(select(Setting.name, Setting.value)).all())
    written: dict[str, Any] = {}
    for name in NAMES:
        if name not in stored:
            continue
        value = stored[name]
        if name == LOGO:
            if value:
                written[name] = value  # already base64
        else:
            written[name] = int(value) if name in LIMITS else value
    retention = {name[len(RETENTION):]: int(value) for name, value in sorted(stored.items())
                 if name.startswith(RETENTION) and value.isdigit()}
    if retention:
        written["retention"] = retention
    return written


def _stored(name: str, value: Any) -> str:
    if name == LOGO:
        return base64.b64encode(value).decode("ascii")
    return str(value)


def apply_settings(ctx: ApplyContext, record: Record | None) -> None:
    """The settings the document gives; with replace, those it leaves out go back to their
    defaults. A document without `settings` leaves every setting as it is."""
    if record is None:
        return
    for name in NAMES:
        row = ctx.session.get(Setting, name)
        if name in record:
            text = _stored(name, record[name])
            if row is None:
                ctx.add("settings", Setting(name=name, value=text))
            elif row.value != text:
                ctx.found("settings", row)
                row.value = text
        elif ctx.replace and row is not None:
            ctx.removed("settings", row)
    _apply_retention(ctx, record.get("retention") or {})


def _apply_retention(ctx: ApplyContext, years: dict[str, int]) -> None:
    """The retention schedule's periods the document gives (with replace, the others back to
    their defaults)."""
    from desktop.services.privacy.schedule import KINDS

    for kind in KINDS:
        row = ctx.session.get(Setting, RETENTION + kind.name)
        if kind.name in years:
            text = str(years[kind.name])
            if row is None:
                ctx.add("settings", Setting(name=RETENTION + kind.name, value=text))
            elif row.value != text:
                ctx.found("settings", row)
                row.value = text
        elif ctx.replace and row is not None:
            ctx.removed("settings", row)
