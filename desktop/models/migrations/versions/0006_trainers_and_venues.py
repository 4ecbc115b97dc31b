"""Trainers and venues as records: the names typed on sessions become records they point to

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _slug(text: str) -> str:
    # As desktop.services.keys.slugify (a migration must not change when the service does).
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100].rstrip("-") or "record"


def _records_from(column: str, table: str) -> None:
    """One record per distinct name typed in the column (spaces tidied, case kept as first
    typed), and every session pointed at its record."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        f"SELECT id, {column} FROM training_session WHERE {column} IS NOT NULL ORDER BY id"))
    by_name: dict[str, int] = {}
    keys: set[str] = set()
    for session_id, typed in rows.fetchall():
        name = " ".join(str(typed).split())
        if not name:
            continue
        found = by_name.get(name.casefold())
        if found is None:
            key, n = _slug(name), 2
            while key in keys:
                key, n = f"{_slug(name)}-{n}", n + 1
            keys.add(key)
            found = bind.execute(
                sa.text(f"INSERT INTO {table} (key, name) VALUES (:key, :name) RETURNING id"),
                {"key": key, "name": name}).scalar_one()
            by_name[name.casefold()] = found
        bind.execute(sa.text(f"UPDATE training_session SET {table}_id = :record WHERE id = :id"),
                     {"record": found, "id": session_id})


def upgrade() -> None:
    op.create_table(
        "trainer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer")),
        sa.UniqueConstraint("key", name=op.f("uq_trainer_key")),
    )
    op.create_table(
        "venue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("contact", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("room_capacity", sa.Integer(), nullable=True),
        sa.CheckConstraint("room_capacity IS NULL OR room_capacity > 0",
                           name=op.f("ck_venue_room_capacity_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_venue")),
        sa.UniqueConstraint("key", name=op.f("uq_venue_key")),
    )
    op.add_column("training_session", sa.Column("venue_id", sa.Integer(), nullable=True))
    op.add_column("training_session", sa.Column("trainer_id", sa.Integer(), nullable=True))
    _records_from("venue", "venue")
    _records_from("trainer", "trainer")
    # No search triggers on training_session, so batch mode's rebuild loses nothing.
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_column("venue")
        batch_op.drop_column("trainer")
        batch_op.create_foreign_key(batch_op.f("fk_training_session_venue_id_venue"),
                                    "venue", ["venue_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_training_session_trainer_id_trainer"),
                                    "trainer", ["trainer_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_training_session_venue_id"), ["venue_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_training_session_trainer_id"), ["trainer_id"],
                              unique=False)


def downgrade() -> None:
    op.add_column("training_session", sa.Column("venue", sa.String(length=300), nullable=True))
    op.add_column("training_session", sa.Column("trainer", sa.String(length=300), nullable=True))
    op.execute("UPDATE training_session SET venue = (SELECT name FROM venue WHERE venue.id = "
               "training_session.venue_id), trainer = (SELECT name FROM trainer WHERE "
               "trainer.id = training_session.trainer_id)")
    with op.batch_alter_table("training_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_session_trainer_id"))
        batch_op.drop_index(batch_op.f("ix_training_session_venue_id"))
        batch_op.drop_constraint(batch_op.f("fk_training_session_trainer_id_trainer"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_training_session_venue_id_venue"),
                                 type_="foreignkey")
        batch_op.drop_column("trainer_id")
        batch_op.drop_column("venue_id")
    op.drop_table("venue")
    op.drop_table("trainer")
