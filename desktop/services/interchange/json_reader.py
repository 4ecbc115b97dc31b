"""Reading a document's JSON strictly: what Python's json module lets through or crashes on.

json.loads takes the last of two equal field names in one object (`"confidential": true,
"confidential": false` silently becomes false), reads NaN and Infinity, raises RecursionError
on deep nesting and ValueError on a number of thousands of digits. Here each of these is
refused with its place in the document, before anything is imported.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from desktop.services.interchange.limits import (
    MAX_ERRORS,
    MAX_JSON_DEPTH,
    MAX_NUMBER_DIGITS,
    shown_name,
)


class _Object(dict[str, Any]):
    """A JSON object, remembering the field names that it was given more than once."""

    repeated: tuple[str, ...] = ()


class _Refused:
    """A JSON value that stands for a problem: reported with its path after parsing."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    if len(obj) != len(pairs):
        obj.repeated = tuple(k for k, n in Counter(k for k, _v in pairs).items() if n > 1)
    return obj


def _integer(digits: str) -> Any:
    if len(digits) > MAX_NUMBER_DIGITS:
        return _Refused(f"a number of {len(digits):,} digits, far too large")
    return int(digits)


def _constant(word: str) -> Any:
    return _Refused(f"{word} is not a number JSON allows")


# Strings (skipped whole, so brackets inside them do not count) and brackets.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _too_deep(content: str) -> str | None:
    """Where the nesting first goes beyond MAX_JSON_DEPTH, as "line L column C"."""
    depth = 0
    for match in _TOKENS.finditer(content):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                start = match.start()
                line = content.count("\n", 0, start) + 1
                column = start - (content.rfind("\n", 0, start) + 1) + 1
                return f"line {line} column {column}"
        elif token in "]}":
            depth -= 1
    return None


def _place(path: str, key: str) -> str:
    return f"{path}.{shown_name(key)}" if path else shown_name(key)


def _problems(document: Any) -> list[str]:
    """Repeated field names and refused values, each with its path (walked without recursion:
    the depth is bounded already, but a walk should not depend on that)."""
    problems: list[str] = []
    stack: list[tuple[str, Any]] = [("", document)]
    while stack and len(problems) < MAX_ERRORS:
        path, value = stack.pop()
        if isinstance(value, _Object):
            problems += [f"{_place(path, key)}: given more than once in the same object"
                         for key in value.repeated]
            stack.extend((_place(path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, _Refused):
            problems.append(f"{path or 'the document'}: {value.problem}")
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(f"{path or 'the document'}: a number too large to read")
    return problems


def load_json(content: str) -> tuple[Any, list[str]]:
    """The JSON value of `content` and the problems that stop it being imported.

    Raises json.JSONDecodeError for text that is not JSON at all.
    """
    place = _too_deep(content)
    if place is not None:
        return None, [f"{place}: nested more than {MAX_JSON_DEPTH} levels deep"]
    document = json.loads(
        content, object_pairs_hook=_object, parse_int=_integer, parse_constant=_constant
    )
    return document, _problems(document)
