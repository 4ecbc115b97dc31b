"""`boardwork attach` (papers on agenda items) and `boardwork export pack` (the meeting pack)
from the command line. The services and the pack know nothing of the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli_documents import DocumentCommand
from desktop.services.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.services.database import Database
    from desktop.services.papers import PaperRow


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def add_attach_parser(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("attach", help="attach a paper (PDF or Word) to an agenda item, "
                                             "or remove one with --remove")
    sub.add_argument("--meeting", required=True, metavar="KEY", help="the meeting's key")
    sub.add_argument("--item", required=True, metavar="LABEL",
                     help="the item's number as printed (5, 5.1)")
    sub.add_argument("file", nargs="?", type=Path, metavar="FILE",
                     help="the paper: .pdf, or Word (.docx, .doc, .odt, .rtf) turned into PDF "
                          "by LibreOffice; with --remove, the name of the paper's file")
    sub.add_argument("--title", metavar="TEXT", help="the paper's title (default: the file's "
                                                     "name); with --remove, which paper")
    sub.add_argument("--author", metavar="TEXT", help="who wrote it, or the agency")
    sub.add_argument("--received", type=_date, metavar="DATE",
                     help="when it was received (default: today)")
    sub.add_argument("--remove", action="store_true",
                     help="remove the item's paper (named by FILE or --title when it has more "
                          "than one)")


def run_attach(database: Database, args: argparse.Namespace) -> int:
    from desktop.services import papers

    meeting_id = papers.meeting_id_of(database, args.meeting)
    item_id = papers.item_id_of(database, meeting_id, args.item)
    where = f"item {args.item} of {args.meeting}"
    if args.remove:
        paper = _which(papers.meeting_papers(database, meeting_id), item_id, args, where)
        papers.remove_paper(database, paper.id)
        print(f"Removed {paper.title!r} from {where}.")
        return 0
    if args.file is None:
        raise InvalidInput("Name the paper's file to attach (or --remove to remove one).")
    paper_file = papers.read_paper_file(args.file)
    papers.attach_paper(database, item_id, paper_file, args.title or "", args.author or "",
                        args.received)
    print(f"Attached {args.file.name} to {where}: {paper_file.pages} "
          f"page{'s' * (paper_file.pages != 1)}.")
    return 0


def _which(rows: list[PaperRow], item_id: int, args: argparse.Namespace,
           where: str) -> PaperRow:
    on_item = [row for row in rows if row.item_id == item_id]
    if not on_item:
        raise InvalidInput(f"There is no paper on {where}.")
    chosen = on_item
    if args.title:
        chosen = [row for row in on_item if row.title.casefold() == args.title.casefold()]
    elif args.file is not None:
        chosen = [row for row in on_item if row.filename.casefold() == args.file.name.casefold()]
    if len(chosen) != 1:
        names = "; ".join(f"{row.title} ({row.filename})" for row in on_item)
        raise InvalidInput(f"Say which paper to remove from {where} with --title or its file "
                           f"name: {names}.")
    return chosen[0]


def _pack_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--meeting", required=True, metavar="KEY", help="the meeting's key")
    parser.add_argument("--public", action="store_true",
                        help="the public pack: confidential items' papers left out (Exempt)")
    parser.add_argument("--supplement", action="store_true",
                        help="only the papers received after the meeting's paper deadline")


def _write_pack(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    from desktop.exports.pack import build_pack
    from desktop.services.files import write_bytes_atomically

    pack = build_pack(db, args.meeting, public=args.public, supplement=args.supplement)
    write_bytes_atomically(path, pack.pdf)
    line = f"Wrote {path}: {pack.pages} pages, {pack.papers} paper{'s' * (pack.papers != 1)}"
    if pack.exempt:
        line += f", {pack.exempt} item{'s' * (pack.exempt != 1)} exempt"
    return line + "."


def pack_command() -> DocumentCommand:
    return DocumentCommand("pack", "a meeting pack: cover, agenda and every paper in one PDF",
                           ("pdf",), _pack_arguments, _write_pack)
