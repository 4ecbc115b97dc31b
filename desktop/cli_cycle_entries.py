"""`boardwork minutes state --meeting KEY [--to STATE]`: where a meeting's minutes are, and
the next step recorded, for desktop/cli.py. The services know nothing of the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.services.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.services.database import Database

STATES = ("drafted", "sent_to_chair", "chair_changes", "circulated", "published")


def add_minutes_parser(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("minutes", help="the minutes' steps from draft to published")
    steps = sub.add_subparsers(dest="minutes_command", metavar="WHAT", required=True)
    state = steps.add_parser("state", help="show the steps and versions of a meeting's "
                                           "minutes, or record the next step")
    state.add_argument("--meeting", required=True, metavar="KEY", help="the meeting's key")
    state.add_argument("--to", choices=STATES, metavar="STATE",
                       help=f"record the next step: one of {', '.join(STATES)} (approval is "
                            "given at the next meeting, in the application)")
    state.add_argument("--public", action="store_true",
                       help="published: the public copy (confidential items left out); "
                            "without it, the full copy")
    state.add_argument("--note", default="", metavar="TEXT", help="a note kept with the step")


def run_minutes(db: Database, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop.models import Meeting
    from desktop.services.meetings import versions

    with db.session() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.key == args.meeting))
    if meeting_id is None:
        raise SystemExit(f"boardwork: there is no meeting {args.meeting!r}.")
    if args.to:
        try:
            versions.move_to(db, meeting_id, args.to, note=args.note,
                             public=args.public if args.to == "published" else None)
        except InvalidInput as exc:
            raise SystemExit(f"boardwork: {exc}") from None
    found = versions.history(db, meeting_id)
    now = versions.STATE_LABELS[found.state] if found.state else "not yet drafted"
    print(f"Minutes of {args.meeting}: {now}.")
    for step in found.steps:
        line = f"  {step.at:%Y-%m-%d %H:%M}  {step.label}"
        line += f", version {step.version}" if step.version else ""
        line += f", at {step.approved_at}" if step.approved_at else ""
        print(f"{line}, by {step.by}" + (f" ({step.note})" if step.note else ""))
    for version in found.versions:
        print(f"  version {version.number}: {version.label} "
              f"({version.made_at:%Y-%m-%d %H:%M}, {version.made_by})")
    if found.next_states:
        print("Next: " + ", ".join(found.next_states) + ".")
    return 0
