"""Declarative base shared by every model, and the column helpers they use.

Enumerations are stored as their string values with a CHECK constraint, so a wrong value is
refused by SQLite itself and not only by Python.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import ColumnElement, Enum, MetaData, String
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

# Stable constraint names: Alembic's batch mode on SQLite needs them to alter tables later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A string column limited to the values of `enum_cls`, checked by the database."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
        length=max(len(m.value) for m in enum_cls),
    )


def key_column() -> Mapped[str]:
    """The interchange key: chosen by whoever made the record, unique within its table."""
    return mapped_column(String(120), unique=True, nullable=False)


class StrEnum(enum.StrEnum):
    """An enumeration whose members compare equal to their stored strings."""

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, value: Any) -> StrEnum:
        return cls(value)


def unindexed(column: InstrumentedAttribute[Any]) -> ColumnElement[Any]:
    """`+column`: the same value, which SQLite's planner does not look up by an index, so that
    a query starts from a narrower index instead (a date range, say)."""
    element = column.expression
    return UnaryExpression(element, operator=custom_op("+"), type_=element.type)
