"""Small helpers for putting user text on screen safely and in house style."""

from __future__ import annotations

import datetime as dt


def escape(text: str) -> str:
    """For Qt rich-text labels, which would otherwise read user text as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def show_time(moment: dt.time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""
