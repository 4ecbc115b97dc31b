"""Lists in Word, nested ones in order and indented by level, each numbered list from 1.

Every list (a nested one too) gets its own numbering instance, so that each starts again at
1 and an outer list goes on counting after a list nested in it. The instances share two
multi-level definitions made here, one for bullets and one for numbers, indented by level:
the template's list styles only define one level each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from desktop.exports.document import ListBlock, Run

LEVELS = 9  # Word's numbering has levels 0 to 8; deeper lists stay at the last one
INDENT = 340  # twips (6 mm) further in at each level, the bullet hanging in the margin
BULLETS = ("•", "◦", "▪")
NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")  # 1. a. i., as the PDF prints

AddParagraph = Callable[..., Any]
WriteRuns = Callable[[Any, tuple[Run, ...]], None]


def list_style(ordered: bool, level: int) -> str:
    """The template's list style for the level: List Bullet, List Bullet 2, List Bullet 3."""
    name = "List Number" if ordered else "List Bullet"
    return name if level == 0 else f"{name} {min(level + 1, 3)}"


class WordLists:
    """Writes the lists of one Word document (the numbering definitions are made once)."""

    def __init__(self, word: Any, write_runs: WriteRuns) -> None:
        self._word = word
        self._write_runs = write_runs
        self._definitions: dict[bool, str] = {}

    def add(self, block: ListBlock, add_paragraph: AddParagraph, level: int = 0) -> None:
        depth = min(level, LEVELS - 1)
        number_id = self._instance(block.ordered, depth)
        for sublist in block.sublists(-1):
            self.add(sublist, add_paragraph, level + 1)
        for index, item in enumerate(block.items):
            paragraph = add_paragraph(style=list_style(block.ordered, level))
            self._write_runs(paragraph, item)
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = depth
            num_pr.get_or_add_numId().val = number_id
            for sublist in block.sublists(index):
                self.add(sublist, add_paragraph, level + 1)

    def _numbering(self) -> Any:
        return self._word.part.numbering_part.element

    def _instance(self, ordered: bool, level: int) -> int:
        """A new numbering instance of the bullets' or numbers' definition, starting at 1."""
        numbering = self._numbering()
        instances = numbering.findall(qn("w:num"))
        number_id = max((int(n.get(qn("w:numId"))) for n in instances), default=0) + 1
        instance = OxmlElement("w:num")
        instance.set(qn("w:numId"), str(number_id))
        definition = OxmlElement("w:abstractNumId")
        definition.set(qn("w:val"), self._definition(ordered))
        instance.append(definition)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), str(level))
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        instance.append(override)
        numbering.append(instance)
        return number_id

    def _definition(self, ordered: bool) -> str:
        if ordered not in self._definitions:
            numbering = self._numbering()
            used = [int(a.get(qn("w:abstractNumId")))
                    for a in numbering.findall(qn("w:abstractNum"))]
            identifier = str(max(used, default=-1) + 1)
            definition = _multilevel(identifier, ordered)
            first_instance = numbering.find(qn("w:num"))
            # The schema wants every definition before the first instance.
            if first_instance is None:
                numbering.append(definition)
            else:
                first_instance.addprevious(definition)
            self._definitions[ordered] = identifier
        return self._definitions[ordered]


def _multilevel(identifier: str, ordered: bool) -> Any:
    definition = OxmlElement("w:abstractNum")
    definition.set(qn("w:abstractNumId"), identifier)
    kind = OxmlElement("w:multiLevelType")
    kind.set(qn("w:val"), "multilevel")
    definition.append(kind)
    for level in range(LEVELS):
        if ordered:
            number_format, text = NUMBER_FORMATS[level % 3], f"%{level + 1}."
        else:
            number_format, text = "bullet", BULLETS[level % 3]
        definition.append(_level(level, number_format, text))
    return definition


def _level(level: int, number_format: str, text: str) -> Any:
    element = OxmlElement("w:lvl")
    element.set(qn("w:ilvl"), str(level))
    for tag, value in (("w:start", "1"), ("w:numFmt", number_format), ("w:lvlText", text),
                       ("w:lvlJc", "left")):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        element.append(child)
    paragraph = OxmlElement("w:pPr")
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), str(INDENT * (level + 1)))
    indent.set(qn("w:hanging"), str(INDENT))
    paragraph.append(indent)
    element.append(paragraph)
    return element
