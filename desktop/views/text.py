"""Small helpers for putting user text on screen safely and in house style."""

from __future__ import annotations

import datetime as dt

from desktop.dates import show_date, show_time

__all__ = ["escape", "parse_date", "parse_time", "show_date", "show_time"]


def escape(text: str) -> str:
    """For Qt rich-text labels, which would otherwise read user text as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")




def parse_time(text: str, label: str) -> dt.time | None:
    """"9:30", "09:30", "0930" or "9.30" (as the reference papers write it); "" is no time."""
    cleaned = text.strip().replace(".", ":")
    if not cleaned:
        return None
    if ":" not in cleaned and cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = cleaned[:-2] + ":" + cleaned[-2:]
    try:
        hours, minutes = (int(part) for part in cleaned.split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise ValueError(f"{label}: {text.strip()!r} is not a time (write it as 09:30).") from None


def parse_date(text: str, label: str) -> dt.date | None:
    """"23/10/2018" or "23.10.2018" (as the papers write dates); "" is no date."""
    cleaned = text.strip().replace(".", "/").replace("-", "/")
    if not cleaned:
        return None
    try:
        day, month, year = (int(part) for part in cleaned.split("/"))
        return dt.date(year if year > 99 else 2000 + year, month, day)
    except ValueError:
        raise ValueError(f"{label}: {text.strip()!r} is not a date (write it as 23/10/2018)."
                         ) from None
