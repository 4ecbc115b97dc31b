"""A subject access request answered: a readable document (Word or PDF) and a JSON file of
the same facts, written into one folder. Items flagged for review are marked in both."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from desktop.exports.document import (
    Block,
    Column,
    Document,
    Heading,
    Row,
    Table,
    cell,
    para,
    text_row,
)
from desktop.exports.render import organisation, write_for
from desktop.services.database import Database
from desktop.services.files import write_text_atomically
from desktop.services.keys import slugify
from desktop.services.privacy.subject_access import SubjectAccess, subject_access

FLAG = "CONFIDENTIAL ITEM – REVIEW BEFORE RELEASE: it may name a child, a family or another " \
       "person, whose details must be redacted."


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)


def _table(headers: tuple[tuple[str, float], ...], rows: list[tuple[Any, ...]]) -> Table:
    return Table(tuple(Column(h, w) for h, w in headers),
                 tuple(text_row(*(_text(v) for v in row)) for row in rows))


def _section(title: str, empty: str, body: list[Block]) -> list[Block]:
    return [Heading(title, 2), *(body or [para(empty, italic=True)])]


def subject_access_document(data: SubjectAccess, org: str = "") -> Document:
    p = data.person
    blocks: list[Block] = [
        para(f"Produced on {data.produced:%d %B %Y at %H:%M}. Everything this database holds "
             f"about the person, under Article 15 of the UK GDPR. {data.flagged} item(s) of "
             "minutes are flagged for review before release."),
        Heading("Their record", 2),
        _table((("Field", 60), ("Held", 200)), [
            ("Key", p["key"]), ("Name", p["name"]), ("Title", p["title"]),
            ("Job title", p["job_title"]), ("Agency", p["agency"]), ("E-mail", p["email"]),
            ("Telephone", p["phone"]), ("Notes", p["notes"]),
            ("Agencies (now and on bookings)", ", ".join(data.agencies))]),
    ]
    blocks += _section("Seats on boards and groups", "None.", [_table(
        (("Board or group", 90), ("Role", 90), ("From", 28), ("To", 28), ("As", 24)),
        [(m["board"], m["role"], m["from"], m["to"], m["as"]) for m in data.memberships])]
        if data.memberships else [])
    blocks += _section("Attendance at meetings", "None.", [_table(
        (("Date", 28), ("Board or group", 85), ("Status", 30), ("Initials", 22), ("Role", 95)),
        [(a["date"], a["board"], a["status"].replace("_", " "), a["initials"], a["role"])
         for a in data.attendance])] if data.attendance else [])
    actions: list[Block] = []
    for a in data.actions:
        actions.append(para(f"{a['board']} action {a['number']}: {a['title'] or ''} "
                            f"({a['status'].replace('_', ' ')})", bold=True))
        actions.append(para(a["text"]))
        actions += [para(f"Update {_text(u['date'])}: {u['text']}") for u in a["updates"]]
    blocks += _section("Actions they own, with their updates", "None.", actions)
    blocks += _section("Training bookings and charges", "None.", [_table(
        (("Session", 28), ("Course", 100), ("Status", 32), ("Agency", 80), ("Charge £", 20)),
        [(b["start"], b["course"], b["status"].replace("_", " "), b["agency"],
          f"{b['charge_pence'] / 100:.2f}" if b["charge_pence"] else "")
         for b in data.bookings])] if data.bookings else [])
    minutes: list[Block] = []
    for m in data.minutes:
        minutes.append(para(f"{m.meeting}, item {m.item} (found: {m.matched})", bold=True))
        if m.confidential:
            minutes.append(para(FLAG, bold=True, italic=True))
        minutes.append(para(m.text or "(no minutes written)"))
    blocks += _section("Minutes that mention them, at meetings they attended", "None found.",
                       minutes)
    blocks += _section("The audit trail: changes to their records", "None.", [Table(
        (Column("When", 32), Column("By", 25), Column("Record", 40), Column("Change", 24),
         Column("Field", 30), Column("Old value", 54), Column("New value", 55)),
        tuple(Row((cell(_text(e["at"])), cell(e["user"]), cell(e["record"]), cell(e["change"]),
                   cell(e["field"] or ""), cell((e["old"] or "")[:300]),
                   cell((e["new"] or "")[:300])))
              for e in data.audit))] if data.audit else [])
    return Document(f"Subject access: {p['name']}", ("Personal data held by Boardwork",),
                    tuple(blocks), header=org, footer="Subject access request",
                    landscape=True)


def write_subject_access(database: Database, person_id: int, folder: Path,
                         fmt: str = "pdf") -> tuple[Path, Path, SubjectAccess]:
    """The document and the JSON file, named after the person's key and the day."""
    data = subject_access(database, person_id)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"subject-access-{slugify(data.person['key'])}-{data.produced:%Y-%m-%d}"
    document = folder / f"{stem}.{fmt}"
    machine = folder / f"{stem}.json"
    write_for(database, subject_access_document(data, organisation(database)), fmt, document)
    write_text_atomically(machine, json.dumps(data.as_json(), ensure_ascii=False, indent=2))
    return document, machine, data
